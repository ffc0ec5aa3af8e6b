"""Recognising the bidang and the tahun."""

from __future__ import annotations

import pytest

from kinerja_core.ingest import KNOWN_BIDANG, match_bidang
from kinerja_core.ingest.bidang import (
    bidang_from_lines,
    tahun_from_filename,
    tahun_from_header,
    tahun_from_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bidang Statistik", "Bidang Statistik"),
        ("BIDANG STATISTIK", "Bidang Statistik"),
        ("statistik", "Bidang Statistik"),
        ("statistik_rapi", "Bidang Statistik"),
        ("informasi_dan_komunikasi_publik_teks", "Bidang Informasi dan Komunikasi Publik"),
        ("Bidang Informasi & Komunikasi Publik", "Bidang Informasi dan Komunikasi Publik"),
        ("IKP", "Bidang Informasi dan Komunikasi Publik"),
        ("SEKRETARIAT", "Sekretariat"),
        ("sekretariat_gabung", "Sekretariat"),
        ("Bidang Aplikasi Informatika — TA 2024", "Bidang Aplikasi Informatika"),
        ("BIDANG PERSANDIAN — TAHUN ANGGARAN 2024", "Bidang Persandian"),
        ("Dinas Komunikasi, Informatika, Statistik dan Persandian", ""),
        ("Bidang Perencanaan", ""),
        ("", ""),
    ],
)
def test_match_bidang(text, expected):
    assert match_bidang(text, KNOWN_BIDANG) == expected


def test_match_bidang_with_a_custom_list():
    assert match_bidang("bidang kesehatan masyarakat", ["Bidang Kesehatan Masyarakat"]) == (
        "Bidang Kesehatan Masyarakat"
    )


def test_title_lines_skip_the_dinas_name():
    lines = [
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
        "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN KABUPATEN LUWU TIMUR",
        "BIDANG PERSANDIAN — TAHUN ANGGARAN 2024",
    ]
    assert bidang_from_lines(lines) == "Bidang Persandian"
    assert bidang_from_lines(["Laporan kinerja Bidang Statistik tahun 2024"]) == (
        "Bidang Statistik"
    )


def test_tahun():
    assert tahun_from_text("BIDANG STATISTIK — TAHUN ANGGARAN 2024") == 2024
    assert tahun_from_text("Periode Pelaksanaan: Triwulan IV TA. 2023") == 2023
    assert tahun_from_text("Kabupaten Luwu Timur") is None
    assert tahun_from_header("Target 2024") == 2024
    assert tahun_from_header("Target Kinerja Renja Tahun 2024") == 2024
    assert tahun_from_header("Realisasi 2024") is None
    assert tahun_from_filename("statistik_2024_tw3.xlsx") == 2024
    assert tahun_from_filename("statistik.xlsx") is None
