"""Amounts of money with a size word, in a real file: the right rupiah in the pagu and the
realisasi anggaran, or an error naming the cell — never Rp 1,5."""

from __future__ import annotations

import pytest

from kinerja_core.ingest import read_upload
from tests.ingest import builders

KINERJA = [
    ["BIDANG STATISTIK — TAHUN ANGGARAN 2024"],
    ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
    ["1.01.01", "Jumlah A", "Dokumen", 10, 3],
    ["1.01.02", "Jumlah B", "Dokumen", 10, 3],
    ["1.01.03", "Jumlah C", "Dokumen", 10, 3],
    ["1.01.04", "Jumlah D", "Dokumen", 10, 3],
    ["1.01.05", "Jumlah E", "Dokumen", 10, 3],
]
ANGGARAN_HEADER = ["Kode", "Uraian", "Pagu (Rp)", "Realisasi Anggaran TW I (Rp)"]


def _read(*lines):
    content = builders.write_xlsx({"Kinerja": KINERJA, "Anggaran": [ANGGARAN_HEADER, *lines]})
    return read_upload(content, "statistik.xlsx")


def test_size_words_become_rupiah():
    result = _read(
        ["1.01.01", "Sub A", "1,5 M", "250 jt"],
        ["1.01.02", "Sub B", "1,5 miliar", "500 rb"],
        ["1.01.03", "Sub C", "Rp 1,2 juta", "Rp 1.200.000"],
        ["1.01.04", "Sub D", "2 Milyar", "1,25 M"],
        ["1.01.05", "Sub E", "Rp 918.886.900,00", "Rp 1.500.000,-"],
    )
    assert result.errors == [], [p.message for p in result.errors]
    ang = result.anggaran.set_index("kode")
    assert ang.loc["1.01.01", "pagu"] == 1_500_000_000  # M is miliar, never Rp 1,5
    assert ang.loc["1.01.01", "anggaran_tw1"] == 250_000_000
    assert ang.loc["1.01.02", "pagu"] == 1_500_000_000
    assert ang.loc["1.01.02", "anggaran_tw1"] == 500_000
    assert ang.loc["1.01.03", "pagu"] == 1_200_000
    assert ang.loc["1.01.03", "anggaran_tw1"] == 1_200_000
    assert ang.loc["1.01.04", "pagu"] == 2_000_000_000
    assert ang.loc["1.01.04", "anggaran_tw1"] == 1_250_000_000
    assert ang.loc["1.01.05", "pagu"] == pytest.approx(918_886_900)
    assert ang.loc["1.01.05", "anggaran_tw1"] == 1_500_000


@pytest.mark.parametrize("written", ["1,5 kg", "1,5 M orang", "sekitar 2 juta", "85%"])
def test_an_amount_that_is_not_money_is_an_error_naming_the_cell(written):
    result = _read(["1.01.01", "Sub A", written, "250 jt"])
    [error] = [p for p in result.errors if written in p.message]
    assert "tidak dapat dibaca sebagai Rupiah" in error.message
    assert error.sheet == "Anggaran" and error.row == 2 and error.column.startswith("Pagu")
    assert "'1,5 M'" in error.fix  # says how to write it
    assert not (result.anggaran["pagu"] == 1.5).any()  # never Rp 1,5
