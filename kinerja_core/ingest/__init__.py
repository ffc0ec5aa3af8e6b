"""Ingest: what a bidang sends in becomes canonical DataFrames plus a list of problems.

``read_upload`` reads our collection format, the shapes people really send (title rows,
two-row merged headers, renamed/reordered columns, numbers typed as Indonesian text, CSV
with ``;`` and decimal comma) and the official E.81 layout, through one header-detecting
reader. ``read_upload_safely`` does the same in a separate, memory- and time-limited
worker process after checking the container, for anything a user uploads.
``check_against_rencana`` compares a submission with the year's plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
import pandas as pd

from kinerja_core.ingest import plausibility
from kinerja_core.ingest.bidang import KNOWN_BIDANG, match_bidang
from kinerja_core.ingest.reader import Parsed, parse
from kinerja_core.ingest.rencana import RencanaIndex, check_against_rencana, rencana_index
from kinerja_core.model import (
    ANGGARAN_COLUMNS,
    INDICATOR_COLUMNS,
    NUMERIC_ANGGARAN_COLUMNS,
    NUMERIC_INDICATOR_COLUMNS,
    TEXT_ANGGARAN_COLUMNS,
    TEXT_INDICATOR_COLUMNS,
    Problem,
    conform_anggaran,
    conform_indicators,
)

__all__ = [
    "KNOWN_BIDANG",
    "IngestResult",
    "RencanaIndex",
    "apply_rencana",
    "check_against_rencana",
    "match_bidang",
    "read_upload",
    "read_upload_safely",
    "read_uploads_safely",
    "rencana_index",
    "shape_label",
]


# What each ``IngestResult.shape`` means, for people.
SHAPE_LABELS = {
    "format-kinerja": "format pengumpulan Kinerja",
    "e81": "formulir E.81 (Permendagri 86/2017)",
    "tabel": "tabel",
    "tabel-gabung": "tabel dengan judul kolom bertingkat",
    "csv": "CSV",
    "xlsx": "Excel (.xlsx)",
    "xlsm": "Excel bermakro (.xlsm)",
    "xls": "Excel lama (.xls)",
    "xlsb": "Excel biner (.xlsb)",
    "ods": "OpenDocument (.ods)",
    "kosong": "berkas kosong",
    "besar": "berkas terlalu besar",
    "rusak": "berkas rusak / bukan Excel",
    "bom": "zip bom (ditolak)",
    "terkunci": "berkas terkunci kata sandi",
    "pdf": "PDF",
    "html": "halaman web (HTML)",
    "xml": "XML",
    "biner": "berkas biner lain",
    "docx": "dokumen Word",
    "gagal": "gagal dibaca",
    "jenis": "jenis berkas tidak diterima",
}


def shape_label(shape: str) -> str:
    return SHAPE_LABELS.get(shape, shape or "-")


@dataclass
class IngestResult:
    """One upload, read: canonical rows, problems, and what the file is."""

    filename: str
    indicators: pd.DataFrame  # model.conform_indicators(...)
    anggaran: pd.DataFrame  # model.conform_anggaran(...)
    problems: list[Problem]
    bidang: str  # "" when unknown (rows carry their own bidang)
    tahun: int | None
    shape: str  # "format-kinerja" | "e81" | "tabel" | "tabel-gabung" | "csv" | refusal kind
    # per indicator row: True where polaritas / agregasi came from the default, not the file;
    # "agregasi_berkas": True where the file's own totals proved the agregasi
    defaulted: dict[str, list[bool]] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)  # the title lines above the header
    bidang_disebut: str = ""  # a bidang the file names that the dinas does not know

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def to_confirm(self) -> list[Problem]:
        """Plausible-but-odd numbers (``plausibility``) the operator confirms before saving."""
        return [p for p in self.problems if p.confirm]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        """No error-level problem and at least one indicator row."""
        return not self.errors and len(self.indicators) > 0


_EMPTY_INDICATORS = conform_indicators(pd.DataFrame(columns=INDICATOR_COLUMNS))
_EMPTY_ANGGARAN = conform_anggaran(pd.DataFrame(columns=ANGGARAN_COLUMNS))


def _frame(
    records: list[dict] | list[tuple], columns: list[str], text: list[str], numeric: list[str]
) -> pd.DataFrame:
    """Records → a frame already in ``model._conform`` shape (same dtypes, ~5× faster).

    The reader guarantees every text field is a str and every number a float, so the
    column-by-column coercion of ``conform_*`` is not needed (a test checks equality).
    """
    if not records:
        return (_EMPTY_INDICATORS if "indikator" in columns else _EMPTY_ANGGARAN).copy()
    text_set, numeric_set = set(text), set(numeric)
    if isinstance(records[0], tuple):  # packed by the worker: rows in ``columns`` order
        values = list(zip(*records, strict=True))
    elif all(len(r) >= len(columns) for r in records):
        values = list(zip(*map(itemgetter(*columns), records), strict=True))
    else:
        values = [
            tuple(r.get(c, "" if c in text_set else np.nan) for r in records) for c in columns
        ]
    data: dict[str, object] = {}
    for column, column_values in zip(columns, values, strict=True):
        if column == "kode":
            data[column] = pd.array(column_values, dtype="str")
        elif column in text_set:
            data[column] = pd.Series(column_values, dtype=object)
        elif column in numeric_set:
            data[column] = np.array(column_values, dtype=float)
        else:  # tahun, baris
            data[column] = np.array([int(v or 0) for v in column_values], dtype=np.int64)
    return pd.DataFrame(data, columns=columns, copy=False)


def _build(parsed: Parsed) -> IngestResult:
    indicators = _frame(
        parsed.indicators, INDICATOR_COLUMNS, TEXT_INDICATOR_COLUMNS, NUMERIC_INDICATOR_COLUMNS
    )
    anggaran = _frame(
        parsed.anggaran, ANGGARAN_COLUMNS, TEXT_ANGGARAN_COLUMNS, NUMERIC_ANGGARAN_COLUMNS
    )
    defaulted = {
        "polaritas": list(parsed.defaulted_polaritas),
        "agregasi": list(parsed.defaulted_agregasi),
        "agregasi_berkas": list(parsed.proved_agregasi),
    }
    return IngestResult(
        filename=parsed.filename,
        indicators=indicators,
        anggaran=anggaran,
        problems=list(parsed.problems),
        bidang=parsed.bidang,
        tahun=parsed.tahun,
        shape=parsed.shape,
        defaulted=defaulted,
        titles=list(parsed.titles),
        bidang_disebut=parsed.bidang_disebut,
    )


def apply_rencana(
    result: IngestResult, rencana: pd.DataFrame | RencanaIndex | None
) -> IngestResult:
    """``result`` checked against the plan (filled, and the mismatches added as problems),
    then its numbers checked for plausibility (``plausibility.check``, again after the plan
    changed targets or cara agregasi).

    Checking many files against one plan, pass ``rencana_index(plan)`` (prepared once).
    """
    if rencana is not None and len(rencana) != 0 and not result.indicators.empty:
        indicators, problems = check_against_rencana(
            result.indicators, rencana, defaulted=result.defaulted
        )
        result.indicators = indicators
        result.problems = [*result.problems, *problems]
    result.problems = [
        *plausibility.drop(result.problems),
        *plausibility.check(result.indicators),
        *plausibility.check_anggaran(result.anggaran),
    ]
    return result


def read_upload(
    content: bytes,
    filename: str,
    *,
    bidang: str = "",
    tahun: int | None = None,
    known_bidang: Sequence[str] | None = None,
    rencana: pd.DataFrame | None = None,
) -> IngestResult:
    """Read one upload in this process (trusted or small files: tests, our own CLI runs).

    ``bidang`` / ``tahun`` are used when the file does not say; ``known_bidang`` are the
    dinas's bidang names (default: the demo dinas); ``rencana`` (the year's plan) fills
    and checks polaritas / agregasi / target / satuan.
    """
    try:
        parsed = parse(content, filename, bidang=bidang, tahun=tahun, known_bidang=known_bidang)
    except Exception as exc:  # an unforeseen file: reported, never a traceback
        parsed = Parsed(
            filename=filename,
            shape="gagal",
            problems=[
                Problem(
                    "error",
                    "Terjadi kesalahan tak terduga saat membaca berkas; berkas tidak diproses "
                    f"({type(exc).__name__}: {str(exc)[:200]}).",
                    "Simpan ulang sebagai .xlsx lalu unggah lagi. Jika tetap gagal, kirim "
                    "berkasnya ke admin.",
                    file=filename,
                )
            ],
        )
    return apply_rencana(_build(parsed), rencana)


from kinerja_core.ingest.safe import read_upload_safely, read_uploads_safely  # noqa: E402
