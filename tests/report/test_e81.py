"""E.81 row structure and the small helpers of the report package."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kinerja_core import analysis
from kinerja_core.demo import demo_frames
from kinerja_core.model import conform_anggaran, conform_indicators
from kinerja_core.report import e81
from kinerja_core.report.styles import estimate_lines, sheet_name


def frames(rows: list[dict], budget: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    ind = conform_indicators(pd.DataFrame([{"tahun": 2024, "bidang": "B", **r} for r in rows]))
    ang = conform_anggaran(pd.DataFrame([{"tahun": 2024, "bidang": "B", **r} for r in budget]))
    return ind, ang


@pytest.mark.parametrize("sampai_tw", [1, 2, 3, 4])
def test_unit_budget_equals_the_dashboard_sums(sampai_tw):
    indicators, anggaran = demo_frames(2024)
    evaluated = analysis.evaluate(indicators, anggaran, sampai_tw)
    units = e81.e81_units(evaluated, anggaran, sampai_tw)
    codes = pd.Series([u.kode for u in units])
    reference = analysis.budget_for_codes(codes, anggaran, sampai_tw)
    assert np.allclose([u.pagu for u in units], reference["pagu"], equal_nan=True)
    assert np.allclose(
        [u.realisasi_anggaran for u in units], reference["realisasi_anggaran"], equal_nan=True
    )
    for unit in units:  # per-TW amounts add up to the realisasi; later TWs are empty
        reported = [v for v in unit.anggaran_tw[:sampai_tw] if not math.isnan(v)]
        if reported:
            assert sum(reported) == pytest.approx(unit.realisasi_anggaran)
        assert all(math.isnan(v) for v in unit.anggaran_tw[sampai_tw:])


def test_subtotal_lines_are_not_added_twice():
    ind, ang = frames(
        [{"kode": "1.01.01.2.01.0001", "indikator": "A", "target": 10, "realisasi_tw1": 5}],
        [
            {"kode": "1.01.01.2.01", "pagu": 100.0, "anggaran_tw1": 40.0},  # subtotal line
            {"kode": "1.01.01.2.01.0001", "pagu": 60.0, "anggaran_tw1": 20.0},
            {"kode": "1.01.01.2.01.0002", "pagu": 40.0, "anggaran_tw1": 20.0},
        ],
    )
    units = {u.kode: u for u in e81.e81_units(analysis.evaluate(ind, ang, 1), ang, 1)}
    assert list(units) == [
        "1.01.01",
        "1.01.01.2.01",
        "1.01.01.2.01.0001",
        "1.01.01.2.01.0002",  # a budget line without indicators still appears
    ]
    assert units["1.01.01"].pagu == 100.0 and units["1.01.01.2.01"].pagu == 100.0
    assert units["1.01.01.2.01.0002"].rows == [] and units["1.01.01.2.01.0001"].rows == [0]
    assert units["1.01.01"].uraian == "1.01.01"  # no row names it: the code stands in
    assert units["1.01.01"].bidang == "B"  # inherited from its children
    assert units["1.01.01.2.01"].serapan == pytest.approx(40.0)


def test_order_is_natural_and_numbered_by_level():
    ind, ang = frames(
        [
            {"kode": "2.16.10.2.01.0001", "indikator": "c", "uraian": "Sub 10"},
            {"kode": "2.16.9", "indikator": "b", "uraian": "Program 9"},
            {"kode": "2.16.9.2.01.0002", "indikator": "a", "uraian": "Sub 9"},
            {"kode": "", "indikator": "tanpa kode"},
        ],
        [],
    )
    units = e81.e81_units(analysis.evaluate(ind, ang, 4), ang, 4)
    assert [(u.kode, u.nomor) for u in units] == [
        ("2.16.9", "1"),
        ("2.16.9.2.01", "1.1"),
        ("2.16.9.2.01.0002", "1.1.1"),
        ("2.16.10", "2"),
        ("2.16.10.2.01", "2.1"),
        ("2.16.10.2.01.0001", "2.1.1"),
        ("", "3"),
    ]
    assert units[0].uraian == "Program 9" and units[-1].uraian == "(tanpa kode)"


def test_renstra_columns_only_with_renstra_figures():
    ind, ang = frames(
        [
            {"kode": "1.01.01", "indikator": "kum", "agregasi": "kumulatif", "target": 10,
             "realisasi_tw1": 4, "target_renstra": 50, "realisasi_renstra_lalu": 20},
            {"kode": "1.01.01", "indikator": "akhir", "agregasi": "akhir", "target": 80,
             "realisasi_tw1": 70, "target_renstra": 90},
            {"kode": "1.01.01", "indikator": "tanpa", "agregasi": "akhir", "target": 80,
             "realisasi_tw1": 70},
        ],
        [],
    )  # fmt: skip
    k14, k15 = e81.renstra_sd(analysis.evaluate(ind, ang, 1))
    assert k14[0] == 24 and k15[0] == pytest.approx(48.0)
    assert k14[1] == 70 and k15[1] == pytest.approx(70 / 90 * 100)
    assert math.isnan(k14[2]) and math.isnan(k15[2])


def test_unique_texts():
    assert e81.unique_texts(["", "  "]) == "-"
    assert e81.unique_texts(["A  b", "a b", "C"]) == "- A b\n- C"
    many = e81.unique_texts([f"faktor {i}" for i in range(20)], limit=3)
    assert many.splitlines()[-1].startswith("- … dan 17 lainnya")


def test_sheet_names_are_valid_and_unique():
    taken = {"ringkasan", "data"}
    names = [
        sheet_name(n, taken)
        for n in [
            "Bidang Informasi dan Komunikasi Publik",
            "Data",
            "a/b:c*d?[e]",
            "Bidang Informasi dan Komunikasi Publik",
            "",
            "'kutip'",
            "x" * 40,
        ]
    ]
    assert names[0] == "Informasi dan Komunikasi Publik"
    assert names[1] == "Data (2)"
    assert names[2] == "a b c d e"
    assert names[3] == "Informasi dan Komunikasi Pu (2)"
    assert names[4] == "Tanpa bidang" and names[5] == "kutip"
    assert all(len(n) <= 31 for n in names) and len(names[6]) == 31


def test_estimate_lines():
    assert estimate_lines("", 10) == 1
    assert estimate_lines("pendek", 20) == 1
    assert estimate_lines("satu\ndua\ntiga", 30) == 3
    long = "kata " * 40  # 200 characters
    assert 5 <= estimate_lines(long, 20) <= 8
    assert estimate_lines("x" * 100, 10) >= 6  # one long word still breaks


def test_renstra_rp_of_a_program_or_kegiatan_is_known_only_when_all_its_lines_are():
    line = {"pagu": 1e6, "uraian": "x"}
    _, ang = frames(
        [],
        [
            {**line, "kode": "1.01.01.2.01.0001", "target_renstra_rp": 5e6},
            {**line, "kode": "1.01.01.2.01.0002"},  # no Renstra Rp yet
            {**line, "kode": "1.01.01.2.02.0001", "target_renstra_rp": 2e6},
            {**line, "kode": "1.01.01.2.02.0002", "target_renstra_rp": 3e6},
        ],
    )
    money = e81.budget_by_code(e81.effective_budget(ang), 4)["target_renstra_rp"]
    assert money["1.01.01.2.02"] == 5e6  # both lines known: their sum
    assert money["1.01.01.2.01.0001"] == 5e6
    assert math.isnan(money["1.01.01.2.01"])  # one line unknown: unknown, not 5e6
    assert math.isnan(money["1.01.01"])
    assert e81.budget_by_code(e81.effective_budget(ang), 4)["pagu"]["1.01.01"] == 4e6


def test_a_renstra_rp_written_on_the_program_row_is_the_programs():
    """The Renstra often gives its amount per program only: the program row keeps it (its
    pagu is still the sum of the lines, the row being a subtotal)."""
    line = {"pagu": 1e6, "uraian": "x"}
    indicators, anggaran = frames(
        [{"kode": "1.01.01", "indikator": "I", "target": 1}],
        [
            {**line, "kode": "1.01.01", "pagu": 2e6, "target_renstra_rp": 9e6},
            {**line, "kode": "1.01.01.2.01.0001", "realisasi_renstra_lalu_rp": 3e5},
            {**line, "kode": "1.01.01.2.01.0002", "realisasi_renstra_lalu_rp": 4e5},
        ],
    )
    units = {u.kode: u for u in e81.e81_units(analysis.evaluate(indicators, anggaran, 4),
                                              anggaran, 4)}  # fmt: skip
    assert units["1.01.01"].renstra_rp == 9e6  # written on the program row
    assert units["1.01.01"].pagu == 2e6  # the lines' sum, the row itself not added again
    assert units["1.01.01"].renstra_lalu_rp == 7e5  # not written there: the lines' sum
    assert math.isnan(units["1.01.01.2.01"].renstra_rp)  # its lines have none


def test_a_sasaran_shared_by_consecutive_rows_is_written_once_and_reads_back_on_every_row():
    import io

    import openpyxl

    from kinerja_core.ingest import read_upload
    from kinerja_core.report import build_evaluation_workbook
    from tests.report.conftest import SETTINGS, TANGGAL

    indicators, anggaran = demo_frames(2024)
    evaluated = analysis.evaluate(indicators, anggaran, 4, SETTINGS)
    content = build_evaluation_workbook(
        evaluated, anggaran, tahun=2024, sampai_tw=4, settings=SETTINGS, tanggal=TANGGAL
    )
    ws = openpyxl.load_workbook(io.BytesIO(content))[e81.SHEET_NAME]
    sasaran_column = e81.COL_SASARAN + 1
    merged = [
        r
        for r in ws.merged_cells.ranges
        if r.min_col == r.max_col == sasaran_column and r.max_row > r.min_row
    ]
    assert merged  # the demo's programs share their sasaran over several rows
    written = [
        ws.cell(r, sasaran_column).value
        for r in range(e81.FIRST_DATA_ROW + 1, ws.max_row + 1)
        if ws.cell(r, sasaran_column).value
    ]
    with_sasaran = evaluated[evaluated["sasaran"].astype(str).str.strip() != ""]
    assert len(written) < len(with_sasaran) / 2  # not repeated on every indicator row

    back = read_upload(content, "E81.xlsx", tahun=2024, rencana=indicators).indicators
    expected = dict(zip(evaluated["indikator"], evaluated["sasaran"], strict=True))
    read = dict(zip(back["indikator"], back["sasaran"], strict=True))
    assert read == expected
