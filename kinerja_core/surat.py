"""Agenda surat keluar (SOP 10): the register of outgoing letters and their numbers.

nomor = ``settings.surat_pola_nomor`` filled with the kode klasifikasi, the nomor urut, the
kode unit and the letter's year, e.g. ``000.7.2/007/Diskominfo-SP/2026``. The nomor urut
counts per calendar year of the letter and restarts each year; a number once given is never
given again, and a cancelled one stays in the register as void (*nomor hangus*). The store
gives numbers inside a write transaction with (tahun, nomor_urut) unique, so two people (or
two CLI runs) numbering at once get two different, consecutive numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kinerja_core import access
from kinerja_core.access import Actor, Aksi
from kinerja_core.settings import Settings

HAL_PENGANTAR = "Surat pengantar dokumen evaluasi"


class SuratError(ValueError):
    """A letter that cannot be numbered or voided; the message says why (Indonesian)."""


def format_nomor(settings: Settings, nomor_urut: int, tahun: int) -> str:
    """The letter's full number from the settings' pattern and codes."""
    return settings.surat_pola_nomor.format(
        klasifikasi=settings.surat_kode_klasifikasi,
        urut=str(nomor_urut).zfill(settings.surat_digit_urut),
        unit=settings.surat_kode_unit,
        tahun=tahun,
    )


@dataclass(frozen=True)
class Nomor:
    id: int
    nomor_urut: int
    nomor: str


def beri_nomor(
    store,
    actor: Actor,
    settings: Settings,
    *,
    tanggal: date,
    kepada: str,
    hal: str,
    periode: tuple[int, int] | None = None,
) -> Nomor:
    """Take the next number of the letter's year and enter the letter in the register."""
    access.require(actor, Aksi.SURAT)
    if not kepada.strip():
        raise SuratError("Isi tujuan surat (Yth. …).")
    if not hal.strip():
        raise SuratError("Isi hal surat.")
    record = {
        "tahun": tanggal.year,
        "tanggal": tanggal,
        "kepada": " ".join(kepada.split()),
        "hal": hal.strip(),
        "periode_tahun": periode[0] if periode else None,
        "periode_tw": periode[1] if periode else None,
    }
    taken = store.take_letter_number(
        record, lambda urut: format_nomor(settings, urut, tanggal.year), actor.label
    )
    return Nomor(taken["id"], taken["nomor_urut"], taken["nomor"])


def hanguskan(store, actor: Actor, surat_id: int, alasan: str) -> None:
    """Void a number: it stays in the register, marked hangus, and is never given again."""
    access.require(actor, Aksi.SURAT)
    if not alasan.strip():
        raise SuratError("Tuliskan alasan nomor dihanguskan.")
    if not store.void_letter(surat_id, alasan.strip(), actor.label):
        raise SuratError("Nomor itu tidak ada atau sudah hangus.")


def register(store, tahun: int | None = None) -> list[dict]:
    """The agenda surat keluar (of one letter year), in number order."""
    return store.letters(tahun)


def pengantar_periode(store, tahun: int, sampai_tw: int) -> dict | None:
    """The newest valid (not void) surat pengantar numbered for a period, or None."""
    found = [
        row
        for row in store.letters()
        if row["periode_tahun"] == tahun
        and row["periode_tw"] == sampai_tw
        and row["hangus_pada"] is None
    ]
    return max(found, key=lambda row: row["id"]) if found else None
