"""From bytes to canonical records: one reader for every upload shape.

``parse`` sniffs the container, reads the grids, finds each sheet's header, walks the rows
and returns plain records (dicts with canonical column names) and the problems found, each
named by sheet, row and column. Rows are either read, recognised as non-data (blank,
numbering, urusan / program label rows, Jumlah / subtotal rows, the E.81 footer, signature)
and skipped on purpose, or reported.

The year is settled before any row is read, because it chooses the target column (the
evaluated year's annual target, never the five-year one). A file that looks like an E.81
(K / Rp sub-labels, its own column 12, or the form's title) but whose TW or Rp columns cannot
be mapped is an error naming the columns found — never a target-only or TW-I-only import.
Per row, the file's own totals choose how the TW values add up (``convention``). An
indicator repeated on another sheet is counted once, with a warning. A bidang named by the
file but unknown to the dinas is reported by name and left for the operator to choose.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from kinerja_core.ingest import bidang as bidang_mod
from kinerja_core.ingest import convention
from kinerja_core.ingest.container import MAX_SHEET_ROWS, Container, sniff
from kinerja_core.ingest.grid import Grid, column_letter, read_csv, read_workbook
from kinerja_core.ingest.headers import (
    CAPAIAN_TW,
    EXPECTED_COLUMNS_TEXT,
    Header,
    find_header,
    is_numbering_row,
    norm_label,
)
from kinerja_core.ingest.values import (
    EMPTY,
    NUMBER,
    TEXT,
    Value,
    cell_text,
    looks_like_formula,
    number_word,
    parse_value,
    rupiah,
)
from kinerja_core.locale_id import fmt_number
from kinerja_core.model import (
    ANGGARAN_TW,
    INDICATOR_COLUMNS,
    NUMERIC_INDICATOR_COLUMNS,
    REALISASI_TW,
    TARGET_TW,
    TW_ROMAN,
    Problem,
    default_agregasi,
    normalize_kode,
    parse_agregasi,
    parse_polaritas,
)

META_FORMAT = "kinerja-pengumpulan"
META_SHEET = "_meta"
SUPPORTED_META_VERSIONS = ("1",)

_TEXT_FIELDS = (
    "uraian",
    "indikator",
    "satuan",
    "faktor_pendorong",
    "faktor_penghambat",
    "tindak_lanjut",
    "keterangan",
    "sasaran",
)
_KINERJA_NUMBER_FIELDS = ("target", *TARGET_TW, *REALISASI_TW)
_RP_FIELDS = ("pagu", *ANGGARAN_TW, "target_renstra_rp", "realisasi_renstra_lalu_rp")
# Rows after which nothing is data any more: the E.81 footer and the signature blocks.
_FOOTER = re.compile(
    r"^(?:rata[- ]?rata|predikat|faktor|tindak lanjut|catatan|"
    r"mengetahui|disusun|dievaluasi|diperiksa|kepala|sekretaris|nip|pangkat|ttd|"
    r"tanda tangan|pembina|penata)\b"
)
# Subtotal rows between the data ("Jumlah", "Total Program", "Sub Total"): skipped, their
# budget never counted (the lines under them carry it).
_SUBTOTAL = re.compile(r"^(?:jumlah|total|sub ?total|grand total)\b")
_SUBTOTAL_CELL = re.compile(
    r"^(?:jumlah|total|sub ?total|grand total)(?: (?:program|kegiatan|sub kegiatan|anggaran|"
    r"urusan|bidang urusan|keseluruhan|seluruhnya|pagu|realisasi|capaian))*$"
    r"|^rata[- ]?rata capaian\b|^predikat kinerja\b"
)
_CITY_DATE = re.compile(
    r"\b\d{1,2}\s+(?:januari|februari|maret|april|mei|juni|juli|agustus|september|"
    r"oktober|november|desember)\s+\d{4}\b"
)
_KODE_IN_TEXT = re.compile(r"^\s*(\d+(?:\s*\.\s*[0-9A-Za-z]+)+)\s*[-–:.]?\s+(.*)$")
_KODE_SHAPE = re.compile(r"^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$")


_FORMULA_FIRST = frozenset("=+-@\t\r|")
_OWN_FIELDS = ("realisasi_total", "capaian_total", *CAPAIAN_TW)
_E81_TITLE = re.compile(r"evaluasi terhadap hasil (?:renja|rkpd)|\be\.?\s?8[01]\b")
_TITLE_SCALE = re.compile(r"\b(?:dalam|rp\.?)\s*\(?\s*(ribuan|ribu|jutaan|juta|000)\b")
_POLARITAS_CACHE: dict[str, str | None] = {}
_AGREGASI_CACHE: dict[str, str | None] = {}


def clean_text(value: object) -> str:
    """A cell as one-line text: stripped, inner runs of whitespace collapsed."""
    if type(value) is str:
        if not value:
            return ""
        text = value.strip()
    elif value is None:
        return ""
    else:
        text = cell_text(value)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text:
        text = " ".join(text.split())
    return text


def _polaritas(text: str) -> str | None:
    if not text:
        return None
    if text not in _POLARITAS_CACHE:
        _POLARITAS_CACHE[text] = parse_polaritas(text)
    return _POLARITAS_CACHE[text]


def _agregasi(text: str) -> str | None:
    if not text:
        return None
    if text not in _AGREGASI_CACHE:
        _AGREGASI_CACHE[text] = parse_agregasi(text)
    return _AGREGASI_CACHE[text]


def _title_rp_scale(titles: list[str]) -> float:
    """'(dalam ribuan rupiah)' / '(Rp 000)' above the table: Rp columns in thousands."""
    for line in titles:
        match = _TITLE_SCALE.search(line.casefold())
        if match:
            return 1e6 if match.group(1).startswith("juta") else 1e3
    return 1.0


_KODE_WIDTHS = (("sub", 4), ("kegiatan", 0), ("program", 2), ("bidang", 2), ("urusan", 1))


def _kode_part(value: object, levels: list[str]) -> str:
    """One column of a split kode as text; a number keeps the zeros its column needs
    (program '03', sub kegiatan '0005', kegiatan '2.02')."""
    if type(value) is str:
        return value.strip().strip(".").replace(" ", "")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        label = norm_label(levels[-1]) if levels else ""
        width = next((w for word, w in _KODE_WIDTHS if word in label), -1)
        if float(value).is_integer():
            number = str(int(value))
            return number.zfill(width) if width > 0 else number
        whole, _, fraction = repr(float(value)).partition(".")
        return f"{whole}.{fraction.ljust(2, '0')}" if width == 0 else f"{whole}.{fraction}"
    return cell_text(value)


@lru_cache(maxsize=1024)
def _default_agregasi(satuan: str) -> str:
    return default_agregasi(satuan)


@lru_cache(maxsize=1024)
def _match_bidang_cached(text: str, known: tuple[str, ...] | None) -> str:
    return bidang_mod.match_bidang(text, known)


@dataclass
class Parsed:
    """What one upload yields before it becomes DataFrames."""

    filename: str
    shape: str = ""
    bidang: str = ""
    tahun: int | None = None
    indicators: list[dict] = field(default_factory=list)
    anggaran: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # per indicator record: True where polaritas / agregasi was not given by the file
    defaulted_polaritas: list[bool] = field(default_factory=list)
    defaulted_agregasi: list[bool] = field(default_factory=list)
    # per indicator record: True where the file's own total / capaian columns proved agregasi
    proved_agregasi: list[bool] = field(default_factory=list)
    # the lines above the header (title rows), for callers that name bidang from them
    titles: list[str] = field(default_factory=list)
    # a bidang the file names (metadata, title) that the dinas does not know: the operator
    # chooses; "" when none
    bidang_disebut: str = ""

    def pack(self) -> Parsed:
        """Indicator records as tuples in INDICATOR_COLUMNS order (a smaller, faster pickle
        for the trip from the worker); ``ingest._build`` accepts either form."""
        if self.indicators and isinstance(self.indicators[0], dict):
            getter = itemgetter(*INDICATOR_COLUMNS)
            self.indicators = [getter(record) for record in self.indicators]
        return self


class _Context:
    """Problem collection for one file."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def error(self, message: str, fix: str = "", **where) -> None:
        self.problems.append(Problem("error", message, fix, file=self.filename, **where))

    def warning(self, message: str, fix: str = "", **where) -> None:
        self.problems.append(Problem("warning", message, fix, file=self.filename, **where))


def parse(
    content: bytes,
    filename: str,
    *,
    bidang: str = "",
    tahun: int | None = None,
    known_bidang: Sequence[str] | None = None,
) -> Parsed:
    """Read one upload into records and problems. Never raises for bad input."""
    ctx = _Context(filename)
    parsed = Parsed(filename=filename)
    container = sniff(content, filename)
    if container.refusal:
        ctx.error(container.refusal.message, container.refusal.fix, sheet=container.refusal.sheet)
        parsed.shape = container.kind
        parsed.problems = ctx.problems
        return parsed
    for note in container.notes:
        ctx.warning(note.message, note.fix)
    grids = _read_grids(content, filename, container, ctx)
    if grids is None:
        parsed.shape = container.kind
        parsed.problems = ctx.problems
        return parsed
    _read_grids_into(parsed, grids, container, ctx, bidang, tahun, known_bidang)
    parsed.problems = ctx.problems
    return parsed


def _read_grids(
    content: bytes, filename: str, container: Container, ctx: _Context
) -> list[Grid] | None:
    if container.kind == "csv":
        return [read_csv(content, container.encoding, "CSV")]
    try:
        return read_workbook(content)
    except Exception as exc:  # calamine raises its own error types for broken parts
        name = type(exc).__name__
        if "Password" in name or "password" in str(exc).casefold():
            ctx.error(
                "Berkas terkunci kata sandi, jadi isinya tidak bisa dibaca.",
                "Simpan ulang tanpa kata sandi, lalu unggah lagi.",
            )
        else:
            ctx.error(
                f"Berkas tidak bisa dibuka sebagai {container.kind.upper()}: rusak atau "
                "tidak lengkap.",
                "Buka berkas di Excel untuk memastikan bisa dibuka, simpan ulang sebagai "
                ".xlsx, lalu unggah lagi.",
            )
        return None


def _read_meta(grid: Grid) -> dict[str, str]:
    meta = {}
    for row in grid.rows:
        if len(row) >= 2 and cell_text(row[0]):
            meta[cell_text(row[0]).casefold()] = cell_text(row[1])
    return meta


def _read_grids_into(
    parsed: Parsed,
    grids: list[Grid],
    container: Container,
    ctx: _Context,
    bidang_arg: str,
    tahun_arg: int | None,
    known: Sequence[str] | None,
) -> None:
    meta: dict[str, str] = {}
    for grid in grids:
        if grid.name.casefold() == META_SHEET:
            meta = _read_meta(grid)
    ours = meta.get("format", "") == META_FORMAT
    if ours and meta.get("versi", "") not in SUPPORTED_META_VERSIONS:
        ctx.warning(
            f"Versi format pengumpulan '{meta.get('versi', '')}' tidak dikenal; dibaca seperti "
            "versi 1.",
            "Pakai format terbaru dari halaman Format Pengumpulan.",
        )

    readers: list[_TableReader] = []
    anggaran_tables: list[tuple[Grid, Header]] = []
    hidden_tables: list[str] = []
    non_empty = 0
    too_big = False
    first_rows: list[str] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}  # indicators of the whole file
    for grid in grids:
        if grid.name.casefold() in (META_SHEET, "petunjuk") or not grid.rows:
            continue  # metadata and the instructions sheet of our format
        header = find_header(grid.rows, merged=grid.merged, row0=grid.row0, col0=grid.col0)
        if header is not None or any(c not in ("", None) for row in grid.rows for c in row):
            non_empty += 1
        if header is None:
            if not first_rows:
                first_rows = [cell_text(c) for c in next(_non_empty_rows(grid), [])]
                first_rows = [t for t in first_rows if t][:8]
            continue
        if grid.hidden:
            if header.is_indicator_table or header.is_anggaran_table:
                hidden_tables.append(grid.name)
            continue
        if grid.truncated:
            ctx.error(
                f"Sheet berisi lebih dari {fmt_number(MAX_SHEET_ROWS)} baris; terlalu banyak "
                "untuk tabel kinerja, jadi sheet ini tidak dibaca.",
                "Hapus baris kosong/berlebih di bawah tabel, simpan, lalu unggah lagi.",
                sheet=grid.name,
            )
            too_big = True
            continue
        if header.is_indicator_table:
            readers.append(_TableReader(grid, header, ctx, known, seen))
        elif header.is_anggaran_table:
            anggaran_tables.append((grid, header))

    for name in hidden_tables:
        ctx.warning(
            f"Sheet tersembunyi '{name}' berisi tabel; sheet tersembunyi tidak dibaca.",
            "Jika data di sheet itu yang dimaksud, tampilkan sheet itu (Unhide) atau salin "
            "ke sheet yang terlihat.",
            sheet=name,
        )
    if not readers:
        if not too_big:
            _no_table(ctx, non_empty, first_rows, container)
        parsed.shape = "csv" if container.kind == "csv" else container.kind
        return

    # The year first: it chooses the target column of every table.
    titles: list[str] = []
    for reader in readers:
        titles += reader.title_lines()
    parsed.titles = titles[:20]
    file_tahun = _resolve_tahun(parsed, readers, meta, titles, ctx, tahun_arg)
    parsed.tahun = file_tahun
    for reader in readers:
        reader.prepare(file_tahun, titles)
    usable = [reader for reader in readers if not reader.refused]

    # Shape name.
    if ours:
        parsed.shape = "format-kinerja"
    elif any(r.is_e81 for r in readers):
        parsed.shape = "e81"
    elif container.kind == "csv":
        parsed.shape = "csv"
    elif any(r.header.n_rows > 1 for r in readers):
        parsed.shape = "tabel-gabung"
    else:
        parsed.shape = "tabel"
    if not usable:
        return

    for reader in usable:
        reader.read()
    for grid, header in anggaran_tables:
        reader = _TableReader(grid, header, ctx, known, seen)
        reader.prepare(file_tahun, titles)
        reader.read_anggaran_only(usable[0].anggaran_by_kode)

    file_bidang = _resolve_bidang(parsed, usable, meta, titles, ctx, bidang_arg, known)
    parsed.bidang = file_bidang

    anggaran_by_kode: dict[str, dict] = {}
    for reader in usable:
        for record in reader.records:
            if not record["bidang"]:
                record["bidang"] = reader.sheet_bidang or file_bidang
            record["tahun"] = file_tahun or 0
            parsed.indicators.append(record)
        parsed.defaulted_polaritas += reader.defaulted_polaritas
        parsed.defaulted_agregasi += reader.defaulted_agregasi
        parsed.proved_agregasi += reader.proved_agregasi
        for kode, record in reader.anggaran_by_kode.items():
            if kode in anggaran_by_kode:
                continue
            record["bidang"] = record["bidang"] or reader.sheet_bidang or file_bidang
            record["tahun"] = file_tahun or 0
            anggaran_by_kode[kode] = record
    parsed.anggaran = _without_subtotals(list(anggaran_by_kode.values()))

    if not parsed.indicators and not any(p.level == "error" for p in ctx.problems):
        ctx.error(
            "Tabel kinerja ditemukan tetapi tidak ada satu pun baris indikator yang terisi.",
            "Isi kolom Indikator, Target dan Realisasi pada baris di bawah judul kolom.",
            sheet=readers[0].grid.name,
        )


_LEVEL_WORDS = (("sub kegiatan", 3), ("subkegiatan", 3), ("kegiatan", 2), ("program", 1))


def _uraian_level(uraian: str) -> int:
    text = uraian.casefold().lstrip(" 0123456789.-")
    for word, level in _LEVEL_WORDS:
        if text.startswith(word):
            return level
    return 0


def _without_subtotals(lines: list[dict]) -> list[dict]:
    """Budget lines without a kode that only total the lines under them (a program or
    kegiatan line of a file without kode): dropped, so no pagu is counted twice.

    A kode-less line is a subtotal when the lines right under it add up to its pagu — at
    least two of them, or one of a deeper level ('Program …' over 'Kegiatan …').
    Lines with a kode are left to ``analysis.effective_budget`` (parents by kode prefix).
    """
    if not any(not line["kode"] for line in lines):
        return lines
    ordered = sorted(lines, key=lambda line: line["baris"])
    kept: list[dict] = []  # from the bottom up: a total is checked against the lines it totals
    for line in reversed(ordered):
        pagu = line.get("pagu", math.nan)
        if line["kode"] or math.isnan(pagu) or pagu <= 0:
            kept.append(line)
            continue
        total, count, subtotal = 0.0, 0, False
        level = _uraian_level(line["uraian"])
        for below in reversed(kept):  # the kept lines right under this one, in file order
            value = below.get("pagu", math.nan)
            if math.isnan(value):
                continue
            total += value
            count += 1
            if abs(total - pagu) <= 1.0:
                deeper = level and _uraian_level(below["uraian"]) > level
                subtotal = count >= 2 or bool(deeper)
                break
            if total > pagu + 1.0:
                break
        if not subtotal:
            kept.append(line)
    return list(reversed(kept))


def _non_empty_rows(grid: Grid):
    return (row for row in grid.rows if any(cell_text(c) for c in row))


def _no_table(ctx: _Context, non_empty: int, first_row: list[str], container: Container) -> None:
    if container.renamed_text:
        ctx.problems[:] = [p for p in ctx.problems if p.level == "error"]
        sample = " ".join(first_row)[:60]
        ctx.error(
            "Berkas ini bukan file Excel: namanya berakhiran Excel tetapi isinya teks biasa"
            + (f" ('{sample}')" if sample else "")
            + ", dan tidak berisi tabel kinerja.",
            "Buka berkas aslinya di Excel, Simpan Sebagai → Excel Workbook (.xlsx), lalu "
            "unggah berkas .xlsx itu.",
        )
        return
    if non_empty == 0:
        ctx.error(
            "Berkas tidak berisi data: semua sheet kosong.",
            "Isi format pengumpulan (sheet Kinerja) lalu simpan sebelum mengunggah.",
        )
        return
    seen = f" Kolom yang ada: {', '.join(first_row)}." if first_row else ""
    what = "CSV" if container.kind == "csv" else "berkas"
    ctx.error(
        f"Tidak ditemukan tabel kinerja di {what} ini: tidak ada baris judul kolom yang "
        f"memuat Indikator dan Target/Realisasi.{seen}",
        f"Kolom yang diharapkan: {EXPECTED_COLUMNS_TEXT}. Pakai format pengumpulan yang "
        "dibagikan, atau beri judul kolom seperti itu di atas tabel.",
    )


def _resolve_tahun(
    parsed: Parsed,
    readers: list[_TableReader],
    meta: dict[str, str],
    titles: list[str],
    ctx: _Context,
    tahun_arg: int | None,
) -> int | None:
    """The file's year: metadata, title rows, the annual target's header, file name."""
    tahun: int | None = None
    if meta.get("tahun", "").strip().isdigit():
        tahun = int(meta["tahun"].strip())
    if tahun is None:
        for line in titles:
            tahun = bidang_mod.tahun_from_text(line)
            if tahun:
                break
    if tahun is None:
        for reader in readers:
            tahun = reader.header_tahun()
            if tahun:
                break
    if tahun is None:
        tahun = bidang_mod.tahun_from_filename(parsed.filename)
    if tahun and tahun_arg and tahun != tahun_arg:
        ctx.warning(
            f"Berkas menyebut tahun {tahun}, tetapi yang dipilih {tahun_arg}; dipakai "
            f"{tahun} sesuai isi berkas.",
            "Periksa apakah berkas yang diunggah memang untuk tahun yang dipilih.",
        )
    if tahun is None:
        tahun = tahun_arg
    if tahun is None:
        ctx.error(
            "Tahun tidak dikenali dari berkas (tidak ada di metadata, judul, maupun judul "
            "kolom Target).",
            "Pilih tahun untuk berkas ini, atau tulis tahun di judul kolom (mis. 'Target 2024').",
        )
    return tahun


def _named_bidang(meta: dict[str, str], titles: list[str]) -> str:
    """The bidang the file names in its metadata or title, known or not ('' when none)."""
    if meta.get("bidang", "").strip():
        return " ".join(meta["bidang"].split())
    return bidang_mod.title_bidang(titles)


def _resolve_bidang(
    parsed: Parsed,
    readers: list[_TableReader],
    meta: dict[str, str],
    titles: list[str],
    ctx: _Context,
    bidang_arg: str,
    known: Sequence[str] | None,
) -> str:
    """The file's bidang: metadata, title rows, the rows' own penanggung jawab, sheet name,
    file name — or the operator's choice. A name the dinas does not know (``known`` given)
    is reported and left for the operator, never added silently."""
    strict = bool(known)
    found = ""
    if meta.get("bidang"):
        found = bidang_mod.match_bidang(meta["bidang"], known)
        if not found and not strict:
            found = meta["bidang"].strip()
    if not found:
        found = bidang_mod.bidang_from_lines(titles, known)
    named = _named_bidang(meta, titles)
    if not found and named and strict:
        parsed.bidang_disebut = named
        ctx.warning(
            f"Berkas menyebut '{named}', yang tidak ada dalam daftar bidang rencana "
            f"({', '.join(known or ())}); bidang itu tidak ditambahkan dengan sendirinya.",
            "Pilih bidang yang dimaksud untuk berkas ini, atau tambahkan bidang itu ke rencana "
            "di halaman Rencana lebih dulu.",
        )
    if not found:
        row_bidang = {r["bidang"] for reader in readers for r in reader.records if r["bidang"]}
        sheet_bidang = {reader.sheet_bidang for reader in readers}
        if len(row_bidang) == 1 and not any(
            not r["bidang"] for reader in readers for r in reader.records
        ):
            found = row_bidang.pop()
        elif len(sheet_bidang) == 1 and "" not in sheet_bidang:
            found = sheet_bidang.pop()
    if not found:
        stem = parsed.filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        found = bidang_mod.match_bidang(stem, known)
    if found and bidang_arg and bidang_mod.match_bidang(bidang_arg, [found]) != found:
        ctx.warning(
            f"Berkas menyebut {found}, tetapi yang dipilih {bidang_arg}; dipakai {found} "
            "sesuai isi berkas.",
            "Periksa apakah berkas yang diunggah memang milik bidang yang dipilih.",
        )
    if not found and bidang_arg:
        found = bidang_mod.match_bidang(bidang_arg, known) or bidang_arg
    needs_bidang = any(not r["bidang"] for reader in readers for r in reader.records)
    if not found and needs_bidang:
        ctx.error(
            "Bidang tidak dikenali dari berkas (tidak ada di metadata, judul, kolom "
            "penanggung jawab, maupun nama berkas).",
            "Pilih bidang untuk berkas ini, atau tulis nama bidang di judul sheet "
            "(mis. 'BIDANG STATISTIK — TAHUN ANGGARAN 2024').",
        )
    return found


class _TableReader:
    """Walks the rows under one header and turns them into records."""

    def __init__(
        self,
        grid: Grid,
        header: Header,
        ctx: _Context,
        known: Sequence[str] | None,
        seen: dict[tuple[str, str], tuple[str, int]] | None = None,
    ):
        self.grid = grid
        self.header = header
        self.ctx = ctx
        self.known = known
        self.fields = header.fields
        self.records: list[dict] = []
        self.defaulted_polaritas: list[bool] = []
        self.defaulted_agregasi: list[bool] = []
        self.proved_agregasi: list[bool] = []
        self.anggaran_by_kode: dict[str, dict] = {}
        self.sheet_bidang = bidang_mod.match_bidang(grid.name, known)
        self.is_e81 = False
        self.refused = False
        self._known_key = tuple(known) if known is not None else None
        self._template: dict[str, Any] = dict.fromkeys(INDICATOR_COLUMNS, "")
        for name in NUMERIC_INDICATOR_COLUMNS:
            self._template[name] = math.nan
        self._template.update(tahun=0, sumber=ctx.filename)
        self._unknown_bidang: set[str] = set()
        # (kode or uraian, indikator) → (sheet, row)
        self._seen: dict[tuple[str, str], tuple[str, int]] = {} if seen is None else seen
        self._rp_scale: dict[str, float] = {}  # field → rupiah per unit written ('Rp (000)')
        self._refresh()

    def _refresh(self) -> None:
        """The field lists the row loop uses (again after the targets are chosen)."""
        self.fields = self.header.fields
        self._text_fields = [
            name for name in _TEXT_FIELDS if name in self.fields and name != "indikator"
        ]
        self._target_tw_fields = [name for name in TARGET_TW if name in self.fields]
        self._realisasi_fields = [name for name in REALISASI_TW if name in self.fields]
        self._rp_fields = [name for name in _RP_FIELDS if name in self.fields]
        self._has_rp = bool(self._rp_fields)
        self._own_fields = [name for name in _OWN_FIELDS if name in self.fields]
        self._kode_columns = self.header.kode_columns if len(self.header.kode_columns) > 1 else []
        self._merged = self._merged_fill()
        index = self.fields.get("indikator")
        header_row = self.grid.rows[self.header.row]
        self._header_indikator = (
            cell_text(header_row[index]) if index is not None and index < len(header_row) else ""
        )

    # --- header-level decisions ---------------------------------------------------------
    def prepare(self, tahun: int | None, titles: list[str]) -> None:
        """Choose the target columns of year ``tahun``, the Rp scales, and refuse an E.81
        whose TW or Rp columns cannot be mapped."""
        problem = self.header.resolve_targets(tahun)
        self._refresh()
        title_scale = _title_rp_scale(titles)
        for name in self._rp_fields:
            scale = self.header.rp_scales.get(self.fields[name], 1.0)
            self._rp_scale[name] = scale if scale != 1.0 else title_scale
        labels = [norm_label(label) for label in self.header.labels]
        triwulan_group = any("triwulan" in label and "realisasi" in label for label in labels)
        e81_title = any(_E81_TITLE.search(line.casefold()) for line in titles)
        self.is_e81 = self.header.has_k_rp or any(
            name in self.fields for name in ("realisasi_total", "anggaran_total")
        )
        looks_e81 = self.is_e81 or (e81_title and triwulan_group)
        where = {"sheet": self.grid.name, "row": self.grid.excel_row(self.header.row)}
        if problem:
            self.refused = True
            self.ctx.error(
                f"{problem} {self._columns_found()}",
                "Beri judul kolom target tahunan yang jelas (mis. 'Target Renja Tahun 2024'), "
                "atau pilih tahun berkas ini agar kolom target tahun itu yang dipakai.",
                **where,
            )
            return
        if not looks_e81:
            return
        missing = [roman for n, roman in TW_ROMAN.items() if f"realisasi_tw{n}" not in self.fields]
        rp_like = [c for c, kind in self.header.measures.items() if kind == "rp"] + [
            c for c in self.header.unknown if re.search(r"\b(?:rp|anggaran|keuangan)\b", labels[c])
        ]
        rp_tw = [name for name in ANGGARAN_TW if name in self.fields]
        has_rp = "pagu" in self.fields or bool(rp_tw)
        lacks = []
        if missing:
            lacks.append(f"realisasi kinerja (K) triwulan {', '.join(missing)}")
        if "target" not in self.fields:
            lacks.append("target kinerja tahun yang dievaluasi")
        if rp_like and not has_rp:
            lacks.append("anggaran (Rp: pagu dan realisasi per triwulan)")
        elif (rp_tw or self.header.has_k_rp) and len(rp_tw) < 4:
            lacks.append(
                "realisasi anggaran (Rp) triwulan "
                + ", ".join(r for n, r in TW_ROMAN.items() if f"anggaran_tw{n}" not in rp_tw)
            )
        if lacks:
            self.refused = True
            self.ctx.error(
                "Sheet ini berbentuk formulir E.81, tetapi kolom "
                f"{'; '.join(lacks)} tidak dapat dipetakan, jadi sheet tidak dibaca "
                f"(tidak diimpor sebagian). {self._columns_found()}",
                "Pastikan judul kolom E.81 lengkap: 'Realisasi Kinerja pada Triwulan' dengan "
                "I–IV, masing-masing K dan Rp, dan kolom target Renja tahun yang dievaluasi "
                "dengan K dan Rp.",
                **where,
            )

    def _columns_found(self) -> str:
        shown = [
            f"{column_letter(self.grid.col0 + c)} '{label[:70]}'"
            for c, label in enumerate(self.header.labels)
            if label
        ]
        return "Kolom yang ditemukan: " + "; ".join(shown[:40]) + "."

    # --- header-level notes --------------------------------------------------------
    def _where_col(self, name: str) -> str:
        index = self.fields[name]
        label = self.header.labels[index] or name
        return f"{label} ({self.grid.column_letter(index)})"

    def _warn_header(self) -> None:
        for name, index in self.header.duplicates:
            first = self.fields[name]
            self.ctx.warning(
                f"Ada dua kolom untuk '{self.header.labels[first]}'; yang dipakai kolom "
                f"{self.grid.column_letter(first)}, kolom {self.grid.column_letter(index)} "
                "diabaikan.",
                "Hapus atau ganti judul kolom yang dobel.",
                sheet=self.grid.name,
                row=self.grid.excel_row(self.header.row),
                column=f"{self.header.labels[index]} ({self.grid.column_letter(index)})",
            )
        has_realisasi = any(name in self.fields for name in REALISASI_TW)
        if not has_realisasi:
            self.ctx.warning(
                "Tidak ada kolom Realisasi TW I–IV; hanya target yang terbaca.",
                "Tambahkan kolom 'Realisasi TW I' … 'Realisasi TW IV' dan isi realisasinya.",
                sheet=self.grid.name,
                row=self.grid.excel_row(self.header.row),
            )

    def title_lines(self) -> list[str]:
        lines = []
        for row in self.grid.rows[: self.header.row]:
            text = " ".join(cell_text(c) for c in row if cell_text(c))
            if text:
                lines.append(text)
        return lines

    def header_tahun(self) -> int | None:
        """The year an annual target's header names ('Target Renja Tahun 2024')."""
        years = {
            target.years[0]
            for target in self.header.targets
            if target.kind != "lima" and len(target.years) == 1
        }
        if len(years) == 1:
            return years.pop()
        if "target" not in self.fields:
            return None
        return bidang_mod.tahun_from_header(self.header.labels[self.fields["target"]])

    def _merged_fill(self) -> dict[tuple[int, int], object]:
        """Values of vertically merged identity cells (kode, uraian, sasaran, bidang)."""
        columns = {
            self.fields[name]
            for name in ("kode", "uraian", "sasaran", "bidang")
            if name in self.fields
        } | set(self._kode_columns)
        fill: dict[tuple[int, int], object] = {}
        first_data = self.header.row + self.header.n_rows
        for (r0, c0), (r1, c1) in self.grid.merged:
            r0, r1 = r0 - self.grid.row0, r1 - self.grid.row0
            c0, c1 = c0 - self.grid.col0, c1 - self.grid.col0
            if r1 <= r0 or r0 < first_data or r0 >= len(self.grid.rows):
                continue
            for c in range(c0, c1 + 1):
                if c not in columns:
                    continue
                row = self.grid.rows[r0]
                value = row[c] if c < len(row) else ""
                for r in range(r0 + 1, min(r1, len(self.grid.rows) - 1) + 1):
                    fill[(r, c)] = value
        return fill

    # --- cells -------------------------------------------------------------------------
    def _cell(self, row: list[object], index_row: int, name: str) -> object:
        index = self.fields.get(name)
        if index is None:
            return ""
        value = row[index] if index < len(row) else ""
        if (value == "" or value is None) and (index_row, index) in self._merged:
            return self._merged[(index_row, index)]
        return value

    def _split_kode(self, row: list[object], index_row: int) -> str:
        """A kode written over several columns (urusan, bidang urusan, program, kegiatan,
        sub kegiatan) as one text: '2', '16', '03', '2.02', '0005' → '2.16.03.2.02.0005'."""
        parts = []
        for column in self._kode_columns:
            value = row[column] if column < len(row) else ""
            if (value == "" or value is None) and (index_row, column) in self._merged:
                value = self._merged[(index_row, column)]
            part = _kode_part(value, self.header.levels[column])
            if part:
                parts.append(part)
        return ".".join(parts)

    def _where(self, index_row: int, name: str | None = None) -> dict:
        where = {"sheet": self.grid.name, "row": self.grid.excel_row(index_row)}
        if name is not None and name in self.fields:
            where["column"] = self._where_col(name)
        return where

    # --- rows --------------------------------------------------------------------------
    def _row_kind(self, row: list[object], raw: dict[str, object], footer: bool) -> str:
        """'blank', 'skip' (recognised non-data), 'subtotal', 'footer', 'data' or 'orphan'.

        'orphan' is a row that carries kinerja numbers but no indikator: it is reported.
        """
        indikator = cell_text(raw.get("indikator", ""))
        if indikator:
            if indikator == self._header_indikator:
                return "skip"  # the header repeated after a page break
            if indikator.isdigit() and is_numbering_row(row):
                return "skip"  # column numbers (1, 2, 3 …) repeated
            if _SUBTOTAL_CELL.match(norm_label(indikator)):
                return "subtotal"  # "Jumlah" / "Rata-rata capaian" written in the indikator
            return "data"
        texts = [cell_text(c) for c in row]
        if not any(texts):
            return "blank"
        if is_numbering_row(row):
            return "skip"
        labels = [norm_label(t) for t in texts if t and parse_value(t).kind != NUMBER]
        joined = " ".join(labels)
        if footer or _FOOTER.match(joined) or _CITY_DATE.search(" ".join(texts).casefold()):
            return "footer"
        if any(_FOOTER.match(label) for label in labels):
            return "footer"
        if _SUBTOTAL.match(joined) or any(_SUBTOTAL_CELL.match(label) for label in labels):
            return "subtotal"
        looks_data = any(cell_text(raw.get(name, "")) for name in _KINERJA_NUMBER_FIELDS) or (
            cell_text(raw.get("satuan", ""))
        )
        return "orphan" if looks_data else "skip"

    def _raw(self, row: list[object], index: int) -> dict[str, object]:
        if self._merged:
            raw = {name: self._cell(row, index, name) for name in self.fields}
        else:
            width = len(row)
            raw = {name: (row[col] if col < width else "") for name, col in self.fields.items()}
        if self._kode_columns:
            raw["kode"] = self._split_kode(row, index)
        return raw

    def read(self) -> None:
        self._warn_header()
        if "kode" not in self.fields and not self._kode_columns:
            self.ctx.warning(
                "Tabel tidak punya kolom Kode; indikator dicocokkan dengan rencana menurut "
                "nama, dan anggaran dibaca per uraian (baris program/kegiatan yang hanya "
                "menjumlah baris di bawahnya tidak dihitung dua kali).",
                "Tidak perlu tindakan; jika ada, tambahkan kolom Kode agar pencocokan pasti.",
                sheet=self.grid.name,
                row=self.grid.excel_row(self.header.row),
            )
        rows = self.grid.rows
        header_indikator = self._header_indikator
        footer = False
        previous: dict | None = None
        first = self.header.row + self.header.n_rows
        for index in range(first, len(rows)):
            row = rows[index]
            raw = self._raw(row, index)
            indikator = clean_text(raw.get("indikator", ""))
            if (
                indikator
                and indikator != header_indikator
                and not (indikator.isdigit() and is_numbering_row(row))
                and not _SUBTOTAL_CELL.match(norm_label(indikator))
            ):
                record = self._read_indicator(raw, index, previous, indikator)
                if record is not None:
                    previous = record
                continue
            kind = self._row_kind(row, raw, footer)
            previous = None
            if kind == "footer":
                footer = True
            elif kind == "skip":
                self._maybe_anggaran(raw, index)
            elif kind == "orphan":
                self._maybe_anggaran(raw, index)
                self.ctx.error(
                    "Baris berisi angka target/realisasi tetapi kolom Indikator kosong, jadi "
                    "tidak bisa dibaca.",
                    "Isi nama indikator pada baris ini. Jika baris ini baris jumlah atau judul, "
                    "tulis 'Jumlah' atau nama program/kegiatannya di kolom uraian.",
                    **self._where(index, "indikator"),
                )

    def read_anggaran_only(self, into: dict[str, dict]) -> None:
        footer = False
        first = self.header.row + self.header.n_rows
        kode_col = self.fields["kode"]
        for index in range(first, len(self.grid.rows)):
            row = self.grid.rows[index]
            raw = self._raw(row, index)
            kode = row[kode_col] if kode_col < len(row) else ""
            if type(kode) is str and _KODE_SHAPE.match(kode.strip()) and kode[:1].isdigit():
                self._maybe_anggaran(raw, index, into=into)  # an ordinary budget row
                continue
            kind = self._row_kind(row, raw, footer)
            if kind == "footer":
                footer = True
            if kind in ("blank", "footer", "subtotal"):
                continue
            self._maybe_anggaran(raw, index, into=into)

    # --- one indicator row -------------------------------------------------------------
    def _text(self, value: object, name: str, index: int) -> str:
        text = clean_text(value)
        if text and text[0] in _FORMULA_FIRST and looks_like_formula(text):
            self.ctx.warning(
                f"Teks '{text[:60]}' diawali tanda seperti rumus Excel; disimpan sebagai teks "
                "biasa dan tidak pernah dijalankan.",
                "Periksa isinya; jika bukan rumus, hapus tanda di depannya (=, +, -, @).",
                **self._where(index, name),
            )
        return text

    def _read_indicator(
        self, raw: dict, index: int, previous: dict | None, indikator: str
    ) -> dict | None:
        record = dict(self._template)
        record["baris"] = self.grid.row0 + index + 1
        for name in self._text_fields:
            value = raw[name]
            if value != "" and value is not None:
                record[name] = self._text(value, name, index)
        if indikator[0] in _FORMULA_FIRST:
            record["indikator"] = self._text(indikator, "indikator", index)
        else:
            record["indikator"] = indikator
        kode_raw = raw.get("kode", "")
        kode = clean_text(kode_raw).replace(" ", "").strip(".")
        if not kode and record["uraian"]:
            match = _KODE_IN_TEXT.match(record["uraian"])
            if match:
                kode, record["uraian"] = normalize_kode(match.group(1)), match.group(2).strip()
        if not kode and not record["uraian"] and previous is not None:
            # Another indicator of the sub kegiatan above (its kode cell left blank/merged).
            kode = previous["kode"]
            record["uraian"] = previous["uraian"]
            record["sasaran"] = record["sasaran"] or previous["sasaran"]
        if type(kode_raw) is float and kode:
            self.ctx.warning(
                f"Kode '{kode}' tersimpan sebagai angka; angka nol di belakang bisa hilang.",
                "Format sel kolom Kode sebagai Teks, lalu ketik ulang kodenya.",
                **self._where(index, "kode"),
            )
        if not kode and ("kode" in self.fields or self._kode_columns):
            self.ctx.warning(
                "Kode kosong; indikator tetap dibaca tetapi tidak bisa dicocokkan dengan "
                "rencana menurut kode.",
                "Isi kode program/kegiatan/sub kegiatan (mis. 2.16.03.2.02.0005).",
                **self._where(index, "kode" if "kode" in self.fields else "indikator"),
            )
        elif kode and not _KODE_SHAPE.match(kode):
            self.ctx.warning(
                f"Kode '{kode}' tidak berbentuk kode rekening (angka dipisah titik).",
                "Tulis kode seperti 2.16.03.2.02.0005.",
                **self._where(index, "kode"),
            )
        record["kode"] = kode

        key = (
            kode or record["uraian"].casefold(),
            " ".join(record["indikator"].casefold().split()),
        )
        if key in self._seen:
            sheet, row = self._seen[key]
            if sheet == self.grid.name:
                self.ctx.error(
                    f"Indikator '{record['indikator']}' dengan kode '{kode}' sudah ada di baris "
                    f"{row}; baris ini tidak dibaca.",
                    "Bedakan nama indikatornya, atau kosongkan baris ganda ini.",
                    **self._where(index, "indikator"),
                )
            else:
                self.ctx.warning(
                    f"Indikator '{record['indikator']}'"
                    + (f" (kode {kode})" if kode else "")
                    + f" sudah ada di sheet '{sheet}' baris {row}; dihitung sekali (dari sheet "
                    f"'{sheet}'), baris ini tidak dibaca lagi.",
                    "Tidak perlu tindakan jika isinya sama; jika berbeda, perbaiki di sheet "
                    f"'{sheet}'.",
                    **self._where(index, "indikator"),
                )
            return None
        self._seen[key] = (self.grid.name, record["baris"])

        if "bidang" in raw:
            record["bidang"] = self._row_bidang(raw["bidang"], index, record)
        self._read_numbers(raw, index, record)

        polaritas_text = clean_text(raw.get("polaritas", ""))
        polaritas = _polaritas(polaritas_text)
        if polaritas_text and polaritas is None:
            self.ctx.warning(
                f"Polaritas '{polaritas_text}' tidak dikenali; dianggap positif.",
                "Tulis 'Positif' (makin besar makin baik) atau 'Negatif' (makin kecil makin baik).",
                **self._where(index, "polaritas"),
            )
        record["polaritas"] = polaritas or "positif"
        agregasi_text = clean_text(raw.get("agregasi", ""))
        agregasi = _agregasi(agregasi_text)
        if agregasi_text and agregasi is None:
            self.ctx.warning(
                f"Cara agregasi '{agregasi_text}' tidak dikenali; dipakai bawaan menurut satuan "
                f"({_default_agregasi(record['satuan'])}).",
                "Tulis 'Kumulatif', 'Akhir' (posisi triwulan terakhir) atau 'Rata-rata'.",
                **self._where(index, "agregasi"),
            )
        default = agregasi or _default_agregasi(record["satuan"])
        record["agregasi"], proved = self._convention(raw, index, record, default, agregasi)
        self.defaulted_polaritas.append(polaritas is None)
        self.defaulted_agregasi.append(agregasi is None and not proved)
        self.proved_agregasi.append(proved)

        if self._has_rp:
            self._maybe_anggaran(raw, index, kode=kode, uraian=record["uraian"])
        self.records.append(record)
        return record

    def _convention(
        self, raw: dict, index: int, record: dict, default: str, written: str | None
    ) -> tuple[str, bool]:
        """The row's cara agregasi. In an E.81 the form's convention (``form_convention``)
        replaces the satuan default; the file's own total / capaian columns, where present,
        single out the convention that reproduces them; a difference of more than 0,5 point
        between the file's capaian and ours is reported with both numbers."""
        if not self._own_fields and not self.is_e81:
            return default, False
        values = [record[name] for name in REALISASI_TW]
        target, polaritas = record["target"], record["polaritas"]
        proved_default = False
        if self.is_e81 and not written:
            form = convention.form_convention(values, target, polaritas)
            default, proved_default = form.agregasi, form.proved
        own = convention.Own(
            total=self._own_number(raw, "realisasi_total"),
            capaian=self._own_number(raw, "capaian_total"),
            capaian_tw=tuple(self._own_number(raw, name) for name in CAPAIAN_TW),  # type: ignore[arg-type]
        )
        if written:
            decision = convention.Decision(written, False, own.present)
        else:
            decision = convention.decide(values, target, polaritas, default, own)
            if not decision.proved and decision.agregasi == default:
                decision = convention.Decision(default, proved_default, decision.evidence)
        message = convention.disagreement(values, target, polaritas, decision.agregasi, own)
        if message:
            column = next(
                (n for n in ("realisasi_total", "capaian_total") if n in self.fields), None
            )
            self.ctx.warning(
                message,
                "Periksa nilai triwulan, target dan kolom realisasi/capaian berkas; angka yang "
                "dipakai dihitung dari nilai triwulan.",
                **self._where(index, column),
            )
        return decision.agregasi, decision.proved

    def _own_number(self, raw: dict, name: str) -> float:
        """A number of the file's own result columns; text (a formula's words) is ignored."""
        value = raw.get(name, "")
        if type(value) is float:
            return value
        parsed = parse_value(value)
        return parsed.number if parsed.kind == NUMBER else math.nan

    def _row_bidang(self, value: object, index: int, record: dict) -> str:
        text = clean_text(value)
        if not text:
            return ""
        found = _match_bidang_cached(text, self._known_key)
        if found:
            return found
        # Not a bidang we know (e.g. the whole dinas): keep the text as a note.
        record["keterangan"] = "; ".join(t for t in (record["keterangan"], text) if t)
        if text not in self._unknown_bidang:
            self._unknown_bidang.add(text)
            self.ctx.warning(
                f"Unit penanggung jawab '{text}' bukan nama bidang yang dikenal; dicatat di "
                "keterangan, dan bidang berkas yang dipakai.",
                "Tulis nama bidang persis (mis. 'Bidang Statistik' atau 'Sekretariat').",
                **self._where(index, "bidang"),
            )
        return ""

    def _read_numbers(self, raw: dict, index: int, record: dict) -> None:
        if "target" in raw:
            value = raw["target"]
            if type(value) is float and value >= 0:
                record["target"] = value
            elif value != "" and value is not None:
                self._read_target(parse_value(value), raw["target"], index, record)
        qualitative = bool(record["target_teks"])
        for name in self._target_tw_fields:
            record[name] = self._number(raw, index, name, allow_text=False)
        realisasi_teks = ""
        for name in self._realisasi_fields:
            value = raw[name]
            if type(value) is float and value >= 0:
                record[name] = value
                continue
            if value == "" or value is None:
                continue
            parsed = parse_value(value)
            if parsed.kind == NUMBER:
                if parsed.number < 0:
                    self.ctx.error(
                        f"Realisasi bernilai negatif ({cell_text(value)}); realisasi tidak "
                        "mungkin kurang dari nol.",
                        "Perbaiki angkanya (0 jika belum ada capaian), lalu unggah lagi.",
                        **self._where(index, name),
                    )
                else:
                    record[name] = parsed.number
            elif parsed.kind == TEXT:
                if qualitative:
                    realisasi_teks = parsed.text
                    continue
                word = number_word(parsed.text)
                fix = (
                    f"Tulis realisasinya sebagai angka ({word})."
                    if word is not None
                    else "Tulis realisasi sebagai angka saja (mis. 12 atau 87,5); kosongkan "
                    "jika belum ada."
                )
                self.ctx.error(
                    f"Realisasi '{parsed.text[:60]}' bukan angka, jadi tidak bisa dihitung.",
                    fix,
                    **self._where(index, name),
                )
        record["realisasi_teks"] = realisasi_teks
        if "target_renstra" in raw:
            record["target_renstra"] = self._number(raw, index, "target_renstra", allow_text=True)
        if "realisasi_renstra_lalu" in raw:
            record["realisasi_renstra_lalu"] = self._number(
                raw, index, "realisasi_renstra_lalu", allow_text=True
            )

    def _read_target(self, target: Value, raw_value: object, index: int, record: dict) -> None:
        if target.kind == NUMBER:
            record["target"] = target.number
            if target.unit and not record["satuan"]:
                record["satuan"] = "%" if target.percent else target.unit
            if target.percent and not record["satuan"]:
                record["satuan"] = "%"
            if target.number < 0:
                self.ctx.error(
                    f"Target bernilai negatif ({cell_text(raw_value)}).",
                    "Tulis target sebagai angka positif.",
                    **self._where(index, "target"),
                )
                record["target"] = math.nan
        elif target.kind == TEXT:
            record["target_teks"] = target.text
            word = number_word(target.text)
            if word is not None:
                self.ctx.error(
                    f"Target ditulis dengan kata '{target.text}', bukan angka; capaian tidak "
                    "bisa dihitung.",
                    f"Tulis target sebagai angka ({word}).",
                    **self._where(index, "target"),
                )
            elif looks_like_formula(target.text):
                self.ctx.error(
                    f"Target '{target.text[:60]}' berupa teks seperti rumus, bukan angka.",
                    "Tulis target sebagai angka.",
                    **self._where(index, "target"),
                )
            else:
                self.ctx.warning(
                    f"Target '{target.text}' berupa teks (target kualitatif): capaiannya "
                    "dihitung dari pengaturan kualitatif_nilai bila teks itu diberi nilai; "
                    "jika tidak, predikatnya ditetapkan di Analisis (detail indikator).",
                    "Jika targetnya angka, tulis angkanya saja (mis. 12 atau 87,5).",
                    **self._where(index, "target"),
                )

    def _number(self, raw: dict, index: int, name: str, *, allow_text: bool) -> float:
        value = raw.get(name, "")
        if type(value) is float:
            return value
        value = parse_value(value)
        if value.kind == NUMBER:
            return value.number
        if value.kind == TEXT:
            level = self.ctx.warning if allow_text else self.ctx.error
            level(
                f"Isi '{value.text[:60]}' bukan angka; diabaikan.",
                "Tulis angka saja (mis. 12 atau 87,5).",
                **self._where(index, name),
            )
        return math.nan

    # --- anggaran ----------------------------------------------------------------------
    def _rupiah(self, raw: object, index: int, name: str) -> float | None:
        """A Rp cell in rupiah: its own size word ('1,5 M', '250 jt') or the column's scale
        ('Rp. (000)'); an error naming the cell when it is not an amount of money."""
        value = parse_value(raw)
        if value.kind == EMPTY:
            return None
        amount = rupiah(value)
        if amount is None:
            shown = cell_text(raw)[:60]
            self.ctx.error(
                f"Nilai anggaran '{shown}' tidak dapat dibaca sebagai Rupiah.",
                "Tulis angka Rupiah saja (mis. 918.886.900), atau dengan satuan yang jelas: "
                "'1,5 M' / '1,5 miliar', '250 jt', '500 rb'.",
                **self._where(index, name),
            )
            return None
        if not value.unit:
            amount *= self._rp_scale.get(name, 1.0)
        if amount < 0:
            self.ctx.error(
                f"Nilai anggaran negatif ({cell_text(raw)}).",
                "Perbaiki angkanya; anggaran tidak boleh negatif.",
                **self._where(index, name),
            )
            return None
        return amount

    def _maybe_anggaran(
        self,
        raw: dict,
        index: int,
        *,
        kode: str | None = None,
        uraian: str | None = None,
        into: dict[str, dict] | None = None,
    ) -> None:
        """An anggaran record from a row's Rp columns, one per kode (never doubled)."""
        if not self._has_rp:
            return
        values: dict[str, float] = {}
        for name in self._rp_fields:
            value = raw[name]
            if type(value) is float and value >= 0:
                values[name] = value * self._rp_scale.get(name, 1.0)
                continue
            if value == "" or value is None:
                continue
            amount = self._rupiah(value, index, name)
            if amount is not None:
                values[name] = amount
        if not values:
            return
        if kode is None:
            kode = normalize_kode(cell_text(raw.get("kode", "")))
            uraian = cell_text(raw.get("uraian", ""))
            if not kode and uraian:
                match = _KODE_IN_TEXT.match(uraian)
                if match:
                    kode, uraian = normalize_kode(match.group(1)), match.group(2).strip()
        key = kode
        if not kode:
            if not (uraian or "").strip():
                self.ctx.warning(
                    "Baris berisi angka anggaran tanpa kode maupun uraian; anggarannya tidak "
                    "dibaca (dianggap baris jumlah).",
                    "Jika ini anggaran sebuah sub kegiatan, tulis kode atau namanya pada baris "
                    "ini.",
                    **self._where(index, "kode" if "kode" in self.fields else None),
                )
                return
            key = "~" + " ".join((uraian or "").casefold().split())  # a line known by its name
        target = self.anggaran_by_kode if into is None else into
        existing = target.get(key)
        if existing is not None:
            differs = [
                name
                for name, number in values.items()
                if not math.isnan(existing.get(name, math.nan))
                and abs(existing[name] - number) > 0.5
            ]
            if differs:
                self.ctx.warning(
                    f"{f'Kode {kode}' if kode else repr(uraian)} sudah punya nilai anggaran di "
                    f"baris {existing['baris']} yang berbeda; anggaran dihitung sekali per kode, "
                    "dipakai baris pertama.",
                    "Tulis pagu dan realisasi anggaran sekali saja per kode.",
                    **self._where(index, differs[0]),
                )
            for name, number in values.items():
                if math.isnan(existing.get(name, math.nan)):
                    existing[name] = number
            return
        record = {
            "bidang": "",
            "kode": kode,
            "uraian": uraian or "",
            "sumber": self.ctx.filename,
            "baris": self.grid.excel_row(index),
        }
        for name in _RP_FIELDS:
            record[name] = values.get(name, math.nan)
        target[key] = record
