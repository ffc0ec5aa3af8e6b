"""Column 6 of the E.81 from the stored earlier years, and the list of what is missing."""

from __future__ import annotations

import math

import pandas as pd

from kinerja_core import analysis, renstra
from kinerja_core.model import conform_anggaran, conform_indicators


def year(tahun: int, rows: list[dict]) -> pd.DataFrame:
    return conform_indicators(pd.DataFrame([{"tahun": tahun, **row} for row in rows]))


KUM = {"kode": "1.01.01", "indikator": "Jumlah Dokumen", "agregasi": "kumulatif", "target": 10}
AKHIR = {"kode": "1.01.01", "indikator": "Persentase  layanan", "agregasi": "akhir", "target": 90}


def test_realisasi_lalu_adds_kumulatif_years_and_takes_the_last_level():
    akhir_2023 = {**AKHIR, "indikator": "persentase layanan", "realisasi_tw4": 80}
    earlier = {
        2022: year(
            2022, [{**KUM, "realisasi_tw1": 3, "realisasi_tw4": 4}, {**AKHIR, "realisasi_tw3": 70}]
        ),
        2023: year(2023, [{**KUM, "realisasi_tw2": 5}, akhir_2023]),
    }
    now = year(2024, [KUM, AKHIR, {**KUM, "indikator": "Baru"}])
    filled = renstra.realisasi_lalu(now, earlier, 2024, 2022)
    assert filled["realisasi_renstra_lalu"].tolist()[:2] == [12.0, 80.0]
    assert math.isnan(filled["realisasi_renstra_lalu"].iloc[2])  # not in the earlier years


def test_realisasi_lalu_only_with_every_year_and_keeps_a_given_value():
    earlier = {2023: year(2023, [{**KUM, "realisasi_tw2": 5}])}
    now = year(2024, [KUM, {**KUM, "indikator": "Diberikan", "realisasi_renstra_lalu": 99}])
    # 2022 is part of the period but not stored: a partial sum would look right, so none
    missing_year = renstra.realisasi_lalu(now, earlier, 2024, 2022)
    assert math.isnan(missing_year["realisasi_renstra_lalu"].iloc[0])
    assert renstra.realisasi_lalu(now, earlier, 2024, None) is now  # no Renstra start set
    given = renstra.realisasi_lalu(now, earlier, 2024, 2023)
    assert given["realisasi_renstra_lalu"].tolist() == [5.0, 99.0]


def test_kekurangan_lists_the_empty_columns():
    rows = year(
        2024,
        [
            {**KUM, "sasaran": "Meningkatnya tata kelola", "target_renstra": 50},
            {**AKHIR, "realisasi_renstra_lalu": 70},
            {**KUM, "indikator": "Kualitatif", "target_teks": "Baik"},
        ],
    )
    anggaran = conform_anggaran(
        pd.DataFrame([{"tahun": 2024, "kode": "1.01.01", "pagu": 1e6, "target_renstra_rp": 5e6}])
    )
    evaluated = analysis.evaluate(rows, anggaran, 4)
    found = {item.kolom: item for item in renstra.kekurangan(evaluated, anggaran)}
    assert found["kolom 2"].kosong == 2 and found["kolom 2"].dari == 3
    assert found["kolom 5 K"].contoh == ("Persentase  layanan",)  # qualitative not counted
    assert found["kolom 6 K"].kosong == 1
    assert "tahun awal Renstra" in found["kolom 6 K"].uraian
    assert "kolom 5 Rp" not in found and found["kolom 6 Rp"].kosong == 1
    assert found["kolom 2"].text() == "Sasaran (kolom 2): kosong pada 2 dari 3"
    complete = rows.assign(sasaran="S", target_renstra=1.0, realisasi_renstra_lalu=1.0)
    full = anggaran.assign(realisasi_renstra_lalu_rp=1.0)
    assert renstra.kekurangan(analysis.evaluate(complete, full, 4), full, 2020) == []
