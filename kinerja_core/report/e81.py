"""The Permendagri 86/2017 E.81 form: evaluasi terhadap hasil Renja Perangkat Daerah.

``e81_units`` orders the period's indicators program → kegiatan → sub kegiatan (every
level that has an indicator or a budget line, names from the rows whose kode it is,
otherwise the kode itself) with the budget of each kode counted once.
``write_e81`` lays them out in the form's 15 numbered columns (13 = 6 + 12, 14 = 13 / 5),
each period split into K (kinerja) and Rp (anggaran), then the unnumbered capaian Renja
(12 / 7, a setting) and Keterangan, followed by the footer rows and the two signature
blocks. Columns 12, 13, 14, the capaian, the rata-rata and the predikat are Excel formulas
with the app's values cached; the sheet prints at 90% on as many pages wide as it needs,
form columns 1..4 and the header rows on every page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from kinerja_core import analysis, formulas
from kinerja_core.analysis import (
    FLAG_BELUM_ADA,
    FLAG_KUALITATIF,
    FLAG_TARGET_KOSONG,
    FLAG_TARGET_NOL,
    Headline,
    effective_budget,
)
from kinerja_core.formulas import PREDIKAT
from kinerja_core.koreksi import FLAG_DIKOREKSI, FLAG_PREDIKAT_MANUAL
from kinerja_core.locale_id import fmt_date
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, TW_ROMAN, kode_level, kode_prefix
from kinerja_core.report import excel_formulas
from kinerja_core.report.styles import (
    FMT_DEC,
    FMT_INT,
    PROGRAM_FILL,
    FormulaSheet,
    Styles,
    clean_text,
    column_pages,
    estimate_lines,
    k_format_kind,
    line_counts,
    merged_text,
    number,
    row_pages,
    row_points,
    setup_print,
    text,
)
from kinerja_core.settings import Settings, Signatory

SHEET_NAME = "Evaluasi Renja (E.81)"

# Physical columns (0-based). Form columns 3 and 4 each have two sub-columns (kode / uraian,
# indikator / satuan); form columns 5..14 each have K and Rp.
COL_NO, COL_SASARAN, COL_KODE, COL_URAIAN, COL_INDIKATOR, COL_SATUAN = range(6)
PERIOD_FIRST = 6  # form column 5 starts here; each period = (K, Rp)
PERIOD_COLUMNS = list(range(5, 15))  # form columns 5..14
COL_UNIT = PERIOD_FIRST + 2 * len(PERIOD_COLUMNS)  # 26: form column 15
# The capaian Renja (12 / 7) and serapan: a local addition outside the numbered block
# (setting ``kolom_capaian_renja``, on by default), then Keterangan.
COL_CAPAIAN = COL_UNIT + 1  # 27
COL_SERAPAN = COL_CAPAIAN + 1  # 28
COL_KETERANGAN = COL_SERAPAN + 1  # 29 (27 without the capaian column)
LAST_COL = COL_KETERANGAN
REPEATED_COLUMNS = (COL_NO, COL_SATUAN)  # form columns 1..4, printed on every page

HEADER_ROW = 5  # first header row (0-based); second header row and numbering row follow
FIRST_DATA_ROW = HEADER_ROW + 3

WIDTHS = {
    COL_NO: 4.5,
    COL_SASARAN: 12,
    COL_KODE: 12.5,
    COL_URAIAN: 18,
    COL_INDIKATOR: 20,
    COL_SATUAN: 7,
    COL_UNIT: 12,
    COL_KETERANGAN: 15,
}
SASARAN_EMPTY_WIDTH = 7.0
RP_EMPTY_WIDTH = 5.5  # the Rp halves of columns 5, 6 and 13 without Renstra budget data
K_WIDTH = 6.0
PCT_WIDTH = 8.0  # "100,00%"
RP_MIN_WIDTH = 10.0

# Marks after a K value of column 12 that is not the sum of the TWs (footnotes below).
AGREGASI_MARK = {"akhir": "*)", "rata-rata": "**)"}
AGREGASI_NOTE = {
    "akhir": "*) K kolom 12: nilai triwulan terakhir yang dilaporkan (indikator berupa "
    "tingkat, mis. persen atau indeks), bukan jumlah triwulan.",
    "rata-rata": "**) K kolom 12: rata-rata triwulan yang dilaporkan, bukan jumlah triwulan.",
}


@dataclass(frozen=True)
class Columns:
    """Where the optional capaian column and the last columns sit for these settings."""

    capaian: bool = True

    @property
    def keterangan(self) -> int:
        return COL_KETERANGAN if self.capaian else COL_CAPAIAN

    @property
    def last(self) -> int:
        return self.keterangan


NOTE_FLAGS = {
    FLAG_KUALITATIF: "Target kualitatif: capaian tidak dihitung",
    FLAG_TARGET_KOSONG: "Target kosong: capaian tidak dapat dihitung",
    FLAG_TARGET_NOL: "Target nol: capaian tidak dapat dihitung",
    FLAG_BELUM_ADA: "Realisasi belum dilaporkan",
    FLAG_DIKOREKSI: "Nilai dikoreksi (koreksi konsep, lihat sheet Catatan)",
    FLAG_PREDIKAT_MANUAL: "Predikat ditetapkan manual (alasan di sheet Catatan)",
}


def period_k(form_column: int) -> int:
    """Physical column of the K half of form column 5..14."""
    return PERIOD_FIRST + 2 * (form_column - 5)


def period_rp(form_column: int) -> int:
    return period_k(form_column) + 1


@lru_cache(maxsize=65_536)
def kode_sort_key(kode: str) -> tuple:
    """Natural order of codes: parents before children, '2.9' before '2.16'; '' last."""
    if not kode:
        return ((2, ""),)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in kode.split("."))


@dataclass
class Unit:
    """One program, kegiatan or sub kegiatan row group of the form."""

    kode: str
    level: str
    uraian: str
    nomor: str = ""
    bidang: str = ""
    rows: list[int] = field(default_factory=list)  # positions in the evaluated frame
    pagu: float = math.nan
    anggaran_tw: list[float] = field(default_factory=lambda: [math.nan] * 4)
    realisasi_anggaran: float = math.nan
    serapan: float = math.nan
    renstra_rp: float = math.nan  # column 5 Rp
    renstra_lalu_rp: float = math.nan  # column 6 Rp


def _names(evaluated: pd.DataFrame, anggaran: pd.DataFrame) -> dict[str, str]:
    """kode → uraian, from the indicator rows of that kode first, then from anggaran rows."""
    names: dict[str, str] = {}
    for frame in (evaluated, anggaran):
        if frame.empty:
            continue
        for kode, uraian in zip(frame["kode"], frame["uraian"], strict=True):
            if kode and uraian and kode not in names:
                names[kode] = str(uraian)
    return names


def _bidang_of(evaluated: pd.DataFrame, anggaran: pd.DataFrame) -> dict[str, str]:
    owners: dict[str, str] = {}
    for frame in (evaluated, anggaran):
        if frame.empty:
            continue
        for kode, bidang in zip(frame["kode"], frame["bidang"], strict=True):
            if bidang:
                owners.setdefault(kode, str(bidang))
    return owners


RENSTRA_RP = ["target_renstra_rp", "realisasi_renstra_lalu_rp"]
BUDGET_FIELDS = ["pagu", *ANGGARAN_TW, "realisasi_anggaran", *RENSTRA_RP]


def budget_by_code(budget: pd.DataFrame, sampai_tw: int) -> pd.DataFrame:
    """Pagu, realisasi per TW and realisasi up to ``sampai_tw`` under every kode prefix.

    ``budget`` must already be ``effective_budget(anggaran)`` (no subtotal lines), so each
    line is added once to each of its prefixes — the sums of ``analysis.budget_for_codes``,
    vectorised. TWs after ``sampai_tw`` are NaN.
    """
    if budget.empty:
        return pd.DataFrame(columns=BUDGET_FIELDS, dtype=float)
    renstra = [c for c in RENSTRA_RP if c in budget.columns]
    values = budget[["pagu", *ANGGARAN_TW, *renstra]].astype(float).copy()
    for column in RENSTRA_RP:
        if column not in values.columns:
            values[column] = np.nan
    for column in ANGGARAN_TW[sampai_tw:]:
        values[column] = np.nan
    values["realisasi_anggaran"] = values[ANGGARAN_TW[:sampai_tw]].sum(axis=1, min_count=1)
    prefixes: list[str] = []
    owners: list[int] = []
    for position, kode in enumerate(budget["kode"].tolist()):
        parts = kode.split(".")
        for end in range(1, len(parts) + 1):
            prefixes.append(".".join(parts[:end]))
            owners.append(position)
    stacked = values.iloc[owners].reset_index(drop=True).assign(kode=prefixes)
    grouped = stacked.groupby("kode", sort=False)
    sums = grouped[BUDGET_FIELDS].sum(min_count=1)
    # a Renstra amount of a program or kegiatan is the sum of all its lines' or unknown: a
    # sum over some of them would look right and be wrong
    partial = stacked[RENSTRA_RP].isna().groupby(stacked["kode"], sort=False).any()
    sums[RENSTRA_RP] = sums[RENSTRA_RP].mask(partial)
    return sums


def _renstra_rp_given_per_level(money: pd.DataFrame, anggaran: pd.DataFrame) -> None:
    """A Renstra Rp written on a program's or kegiatan's own row (the Renstra often gives
    it per program only) is that level's figure, in place of its lines' sum: the row is a
    subtotal that ``effective_budget`` leaves out, but its Renstra amount is not a sum."""
    if anggaran.empty or not set(RENSTRA_RP) <= set(anggaran.columns):
        return
    own = anggaran[anggaran["kode"] != ""].drop_duplicates("kode", keep="last")
    own = own.set_index("kode")[RENSTRA_RP].astype(float)
    for column in RENSTRA_RP:
        given = own[column].dropna()
        given = given[given.index.isin(money.index)]
        money.loc[given.index, column] = given.to_numpy()


def e81_units(
    evaluated: pd.DataFrame,
    anggaran: pd.DataFrame,
    sampai_tw: int,
    budget: pd.DataFrame | None = None,
) -> list[Unit]:
    """The form's row groups in order, with their indicators and the budget of their kode.

    A level appears when it has an indicator, a budget line or a descendant that has one.
    Budget comes from the effective anggaran rows (a kegiatan subtotal is never added to
    its sub kegiatan lines), summed by kode prefix exactly as the dashboard does.
    ``budget`` may pass ``effective_budget(anggaran)`` when the caller has it already.
    """
    budget = effective_budget(anggaran) if budget is None else budget
    owners = _bidang_of(evaluated, budget)
    codes: set[str] = set()
    for kode in list(evaluated["kode"]) + list(budget["kode"] if len(budget) else []):
        codes.add(kode)
        for level in ("kegiatan", "program"):
            prefix = kode_prefix(kode, level) if kode else ""
            if prefix and prefix != kode:
                codes.add(prefix)
                if kode in owners:  # a level without rows of its own: its children's bidang
                    owners.setdefault(prefix, owners[kode])
    ordered = sorted(codes, key=kode_sort_key)
    names = _names(evaluated, anggaran)

    rows_of: dict[str, list[int]] = {}
    for position, kode in enumerate(evaluated["kode"]):
        rows_of.setdefault(kode, []).append(position)

    money = budget_by_code(budget, sampai_tw).reindex(ordered)
    _renstra_rp_given_per_level(money, anggaran)
    pagu_all = money["pagu"].to_numpy(dtype=float)
    spent_all = money["realisasi_anggaran"].to_numpy(dtype=float)
    per_tw = money[ANGGARAN_TW].to_numpy(dtype=float)
    serapan_all = formulas.serapan(pagu_all, spent_all)
    renstra_all = money[RENSTRA_RP].to_numpy(dtype=float)
    units: list[Unit] = []
    counters = [0, 0, 0]
    for i, kode in enumerate(ordered):
        level = kode_level(kode) if kode else "lainnya"
        if level == "program":
            counters = [counters[0] + 1, 0, 0]
            nomor = f"{counters[0]}"
        elif level == "kegiatan":
            counters = [counters[0], counters[1] + 1, 0]
            nomor = f"{counters[0]}.{counters[1]}"
        elif level == "sub kegiatan":
            counters[2] += 1
            nomor = f"{counters[0]}.{counters[1]}.{counters[2]}"
        else:
            counters = [counters[0] + 1, 0, 0]
            nomor = f"{counters[0]}"
        units.append(
            Unit(
                kode=kode,
                level=level,
                uraian=names.get(kode, kode or "(tanpa kode)"),
                nomor=nomor,
                bidang=owners.get(kode, ""),
                rows=rows_of.get(kode, []),
                pagu=float(pagu_all[i]),
                anggaran_tw=per_tw[i].tolist(),
                realisasi_anggaran=float(spent_all[i]),
                serapan=float(serapan_all[i]),
                renstra_rp=float(renstra_all[i, 0]),
                renstra_lalu_rp=float(renstra_all[i, 1]),
            )
        )
    return units


def renstra_sd(
    evaluated: pd.DataFrame, negatif_method: str = "2T-R"
) -> tuple[np.ndarray, np.ndarray]:
    """Form columns 13 (K) and 14 (%): realisasi Renstra up to this year and its capaian.

    kumulatif: realisasi Renstra up to last year + this year's realisasi (needs both);
    akhir / rata-rata (a level, e.g. a %): this year's realisasi is the level reached.
    Empty when the indicator has no Renstra figure (neither column 5 nor 6).
    Column 14 is the capaian of column 13 against the Renstra end target (column 5),
    uncapped (``formulas.capaian``).
    """
    lalu = evaluated["realisasi_renstra_lalu"].to_numpy(dtype=float)
    renstra = evaluated["target_renstra"].to_numpy(dtype=float)
    now = evaluated["realisasi"].to_numpy(dtype=float)
    cumulative = evaluated["agregasi"].to_numpy(dtype=object) == "kumulatif"
    k13 = np.where(cumulative, lalu + now, now)
    # Without any Renstra figure for the indicator the column stays empty.
    k13 = np.where(np.isnan(lalu) & np.isnan(renstra), np.nan, k13)
    k14 = formulas.capaian(
        renstra, k13, evaluated["polaritas"].to_numpy(dtype=object), negatif_method
    )
    return k13, k14


def _keterangan(keterangan: str, flags: str) -> str:
    notes = [keterangan.strip()] if keterangan and keterangan.strip() else []
    for flag in flags.split("; ") if flags else []:
        if flag in NOTE_FLAGS:
            notes.append(NOTE_FLAGS[flag])
    return "; ".join(notes)


def unique_texts(values, limit: int = 12) -> str:
    """Distinct non-empty texts as '- …' lines; beyond ``limit`` a count of the rest."""
    seen: list[str] = []
    known: set[str] = set()
    for value in values:
        item = " ".join(str(value or "").split())
        if item and item.casefold() not in known:
            known.add(item.casefold())
            seen.append(item)
    if not seen:
        return "-"
    lines = [f"- {item}" for item in seen[:limit]]
    if len(seen) > limit:
        lines.append(
            f"- … dan {len(seen) - limit} lainnya (rincian per indikator pada sheet bidang)"
        )
    return "\n".join(lines)


def _headers(tahun: int, not_sum: bool) -> dict[int, str]:
    k12 = " (K: jumlah TW; *) TW terakhir; **) rata-rata TW)" if not_sum else ""
    return {
        5: "Target Renstra PD pada Tahun Akhir Periode Renstra",
        6: f"Realisasi Capaian Kinerja Renstra PD s/d Renja PD Tahun Lalu ({tahun - 1})",
        7: f"Target Kinerja dan Anggaran Renja PD Tahun Berjalan ({tahun}) yang Dievaluasi",
        8: "Realisasi Kinerja pada Triwulan I",
        9: "Realisasi Kinerja pada Triwulan II",
        10: "Realisasi Kinerja pada Triwulan III",
        11: "Realisasi Kinerja pada Triwulan IV",
        12: "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi" + k12,
        13: f"Realisasi Kinerja dan Anggaran Renstra PD s/d Renja PD Tahun {tahun}",
        14: f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun {tahun} (%)",
    }


NUMBERING = {
    13: "13 = 6 + 12",
    14: "14 = 13 / 5 × 100%",
}
UNIT_CAPTION = "Unit Perangkat Daerah Penanggung Jawab"
KETERANGAN_CAPTION = "Keterangan"
CAPAIAN_NUMBERING = "tambahan: 12 / 7"


def capaian_caption(tahun: int) -> str:
    return f"Capaian Kinerja dan Serapan Anggaran Renja PD Tahun {tahun} (%)"


FOOTER_LABELS = (
    "Rata-rata capaian kinerja (%)",
    "Predikat kinerja",
    "Faktor pendorong keberhasilan pencapaian",
    "Faktor penghambat pencapaian kinerja",
    "Tindak lanjut yang diperlukan dalam triwulan berikutnya",
    "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya",
)
JUMLAH_LABEL = "Jumlah anggaran (Rp)"


class _RowFormats:
    """The formats of one row style (program / kegiatan / sub kegiatan / lainnya)."""

    def __init__(self, styles: Styles, level: str) -> None:
        bold = level in ("program", "kegiatan")
        fill = PROGRAM_FILL if level == "program" else None
        self.text = styles.cell("text", bold=bold, fill=fill)
        self.center = styles.cell("text", bold=bold, fill=fill, align="center")
        self.int = styles.cell("int", bold=bold, fill=fill)
        self.dec = styles.cell("dec", bold=bold, fill=fill)
        self.rp = styles.cell("rp", bold=bold, fill=fill)
        self.pct = styles.cell("pct2", bold=bold, fill=fill)
        self.marked = {  # column 12 K of an akhir / rata-rata indicator, with its mark
            (agregasi, kind): styles.get(
                **{
                    **styles.props_of(styles.cell(kind, bold=bold, fill=fill)),
                    "num_format": f'{FMT_INT if kind == "int" else FMT_DEC}" {mark}"',
                }
            )
            for agregasi, mark in AGREGASI_MARK.items()
            for kind in ("int", "dec")
        }
        self.blank = self.text
        self.bold = bold
        self.fill = fill

    def k(self, value: float):
        return self.int if k_format_kind(value) == "int" else self.dec


def _digits_width(values, minimum: float) -> float:
    """Column width for the widest of these numbers shown with thousands separators."""
    array = np.abs(np.asarray(values, dtype=float))
    array = array[np.isfinite(array)]
    biggest = float(array.max()) if array.size else 0.0
    chars = len(f"{biggest:,.0f}") if biggest else 1
    return max(minimum, round(chars * 0.8 + 1.6, 1))


def column_widths(
    units: list[Unit], evaluated: pd.DataFrame, head: Headline, columns: Columns
) -> dict[int, float]:
    """Every column's width: text columns fixed, number columns as wide as their numbers."""
    widths = dict(WIDTHS)
    widths[columns.keterangan] = WIDTHS[COL_KETERANGAN]
    if not columns.capaian:
        widths.pop(COL_KETERANGAN, None)
    money = [head.pagu, head.realisasi_anggaran]
    renstra_money: list[float] = []
    for unit in units:
        money.extend((unit.pagu, unit.realisasi_anggaran, *unit.anggaran_tw))
        renstra_money.extend((unit.renstra_rp, unit.renstra_lalu_rp))
    rp = _digits_width(money, RP_MIN_WIDTH)
    has_renstra_rp = bool(np.isfinite(np.asarray(renstra_money, dtype=float)).any())
    rp_renstra = max(rp, _digits_width(renstra_money, RP_MIN_WIDTH)) if has_renstra_rp else 0.0
    k_values = []
    for column in (
        "target",
        "realisasi",
        "target_renstra",
        "realisasi_renstra_lalu",
        *REALISASI_TW,
    ):
        k_values.extend(evaluated[column].tolist())
    k = _digits_width(k_values, K_WIDTH) + 1.2  # room for decimals
    has_mark = bool(evaluated["agregasi"].isin(list(AGREGASI_MARK)).any())
    for form_col in PERIOD_COLUMNS:
        widths[period_k(form_col)] = PCT_WIDTH if form_col == 14 else k
        if form_col in (5, 6, 13):
            widths[period_rp(form_col)] = rp_renstra or RP_EMPTY_WIDTH
        elif form_col == 14:
            widths[period_rp(form_col)] = PCT_WIDTH if has_renstra_rp else RP_EMPTY_WIDTH
        else:
            widths[period_rp(form_col)] = rp
    if has_mark:
        widths[period_k(12)] = k + 2.5
    if columns.capaian:
        widths[COL_CAPAIAN] = PCT_WIDTH
        widths[COL_SERAPAN] = PCT_WIDTH
    if not evaluated["sasaran"].astype(bool).any():
        widths[COL_SASARAN] = SASARAN_EMPTY_WIDTH
    return widths


def page_starts(widths: dict[int, float], columns: Columns, kertas: str) -> list[int]:
    """The first column of each printed page after the first (form columns 1..4 repeat)."""
    allowed = [period_k(c) for c in PERIOD_COLUMNS] + [COL_UNIT, columns.keterangan]
    if columns.capaian:
        allowed.append(COL_CAPAIAN)
    return column_pages(widths, REPEATED_COLUMNS[1], kertas, allowed)


def write_e81(
    workbook,
    styles: Styles,
    evaluated: pd.DataFrame,
    anggaran: pd.DataFrame,
    head: Headline,
    *,
    tahun: int,
    sampai_tw: int,
    settings: Settings,
    tanggal: date,
    budget: pd.DataFrame | None = None,
    kelengkapan: str = "",
) -> None:
    """Add the E.81 sheet to ``workbook`` (``budget``: ``effective_budget(anggaran)``);
    ``kelengkapan`` (which bidang are missing) is printed above the header."""
    ws = workbook.add_worksheet(SHEET_NAME, worksheet_class=FormulaSheet)
    columns = Columns(capaian=settings.kolom_capaian_renja)
    budget = effective_budget(anggaran) if budget is None else budget
    units = e81_units(evaluated, anggaran, sampai_tw, budget)
    widths = column_widths(units, evaluated, head, columns)
    for col, width in widths.items():
        ws.set_column(col, col, width)
    starts = page_starts(widths, columns, settings.kertas)
    # Pages: [first, last] physical columns of each page's own (not repeated) part.
    bounds = [REPEATED_COLUMNS[1] + 1, *starts, columns.last + 1]
    pages = [(bounds[i], bounds[i + 1] - 1) for i in range(len(bounds) - 1)]
    repeated_width = sum(widths[c] for c in range(REPEATED_COLUMNS[1] + 1))

    # --- title block (in the repeated columns: it heads every page, never cut) ----------
    wilayah = f"Kabupaten {settings.kabupaten}"
    title = f"EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP {wilayah.upper()}"
    last_title = REPEATED_COLUMNS[1]
    title_fmt = styles.get(bold=True, font_size=11, valign="top", text_wrap=True)
    merged_text(ws, 0, 0, 0, last_title, title, title_fmt)
    ws.set_row(0, row_points(estimate_lines(title, repeated_width * 0.7, 10), 10))
    label = styles.get(font_size=9, valign="top", text_wrap=True)
    tw_text = "Triwulan I" if sampai_tw == 1 else f"Triwulan I s.d. Triwulan {TW_ROMAN[sampai_tw]}"
    sasaran = unique_texts(evaluated["sasaran"], limit=5).replace("\n", " ")
    lines = [
        f"Renja Perangkat Daerah {settings.dinas} {wilayah}",
        f"Periode Pelaksanaan: Tahun {tahun} ({tw_text})",
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD: "
        + sasaran.removeprefix("- "),
    ]
    for offset, line in enumerate(lines, start=1):
        merged_text(ws, offset, 0, offset, last_title, line, label)
        ws.set_row(offset, row_points(estimate_lines(line, repeated_width, 9), 9))
    if kelengkapan:
        line = f"Data belum lengkap: {kelengkapan}."
        fmt = styles.get(font_size=9, bold=True, font_color="#9c2b23", text_wrap=True)
        merged_text(ws, 4, 0, 4, last_title, line, fmt)
        ws.set_row(4, row_points(estimate_lines(line, repeated_width * 0.9, 9), 9))

    # --- two header rows and the numbering row -----------------------------------------
    h1, h2, hn = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    header = styles.header
    merged_text(ws, h1, COL_NO, h2, COL_NO, "No", header)
    merged_text(ws, h1, COL_SASARAN, h2, COL_SASARAN, "Sasaran", header)
    merged_text(ws, h1, COL_KODE, h1, COL_URAIAN, "Program / Kegiatan / Sub Kegiatan", header)
    text(ws, h2, COL_KODE, "Kode", header)
    text(ws, h2, COL_URAIAN, "Uraian", header)
    merged_text(
        ws,
        h1,
        COL_INDIKATOR,
        h1,
        COL_SATUAN,
        "Indikator Kinerja Program (outcome) / Kegiatan (output)",
        header,
    )
    text(ws, h2, COL_INDIKATOR, "Indikator", header)
    text(ws, h2, COL_SATUAN, "Satuan", header)
    not_sum = bool(evaluated["agregasi"].isin(list(AGREGASI_MARK)).any())
    for form_col, caption in _headers(tahun, not_sum).items():
        merged_text(ws, h1, period_k(form_col), h1, period_rp(form_col), caption, header)
        text(ws, h2, period_k(form_col), "K", header)
        text(ws, h2, period_rp(form_col), "Rp", header)
    merged_text(ws, h1, COL_UNIT, h2, COL_UNIT, UNIT_CAPTION, header)
    if columns.capaian:
        extra = styles.get(**{**styles.props_of(header), "bg_color": "#eef0f2", "italic": True})
        merged_text(ws, h1, COL_CAPAIAN, h1, COL_SERAPAN, capaian_caption(tahun), extra)
        text(ws, h2, COL_CAPAIAN, "K", extra)
        text(ws, h2, COL_SERAPAN, "Rp", extra)
    merged_text(ws, h1, columns.keterangan, h2, columns.keterangan, KETERANGAN_CAPTION, header)
    ws.set_row(h1, 90)
    ws.set_row(h2, 14)

    numbering = styles.number_row
    text(ws, hn, COL_NO, "1", numbering)
    text(ws, hn, COL_SASARAN, "2", numbering)
    merged_text(ws, hn, COL_KODE, hn, COL_URAIAN, "3", numbering)
    merged_text(ws, hn, COL_INDIKATOR, hn, COL_SATUAN, "4", numbering)
    for form_col in PERIOD_COLUMNS:
        caption = NUMBERING.get(form_col, str(form_col))
        merged_text(ws, hn, period_k(form_col), hn, period_rp(form_col), caption, numbering)
    text(ws, hn, COL_UNIT, "15", numbering)
    if columns.capaian:
        merged_text(ws, hn, COL_CAPAIAN, hn, COL_SERAPAN, CAPAIAN_NUMBERING, numbering)
    ws.write_blank(hn, columns.keterangan, None, numbering)

    # --- body -------------------------------------------------------------------------
    row = FIRST_DATA_ROW
    outside_mean: list[int] = []
    row = _write_units(
        ws, styles, units, evaluated, row, sampai_tw, widths, settings, columns, outside_mean
    )
    last_body = row - 1
    if columns.capaian and last_body >= FIRST_DATA_ROW:  # before the borders: LibreOffice
        # applies only the first conditional format that holds for a cell
        _predikat_colours(ws, styles, settings, FIRST_DATA_ROW, last_body, COL_CAPAIAN)
    if row > FIRST_DATA_ROW:  # thin borders on every cell of the body, written or empty
        ws.conditional_format(
            FIRST_DATA_ROW,
            0,
            last_body,
            columns.last,
            {"type": "no_errors", "format": styles.border},
        )
    first_page = pages[0]
    row = _write_footer(
        ws,
        styles,
        evaluated,
        budget,
        head,
        row,
        sampai_tw,
        widths,
        settings,
        columns,
        first_page,
        outside_mean,
    )
    row = _write_notes(ws, styles, evaluated, row, first_page, widths)
    signatures = _write_signatures(ws, styles, settings, tanggal, row + 1, pages[0], widths)

    ws.freeze_panes(FIRST_DATA_ROW, COL_SATUAN + 1)
    setup_print(
        ws,
        kertas=settings.kertas,
        repeat=(HEADER_ROW, HEADER_ROW + 2),
        judul=f"Evaluasi Renja {settings.dinas} Tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}",
        repeat_columns=REPEATED_COLUMNS,
        column_breaks=starts,
        row_breaks=row_pages(ws, signatures[1], (h1, hn), settings.kertas, [signatures]),
    )
    ws.hide_gridlines(2)


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    """A text column as cell-ready strings (capped at Excel's per-cell limit)."""
    return [clean_text(v) for v in frame[column].tolist()]


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise: equal numbers (to the last bits of rounding) or both empty."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore"):
        close = np.isclose(a, b, rtol=1e-12, atol=1e-12)
    return close | (np.isnan(a) & np.isnan(b))


def _letters(last: int) -> list[str]:
    return [xl_col_to_name(c) for c in range(last + 1)]


def _write_units(
    ws,
    styles: Styles,
    units: list[Unit],
    evaluated: pd.DataFrame,
    row: int,
    sampai_tw: int,
    widths: dict[int, float],
    settings: Settings,
    columns: Columns,
    outside_mean: list[int],
) -> int:
    """The body: one row group per unit. ``outside_mean`` receives the (1-based) rows whose
    capaian is shown but not counted in the rata-rata.

    Empty cells are left unwritten (the table's borders come from one conditional format
    over the body, see ``write_e81``), except on program rows, whose fill must run across
    the whole row. No merged cells: a unit with several indicators gets a row of its own
    for kode, uraian and anggaran, its indicators on the rows below.

    Columns 12, 13, 14 and the capaian column are Excel formulas over the row's cells with
    the app's value cached (a value corrected in Excel updates them); a value the formulas
    cannot reproduce (a qualitative or corrected figure, the TW-target basis) is written
    as a value. A figure the app cannot compute stays empty.
    """
    formats = {lv: _RowFormats(styles, lv) for lv in ("program", "kegiatan", "sub kegiatan")}
    formats["lainnya"] = formats["sub kegiatan"]
    below = {"program": formats["kegiatan"]}
    letters = _letters(columns.last)

    n = len(evaluated)
    sasaran = _texts(evaluated, "sasaran")
    indikator = _texts(evaluated, "indikator")
    satuan = _texts(evaluated, "satuan")
    target_teks = _texts(evaluated, "target_teks")
    realisasi_teks = _texts(evaluated, "realisasi_teks")
    agregasi = evaluated["agregasi"].tolist()
    polaritas = evaluated["polaritas"].tolist()
    keterangan = [
        clean_text(_keterangan(k, f))
        for k, f in zip(evaluated["keterangan"], evaluated["flags"], strict=True)
    ]
    method, cap = settings.negatif_method, settings.capaian_cap
    k13, k14 = renstra_sd(evaluated, method) if n else (np.empty(0), np.empty(0))
    # K values per form column 5..14 (NaN = empty); TWs after sampai_tw stay empty.
    tw = evaluated[REALISASI_TW].to_numpy(dtype=float, copy=True) if n else np.empty((0, 4))
    tw[:, sampai_tw:] = np.nan
    target = evaluated["target"].to_numpy(dtype=float)
    realisasi = evaluated["realisasi"].to_numpy(dtype=float)
    shown = evaluated["capaian_tampil"].to_numpy(dtype=float)
    # Formulas only where they give the app's value: realisasi from the TW cells, capaian
    # from the target cell (the annual target, not a TW basis) and the realisasi cell.
    real_formula = np.isfinite(realisasi) & _same(
        formulas.realisasi_sampai(tw, evaluated["agregasi"].to_numpy(dtype=object), sampai_tw),
        realisasi,
    )
    numeric_target = np.array([not t for t in target_teks], dtype=bool) & np.isfinite(target)
    if "target_acuan" in evaluated:
        numeric_target &= _same(evaluated["target_acuan"].to_numpy(dtype=float), target)
    expected = formulas.apply_cap(
        formulas.capaian(target, realisasi, evaluated["polaritas"].to_numpy(dtype=object), method),
        cap,
    )
    capaian_formula = np.isfinite(shown) & numeric_target & _same(expected, shown)
    k_values = {
        5: evaluated["target_renstra"].to_numpy(dtype=float),
        6: evaluated["realisasi_renstra_lalu"].to_numpy(dtype=float),
        7: target,
        8: tw[:, 0],
        9: tw[:, 1],
        10: tw[:, 2],
        11: tw[:, 3],
        12: realisasi,
        13: k13,
        14: k14,
    }
    k_lists = {c: v.tolist() for c, v in k_values.items()}
    real_formula_list = real_formula.tolist()
    capaian_formula_list = capaian_formula.tolist()
    shown_list = shown.tolist()
    in_mean = np.isfinite(analysis.averaged_capaian(evaluated)) | ~np.isfinite(shown)
    in_mean_list = in_mean.tolist()
    k_cols = {c: period_k(c) for c in PERIOD_COLUMNS}
    rp_cols = {c: period_rp(c) for c in PERIOD_COLUMNS}
    tw_k_letters = [letters[k_cols[8 + t]] for t in range(sampai_tw)]
    tw_rp_letters = [letters[rp_cols[8 + t]] for t in range(sampai_tw)]
    L = {c: letters[k_cols[c]] for c in (5, 6, 7, 12, 13)}
    R = {c: letters[rp_cols[c]] for c in (5, 6, 7, 12, 13)}

    write_number = ws.write_number
    write_string = ws.write_string
    write_blank = ws.write_blank
    write_formula = ws.write_formula
    isfinite = math.isfinite
    w_sasaran, w_indikator = widths[COL_SASARAN], widths[COL_INDIKATOR]
    w_satuan, w_keterangan = widths[COL_SATUAN], widths[columns.keterangan]
    w_uraian, w_unit, w_k = widths[COL_URAIAN], widths[COL_UNIT], widths[period_k(7)]
    row_lines = [
        max(parts)
        for parts in zip(
            line_counts(indikator, w_indikator),
            line_counts(sasaran, w_sasaran),
            line_counts(satuan, w_satuan),
            line_counts(keterangan, w_keterangan),
            line_counts(target_teks, w_k),
            strict=True,
        )
    ]
    k_only = [c for c in PERIOD_COLUMNS if c not in (12, 13, 14)]
    runs = _sasaran_runs(units, sasaran, row, formats, below)
    in_run = {
        r for first_row, (last_row, _, _) in runs.items() for r in range(first_row, last_row + 1)
    }
    lines_without_sasaran = [
        max(parts)
        for parts in zip(
            line_counts(indikator, w_indikator),
            line_counts(satuan, w_satuan),
            line_counts(keterangan, w_keterangan),
            line_counts(target_teks, w_k),
            strict=True,
        )
    ]
    row_heights: dict[int, int] = {}

    for unit in units:
        f = formats.get(unit.level, formats["sub kegiatan"])
        filled = f.fill is not None
        # One indicator shares the unit's row; several get rows of their own below it, so
        # the anggaran (which belongs to the kode) never seems to belong to one indicator.
        rows = [-1, *unit.rows] if len(unit.rows) > 1 else (unit.rows or [-1])
        first, last = row, row + len(rows) - 1
        n1 = str(first + 1)

        # Unit-level cells (kode, uraian, anggaran) on the unit's first row.
        for col, value, fmt in (
            (COL_NO, unit.nomor, f.center),
            (COL_KODE, unit.kode, f.text),
            (COL_URAIAN, unit.uraian, f.text),
            (COL_UNIT, unit.bidang, f.text),
        ):
            if value:
                write_string(first, col, clean_text(value), fmt)
            elif filled:
                write_blank(first, col, None, fmt)
        for col, amount in (
            (rp_cols[5], unit.renstra_rp),
            (rp_cols[6], unit.renstra_lalu_rp),
            (rp_cols[7], unit.pagu),
            (rp_cols[8], unit.anggaran_tw[0]),
            (rp_cols[9], unit.anggaran_tw[1]),
            (rp_cols[10], unit.anggaran_tw[2]),
            (rp_cols[11], unit.anggaran_tw[3]),
        ):
            if isfinite(amount):
                write_number(first, col, amount, f.rp)
            elif filled:
                write_blank(first, col, None, f.rp)
        spent = unit.realisasi_anggaran
        rp13 = unit.renstra_lalu_rp + spent
        rp14 = float(formulas.serapan(unit.renstra_rp, rp13)[0])
        derived = [
            (
                rp_cols[12],
                spent,
                f.rp,
                excel_formulas.sum_reported([c + n1 for c in tw_rp_letters]),
            ),
            (rp_cols[13], rp13, f.rp, excel_formulas.add_if_both(R[6] + n1, R[12] + n1)),
            (rp_cols[14], rp14, f.pct, excel_formulas.serapan(R[5] + n1, R[13] + n1)),
        ]
        if columns.capaian:
            formula = excel_formulas.serapan(R[7] + n1, R[12] + n1)
            derived.append((COL_SERAPAN, unit.serapan, f.pct, formula))
        for col, cached, fmt, formula in derived:
            if isfinite(cached):
                write_formula(first, col, "=" + formula, fmt, cached)
            elif filled:
                write_blank(first, col, None, fmt)

        bold = 0.8 if f.bold else 1.0  # bold text is wider
        heights = [
            1 if i < 0 else (lines_without_sasaran if first + o in in_run else row_lines)[i]
            for o, i in enumerate(rows)
        ]
        if f.bold:  # bold indicator text needs a little more room
            heights = [
                h if i < 0 else max(h, estimate_lines(indikator[i], w_indikator * bold))
                for h, i in zip(heights, rows, strict=True)
            ]
        heights[0] = max(
            heights[0],
            estimate_lines(unit.uraian, w_uraian * bold),
            estimate_lines(unit.bidang, w_unit),
        )
        for offset, lines in enumerate(heights):
            row_heights[first + offset] = lines

        for offset, i in enumerate(rows):
            r = first + offset
            n_r = str(r + 1)
            if offset == 1:  # rows below the unit's own row: bold, not filled
                f = below.get(unit.level, f)
                filled = False
            if i < 0:  # a level with budget but no indicator of its own
                if filled:
                    for col in (COL_SASARAN, COL_INDIKATOR, COL_SATUAN, columns.keterangan):
                        write_blank(r, col, None, f.blank)
                    for col in k_cols.values():
                        write_blank(r, col, None, f.blank)
                    if columns.capaian:
                        write_blank(r, COL_CAPAIAN, None, f.blank)
                continue
            if r in runs:  # one sasaran over the rows that share it, as on paper forms
                last_row, text, fmt = runs[r]
                ws.merge_range(r, COL_SASARAN, last_row, COL_SASARAN, text, fmt)
            elif r not in in_run and sasaran[i]:
                write_string(r, COL_SASARAN, sasaran[i], f.text)
            elif r not in in_run and filled:
                write_blank(r, COL_SASARAN, None, f.text)
            for col, value, fmt in (
                (COL_INDIKATOR, indikator[i], f.text),
                (COL_SATUAN, satuan[i], f.center),
                (columns.keterangan, keterangan[i], f.text),
            ):
                if value:
                    write_string(r, col, value, fmt)
                elif filled:
                    write_blank(r, col, None, fmt)
            for form_col in k_only:  # data: values, never formulas
                col = k_cols[form_col]
                value = k_lists[form_col][i]
                if form_col == 7 and target_teks[i]:
                    write_string(r, col, target_teks[i], f.center)
                elif isfinite(value):
                    write_number(r, col, value, f.k(value))
                elif filled:
                    write_blank(r, col, None, f.blank)
            # column 12: realisasi up to sampai_tw, by the indicator's cara agregasi
            value = k_lists[12][i]
            col = k_cols[12]
            if realisasi_teks[i] and not isfinite(value):
                write_string(r, col, realisasi_teks[i], f.center)
            elif isfinite(value):
                kind = k_format_kind(value)
                fmt = f.marked.get((agregasi[i], kind)) or (f.int if kind == "int" else f.dec)
                if real_formula_list[i]:
                    formula = excel_formulas.realisasi([c + n_r for c in tw_k_letters], agregasi[i])
                    write_formula(r, col, "=" + formula, fmt, value)
                else:
                    write_number(r, col, value, fmt)
            elif filled:
                write_blank(r, col, None, f.blank)
            # column 13 = 6 + 12 and 14 = 13 / 5
            value = k_lists[13][i]
            if isfinite(value):
                formula = excel_formulas.renstra_sd(L[6] + n_r, L[12] + n_r, agregasi[i])
                write_formula(r, k_cols[13], "=" + formula, f.k(value), value)
            elif filled:
                write_blank(r, k_cols[13], None, f.blank)
            value = k_lists[14][i]
            if isfinite(value):
                formula = excel_formulas.capaian(L[5] + n_r, L[13] + n_r, polaritas[i], method)
                write_formula(r, k_cols[14], "=" + formula, f.pct, value)
            elif filled:
                write_blank(r, k_cols[14], None, f.blank)
            if not in_mean_list[i]:
                outside_mean.append(r + 1)
            if columns.capaian:  # capaian Renja = 12 / 7 (cap applied), coloured by predikat
                value = shown_list[i]
                if capaian_formula_list[i]:
                    formula = excel_formulas.capaian(
                        L[7] + n_r, L[12] + n_r, polaritas[i], method, cap
                    )
                    write_formula(r, COL_CAPAIAN, "=" + formula, f.pct, value)
                elif isfinite(value):
                    write_number(r, COL_CAPAIAN, value, f.pct)
                elif filled:
                    write_blank(r, COL_CAPAIAN, None, f.blank)
        row = last + 1
    # A merged sasaran's text fits in the run's first row, so a page break inside the run
    # cannot cut it; the rows below no longer grow for it.
    for first_row, (_, text, _) in runs.items():
        needed = estimate_lines(text, w_sasaran)
        row_heights[first_row] = max(row_heights.get(first_row, 1), needed)
    for r, lines in row_heights.items():
        if lines > 1:
            ws.set_row(r, row_points(lines))
    return row


def _sasaran_runs(
    units: list[Unit], sasaran: list[str], start: int, formats: dict, below: dict
) -> dict[int, tuple[int, str, object]]:
    """first row → (last row, sasaran, format) of each run of two or more consecutive
    indicator rows with the same sasaran and the same row style: written once, merged
    down the rows (the reader fills merged identity cells back down)."""
    runs: dict[int, tuple[int, str, object]] = {}
    current: tuple[int, int, str, object] | None = None  # first, last, text, format
    r = start
    for unit in units:
        f = formats.get(unit.level, formats["sub kegiatan"])
        rows = [-1, *unit.rows] if len(unit.rows) > 1 else (unit.rows or [-1])
        for offset, i in enumerate(rows):
            if offset == 1:
                f = below.get(unit.level, f)
            text = sasaran[i] if i >= 0 else ""
            if current and text and text == current[2] and f.text is current[3]:
                current = (current[0], r, text, current[3])
            else:
                if current and current[1] > current[0]:
                    runs[current[0]] = (current[1], current[2], current[3])
                current = (r, r, text, f.text) if text else None
            r += 1
    if current and current[1] > current[0]:
        runs[current[0]] = (current[1], current[2], current[3])
    return runs


def _predikat_colours(
    ws, styles: Styles, settings: Settings, first: int, last: int, col: int, ref: str = ""
) -> None:
    """Predikat colours on capaian cells that follow the value (conditional formats), so a
    value corrected in Excel is coloured by its own predikat."""
    anchor = ref or f"{xl_col_to_name(col)}{first + 1}"
    for name in PREDIKAT:
        ws.conditional_format(
            first,
            col,
            last,
            col,
            {
                "type": "formula",
                "criteria": "="
                + excel_formulas.predikat_condition(anchor, settings.predikat_bounds, name),
                "format": styles.predikat_dxf(name),
            },
        )


def _write_footer(
    ws,
    styles: Styles,
    evaluated: pd.DataFrame,
    budget: pd.DataFrame,
    head: Headline,
    row: int,
    sampai_tw: int,
    widths: dict[int, float],
    settings: Settings,
    columns: Columns,
    first_page: tuple[int, int],
    outside_mean: list[int],
) -> int:
    label = styles.cell("text", bold=True, fill="#f3f5f7")
    blank = styles.cell("text")
    rp = styles.cell("rp", bold=True)
    pct = styles.cell("pct2", bold=True)
    paragraph = styles.cell("text", size=8)
    letters = _letters(columns.last)
    body_first, body_last = FIRST_DATA_ROW + 1, row  # 1-based rows of the body

    def label_cell(r: int, caption: str) -> None:
        merged_text(ws, r, COL_NO, r, COL_SATUAN, caption, label)

    def blanks(r: int, skip: set[int]) -> None:
        for col in range(PERIOD_FIRST, columns.last + 1):
            if col not in skip:
                ws.write_blank(r, col, None, blank)

    # Jumlah anggaran: the effective budget lines, each counted once (the headline's sums).
    label_cell(row, JUMLAH_LABEL)
    n1 = str(row + 1)
    filled = {period_rp(7), period_rp(12)}
    number(ws, row, period_rp(7), head.pagu, rp)
    tw_refs = []
    for n_tw in range(1, 5):
        col = period_rp(7 + n_tw)
        filled.add(col)
        if n_tw <= sampai_tw and len(budget):
            number(ws, row, col, budget[ANGGARAN_TW[n_tw - 1]].sum(min_count=1), rp)
            tw_refs.append(letters[col] + n1)
        else:
            ws.write_blank(row, col, None, blank)
    if math.isfinite(head.realisasi_anggaran):
        formula = "=" + excel_formulas.sum_reported(tw_refs)
        ws.write_formula(row, period_rp(12), formula, rp, head.realisasi_anggaran)
    else:
        ws.write_blank(row, period_rp(12), None, rp)
    if columns.capaian:
        filled.add(COL_SERAPAN)
        if math.isfinite(head.serapan):
            formula = excel_formulas.serapan(
                letters[period_rp(7)] + n1, letters[period_rp(12)] + n1
            )
            ws.write_formula(row, COL_SERAPAN, "=" + formula, pct, head.serapan)
        else:
            ws.write_blank(row, COL_SERAPAN, None, pct)
    blanks(row, filled)
    row += 1

    # Rata-rata capaian and predikat: in the capaian column, formulas over its cells.
    value_col = COL_CAPAIAN if columns.capaian else period_k(12)
    mean_ref = f"{letters[value_col]}{row + 1}"
    label_cell(row, FOOTER_LABELS[0])
    mean = head.rata_rata_capaian
    over_cells = columns.capaian and settings.rollup_weight != "pagu"
    mean_formula = excel_formulas.average_skipping(
        letters[value_col], body_first, body_last, outside_mean
    )
    if over_cells and math.isfinite(mean) and mean_formula is not None:
        ws.write_formula(row, value_col, "=" + mean_formula, pct, mean)
    else:  # pagu-weighted, or no capaian column: the app's value
        number(ws, row, value_col, mean, pct)
    _predikat_colours(ws, styles, settings, row, row, value_col)
    blanks(row, {value_col})
    row += 1

    label_cell(row, FOOTER_LABELS[1])
    fmt = styles.cell("text", bold=True, align="center")
    none = "Tidak dapat dihitung"
    formula = excel_formulas.predikat(mean_ref, settings.predikat_bounds, none)
    ws.write_formula(row, value_col, "=" + formula, fmt, head.predikat or none)
    anchor = f"${letters[value_col]}${row}"  # the rata-rata cell, one row up (1-based)
    _predikat_colours(ws, styles, settings, row, row, value_col, ref=anchor)
    blanks(row, {value_col})
    ws.set_row(row, 24)
    row += 1

    tindak = unique_texts(evaluated["tindak_lanjut"])
    texts = [
        unique_texts(evaluated["faktor_pendorong"]),
        unique_texts(evaluated["faktor_penghambat"]),
        tindak if sampai_tw < 4 else "-",
        tindak if sampai_tw == 4 else "-",
    ]
    # The paragraphs stand on the first page's own columns, so no page cuts them.
    start, end = first_page
    width = sum(widths.get(c, 0) for c in range(start, end + 1))
    label_width = sum(widths[c] for c in range(PERIOD_FIRST))
    for caption, body in zip(FOOTER_LABELS[2:], texts, strict=True):
        label_cell(row, caption)
        merged_text(ws, row, start, row, end, body, paragraph)
        for col in range(end + 1, columns.last + 1):
            ws.write_blank(row, col, None, blank)
        lines = max(estimate_lines(body, width), estimate_lines(caption, label_width * 0.9))
        ws.set_row(row, row_points(lines))
        row += 1
    return row


def _write_notes(
    ws,
    styles: Styles,
    evaluated: pd.DataFrame,
    row: int,
    first_page: tuple[int, int],
    widths: dict[int, float],
) -> int:
    """The footnotes of column 12 for akhir / rata-rata indicators (first page's columns)."""
    present = set(evaluated["agregasi"])
    notes = [note for agregasi, note in AGREGASI_NOTE.items() if agregasi in present]
    if not notes:
        return row
    start, end = first_page
    width = sum(widths.get(c, 0) for c in range(start, end + 1))
    fmt = styles.get(font_size=8, italic=True, text_wrap=True, valign="top")
    for note in notes:
        merged_text(ws, row, start, row, end, note, fmt)
        ws.set_row(row, row_points(estimate_lines(note, width)))
        row += 1
    return row


def _signature_block(
    ws, styles: Styles, row: int, first_col: int, last_col: int, lines: list[tuple[str, object]]
) -> None:
    for offset, (value, fmt) in enumerate(lines):
        merged_text(ws, row + offset, first_col, row + offset, last_col, value, fmt)


def signature_lines(
    styles: Styles, caption: str, signer: Signatory, unit: str, tempat: str, tanggal: date
) -> list[tuple[str, object]]:
    center = styles.get(font_size=10, align="center", valign="top", text_wrap=True)
    name = styles.get(
        font_size=10, align="center", valign="top", text_wrap=True, bold=True, underline=1
    )
    bold = styles.get(font_size=10, align="center", valign="top", text_wrap=True, bold=True)
    return [
        (f"{tempat}, {fmt_date(tanggal)}", center),
        (caption, center),
        (signer.jabatan, bold),
        (unit, center),
        ("", center),
        ("", center),
        ("", center),
        (signer.nama, name),
        (signer.pangkat, center),
        (f"NIP. {signer.nip}", center),
    ]


def _write_signatures(
    ws,
    styles: Styles,
    settings: Settings,
    tanggal: date,
    row: int,
    page: tuple[int, int],
    widths: dict[int, float],
) -> tuple[int, int]:
    """Disusun and Dievaluasi side by side under the footer, on the own columns of the
    first page (so no column break cuts them; ``row_pages`` keeps them on one page).
    Returns the first and last row of the blocks."""
    wilayah = f"Kabupaten {settings.kabupaten}"
    left = signature_lines(
        styles,
        "Disusun",
        settings.penyusun,
        f"{settings.dinas} {wilayah}",
        settings.tempat,
        tanggal,
    )
    right = signature_lines(
        styles, "Dievaluasi", settings.pengevaluasi, wilayah, settings.tempat, tanggal
    )
    start, end = page
    columns = list(range(start, end + 1))
    total = sum(widths.get(c, 8.43) for c in columns)
    split, used = start, 0.0
    for col in columns:  # the column where the page's first half ends
        used += widths.get(col, 8.43)
        split = col
        if used >= total / 2:
            break
    if split >= end:  # a page of one column: the blocks go one below the other
        _signature_block(ws, styles, row, start, end, left)
        _signature_block(ws, styles, row + len(left) + 1, start, end, right)
        half = total
        last = row + 2 * len(left)
    else:
        _signature_block(ws, styles, row, start, split, left)
        _signature_block(ws, styles, row, split + 1, end, right)
        half = min(used, total - used)
        last = row + len(left) - 1
    for offset in range(len(left)):  # a long unit or pangkat wraps instead of being cut
        longest = max(
            (str(value) for value, _ in (left[offset], right[offset])), key=len, default=""
        )
        lines = estimate_lines(longest, half * 0.9, 10)
        if lines > 1:
            ws.set_row(row + offset, row_points(lines, 10))
    return row, last
