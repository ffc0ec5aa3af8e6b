"""Disposisi (SOP 1): the instruction that opens an evaluation period.

A disposisi records nomor agenda, surat dari, tanggal, hal, isi instruksi and batas waktu.
Recording it opens (or re-opens) the period with the disposisi's batas waktu, which is the
due date the Pengumpulan tracker judges every bidang against. A later disposisi for the same
year supersedes the earlier one; both stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kinerja_core import access, clock
from kinerja_core.access import Actor, Aksi


class DisposisiError(ValueError):
    """The disposisi cannot be recorded; the message lists every reason (Indonesian)."""


@dataclass(frozen=True)
class Disposisi:
    tahun: int
    sampai_tw: int
    nomor_agenda: str
    surat_dari: str
    tanggal: date
    hal: str
    isi_instruksi: str
    batas_waktu: date
    diterima_pada: datetime  # stored time (UTC) the disposisi reached the Kasubag

    def problems(self) -> list[str]:
        found = []
        for name, label in (
            ("nomor_agenda", "Nomor agenda"),
            ("surat_dari", "Surat dari"),
            ("hal", "Hal"),
            ("isi_instruksi", "Isi instruksi"),
        ):
            if not str(getattr(self, name)).strip():
                found.append(f"{label} wajib diisi.")
        if not 2000 <= self.tahun <= 2100:
            found.append(f"Tahun {self.tahun} tidak wajar; isi tahun anggaran yang dievaluasi.")
        if self.sampai_tw not in (1, 2, 3, 4):
            found.append("Triwulan harus 1 sampai 4.")
        if self.batas_waktu < self.tanggal:
            found.append(
                f"Batas waktu ({self.batas_waktu:%d/%m/%Y}) lebih awal dari tanggal disposisi "
                f"({self.tanggal:%d/%m/%Y}); periksa kembali."
            )
        return found


def catat(
    store, actor: Actor, item: Disposisi, scan: bytes | None = None, scan_name: str = ""
) -> int:
    """Record the disposisi (with its scan, if any) and open its period; returns its id."""
    access.require(actor, Aksi.BUKA_PERIODE)
    problems = item.problems()
    if problems:
        raise DisposisiError(" ".join(problems))
    record = {
        "tahun": item.tahun,
        "sampai_tw": item.sampai_tw,
        "nomor_agenda": " ".join(item.nomor_agenda.split()),
        "surat_dari": " ".join(item.surat_dari.split()),
        "tanggal": item.tanggal,
        "hal": item.hal.strip(),
        "isi_instruksi": item.isi_instruksi.strip(),
        "batas_waktu": item.batas_waktu,
        "diterima_pada": item.diterima_pada,
    }
    upload = None
    if scan:
        upload = {
            "tahun": item.tahun,
            "sampai_tw": item.sampai_tw,
            "jenis": "disposisi",
            "nama": scan_name or "disposisi.pdf",
            "isi": scan,
        }
    return store.add_disposisi(record, upload, actor.label)


def berlaku(store, tahun: int) -> dict | None:
    """The disposisi in force for a year (the latest recorded), or None."""
    rows = store.disposisi_list(tahun)
    return rows[-1] if rows else None


def now_received() -> datetime:
    """'Diterima pada' when the form does not say: now (stored time)."""
    return clock.utc_now()
