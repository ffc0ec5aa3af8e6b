"""Percent-formatted cells are read as they are shown: Excel keeps 90% as 0.9."""

from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import pytest

from kinerja_core.ingest import read_upload
from kinerja_core.ingest.grid import percent_cells
from tests.ingest import builders
from tests.ingest.builders import Fmt

HEADER = ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I", "Realisasi TW II"]


def _table() -> bytes:
    return builders.write_xlsx(
        {
            "Kinerja": [
                ["BIDANG STATISTIK — TAHUN ANGGARAN 2024"],
                HEADER,
                ["1.01", "Persentase A", "%", Fmt(0.9, "0%"), Fmt(0.855, "0.0%"), 88],
                ["1.02", "Persentase B", "%", 80, Fmt(0.7525, "0.00%;[Red]-0.00%"), "76%"],
                ["1.03", "Jumlah C", "Dokumen", 12, Fmt(3, '#,##0" %"'), 4],  # quoted: no %
            ]
        }
    )


def test_percent_formatted_numbers_are_read_as_shown():
    result = read_upload(_table(), "statistik.xlsx")
    assert result.errors == []
    frame = result.indicators.set_index("indikator")
    assert frame.loc["Persentase A", "target"] == pytest.approx(90)
    assert frame.loc["Persentase A", "realisasi_tw1"] == pytest.approx(85.5)
    assert frame.loc["Persentase A", "realisasi_tw2"] == pytest.approx(88)  # a plain 88 stays
    assert frame.loc["Persentase B", "realisasi_tw1"] == pytest.approx(75.25)
    assert frame.loc["Persentase B", "realisasi_tw2"] == pytest.approx(76)
    assert frame.loc["Jumlah C", "realisasi_tw1"] == pytest.approx(3)


def test_percent_cells_names_only_percent_cells():
    found = percent_cells(_table())
    assert sorted(found["Kinerja"]) == [(2, 3), (2, 4), (3, 4)]


def test_our_own_format_with_a_percent_typed_in():
    from tests.pages.test_pengumpulan_page import filled_format

    content = filled_format("Bidang Aplikasi Informatika")
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Kinerja"]
    header_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "No")
    titles = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    row = next(
        r
        for r in range(header_row + 1, sheet.max_row + 1)
        if sheet.cell(r, titles["Satuan"]).value == "%"
    )
    name = sheet.cell(row, titles["Indikator"]).value
    cell = sheet.cell(row, titles["Realisasi TW I"])
    cell.value, cell.number_format = 0.874, "0.0%"  # typed "87,4%": Excel stores 0.874
    out = io.BytesIO()
    book.save(out)
    result = read_upload(out.getvalue(), "kiriman.xlsx")
    assert result.shape == "format-kinerja"
    got = result.indicators.set_index("indikator").loc[name, "realisasi_tw1"]
    assert got == pytest.approx(87.4)


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_percent_cells_in_ods_and_xls(tmp_path, fmt):
    source = tmp_path / "statistik.xlsx"
    source.write_bytes(_table())
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profil'}",
         "--convert-to", fmt, "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    result = read_upload((tmp_path / f"statistik.{fmt}").read_bytes(), f"statistik.{fmt}")
    frame = result.indicators.set_index("indikator")
    assert frame.loc["Persentase A", "target"] == pytest.approx(90)
    assert frame.loc["Persentase A", "realisasi_tw1"] == pytest.approx(85.5)
    assert frame.loc["Persentase B", "realisasi_tw1"] == pytest.approx(75.25)
    assert frame.loc["Jumlah C", "realisasi_tw1"] == pytest.approx(3)
