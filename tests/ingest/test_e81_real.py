"""The official E.81 as pemda fill it: every trait alone and all together, read to the
numbers a person computes by hand (tests/ingest/e81_real.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kinerja_core.analysis import evaluate, headline
from kinerja_core.ingest import read_upload
from kinerja_core.locale_id import fmt_percent
from kinerja_core.model import REALISASI_TW, conform_indicators
from tests.ingest import builders
from tests.ingest import e81_real as real

FORMS = {
    "polos": real.Form(),
    "header 4 baris (penomoran 1–15)": real.Form(depth=4),
    "header 5 baris": real.Form(depth=5),
    "angka I–IV sebaris dengan Visi/Misi/Sasaran": real.Form(numerals_with_labels=True),
    "sub-label 'K Rp' digabung": real.Form(sublabels="K Rp pair"),
    "sub-label Kinerja/Anggaran": real.Form(sublabels="Kinerja/Anggaran"),
    "Rp. (000)": real.Form(rp_label="Rp. (000)"),
    "Rp (juta)": real.Form(rp_label="Rp (juta)"),
    "target RPJMD / RKPD": real.Form(targets="rpjmd"),
    "target 2022–2026 / 2024": real.Form(targets="range"),
    "target akhir periode / tahun n": real.Form(targets="tahun n"),
    "target akhir periode / tahun berjalan": real.Form(targets="berjalan"),
    "tanpa kolom 12 dan capaian (konvensi formulir)": real.Form(own_total=False, own_capaian=False),
    "hanya kolom 12": real.Form(own_capaian=False),
    "hanya capaian 12/7": real.Form(own_total=False),
    "kolom % per triwulan": real.Form(own_total=False, own_capaian=False, pct_columns=True),
    "kode di 5 kolom": real.Form(kode="split5"),
    "kode di 5 kolom, diketik angka": real.Form(kode="split5-numbers"),
    "kode di 4 kolom": real.Form(kode="split4"),
    "tanpa kode": real.Form(kode="absent"),
    "uraian 'Urusan/Bidang Urusan … Program/Kegiatan'": real.Form(
        uraian_label="Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"
    ),
    "satuan di blok target": real.Form(satuan_in_target=True),
    "tanpa baris urusan/jumlah/kaki": real.Form(subtotals=False),
    "tanpa kolom 13–14": real.Form(computed_13_14=False),
    "persen diketik dengan % (sel berformat persen)": real.Form(percent_cells=True),
    "kolom % per triwulan berformat persen": real.Form(
        own_total=False, own_capaian=False, pct_columns=True, percent_cells=True
    ),
    "semua sifat sekaligus": real.REAL,
    "semua sifat, persen berformat persen": real.REAL.with_(percent_cells=True),
    "K Rp digabung, Rp (juta), kode 4 kolom, tahun n, header 4 baris": real.Form(
        depth=4, sublabels="K Rp pair", rp_label="Rp (juta)", kode="split4", targets="tahun n"
    ),
    "Kinerja/Anggaran, Rp. (000), % per TW tanpa kolom 12, kode angka, tahun berjalan": (
        real.Form(
            depth=5,
            numerals_with_labels=True,
            sublabels="Kinerja/Anggaran",
            rp_label="Rp. (000)",
            own_total=False,
            pct_columns=True,
            kode="split5-numbers",
            targets="berjalan",
        )
    ),
    "target 2024 saja, satuan di blok target, hanya capaian, persen berformat": real.Form(
        targets="year",
        subtotals=False,
        satuan_in_target=True,
        own_total=False,
        percent_cells=True,
    ),
    "semua sifat, tanpa kode, Rp (juta)": real.REAL.with_(kode="absent", rp_label="Rp (juta)"),
}


def _read(form: real.Form, **kwargs):
    return read_upload(real.build(form), "evaluasi_renja_2024.xlsx", **kwargs)


@pytest.mark.parametrize("name", list(FORMS))
def test_every_shape_reads_to_the_forms_own_numbers(name):
    result = _read(FORMS[name])
    assert result.errors == [], [p.message for p in result.errors]
    assert result.shape == "e81"
    assert result.tahun == real.TAHUN and result.bidang == real.BIDANG
    # nothing silently different: no row where the file's capaian and ours disagree, nothing
    # implausible to confirm
    assert not [p for p in result.warnings if "menurut berkas" in p.message]
    assert result.to_confirm == []
    evaluated = evaluate(result.indicators, result.anggaran, 4).set_index("indikator")
    assert list(evaluated.index) == [line.indikator for line in real.INDICATORS]
    for line in real.INDICATORS:
        row = evaluated.loc[line.indikator]
        assert row["target"] == pytest.approx(line.target), line.indikator
        assert row["target_renstra"] == pytest.approx(line.renstra), line.indikator
        assert row["realisasi"] == pytest.approx(line.realisasi), line.indikator
        assert row["capaian"] == pytest.approx(line.capaian, abs=0.01), line.indikator
        assert row["satuan"] == line.satuan
        assert list(row[REALISASI_TW]) == list(line.k)
    head = headline(evaluated.reset_index(), result.anggaran, real.TAHUN, 4)
    assert head.pagu == pytest.approx(real.PAGU)  # subtotal lines never counted twice
    assert head.realisasi_anggaran == pytest.approx(real.REALISASI_ANGGARAN)


@pytest.mark.parametrize("kode", ["one", "split5", "split5-numbers", "split4"])
def test_kode_and_budget_per_sub_kegiatan(kode):
    result = _read(real.Form(kode=kode, rp_label="Rp. (000)"))
    evaluated = evaluate(result.indicators, result.anggaran, 4)
    assert [k for k in evaluated["kode"]] == [line.kode for line in real.INDICATORS]
    for sub, (pagu, spent) in real.SUB_KEGIATAN.items():
        rows = evaluated[evaluated["kode"] == sub]
        assert len(rows) and rows["pagu"].tolist() == pytest.approx([pagu] * len(rows))
        assert rows["realisasi_anggaran"].tolist() == pytest.approx([spent] * len(rows))


def test_without_kode_the_budget_lines_are_known_by_name():
    result = _read(real.Form(kode="absent"))
    assert list(result.indicators["kode"]) == [""] * len(real.INDICATORS)
    assert sorted(result.anggaran["pagu"]) == sorted(p for p, _ in real.SUB_KEGIATAN.values())
    # one note for the table, not one per row
    assert len([p for p in result.warnings if "Kode" in p.message]) == 1


@pytest.mark.parametrize("name", list(FORMS))
def test_the_hitung_command_gives_the_forms_own_numbers_on_every_shape(tmp_path, name):
    from kinerja_core.cli import main

    form = FORMS[name]
    path = tmp_path / "evaluasi_renja_2024.xlsx"
    path.write_bytes(real.build(form))
    out = tmp_path / "hitung.csv"
    assert main(["hitung", str(path), "--csv", str(out)]) == 0
    table = pd.read_csv(out, dtype={"kode": str}, keep_default_na=False, na_values=[""])
    table = table.set_index("indikator")
    assert list(table.index) == [line.indikator for line in real.INDICATORS]
    for line in real.INDICATORS:
        row = table.loc[line.indikator]
        assert row["capaian"] == pytest.approx(line.capaian, abs=0.01), line.indikator
        assert row["target"] == pytest.approx(line.target), line.indikator
        assert row["realisasi"] == pytest.approx(line.realisasi), line.indikator
        if form.kode != "absent" and line.kode in real.SUB_KEGIATAN:
            pagu, spent = real.SUB_KEGIATAN[line.kode]
            assert row["pagu"] == pytest.approx(pagu), line.indikator
            assert row["realisasi_anggaran"] == pytest.approx(spent), line.indikator


# --- choosing the target by meaning ---------------------------------------------------------
def test_two_targets_neither_the_evaluated_year_is_refused_naming_both():
    result = _read(real.Form(targets="ambiguous"))
    assert len(result.indicators) == 0
    [error] = result.errors
    assert "'Target Tahun 2023 K'" in error.message and "'Target Tahun 2025 K'" in error.message
    assert "tahun 2024" in error.message
    assert "Kolom yang ditemukan" in error.message


def test_multi_year_target_table_takes_the_evaluated_years_column():
    result = read_upload(real.multi_year_table(), "target.xlsx")
    assert result.errors == [], [p.message for p in result.errors]
    frame = result.indicators.set_index("indikator")
    for line in real.INDICATORS:
        assert frame.loc[line.indikator, "target"] == pytest.approx(line.target)


def test_multi_year_table_without_a_year_asks_for_it_then_reads_it():
    content = real.multi_year_table(tahun=None)
    unknown = read_upload(content, "target.xlsx")
    assert len(unknown.indicators) == 0
    assert any("Target 2022" in p.message and "Target 2026" in p.message for p in unknown.errors)
    chosen = read_upload(content, "target.xlsx", tahun=2024)
    assert chosen.errors == []
    assert chosen.indicators["target"].tolist() == [line.target for line in real.INDICATORS]


# --- refusing what cannot be mapped ----------------------------------------------------------
def _e81_without_tw_numerals() -> bytes:
    """The TW block without its I–IV row: four K/Rp pairs nobody can number."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(real.build(real.Form(depth=3))))
    sheet = book.active
    for row in sheet.iter_rows(min_row=8, max_row=8):
        for cell in row:
            if cell.value in ("I", "II", "III", "IV"):
                cell.value = None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_e81_whose_tw_columns_cannot_be_mapped_is_an_error_naming_the_columns():
    result = read_upload(_e81_without_tw_numerals(), "e81.xlsx")
    assert len(result.indicators) == 0  # never a target-only import
    [error] = result.errors
    assert "triwulan I, II, III, IV" in error.message
    assert "Realisasi Kinerja pada Triwulan K" in error.message  # the columns found, by name
    assert "Kolom yang ditemukan: A 'No'" in error.message


def test_a_k_rp_table_with_only_some_triwulan_is_refused():
    rows = [
        ["BIDANG STATISTIK TAHUN 2024"],
        ["Kode", "Indikator", "Target 2024", None, "Realisasi Triwulan I", None, "Keterangan"],
        [None, None, "K", "Rp", "K", "Rp", None],
        ["1.01", "Jumlah A", 10, 1000, 3, 200, None],
    ]
    result = read_upload(builders.write_xlsx({"E81": rows}), "statistik.xlsx")
    assert len(result.indicators) == 0
    assert "triwulan II, III, IV" in result.errors[0].message


# --- the file's own totals decide, and disagree loudly ----------------------------------------
def _tampered_col12(value: float) -> bytes:
    """The REAL form with the column 12 (K) of 'Persentase Aplikasi yang Terintegrasi'
    overwritten."""
    import io

    import openpyxl

    form = real.Form(own_capaian=False)
    book = openpyxl.load_workbook(io.BytesIO(real.build(form)))
    sheet = book.active
    header = {sheet.cell(7, c).value: c for c in range(1, sheet.max_column + 1)}
    col12 = header["Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi"]
    for r in range(1, sheet.max_row + 1):
        if sheet.cell(r, 5).value == "Persentase Aplikasi yang Terintegrasi":
            sheet.cell(r, col12).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_row_whose_own_total_fits_no_convention_is_reported_with_both_numbers():
    result = read_upload(_tampered_col12(70), "e81.xlsx")
    [warning] = [p for p in result.warnings if "menurut berkas" in p.message]
    assert "70" in warning.message and "76" in warning.message  # theirs and ours
    assert "87,5%" in warning.message and "95,0%" in warning.message
    row = result.indicators.set_index("indikator").loc["Persentase Aplikasi yang Terintegrasi"]
    assert row["agregasi"] == "kumulatif"  # the TW values stay the source of the number


def _tampered_capaian(value: float) -> bytes:
    """The form without column 12, the own capaian (12 / 7 %) of 'Persentase Aplikasi yang
    Terintegrasi' (76 of 80: 95 %) overwritten."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(real.build(real.Form(own_total=False))))
    sheet = book.active
    header = {sheet.cell(7, c).value: c for c in range(1, sheet.max_column + 1)}
    column = header["Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang Dievaluasi (%)"]
    for r in range(1, sheet.max_row + 1):
        if sheet.cell(r, 5).value == "Persentase Aplikasi yang Terintegrasi":
            sheet.cell(r, column).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("theirs", "warned"), [(95.4, False), (94.6, False), (95.6, True), (80.0, True)]
)
def test_the_files_own_capaian_off_by_more_than_half_a_point_is_a_warning(theirs, warned):
    result = read_upload(_tampered_capaian(theirs), "e81.xlsx")
    found = [p for p in result.warnings if "menurut berkas" in p.message]
    assert bool(found) == warned
    if warned:
        [warning] = found
        assert fmt_percent(theirs) in warning.message and "95,0%" in warning.message
        assert warning.row is not None  # on its row
    row = result.indicators.set_index("indikator").loc["Persentase Aplikasi yang Terintegrasi"]
    assert row["agregasi"] == "kumulatif"  # the TW values stay the source of the number
    assert row["realisasi_tw4"] == 16


def test_own_total_as_last_value_makes_the_row_akhir():
    result = read_upload(_tampered_col12(16), "e81.xlsx")  # the file says: the last TW
    row = result.indicators.set_index("indikator").loc["Persentase Aplikasi yang Terintegrasi"]
    assert row["agregasi"] == "akhir"
    assert not [p for p in result.warnings if "menurut berkas" in p.message]


def test_a_convention_proved_by_the_file_is_kept_against_the_rencana():
    from kinerja_core.ingest import apply_rencana

    result = _read(real.Form())
    plan = conform_indicators(result.indicators.assign(agregasi="akhir", realisasi_tw1=math.nan))
    checked = apply_rencana(result, plan)
    frame = checked.indicators.set_index("indikator")
    assert frame.loc["Persentase Aplikasi yang Terintegrasi", "agregasi"] == "kumulatif"
    assert any("berkas sendiri" in p.message for p in checked.warnings)


# --- repeated sheets, unknown bidang ---------------------------------------------------------
def test_an_indicator_repeated_on_another_sheet_counts_once_with_a_warning():
    header = ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"]
    row = ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata", "Dokumen", 50, 17]
    content = builders.write_xlsx(
        {"Statistik": [header, row], "Rekap": [header, row, ["2.20.02.2.01.0002", "B", "PD", 4, 1]]}
    )
    result = read_upload(content, "statistik_2024.xlsx")
    assert result.errors == []
    assert list(result.indicators["indikator"]) == ["Jumlah Dokumen Metadata", "B"]
    [warning] = [p for p in result.warnings if "sudah ada di sheet" in p.message]
    assert warning.sheet == "Rekap" and "'Statistik'" in warning.message


def test_a_bidang_not_in_the_rencana_is_named_and_left_to_the_operator():
    rows = [
        ["BIDANG TATA KELOLA DATA — TAHUN ANGGARAN 2024"],
        ["Kode", "Indikator", "Target 2024", "Realisasi TW I"],
        ["1.01", "A", 10, 1],
    ]
    known = ("Sekretariat", "Bidang Statistik")
    result = read_upload(builders.write_xlsx({"Data": rows}), "kiriman.xlsx", known_bidang=known)
    assert result.bidang == ""  # never silently a new bidang of the Dinas
    assert result.bidang_disebut == "Bidang Tata Kelola Data"
    assert any("'Bidang Tata Kelola Data'" in p.message for p in result.warnings)
    chosen = read_upload(
        builders.write_xlsx({"Data": rows}),
        "kiriman.xlsx",
        known_bidang=known,
        bidang="Bidang Statistik",
    )
    assert chosen.bidang == "Bidang Statistik"
    assert set(chosen.indicators["bidang"]) == {"Bidang Statistik"}


def test_a_meta_sheet_naming_a_bidang_not_in_the_rencana_is_named_and_left_to_the_operator():
    rows = [["Kode", "Indikator", "Target 2024", "Realisasi TW I"], ["1.01", "A", 10, 1]]
    meta = [["bidang", "Bidang Tata Kelola Data"], ["tahun", "2024"]]
    content = builders.write_xlsx({"Data": rows, "_meta": meta}, very_hidden=["_meta"])
    known = ("Sekretariat", "Bidang Statistik")
    result = read_upload(content, "kiriman.xlsx", known_bidang=known)
    assert result.bidang == "" and result.bidang_disebut == "Bidang Tata Kelola Data"
    [warning] = [p for p in result.warnings if "'Bidang Tata Kelola Data'" in p.message]
    assert "Sekretariat, Bidang Statistik" in warning.message  # the choices, by name
    assert "Pilih bidang" in warning.fix
    chosen = read_upload(content, "kiriman.xlsx", known_bidang=known, bidang="Sekretariat")
    assert chosen.bidang == "Sekretariat"
    assert set(chosen.indicators["bidang"]) == {"Sekretariat"}
