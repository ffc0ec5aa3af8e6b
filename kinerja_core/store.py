"""Persistence: periods, rencana, submissions with their original bytes, data rows, notes, audit.

SQLAlchemy Core keeps the SQL dialect-neutral (SQLite by default, PostgreSQL by URL). On
SQLite the database runs in WAL mode with a busy timeout, and every write takes the lock up
front (``BEGIN IMMEDIATE``) so two writers never deadlock half-way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from kinerja_core import clock, migrate
from kinerja_core.access import Actor, Aksi, note_subject, require
from kinerja_core.model import (
    ANGGARAN_COLUMNS,
    INDICATOR_COLUMNS,
    NUMERIC_ANGGARAN_COLUMNS,
    NUMERIC_INDICATOR_COLUMNS,
    Problem,
    conform_anggaran,
    conform_indicators,
)
from kinerja_core.settings import database_url_from_env

metadata = sa.MetaData()


def _data_columns(names: list[str], numeric: list[str]) -> list[sa.Column]:
    columns: list[sa.Column] = []
    for name in names:
        if name in ("tahun", "baris"):
            columns.append(sa.Column(name, sa.Integer, nullable=False, default=0))
        elif name in numeric:
            columns.append(sa.Column(name, sa.Float, nullable=True))
        else:
            columns.append(sa.Column(name, sa.Text, nullable=False, default=""))
    return columns


periods = sa.Table(
    "periods",
    metadata,
    sa.Column("tahun", sa.Integer, primary_key=True),
    sa.Column("sampai_tw", sa.Integer, nullable=False),
    sa.Column("batas_waktu", sa.Date, nullable=True),
    sa.Column("dibuka_oleh", sa.Text, nullable=False, default=""),
    sa.Column("dibuka_pada", sa.DateTime, nullable=False),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False, index=True),
    sa.Column("bidang", sa.Text, nullable=False),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("uploaded_by", sa.Text, nullable=False, default=""),
    sa.Column("uploaded_at", sa.DateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("shape", sa.Text, nullable=False, default=""),
    sa.Column("usable", sa.Boolean, nullable=False, default=True),
    sa.Column("n_rows", sa.Integer, nullable=False, default=0),
    sa.Column("n_errors", sa.Integer, nullable=False, default=0),
    sa.Column("n_warnings", sa.Integer, nullable=False, default=0),
    sa.Column("problems_json", sa.Text, nullable=False, default="[]"),
)

indicator_rows = sa.Table(
    "indicator_rows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), index=True),
    *_data_columns(INDICATOR_COLUMNS, NUMERIC_INDICATOR_COLUMNS),
)

anggaran_rows = sa.Table(
    "anggaran_rows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), index=True),
    *_data_columns(ANGGARAN_COLUMNS, NUMERIC_ANGGARAN_COLUMNS),
)

rencana_indicator_rows = sa.Table(
    "rencana_indicator_rows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    *_data_columns(INDICATOR_COLUMNS, NUMERIC_INDICATOR_COLUMNS),
)

rencana_anggaran_rows = sa.Table(
    "rencana_anggaran_rows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    *_data_columns(ANGGARAN_COLUMNS, NUMERIC_ANGGARAN_COLUMNS),
)

notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False, index=True),
    sa.Column("sampai_tw", sa.Integer, nullable=False),
    sa.Column("bidang", sa.Text, nullable=False, default=""),
    sa.Column("jenis", sa.Text, nullable=False, default="catatan"),
    sa.Column("isi", sa.Text, nullable=False),
    sa.Column("penulis", sa.Text, nullable=False, default=""),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    # a keputusan's penanggung jawab and due date; carried to the next rapat
    sa.Column("penanggung_jawab", sa.Text, nullable=False, server_default=""),
    sa.Column("batas_waktu", sa.Date, nullable=True),
    sa.Column("diubah_pada", sa.DateTime, nullable=True),
    sa.Column("dihapus_pada", sa.DateTime, nullable=True),  # deleted notes stay, hidden
)

# What the notulen of one rapat (one tahun and triwulan) says beside the notes: when it met,
# its agenda and who attended (typed in by the notulis).
rapat_info = sa.Table(
    "rapat_info",
    metadata,
    sa.Column("tahun", sa.Integer, primary_key=True),
    sa.Column("sampai_tw", sa.Integer, primary_key=True),
    sa.Column("tanggal", sa.Date, nullable=True),
    sa.Column("agenda", sa.Text, nullable=False, default=""),
    sa.Column("peserta", sa.Text, nullable=False, default=""),
    sa.Column("tempat", sa.Text, nullable=False, default=""),
    sa.Column("diubah_pada", sa.DateTime, nullable=False),
    sa.Column("diubah_oleh", sa.Text, nullable=False, default=""),
)

# Append-only and hash-chained (kinerja_core.audit): sebelum/sesudah hold the old and new
# value of an edit, prev_sha256 the hash of the entry before, sha256 this entry's own.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("who", sa.Text, nullable=False, default=""),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False, default=""),
    sa.Column("sebelum", sa.Text, nullable=False, default="", server_default=""),
    sa.Column("sesudah", sa.Text, nullable=False, default="", server_default=""),
    sa.Column("prev_sha256", sa.String(64), nullable=False, default="", server_default=""),
    sa.Column("sha256", sa.String(64), nullable=False, default="", server_default=""),
)

# Office identity and signatories as set on the Pengaturan page: append-only, the newest row
# is current, every row stays (who changed what, when). ``isi_json``: pengaturan.Kantor.
pengaturan = sa.Table(
    "pengaturan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.Column("isi_json", sa.Text, nullable=False),
    sa.Column("logo", sa.LargeBinary, nullable=True),
)

# Corrections (SOP 7, koreksi konsep): one record per corrected value, the upload untouched.
# Undoing sets dibatalkan_pada; the record stays.
koreksi = sa.Table(
    "koreksi",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False, index=True),
    sa.Column("bidang", sa.Text, nullable=False, default=""),
    sa.Column("kode", sa.Text, nullable=False, default=""),
    sa.Column("indikator", sa.Text, nullable=False, default=""),
    sa.Column("kolom", sa.Text, nullable=False),
    sa.Column("nilai_asal", sa.Text, nullable=False, default="null"),  # JSON
    sa.Column("nilai_baru", sa.Text, nullable=False, default="null"),  # JSON
    sa.Column("alasan", sa.Text, nullable=False, default=""),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("dibatalkan_pada", sa.DateTime, nullable=True),
    sa.Column("dibatalkan_oleh", sa.Text, nullable=False, default=""),
)

# Every exported document set: its parameters (settings, signatories, date, paper), the data it
# was made from (a gzip JSON snapshot) and the sha256 of the bytes produced. See exports.py.
exports = sa.Table(
    "exports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.Column("tahun", sa.Integer, nullable=False, index=True),
    sa.Column("sampai_tw", sa.Integer, nullable=False),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("pengaturan_id", sa.Integer, nullable=True),
    sa.Column("parameter_json", sa.Text, nullable=False),
    sa.Column("logo", sa.LargeBinary, nullable=True),
    sa.Column("snapshot", sa.LargeBinary, nullable=False),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("xlsx_sha256", sa.String(64), nullable=False, default=""),
    sa.Column("docx_sha256", sa.String(64), nullable=False, default=""),
)

EXPORT_SUMMARY_COLUMNS = [
    "id",
    "dibuat_pada",
    "oleh",
    "tahun",
    "sampai_tw",
    "tanggal",
    "pengaturan_id",
    "snapshot_sha256",
    "xlsx_sha256",
    "docx_sha256",
]

# Local accounts (accounts.py): the password only as an argon2 hash; a Kabid carries a bidang.
akun = sa.Table(
    "akun",
    metadata,
    sa.Column("pengguna", sa.String(64), primary_key=True),
    sa.Column("nama", sa.Text, nullable=False, default=""),
    sa.Column("peran", sa.String(32), nullable=False),
    sa.Column("bidang", sa.Text, nullable=True),
    sa.Column("sandi_hash", sa.Text, nullable=False),
    sa.Column("aktif", sa.Boolean, nullable=False, default=True),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("sandi_diubah_pada", sa.DateTime, nullable=False),
)

# Login sessions: only the sha256 of the browser's token is kept. A session ends on logout
# (row deleted) or when aktif_pada is older than the idle limit.
sesi = sa.Table(
    "sesi",
    metadata,
    sa.Column("token_sha256", sa.String(64), primary_key=True),
    sa.Column("pengguna", sa.String(64), nullable=False, index=True),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("aktif_pada", sa.DateTime, nullable=False),
)

# Wrong passwords in a row per key ("pengguna:NAME" or "ip:ADDRESS") and until when the key
# must wait, so guessing slows down across reruns, sessions and restarts.
percobaan_masuk = sa.Table(
    "percobaan_masuk",
    metadata,
    sa.Column("kunci", sa.String(200), primary_key=True),
    sa.Column("gagal", sa.Integer, nullable=False, default=0),
    sa.Column("terakhir", sa.DateTime, nullable=False),
    sa.Column("tunggu_sampai", sa.DateTime, nullable=True),
)

counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

# --- the official path (SOP 1, 7-11): disposisi, document versions, letters, archive -------
# Every file kept for a period (signed scan, receipt, surat pengantar, frozen workbook):
# insert-only; the app has no way to change or delete a row.
berkas = sa.Table(
    "berkas",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False, index=True),
    sa.Column("sampai_tw", sa.Integer, nullable=False),
    sa.Column("jenis", sa.Text, nullable=False),
    sa.Column("nama", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("ukuran", sa.Integer, nullable=False),
    sa.Column("isi", sa.LargeBinary, nullable=False),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.Column("disimpan_pada", sa.DateTime, nullable=False),
)

# The disposisi that opens an evaluation period (SOP 1); a newer one for the same period
# supersedes the older, which stays.
disposisi = sa.Table(
    "disposisi",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False, index=True),
    sa.Column("sampai_tw", sa.Integer, nullable=False),
    sa.Column("nomor_agenda", sa.Text, nullable=False),
    sa.Column("surat_dari", sa.Text, nullable=False),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("hal", sa.Text, nullable=False),
    sa.Column("isi_instruksi", sa.Text, nullable=False),
    sa.Column("batas_waktu", sa.Date, nullable=False),
    sa.Column("diterima_pada", sa.DateTime, nullable=False),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.Column("dicatat_pada", sa.DateTime, nullable=False),
    sa.Column("berkas_id", sa.Integer, sa.ForeignKey("berkas.id"), nullable=True),
)

# One version of a period's Dokumen Evaluasi; ``status`` moves only along dokumen.TRANSISI.
# From approval on, export_id and the berkas ids never change (the version is frozen).
dokumen_versi = sa.Table(
    "dokumen_versi",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("sampai_tw", sa.Integer, nullable=False),
    sa.Column("versi", sa.Integer, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("export_id", sa.Integer, sa.ForeignKey("exports.id"), nullable=True),
    sa.Column("xlsx_berkas_id", sa.Integer, sa.ForeignKey("berkas.id"), nullable=True),
    sa.Column("docx_berkas_id", sa.Integer, sa.ForeignKey("berkas.id"), nullable=True),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("tahun", "sampai_tw", "versi", name="uq_dokumen_versi"),
)

# Every transition of a version: who (and in which role), when, from and to, the note, and
# a file it brought (signed scan, receipt). Append-only; states are read from here.
dokumen_peristiwa = sa.Table(
    "dokumen_peristiwa",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("versi_id", sa.Integer, sa.ForeignKey("dokumen_versi.id"), nullable=False),
    sa.Column("aksi", sa.Text, nullable=False),
    sa.Column("dari_status", sa.Text, nullable=False),
    sa.Column("ke_status", sa.Text, nullable=False),
    sa.Column("oleh", sa.Text, nullable=False),
    sa.Column("peran", sa.Text, nullable=False),
    sa.Column("pada", sa.DateTime, nullable=False),
    sa.Column("catatan", sa.Text, nullable=False, default=""),
    sa.Column("detail_json", sa.Text, nullable=False, default="{}"),
    sa.Column("berkas_id", sa.Integer, sa.ForeignKey("berkas.id"), nullable=True),
)

# Agenda surat keluar: one row per number ever given. (tahun, nomor_urut) is unique, so two
# concurrent numberings can never both keep a number; a cancelled number stays (hangus).
surat_keluar = sa.Table(
    "surat_keluar",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("nomor_urut", sa.Integer, nullable=False),
    sa.Column("nomor", sa.Text, nullable=False),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("kepada", sa.Text, nullable=False),
    sa.Column("hal", sa.Text, nullable=False),
    sa.Column("periode_tahun", sa.Integer, nullable=True),
    sa.Column("periode_tw", sa.Integer, nullable=True),
    sa.Column("berkas_id", sa.Integer, sa.ForeignKey("berkas.id"), nullable=True),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("hangus_pada", sa.DateTime, nullable=True),
    sa.Column("hangus_oleh", sa.Text, nullable=False, default=""),
    sa.Column("hangus_alasan", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("tahun", "nomor_urut", name="uq_surat_keluar_nomor"),
)

# SOP steps the app cannot see happen (the format made, sent, the rapat held) as the Kasubag
# records them; the newest row per step counts.
sop_langkah = sa.Table(
    "sop_langkah",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("sampai_tw", sa.Integer, nullable=False),
    sa.Column("langkah", sa.Integer, nullable=False),
    sa.Column("mulai", sa.DateTime, nullable=False),
    sa.Column("selesai", sa.DateTime, nullable=True),
    sa.Column("oleh", sa.Text, nullable=False, default=""),
    sa.Column("dicatat_pada", sa.DateTime, nullable=False),
)

SUBMISSION_SUMMARY_COLUMNS = [
    "id",
    "tahun",
    "bidang",
    "filename",
    "sha256",
    "size",
    "uploaded_by",
    "uploaded_at",
    "version",
    "shape",
    "usable",
    "n_rows",
    "n_errors",
    "n_warnings",
]


def _now() -> datetime:
    """Every stored time: UTC, shown in the office's zone by ``clock.fmt_waktu``."""
    return clock.utc_now()


def _records(frame: pd.DataFrame, columns: list[str], **extra) -> list[dict]:
    data = frame[columns].astype(object).where(frame[columns].notna(), None)
    return [{**row, **extra} for row in data.to_dict("records")]


class StoreUnavailable(RuntimeError):
    """The database cannot be opened or created; the message says where and what to do."""


class StoreWriteError(RuntimeError):
    """A write the database refused for a reason a person can act on; nothing was written.

    ``kind``: "sibuk" (locked by another process or transaction), "penuh" (disk full) or
    "hanya-baca" (the file or the server refuses writes). The message is Indonesian and
    names no server path; the original error stays chained for the log.
    """

    MESSAGES = {
        "sibuk": (
            "Basis data sedang dipakai proses lain (terkunci), jadi data ini belum disimpan. "
            "Tidak ada yang hilang: tunggu sebentar, lalu tekan Simpan lagi."
        ),
        "penuh": (
            "Ruang penyimpanan basis data penuh, jadi data ini belum disimpan. Tidak ada yang "
            "hilang: minta admin mengosongkan ruang disk server, lalu tekan Simpan lagi."
        ),
        "hanya-baca": (
            "Basis data tidak dapat ditulis (hanya-baca), jadi data ini belum disimpan. Tidak "
            "ada yang hilang: minta admin memeriksa izin tulis berkas atau akun basis data, "
            "lalu tekan Simpan lagi."
        ),
    }

    def __init__(self, kind: str) -> None:
        super().__init__(self.MESSAGES[kind])
        self.kind = kind


# What SQLite and PostgreSQL say (lower case) for each kind of refused write.
_WRITE_REFUSALS = {
    "sibuk": (
        "database is locked",
        "database is busy",
        "database table is locked",
        "could not obtain lock",
        "lock timeout",
        "deadlock detected",
        "could not serialize access",
    ),
    "penuh": (
        "database or disk is full",
        "disk is full",
        "no space left on device",
        "could not extend file",
        "disk quota exceeded",
    ),
    "hanya-baca": (
        "attempt to write a readonly database",
        "read-only transaction",
        "readonly database",
        "permission denied",
    ),
}


def write_refusal(error: BaseException) -> StoreWriteError | None:
    """The ``StoreWriteError`` for a database error a person can act on, else None."""
    if not isinstance(error, sa.exc.DBAPIError):
        return None
    text = str(error.orig or error).lower()
    for kind, phrases in _WRITE_REFUSALS.items():
        if any(phrase in text for phrase in phrases):
            return StoreWriteError(kind)
    return None


class Store:
    """All reads and writes of Kinerja's data, behind one small API."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url_from_env()
        try:
            self.engine = _make_engine(self.url)
            migrate.upgrade(self.engine)
        except (OSError, sa.exc.SQLAlchemyError) as error:
            shown = sa.engine.make_url(self.url).render_as_string(hide_password=True)
            raise StoreUnavailable(
                f"Basis data {shown} tidak dapat dibuka atau dibuat ({error.__class__.__name__}: "
                f"{error}). Periksa KINERJA_DB: folder harus ada dan dapat ditulis, atau URL "
                "basis data harus benar dan servernya berjalan."
            ) from error

    # --- transactions -------------------------------------------------------------
    @contextmanager
    def _write(self, bump_version: bool = True) -> Iterator[sa.Connection]:
        """One write transaction; a locked, full or read-only database raises
        ``StoreWriteError`` (the transaction rolled back, nothing half-written).

        ``bump_version=False`` for writes no derived figure depends on (login sessions,
        password attempts), so they do not empty the analysis caches."""
        try:
            with self.engine.connect() as conn:
                conn.info["write"] = True  # info lives on the pooled connection: reset below
                try:
                    with conn.begin():
                        _serialize_writers(conn)
                        yield conn
                        if bump_version:
                            _bump_version(conn)
                finally:
                    conn.info["write"] = False
        except sa.exc.DBAPIError as error:
            refusal = write_refusal(error)
            if refusal is None:
                raise
            raise refusal from error

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            conn.info["write"] = False
            yield conn

    def transaction(self, bump_version: bool = True):
        """A write transaction for the core modules that own their tables (accounts, audit)."""
        return self._write(bump_version)

    def reading(self):
        """A read connection for the core modules that own their tables."""
        return self._read()

    def data_version(self) -> int:
        """A number that changes on every write: the cache key for derived results."""
        with self._read() as conn:
            value = conn.execute(
                sa.select(counters.c.value).where(counters.c.name == "data_version")
            ).scalar()
        return int(value or 0)

    # --- periods -------------------------------------------------------------------
    def open_period(
        self, tahun: int, sampai_tw: int, batas_waktu: date | None = None, *, actor: Actor
    ) -> None:
        """Open (or update) the evaluation period of a year."""
        who = require(actor, Aksi.BUKA_PERIODE).label
        with self._write() as conn:
            before = (
                conn.execute(periods.select().where(periods.c.tahun == tahun)).mappings().first()
            )
            conn.execute(periods.delete().where(periods.c.tahun == tahun))
            conn.execute(
                periods.insert().values(
                    tahun=tahun,
                    sampai_tw=sampai_tw,
                    batas_waktu=batas_waktu,
                    dibuka_oleh=who,
                    dibuka_pada=_now(),
                )
            )
            _audit(
                conn,
                who,
                "buka periode",
                f"tahun {tahun}, sampai TW {sampai_tw}",
                _period_text(before) if before else None,
                _period_text({"sampai_tw": sampai_tw, "batas_waktu": batas_waktu}),
            )

    def period(self, tahun: int) -> dict | None:
        with self._read() as conn:
            row = conn.execute(periods.select().where(periods.c.tahun == tahun)).mappings().first()
        return dict(row) if row else None

    def years(self) -> list[int]:
        """Every year with a period, a rencana or a submission, ascending."""
        with self._read() as conn:
            found = set(conn.execute(sa.select(periods.c.tahun)).scalars())
            found |= set(conn.execute(sa.select(submissions.c.tahun).distinct()).scalars())
            found |= set(
                conn.execute(sa.select(rencana_indicator_rows.c.tahun).distinct()).scalars()
            )
        return sorted(found)

    # --- rencana ---------------------------------------------------------------------
    def set_rencana(
        self, tahun: int, indicators: pd.DataFrame, anggaran: pd.DataFrame, *, actor: Actor
    ) -> None:
        """Replace the year's plan; the audit entry lists every changed cell before -> after."""
        who = require(actor, Aksi.UBAH_RENCANA).label
        ind = conform_indicators(indicators.assign(tahun=tahun))
        ang = conform_anggaran(anggaran.assign(tahun=tahun))
        old_ind, old_ang = self.rencana(tahun)
        with self._write() as conn:
            conn.execute(
                rencana_indicator_rows.delete().where(rencana_indicator_rows.c.tahun == tahun)
            )
            conn.execute(
                rencana_anggaran_rows.delete().where(rencana_anggaran_rows.c.tahun == tahun)
            )
            if len(ind):
                conn.execute(rencana_indicator_rows.insert(), _records(ind, INDICATOR_COLUMNS))
            if len(ang):
                conn.execute(rencana_anggaran_rows.insert(), _records(ang, ANGGARAN_COLUMNS))
            before, after = _rencana_changes(old_ind, ind, old_ang, ang)
            _audit(
                conn, who, "simpan rencana", f"tahun {tahun}: {len(ind)} indikator", before, after
            )

    def rencana(self, tahun: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        with self._read() as conn:
            ind = _frame(conn, rencana_indicator_rows, rencana_indicator_rows.c.tahun == tahun)
            ang = _frame(conn, rencana_anggaran_rows, rencana_anggaran_rows.c.tahun == tahun)
        return conform_indicators(ind), conform_anggaran(ang)

    def rencana_bidang(self, tahun: int) -> pd.DataFrame:
        """The plan's bidang (column ``bidang``, in the plan's order): what coverage needs,
        without reading every indicator of the plan."""
        rows = rencana_indicator_rows
        query = (
            sa.select(rows.c.bidang, sa.func.min(rows.c.id).label("first"))
            .where(rows.c.tahun == tahun)
            .group_by(rows.c.bidang)
            .order_by("first")
        )
        with self._read() as conn:
            names = [row.bidang for row in conn.execute(query)]
        return pd.DataFrame({"bidang": names}, dtype=object)

    # --- submissions ------------------------------------------------------------------
    def add_submission(
        self,
        *,
        tahun: int,
        bidang: str,
        filename: str,
        content: bytes,
        actor: Actor,
        indicators: pd.DataFrame,
        anggaran: pd.DataFrame,
        problems: list[Problem],
        shape: str = "",
        usable: bool | None = None,
        uploaded_at: datetime | None = None,
    ) -> int:
        """Keep an upload: its original bytes always, its rows for analysis when usable.

        A re-upload for the same tahun and bidang becomes the next version; earlier
        versions stay retrievable. ``usable`` defaults to "no error-level problem";
        ``uploaded_at`` defaults to now (the demo seeds its own dates). The uploader is
        ``actor`` (a Kabid only for their own bidang).
        """
        uploaded_by = require(actor, Aksi.UNGGAH, bidang).label
        n_errors = sum(p.level == "error" for p in problems)
        usable = (n_errors == 0) if usable is None else usable
        ind = conform_indicators(indicators.assign(tahun=tahun)) if len(indicators) else None
        ang = conform_anggaran(anggaran.assign(tahun=tahun)) if len(anggaran) else None
        with self._write() as conn:
            version = (
                conn.execute(
                    sa.select(sa.func.max(submissions.c.version)).where(
                        submissions.c.tahun == tahun, submissions.c.bidang == bidang
                    )
                ).scalar()
                or 0
            ) + 1
            submission_id = _new_id(
                conn.execute(
                    submissions.insert().values(
                        tahun=tahun,
                        bidang=bidang,
                        filename=filename,
                        sha256=hashlib.sha256(content).hexdigest(),
                        size=len(content),
                        content=content,
                        uploaded_by=uploaded_by,
                        uploaded_at=uploaded_at or _now(),
                        version=version,
                        shape=shape,
                        usable=usable,
                        n_rows=0 if ind is None else len(ind),
                        n_errors=n_errors,
                        n_warnings=sum(p.level == "warning" for p in problems),
                        problems_json=json.dumps(
                            [p.as_dict() for p in problems], ensure_ascii=False
                        ),
                    )
                )
            )
            if ind is not None:
                conn.execute(
                    indicator_rows.insert(),
                    _records(ind, INDICATOR_COLUMNS, submission_id=submission_id),
                )
            if ang is not None:
                conn.execute(
                    anggaran_rows.insert(),
                    _records(ang, ANGGARAN_COLUMNS, submission_id=submission_id),
                )
            _audit(
                conn,
                uploaded_by,
                "unggah",
                f"{filename} ({bidang}, {tahun}) versi {version}, {n_errors} kesalahan",
            )
        return int(submission_id)

    def submissions(self, tahun: int | None = None) -> pd.DataFrame:
        """Every submission (without its bytes), newest first."""
        query = sa.select(*[submissions.c[name] for name in SUBMISSION_SUMMARY_COLUMNS])
        if tahun is not None:
            query = query.where(submissions.c.tahun == tahun)
        with self._read() as conn:
            rows = conn.execute(query.order_by(submissions.c.id.desc())).mappings().all()
        return pd.DataFrame([dict(r) for r in rows], columns=SUBMISSION_SUMMARY_COLUMNS)

    def latest_submission(self, tahun: int, bidang: str) -> dict | None:
        """The summary row (no bytes) of the bidang's latest version of the year, or None."""
        query = (
            sa.select(*[submissions.c[name] for name in SUBMISSION_SUMMARY_COLUMNS])
            .where(submissions.c.tahun == tahun, submissions.c.bidang == bidang)
            .order_by(submissions.c.version.desc(), submissions.c.id.desc())
            .limit(1)
        )
        with self._read() as conn:
            row = conn.execute(query).mappings().first()
        return dict(row) if row else None

    def submission_content(self, submission_id: int) -> bytes:
        with self._read() as conn:
            return conn.execute(
                sa.select(submissions.c.content).where(submissions.c.id == submission_id)
            ).scalar_one()

    def submission_problems(self, submission_id: int) -> list[Problem]:
        with self._read() as conn:
            raw = conn.execute(
                sa.select(submissions.c.problems_json).where(submissions.c.id == submission_id)
            ).scalar_one()
        return [Problem(**item) for item in json.loads(raw)]

    def _current(self, table: sa.Table, tahun: int) -> pd.DataFrame:
        """Rows of the latest usable submission per bidang (by row bidang) of a year."""
        query = (
            sa.select(table)
            .join(submissions, submissions.c.id == table.c.submission_id)
            .where(table.c.tahun == tahun, submissions.c.usable.is_(True))
        )
        with self._read() as conn:
            frame = pd.read_sql(query, conn)
        if frame.empty:
            return frame
        latest = frame.groupby("bidang")["submission_id"].transform("max")
        current = frame[frame["submission_id"] == latest]
        # One order on every backend (PostgreSQL returns a join in any order): by bidang,
        # then as the rows stood in the file.
        return current.sort_values(["bidang", "id"], kind="stable").reset_index(drop=True)

    def indicators(self, tahun: int) -> pd.DataFrame:
        """The year's indicator rows as they stand now (latest version per bidang)."""
        return conform_indicators(self._current(indicator_rows, tahun))

    def anggaran(self, tahun: int) -> pd.DataFrame:
        return conform_anggaran(self._current(anggaran_rows, tahun))

    # --- notes and audit -------------------------------------------------------------
    def add_note(
        self,
        *,
        tahun: int,
        sampai_tw: int,
        isi: str,
        bidang: str = "",
        jenis: str = "catatan",
        actor: Actor,
        penanggung_jawab: str = "",
        batas_waktu: date | None = None,
    ) -> int:
        """Store a rapat note or keputusan written by ``actor`` (a Kabid only on their own
        bidang, not on the Dinas summary); returns its id."""
        penulis = require(actor, Aksi.CATAT, note_subject(bidang)).label
        with self._write() as conn:
            result = conn.execute(
                notes.insert().values(
                    tahun=tahun,
                    sampai_tw=sampai_tw,
                    bidang=bidang,
                    jenis=jenis,
                    isi=isi,
                    penulis=penulis,
                    dibuat_pada=_now(),
                    penanggung_jawab=penanggung_jawab,
                    batas_waktu=batas_waktu,
                )
            )
            _audit(conn, penulis, f"tambah {jenis}", f"tahun {tahun} TW {sampai_tw} {bidang}")
            return _new_id(result)

    @staticmethod
    def wrote_note(actor: Actor, penulis: str) -> bool:
        """``actor`` wrote the note whose penulis is ``penulis`` (notes keep the label)."""
        return " ".join(actor.label.split()).casefold() == " ".join(penulis.split()).casefold()

    def _own_note(self, conn: sa.Connection, note_id: int, actor: Actor) -> dict:
        """The note ``note_id`` when ``actor`` wrote it; refused otherwise (only the author
        changes or deletes a note)."""
        from kinerja_core.access import AksesDitolak

        row = (
            conn.execute(
                notes.select().where(notes.c.id == note_id, notes.c.dihapus_pada.is_(None))
            )
            .mappings()
            .first()
        )
        if row is None:
            raise AksesDitolak("Catatan itu tidak ada lagi (mungkin sudah dihapus).")
        if not self.wrote_note(actor, str(row["penulis"])):
            raise AksesDitolak(
                f"Catatan ini ditulis oleh {row['penulis'] or 'orang lain'}; hanya penulisnya "
                "yang dapat mengubah atau menghapusnya."
            )
        return dict(row)

    def update_note(
        self,
        note_id: int,
        *,
        actor: Actor,
        isi: str,
        jenis: str,
        penanggung_jawab: str = "",
        batas_waktu: date | None = None,
    ) -> None:
        """Change one's own note; the author stays, the change is audited before -> after."""
        who = require(actor, Aksi.CATAT).label
        with self._write() as conn:
            old = self._own_note(conn, note_id, actor)
            conn.execute(
                notes.update()
                .where(notes.c.id == note_id)
                .values(
                    isi=isi,
                    jenis=jenis,
                    penanggung_jawab=penanggung_jawab,
                    batas_waktu=batas_waktu,
                    diubah_pada=_now(),
                )
            )
            _audit(
                conn,
                who,
                f"ubah {jenis}",
                f"catatan #{note_id}; semula: {old['isi']}",
                old["isi"],
                isi,
            )

    def delete_note(self, note_id: int, *, actor: Actor) -> None:
        """Delete one's own note: hidden from the rapat and the notulen, kept for the audit."""
        who = require(actor, Aksi.CATAT).label
        with self._write() as conn:
            old = self._own_note(conn, note_id, actor)
            conn.execute(notes.update().where(notes.c.id == note_id).values(dihapus_pada=_now()))
            _audit(conn, who, f"hapus {old['jenis']}", f"catatan #{note_id}: {old['isi']}")

    def notes(self, tahun: int) -> pd.DataFrame:
        """The year's notes that are not deleted, oldest first."""
        with self._read() as conn:
            frame = _frame(conn, notes, (notes.c.tahun == tahun) & notes.c.dihapus_pada.is_(None))
        return frame.sort_values("id").reset_index(drop=True) if len(frame) else frame

    def rapat_info(self, tahun: int, sampai_tw: int) -> dict | None:
        """Tanggal, tempat, agenda and peserta of the rapat of a period (None before saved)."""
        with self._read() as conn:
            row = (
                conn.execute(
                    rapat_info.select().where(
                        rapat_info.c.tahun == tahun, rapat_info.c.sampai_tw == sampai_tw
                    )
                )
                .mappings()
                .first()
            )
        return dict(row) if row else None

    def set_rapat_info(
        self,
        tahun: int,
        sampai_tw: int,
        *,
        tanggal: date | None,
        tempat: str,
        agenda: str,
        peserta: str,
        actor: Actor,
    ) -> None:
        """Tanggal, tempat, agenda and peserta of the rapat of a period, set by its notulis."""
        who = require(actor, Aksi.NOTULEN).label
        values = dict(
            tanggal=tanggal,
            tempat=tempat,
            agenda=agenda,
            peserta=peserta,
            diubah_pada=_now(),
            diubah_oleh=who,
        )
        with self._write() as conn:
            where = (rapat_info.c.tahun == tahun) & (rapat_info.c.sampai_tw == sampai_tw)
            if conn.execute(rapat_info.select().where(where)).first():
                conn.execute(rapat_info.update().where(where).values(**values))
            else:
                conn.execute(rapat_info.insert().values(tahun=tahun, sampai_tw=sampai_tw, **values))
            _audit(conn, who, "ubah data rapat", f"tahun {tahun} TW {sampai_tw}")

    def log(
        self,
        who: str,
        action: str,
        detail: str = "",
        sebelum: object = None,
        sesudah: object = None,
    ) -> None:
        """Append one audit entry; ``sebelum``/``sesudah``: the old and new value of an edit
        (text, or anything JSON can hold)."""
        with self._write() as conn:
            _audit(conn, who, action, detail, sebelum, sesudah)

    @staticmethod
    def audit_in(
        conn: sa.Connection,
        who: str,
        action: str,
        detail: str = "",
        sebelum: object = None,
        sesudah: object = None,
    ) -> None:
        """Append to the audit log inside a transaction of ``transaction()``."""
        _audit(conn, who, action, detail, sebelum, sesudah)

    def audit(self, limit: int = 200) -> pd.DataFrame:
        with self._read() as conn:
            query = audit_log.select().order_by(audit_log.c.id.desc()).limit(limit)
            return pd.DataFrame([dict(r) for r in conn.execute(query).mappings()])

    # --- pengaturan (office identity, signatories) --------------------------------------
    def add_pengaturan(
        self,
        isi_json: str,
        logo: bytes | None,
        actor: Actor,
        detail: str,
        sebelum: object = None,
        sesudah: object = None,
    ) -> int:
        """Store a new version of the Pengaturan; ``detail`` (what changed) and the changed
        fields before -> after go to the audit."""
        who = require(actor, Aksi.PENGATURAN).label
        with self._write() as conn:
            new_id = _new_id(
                conn.execute(
                    pengaturan.insert().values(
                        dibuat_pada=_now(), oleh=who, isi_json=isi_json, logo=logo
                    )
                )
            )
            _audit(conn, who, "ubah pengaturan", detail, sebelum, sesudah)
        return int(new_id)

    def pengaturan_terakhir(self) -> dict | None:
        """The newest Pengaturan row (id, dibuat_pada, oleh, isi_json, logo), or None."""
        with self._read() as conn:
            row = (
                conn.execute(pengaturan.select().order_by(pengaturan.c.id.desc()).limit(1))
                .mappings()
                .first()
            )
        return dict(row) if row else None

    def pengaturan_riwayat(self) -> pd.DataFrame:
        """Every Pengaturan version, newest first (without the logo bytes)."""
        columns = [pengaturan.c.id, pengaturan.c.dibuat_pada, pengaturan.c.oleh]
        with self._read() as conn:
            rows = conn.execute(
                sa.select(*columns, pengaturan.c.isi_json).order_by(pengaturan.c.id.desc())
            ).mappings()
            return pd.DataFrame(
                [dict(r) for r in rows], columns=["id", "dibuat_pada", "oleh", "isi_json"]
            )

    # --- koreksi ---------------------------------------------------------------------------
    def add_koreksi(self, record: dict, actor: Actor, detail: str) -> int:
        """Store one correction (``record``: the koreksi columns without id/oleh/dates)."""
        who = require(actor, Aksi.KOREKSI).label
        with self._write() as conn:
            new_id = _new_id(
                conn.execute(koreksi.insert().values(**record, oleh=who, dibuat_pada=_now()))
            )
            _audit(conn, who, "koreksi", detail, record["nilai_asal"], record["nilai_baru"])
        return int(new_id)

    def undo_koreksi(self, koreksi_id: int, actor: Actor, detail: str) -> bool:
        """Mark a correction undone; False when it does not exist or was undone already."""
        who = require(actor, Aksi.KOREKSI).label
        with self._write() as conn:
            done = conn.execute(
                koreksi.update()
                .where(koreksi.c.id == koreksi_id, koreksi.c.dibatalkan_pada.is_(None))
                .values(dibatalkan_pada=_now(), dibatalkan_oleh=who)
            ).rowcount
            if done:
                _audit(conn, who, "batalkan koreksi", detail)
        return bool(done)

    def koreksi_rows(self, tahun: int, include_undone: bool = False) -> pd.DataFrame:
        """The year's corrections in the order they were made."""
        query = koreksi.select().where(koreksi.c.tahun == tahun)
        if not include_undone:
            query = query.where(koreksi.c.dibatalkan_pada.is_(None))
        with self._read() as conn:
            rows = conn.execute(query.order_by(koreksi.c.id)).mappings().all()
        return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in koreksi.columns])

    # --- exports ---------------------------------------------------------------------------
    def add_export(self, record: dict, actor: Actor, detail: str) -> int:
        """Record one export (``record``: the exports columns without id/oleh/dibuat_pada)."""
        who = require(actor, Aksi.EKSPOR).label
        with self._write() as conn:
            new_id = _new_id(
                conn.execute(exports.insert().values(**record, oleh=who, dibuat_pada=_now()))
            )
            _audit(conn, who, "ekspor dokumen", detail)
        return int(new_id)

    def export_record(self, export_id: int) -> dict | None:
        """One export with its parameters, logo and snapshot bytes."""
        with self._read() as conn:
            row = conn.execute(exports.select().where(exports.c.id == export_id)).mappings().first()
        return dict(row) if row else None

    def export_list(self, tahun: int | None = None) -> pd.DataFrame:
        """Exports (without their snapshot), newest first."""
        query = sa.select(*[exports.c[name] for name in EXPORT_SUMMARY_COLUMNS])
        query = query.add_columns(exports.c.parameter_json)
        if tahun is not None:
            query = query.where(exports.c.tahun == tahun)
        with self._read() as conn:
            rows = conn.execute(query.order_by(exports.c.id.desc())).mappings().all()
        return pd.DataFrame(
            [dict(r) for r in rows], columns=[*EXPORT_SUMMARY_COLUMNS, "parameter_json"]
        )

    # --- berkas, disposisi, document versions, letters (the official path) -------------------
    def add_berkas(self, item: dict, who: str, action: str = "") -> int:
        """Keep one file of a period (``item``: tahun, sampai_tw, jenis, nama, isi); with
        ``action``, an audit entry (the file's name and sha256) in the same transaction."""
        with self._write() as conn:
            berkas_id = _insert_berkas(conn, item, who)
            if action:
                digest = hashlib.sha256(bytes(item["isi"])).hexdigest()
                detail = f"tahun {item['tahun']} TW {item['sampai_tw']}: {item['nama']}"
                _audit(conn, who, action, detail, None, {"berkas": berkas_id, "sha256": digest})
            return berkas_id

    def berkas(self, berkas_id: int) -> dict | None:
        """One kept file with its bytes."""
        with self._read() as conn:
            row = conn.execute(berkas.select().where(berkas.c.id == berkas_id)).mappings().first()
        return dict(row) if row else None

    def berkas_list(self, tahun: int, sampai_tw: int | None = None) -> list[dict]:
        """The kept files of a year (or one period), oldest first, without their bytes."""
        columns = [c for c in berkas.columns if c.name != "isi"]
        query = sa.select(*columns).where(berkas.c.tahun == tahun)
        if sampai_tw is not None:
            query = query.where(berkas.c.sampai_tw == sampai_tw)
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query.order_by(berkas.c.id)).mappings()]

    def add_disposisi(self, record: dict, scan: dict | None, who: str) -> int:
        """Record a disposisi and open its period with the disposisi's batas waktu, at once."""
        with self._write() as conn:
            scan_id = _insert_berkas(conn, scan, who) if scan else None
            now = _now()
            new_id = _new_id(
                conn.execute(
                    disposisi.insert().values(
                        **record, berkas_id=scan_id, oleh=who, dicatat_pada=now
                    )
                )
            )
            tahun, sampai_tw = record["tahun"], record["sampai_tw"]
            conn.execute(periods.delete().where(periods.c.tahun == tahun))
            conn.execute(
                periods.insert().values(
                    tahun=tahun,
                    sampai_tw=sampai_tw,
                    batas_waktu=record["batas_waktu"],
                    dibuka_oleh=who,
                    dibuka_pada=now,
                )
            )
            _audit(
                conn,
                who,
                "catat disposisi",
                f"nomor agenda {record['nomor_agenda']}: tahun {tahun} sampai TW {sampai_tw}, "
                f"batas waktu {record['batas_waktu'].isoformat()}",
            )
        return int(new_id)

    def disposisi_list(self, tahun: int) -> list[dict]:
        """The year's disposisi, oldest first (the last one is in force)."""
        query = disposisi.select().where(disposisi.c.tahun == tahun).order_by(disposisi.c.id)
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def dokumen_versions(self, tahun: int, sampai_tw: int) -> list[dict]:
        """Every version of a period's document, oldest first."""
        query = (
            dokumen_versi.select()
            .where(dokumen_versi.c.tahun == tahun, dokumen_versi.c.sampai_tw == sampai_tw)
            .order_by(dokumen_versi.c.versi)
        )
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def dokumen_events(self, tahun: int, sampai_tw: int) -> list[dict]:
        """Every transition of a period's document versions, in order, with the version."""
        query = (
            sa.select(dokumen_peristiwa, dokumen_versi.c.versi)
            .join(dokumen_versi, dokumen_versi.c.id == dokumen_peristiwa.c.versi_id)
            .where(dokumen_versi.c.tahun == tahun, dokumen_versi.c.sampai_tw == sampai_tw)
            .order_by(dokumen_peristiwa.c.id)
        )
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def dokumen_transition(
        self,
        *,
        tahun: int,
        sampai_tw: int,
        versi: int,
        dari: str,
        ke: str,
        event: dict,
        documents: dict | None = None,
        file: dict | None = None,
        next_konsep: str | None = None,
    ) -> int:
        """Move version ``versi`` of a period from ``dari`` to ``ke`` in one transaction.

        A version not yet stored (the first Konsep) is created. ``documents`` (export_id and
        the xlsx/docx files) are attached in the same guarded update, so they can only be set
        while the version is still in ``dari`` (the caller passes them only from Konsep);
        ``file`` is kept with the event; ``next_konsep`` (the Konsep status name) opens version
        ``versi`` + 1. Raises ``StaleTransition`` when the version is no longer in ``dari``
        (someone else moved it first). Returns the event id.
        """
        who = event["oleh"]
        with self._write() as conn:
            now = _now()
            row = _version_row(conn, tahun, sampai_tw, versi)
            if row is None:
                latest = conn.execute(
                    sa.select(sa.func.max(dokumen_versi.c.versi)).where(
                        dokumen_versi.c.tahun == tahun, dokumen_versi.c.sampai_tw == sampai_tw
                    )
                ).scalar()
                if (latest or 0) + 1 != versi:
                    raise StaleTransition(versi)
                conn.execute(
                    dokumen_versi.insert().values(
                        tahun=tahun,
                        sampai_tw=sampai_tw,
                        versi=versi,
                        status=dari,
                        dibuat_pada=now,
                        oleh=who,
                    )
                )
                row = _version_row(conn, tahun, sampai_tw, versi)
            assert row is not None
            values: dict = {"status": ke}
            if documents is not None:
                values["export_id"] = documents["export_id"]
                values["xlsx_berkas_id"] = _insert_berkas(conn, documents["xlsx"], who)
                if documents.get("docx"):
                    values["docx_berkas_id"] = _insert_berkas(conn, documents["docx"], who)
            moved = conn.execute(
                dokumen_versi.update()
                .where(dokumen_versi.c.id == row["id"], dokumen_versi.c.status == dari)
                .values(**values)
            ).rowcount
            if not moved:
                raise StaleTransition(versi)
            file_id = _insert_berkas(conn, file, who) if file else None
            event_id = _new_id(
                conn.execute(
                    dokumen_peristiwa.insert().values(
                        **event,
                        versi_id=row["id"],
                        dari_status=dari,
                        ke_status=ke,
                        pada=now,
                        berkas_id=file_id,
                    )
                )
            )
            if next_konsep is not None:
                conn.execute(
                    dokumen_versi.insert().values(
                        tahun=tahun,
                        sampai_tw=sampai_tw,
                        versi=versi + 1,
                        status=next_konsep,
                        dibuat_pada=now,
                        oleh=who,
                    )
                )
            _audit(
                conn,
                who,
                f"dokumen {event['aksi']}",
                f"tahun {tahun} TW {sampai_tw} versi {versi}: {dari} → {ke}"
                + (f"; catatan: {event['catatan']}" if event.get("catatan") else ""),
            )
        return int(event_id)

    def take_letter_number(self, record: dict, nomor_of, who: str) -> dict:
        """Give the next number of the letter's year and keep the letter in the register.

        ``nomor_of(nomor_urut)`` writes the full number. The counter row
        ``surat_keluar:<tahun>`` is raised inside the write transaction (SQLite: the database
        write lock; PostgreSQL: the row lock of the UPDATE) and (tahun, nomor_urut) is unique,
        so two people numbering at once never keep the same number; a collision is retried.
        """
        tahun = int(record["tahun"])
        for _attempt in range(5):
            try:
                with self._write() as conn:
                    urut = _next_counter(conn, f"surat_keluar:{tahun}")
                    taken = conn.execute(
                        sa.select(sa.func.max(surat_keluar.c.nomor_urut)).where(
                            surat_keluar.c.tahun == tahun
                        )
                    ).scalar()
                    if taken is not None and taken >= urut:  # a restored or older register
                        urut = taken + 1
                        _set_counter(conn, f"surat_keluar:{tahun}", urut)
                    nomor = nomor_of(urut)
                    new_id = _new_id(
                        conn.execute(
                            surat_keluar.insert().values(
                                **record, nomor_urut=urut, nomor=nomor, oleh=who, dibuat_pada=_now()
                            )
                        )
                    )
                    _audit(conn, who, "beri nomor surat", f"{nomor}: {record['hal']}")
                return {"id": int(new_id), "nomor_urut": urut, "nomor": nomor}
            except sa.exc.IntegrityError:
                continue
        raise StoreWriteError("sibuk")

    def attach_letter_file(self, surat_id: int, item: dict, who: str) -> int:
        """Keep the letter's document with its register row (once; later calls are refused)."""
        with self._write() as conn:
            file_id = _insert_berkas(conn, item, who)
            done = conn.execute(
                surat_keluar.update()
                .where(surat_keluar.c.id == surat_id, surat_keluar.c.berkas_id.is_(None))
                .values(berkas_id=file_id)
            ).rowcount
            if not done:
                raise StaleTransition(surat_id)
        return file_id

    def void_letter(self, surat_id: int, alasan: str, who: str) -> bool:
        """Mark a number void (hangus): it stays in the register and is never given again."""
        with self._write() as conn:
            done = conn.execute(
                surat_keluar.update()
                .where(surat_keluar.c.id == surat_id, surat_keluar.c.hangus_pada.is_(None))
                .values(hangus_pada=_now(), hangus_oleh=who, hangus_alasan=alasan)
            ).rowcount
            if done:
                nomor = conn.execute(
                    sa.select(surat_keluar.c.nomor).where(surat_keluar.c.id == surat_id)
                ).scalar()
                _audit(conn, who, "nomor surat hangus", f"{nomor}: {alasan}")
        return bool(done)

    def letters(self, tahun: int | None = None) -> list[dict]:
        """The register of outgoing letters (of one letter year), in number order."""
        query = surat_keluar.select()
        if tahun is not None:
            query = query.where(surat_keluar.c.tahun == tahun)
        query = query.order_by(surat_keluar.c.tahun, surat_keluar.c.nomor_urut)
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def add_sop_langkah(self, record: dict, who: str) -> int:
        """Record when an SOP step the app cannot observe started and finished."""
        with self._write() as conn:
            new_id = _new_id(
                conn.execute(sop_langkah.insert().values(**record, oleh=who, dicatat_pada=_now()))
            )
            _audit(
                conn,
                who,
                "catat langkah SOP",
                f"tahun {record['tahun']} TW {record['sampai_tw']} langkah {record['langkah']}",
            )
        return int(new_id)

    def sop_langkah_rows(self, tahun: int, sampai_tw: int) -> list[dict]:
        query = (
            sop_langkah.select()
            .where(sop_langkah.c.tahun == tahun, sop_langkah.c.sampai_tw == sampai_tw)
            .order_by(sop_langkah.c.id)
        )
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def is_empty(self) -> bool:
        with self._read() as conn:
            has_sub = conn.execute(sa.select(submissions.c.id).limit(1)).first()
            has_plan = conn.execute(sa.select(rencana_indicator_rows.c.id).limit(1)).first()
        return not has_sub and not has_plan


class StaleTransition(RuntimeError):
    """The row changed since it was read (another person acted first)."""


def _insert_berkas(conn: sa.Connection, item: dict, who: str) -> int:
    content = bytes(item["isi"])
    return int(
        _new_id(
            conn.execute(
                berkas.insert().values(
                    tahun=item["tahun"],
                    sampai_tw=item["sampai_tw"],
                    jenis=item["jenis"],
                    nama=item["nama"],
                    sha256=hashlib.sha256(content).hexdigest(),
                    ukuran=len(content),
                    isi=content,
                    oleh=who,
                    disimpan_pada=_now(),
                )
            )
        )
    )


def _version_row(conn: sa.Connection, tahun: int, sampai_tw: int, versi: int) -> dict | None:
    row = (
        conn.execute(
            dokumen_versi.select().where(
                dokumen_versi.c.tahun == tahun,
                dokumen_versi.c.sampai_tw == sampai_tw,
                dokumen_versi.c.versi == versi,
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def _next_counter(conn: sa.Connection, name: str) -> int:
    """Raise the named counter by one inside the caller's write transaction; the new value."""
    updated = conn.execute(
        counters.update().where(counters.c.name == name).values(value=counters.c.value + 1)
    )
    if updated.rowcount == 0:
        conn.execute(counters.insert().values(name=name, value=1))
    return int(
        conn.execute(sa.select(counters.c.value).where(counters.c.name == name)).scalar_one()
    )


def _period_text(row) -> str:
    batas = row.get("batas_waktu")
    return f"sampai TW {row['sampai_tw']}, batas waktu {batas.isoformat() if batas else '-'}"


_RENCANA_KEY = ["bidang", "kode", "indikator"]
_CHANGES_SHOWN = 500  # cells listed in one audit entry; the count says how many there were


def _rencana_changes(
    old_ind: pd.DataFrame, new_ind: pd.DataFrame, old_ang: pd.DataFrame, new_ang: pd.DataFrame
) -> tuple[dict, dict]:
    """The rencana cells that changed: ({place: old}, {place: new}); a row added or removed
    shows as '(baru)' / '(dihapus)'. Place: 'bidang | kode | indikator : kolom'."""
    before: dict[str, object] = {}
    after: dict[str, object] = {}
    for old, new, key in (
        (old_ind, new_ind, _RENCANA_KEY),
        (old_ang, new_ang, ["bidang", "kode", "uraian"]),
    ):
        key = [k for k in key if k in new.columns and k in old.columns]
        columns = [c for c in new.columns if c in old.columns and c not in (*key, "tahun", "baris")]
        olds = {tuple(r[k] for k in key): r for r in old.to_dict("records")}
        news = {tuple(r[k] for k in key): r for r in new.to_dict("records")}
        for place in sorted(set(olds) | set(news), key=str):
            name = " | ".join(str(p) for p in place)
            if place not in olds:
                before[name], after[name] = "(baru)", "(ditambah)"
                continue
            if place not in news:
                before[name], after[name] = "(ada)", "(dihapus)"
                continue
            for column in columns:
                a, b = olds[place][column], news[place][column]
                if _same(a, b):
                    continue
                before[f"{name} : {column}"] = _plain(a)
                after[f"{name} : {column}"] = _plain(b)
    if len(before) > _CHANGES_SHOWN:
        keep = list(before)[:_CHANGES_SHOWN]
        more = {"…": f"dan {len(before) - _CHANGES_SHOWN} perubahan lain"}
        before = {k: before[k] for k in keep} | more
        after = {k: after[k] for k in keep} | more
    return before, after


def _missing(value: Any) -> bool:
    return not isinstance(value, str) and bool(pd.isna(value))


def _same(a: Any, b: Any) -> bool:
    a_missing, b_missing = _missing(a), _missing(b)
    if a_missing or b_missing:
        return a_missing and b_missing
    return a == b


def _plain(value: Any) -> object:
    if _missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _frame(conn: sa.Connection, table: sa.Table, where) -> pd.DataFrame:
    """Rows in the order they were written, on every backend."""
    return pd.read_sql(sa.select(table).where(where).order_by(table.c.id), conn)


def _new_id(result: sa.CursorResult) -> int:
    """The primary key of the one row an INSERT made."""
    key = result.inserted_primary_key
    assert key is not None, "an INSERT of one row"
    return int(key[0])


def _audit(
    conn: sa.Connection,
    who: str,
    action: str,
    detail: str,
    sebelum: object = None,
    sesudah: object = None,
) -> None:
    """Append one entry, chained to the entry before it (inside the write transaction, which
    holds the database's write lock, so two writers never chain to the same entry)."""
    from kinerja_core.audit import GENESIS, LAST_ID_COUNTER, change_text, entry_hash

    prev = conn.execute(
        sa.select(audit_log.c.sha256).order_by(audit_log.c.id.desc()).limit(1)
    ).scalar()
    at = _now()
    values: dict[str, Any] = {
        "at": at,
        "who": who,
        "action": action,
        "detail": detail,
        "sebelum": change_text(sebelum),
        "sesudah": change_text(sesudah),
        "prev_sha256": prev or GENESIS,
    }
    values["sha256"] = entry_hash(
        prev or GENESIS, at, who, action, detail, change_text(sebelum), change_text(sesudah)
    )
    new_id = _new_id(conn.execute(audit_log.insert().values(**values)))
    _set_counter(conn, LAST_ID_COUNTER, int(new_id))


def _set_counter(conn: sa.Connection, name: str, value: int) -> None:
    updated = conn.execute(
        counters.update().where(counters.c.name == name).values(value=value)
    ).rowcount
    if updated == 0:
        conn.execute(counters.insert().values(name=name, value=value))


def _bump_version(conn: sa.Connection) -> None:
    updated = conn.execute(
        counters.update()
        .where(counters.c.name == "data_version")
        .values(value=counters.c.value + 1)
    )
    if updated.rowcount == 0:
        conn.execute(counters.insert().values(name="data_version", value=1))


_PG_WRITE_LOCK = 0x4B4E4A57  # "KNJW": the one write lock of a PostgreSQL database


def _serialize_writers(conn: sa.Connection) -> None:
    """One writer at a time, as SQLite's BEGIN IMMEDIATE gives: version numbers, counters
    and letter numbers are read and written in one transaction without racing another."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})


BUSY_TIMEOUT_S = 30.0  # how long a SQLite write waits for another writer before giving up


def _make_engine(url: str) -> sa.Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    database = sa.engine.make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

    return engine
