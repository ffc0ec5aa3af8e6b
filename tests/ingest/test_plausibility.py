"""Numbers that read fine but are probably wrong are confirm-warnings, never 'no problems'."""

from __future__ import annotations

import pandas as pd

from kinerja_core.ingest import apply_rencana, read_upload
from kinerja_core.model import conform_indicators
from tests.ingest import builders

HEADER = [
    "Kode",
    "Indikator",
    "Satuan",
    "Target 2024",
    *[f"Realisasi TW {r}" for r in ["I", "II", "III", "IV"]],
]


def _read(*rows):
    content = builders.write_xlsx({"Kinerja": [["BIDANG STATISTIK TAHUN 2024"], HEADER, *rows]})
    return read_upload(content, "statistik.xlsx")


def test_ordinary_numbers_need_no_confirmation():
    result = _read(["1.01", "Jumlah Dokumen", "Dokumen", 12, 3, 3, 3, 3])
    assert result.ok and result.to_confirm == []


def test_capaian_above_300_percent_must_be_confirmed():
    result = _read(["1.01", "Jumlah Dokumen", "Dokumen", 10, 10, 10, 10, 5])
    [problem] = result.to_confirm
    assert "350,0%" in problem.message and "lebih dari 300%" in problem.message
    assert problem.row == 3 and problem.level == "warning"
    assert result.ok  # readable: the operator decides


def test_rupiah_sized_realisasi_in_a_non_rupiah_indicator():
    result = _read(["1.01", "Jumlah Dokumen", "Dokumen", 12, 150_000_000, None, None, None])
    assert any("angka Rupiah" in p.message and "'Dokumen'" in p.message for p in result.to_confirm)


def test_a_jump_of_a_hundred_times():
    result = _read(["1.01", "Jumlah Peserta", "Orang", 1000, 2, 3, 300, 4])
    jump = [p for p in result.to_confirm if "melonjak" in p.message]
    assert len(jump) == 1 and "TW 2 (3)" in jump[0].message and "TW 3 (300)" in jump[0].message


def test_percent_written_as_a_fraction():
    result = _read(["1.01", "Persentase Data", "%", 90, 0.85, 0.9, None, None])
    assert any("pecahan" in p.message for p in result.to_confirm)


def test_checked_again_after_the_rencana_changed_the_target():
    result = _read(["1.01", "Jumlah Dokumen", "Dokumen", 10, 10, 10, 10, 5])
    assert result.to_confirm
    plan = conform_indicators(
        pd.DataFrame(
            [{"bidang": "Bidang Statistik", "kode": "1.01", "indikator": "Jumlah Dokumen",
              "satuan": "Dokumen", "agregasi": "kumulatif", "target": 40}]
        )
    )  # fmt: skip
    checked = apply_rencana(result, plan)
    assert checked.to_confirm == []  # 35 of 40: 87,5 %


def test_realisasi_anggaran_above_the_pagu_must_be_confirmed():
    kinerja = [
        ["BIDANG STATISTIK TAHUN 2024"],
        HEADER,
        ["1.01", "Jumlah A", "Dokumen", 4, 1, 1, 1, 1],
    ]
    anggaran = [
        [
            "Kode",
            "Uraian",
            "Pagu (Rp)",
            *[f"Realisasi Anggaran TW {r} (Rp)" for r in ["I", "II", "III", "IV"]],
        ],
        ["1.01", "Sub A", 1_000_000_000, 300_000_000, 600_000_000, 900_000_000, 1_000_000_000],
        ["1.02", "Sub B", 1_000_000_000, 250_000_000, 250_000_000, 250_000_000, 254_000_000],
    ]
    content = builders.write_xlsx({"Kinerja": kinerja, "Anggaran": anggaran})
    result = read_upload(content, "statistik.xlsx")
    [problem] = result.to_confirm  # cumulative TW written, then added up again: 280 %
    assert "'Sub A' (1.01)" in problem.message and "melebihi pagunya" in problem.message
    assert "Rp 2.800.000.000" in problem.message and "280,0%" in problem.message
    assert problem.row == 2 and problem.confirm
    assert result.ok  # readable: the operator decides (Sub B: 100,4 %, within 0,5 %)
