"""Text that looks like a formula stays text everywhere in the workbook; no hyperlinks."""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import replace
from datetime import date

import openpyxl
import pandas as pd

from kinerja_core import analysis
from kinerja_core.demo import demo_frames
from kinerja_core.formulas import PREDIKAT
from kinerja_core.model import Problem, conform_anggaran, conform_indicators
from kinerja_core.report import build_evaluation_workbook
from kinerja_core.settings import Settings, Signatory

HOSTILE = [
    '=HYPERLINK("http://contoh.invalid/x","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "https://contoh.invalid/bocor",
    "mailto:a@contoh.invalid",
    "Teks & <tag> \"kutip\" 'apostrof'",
]


def hostile_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    indicators, anggaran = demo_frames(2024)
    indicators = indicators.copy()
    n = len(HOSTILE)
    for column in (
        "uraian",
        "indikator",
        "satuan",
        "faktor_pendorong",
        "faktor_penghambat",
        "tindak_lanjut",
        "keterangan",
        "sasaran",
    ):
        indicators.loc[: n - 1, column] = HOSTILE
    indicators.loc[: n - 1, "bidang"] = HOSTILE  # bidang names become sheet names too
    indicators.loc[n : n + 1, "target_teks"] = ["=1+1", "@A1"]
    indicators.loc[n : n + 1, "target"] = float("nan")
    anggaran = anggaran.copy()
    anggaran.loc[:2, "uraian"] = HOSTILE[:3]
    return conform_indicators(indicators), conform_anggaran(anggaran)


def build_hostile() -> bytes:
    indicators, anggaran = hostile_frames()
    settings = replace(
        Settings(),
        dinas="=Dinas & Kominfo",
        kabupaten="+Luwu",
        tempat="-Malili",
        penyusun=Signatory("@Kepala", "=Nama()", "+Pangkat", "-123"),
    )
    evaluated = analysis.evaluate(indicators, anggaran, 4, settings)
    problems = [Problem("error", HOSTILE[0], HOSTILE[1], file=HOSTILE[4], sheet="=S", column="@C")]
    submissions = pd.DataFrame(
        [{"bidang": HOSTILE[2], "filename": HOSTILE[0], "version": 1, "sha256": "=x"}]
    )
    return build_evaluation_workbook(
        evaluated,
        anggaran,
        tahun=2024,
        sampai_tw=4,
        settings=settings,
        problems=problems,
        previous_year=evaluated,
        tanggal=date(2025, 1, 15),
        submissions=submissions,
    )


# The only formulas are the app's own (excel_formulas): these functions over cell
# references and numbers, with no text but the predikat names.
FUNCTIONS = {"IF", "AND", "ISNUMBER", "COUNT", "SUM", "AVERAGE", "MIN", "MAX"}
LITERALS = {'""', *(f'"{name}"' for name in (*PREDIKAT, "Tidak dapat dihitung", "–"))}
FORMULA = re.compile(r"<f>(.*?)</f>")


def formula_is_the_apps_own(formula: str) -> bool:
    body = html.unescape(formula)
    for literal in sorted(LITERALS, key=len, reverse=True):
        body = body.replace(literal, "")
    if '"' in body:
        return False
    names = set(re.findall(r"([A-Z]+)\(", body))
    tokens = re.sub(r"[A-Z]+\(|\$?[A-Z]{1,3}\$?\d+|\d+(\.\d+)?|[(),:+\-*/<>=]", "", body)
    return names <= FUNCTIONS and tokens == ""


def test_no_text_becomes_a_formula_and_no_hyperlink_in_any_sheet():
    content = build_hostile()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)]
        assert len(sheets) >= 5
        seen = 0
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert "<f " not in xml, name  # no shared or array formulas
            for formula in FORMULA.findall(xml):
                assert formula_is_the_apps_own(formula), (name, formula)
                seen += 1
            assert "<hyperlink" not in xml, name
        assert seen > 100  # the E.81's own formulas are there
        for name in archive.namelist():
            if name.endswith(".rels"):
                assert "hyperlink" not in archive.read(name).decode("utf-8"), name
        strings = archive.read("xl/sharedStrings.xml").decode("utf-8")
        assert "=HYPERLINK(" in strings  # the text itself is kept, as text


def test_formula_check_refuses_text():
    assert formula_is_the_apps_own('IF(ISNUMBER(A1),"Tinggi","")')
    assert not formula_is_the_apps_own('HYPERLINK("http://contoh.invalid/x","klik")')
    assert not formula_is_the_apps_own("cmd|' /C calc'!A0")
    assert not formula_is_the_apps_own('IF(A1,"klik","")')


def test_hostile_text_reads_back_as_the_same_text():
    wb = openpyxl.load_workbook(io.BytesIO(build_hostile()))
    found: set[str] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # the app's own formulas, checked above
                    assert formula_is_the_apps_own(cell.value.lstrip("=")), cell.value
                elif isinstance(cell.value, str):
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    for text in HOSTILE:
                        if text in cell.value:
                            found.add(text)
                assert cell.hyperlink is None
    assert found == set(HOSTILE)
    # bidang names became valid, distinct sheet names; "=…" is not a problem for a name
    assert len(wb.sheetnames) == len({n.casefold() for n in wb.sheetnames})
    e81 = wb["Evaluasi Renja (E.81)"]
    assert e81["A2"].value.startswith("Renja Perangkat Daerah =Dinas & Kominfo")
    values = [c.value for row in e81.iter_rows() for c in row]
    assert "=Nama()" in values and "NIP. -123" in values and "-Malili, 15 Januari 2025" in values
    assert "=1+1" in values and "@A1" in values  # qualitative targets, as written
