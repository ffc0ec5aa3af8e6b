"""The shared example files: what bidang really send, and expected.csv.

Every test runs on the files rebuilt in code (tests/ingest/shared_builders.py), so a fresh
clone runs them all; where ../shared/fixtures exists they also run on the originals, and the
rebuilt files must read exactly like them."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja_core import formulas
from kinerja_core.ingest import read_upload, read_upload_safely
from kinerja_core.model import REALISASI_TW, conform_anggaran, conform_indicators
from tests.ingest import shared_builders

FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures"
# "kode": built in tests/; "shared": the originals, only where the folder is present (never a
# skip: the parameter is simply not there).
SOURCES = ["kode"] + (["shared"] if FIXTURES.is_dir() else [])

READABLE = [
    "statistik_rapi.xlsx",
    "sekretariat_gabung.xlsx",
    "persandian_gabung.xlsx",
    "informasi_dan_komunikasi_publik_teks.xlsx",
    "aplikasi_informatika_titikkoma.csv",
]


def _content(name: str, source: str) -> bytes:
    if source == "shared":
        return (FIXTURES / name).read_bytes()
    return shared_builders.FILES[name]()


@pytest.fixture(params=SOURCES)
def source(request) -> str:
    return request.param


def _read(name: str, source: str = "kode", **kwargs):
    return read_upload(_content(name, source), name, **kwargs)


def _expected() -> list[dict]:
    return list(csv.DictReader(io.StringIO(shared_builders.EXPECTED_CSV)))


def _ids(rows: list[dict]) -> list[str]:
    return [f"{r['file']}:{r['kode']}" for r in rows]


EXPECTED = _expected()


@pytest.mark.parametrize("name", READABLE)
def test_every_readable_fixture_reads_without_errors_given_the_year(name, source):
    result = _read(name, source, tahun=2024)
    assert result.errors == [], [p.message for p in result.errors]
    assert result.ok
    assert result.tahun == 2024
    # canonical frames, exactly as model.conform_* would shape them
    pd.testing.assert_frame_equal(result.indicators, conform_indicators(result.indicators))
    pd.testing.assert_frame_equal(result.anggaran, conform_anggaran(result.anggaran))
    expected_rows = [r for r in EXPECTED if r["file"] == name]
    assert len(result.indicators) == len(expected_rows)
    assert set(result.indicators["bidang"]) == {expected_rows[0]["bidang"]}
    assert result.bidang == expected_rows[0]["bidang"]


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("statistik_rapi.xlsx", "tabel"),
        ("sekretariat_gabung.xlsx", "tabel-gabung"),
        ("persandian_gabung.xlsx", "tabel-gabung"),
        ("informasi_dan_komunikasi_publik_teks.xlsx", "tabel"),
        ("aplikasi_informatika_titikkoma.csv", "csv"),
    ],
)
def test_shape_is_named(name, shape, source):
    assert _read(name, source, tahun=2024).shape == shape


def test_year_comes_from_title_rows_and_headers_when_present(source):
    for name in ("statistik_rapi.xlsx", "sekretariat_gabung.xlsx", "persandian_gabung.xlsx"):
        result = _read(name, source)
        assert result.tahun == 2024
        assert result.ok


def test_year_missing_from_file_is_an_error_that_asks_to_choose(source):
    result = _read("aplikasi_informatika_titikkoma.csv", source)
    messages = [p.message for p in result.errors]
    assert any("Tahun tidak dikenali" in m for m in messages)
    assert any("Pilih tahun" in p.fix for p in result.errors)
    assert len(result.indicators) == 4  # the rows are still read


@pytest.mark.parametrize("row", EXPECTED, ids=_ids(EXPECTED))
def test_expected_csv_row(row, source):
    result = _read(row["file"], source, tahun=2024)
    frame = result.indicators
    match = frame[(frame["kode"] == row["kode"]) & (frame["indikator"] == row["indikator"])]
    assert len(match) == 1, f"{row['kode']} {row['indikator']} not found once"
    got = match.iloc[0]
    assert got["bidang"] == row["bidang"]
    assert got["polaritas"] == row["polaritas"]
    assert got["agregasi"] == row["agregasi"]
    assert got["target"] == pytest.approx(float(row["target"]))
    realisasi = got[REALISASI_TW].to_numpy(dtype=float).reshape(1, 4)
    for tw in (1, 2, 3, 4):
        upto = formulas.realisasi_sampai(realisasi, [got["agregasi"]], tw)[0]
        values = realisasi[0, :tw]
        if got["agregasi"] == "kumulatif":
            assert upto == pytest.approx(np.nansum(values))
        elif got["agregasi"] == "akhir":
            assert upto == pytest.approx(values[~np.isnan(values)][-1])
        value = formulas.capaian(got["target"], upto, got["polaritas"])[0]
        assert value == pytest.approx(float(row[f"capaian_tw{tw}"]), abs=1e-3)
    final = formulas.realisasi_sampai(realisasi, [got["agregasi"]], 4)
    capaian4 = formulas.capaian(got["target"], final, got["polaritas"])
    assert formulas.predikat(capaian4)[0] == row["predikat_tw4"]


def test_pagu_per_row_becomes_one_anggaran_row_per_kode(source):
    result = _read("statistik_rapi.xlsx", source)
    ang = result.anggaran.set_index("kode")
    assert list(ang.index) == ["2.20.02.2.01.0001", "2.20.02.2.01.0003"]
    assert ang.loc["2.20.02.2.01.0001", "pagu"] == 1_043_000_000
    assert ang.loc["2.20.02.2.01.0003", "anggaran_tw2"] == 316_292_000
    teks = _read("informasi_dan_komunikasi_publik_teks.xlsx", source, tahun=2024).anggaran
    assert teks.set_index("kode").loc["2.16.02.2.01.0021", "pagu"] == 1_608_000_000


def test_text_numbers_codes_and_units_are_understood(source):
    result = _read("informasi_dan_komunikasi_publik_teks.xlsx", source, tahun=2024)
    frame = result.indicators.set_index("kode")
    assert all(" " not in k for k in frame.index)  # stray spaces stripped
    assert frame.loc["2.16.02.2.01.0027", "realisasi_tw1"] == pytest.approx(85.4)
    assert frame.loc["2.16.02.2.01.0027", "satuan"] == "%"
    assert frame.loc["2.16.02.2.01.0021", "target"] == 50  # "50 Media"
    assert frame.loc["2.16.02.2.01.0028", "polaritas"] == "negatif"


def test_gabung_skips_numbering_program_jumlah_and_signature_rows_and_keeps_row_numbers(source):
    result = _read("sekretariat_gabung.xlsx", source)
    assert list(result.indicators["baris"]) == [10, 11, 12]
    assert result.problems == []  # nothing dropped silently, nothing to report either


def test_injeksi_reports_each_problem_on_its_row(source):
    result = _read(
        "injeksi_dan_salah_isi.xlsx",
        source,
        tahun=2024,
        bidang="Bidang Informasi dan Komunikasi Publik",
    )
    by_row = {}
    for problem in result.problems:
        by_row.setdefault(problem.row, []).append(problem)
    row2 = " ".join(p.message for p in by_row[2])
    assert "Indikator kosong" in row2 or "kolom Indikator kosong" in row2
    row3 = [p for p in by_row[3]]
    assert any(p.level == "warning" and "+SUM(1,2)" in p.message for p in row3)
    assert any(p.level == "error" and "negatif" in p.message for p in row3)
    assert any(p.column.startswith("Realisasi TW I") for p in row3 if "negatif" in p.message)
    row4 = by_row[4]
    assert any("@cmd" in p.message for p in row4)
    target = [p for p in row4 if "sepuluh" in p.message]
    assert target and target[0].level == "error" and "(10)" in target[0].fix
    # formula-looking text stays plain text in the frame
    assert set(result.indicators["indikator"]) == {"+SUM(1,2)", "@cmd"}
    assert not result.ok


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("bukan_excel.xlsx", "bukan file Excel"),
        ("kosong.xlsx", "tidak berisi data"),
        ("kolom_salah.xlsx", "Tidak ditemukan tabel kinerja"),
        ("bom_zip.xlsx", "zip bomb"),
    ],
)
def test_broken_fixtures_are_refused_with_a_clear_message(name, needle, source):
    result = read_upload_safely(_content(name, source), name)
    assert not result.ok
    assert len(result.errors) == 1
    problem = result.errors[0]
    assert needle in problem.message
    assert problem.fix
    assert problem.file == name
    assert result.indicators.empty


def test_kolom_salah_names_the_expected_and_the_found_columns(source):
    result = _read("kolom_salah.xlsx", source)
    problem = result.errors[0]
    assert "Nama, Alamat, Telepon" in problem.message
    assert "Indikator" in problem.fix and "Realisasi TW" in problem.fix


def test_safely_gives_the_same_rows_as_in_process(source):
    for name in READABLE:
        content = _content(name, source)
        fast = read_upload(content, name, tahun=2024)
        safe = read_upload_safely(content, name, tahun=2024)
        pd.testing.assert_frame_equal(fast.indicators, safe.indicators)
        pd.testing.assert_frame_equal(fast.anggaran, safe.anggaran)
        assert fast.problems == safe.problems
        assert not math.isnan(safe.indicators["target"].iloc[0])


if FIXTURES.is_dir():  # defined only where the originals are: a fresh clone has no skip

    @pytest.mark.parametrize("name", sorted(set(shared_builders.FILES) - {"bom_zip.xlsx"}))
    def test_the_files_built_in_code_read_exactly_like_the_shared_originals(name):
        kwargs = {"tahun": 2024, "bidang": "Bidang Informasi dan Komunikasi Publik"}
        built = read_upload(shared_builders.FILES[name](), name, **kwargs)
        original = read_upload((FIXTURES / name).read_bytes(), name, **kwargs)
        pd.testing.assert_frame_equal(built.indicators, original.indicators)
        pd.testing.assert_frame_equal(built.anggaran, original.anggaran)
        assert [p.message for p in built.problems] == [p.message for p in original.problems]

    def test_expected_csv_is_the_shared_one():
        shared = (FIXTURES / "expected.csv").read_text(encoding="utf-8")
        assert shared.splitlines() == shared_builders.EXPECTED_CSV.splitlines()
