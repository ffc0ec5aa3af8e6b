"""A value corrected in Excel (SOP step 7, koreksi konsep) updates the E.81's formulas to
exactly what the app computes: the workbook is edited, recalculated by headless
LibreOffice and read back, against ``analysis.evaluate`` of the same corrected value."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from kinerja_core import analysis
from kinerja_core.demo import demo_frames
from kinerja_core.model import conform_indicators
from kinerja_core.report import build_evaluation_workbook, e81
from kinerja_core.report.e81 import renstra_sd
from tests.report.conftest import SETTINGS, TANGGAL

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

E81 = e81.SHEET_NAME
# LibreOffice trusts the values cached in an .xlsx unless told to recalculate on load.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculated(content: bytes, tmp_path) -> openpyxl.Workbook:
    """The workbook after LibreOffice opened it, recalculated every formula and saved it."""
    return recalculated_many({"koreksi": content}, tmp_path)["koreksi"]


def recalculated_many(contents: dict[str, bytes], tmp_path) -> dict[str, openpyxl.Workbook]:
    """Each workbook after LibreOffice opened it, recalculated every formula and saved it
    (one LibreOffice start for all of them)."""
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS)
    (tmp_path / "in").mkdir()
    sources = []
    for name, content in contents.items():
        source = tmp_path / "in" / f"{name}.xlsx"
        source.write_bytes(content)
        sources.append(str(source))
    out = tmp_path / "out"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *sources,
        ],
        capture_output=True,
        text=True,
        timeout=240 + 60 * len(sources),
    )
    books = {}
    for name in contents:
        converted = out / f"{name}.xlsx"
        assert converted.exists(), result.stdout + result.stderr
        books[name] = openpyxl.load_workbook(converted, data_only=True)
    return books


def frames_with_renstra() -> tuple[pd.DataFrame, pd.DataFrame]:
    indicators, anggaran = demo_frames(2024)
    indicators = indicators.copy()
    numeric = indicators["target"].notna() & indicators["target_teks"].eq("")
    rows = indicators.index[numeric][:12]
    indicators.loc[rows, "target_renstra"] = indicators.loc[rows, "target"] * 5
    indicators.loc[rows[::2], "realisasi_renstra_lalu"] = indicators.loc[rows[::2], "target"] * 2
    return conform_indicators(indicators), anggaran


def col(physical: int) -> int:
    return physical + 1


def body_rows(ws) -> dict[str, int]:
    """indikator → its row (1-based) in the E.81."""
    rows = {}
    r = e81.FIRST_DATA_ROW + 1
    while ws.cell(r, 1).value != e81.JUMLAH_LABEL:
        name = ws.cell(r, col(e81.COL_INDIKATOR)).value
        if name:
            rows[name] = r
        r += 1
    return rows


SETTINGS_CASES = {
    "bawaan": SETTINGS,
    "lain": replace(
        SETTINGS,
        capaian_cap=100.0,
        predikat_bounds=(95.0, 85.0, 70.0, 55.0),
        negatif_method="T/R",
    ),
}


@pytest.mark.parametrize("case", list(SETTINGS_CASES))
def test_a_corrected_tw_value_recalculates_to_the_apps_figures(case, tmp_path):
    settings = SETTINGS_CASES[case]
    indicators, anggaran = frames_with_renstra()
    evaluated = analysis.evaluate(indicators, anggaran, 4, settings)
    content = build_evaluation_workbook(
        evaluated, anggaran, tahun=2024, sampai_tw=4, settings=settings, tanggal=TANGGAL
    )

    # Corrections a Kasubag makes in Excel: a kumulatif and an akhir indicator's TW values
    # (one with Renstra figures), and a TW realisasi anggaran.
    computable = evaluated[evaluated["capaian"].notna()]
    kumulatif = computable[computable["agregasi"] == "kumulatif"]
    akhir = computable[computable["agregasi"] == "akhir"]
    with_renstra = kumulatif[kumulatif["realisasi_renstra_lalu"].notna()]
    changes = {  # indicator position → (tw, new value)
        int(with_renstra.index[0]): (2, float(with_renstra.iloc[0]["realisasi_tw2"] or 0) + 7),
        int(akhir.index[0]): (4, 12.5),
        int(kumulatif.index[-1]): (3, 0.0),
    }
    wb = openpyxl.load_workbook(io.BytesIO(content))
    ws = wb[E81]
    rows = body_rows(ws)
    corrected = indicators.copy()
    for position, (tw, value) in changes.items():
        name = evaluated.loc[position, "indikator"]
        ws.cell(rows[name], col(e81.period_k(7 + tw))).value = value
        corrected.loc[position, f"realisasi_tw{tw}"] = value
    # the same correction on the indicator's bidang sheet
    on_sheet, (tw, value) = next(iter(changes.items()))
    name = evaluated.loc[on_sheet, "indikator"]
    sheet, bidang_row = next(
        (other, r)
        for other in wb.worksheets[2:]
        for r in range(1, other.max_row + 1)
        if other.cell(r, 4).value == name
    )
    header = [c.value for c in sheet[11]]
    sheet.cell(bidang_row, header.index(f"Realisasi TW {'I' * tw}") + 1).value = value
    first_unit = e81.FIRST_DATA_ROW + 1
    rp_tw2 = ws.cell(first_unit, col(e81.period_rp(9)))
    old_rp = rp_tw2.value
    rp_tw2.value = old_rp + 1_000_000
    buffer = io.BytesIO()
    wb.save(buffer)
    recalculated_book = recalculated(buffer.getvalue(), tmp_path)
    after = recalculated_book[E81]

    expected = analysis.evaluate(corrected, anggaran, 4, settings)
    k13, k14 = renstra_sd(expected, settings.negatif_method)
    for position in changes:
        item = expected.loc[position]
        r = rows[item["indikator"]]
        assert after.cell(r, col(e81.period_k(12))).value == pytest.approx(item["realisasi"])
        assert after.cell(r, col(e81.COL_CAPAIAN)).value == pytest.approx(
            item["capaian_tampil"], rel=1e-12
        )
        if pd.notna(k13[position]):
            assert after.cell(r, col(e81.period_k(13))).value == pytest.approx(k13[position])
            assert after.cell(r, col(e81.period_k(14))).value == pytest.approx(k14[position])
    assert any(pd.notna(k13[p]) for p in changes)  # columns 13 and 14 were exercised
    bidang_sheet = recalculated_book[sheet.title]
    item = expected.loc[on_sheet]
    capaian_col = header.index("Capaian (%)") + 1
    assert bidang_sheet.cell(bidang_row, capaian_col).value == pytest.approx(
        item["capaian_tampil"], rel=1e-12
    )
    assert bidang_sheet.cell(bidang_row, capaian_col + 1).value == item["predikat"]
    assert bidang_sheet.cell(bidang_row, capaian_col - 1).value == pytest.approx(item["realisasi"])
    head = analysis.headline(expected, anggaran, 2024, 4, settings)
    first = next(
        r for r in range(1, after.max_row + 1) if after.cell(r, 1).value == e81.FOOTER_LABELS[0]
    )
    assert after.cell(first, col(e81.COL_CAPAIAN)).value == pytest.approx(head.rata_rata_capaian)
    assert after.cell(first + 1, col(e81.COL_CAPAIAN)).value == head.predikat
    # the first program's realisasi anggaran (column 12 Rp) follows its TW II correction
    spent = after.cell(first_unit, col(e81.period_rp(12))).value
    tws = [after.cell(first_unit, col(e81.period_rp(c))).value for c in (8, 9, 10, 11)]
    assert spent == pytest.approx(sum(v or 0 for v in tws))
    before = openpyxl.load_workbook(io.BytesIO(content), data_only=True)[E81]
    assert spent == pytest.approx(before.cell(first_unit, col(e81.period_rp(12))).value + 1e6)
