"""The archive of an evaluation period (SOP 11): every file of the period with its sha256, as
a zip with a manifest and the retention class.

The archive holds the document versions as they were kept (the approved one frozen), the
signed scan, the surat pengantar, the disposisi (record and scan), the receipt, every
submission of the year with its original bytes, the rapat notes and each notulen kept at the
rapat, the document's history, the agenda surat keluar and the SOP timeline against its Mutu
Baku. ``manifest.csv`` lists each file with its sha256 and size. Nothing here deletes: the
store keeps every file insert-only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date

import pandas as pd

from kinerja_core import access, clock, disposisi, dokumen, notulen, sop, surat, tabular
from kinerja_core.access import Actor, Aksi
from kinerja_core.locale_id import TRIWULAN_LABEL
from kinerja_core.settings import Settings

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the content alone decides the bytes
MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class Item:
    path: str
    content: bytes
    keterangan: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def kelas_retensi(settings: Settings, sampai_tw: int) -> str:
    """The retention class of the period's archive (the kabupaten's JRA, a setting)."""
    return settings.jra_evaluasi_tahunan if sampai_tw == 4 else settings.jra_evaluasi_triwulan


def items(store, actor: Actor, settings: Settings, tahun: int, sampai_tw: int) -> list[Item]:
    """Every file of the period's archive, in a stable order."""
    access.require(actor, Aksi.LIHAT_ARSIP)
    found: list[Item] = []
    state = dokumen.keadaan(store, tahun, sampai_tw)
    for version in state.versions:
        for _key, (name, content) in dokumen.version_documents(store, version).items():
            label = "beku (disetujui)" if version.frozen else version.status.value
            found.append(
                Item(
                    f"dokumen/versi-{version.versi}/{name}",
                    content,
                    f"versi {version.versi}, {label}",
                )  # fmt: skip
            )
    folders = {
        "dokumen_ttd": ("ttd", "dokumen bertanda tangan"),
        "surat_pengantar": ("surat", "surat pengantar"),
        "tanda_terima": ("pengiriman", "tanda terima"),
        "disposisi": ("disposisi", "pindaian disposisi"),
        notulen.BERKAS_JENIS: ("rapat", "notulen rapat, seperti dibagikan"),
    }
    for row in store.berkas_list(tahun, sampai_tw):
        if row["jenis"] in folders:
            folder, label = folders[row["jenis"]]
            content = bytes(store.berkas(row["id"])["isi"])
            found.append(Item(f"{folder}/{row['id']:04d}_{row['nama']}", content, label))
    order = disposisi.berlaku(store, tahun)
    if order is not None:
        found.append(Item("disposisi/disposisi.txt", _disposisi_text(order), "catatan disposisi"))
    submissions = store.submissions(tahun)
    for row in submissions.sort_values("id").to_dict("records"):
        name = f"kiriman/{_safe(row['bidang'])}/v{row['version']}_{_safe(row['filename'])}"
        found.append(
            Item(name, store.submission_content(int(row["id"])), f"kiriman {row['bidang']}")
        )
    found.append(Item("rapat/catatan_rapat.csv", _notes_csv(store, tahun), "catatan rapat"))
    rapat = store.rapat_info(tahun, sampai_tw)
    if rapat is not None:
        found.append(Item("rapat/data_rapat.txt", _rapat_text(rapat), "data rapat koordinasi"))
    found.append(Item("riwayat_dokumen.csv", _events_csv(state), "riwayat status dokumen"))
    found.append(Item("agenda_surat_keluar.csv", _letters_csv(store, tahun, sampai_tw),
                      "agenda surat keluar periode ini"))  # fmt: skip
    found.append(
        Item("sop_mutu_baku.csv", _sop_csv(store, tahun, sampai_tw), "waktu SOP vs mutu baku")
    )
    found.append(
        Item("keterangan.txt", _info(settings, actor, tahun, sampai_tw), "keterangan arsip")
    )
    return found


def zip_bytes(store, actor: Actor, settings: Settings, tahun: int, sampai_tw: int) -> bytes:
    """The archive as a zip: every item, and manifest.csv (berkas; sha256; ukuran; keterangan)."""
    content = items(store, actor, settings, tahun, sampai_tw)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in content:
            archive.writestr(zipfile.ZipInfo(item.path, _ZIP_TIME), item.content,
                             zipfile.ZIP_DEFLATED)  # fmt: skip
        archive.writestr(zipfile.ZipInfo(MANIFEST, _ZIP_TIME), manifest(content),
                         zipfile.ZIP_DEFLATED)  # fmt: skip
    return buffer.getvalue()


def manifest(content: list[Item]) -> bytes:
    return _csv(
        ["berkas", "sha256", "ukuran", "keterangan"],
        [[i.path, i.sha256, len(i.content), i.keterangan] for i in content],
    )


def file_name(tahun: int, sampai_tw: int) -> str:
    return f"Arsip_Evaluasi_{tahun}_TW{sampai_tw}.zip"


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_as_text(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # Excel opens UTF-8 with a BOM


def _as_text(cell):
    """People's text that a spreadsheet would run as a formula stays text (tabular's rule)."""
    if isinstance(cell, str) and cell.startswith(tabular.FORMULA_START):
        return "'" + cell
    return cell


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " .-_()" else "_" for ch in str(name)).strip()


def _disposisi_text(order: dict) -> bytes:
    lines = [
        f"Nomor agenda   : {order['nomor_agenda']}",
        f"Surat dari     : {order['surat_dari']}",
        f"Tanggal        : {order['tanggal']:%d-%m-%Y}",
        f"Hal            : {order['hal']}",
        f"Isi instruksi  : {order['isi_instruksi']}",
        f"Batas waktu    : {order['batas_waktu']:%d-%m-%Y}",
        f"Diterima pada  : {clock.fmt_waktu(order['diterima_pada'])}",
        f"Dicatat oleh   : {order['oleh']}, {clock.fmt_waktu(order['dicatat_pada'])}",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _notes_csv(store, tahun: int) -> bytes:
    notes = store.notes(tahun)
    rows = []
    for row in notes.to_dict("records") if len(notes) else []:
        rows.append(
            [
                clock.fmt_waktu(row["dibuat_pada"]),
                TRIWULAN_LABEL.get(row["sampai_tw"]),
                row["bidang"],
                row["jenis"],
                row["penulis"],
                row["isi"],
                row.get("penanggung_jawab") or "",
                _tanggal(row.get("batas_waktu")),
            ]
        )
    header = ["waktu", "sampai triwulan", "bidang", "jenis", "penulis", "isi"]
    return _csv([*header, "penanggung jawab", "batas waktu"], rows)


def _tanggal(value) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, date) and pd.notna(value) else ""


def _rapat_text(info: dict) -> bytes:
    peserta = [line.strip() for line in str(info.get("peserta") or "").splitlines()]
    lines = [
        f"Tanggal        : {_tanggal(info.get('tanggal')) or '-'}",
        f"Tempat         : {info.get('tempat') or '-'}",
        f"Agenda         : {info.get('agenda') or '-'}",
        "Peserta        :",
        *[f"  - {name}" for name in peserta if name],
        f"Dicatat oleh   : {info.get('diubah_oleh') or '-'}, "
        f"{clock.fmt_waktu(info['diubah_pada'])}",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _events_csv(state: dokumen.Keadaan) -> bytes:
    rows = [
        [e.versi, clock.fmt_waktu(e.pada), e.pada.isoformat(), e.dari, e.ke, e.oleh, e.peran,
         e.catatan, "; ".join(f"{k}={v}" for k, v in sorted(e.detail.items()))]
        for e in state.events
    ]  # fmt: skip
    return _csv(
        ["versi", "waktu", "waktu_utc", "dari", "ke", "oleh", "peran", "catatan", "rincian"], rows
    )


def _letters_csv(store, tahun: int, sampai_tw: int) -> bytes:
    rows = [
        [r["nomor"], f"{r['tanggal']:%d-%m-%Y}", r["kepada"], r["hal"],
         "hangus: " + r["hangus_alasan"] if r["hangus_pada"] else "berlaku"]
        for r in surat.register(store)
        if r["periode_tahun"] == tahun and r["periode_tw"] == sampai_tw
    ]  # fmt: skip
    return _csv(["nomor", "tanggal", "kepada", "hal", "keadaan"], rows)


def _sop_csv(store, tahun: int, sampai_tw: int) -> bytes:
    frame = sop.timeline(store, tahun, sampai_tw)
    rows = [
        [r["langkah"], r["nama"], r["mutu_baku"], clock.fmt_waktu(r["mulai"]),
         clock.fmt_waktu(r["selesai"]), sop.durasi_teks(r["durasi"]), r["status"]]
        for r in frame.to_dict("records")
    ]  # fmt: skip
    return _csv(["langkah", "uraian", "mutu baku", "mulai", "selesai", "waktu nyata",
                 "keadaan"], rows)  # fmt: skip


def _info(settings: Settings, actor: Actor, tahun: int, sampai_tw: int) -> bytes:
    lines = [
        f"Arsip evaluasi hasil Renja {settings.dinas} Kabupaten {settings.kabupaten}",
        f"Periode        : tahun {tahun}, sampai {TRIWULAN_LABEL[sampai_tw]}",
        f"Kelas retensi  : {kelas_retensi(settings, sampai_tw)} (JRA kabupaten)",
        f"Diunduh oleh   : {actor.label}, {clock.fmt_waktu(clock.utc_now())}",
        f"Daftar berkas dan sha256: {MANIFEST}",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
