"""Every upload shape through the one reader: our format (round trip), E.81, CSV, tables."""

from __future__ import annotations

import math
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from kinerja_core.demo import DINAS, demo_frames
from kinerja_core.ingest import read_upload
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, conform_indicators
from kinerja_core.template import build_format
from tests.ingest import builders

BIDANG = "Bidang Statistik"


@pytest.fixture(scope="module")
def plan_2024():
    return demo_frames(2024)


def _roundtrip(plan, bidang: str) -> tuple[pd.DataFrame, pd.DataFrame, bytes]:
    indicators, anggaran = plan
    blank = build_format(
        indicators.assign(**{c: np.nan for c in REALISASI_TW}),
        anggaran.assign(**{c: np.nan for c in ANGGARAN_TW}),
        bidang=bidang,
        tahun=2024,
        dinas=DINAS,
    )
    mine = indicators[indicators["bidang"] == bidang]
    realisasi = {}
    for rec in mine.to_dict("records"):
        if rec["target_teks"]:
            realisasi[rec["indikator"]] = [rec["realisasi_teks"]] * 4
        else:
            realisasi[rec["indikator"]] = [
                None if math.isnan(rec[c]) else rec[c] for c in REALISASI_TW
            ]
    budget = anggaran[anggaran["kode"].isin(set(mine["kode"]))]
    spent = {
        rec["kode"]: [None if math.isnan(rec[c]) else rec[c] for c in ANGGARAN_TW]
        for rec in budget.to_dict("records")
    }
    faktor = {rec["indikator"]: rec["faktor_pendorong"] for rec in mine.to_dict("records")}
    filled = builders.fill_format(blank, realisasi, spent, **{"Faktor Pendorong": faktor})
    return mine, budget, filled


@pytest.mark.parametrize("bidang", ["Sekretariat", "Bidang Statistik", "Bidang Persandian"])
def test_round_trip_generate_fill_upload_same_numbers(plan_2024, bidang):
    mine, budget, filled = _roundtrip(plan_2024, bidang)
    result = read_upload(filled, "kiriman.xlsx")  # name says nothing: _meta does
    assert result.shape == "format-kinerja"
    assert result.bidang == bidang
    assert result.tahun == 2024
    assert result.errors == []
    assert result.ok
    got = result.indicators.set_index(["kode", "indikator"]).sort_index()
    want = conform_indicators(mine).set_index(["kode", "indikator"]).sort_index()
    assert list(got.index) == list(want.index)
    for column in ["satuan", "polaritas", "agregasi", "target_teks", "uraian", "faktor_pendorong"]:
        assert list(got[column]) == list(want[column]), column
    np.testing.assert_allclose(got["target"], want["target"])
    np.testing.assert_allclose(got[REALISASI_TW].to_numpy(), want[REALISASI_TW].to_numpy())
    qualitative = want["target_teks"] != ""
    assert list(got.loc[qualitative, "realisasi_teks"]) == list(
        want.loc[qualitative, "realisasi_teks"]
    )
    ang = result.anggaran.set_index("kode").sort_index()
    ang_want = budget.set_index("kode").sort_index()
    assert list(ang.index) == list(ang_want.index)
    np.testing.assert_allclose(ang["pagu"], ang_want["pagu"])
    np.testing.assert_allclose(ang[ANGGARAN_TW].to_numpy(), ang_want[ANGGARAN_TW].to_numpy())


def test_our_format_qualitative_target_is_a_warning_not_an_error(plan_2024):
    _, _, filled = _roundtrip(plan_2024, "Sekretariat")
    result = read_upload(filled, "x.xlsx")
    qualitative = result.indicators[result.indicators["target_teks"] != ""]
    assert len(qualitative) >= 1
    assert qualitative["target"].isna().all()
    warnings = [p for p in result.warnings if "kualitatif" in p.message]
    assert len(warnings) == len(qualitative)
    assert all(p.sheet == "Kinerja" and p.row for p in warnings)


# --- E.81 -----------------------------------------------------------------------------------
E81_ROWS = [
    {
        "uraian": "2.16.03 PROGRAM PENGELOLAAN APLIKASI INFORMATIKA",
        "sasaran": "Meningkatnya kualitas SPBE",
        "indikator": "Indeks SPBE",
        "renstra": "3,8",
        "renstra_lalu": "3,2",
        "target": "3,5 Indeks",
        "pagu": 2_500_000_000,
        "k": [3.5, "3,55", 3.64, 3.44],
        "rp": [400_000_000, 500_000_000, 600_000_000, 700_000_000],
        "unit": "Bidang Aplikasi Informatika",
    },
    {  # kegiatan line: budget only
        "uraian": "2.16.03.2.02 Pengelolaan e-Government di Lingkup Pemerintah Daerah",
        "pagu": 1_500_000_000,
        "rp": [300_000_000, 300_000_000, 300_000_000, 300_000_000],
    },
    {
        "uraian": "2.16.03.2.02.0005 Pengembangan Aplikasi dan Proses Bisnis",
        "indikator": "Jumlah Aplikasi yang Dikembangkan",
        "target": "24 Aplikasi",
        "pagu": "Rp 918.886.900,00",
        "k": ["7 Aplikasi", 9, 6, 4],
        "rp": [100_000_000, "200.000.000", 150_000_000, None],
        "unit": "Bidang Aplikasi Informatika",
    },
    {  # second indicator of the same sub kegiatan: kode left blank, no budget
        "indikator": "Persentase Aplikasi yang Terintegrasi",
        "target": "80%",
        "k": ["60%", "65%", "72,5%", None],
        "unit": "Bidang Aplikasi Informatika",
    },
]


@pytest.mark.parametrize("computed", [True, False])
def test_e81_reads_k_and_rp_pairs_and_ignores_its_computed_columns(computed):
    content = builders.e81_workbook(E81_ROWS, include_computed=computed)
    result = read_upload(content, "e81.xlsx")
    assert result.shape == "e81"
    assert result.tahun == 2024
    assert result.bidang == "Bidang Aplikasi Informatika"
    assert result.errors == [], [p.message for p in result.errors]
    frame = result.indicators.set_index("indikator")
    assert list(frame.index) == [
        "Indeks SPBE",
        "Jumlah Aplikasi yang Dikembangkan",
        "Persentase Aplikasi yang Terintegrasi",
    ]
    spbe = frame.loc["Indeks SPBE"]
    assert spbe["kode"] == "2.16.03"
    assert spbe["uraian"] == "PROGRAM PENGELOLAAN APLIKASI INFORMATIKA"
    assert spbe["target"] == 3.5 and spbe["satuan"] == "Indeks"
    assert spbe["agregasi"] == "akhir"  # default for satuan Indeks
    assert spbe["sasaran"] == "Meningkatnya kualitas SPBE"
    assert spbe["target_renstra"] == 3.8 and spbe["realisasi_renstra_lalu"] == 3.2
    assert list(spbe[REALISASI_TW]) == [3.5, 3.55, 3.64, 3.44]
    apps = frame.loc["Jumlah Aplikasi yang Dikembangkan"]
    assert apps["kode"] == "2.16.03.2.02.0005"
    assert apps["target"] == 24 and apps["satuan"] == "Aplikasi"  # "24 Aplikasi"
    assert list(apps[REALISASI_TW]) == [7, 9, 6, 4]
    second = frame.loc["Persentase Aplikasi yang Terintegrasi"]
    assert second["kode"] == "2.16.03.2.02.0005"  # continues the sub kegiatan above
    assert second["satuan"] == "%" and second["target"] == 80
    assert second["realisasi_tw3"] == 72.5 and math.isnan(second["realisasi_tw4"])
    # budget: one row per kode (program, kegiatan, sub kegiatan), never doubled
    ang = result.anggaran.set_index("kode")
    assert sorted(ang.index) == ["2.16.03", "2.16.03.2.02", "2.16.03.2.02.0005"]
    assert ang.loc["2.16.03.2.02.0005", "pagu"] == pytest.approx(918_886_900)
    assert ang.loc["2.16.03.2.02.0005", "anggaran_tw2"] == 200_000_000
    assert math.isnan(ang.loc["2.16.03.2.02.0005", "anggaran_tw4"])
    assert ang.loc["2.16.03", "anggaran_tw4"] == 700_000_000


def test_e81_reads_sasaran_and_renstra_columns_5_and_6_in_k_and_rp():
    rows = [dict(row) for row in E81_ROWS]
    rows[0] |= {"renstra_rp": "12.500.000.000", "renstra_lalu_rp": 7_250_000_000}
    rows[2] |= {"sasaran": "Aplikasi terpadu", "renstra": 120, "renstra_rp": 5_000_000_000}
    result = read_upload(builders.e81_workbook(rows), "e81.xlsx")
    assert result.errors == [], [p.message for p in result.errors]
    frame = result.indicators.set_index("indikator")
    apps = frame.loc["Jumlah Aplikasi yang Dikembangkan"]
    assert apps["sasaran"] == "Aplikasi terpadu" and apps["target_renstra"] == 120
    assert math.isnan(apps["realisasi_renstra_lalu"])  # not given: stays empty
    ang = result.anggaran.set_index("kode")
    assert ang.loc["2.16.03", "target_renstra_rp"] == 12_500_000_000
    assert ang.loc["2.16.03", "realisasi_renstra_lalu_rp"] == 7_250_000_000
    assert ang.loc["2.16.03.2.02.0005", "target_renstra_rp"] == 5_000_000_000
    assert math.isnan(ang.loc["2.16.03.2.02.0005", "realisasi_renstra_lalu_rp"])
    assert ang.loc["2.16.03", "pagu"] == 2_500_000_000  # the Renja pagu stays column 7's


def test_e81_footer_and_signatures_are_not_data():
    content = builders.e81_workbook(E81_ROWS)
    result = read_upload(content, "e81.xlsx")
    assert len(result.indicators) == 3
    assert not any("Rata-rata" in p.message or "NIP" in p.message for p in result.problems)


def test_e81_bidang_from_title_when_no_unit_column_value():
    rows = [{**row, "unit": None} for row in E81_ROWS]
    content = builders.e81_workbook(rows, bidang_title="BIDANG APLIKASI INFORMATIKA")
    result = read_upload(content, "evaluasi.xlsx")
    assert result.bidang == "Bidang Aplikasi Informatika"
    assert set(result.indicators["bidang"]) == {"Bidang Aplikasi Informatika"}


# --- CSV ------------------------------------------------------------------------------------
CSV_ROWS = [
    ["Kode", "Indikator Kinerja", "Satuan", "Target 2024", "Realisasi TW I", "Realisasi TW II"],
    ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata Statistik Sektoral", "Dokumen", "50", "17", ""],
    ["2.20.02.2.01.0003", "Persentase Data Terpublikasi", "%", "87,5%", "80,25", "1.250"],
]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "cp1252"), (";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8")],
)
def test_csv_delimiters_and_encodings(delimiter, encoding):
    rows = [list(r) for r in CSV_ROWS]
    rows[1][1] += " – Sektor Ekonomi"  # a non-ASCII dash
    if delimiter == ",":
        rows = [[f'"{v}"' if "," in v else v for v in row] for row in rows]
    content = builders.csv_bytes(rows, delimiter=delimiter, encoding=encoding)
    result = read_upload(content, "statistik.csv")
    assert result.shape == "csv"
    assert result.bidang == "Bidang Statistik"
    assert result.tahun == 2024
    assert result.errors == []
    frame = result.indicators.set_index("kode")
    assert frame.loc["2.20.02.2.01.0001", "indikator"].endswith("– Sektor Ekonomi")
    assert frame.loc["2.20.02.2.01.0003", "target"] == 87.5
    assert frame.loc["2.20.02.2.01.0003", "realisasi_tw1"] == 80.25
    assert frame.loc["2.20.02.2.01.0003", "realisasi_tw2"] == 1250


def test_csv_renamed_xlsx_is_read_as_csv_with_a_warning():
    content = builders.csv_bytes(CSV_ROWS)
    result = read_upload(content, "statistik.xlsx")
    assert result.ok
    assert len(result.indicators) == 2
    assert any("dibaca sebagai CSV" in p.message for p in result.warnings)


# --- tables people make -----------------------------------------------------------------------
def test_reordered_renamed_headers_and_title_rows():
    content = builders.write_xlsx(
        {
            "Data": [
                ["LAPORAN KINERJA TRIWULAN"],
                ["Bidang Persandian Tahun Anggaran 2024"],
                [],
                ["Real. Triwulan II", "Indikator", "KODE", "Sat.", "Target", "TW-I", "Arah"],
                [9, "Jumlah PD Terlayani", " 2.21.02.2.01.0004", "PD", "24 PD", 1, "Positif"],
                [3, "Jumlah Insiden", "2.21.02.2.01.0005", "Insiden", 10, 4, "negatif (-)"],
            ]
        }
    )
    result = read_upload(content, "kiriman.xlsx")
    assert result.errors == []
    assert result.bidang == "Bidang Persandian" and result.tahun == 2024
    frame = result.indicators.set_index("kode")
    assert frame.loc["2.21.02.2.01.0004", "realisasi_tw1"] == 1
    assert frame.loc["2.21.02.2.01.0004", "realisasi_tw2"] == 9
    assert frame.loc["2.21.02.2.01.0004", "target"] == 24
    assert frame.loc["2.21.02.2.01.0005", "polaritas"] == "negatif"
    assert list(result.indicators["baris"]) == [5, 6]


def test_vertically_merged_kode_feeds_every_indicator_row():
    header = ["Kode", "Program / Kegiatan", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"]
    content = builders.write_xlsx(
        {
            "Kinerja": [
                header,
                [None, None, "Indikator A", "Dokumen", 4, 1],
                [None, None, "Indikator B", "Laporan", 2, 1],
            ]
        },
        merges={"Kinerja": [(1, 0, 2, 0, "2.16.01.1.01.0001"), (1, 1, 2, 1, "Penyusunan")]},
    )
    result = read_upload(content, "sekretariat.xlsx")
    assert result.errors == []
    assert list(result.indicators["kode"]) == ["2.16.01.1.01.0001"] * 2
    assert list(result.indicators["uraian"]) == ["Penyusunan"] * 2


def test_hidden_sheets_are_not_read_but_are_mentioned():
    visible = [["Kode", "Indikator", "Target 2024", "Realisasi TW I"], ["1.01", "A", 4, 1]]
    content = builders.write_xlsx({"Kinerja": visible, "Lama": visible}, hidden=["Lama"])
    result = read_upload(content, "statistik.xlsx")
    assert len(result.indicators) == 1
    assert any("tersembunyi" in p.message and p.sheet == "Lama" for p in result.warnings)


def test_text_in_realisasi_of_a_number_indicator_is_an_error_on_that_cell_and_row_kept():
    content = builders.write_xlsx(
        {
            "Kinerja": [
                ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I", "Realisasi TW II"],
                ["1.01", "Jumlah A", "Dokumen", 10, "sepuluh", "belum ada"],
            ]
        }
    )
    result = read_upload(content, "statistik.xlsx")
    assert len(result.indicators) == 1
    errors = result.errors
    assert [p.column.split(" (")[0] for p in errors] == ["Realisasi TW I", "Realisasi TW II"]
    assert all(p.row == 2 and p.sheet == "Kinerja" for p in errors)
    assert "(10)" in errors[0].fix
    assert result.indicators["realisasi_tw1"].isna().all()


def test_qualitative_row_keeps_its_words():
    content = builders.write_xlsx(
        {
            "Kinerja": [
                ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I", "Realisasi TW II"],
                ["1.01", "Kualitas Layanan", "Kategori", "Baik", "Cukup", "Baik"],
            ]
        }
    )
    result = read_upload(content, "statistik.xlsx")
    row = result.indicators.iloc[0]
    assert math.isnan(row["target"]) and row["target_teks"] == "Baik"
    assert row["realisasi_teks"] == "Baik"
    assert result.errors == []
    assert [p.column.split(" (")[0] for p in result.warnings] == ["Target 2024"]


def test_duplicate_indicator_row_is_reported_not_merged():
    rows = [
        ["Kode", "Indikator", "Target 2024", "Realisasi TW I"],
        ["1.01", "Jumlah A", 10, 1],
        ["1.01", "jumlah  a", 10, 2],
    ]
    result = read_upload(builders.write_xlsx({"K": rows}), "statistik.xlsx")
    assert len(result.indicators) == 1
    assert result.errors[0].row == 3 and "baris 2" in result.errors[0].message


def test_bidang_argument_is_used_when_the_file_does_not_say():
    rows = [["Kode", "Indikator", "Target 2024", "Realisasi TW I"], ["1.01", "A", 10, 1]]
    content = builders.write_xlsx({"Sheet1": rows})
    unknown = read_upload(content, "kiriman.xlsx")
    assert any("Bidang tidak dikenali" in p.message for p in unknown.errors)
    chosen = read_upload(content, "kiriman.xlsx", bidang="bidang statistik")
    assert chosen.ok and chosen.bidang == "Bidang Statistik"
    assert set(chosen.indicators["bidang"]) == {"Bidang Statistik"}


def test_file_bidang_wins_over_a_different_choice_with_a_warning():
    rows = [["Kode", "Indikator", "Target 2024", "Realisasi TW I"], ["1.01", "A", 10, 1]]
    content = builders.write_xlsx({"Sheet1": rows})
    result = read_upload(content, "persandian.xlsx", bidang="Bidang Statistik")
    assert result.bidang == "Bidang Persandian"
    assert any("Bidang Statistik" in p.message for p in result.warnings)


def test_anggaran_sheet_without_kode_rows_and_conflicting_pagu_are_reported():
    kinerja = [["Kode", "Indikator", "Target 2024", "Realisasi TW I"], ["1.01", "A", 10, 1]]
    anggaran = [
        ["Kode", "Uraian", "Pagu (Rp)", "Realisasi Anggaran TW I (Rp)"],
        ["1.01", "Sub A", 1000, 100],
        ["1.01", "Sub A lagi", 2000, 100],
        [None, "Belanja lainnya", 3000, 200],  # budget without kode: kept, by its name
        [None, None, 500, 50],  # neither kode nor name: reported, not counted
        ["Sub Total", None, 4000, 300],
        ["JUMLAH", None, 4000, 300],
    ]
    content = builders.write_xlsx({"Kinerja": kinerja, "Anggaran": anggaran})
    result = read_upload(content, "statistik.xlsx")
    ang = result.anggaran.set_index("uraian")
    assert list(ang.index) == ["Sub A", "Belanja lainnya"]
    assert ang.loc["Sub A", "pagu"] == 1000 and ang.loc["Belanja lainnya", "kode"] == ""
    assert ang.loc["Belanja lainnya", "pagu"] == 3000
    rows = sorted(p.row for p in result.warnings)
    assert rows == [3, 5]  # conflicting pagu, a line with no kode and no name; totals skipped


def test_formula_like_text_stays_text():
    rows = [
        ["Kode", "Indikator", "Target 2024", "Realisasi TW I", "Keterangan"],
        ["1.01", '=HYPERLINK("http://x")', 10, 1, "@SUM(A1)"],
    ]
    result = read_upload(builders.write_xlsx({"K": rows}), "statistik.xlsx")
    row = result.indicators.iloc[0]
    assert row["indikator"] == '=HYPERLINK("http://x")'
    assert row["keterangan"] == "@SUM(A1)"
    assert len([p for p in result.warnings if "rumus" in p.message]) == 2


# --- .xls and .ods (converted by LibreOffice, when it is installed) ---------------------------
SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_read_like_the_xlsx(tmp_path, fmt):
    source = tmp_path / "aplikasi_informatika_e81.xlsx"
    source.write_bytes(builders.e81_workbook(E81_ROWS))
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",
            "--convert-to",
            fmt,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = tmp_path / f"aplikasi_informatika_e81.{fmt}"
    original = read_upload(source.read_bytes(), source.name)
    result = read_upload(converted.read_bytes(), converted.name)
    assert result.errors == []
    assert result.shape == "e81"
    pd.testing.assert_frame_equal(
        result.indicators.drop(columns="sumber"), original.indicators.drop(columns="sumber")
    )
    pd.testing.assert_frame_equal(
        result.anggaran.drop(columns="sumber"), original.anggaran.drop(columns="sumber")
    )
