"""Every formula in the evaluation workbook, recalculated by LibreOffice without any edit,
gives the value the app cached in it — under default and non-default settings. Excel and
LibreOffice may recalculate on opening, so a formula that disagrees with the app's figure
would show a second, different number in the signed document."""

from __future__ import annotations

import io
import math
from dataclasses import replace

import openpyxl
import pytest

from kinerja_core import analysis
from kinerja_core.demo import demo_frames
from kinerja_core.report import build_evaluation_workbook
from tests.report.conftest import SETTINGS, TANGGAL
from tests.report.test_recalc import SOFFICE, recalculated_many

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

QUALITATIVE = (("Baik", 100.0), ("Cukup", 75.0), ("Kurang", 50.0))
CASES = {
    "bawaan": SETTINGS,
    "pagu": replace(SETTINGS, rollup_weight="pagu"),
    "kualitatif_di_luar_rata_rata": replace(SETTINGS, kualitatif_nilai=QUALITATIVE),
    "kualitatif_dalam_rata_rata": replace(
        SETTINGS, kualitatif_nilai=QUALITATIVE, kualitatif_dalam_rata_rata=True
    ),
    "batas_lain": replace(
        SETTINGS,
        capaian_cap=100.0,
        predikat_bounds=(95.0, 85.0, 70.0, 55.0),
        negatif_method="T/R",
        kolom_capaian_renja=False,
    ),
}


SAMPAI_TW = {"batas_lain": 2}  # one case at mid-year: formulas over TW I–II only


def workbook(case: str) -> bytes:
    settings, sampai_tw = CASES[case], SAMPAI_TW.get(case, 4)
    indicators, anggaran = demo_frames(2024)
    evaluated = analysis.evaluate(indicators, anggaran, sampai_tw, settings)
    old_indicators, old_anggaran = demo_frames(2023)
    previous = analysis.evaluate(old_indicators, old_anggaran, sampai_tw, settings)
    return build_evaluation_workbook(
        evaluated,
        anggaran,
        tahun=2024,
        sampai_tw=sampai_tw,
        settings=settings,
        tanggal=TANGGAL,
        previous_year=previous,
    )


def disagreements(content: bytes, after: openpyxl.Workbook) -> list[str]:
    """'sheet!cell: cached → recalculated' for every formula cell whose values differ."""
    formulas = openpyxl.load_workbook(io.BytesIO(content))
    cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    found = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                before = cached[ws.title][cell.coordinate].value
                now = after[ws.title][cell.coordinate].value
                if not _same(before, now):
                    found.append(f"{ws.title}!{cell.coordinate}: {before!r} → {now!r}")
    return found


def _same(before, now) -> bool:
    if before in (None, "") and now in (None, ""):
        return True
    if isinstance(before, int | float) and isinstance(now, int | float):
        return math.isclose(before, now, rel_tol=1e-9, abs_tol=1e-9)
    return before == now


def test_every_formula_recalculates_to_its_cached_value(tmp_path):
    contents = {case: workbook(case) for case in CASES}
    after = recalculated_many(contents, tmp_path)
    problems = {case: disagreements(contents[case], after[case]) for case in CASES}
    assert {case: found[:8] for case, found in problems.items() if found} == {}
    # the comparison saw formulas: the E.81's columns 12–14, capaian and the footer
    counted = sum(
        1
        for ws in openpyxl.load_workbook(io.BytesIO(contents["bawaan"])).worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    )
    assert counted > 100
