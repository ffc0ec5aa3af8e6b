"""The Permendagri 86/2017 E.81 form: evaluasi terhadap hasil Renja Perangkat Daerah.

``e81_units`` orders the period's indicators program → kegiatan → sub kegiatan (every
level that has an indicator or a budget line, names from the rows whose kode it is,
otherwise the kode itself) with the budget of each kode counted once.
``write_e81`` lays them out in the form's 16 numbered columns, each period split into
K (kinerja) and Rp (anggaran), followed by the footer rows and the two signature blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from kinerja_core import formulas
from kinerja_core.analysis import (
    FLAG_BELUM_ADA,
    FLAG_KUALITATIF,
    FLAG_TARGET_KOSONG,
    FLAG_TARGET_NOL,
    Headline,
    effective_budget,
)
from kinerja_core.locale_id import fmt_date
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, TW_ROMAN, kode_level, kode_prefix
from kinerja_core.report.styles import (
    PROGRAM_FILL,
    Styles,
    clean_text,
    estimate_lines,
    k_format_kind,
    line_counts,
    merged_text,
    number,
    row_points,
    setup_print,
    text,
)
from kinerja_core.settings import Settings, Signatory

SHEET_NAME = "Evaluasi Renja (E.81)"

# Physical columns (0-based). Form columns 3, 4 and 16 each have two sub-columns.
COL_NO, COL_SASARAN, COL_KODE, COL_URAIAN, COL_INDIKATOR, COL_SATUAN = range(6)
PERIOD_FIRST = 6  # form column 5 starts here; each period = (K, Rp)
PERIOD_COLUMNS = list(range(5, 16))  # form columns 5..15
COL_UNIT = PERIOD_FIRST + 2 * len(PERIOD_COLUMNS)  # 28
COL_KETERANGAN = COL_UNIT + 1  # 29
LAST_COL = COL_KETERANGAN

HEADER_ROW = 5  # first header row (0-based); second header row and numbering row follow
FIRST_DATA_ROW = HEADER_ROW + 3

WIDTHS = {
    COL_NO: 4.5,
    COL_SASARAN: 12,
    COL_KODE: 13,
    COL_URAIAN: 22,
    COL_INDIKATOR: 24,
    COL_SATUAN: 8,
    COL_UNIT: 12,
    COL_KETERANGAN: 15,
}
SASARAN_EMPTY_WIDTH = 7.0
RP_EMPTY_WIDTH = 5.5  # the Rp halves of columns 5, 6, 14 and 15 (no Renstra budget data)
K_WIDTH = 6.0
PCT_WIDTH = 8.0  # "100,00%"
RP_MIN_WIDTH = 10.0

NOTE_FLAGS = {
    FLAG_KUALITATIF: "Target kualitatif: capaian tidak dihitung",
    FLAG_TARGET_KOSONG: "Target kosong: capaian tidak dapat dihitung",
    FLAG_TARGET_NOL: "Target nol: capaian tidak dapat dihitung",
    FLAG_BELUM_ADA: "Realisasi belum dilaporkan",
}


def period_k(form_column: int) -> int:
    """Physical column of the K half of form column 5..15."""
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


BUDGET_FIELDS = ["pagu", *ANGGARAN_TW, "realisasi_anggaran"]


def budget_by_code(budget: pd.DataFrame, sampai_tw: int) -> pd.DataFrame:
    """Pagu, realisasi per TW and realisasi up to ``sampai_tw`` under every kode prefix.

    ``budget`` must already be ``effective_budget(anggaran)`` (no subtotal lines), so each
    line is added once to each of its prefixes — the sums of ``analysis.budget_for_codes``,
    vectorised. TWs after ``sampai_tw`` are NaN.
    """
    if budget.empty:
        return pd.DataFrame(columns=BUDGET_FIELDS, dtype=float)
    values = budget[["pagu", *ANGGARAN_TW]].astype(float).copy()
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
    return stacked.groupby("kode", sort=False)[BUDGET_FIELDS].sum(min_count=1)


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
    pagu_all = money["pagu"].to_numpy(dtype=float)
    spent_all = money["realisasi_anggaran"].to_numpy(dtype=float)
    per_tw = money[ANGGARAN_TW].to_numpy(dtype=float)
    serapan_all = formulas.serapan(pagu_all, spent_all)
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
            )
        )
    return units


def renstra_sd(evaluated: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Form columns 14 (K) and 15 (%): realisasi Renstra up to this year and its capaian.

    kumulatif: realisasi Renstra up to last year + this year's realisasi (needs both);
    akhir / rata-rata (a level, e.g. a %): this year's realisasi is the level reached.
    Empty when the indicator has no Renstra figure (neither column 5 nor 6).
    Column 15 is the capaian of column 14 against the Renstra end target (column 5).
    """
    lalu = evaluated["realisasi_renstra_lalu"].to_numpy(dtype=float)
    renstra = evaluated["target_renstra"].to_numpy(dtype=float)
    now = evaluated["realisasi"].to_numpy(dtype=float)
    cumulative = evaluated["agregasi"].to_numpy(dtype=object) == "kumulatif"
    k14 = np.where(cumulative, lalu + now, now)
    # Without any Renstra figure for the indicator the column stays empty.
    k14 = np.where(np.isnan(lalu) & np.isnan(renstra), np.nan, k14)
    k15 = formulas.capaian(
        evaluated["target_renstra"].to_numpy(dtype=float),
        k14,
        evaluated["polaritas"].to_numpy(dtype=object),
    )
    return k14, k15


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


def _headers(tahun: int) -> dict[int, str]:
    return {
        5: "Target Renstra PD pada Tahun Akhir Periode Renstra",
        6: f"Realisasi Capaian Kinerja Renstra PD s/d Renja PD Tahun Lalu ({tahun - 1})",
        7: f"Target Kinerja dan Anggaran Renja PD Tahun Berjalan ({tahun}) yang Dievaluasi",
        8: "Realisasi Kinerja pada Triwulan I",
        9: "Realisasi Kinerja pada Triwulan II",
        10: "Realisasi Kinerja pada Triwulan III",
        11: "Realisasi Kinerja pada Triwulan IV",
        12: "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi",
        13: "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang Dievaluasi (%)",
        14: f"Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun {tahun}",
        15: f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun {tahun} (%)",
    }


NUMBERING = {
    12: "12 = 8+9+10+11",
    13: "13 = 12/7×100%",
    14: "14 = 6+12",
    15: "15 = 14/5×100%",
}

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
        self.blank = self.text
        self.styles = styles
        self.bold = bold
        self.fill = fill

    def k(self, value: float):
        return self.int if k_format_kind(value) == "int" else self.dec

    def predikat_pct(self, predikat: str):
        if not predikat:
            return self.pct
        return self.styles.cell("pct2", bold=self.bold, predikat=predikat)


def _digits_width(values, minimum: float) -> float:
    """Column width for the widest of these numbers shown with thousands separators."""
    array = np.abs(np.asarray(values, dtype=float))
    array = array[np.isfinite(array)]
    biggest = float(array.max()) if array.size else 0.0
    chars = len(f"{biggest:,.0f}") if biggest else 1
    return max(minimum, round(chars * 0.8 + 1.6, 1))


def column_widths(units: list[Unit], evaluated: pd.DataFrame, head: Headline) -> dict[int, float]:
    """Every column's width: text columns fixed, number columns as wide as their numbers."""
    widths = dict(WIDTHS)
    money = [head.pagu, head.realisasi_anggaran]
    for unit in units:
        money.extend((unit.pagu, unit.realisasi_anggaran, *unit.anggaran_tw))
    rp = _digits_width(money, RP_MIN_WIDTH)
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
    for form_col in PERIOD_COLUMNS:
        widths[period_k(form_col)] = PCT_WIDTH if form_col in (13, 15) else k
        widths[period_rp(form_col)] = rp if form_col in (7, 8, 9, 10, 11, 12) else RP_EMPTY_WIDTH
    widths[period_rp(13)] = PCT_WIDTH
    if not evaluated["sasaran"].astype(bool).any():
        widths[COL_SASARAN] = SASARAN_EMPTY_WIDTH
    return widths


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
    ws = workbook.add_worksheet(SHEET_NAME)
    budget = effective_budget(anggaran) if budget is None else budget
    units = e81_units(evaluated, anggaran, sampai_tw, budget)
    widths = column_widths(units, evaluated, head)
    for col, width in widths.items():
        ws.set_column(col, col, width)

    # --- title block -------------------------------------------------------------------
    wilayah = f"Kabupaten {settings.kabupaten}"
    title = f"EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP {wilayah.upper()}"
    merged_text(ws, 0, 0, 0, LAST_COL, title, styles.title)
    ws.set_row(0, 20)
    label = styles.get(font_size=10)
    text(ws, 1, 0, f"Renja Perangkat Daerah {settings.dinas} {wilayah}", label)
    tw_text = "Triwulan I" if sampai_tw == 1 else f"Triwulan I s.d. Triwulan {TW_ROMAN[sampai_tw]}"
    text(ws, 2, 0, f"Periode Pelaksanaan: Tahun {tahun} ({tw_text})", label)
    sasaran = unique_texts(evaluated["sasaran"], limit=5).replace("\n", " ")
    text(
        ws,
        3,
        0,
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD: "
        + sasaran.removeprefix("- "),
        label,
    )
    if kelengkapan:
        text(
            ws,
            4,
            0,
            f"Data belum lengkap: {kelengkapan}.",
            styles.get(font_size=10, bold=True, font_color="#9c2b23"),
        )

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
    for form_col, caption in _headers(tahun).items():
        merged_text(ws, h1, period_k(form_col), h1, period_rp(form_col), caption, header)
        text(ws, h2, period_k(form_col), "K", header)
        text(ws, h2, period_rp(form_col), "Rp", header)
    merged_text(
        ws, h1, COL_UNIT, h1, COL_KETERANGAN, "Unit PD Penanggung Jawab; Keterangan", header
    )
    text(ws, h2, COL_UNIT, "Unit PD Penanggung Jawab", header)
    text(ws, h2, COL_KETERANGAN, "Keterangan", header)
    ws.set_row(h1, 78)
    ws.set_row(h2, 22)

    numbering = styles.number_row
    text(ws, hn, COL_NO, "1", numbering)
    text(ws, hn, COL_SASARAN, "2", numbering)
    merged_text(ws, hn, COL_KODE, hn, COL_URAIAN, "3", numbering)
    merged_text(ws, hn, COL_INDIKATOR, hn, COL_SATUAN, "4", numbering)
    for form_col in PERIOD_COLUMNS:
        caption = NUMBERING.get(form_col, str(form_col))
        merged_text(ws, hn, period_k(form_col), hn, period_rp(form_col), caption, numbering)
    merged_text(ws, hn, COL_UNIT, hn, COL_KETERANGAN, "16", numbering)

    # --- body -------------------------------------------------------------------------
    row = FIRST_DATA_ROW
    row = _write_units(ws, styles, units, evaluated, row, sampai_tw, widths)
    if row > FIRST_DATA_ROW:  # thin borders on every cell of the body, written or empty
        ws.conditional_format(
            FIRST_DATA_ROW, 0, row - 1, LAST_COL, {"type": "no_errors", "format": styles.border}
        )
    row = _write_footer(ws, styles, evaluated, budget, head, row, sampai_tw, widths)
    _write_signatures(ws, styles, settings, tanggal, row + 1)

    ws.freeze_panes(FIRST_DATA_ROW, COL_SATUAN + 1)
    setup_print(
        ws,
        kertas=settings.kertas,
        repeat=(HEADER_ROW, HEADER_ROW + 2),
        judul=f"Evaluasi Renja {settings.dinas} Tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}",
    )
    ws.hide_gridlines(2)


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    """A text column as cell-ready strings (capped at Excel's per-cell limit)."""
    return [clean_text(v) for v in frame[column].tolist()]


def _write_units(
    ws,
    styles: Styles,
    units: list[Unit],
    evaluated: pd.DataFrame,
    row: int,
    sampai_tw: int,
    widths: dict[int, float],
) -> int:
    """The body: one row group per unit.

    Empty cells are left unwritten (the table's borders come from one conditional format
    over the body, see ``write_e81``), except on program rows, whose fill must run across
    the whole row. No merged cells: a unit with several indicators gets a row of its own
    for kode, uraian and anggaran, its indicators on the rows below.
    """
    formats = {lv: _RowFormats(styles, lv) for lv in ("program", "kegiatan", "sub kegiatan")}
    formats["lainnya"] = formats["sub kegiatan"]
    below = {"program": formats["kegiatan"]}

    n = len(evaluated)
    sasaran = _texts(evaluated, "sasaran")
    indikator = _texts(evaluated, "indikator")
    satuan = _texts(evaluated, "satuan")
    target_teks = _texts(evaluated, "target_teks")
    realisasi_teks = _texts(evaluated, "realisasi_teks")
    predikat = evaluated["predikat"].tolist()
    keterangan = [
        clean_text(_keterangan(k, f))
        for k, f in zip(evaluated["keterangan"], evaluated["flags"], strict=True)
    ]
    k14, k15 = renstra_sd(evaluated) if n else (np.empty(0), np.empty(0))
    # K values per form column 5..15 (NaN = empty); TWs after sampai_tw stay empty.
    tw = evaluated[REALISASI_TW].to_numpy(dtype=float, copy=True) if n else np.empty((0, 4))
    tw[:, sampai_tw:] = np.nan
    k_values = {
        5: evaluated["target_renstra"].to_numpy(dtype=float),
        6: evaluated["realisasi_renstra_lalu"].to_numpy(dtype=float),
        7: evaluated["target"].to_numpy(dtype=float),
        8: tw[:, 0],
        9: tw[:, 1],
        10: tw[:, 2],
        11: tw[:, 3],
        12: evaluated["realisasi"].to_numpy(dtype=float),
        13: evaluated["capaian_tampil"].to_numpy(dtype=float),
        14: k14,
        15: k15,
    }
    k_lists = {c: v.tolist() for c, v in k_values.items()}
    k_cols = {c: period_k(c) for c in PERIOD_COLUMNS}
    rp_cols = {c: period_rp(c) for c in PERIOD_COLUMNS}

    write_number = ws.write_number
    write_string = ws.write_string
    write_blank = ws.write_blank
    isfinite = math.isfinite
    w_sasaran, w_indikator = widths[COL_SASARAN], widths[COL_INDIKATOR]
    w_satuan, w_keterangan = widths[COL_SATUAN], widths[COL_KETERANGAN]
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

    for unit in units:
        f = formats.get(unit.level, formats["sub kegiatan"])
        filled = f.fill is not None
        # One indicator shares the unit's row; several get rows of their own below it, so
        # the anggaran (which belongs to the kode) never seems to belong to one indicator.
        rows = [-1, *unit.rows] if len(unit.rows) > 1 else (unit.rows or [-1])
        first, last = row, row + len(rows) - 1

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
        for col, value, fmt in (
            (rp_cols[7], unit.pagu, f.rp),
            (rp_cols[8], unit.anggaran_tw[0], f.rp),
            (rp_cols[9], unit.anggaran_tw[1], f.rp),
            (rp_cols[10], unit.anggaran_tw[2], f.rp),
            (rp_cols[11], unit.anggaran_tw[3], f.rp),
            (rp_cols[12], unit.realisasi_anggaran, f.rp),
            (rp_cols[13], unit.serapan, f.pct),
        ):
            if isfinite(value):
                write_number(first, col, value, fmt)
            elif filled:
                write_blank(first, col, None, fmt)
        if filled:
            for form_col in (5, 6, 14, 15):
                write_blank(first, rp_cols[form_col], None, f.rp)

        bold = 0.9 if f.bold else 1.0  # bold text is wider
        heights = [1 if i < 0 else row_lines[i] for i in rows]
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
            if lines > 1:
                ws.set_row(first + offset, row_points(lines))

        for offset, i in enumerate(rows):
            r = first + offset
            if offset == 1:  # rows below the unit's own row: bold, not filled
                f = below.get(unit.level, f)
                filled = False
            if i < 0:  # a level with budget but no indicator of its own
                if filled:
                    for col in (COL_SASARAN, COL_INDIKATOR, COL_SATUAN, COL_KETERANGAN):
                        write_blank(r, col, None, f.blank)
                    for col in k_cols.values():
                        write_blank(r, col, None, f.blank)
                continue
            for col, value, fmt in (
                (COL_SASARAN, sasaran[i], f.text),
                (COL_INDIKATOR, indikator[i], f.text),
                (COL_SATUAN, satuan[i], f.center),
                (COL_KETERANGAN, keterangan[i], f.text),
            ):
                if value:
                    write_string(r, col, value, fmt)
                elif filled:
                    write_blank(r, col, None, fmt)
            for form_col, col in k_cols.items():
                value = k_lists[form_col][i]
                if form_col == 7 and target_teks[i]:
                    write_string(r, col, target_teks[i], f.center)
                elif form_col == 12 and realisasi_teks[i] and not isfinite(value):
                    write_string(r, col, realisasi_teks[i], f.center)
                elif isfinite(value):
                    if form_col == 13:
                        fmt = f.predikat_pct(predikat[i])
                    elif form_col == 15:
                        fmt = f.pct
                    else:
                        fmt = f.int if round(value, 2) == round(value) else f.dec
                    write_number(r, col, value, fmt)
                elif filled:
                    write_blank(r, col, None, f.blank)
        row = last + 1
    return row


def _write_footer(
    ws,
    styles: Styles,
    evaluated: pd.DataFrame,
    budget: pd.DataFrame,
    head: Headline,
    row: int,
    sampai_tw: int,
    widths: dict[int, float],
) -> int:
    label = styles.cell("text", bold=True, fill="#f3f5f7")
    blank = styles.cell("text")
    rp = styles.cell("rp", bold=True)
    pct = styles.cell("pct2", bold=True)
    paragraph = styles.cell("text", size=8)

    def label_cell(r: int, caption: str) -> None:
        merged_text(ws, r, COL_NO, r, COL_SATUAN, caption, label)

    def blanks(r: int, skip: set[int]) -> None:
        for col in range(PERIOD_FIRST, LAST_COL + 1):
            if col not in skip:
                ws.write_blank(r, col, None, blank)

    # Jumlah anggaran: the effective budget lines, each counted once (the headline's sums).
    label_cell(row, JUMLAH_LABEL)
    filled = {period_rp(7), period_rp(12), period_rp(13)}
    number(ws, row, period_rp(7), head.pagu, rp)
    for n_tw in range(1, 5):
        col = period_rp(7 + n_tw)
        filled.add(col)
        if n_tw <= sampai_tw and len(budget):
            number(ws, row, col, budget[ANGGARAN_TW[n_tw - 1]].sum(min_count=1), rp)
        else:
            ws.write_blank(row, col, None, blank)
    number(ws, row, period_rp(12), head.realisasi_anggaran, rp)
    number(ws, row, period_rp(13), head.serapan, pct)
    blanks(row, filled)
    row += 1

    label_cell(row, FOOTER_LABELS[0])
    number(ws, row, period_k(13), head.rata_rata_capaian, pct)
    blanks(row, {period_k(13)})
    row += 1

    label_cell(row, FOOTER_LABELS[1])
    fmt = styles.cell("text", bold=True, align="center", predikat=head.predikat)
    text(ws, row, period_k(13), head.predikat or "Tidak dapat dihitung", fmt)
    blanks(row, {period_k(13)})
    ws.set_row(row, 24)
    row += 1

    tindak = unique_texts(evaluated["tindak_lanjut"])
    texts = [
        unique_texts(evaluated["faktor_pendorong"]),
        unique_texts(evaluated["faktor_penghambat"]),
        tindak if sampai_tw < 4 else "-",
        tindak if sampai_tw == 4 else "-",
    ]
    width = sum(w for col, w in widths.items() if col >= PERIOD_FIRST)
    label_width = sum(w for col, w in widths.items() if col < PERIOD_FIRST)
    for caption, body in zip(FOOTER_LABELS[2:], texts, strict=True):
        label_cell(row, caption)
        merged_text(ws, row, PERIOD_FIRST, row, LAST_COL, body, paragraph)
        lines = max(estimate_lines(body, width), estimate_lines(caption, label_width * 0.9))
        ws.set_row(row, row_points(lines))
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
    center = styles.get(font_size=10, align="center")
    name = styles.get(font_size=10, align="center", bold=True, underline=1)
    return [
        (f"{tempat}, {fmt_date(tanggal)}", center),
        (caption, center),
        (signer.jabatan, styles.get(font_size=10, align="center", bold=True)),
        (unit, styles.get(font_size=10, align="center", valign="top", text_wrap=True)),
        ("", center),
        ("", center),
        ("", center),
        (signer.nama, name),
        (signer.pangkat, center),
        (f"NIP. {signer.nip}", center),
    ]


def _write_signatures(ws, styles: Styles, settings: Settings, tanggal: date, row: int) -> None:
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
    _signature_block(ws, styles, row, COL_KODE, COL_INDIKATOR, left)
    _signature_block(ws, styles, row, period_k(12), COL_UNIT, right)
    ws.set_row(row + 3, 28)  # the unit line may wrap
