"""The evaluation workbook (SOP step 7): one .xlsx, print-ready, built in memory.

Sheets: *Ringkasan* (headline, per-bidang table, native charts, analysis text),
*Evaluasi Renja (E.81)* (the Permendagri 86/2017 form, see ``e81.py``), one sheet per
bidang, *Data* (the ``hitung`` table first, same numbers, then a few derived columns) and
*Catatan* (validation notes of the submissions used). Every number comes from
``kinerja_core.analysis``, so the document agrees with the dashboard to the digit.
"""

from __future__ import annotations

import gc
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from kinerja_core import analysis, clock, formulas
from kinerja_core.analysis import (
    FLAG_DI_BAWAH,
    HITUNG_COLUMNS,
    HITUNG_EXTRA_COLUMNS,
    Headline,
    effective_budget,
)
from kinerja_core.charts import PREDIKAT_COLORS
from kinerja_core.clock import fmt_waktu
from kinerja_core.formulas import PREDIKAT
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, TW_ROMAN, Problem
from kinerja_core.report import e81, excel_formulas
from kinerja_core.report.styles import (
    MAX_CELL_TEXT,
    WORKBOOK_OPTIONS,
    FormulaSheet,
    Styles,
    clean_text,
    column_pages,
    estimate_lines,
    k_format_kind,
    line_counts,
    merged_text,
    number,
    row_points,
    setup_print,
    sheet_name,
    text,
)
from kinerja_core.settings import Settings
from kinerja_core.settings import with_kertas as settings_with_kertas

RINGKASAN = "Ringkasan"
BIDANG_REPEATED = (0, 3)  # No, Kode, Program / Kegiatan / Sub Kegiatan, Indikator
DATA = "Data"
CATATAN = "Catatan"
PAGU_MEAN_NOTE = (
    "Rata-rata capaian ditimbang dengan pagu kode setiap indikator (pengaturan rollup_weight = "
    "pagu), sehingga rata-rata di formulir E.81 dan di lembar bidang ditulis sebagai nilai "
    "aplikasi, bukan rumus: bila nilai triwulan dikoreksi di Excel, capaian indikatornya ikut "
    "berubah tetapi rata-rata ini tidak. Buat ulang dokumen di aplikasi setelah koreksi."
)

# Columns of the Data sheet after the hitung columns (stable names, for pivot tables).
DATA_EXTRA_COLUMNS = ["capaian_tampil"]  # the capped capaian that predikat and means use
DATA_COLUMNS = HITUNG_COLUMNS + HITUNG_EXTRA_COLUMNS + DATA_EXTRA_COLUMNS

_DATA_FORMATS = {
    "pagu": "#,##0",
    "realisasi_anggaran": "#,##0",
    "capaian": "0.00",
    "capaian_tampil": "0.00",
    "serapan": "0.00",
    "gap_persen": "0.00",
    "efisiensi": "0.000",
}
_DATA_WIDTHS = {
    "bidang": 26,
    "kode": 17,
    "uraian": 36,
    "indikator": 40,
    "flags": 26,
    "sumber": 22,
    "pagu": 15,
    "realisasi_anggaran": 15,
}

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(tahun: int, sampai_tw: int) -> str:
    return f"Evaluasi_Renja_{tahun}_TW{sampai_tw}.xlsx"


def contents(evaluated: pd.DataFrame, bidang_sheets: bool = True) -> list[tuple[str, str]]:
    """(sheet, what it holds) in workbook order, for the page that offers the download."""
    items = [
        (
            RINGKASAN,
            "capaian utama, tabel per bidang, grafik Excel dan teks analisis",
        ),
        (
            e81.SHEET_NAME,
            "formulir E.81 Permendagri 86/2017 dengan kolom K dan Rp, baris penutup "
            "dan blok tanda tangan",
        ),
    ]
    if bidang_sheets:
        taken = {RINGKASAN.casefold(), e81.SHEET_NAME.casefold(), DATA.casefold()}
        taken.add(CATATAN.casefold())
        for bidang in _bidang_list(evaluated):
            items.append(
                (sheet_name(bidang, taken), f"indikator dan anggaran {bidang or 'tanpa bidang'}")
            )
    items.append((DATA, "satu baris per indikator dengan nama kolom tetap (untuk pivot)"))
    items.append((CATATAN, "catatan validasi berkas yang dipakai dan catatan perhitungan"))
    return items


def _bidang_list(evaluated: pd.DataFrame) -> list[str]:
    return sorted(set(evaluated["bidang"].astype(str)), key=str.casefold)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the cells are stored.

    xlsxwriter keeps one small object per cell (about 600,000 at 12,000 indicators); none
    form cycles, yet every allocation burst triggers a collection that walks them all
    again — about 15% of the build. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _streamed_sheet(workbook, name: str):
    """A worksheet whose finished rows go straight to a temporary file (xlsxwriter's
    constant-memory mode, switched on for this sheet only), so the long per-indicator
    sheets do not hold one Python object per cell until the workbook closes.

    Such a sheet must be written strictly row after row: a cell written to a row above
    the current one is dropped. The bidang and Data sheets are; the E.81 form (header
    rows merged across, signature blocks side by side) and the small sheets are not.
    """
    workbook.constant_memory = True
    try:
        return workbook.add_worksheet(name, worksheet_class=FormulaSheet)
    finally:
        workbook.constant_memory = False


@_cyclic_gc_paused()
def build_evaluation_workbook(
    evaluated: pd.DataFrame,
    anggaran: pd.DataFrame,
    *,
    tahun: int,
    sampai_tw: int,
    settings: Settings | None = None,
    problems: list[Problem] | None = None,
    previous_year: pd.DataFrame | None = None,
    bidang_sheets: bool = True,
    tanggal: date | None = None,
    submissions: pd.DataFrame | None = None,
    kelengkapan: str = "",
    corrections: list | None = None,
) -> bytes:
    """The evaluation workbook of a period as .xlsx bytes.

    ``evaluated`` is ``analysis.evaluate(...)`` of the period, ``anggaran`` its canonical
    budget rows. ``previous_year`` (optional) is the evaluated frame of tahun − 1, used for
    the LKjIP comparison; ``problems`` are the validation notes of the submissions used
    (``submissions``: their summary rows, optional). ``tanggal`` dates the signatures
    (default today). ``kelengkapan`` says which bidang are still missing
    (``tracker.Coverage.text()``); it is printed under the titles of Ringkasan and E.81.
    ``corrections`` (``koreksi.Koreksi`` records already applied to ``evaluated``) are
    listed on the Catatan sheet.
    """
    settings = settings or Settings()
    tanggal = tanggal or clock.today()
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    workbook.set_properties(
        {
            "title": f"Evaluasi Renja Tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}",
            "subject": "Evaluasi terhadap hasil Renja Perangkat Daerah (Permendagri 86/2017)",
            "author": clean_text(settings.dinas)[:250],
            "company": clean_text(f"Kabupaten {settings.kabupaten}")[:250],
            "created": datetime.combine(tanggal, time()),
        }
    )
    styles = Styles(workbook)
    budget = effective_budget(anggaran)
    head = analysis.headline(evaluated, anggaran, tahun, sampai_tw, settings)
    summary = analysis.bidang_summary(evaluated, anggaran, sampai_tw, settings)

    _write_ringkasan(
        workbook,
        styles,
        evaluated,
        budget,
        summary,
        head,
        tahun,
        sampai_tw,
        settings,
        previous_year,
        kelengkapan,
    )
    e81.write_e81(
        workbook,
        styles,
        evaluated,
        anggaran,
        head,
        tahun=tahun,
        sampai_tw=sampai_tw,
        settings=settings,
        tanggal=tanggal,
        budget=budget,
        kelengkapan=kelengkapan,
    )
    if bidang_sheets:
        taken = {RINGKASAN.casefold(), e81.SHEET_NAME.casefold(), DATA.casefold()}
        taken.add(CATATAN.casefold())
        by_bidang = dict(tuple(evaluated.groupby("bidang", sort=False)))
        # split once: hundreds of bidang must not each scan every budget row
        budget_of = dict(tuple(budget.groupby("bidang", sort=False))) if len(budget) else {}
        previous = _previous_lookup(previous_year)
        for bidang in _bidang_list(evaluated):
            _write_bidang(
                workbook,
                styles,
                sheet_name(bidang, taken),
                bidang,
                by_bidang[bidang],
                budget_of.get(bidang, budget.iloc[:0]),
                summary,
                tahun,
                sampai_tw,
                settings,
                previous_year,
                previous,
            )
    _write_data(workbook, styles, evaluated, tahun, sampai_tw, settings)
    _write_catatan(
        workbook, styles, evaluated, problems, submissions, tahun, sampai_tw, settings, corrections
    )
    workbook.close()
    return buffer.getvalue()


# --- Ringkasan ---------------------------------------------------------------------------
_RINGKASAN_WIDTHS = [5, 40, 11, 11, 12, 15, 17, 17, 11, 11]
_RINGKASAN_LAST = len(_RINGKASAN_WIDTHS) - 1


def _period_text(tahun: int, sampai_tw: int) -> str:
    return f"Tahun {tahun}, sampai Triwulan {TW_ROMAN[sampai_tw]}"


def _title_block(
    ws, styles: Styles, title: str, lines: list[str], last_col: int, width: float = 0.0
) -> None:
    """Title and subtitle lines merged over columns 0..last_col; with ``width`` (of those
    columns) they wrap and their rows get the height of the wrapped text."""
    if not width:
        merged_text(ws, 0, 0, 0, last_col, title, styles.title)
        ws.set_row(0, 20)
        for offset, line in enumerate(lines, start=1):
            merged_text(ws, offset, 0, offset, last_col, line, styles.subtitle)
        return
    title_fmt = styles.get(bold=True, font_size=11, valign="top", text_wrap=True)
    merged_text(ws, 0, 0, 0, last_col, title, title_fmt)
    ws.set_row(0, row_points(estimate_lines(title, width * 0.7, 10), 10))
    line_fmt = styles.get(font_size=9, valign="top", text_wrap=True)
    for offset, line in enumerate(lines, start=1):
        merged_text(ws, offset, 0, offset, last_col, line, line_fmt)
        ws.set_row(offset, row_points(estimate_lines(line, width, 9), 9))


def _write_ringkasan(
    workbook,
    styles: Styles,
    evaluated: pd.DataFrame,
    budget: pd.DataFrame,
    summary: pd.DataFrame,
    head: Headline,
    tahun: int,
    sampai_tw: int,
    settings: Settings,
    previous_year: pd.DataFrame | None,
    kelengkapan: str = "",
) -> None:
    ws = workbook.add_worksheet(RINGKASAN)
    for col, width in enumerate(_RINGKASAN_WIDTHS):
        ws.set_column(col, col, width)
    _title_block(
        ws,
        styles,
        "RINGKASAN EVALUASI KINERJA",
        [f"{settings.dinas} Kabupaten {settings.kabupaten}", _period_text(tahun, sampai_tw)],
        _RINGKASAN_LAST,
    )
    if kelengkapan:
        merged_text(
            ws,
            3,
            0,
            3,
            _RINGKASAN_LAST,
            f"Data belum lengkap: {kelengkapan}.",
            styles.get(font_size=10, bold=True, font_color="#9c2b23", align="center"),
        )
    section = styles.get(bold=True, font_size=11, font_color="#1b6ca8")
    label = styles.cell("text", size=10, fill="#f3f5f7")
    formats = {kind: styles.cell(kind, size=10, bold=True) for kind in ("int", "pct1", "rp_label")}

    row = 4
    text(ws, row, 1, "Capaian utama", section)
    row += 1
    items: list[tuple[str, object, str]] = [
        ("Rata-rata capaian kinerja", head.rata_rata_capaian, "pct1"),
        ("Predikat kinerja", head.predikat or "Tidak dapat dihitung", "predikat"),
        ("Jumlah indikator", head.jumlah_indikator, "int"),
        ("Indikator yang dapat dihitung capaiannya", head.terhitung, "int"),
        ("Pagu anggaran", head.pagu, "rp_label"),
        (
            f"Realisasi anggaran s.d. Triwulan {TW_ROMAN[sampai_tw]}",
            head.realisasi_anggaran,
            "rp_label",
        ),
        ("Serapan anggaran", head.serapan, "pct1"),
        ("Jumlah bidang", head.jumlah_bidang, "int"),
    ]
    first_item_row = row
    for caption, value, kind in items:
        text(ws, row, 1, caption, label)
        if kind == "predikat":
            fmt = styles.cell("text", size=10, predikat=head.predikat, align="center")
            merged_text(ws, row, 2, row, 4, value, fmt)
        else:
            ws.merge_range(row, 2, row, 4, "", formats[kind])
            number(ws, row, 2, value, formats[kind])
        row += 1

    # Indicators per predikat (the doughnut chart reads this table).
    header = styles.header
    pred_row = first_item_row
    text(ws, pred_row - 1, 6, "Jumlah indikator per predikat", section)
    text(ws, pred_row, 6, "Predikat", header)
    text(ws, pred_row, 7, "Jumlah indikator", header)
    for offset, name in enumerate(PREDIKAT, start=1):
        text(ws, pred_row + offset, 6, name, styles.cell("text", size=10, predikat=name))
        number(ws, pred_row + offset, 7, head.per_predikat.get(name, 0), formats["int"])
    no_capaian = head.jumlah_indikator - sum(head.per_predikat.values())
    text(ws, pred_row + 6, 6, "Tidak dapat dihitung", styles.cell("text", size=10))
    number(ws, pred_row + 6, 7, no_capaian, formats["int"])
    row = max(row, pred_row + 7) + 1

    # Per bidang.
    text(ws, row, 1, "Capaian kinerja dan serapan anggaran per bidang", section)
    row += 1
    headers = [
        "No",
        "Bidang",
        "Jumlah indikator",
        "Dapat dihitung",
        "Capaian kinerja (%)",
        "Predikat",
        "Pagu (Rp)",
        f"Realisasi anggaran s.d. TW {TW_ROMAN[sampai_tw]} (Rp)",
        "Serapan anggaran (%)",
        "Efisiensi (capaian/serapan)",
    ]
    for col, caption in enumerate(headers):
        text(ws, row, col, caption, header)
    ws.set_row(row, 40)
    row += 1
    cell_text = styles.cell("text", size=10)
    center = styles.cell("text", size=10, align="center")
    cell = {kind: styles.cell(kind, size=10) for kind in ("int", "pct1", "rp", "dec2")}
    first_bidang_row = row
    for position, item in enumerate(summary.itertuples(index=False), start=1):
        text(ws, row, 0, str(position), center)
        text(ws, row, 1, item.bidang or "(tanpa bidang)", cell_text)
        number(ws, row, 2, item.jumlah_indikator, cell["int"])
        number(ws, row, 3, item.terhitung, cell["int"])
        number(ws, row, 4, item.capaian, cell["pct1"])
        predikat = item.predikat if isinstance(item.predikat, str) else ""
        text(
            ws,
            row,
            5,
            predikat or "–",
            styles.cell("text", size=10, predikat=predikat, align="center"),
        )
        number(ws, row, 6, item.pagu, cell["rp"])
        number(ws, row, 7, item.realisasi_anggaran, cell["rp"])
        number(ws, row, 8, item.serapan, cell["pct1"])
        number(ws, row, 9, item.efisiensi, cell["dec2"])
        row += 1
    last_bidang_row = row - 1
    total = {kind: styles.cell(kind, size=10, bold=True, fill="#f3f5f7") for kind in cell}
    total_text = styles.cell("text", size=10, bold=True, fill="#f3f5f7")
    merged_text(ws, row, 0, row, 1, "Perangkat Daerah (seluruh bidang)", total_text)
    number(ws, row, 2, head.jumlah_indikator, total["int"])
    number(ws, row, 3, head.terhitung, total["int"])
    number(ws, row, 4, head.rata_rata_capaian, total["pct1"])
    text(
        ws,
        row,
        5,
        head.predikat or "–",
        styles.cell("text", size=10, predikat=head.predikat, align="center", bold=True),
    )
    number(ws, row, 6, head.pagu, total["rp"])
    number(ws, row, 7, head.realisasi_anggaran, total["rp"])
    number(ws, row, 8, head.serapan, total["pct1"])
    efisiensi = head.rata_rata_capaian / head.serapan if head.serapan else math.nan
    number(ws, row, 9, efisiensi, total["dec2"])
    row += 2

    if previous_year is not None and len(previous_year):
        row = _write_comparison(
            ws, styles, evaluated, previous_year, head, tahun, sampai_tw, settings, row, section
        )

    if len(summary):
        row = _insert_charts(
            workbook,
            ws,
            summary,
            first_bidang_row,
            last_bidang_row,
            pred_row,
            sampai_tw,
            row,
            section,
        )

    row = _write_narrative(
        ws, styles, evaluated, budget, summary, sampai_tw, settings, row, section
    )

    ws.freeze_panes(4, 0)
    setup_print(
        ws,
        kertas=settings.kertas,
        repeat=None,
        judul=f"Ringkasan Evaluasi Kinerja Tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}",
    )
    ws.hide_gridlines(2)


def _write_comparison(
    ws,
    styles: Styles,
    evaluated: pd.DataFrame,
    previous: pd.DataFrame,
    head: Headline,
    tahun: int,
    sampai_tw: int,
    settings: Settings,
    row: int,
    section,
) -> int:
    """Capaian per bidang this year against tahun − 1 (LKjIP comparison)."""
    before = analysis.rollup(previous, "bidang", settings).set_index("bidang")
    now = analysis.rollup(evaluated, "bidang", settings).set_index("bidang")
    text(ws, row, 1, f"Perbandingan dengan tahun {tahun - 1}", section)
    row += 1
    headers = [
        "No",
        "Bidang",
        f"Capaian {tahun - 1} (%)",
        f"Capaian {tahun} (%)",
        "Perubahan (poin)",
        f"Predikat {tahun - 1}",
        f"Predikat {tahun}",
    ]
    for col, caption in enumerate(headers):
        text(ws, row, col, caption, styles.header)
    ws.set_row(row, 30)
    row += 1
    pct = styles.cell("pct1", size=10)
    delta = styles.get(font_size=10, border=1, valign="top", num_format="+#,##0.0;-#,##0.0;0.0")
    center = styles.cell("text", size=10, align="center")
    names = sorted(set(before.index) | set(now.index), key=str.casefold)
    for position, bidang in enumerate(names, start=1):
        old = float(before["capaian"].get(bidang, math.nan))
        new = float(now["capaian"].get(bidang, math.nan))
        text(ws, row, 0, str(position), center)
        text(ws, row, 1, bidang or "(tanpa bidang)", styles.cell("text", size=10))
        number(ws, row, 2, old, pct)
        number(ws, row, 3, new, pct)
        number(ws, row, 4, new - old, delta)
        for col, name in (
            (5, before["predikat"].get(bidang, "")),
            (6, now["predikat"].get(bidang, "")),
        ):
            name = name if isinstance(name, str) else ""
            text(
                ws,
                row,
                col,
                name or "–",
                styles.cell("text", size=10, predikat=name, align="center"),
            )
        row += 1
    old_mean = analysis.mean_capaian(previous, settings)
    bold = styles.cell("pct1", size=10, bold=True, fill="#f3f5f7")
    merged_text(
        ws,
        row,
        0,
        row,
        1,
        "Perangkat Daerah",
        styles.cell("text", size=10, bold=True, fill="#f3f5f7"),
    )
    number(ws, row, 2, old_mean, bold)
    number(ws, row, 3, head.rata_rata_capaian, bold)
    number(ws, row, 4, head.rata_rata_capaian - old_mean, delta)
    old_pred = str(formulas.predikat(old_mean, settings.predikat_bounds)[0])
    text(
        ws, row, 5, old_pred or "–", styles.cell("text", size=10, predikat=old_pred, align="center")
    )
    text(
        ws,
        row,
        6,
        head.predikat or "–",
        styles.cell("text", size=10, predikat=head.predikat, align="center"),
    )
    return row + 2


def _insert_charts(
    workbook,
    ws,
    summary: pd.DataFrame,
    first: int,
    last: int,
    pred_row: int,
    sampai_tw: int,
    row: int,
    section,
) -> int:
    """Native Excel charts that read the tables above (they stay live if a value is edited)."""
    ws.set_h_pagebreaks([row])  # the charts start a printed page of their own
    text(ws, row, 1, "Grafik", section)
    row += 1
    name = RINGKASAN
    categories = [name, first, 1, last, 1]
    colors = [
        {"fill": {"color": PREDIKAT_COLORS.get(p if isinstance(p, str) else "", "#9aa5b1")}}
        for p in summary["predikat"]
    ]
    bar = workbook.add_chart({"type": "bar"})
    bar.add_series(
        {
            "name": "Capaian kinerja (%)",
            "categories": categories,
            "values": [name, first, 4, last, 4],
            "points": colors,
            "data_labels": {"value": True, "num_format": '#,##0.0"%"'},
            "gap": 60,
        }
    )
    bar.set_title({"name": "Rata-rata capaian kinerja per bidang", "name_font": {"size": 11}})
    bar.set_x_axis(
        {"min": 0, "max": 120, "num_format": '0"%"', "major_gridlines": {"visible": True}}
    )
    bar.set_y_axis({"reverse": True, "num_font": {"size": 8}})
    bar.set_legend({"none": True})
    bar.set_size({"width": 560, "height": 320})
    ws.insert_chart(row, 0, bar, {"x_offset": 4, "y_offset": 4})

    column = workbook.add_chart({"type": "column"})
    column.add_series(
        {
            "name": "Capaian kinerja (%)",
            "categories": categories,
            "values": [name, first, 4, last, 4],
            "fill": {"color": PREDIKAT_COLORS["Sangat Tinggi"]},
            "data_labels": {"value": True, "num_format": "#,##0.0", "font": {"size": 7}},
        }
    )
    column.add_series(
        {
            "name": f"Serapan anggaran s.d. TW {TW_ROMAN[sampai_tw]} (%)",
            "categories": categories,
            "values": [name, first, 8, last, 8],
            "fill": {"color": PREDIKAT_COLORS["Sedang"]},
            "data_labels": {"value": True, "num_format": "#,##0.0", "font": {"size": 7}},
        }
    )
    column.set_title({"name": "Capaian kinerja dan serapan anggaran", "name_font": {"size": 11}})
    column.set_y_axis({"min": 0, "num_format": '0"%"'})
    column.set_x_axis({"num_font": {"size": 7}})
    column.set_legend({"position": "bottom"})
    column.set_size({"width": 560, "height": 320})
    ws.insert_chart(row, 5, column, {"x_offset": 4, "y_offset": 4})
    row += _rows_for(ws, 320 + 8)

    doughnut = workbook.add_chart({"type": "doughnut"})
    doughnut.add_series(
        {
            "name": "Jumlah indikator per predikat",
            "categories": [name, pred_row + 1, 6, pred_row + 5, 6],
            "values": [name, pred_row + 1, 7, pred_row + 5, 7],
            "points": [{"fill": {"color": PREDIKAT_COLORS[p]}} for p in PREDIKAT],
            "data_labels": {"value": True, "leader_lines": True},
        }
    )
    doughnut.set_title({"name": "Jumlah indikator per predikat", "name_font": {"size": 11}})
    doughnut.set_legend({"position": "right"})
    doughnut.set_size({"width": 560, "height": 300})
    ws.insert_chart(row, 0, doughnut, {"x_offset": 4, "y_offset": 4})
    return row + _rows_for(ws, 300 + 8)


def _rows_for(ws, pixels: int) -> int:
    """How many rows of the sheet's default height a chart ``pixels`` high covers."""
    return -(-pixels // ws.default_row_height)


def _write_narrative(
    ws,
    styles: Styles,
    evaluated: pd.DataFrame,
    budget: pd.DataFrame,
    summary: pd.DataFrame,
    sampai_tw: int,
    settings: Settings,
    row: int,
    section,
) -> int:
    """The analysis text of kinerja_core.insight (when that module is available)."""
    paragraphs = narrative_paragraphs(evaluated, budget, summary, sampai_tw, settings)
    if not paragraphs:
        return row
    text(ws, row, 1, "Analisis", section)
    row += 1
    width = sum(_RINGKASAN_WIDTHS)
    body = styles.get(font_size=10, text_wrap=True, valign="top")
    heading = styles.get(font_size=10, bold=True)
    for title, paragraph in paragraphs:
        if title:
            merged_text(ws, row, 0, row, _RINGKASAN_LAST, title, heading)
            row += 1
        merged_text(ws, row, 0, row, _RINGKASAN_LAST, paragraph, body)
        ws.set_row(row, row_points(estimate_lines(paragraph, width, 10), 10))
        row += 1
    return row


def narrative_paragraphs(
    evaluated: pd.DataFrame,
    budget: pd.DataFrame,
    summary: pd.DataFrame,
    sampai_tw: int,
    settings: Settings,
) -> list[tuple[str, str]]:
    """(heading, text) pairs: the dinas narrative, then one per bidang.

    ``budget`` is the effective anggaran (no subtotal lines); each bidang gets its own
    lines, so the narrative's serapan is the one of the tables.
    """
    try:
        from kinerja_core import insight
    except ImportError:
        return []
    if evaluated.empty:
        return []
    paragraphs = [
        ("Perangkat Daerah", insight.dinas_narrative(evaluated, sampai_tw, settings, budget))
    ]
    by_bidang = dict(tuple(budget.groupby("bidang", sort=False))) if len(budget) else {}
    rows_of = dict(tuple(evaluated.groupby("bidang", sort=False)))
    empty = budget.iloc[0:0]
    for bidang in summary["bidang"]:
        own = by_bidang.get(bidang, empty)
        rows = rows_of.get(bidang, evaluated.iloc[0:0])  # the narrative reads only these
        paragraphs.append(
            (str(bidang), insight.bidang_narrative(rows, bidang, sampai_tw, settings, own))
        )
    return [(title, str(body)) for title, body in paragraphs if body]


# --- per bidang --------------------------------------------------------------------------
def _write_bidang(
    workbook,
    styles: Styles,
    name: str,
    bidang: str,
    rows: pd.DataFrame,
    budget: pd.DataFrame,
    summary: pd.DataFrame,
    tahun: int,
    sampai_tw: int,
    settings: Settings,
    previous_year: pd.DataFrame | None,
    previous: dict[tuple[str, str], tuple[float, float]] | None = None,
) -> None:
    """One bidang: its headline, then one table of its indicators and budget lines.

    Pagu and realisasi anggaran stand only on the bidang's effective budget lines (the
    first indicator row of that kode, or a row of their own when the kode has no
    indicator), so the column sums are the bidang's pagu and nothing counts twice.
    """
    ws = _streamed_sheet(workbook, name)
    compare = previous_year is not None and len(previous_year) > 0
    tw = TW_ROMAN[sampai_tw]
    spent = budget[ANGGARAN_TW[:sampai_tw]].sum(axis=1, min_count=1) if len(budget) else None
    lines: dict[str, tuple[str, float, float]] = {}
    if spent is not None:
        for kode, uraian, pagu, used in zip(
            budget["kode"], budget["uraian"], budget["pagu"], spent, strict=True
        ):
            lines[kode] = (clean_text(uraian), float(pagu), float(used))
    rp_width = e81._digits_width([v for _, p, u in lines.values() for v in (p, u)], 12.0)

    columns: list[tuple[str, float]] = [
        ("No", 4.5),
        ("Kode", 13),
        ("Program / Kegiatan / Sub Kegiatan", 22),
        ("Indikator", 26),
        ("Satuan", 9),
        ("Target", 9),
        *[(f"Realisasi TW {TW_ROMAN[n]}", 8.5) for n in (1, 2, 3, 4)],
        (f"Realisasi s.d. TW {tw}", 10),
        ("Capaian (%)", 9.5),
        ("Predikat", 12),
        ("Gap", 8.5),
    ]
    # Columns 0..3 (No, Kode, Program, Indikator) print on every page; then these:
    c_target, c_tw, c_real, c_capaian, c_predikat, c_gap = 5, 6, 10, 11, 12, 13
    if compare:
        columns += [(f"Realisasi {tahun - 1}", 10), (f"Capaian {tahun - 1} (%)", 9.5)]
    budget_col = len(columns)
    columns += [
        ("Pagu (Rp)", rp_width),
        (f"Realisasi anggaran s.d. TW {tw} (Rp)", rp_width),
        ("Serapan (%)", 9),
    ]
    text_col = len(columns)
    columns += [
        ("Faktor pendorong", 24),
        ("Faktor penghambat", 24),
        ("Tindak lanjut", 24),
        ("Catatan", 16),
    ]
    last_col = len(columns) - 1
    for col, (_, width) in enumerate(columns):
        ws.set_column(col, col, width)
    widths = [w for _, w in columns]
    # The title stands in the columns printed on every page, so no page cuts it.
    _title_block(
        ws,
        styles,
        f"EVALUASI KINERJA {clean_text(bidang or 'TANPA BIDANG').upper()}",
        [f"{settings.dinas} Kabupaten {settings.kabupaten} — {_period_text(tahun, sampai_tw)}"],
        BIDANG_REPEATED[1],
        sum(widths[: BIDANG_REPEATED[1] + 1]),
    )

    info = summary[summary["bidang"] == bidang]
    label = styles.cell("text", size=10, fill="#f3f5f7")
    bold = {kind: styles.cell(kind, size=10, bold=True) for kind in ("int", "pct1", "rp_label")}
    row = 3
    if len(info):
        item = info.iloc[0]
        predikat = item["predikat"] if isinstance(item["predikat"], str) else ""
        facts: list[tuple[str, object, str]] = [
            ("Rata-rata capaian kinerja", item["capaian"], "pct1"),
            ("Predikat kinerja", predikat or "Tidak dapat dihitung", "predikat"),
            ("Jumlah indikator", item["jumlah_indikator"], "int"),
            ("Pagu anggaran", item["pagu"], "rp_label"),
            (f"Realisasi anggaran s.d. TW {tw}", item["realisasi_anggaran"], "rp_label"),
            ("Serapan anggaran", item["serapan"], "pct1"),
        ]
        for caption, value, kind in facts:
            merged_text(ws, row, 0, row, 2, caption, label)
            if kind == "predikat":
                text(ws, row, 3, value, styles.cell("text", size=10, predikat=predikat))
            else:
                number(ws, row, 3, value, bold[kind])
            row += 1
    row += 1

    header_row = row
    for col, (caption, _) in enumerate(columns):
        text(ws, row, col, caption, styles.header)
    ws.set_row(row, 30)
    row += 1

    plain = styles.cell("text")
    center = styles.cell("text", align="center")
    note = styles.cell("text", size=8)
    kinds = {kind: styles.cell(kind) for kind in ("int", "dec", "pct1", "rp")}
    predikat_formats = {
        name: styles.cell("text", predikat=name, align="center") for name in (*PREDIKAT, "")
    }
    codes = rows["kode"].tolist()
    order = sorted(range(len(codes)), key=lambda i: e81.kode_sort_key(codes[i]))
    ordered = rows.iloc[order].reset_index(drop=True)
    prev_lookup = previous if previous is not None else _previous_lookup(previous_year)

    text_columns = ["kode", "uraian", "indikator", "satuan", "target_teks", "realisasi_teks"]
    text_columns += ["faktor_pendorong", "faktor_penghambat", "tindak_lanjut", "flags"]
    texts = {name: [clean_text(v) for v in ordered[name].tolist()] for name in text_columns}
    numbers = {
        name: ordered[name].to_numpy(dtype=float).tolist()
        for name in ("target", "realisasi", "capaian_tampil", "gap")
    }
    predikat_list = ordered["predikat"].tolist()

    # The row order: indicators by kode, each budget-only kode at its place.
    sequence: list[tuple[str, int]] = [(kode, i) for i, kode in enumerate(texts["kode"])]
    seen = set(texts["kode"])
    sequence += [(kode, -1) for kode in lines if kode not in seen]
    sequence.sort(key=lambda item: e81.kode_sort_key(item[0]))  # stable: keeps TW order

    write_string = ws.write_string
    write_number = ws.write_number
    isfinite = math.isfinite

    # The program / kegiatan name stands on the first row of its kode only.
    kodes = texts["kode"]
    names = [u if i == 0 or kodes[i - 1] != kodes[i] else "" for i, u in enumerate(texts["uraian"])]
    texts["uraian"] = names
    heights = [
        max(parts)
        for parts in zip(
            line_counts(texts["uraian"], widths[2]),
            line_counts(texts["indikator"], widths[3]),
            line_counts(texts["faktor_pendorong"], widths[text_col]),
            line_counts(texts["faktor_penghambat"], widths[text_col + 1]),
            line_counts(texts["tindak_lanjut"], widths[text_col + 2]),
            line_counts(texts["flags"], widths[text_col + 3]),
            strict=True,
        )
    ]

    def k_formats(values: list[float]) -> list:
        array = np.asarray(values, dtype=float)
        whole = np.round(array, 2) == np.round(array)
        return [kinds["int"] if w else kinds["dec"] for w in whole.tolist()]

    target_fmt = k_formats(numbers["target"])
    realisasi_fmt = k_formats(numbers["realisasi"])
    gap_fmt = k_formats(numbers["gap"])
    pct = kinds["pct1"]
    number_center = styles.get(font_size=8, border=1, valign="top", align="center")
    first_body_row = row

    # Realisasi, capaian, predikat, gap and serapan are formulas over the row's cells where
    # they give the app's value (see e81._write_units); the TW values are data.
    method, cap = settings.negatif_method, settings.capaian_cap
    tw_values = ordered[REALISASI_TW].to_numpy(dtype=float, copy=True)
    tw_values[:, sampai_tw:] = np.nan
    target_arr = ordered["target"].to_numpy(dtype=float)
    real_arr = ordered["realisasi"].to_numpy(dtype=float)
    agregasi_arr = ordered["agregasi"].to_numpy(dtype=object)
    polaritas_list = ordered["polaritas"].tolist()
    agregasi_list = agregasi_arr.tolist()
    real_formula = (
        np.isfinite(real_arr)
        & e81._same(formulas.realisasi_sampai(tw_values, agregasi_arr, sampai_tw), real_arr)
    ).tolist()
    numeric_target = np.isfinite(target_arr) & (ordered["target_teks"].astype(str) == "").to_numpy()
    if "target_acuan" in ordered:
        numeric_target &= e81._same(ordered["target_acuan"].to_numpy(dtype=float), target_arr)
    shown_arr = ordered["capaian_tampil"].to_numpy(dtype=float)
    expected = formulas.apply_cap(
        formulas.capaian(target_arr, real_arr, ordered["polaritas"].to_numpy(dtype=object), method),
        cap,
    )
    capaian_formula = np.isfinite(shown_arr) & numeric_target & e81._same(expected, shown_arr)
    gap_formula = (numeric_target & np.isfinite(real_arr)).tolist()
    capaian_formula = capaian_formula.tolist()
    # a capaian shown but not counted in the rata-rata (qualitative, outside the means)
    outside_mean_list = (
        ~np.isfinite(analysis.averaged_capaian(ordered)) & np.isfinite(shown_arr)
    ).tolist()
    outside_mean: list[int] = []
    tw_list = tw_values.tolist()
    letter = [xl_col_to_name(c) for c in range(last_col + 1)]
    tw_letters = [letter[c_tw + t] for t in range(sampai_tw)]
    write_formula = ws.write_formula
    bounds = settings.predikat_bounds
    budget_done: set[str] = set()
    position = 0
    for kode, i in sequence:
        if kode in lines and kode not in budget_done:
            budget_done.add(kode)
            _, pagu, used = lines[kode]
            if isfinite(pagu):
                write_number(row, budget_col, pagu, kinds["rp"])
            if isfinite(used):
                write_number(row, budget_col + 1, used, kinds["rp"])
            serapan = float(formulas.serapan(pagu, used)[0])
            if isfinite(serapan):
                formula = excel_formulas.serapan(
                    f"{letter[budget_col]}{row + 1}", f"{letter[budget_col + 1]}{row + 1}"
                )
                write_formula(row, budget_col + 2, "=" + formula, pct, serapan)
        if i < 0:  # a budget line without an indicator of its own
            write_string(row, 1, kode, plain)
            write_string(row, 2, lines[kode][0], plain)
            write_string(row, text_col + 3, "Baris anggaran tanpa indikator", note)
            height = estimate_lines(lines[kode][0], widths[2])
            if height > 1:
                ws.set_row(row, row_points(height))
            row += 1
            continue
        position += 1
        if heights[i] > 1:
            ws.set_row(row, row_points(heights[i]))
        write_number(row, 0, position, number_center)
        for col, values in ((1, kodes), (2, names), (3, texts["indikator"])):
            if values[i]:
                write_string(row, col, values[i], plain)
        if texts["satuan"][i]:
            write_string(row, 4, texts["satuan"][i], center)
        target = numbers["target"][i]
        if texts["target_teks"][i]:
            write_string(row, c_target, texts["target_teks"][i], center)
        elif isfinite(target):
            write_number(row, c_target, target, target_fmt[i])
        for t in range(sampai_tw):
            value = tw_list[i][t]
            if isfinite(value):
                write_number(
                    row, c_tw + t, value, kinds["int" if k_format_kind(value) == "int" else "dec"]
                )
        n_r = str(row + 1)
        realisasi = numbers["realisasi"][i]
        if texts["realisasi_teks"][i] and not isfinite(realisasi):
            write_string(row, c_real, texts["realisasi_teks"][i], center)
        elif isfinite(realisasi):
            if real_formula[i]:
                formula = excel_formulas.realisasi([c + n_r for c in tw_letters], agregasi_list[i])
                write_formula(row, c_real, "=" + formula, realisasi_fmt[i], realisasi)
            else:
                write_number(row, c_real, realisasi, realisasi_fmt[i])
        capaian = numbers["capaian_tampil"][i]
        if outside_mean_list[i]:
            outside_mean.append(row + 1)
        name = predikat_list[i]
        t_ref, r_ref = letter[c_target] + n_r, letter[c_real] + n_r
        if capaian_formula[i]:
            formula = excel_formulas.capaian(t_ref, r_ref, polaritas_list[i], method, cap)
            write_formula(row, c_capaian, "=" + formula, pct, capaian)
            formula = excel_formulas.predikat(letter[c_capaian] + n_r, bounds, "–")
            write_formula(row, c_predikat, "=" + formula, center, name or "–")
        else:  # a value the formulas cannot give (qualitative, set by hand): as computed
            if isfinite(capaian):
                write_number(row, c_capaian, capaian, pct)
            write_string(row, c_predikat, name or "–", predikat_formats.get(name, center))
        gap = numbers["gap"][i]
        if isfinite(gap):
            if gap_formula[i]:
                first, second = (r_ref, t_ref) if polaritas_list[i] == "negatif" else (t_ref, r_ref)
                formula = f'IF(AND(ISNUMBER({first}),ISNUMBER({second})),{first}-{second},"")'
                write_formula(row, c_gap, "=" + formula, gap_fmt[i], gap)
            else:
                write_number(row, c_gap, gap, gap_fmt[i])
        if compare:
            key = (kodes[i], " ".join(texts["indikator"][i].split()).casefold())
            old_realisasi, old_capaian = prev_lookup.get(key, (math.nan, math.nan))
            if isfinite(old_realisasi):
                write_number(row, c_gap + 1, old_realisasi, k_formats([old_realisasi])[0])
            if isfinite(old_capaian):
                write_number(row, c_gap + 2, old_capaian, pct)
        for offset, name in enumerate(
            ("faktor_pendorong", "faktor_penghambat", "tindak_lanjut", "flags")
        ):
            value = texts[name][i]
            if value:
                write_string(row, text_col + offset, value, plain)
        row += 1
    if row > first_body_row:
        # predikat colours follow the capaian of the row (before the borders: LibreOffice
        # applies only the first conditional format that holds for a cell)
        capaian_ref = f"{letter[c_capaian]}{first_body_row + 1}"
        for name in PREDIKAT:
            ws.conditional_format(
                first_body_row,
                c_predikat,
                row - 1,
                c_predikat,
                {
                    "type": "formula",
                    "criteria": "=" + excel_formulas.predikat_condition(capaian_ref, bounds, name),
                    "format": styles.predikat_dxf(name),
                },
            )
        # borders on every cell of the table, written or empty
        ws.conditional_format(
            first_body_row, 0, row - 1, last_col, {"type": "no_errors", "format": styles.border}
        )

    # Jumlah: the bidang's capaian (as on the Ringkasan) and the sum of its budget lines,
    # formulas over the column above with the app's values cached.
    total_text = styles.cell("text", bold=True, fill="#f3f5f7")
    total = {kind: styles.cell(kind, bold=True, fill="#f3f5f7") for kind in ("pct1", "rp")}
    caption = f"Jumlah / rata-rata {bidang or 'tanpa bidang'}"
    merged_text(ws, row, 0, row, BIDANG_REPEATED[1], caption, total_text)
    for col in range(BIDANG_REPEATED[1] + 1, last_col + 1):
        if col not in (c_capaian, c_predikat, budget_col, budget_col + 1, budget_col + 2):
            ws.write_blank(row, col, None, total_text)
    if len(info):
        item = info.iloc[0]
        n_r = str(row + 1)

        def column(col: int) -> str:
            return f"{letter[col]}{first_body_row + 1}:{letter[col]}{row}"

        mean = float(item["capaian"])
        mean_formula = excel_formulas.average_skipping(
            letter[c_capaian], first_body_row + 1, row, outside_mean
        )
        if isfinite(mean) and settings.rollup_weight != "pagu" and mean_formula is not None:
            write_formula(row, c_capaian, "=" + mean_formula, total["pct1"], mean)
        else:
            number(ws, row, c_capaian, mean, total["pct1"])
        predikat = item["predikat"] if isinstance(item["predikat"], str) else ""
        formula = excel_formulas.predikat(letter[c_capaian] + n_r, bounds, "–")
        fmt = styles.cell("text", bold=True, align="center", fill="#f3f5f7")
        write_formula(row, c_predikat, "=" + formula, fmt, predikat or "–")
        for name in PREDIKAT:
            condition = excel_formulas.predikat_condition(letter[c_capaian] + n_r, bounds, name)
            ws.conditional_format(
                row,
                c_predikat,
                row,
                c_predikat,
                {
                    "type": "formula",
                    "criteria": "=" + condition,
                    "format": styles.predikat_dxf(name),
                },
            )
        for col, value in (
            (budget_col, item["pagu"]),
            (budget_col + 1, item["realisasi_anggaran"]),
        ):
            if isfinite(float(value)) and row > first_body_row:
                formula = f'IF(COUNT({column(col)})=0,"",SUM({column(col)}))'
                write_formula(row, col, "=" + formula, total["rp"], float(value))
            else:
                number(ws, row, col, value, total["rp"])
        if isfinite(float(item["serapan"])):
            formula = excel_formulas.serapan(letter[budget_col] + n_r, letter[budget_col + 1] + n_r)
            write_formula(row, budget_col + 2, "=" + formula, total["pct1"], float(item["serapan"]))
        else:
            ws.write_blank(row, budget_col + 2, None, total["pct1"])

    ws.freeze_panes(header_row + 1, 4)
    page_widths = dict(enumerate(widths))
    setup_print(
        ws,
        kertas=settings.kertas,
        repeat=(header_row, header_row),
        judul=f"Evaluasi Kinerja {bidang} Tahun {tahun} s.d. Triwulan {tw}",
        repeat_columns=BIDANG_REPEATED,
        column_breaks=column_pages(
            page_widths, BIDANG_REPEATED[1], settings.kertas, list(page_widths)
        ),
    )
    ws.hide_gridlines(2)


def _previous_lookup(
    previous_year: pd.DataFrame | None,
) -> dict[tuple[str, str], tuple[float, float]]:
    """(kode, indikator) → (realisasi, capaian) of the year before, built once per workbook."""
    lookup: dict[tuple[str, str], tuple[float, float]] = {}
    if previous_year is None or not len(previous_year):
        return lookup
    for kode, indikator, realisasi, capaian in zip(
        previous_year["kode"],
        previous_year["indikator"],
        previous_year["realisasi"],
        previous_year["capaian_tampil"],
        strict=True,
    ):
        key = (kode, " ".join(str(indikator).split()).casefold())
        lookup[key] = (float(realisasi), float(capaian))
    return lookup


# --- Data --------------------------------------------------------------------------------
def _write_data(
    workbook, styles: Styles, evaluated: pd.DataFrame, tahun: int, sampai_tw: int, settings
) -> None:
    """The flat table: hitung columns first, values exactly as computed (not rounded)."""
    ws = _streamed_sheet(workbook, DATA)
    table = analysis.hitung_table(evaluated)
    extra = evaluated[DATA_EXTRA_COLUMNS].reset_index(drop=True)
    header = styles.get(bold=True, font_size=9, bg_color="#dbe4ee", border=1, text_wrap=True)
    for col, name in enumerate(DATA_COLUMNS):
        ws.write_string(0, col, name, header)
        ws.set_column(col, col, _DATA_WIDTHS.get(name, 11))
    formats = {name: styles.get(num_format=fmt) for name, fmt in _DATA_FORMATS.items()}
    write_string = ws.write_string
    write_number = ws.write_number
    texts, numbers = [], []
    for col, name in enumerate(DATA_COLUMNS):
        series = table[name] if name in table.columns else extra[name]
        values = series.tolist()
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            if any(len(str(v)) > MAX_CELL_TEXT for v in values if v):
                values = [clean_text(v) for v in values]
            texts.append((col, values))
        else:
            numbers.append((col, values, formats.get(name)))
    # Row by row: the workbook streams each finished row to disk (constant memory).
    for position in range(len(table)):
        row = position + 1
        for col, values in texts:
            value = values[position]
            if value:
                write_string(row, col, str(value))
        for col, values, fmt in numbers:
            value = values[position]
            if value == value and value not in (math.inf, -math.inf):  # skip NaN / inf
                write_number(row, col, value, fmt)
    last_row = max(len(table), 1)
    ws.autofilter(0, 0, last_row, len(DATA_COLUMNS) - 1)
    ws.freeze_panes(1, 0)
    setup_print(
        ws,
        kertas=settings.kertas,
        repeat=(0, 0),
        judul=f"Data Kinerja Tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}",
    )


# --- Catatan -----------------------------------------------------------------------------
def _write_catatan(
    workbook,
    styles: Styles,
    evaluated: pd.DataFrame,
    problems: list[Problem] | None,
    submissions: pd.DataFrame | None,
    tahun: int,
    sampai_tw: int,
    settings: Settings,
    corrections: list | None = None,
) -> None:
    ws = workbook.add_worksheet(CATATAN)
    widths = [5, 13, 28, 16, 8, 18, 50, 50]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    last_col = len(widths) - 1
    _title_block(
        ws,
        styles,
        "CATATAN VALIDASI DAN PERHITUNGAN",
        [f"{settings.dinas} Kabupaten {settings.kabupaten} — {_period_text(tahun, sampai_tw)}"],
        last_col,
    )
    section = styles.get(bold=True, font_size=10)
    plain = styles.cell("text")
    center = styles.cell("text", align="center")
    row = 3

    if submissions is not None and len(submissions):
        text(ws, row, 0, "Berkas yang digunakan", section)
        row += 1
        captions = ["No", "Bidang", "Berkas", "Versi", "Baris", "Diunggah", "Oleh", "SHA-256"]
        for col, caption in enumerate(captions):
            text(ws, row, col, caption, styles.header)
        row += 1
        for position, item in enumerate(submissions.to_dict("records"), start=1):
            uploaded = item.get("uploaded_at")
            when = fmt_waktu(uploaded) if isinstance(uploaded, datetime) else str(uploaded or "")
            values = [
                str(position),
                item.get("bidang", ""),
                item.get("filename", ""),
                str(item.get("version", "")),
                str(item.get("n_rows", "")),
                when,
                item.get("uploaded_by", ""),
                item.get("sha256", ""),
            ]
            for col, value in enumerate(values):
                text(ws, row, col, value, center if col in (0, 3, 4) else plain)
            lines = max(estimate_lines(str(value), widths[col]) for col, value in enumerate(values))
            if lines > 1:  # a long bidang or file name wraps; the row grows to show it
                ws.set_row(row, row_points(lines))
            row += 1
        row += 1

    text(ws, row, 0, "Catatan validasi berkas", section)
    row += 1
    captions = ["No", "Tingkat", "Berkas", "Sheet", "Baris", "Kolom", "Masalah", "Cara memperbaiki"]
    for col, caption in enumerate(captions):
        text(ws, row, col, caption, styles.header)
    row += 1
    if problems is None:
        merged_text(ws, row, 0, row, last_col, "Catatan validasi tidak disertakan.", plain)
        row += 1
    elif not problems:
        merged_text(
            ws,
            row,
            0,
            row,
            last_col,
            "Tidak ada catatan: semua berkas terbaca tanpa masalah.",
            plain,
        )
        row += 1
    else:
        error_fmt = styles.cell("text", bold=True, fill="#f6d5d2")
        for position, problem in enumerate(problems, start=1):
            level = "Kesalahan" if problem.level == "error" else "Peringatan"
            text(ws, row, 0, str(position), center)
            text(ws, row, 1, level, error_fmt if problem.level == "error" else plain)
            text(ws, row, 2, problem.file, plain)
            text(ws, row, 3, problem.sheet, plain)
            text(ws, row, 4, "" if problem.row is None else str(problem.row), center)
            text(ws, row, 5, problem.column, plain)
            text(ws, row, 6, problem.message, plain)
            text(ws, row, 7, problem.fix, plain)
            lines = max(
                estimate_lines(problem.message, widths[6]),
                estimate_lines(problem.fix, widths[7]),
                estimate_lines(problem.file, widths[2]),
            )
            if lines > 1:
                ws.set_row(row, row_points(lines))
            row += 1
    row += 1

    row = _write_corrections(ws, styles, corrections or [], row, widths, section) + 1
    if settings.rollup_weight == "pagu":
        text(ws, row, 0, "Rata-rata capaian", section)
        merged_text(ws, row + 1, 0, row + 1, last_col, PAGU_MEAN_NOTE, plain)
        ws.set_row(row + 1, row_points(estimate_lines(PAGU_MEAN_NOTE, sum(widths))))
        row += 3

    text(ws, row, 0, "Indikator yang capaiannya tidak dapat dihitung atau perlu diperiksa", section)
    row += 1
    captions = ["No", "Bidang", "Kode", "Satuan", "", "", "Indikator", "Catatan perhitungan"]
    for col, caption in enumerate(captions[:4]):
        text(ws, row, col, caption, styles.header)
    merged_text(ws, row, 4, row, 6, "Indikator", styles.header)
    text(ws, row, 7, "Catatan perhitungan", styles.header)
    row += 1
    flagged = evaluated[
        evaluated["flags"].astype(str).str.replace(FLAG_DI_BAWAH, "", regex=False).str.strip("; ")
        != ""
    ]
    if flagged.empty:
        merged_text(ws, row, 0, row, last_col, "Semua indikator dapat dihitung capaiannya.", plain)
        row += 1
    flagged_rows: list[Any] = list(flagged.itertuples(index=False))
    for position, flagged_row in enumerate(flagged_rows, start=1):
        text(ws, row, 0, str(position), center)
        text(ws, row, 1, flagged_row.bidang, plain)
        text(ws, row, 2, flagged_row.kode, plain)
        text(ws, row, 3, flagged_row.satuan, plain)
        merged_text(ws, row, 4, row, 6, flagged_row.indikator, plain)
        text(ws, row, 7, flagged_row.flags, plain)
        lines = max(
            estimate_lines(flagged_row.indikator, sum(widths[4:7])),
            estimate_lines(flagged_row.flags, widths[7]),
            estimate_lines(flagged_row.bidang, widths[1]),
        )
        if lines > 1:
            ws.set_row(row, row_points(lines))
        row += 1

    setup_print(
        ws,
        kertas=settings.kertas,
        repeat=None,
        judul=f"Catatan Evaluasi Kinerja Tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}",
    )
    ws.hide_gridlines(2)


def _write_corrections(ws, styles: Styles, corrections: list, row: int, widths, section) -> int:
    """Koreksi konsep: each correction in force (indicator, field, asal → koreksi, reason)."""
    from kinerja_core.koreksi import shown_value

    plain = styles.cell("text")
    center = styles.cell("text", align="center")
    text(
        ws, row, 0, "Koreksi konsep (nilai yang dikoreksi di aplikasi; berkas asli tetap)", section
    )
    row += 1
    captions = ["No", "Kode", "Indikator", "Kolom", "", "Asal → koreksi", "Alasan", "Oleh, waktu"]
    for col, caption in enumerate(captions):
        if col != 4:
            text(ws, row, col, caption, styles.header)
    merged_text(ws, row, 3, row, 4, "Kolom", styles.header)
    row += 1
    if not corrections:
        merged_text(ws, row, 0, row, len(widths) - 1, "Tidak ada koreksi.", plain)
        return row + 1
    for position, item in enumerate(corrections, start=1):
        made = fmt_waktu(item.dibuat_pada, empty="")
        text(ws, row, 0, str(position), center)
        text(ws, row, 1, item.kode, plain)
        text(ws, row, 2, item.indikator, plain)
        merged_text(ws, row, 3, row, 4, item.label, plain)
        change = f"{shown_value(item.nilai_asal)} → {shown_value(item.nilai_baru)}"
        text(ws, row, 5, change, plain)
        text(ws, row, 6, item.alasan, plain)
        text(ws, row, 7, f"{item.oleh}, {made}".strip(", "), plain)
        lines = max(
            estimate_lines(item.indikator, widths[2]),
            estimate_lines(change, widths[5]),
            estimate_lines(item.alasan, widths[6]),
        )
        if lines > 1:
            ws.set_row(row, row_points(lines))
        row += 1
    return row


def used_submissions(submissions: pd.DataFrame) -> pd.DataFrame:
    """The submissions whose rows the analysis uses: the latest usable one per bidang.

    ``submissions`` is ``Store.submissions(tahun)``; the store's own rule for "current"
    rows is the same (latest usable version per bidang).
    """
    if submissions.empty:
        return submissions
    usable = submissions[submissions["usable"].astype(bool)]
    latest = usable.groupby("bidang")["id"].transform("max")
    return usable[usable["id"] == latest].sort_values("bidang").reset_index(drop=True)


def with_kertas(settings: Settings, kertas: str) -> Settings:
    """Settings with another paper size (the page and the CLI let the user choose)."""
    return settings_with_kertas(settings, kertas)
