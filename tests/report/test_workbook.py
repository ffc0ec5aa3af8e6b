"""The evaluation workbook read back with openpyxl: sheets, numbers, formats, print setup."""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import replace

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from kinerja_core import analysis
from kinerja_core.charts import PREDIKAT_COLORS
from kinerja_core.formulas import PREDIKAT
from kinerja_core.model import kode_level
from kinerja_core.report import contents, e81, file_name
from kinerja_core.report.workbook import DATA_COLUMNS
from tests.report.conftest import PROBLEMS, SETTINGS, build

E81 = e81.SHEET_NAME
BIDANG_SHEETS = [
    "Aplikasi Informatika",
    "Informasi dan Komunikasi Publik",
    "Persandian",
    "Statistik",
    "Sekretariat",
]


def col(physical: int) -> int:
    """openpyxl column number (1-based) of an e81 physical column (0-based)."""
    return physical + 1


def e81_body(ws) -> list[int]:
    """Row numbers (1-based) of the E.81 body, up to the Jumlah anggaran row."""
    rows = []
    r = e81.FIRST_DATA_ROW + 1
    while ws.cell(r, 1).value != e81.JUMLAH_LABEL:
        rows.append(r)
        r += 1
        assert r < 10_000
    return rows


def find_row(ws, column: int, value: str) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, column).value == value:
            return row
    raise AssertionError(f"{value!r} not found in column {column}")


def fill(cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:].lower()


# --- structure ---------------------------------------------------------------------------
def test_sheets_in_order(demo_built, demo_wb):
    expected = ["Ringkasan", E81, *BIDANG_SHEETS, "Data", "Catatan"]
    assert demo_wb.sheetnames == expected
    assert [name for name, _ in contents(demo_built.evaluated)] == expected
    assert [name for name, _ in contents(demo_built.evaluated, bidang_sheets=False)] == [
        "Ringkasan",
        E81,
        "Data",
        "Catatan",
    ]
    assert file_name(2024, 4) == "Evaluasi_Renja_2024_TW4.xlsx"


def test_without_bidang_sheets():
    wb = build(bidang_sheets=False).workbook
    assert wb.sheetnames == ["Ringkasan", E81, "Data", "Catatan"]


# --- E.81 --------------------------------------------------------------------------------
def values_of(content: bytes) -> openpyxl.Workbook:
    """The workbook as a viewer shows it: formulas replaced by their cached values."""
    return openpyxl.load_workbook(io.BytesIO(content), data_only=True)


@pytest.fixture(scope="module")
def demo_values(demo_built) -> openpyxl.Workbook:
    return values_of(demo_built.content)


def numbered_header(ws) -> list[str]:
    """The numbering row, left to right, as printed (merged cells read once)."""
    hn = e81.HEADER_ROW + 3
    return [v for v in (ws.cell(hn, c).value for c in range(1, ws.max_column + 1)) if v]


def test_e81_numbered_header_reads_1_to_15(demo_wb):
    ws = demo_wb[E81]
    numbers = numbered_header(ws)
    numbered = [v for v in numbers if v[0].isdigit()]
    assert [int(v.split()[0]) for v in numbered] == list(range(1, 16))
    assert "13 = 6 + 12" in numbered and "14 = 13 / 5 × 100%" in numbered
    # the capaian Renja (12 / 7) stands outside the numbered block, after column 15
    assert numbers.index(e81.CAPAIAN_NUMBERING) > numbers.index("15")
    h1 = e81.HEADER_ROW + 1
    assert ws.cell(h1, col(e81.COL_UNIT)).value == e81.UNIT_CAPTION
    assert ws.cell(h1, col(e81.COL_CAPAIAN)).value == e81.capaian_caption(2024)
    assert ws.cell(h1, col(e81.COL_KETERANGAN)).value == "Keterangan"
    assert "Renstra PD s/d Renja PD Tahun 2024" in ws.cell(h1, col(e81.period_k(13))).value
    assert "(%)" in ws.cell(h1, col(e81.period_k(14))).value
    # column 12 says how K was summed when an indicator is not a sum of its TWs
    assert "*) TW terakhir" in ws.cell(h1, col(e81.period_k(12))).value


def test_e81_without_capaian_column():
    settings = replace(SETTINGS, kolom_capaian_renja=False)
    ws = build(settings=settings).workbook[E81]
    numbers = numbered_header(ws)
    assert [int(v.split()[0]) for v in numbers] == list(range(1, 16))
    h1 = e81.HEADER_ROW + 1
    assert ws.cell(h1, col(e81.COL_CAPAIAN)).value == "Keterangan"
    assert ws.max_column == col(e81.COL_CAPAIAN)


def test_e81_title_block_and_two_row_header(demo_wb):
    ws = demo_wb[E81]
    assert ws["A1"].value == (
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN LUWU TIMUR"
    )
    assert ws["A2"].value.startswith("Renja Perangkat Daerah Dinas Komunikasi, Informatika")
    assert ws["A3"].value == "Periode Pelaksanaan: Tahun 2024 (Triwulan I s.d. Triwulan IV)"
    assert ws["A4"].value.startswith("Indikator dan target kinerja Perangkat Daerah")
    merged = {str(r) for r in ws.merged_cells.ranges}
    h1, h2, hn = (e81.HEADER_ROW + 1, e81.HEADER_ROW + 2, e81.HEADER_ROW + 3)
    assert "A1:F1" in merged  # the title stays in the columns printed on every page
    assert {f"A{h1}:A{h2}", f"B{h1}:B{h2}", f"C{h1}:D{h1}", f"E{h1}:F{h1}"} <= merged
    for form_col in e81.PERIOD_COLUMNS:  # every period: one caption over K and Rp
        k, rp = col(e81.period_k(form_col)), col(e81.period_rp(form_col))
        assert f"{get_column_letter(k)}{h1}:{get_column_letter(rp)}{h1}" in merged
        assert f"{get_column_letter(k)}{hn}:{get_column_letter(rp)}{hn}" in merged
        assert (ws.cell(h2, k).value, ws.cell(h2, rp).value) == ("K", "Rp")
    captions = [ws.cell(h1, col(e81.period_k(c))).value for c in e81.PERIOD_COLUMNS]
    assert captions[0] == "Target Renstra PD pada Tahun Akhir Periode Renstra"
    assert captions[3:7] == [
        f"Realisasi Kinerja pada Triwulan {r}" for r in ("I", "II", "III", "IV")
    ]


def test_e81_rows_grouped_program_kegiatan_sub_kegiatan(demo_built, demo_wb):
    ws = demo_wb[E81]
    codes = [ws.cell(r, 3).value for r in e81_body(ws) if ws.cell(r, 3).value]
    assert codes == sorted(codes, key=e81.kode_sort_key)
    assert len(codes) == len(set(codes))  # each level once
    levels = [kode_level(c) for c in codes]
    assert levels[0] == "program" and set(levels) == {"program", "kegiatan", "sub kegiatan"}
    for kode in codes:  # every kegiatan / sub kegiatan comes after its program
        if kode_level(kode) != "program":
            assert ".".join(kode.split(".")[:3]) in codes[: codes.index(kode)]
    # every indicator appears once, in the order of its kode
    indicators = [ws.cell(r, 5).value for r in e81_body(ws) if ws.cell(r, 5).value]
    assert sorted(indicators) == sorted(demo_built.evaluated["indikator"])
    # names: from the indicator rows of that kode; the code itself when there is none
    uraian = {ws.cell(r, 3).value: ws.cell(r, 4).value for r in e81_body(ws)}
    assert uraian["2.16.01"] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert uraian["2.16.01.1.05"] == "2.16.01.1.05"  # a kegiatan without indicator rows
    assert uraian["2.16.01.1.05.0009"].startswith("Pendidikan dan Pelatihan Pegawai")
    numbers = [ws.cell(r, 1).value for r in e81_body(ws) if ws.cell(r, 1).value]
    assert numbers[:4] == ["1", "1.1", "1.1.1", "1.1.2"]


def test_e81_numbers_match_the_analysis(demo_built, demo_wb, demo_values):
    ws, values = demo_wb[E81], demo_values[E81]
    ev = demo_built.evaluated.set_index("indikator")
    k12, capaian = col(e81.period_k(12)), col(e81.COL_CAPAIAN)
    checked = formulas_seen = 0
    for r in e81_body(ws):
        name = ws.cell(r, 5).value
        if not name:
            continue
        row = ev.loc[name]
        realisasi, shown = values.cell(r, k12).value, values.cell(r, capaian).value
        if math.isnan(row["capaian_tampil"]):
            assert shown is None
        else:
            assert shown == pytest.approx(row["capaian_tampil"], abs=1e-9)
            assert realisasi == pytest.approx(row["realisasi"], abs=1e-9)
            checked += 1
            formulas_seen += str(ws.cell(r, capaian).value).startswith("=")
        if row["target_teks"]:
            assert ws.cell(r, col(e81.period_k(7))).value == row["target_teks"]
    assert checked == int(demo_built.evaluated["capaian"].notna().sum())
    assert formulas_seen == checked  # every capaian is a formula over the row


def test_e81_column_12_rp_is_the_sum_of_the_tw_in_cached_values(demo_wb, demo_values):
    ws, values = demo_wb[E81], demo_values[E81]
    rows = [*e81_body(ws), find_row(ws, 1, e81.JUMLAH_LABEL)]
    checked = 0
    for r in rows:
        spent = values.cell(r, col(e81.period_rp(12))).value
        tws = [values.cell(r, col(e81.period_rp(c))).value for c in (8, 9, 10, 11)]
        if spent is None:
            assert all(v is None for v in tws)
            continue
        assert spent == pytest.approx(sum(v or 0 for v in tws), rel=1e-12)
        assert ws.cell(r, col(e81.period_rp(12))).value.startswith("=IF(COUNT(")
        checked += 1
    assert checked > 40


def test_e81_budget_lives_on_kode_rows_and_counts_once(demo_built, demo_wb, demo_values):
    ws, values = demo_wb[E81], demo_values[E81]
    head = demo_built.headline
    pagu_col, spent_col = col(e81.period_rp(7)), col(e81.period_rp(12))
    by_kode = {ws.cell(r, 3).value: r for r in e81_body(ws) if ws.cell(r, 3).value}

    def total(level: str) -> float:
        return sum(
            ws.cell(r, pagu_col).value or 0 for k, r in by_kode.items() if kode_level(k) == level
        )

    sub_total, program_total = total("sub kegiatan"), total("program")
    assert sub_total == pytest.approx(head.pagu) == pytest.approx(program_total)
    # a sub kegiatan with two indicators: its pagu is written once, on its own row
    two = by_kode["2.16.02.2.01.0028"]
    assert ws.cell(two, 5).value is None and ws.cell(two, pagu_col).value == 898_000_000
    assert ws.cell(two + 1, pagu_col).value is None and ws.cell(two + 2, pagu_col).value is None
    assert ws.cell(two + 1, 5).value and ws.cell(two + 2, 5).value
    jumlah = find_row(ws, 1, e81.JUMLAH_LABEL)
    assert values.cell(jumlah, pagu_col).value == pytest.approx(head.pagu)
    assert values.cell(jumlah, spent_col).value == pytest.approx(head.realisasi_anggaran)
    assert values.cell(jumlah, col(e81.COL_SERAPAN)).value == pytest.approx(head.serapan)
    per_tw = [values.cell(jumlah, col(e81.period_rp(c))).value for c in (8, 9, 10, 11)]
    assert sum(per_tw) == pytest.approx(head.realisasi_anggaran)


def test_e81_formats(demo_wb, demo_values):
    ws, values = demo_wb[E81], demo_values[E81]
    formats: dict[str, set[str]] = {"K": set(), "Rp": set(), "%": set()}
    for r in e81_body(ws):
        for form_col in (7, 8):
            cell = ws.cell(r, col(e81.period_k(form_col)))
            if isinstance(cell.value, float | int):
                expected = "#,##0" if float(cell.value).is_integer() else "#,##0.##"
                assert cell.number_format == expected, (r, cell.value)
                formats["K"].add(cell.number_format)
            rp = ws.cell(r, col(e81.period_rp(form_col)))
            if rp.value is not None:
                formats["Rp"].add(rp.number_format)
        pct = ws.cell(r, col(e81.COL_CAPAIAN))
        if pct.value is not None:
            formats["%"].add(pct.number_format)
    assert formats == {"K": {"#,##0", "#,##0.##"}, "Rp": {"#,##0"}, "%": {'#,##0.00"%"'}}
    # column 12 K of a level indicator (akhir) carries its footnote mark
    marks = {
        ws.cell(r, col(e81.period_k(12))).number_format
        for r in e81_body(ws)
        if values.cell(r, col(e81.period_k(12))).value is not None
    }
    assert any(m.endswith('" *)"') for m in marks) and "#,##0" in marks
    # predikat colours follow the value: conditional formats on the capaian column
    capaian = get_column_letter(col(e81.COL_CAPAIAN))
    rules = [
        rule.formula[0]
        for ranges in ws.conditional_formatting
        for rule in ranges.rules
        if capaian in str(ranges.sqref) and rule.formula
    ]
    assert any(">=91" in f and "<" not in f.split(">=91")[1] for f in rules)  # Sangat Tinggi
    assert len(rules) >= 5


def test_e81_footer_rows_and_signatures(demo_built, demo_wb, demo_values):
    ws, values = demo_wb[E81], demo_values[E81]
    head = demo_built.headline
    first = find_row(ws, 1, e81.FOOTER_LABELS[0])
    labels = [ws.cell(first + i, 1).value for i in range(len(e81.FOOTER_LABELS))]
    assert labels == list(e81.FOOTER_LABELS)
    capaian = col(e81.COL_CAPAIAN)
    assert values.cell(first, capaian).value == pytest.approx(head.rata_rata_capaian)
    assert ws.cell(first, capaian).value.startswith("=IF(COUNT(")
    assert values.cell(first + 1, capaian).value == head.predikat == "Tinggi"
    assert ws.cell(first + 1, capaian).value.startswith("=IF(ISNUMBER(")
    texts = [ws.cell(first + i, col(e81.PERIOD_FIRST)).value for i in range(2, 6)]
    assert "Pendampingan intensif dari Inspektorat" in texts[0]
    assert texts[1].startswith("- ") and texts[1] != "-"
    assert texts[2] == "-"  # TW IV: no next triwulan in this Renja
    assert "Menyelesaikan cascading kinerja" in texts[3]
    assert ws.row_dimensions[first + 2].height > 30  # the wrapped list gets its height

    rows = range(first + 6, ws.max_row + 1)
    texts = [
        [ws.cell(r, c).value for r in rows if ws.cell(r, c).value]
        for c in range(col(e81.PERIOD_FIRST), ws.max_column + 1)
    ]
    date_line = "Malili, 15 Januari 2025"
    blocks = [t[t.index(date_line) :] for t in texts if date_line in t]
    assert len(blocks) == 2
    for block, caption, signer, unit in (
        (blocks[0], "Disusun", SETTINGS.penyusun, "Dinas Komunikasi"),
        (blocks[1], "Dievaluasi", SETTINGS.pengevaluasi, "Kabupaten Luwu Timur"),
    ):
        assert block[1] == caption
        assert block[2] == signer.jabatan
        assert block[3].startswith(unit)
        assert block[4:] == [signer.nama, signer.pangkat, f"NIP. {signer.nip}"]


def test_e81_until_tw2_leaves_later_triwulan_empty():
    built = build(sampai_tw=2)
    ws = built.workbook[E81]
    values = values_of(built.content)[E81]
    assert ws["A3"].value == "Periode Pelaksanaan: Tahun 2024 (Triwulan I s.d. Triwulan II)"
    for r in e81_body(ws):
        for form_col in (10, 11):
            assert ws.cell(r, col(e81.period_k(form_col))).value is None
            assert ws.cell(r, col(e81.period_rp(form_col))).value is None
    jumlah = find_row(ws, 1, e81.JUMLAH_LABEL)
    assert values.cell(jumlah, col(e81.period_rp(12))).value == pytest.approx(
        built.headline.realisasi_anggaran
    )
    first = find_row(ws, 1, e81.FOOTER_LABELS[0])
    assert ws.cell(first + 4, col(e81.PERIOD_FIRST)).value != "-"  # next triwulan
    assert ws.cell(first + 5, col(e81.PERIOD_FIRST)).value == "-"


# --- print setup, freeze panes -------------------------------------------------------------
@pytest.mark.parametrize("kertas,paper", [("A4", 9), ("F4", 14), ("A3", 8)])
def test_print_setup(kertas, paper, demo_wb):
    """The wide E.81 prints at 90% over several pages with form columns 1..4 repeated;
    the other sheets fit one page wide."""
    wb = demo_wb if kertas == "A4" else build(settings=replace(SETTINGS, kertas=kertas)).workbook
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert int(setup.paperSize) == paper, ws.title
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert "Halaman &P dari &N" in ws.oddFooter.right.text
        if ws.title in BIDANG_SHEETS:
            assert ws.print_title_cols == "$A:$D" and int(setup.scale) == 90
            continue
        if ws.title == E81:
            assert not ws.sheet_properties.pageSetUpPr.fitToPage
            assert int(setup.scale) == 90
            assert ws.print_title_cols == "$A:$F"
            assert ws.col_breaks.count >= 1  # whole K/Rp pairs per page
            starts = {b.id for b in ws.col_breaks.brk}
            assert starts <= {e81.period_k(c) for c in e81.PERIOD_COLUMNS} | {
                e81.COL_UNIT,
                e81.COL_CAPAIAN,
                e81.COL_KETERANGAN,
            }
            continue
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.fitToWidth in (None, 1) and int(setup.fitToHeight) == 0, ws.title
    header = f"${e81.HEADER_ROW + 1}:${e81.HEADER_ROW + 3}"
    assert wb[E81].print_title_rows == header
    assert wb["Data"].print_title_rows == "$1:$1"
    assert wb["Sekretariat"].print_title_rows == "$11:$11"


def test_wider_paper_needs_fewer_pages_across():
    breaks = {
        kertas: build(settings=replace(SETTINGS, kertas=kertas)).workbook[E81].col_breaks.count
        for kertas in ("A4", "F4", "A3")
    }
    assert breaks["A3"] < breaks["A4"] and breaks["F4"] <= breaks["A4"]


def test_freeze_panes(demo_wb):
    assert demo_wb[E81].freeze_panes == f"G{e81.FIRST_DATA_ROW + 1}"
    assert demo_wb["Data"].freeze_panes == "A2"
    assert demo_wb["Sekretariat"].freeze_panes == "E12"
    assert demo_wb["Ringkasan"].freeze_panes == "A5"


# --- Data ----------------------------------------------------------------------------------
def test_data_sheet_is_the_hitung_table(demo_built, demo_wb):
    ws = demo_wb["Data"]
    header = [c.value for c in ws[1]]
    assert header == DATA_COLUMNS
    assert header[: len(analysis.HITUNG_COLUMNS)] == analysis.HITUNG_COLUMNS
    table = analysis.hitung_table(demo_built.evaluated)
    assert ws.max_row == len(table) + 1
    for i, record in enumerate(table.to_dict("records"), start=2):
        for j, name in enumerate(table.columns, start=1):
            got, want = ws.cell(i, j).value, record[name]
            if isinstance(want, float) and math.isnan(want):
                assert got is None, (i, name)
            elif isinstance(want, str):
                assert (got or "") == want, (i, name)
            else:  # not rounded: equal to 15 significant digits (Excel's own precision)
                assert got == pytest.approx(want, rel=1e-15, abs=1e-12), (i, name, got, want)
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(DATA_COLUMNS))}{len(table) + 1}"


# --- Ringkasan, bidang, Catatan --------------------------------------------------------------
def test_ringkasan_headline_table_and_charts(demo_built, demo_wb):
    ws = demo_wb["Ringkasan"]
    head = demo_built.headline
    assert ws["A1"].value == "RINGKASAN EVALUASI KINERJA"
    assert ws["A3"].value == "Tahun 2024, sampai Triwulan IV"
    values = {ws.cell(r, 2).value: ws.cell(r, 3) for r in range(5, 15)}
    assert values["Rata-rata capaian kinerja"].value == pytest.approx(head.rata_rata_capaian)
    assert values["Rata-rata capaian kinerja"].number_format == '#,##0.0"%"'
    assert values["Predikat kinerja"].value == "Tinggi"
    assert values["Pagu anggaran"].value == pytest.approx(23_640_840_000)
    assert values["Pagu anggaran"].number_format == '"Rp "#,##0'
    summary = analysis.bidang_summary(demo_built.evaluated, demo_built.anggaran, 4, SETTINGS)
    first = find_row(ws, 2, summary["bidang"].iloc[0])
    for offset, item in enumerate(summary.itertuples()):
        row = first + offset
        assert ws.cell(row, 2).value == item.bidang
        assert ws.cell(row, 5).value == pytest.approx(item.capaian)
        assert ws.cell(row, 6).value == item.predikat
        assert fill(ws.cell(row, 6)) == PREDIKAT_COLORS[item.predikat][1:]
        assert ws.cell(row, 7).value == pytest.approx(item.pagu)
    counts = {ws.cell(r, 7).value: ws.cell(r, 8).value for r in range(5, 14)}
    assert {p: counts[p] for p in PREDIKAT} == head.per_predikat
    comparison = find_row(ws, 2, "Perbandingan dengan tahun 2023")
    assert ws.cell(comparison + 1, 3).value == "Capaian 2023 (%)"
    assert find_row(ws, 2, "Analisis") > comparison
    with zipfile.ZipFile(io.BytesIO(demo_built.content)) as archive:
        names = archive.namelist()
        charts = sorted(n for n in names if n.startswith("xl/charts/chart"))
        assert len(charts) == 3
        kinds = "".join(archive.read(n).decode() for n in charts)
        assert "<c:barChart>" in kinds and "<c:doughnutChart>" in kinds
        assert "Ringkasan!$E$" in kinds  # the charts read the table on the sheet
        drawing_rels = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        assert "drawing" in drawing_rels


def test_ringkasan_analysis_text_comes_from_insight(demo_built, demo_wb):
    insight = pytest.importorskip("kinerja_core.insight")
    ws = demo_wb["Ringkasan"]
    start = find_row(ws, 2, "Analisis")
    texts = [ws.cell(r, 1).value for r in range(start + 1, ws.max_row + 1)]
    budget = analysis.effective_budget(demo_built.anggaran)
    expected = insight.dinas_narrative(demo_built.evaluated, 4, SETTINGS, budget)
    assert expected in texts
    assert "Sekretariat" in texts


def test_bidang_sheet(demo_built, demo_wb, demo_values):
    ws, values = demo_wb["Sekretariat"], demo_values["Sekretariat"]
    summary = analysis.bidang_summary(demo_built.evaluated, demo_built.anggaran, 4, SETTINGS)
    item = summary.set_index("bidang").loc["Sekretariat"]
    assert ws["A1"].value == "EVALUASI KINERJA SEKRETARIAT"
    assert ws["D4"].value == pytest.approx(item["capaian"])
    header = [c.value for c in ws[11]]
    assert header[:4] == ["No", "Kode", "Program / Kegiatan / Sub Kegiatan", "Indikator"]
    assert header[6:11] == [
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Realisasi s.d. TW IV",
    ]
    assert "Realisasi 2023" in header and "Faktor pendorong" in header
    pagu_col = header.index("Pagu (Rp)") + 1
    total_row = find_row(ws, 1, "Jumlah / rata-rata Sekretariat")
    body = range(12, total_row)
    assert len([r for r in body if ws.cell(r, 4).value]) == int(item["jumlah_indikator"])
    assert sum(ws.cell(r, pagu_col).value or 0 for r in body) == pytest.approx(item["pagu"])
    assert values.cell(total_row, pagu_col).value == pytest.approx(item["pagu"])
    capaian_col = header.index("Capaian (%)") + 1
    predikat_col = header.index("Predikat") + 1
    assert values.cell(total_row, capaian_col).value == pytest.approx(item["capaian"])
    assert ws.cell(total_row, capaian_col).value.startswith("=IF(COUNT(")
    assert values.cell(total_row, predikat_col).value == item["predikat"]
    ev = demo_built.evaluated.set_index("indikator")
    formulas_seen = 0
    for r in body:
        name = ws.cell(r, 4).value
        if not name:
            continue
        row = ev.loc[name]
        shown = values.cell(r, capaian_col).value
        if math.isnan(row["capaian_tampil"]):
            assert shown is None
            continue
        assert shown == pytest.approx(row["capaian_tampil"])
        assert values.cell(r, predikat_col).value == row["predikat"]
        formulas_seen += str(ws.cell(r, capaian_col).value).startswith("=")
    assert formulas_seen >= 10
    # predikat colours follow the capaian of the row (conditional formats)
    letter = get_column_letter(predikat_col)
    rules = [r for cf in ws.conditional_formatting if letter in str(cf.sqref) for r in cf.rules]
    assert len(rules) >= 5
    # printed like the E.81: no. / kode / program / indikator on every page
    assert ws.print_title_cols == "$A:$D" and int(ws.page_setup.scale) == 90


def test_catatan_lists_validation_notes(demo_wb):
    ws = demo_wb["Catatan"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1)]
    messages = [row[6] for row in rows]
    for problem in PROBLEMS:
        assert problem.message in messages
        row = rows[messages.index(problem.message)]
        assert row[1] == ("Kesalahan" if problem.level == "error" else "Peringatan")
        assert row[2] == problem.file and row[7] == problem.fix
    assert any(row[2] == "2.16.01" and "target kualitatif" in (row[7] or "") for row in rows)


def test_catatan_without_problems():
    wb = build(problems=[]).workbook
    texts = [c.value for row in wb["Catatan"].iter_rows() for c in row if c.value]
    assert "Tidak ada catatan: semua berkas terbaca tanpa masalah." in texts


def test_catatan_rows_of_used_files_grow_to_their_wrapped_text():
    import pandas as pd

    files = pd.DataFrame(
        [
            {"bidang": "Sekretariat", "filename": "sekretariat.xlsx", "version": 1},
            {
                "bidang": "Bidang Informasi dan Komunikasi Publik",
                "filename": "bidang_informasi_dan_komunikasi_publik.xlsx",
                "version": 2,
            },
        ]
    )
    ws = build(submissions=files).workbook["Catatan"]
    short, long = find_row(ws, 3, "sekretariat.xlsx"), find_row(ws, 3, files["filename"][1])
    assert ws.row_dimensions[short].height is None  # one line: the default height
    assert ws.row_dimensions[long].height >= 30  # "Bidang Informasi dan / Komunikasi / Publik"


def test_catatan_says_when_the_rata_rata_is_a_value_not_a_formula():
    from kinerja_core.report.workbook import PAGU_MEAN_NOTE

    def texts(wb) -> list:
        return [c.value for row in wb["Catatan"].iter_rows() for c in row if c.value]

    assert PAGU_MEAN_NOTE in texts(build(settings=replace(SETTINGS, rollup_weight="pagu")).workbook)
    assert PAGU_MEAN_NOTE not in texts(build().workbook)


def test_empty_period_still_opens():
    from kinerja_core.model import empty_anggaran, empty_indicators
    from kinerja_core.report import build_evaluation_workbook

    evaluated = analysis.evaluate(empty_indicators(), empty_anggaran(), 4, SETTINGS)
    content = build_evaluation_workbook(
        evaluated, empty_anggaran(), tahun=2024, sampai_tw=4, settings=SETTINGS, problems=None
    )
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Ringkasan", E81, "Data", "Catatan"]
    assert wb[E81].cell(e81.FIRST_DATA_ROW + 1, 1).value == e81.JUMLAH_LABEL
