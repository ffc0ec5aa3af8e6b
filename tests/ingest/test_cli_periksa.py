"""`python -m kinerja_core periksa`: per file shape, bidang, tahun, rows, problems; exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest import builders

REPO = Path(__file__).resolve().parents[2]


def periksa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kinerja_core", "periksa", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def good_files(tmp_path) -> list[str]:
    rapi = [
        ["BIDANG STATISTIK — TAHUN ANGGARAN 2024"],
        [],
        ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
        ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata", "Dokumen", 50, 17],
        ["2.20.02.2.01.0003", "Jumlah PD", "PD", "120 PD", "19"],
    ]
    first = tmp_path / "statistik.xlsx"
    first.write_bytes(builders.write_xlsx({"Kinerja": rapi}))
    second = tmp_path / "persandian_2024.csv"
    second.write_bytes(
        builders.csv_bytes(
            [
                ["Kode", "Indikator", "Target", "Triwulan I"],
                ["2.21.02.2.01.0004", "Jumlah PD Terlayani", "24", "1"],
            ]
        )
    )
    return [str(first), str(second)]


def test_readable_files_exit_0_and_are_described(good_files):
    done = periksa(*good_files)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    expected = "statistik.xlsx — bentuk: tabel, bidang: Bidang Statistik, tahun: 2024, 2 indikator"
    assert expected in out
    assert "persandian_2024.csv — bentuk: CSV, bidang: Bidang Persandian, tahun: 2024" in out
    assert "2 dari 2 berkas terbaca tanpa kesalahan." in out
    assert "Traceback" not in out + done.stderr


def test_missing_file_is_a_message_and_exit_1(good_files):
    done = periksa(good_files[0], "tidak_ada.xlsx")
    assert done.returncode == 1
    assert "tidak_ada.xlsx" in done.stdout and "Berkas tidak ditemukan." in done.stdout
    assert "1 dari 2 berkas" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_hostile_files_exit_1_with_located_problems(tmp_path, good_files):
    bad = {
        "jahat.xlsx": builders.dimension_bomb(honest=False),
        "bom.xlsx": builders.zip_bomb(50),
        "kunci.xlsx": builders.ole2_encrypted_package(),
        "entitas.xlsx": builders.entity_in_shared_strings(),
    }
    paths = []
    for name, content in bad.items():
        path = tmp_path / name
        path.write_bytes(content)
        paths.append(str(path))
    done = periksa(*paths, good_files[0])
    assert done.returncode == 1
    out = done.stdout
    assert "menghentikan pembaca" in out
    assert "zip bomb" in out
    assert "terkunci kata sandi" in out
    assert "DTD/ENTITY" in out
    assert "Cara memperbaiki:" in out
    assert "1 dari 5 berkas terbaca tanpa kesalahan." in out
    assert "Traceback" not in out + done.stderr


def test_row_problems_name_sheet_row_and_column(tmp_path):
    path = tmp_path / "statistik_2024.xlsx"
    rows = [
        ["Kode", "Indikator", "Target", "Realisasi TW I"],
        ["1.01", "Jumlah A", "sepuluh", "-2"],
    ]
    path.write_bytes(builders.write_xlsx({"Data": rows}))
    done = periksa(str(path))
    assert done.returncode == 1
    assert "[KESALAHAN] sheet Data, baris 2, kolom Target (C):" in done.stdout
    assert "[KESALAHAN] sheet Data, baris 2, kolom Realisasi TW I (D):" in done.stdout


def test_shared_fixtures_folder(fixtures_dir):
    readable = [
        str(fixtures_dir / n)
        for n in (
            "statistik_rapi.xlsx",
            "sekretariat_gabung.xlsx",
            "persandian_gabung.xlsx",
            "informasi_dan_komunikasi_publik_teks.xlsx",
            "aplikasi_informatika_titikkoma.csv",
        )
    ]
    assert periksa(*readable, "--tahun", "2024").returncode == 0
    for name in ("bukan_excel.xlsx", "kosong.xlsx", "kolom_salah.xlsx", "bom_zip.xlsx"):
        done = periksa(str(fixtures_dir / name))
        assert done.returncode == 1, name
        assert "[KESALAHAN]" in done.stdout
        assert "Traceback" not in done.stdout + done.stderr
