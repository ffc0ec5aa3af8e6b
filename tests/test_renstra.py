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
    assert "tahun awal periode Renstra di halaman Pengaturan" in found["kolom 6 K"].uraian
    assert "kolom 5 Rp" not in found and found["kolom 6 Rp"].kosong == 1
    assert found["kolom 2"].text() == "Sasaran (kolom 2): kosong pada 2 dari 3"
    complete = rows.assign(sasaran="S", target_renstra=1.0, realisasi_renstra_lalu=1.0)
    full = anggaran.assign(realisasi_renstra_lalu_rp=1.0)
    assert renstra.kekurangan(analysis.evaluate(complete, full, 4), full, 2020) == []


def budget(tahun: int, rows: list[dict]) -> pd.DataFrame:
    return conform_anggaran(pd.DataFrame([{"tahun": tahun, **row} for row in rows]))


def test_dari_rencana_plan_wins_and_fills_what_the_file_lacks():
    sent = year(
        2024,
        [
            {**KUM, "sasaran": "Dari berkas", "target_renstra": 40, "realisasi_renstra_lalu": 9},
            {**AKHIR, "kode": "1.01.01 ", "target_renstra": 95},  # kode spacing, indikator case
            {**KUM, "indikator": "Tidak di rencana", "target_renstra": 7},
        ],
    )
    plan = year(
        2024,
        [
            {**KUM, "sasaran": "Tata kelola", "target_renstra": 50},  # lalu not in the plan
            {**AKHIR, "indikator": "PERSENTASE LAYANAN", "sasaran": "Layanan"},
        ],
    )
    sent_ang = budget(2024, [{"kode": "1.01.01", "pagu": 1e6, "realisasi_renstra_lalu_rp": 2e6}])
    plan_ang = budget(2024, [{"kode": "1.01.01", "pagu": 1e6, "target_renstra_rp": 6e6}])
    ind, ang = renstra.dari_rencana(sent, sent_ang, plan, plan_ang)
    assert ind["sasaran"].tolist() == ["Tata kelola", "Layanan", ""]
    assert ind["target_renstra"].tolist() == [50.0, 95.0, 7.0]
    assert ind["realisasi_renstra_lalu"].iloc[0] == 9.0  # the plan has none: the file's
    assert ang["target_renstra_rp"].tolist() == [6e6]
    assert ang["realisasi_renstra_lalu_rp"].tolist() == [2e6]
    assert sent["sasaran"].iloc[0] == "Dari berkas"  # inputs untouched


def test_realisasi_lalu_rp_adds_the_years_spending_only_with_every_year():
    spent = {"kode": "1.01.01", "pagu": 1e6, "anggaran_tw1": 1e5, "anggaran_tw4": 2e5}
    earlier = {
        2022: budget(2022, [spent, {"kode": "1.01.02", "pagu": 1e6}]),
        2023: budget(2023, [{**spent, "anggaran_tw2": 3e5}, {"kode": "1.01.02", "pagu": 1e6}]),
    }
    now = budget(2024, [{"kode": "1.01.01"}, {"kode": "1.01.02"}])
    filled = renstra.realisasi_lalu_rp(now, earlier, 2024, 2022)
    assert filled["realisasi_renstra_lalu_rp"].iloc[0] == 3e5 + 6e5
    assert math.isnan(filled["realisasi_renstra_lalu_rp"].iloc[1])  # nothing spent recorded
    not_stored = renstra.realisasi_lalu_rp(now, earlier, 2024, 2021)  # 2021 is missing
    assert not_stored["realisasi_renstra_lalu_rp"].isna().all()
    given = now.assign(realisasi_renstra_lalu_rp=[5.0, float("nan")])
    assert (
        renstra.realisasi_lalu_rp(given, earlier, 2024, 2022).iloc[0]["realisasi_renstra_lalu_rp"]
        == 5.0
    )


def test_lengkapi_plan_first_then_the_earlier_years():
    plan = year(2024, [{**KUM, "realisasi_renstra_lalu": 30}])
    earlier = {2023: (year(2023, [{**KUM, "realisasi_tw1": 4}, AKHIR]), budget(2023, []))}
    now = year(2024, [KUM, {**AKHIR, "indikator": "persentase layanan"}])
    ind, _ = renstra.lengkapi(
        now,
        budget(2024, []),
        2024,
        rencana=(plan, budget(2024, [])),
        earlier=earlier,
        tahun_awal=2023,
    )
    # the plan's 30 stands; the second has none in 2023 (no realisasi): stays empty
    assert ind["realisasi_renstra_lalu"].iloc[0] == 30.0
    assert math.isnan(ind["realisasi_renstra_lalu"].iloc[1])
    ind, _ = renstra.lengkapi(now, budget(2024, []), 2024, earlier=earlier, tahun_awal=2023)
    assert ind["realisasi_renstra_lalu"].iloc[0] == 4.0


def test_kekurangan_rinci_names_every_indicator_and_kode_with_an_empty_column():
    rows = year(
        2024,
        [
            {**KUM, "bidang": "B", "uraian": "Program", "sasaran": "S", "target_renstra": 50},
            {**AKHIR, "bidang": "B", "kode": "1.01.01.2.01", "realisasi_renstra_lalu": 70},
            {**KUM, "indikator": "Kualitatif", "target_teks": "Baik", "sasaran": "S"},
            {**KUM, "indikator": "Lengkap", "sasaran": "S", "target_renstra": 1,
             "realisasi_renstra_lalu": 1},
        ],
    )  # fmt: skip
    anggaran = conform_anggaran(
        pd.DataFrame(
            [
                {"tahun": 2024, "kode": "1.01.01.2.01", "pagu": 1e6, "target_renstra_rp": 5e6},
                {"tahun": 2024, "kode": "1.01.01.2.02", "pagu": 1e6, "target_renstra_rp": 5e6,
                 "realisasi_renstra_lalu_rp": 1e6},
            ]
        )
    )  # fmt: skip
    evaluated = analysis.evaluate(rows, anggaran, 4)
    table = renstra.kekurangan_rinci(evaluated, anggaran)
    assert list(table.columns) == renstra.MISSING_COLUMNS
    assert table[["Kode", "Indikator", "Kosong"]].values.tolist() == [
        ["1.01.01", "Jumlah Dokumen", "kolom 6 K"],
        ["1.01.01.2.01", "Persentase  layanan", "kolom 2, kolom 5 K"],
        ["1.01.01.2.01", renstra.ANGGARAN_ROW, "kolom 6 Rp"],
    ]  # the qualitative and the complete indicator, and the complete kode, are not listed
    counted = {k.kolom: k.kosong for k in renstra.kekurangan(evaluated, anggaran)}
    listed = table["Kosong"].str.split(", ").explode().value_counts().to_dict()
    assert listed == counted  # one definition for the summary and the table
    assert renstra.kekurangan_rinci(evaluated.iloc[[3]], anggaran.iloc[[1]]).empty


def test_a_program_row_is_not_listed_its_lines_are():
    rows = year(2024, [{**KUM, "sasaran": "S", "target_renstra": 1, "realisasi_renstra_lalu": 1}])
    anggaran = conform_anggaran(
        pd.DataFrame(
            [
                {"tahun": 2024, "kode": "1.01.01", "target_renstra_rp": 9e6},  # program row
                {"tahun": 2024, "kode": "1.01.01.2.01.0001", "realisasi_renstra_lalu_rp": 1.0},
            ]
        )
    )
    evaluated = analysis.evaluate(rows, anggaran, 4)
    table = renstra.kekurangan_rinci(evaluated, anggaran)
    assert table[["Kode", "Kosong"]].values.tolist() == [["1.01.01.2.01.0001", "kolom 5 Rp"]]
    found = {k.kolom: k for k in renstra.kekurangan(evaluated, anggaran)}
    assert "kolom 6 Rp" not in found and (found["kolom 5 Rp"].kosong, found["kolom 5 Rp"].dari) == (
        1,
        1,
    )
