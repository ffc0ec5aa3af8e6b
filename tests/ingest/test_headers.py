"""Header detection and column naming."""

from __future__ import annotations

import pytest

from kinerja_core.ingest.headers import classify, find_header, is_numbering_row, norm_label


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("No", "no"),
        ("Kode Rekening", "kode"),
        ("Program / Kegiatan / Sub Kegiatan", "uraian"),
        ("Uraian Kegiatan", "uraian"),
        ("Indikator Kinerja Program (outcome)/ Kegiatan (output)", "indikator"),
        ("Sat.", "satuan"),
        ("Sifat Indikator", "polaritas"),
        ("Cara Hitung", "agregasi"),
        ("Cara Perhitungan", "agregasi"),
        ("Target 2024", "target"),
        ("Target Tahunan", "target"),
        ("Target TW II", "target_tw2"),
        ("Real. TW-1", "realisasi_tw1"),
        ("Realisasi TW 3", "realisasi_tw3"),
        ("Real. Triwulan IV", "realisasi_tw4"),
        ("Triwulan II", "realisasi_tw2"),
        ("TW-I", "realisasi_tw1"),
        ("Realisasi Kinerja pada Triwulan III", "realisasi_tw3"),
        ("Realisasi Anggaran TW I (Rp)", "anggaran_tw1"),
        ("Realisasi Kinerja dan Anggaran Pada Triwulan I K", "realisasi_tw1"),
        ("Realisasi Kinerja dan Anggaran Pada Triwulan I Rp", "anggaran_tw1"),
        ("Pagu Anggaran (Rp)", "pagu"),
        ("Target Kinerja dan Anggaran Renja PD Tahun 2024 yang Dievaluasi Rp", "pagu"),
        ("Target Kinerja dan Anggaran Renja PD Tahun 2024 yang Dievaluasi K", "target"),
        ("Target Renstra PD pada Tahun 2026 K", "target_renstra"),
        (
            "Realisasi Capaian Kinerja Renstra PD s/d Renja PD Tahun Lalu K",
            "realisasi_renstra_lalu",
        ),
        # the file's own results, read to check ours (never trusted blindly)
        ("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi K", "realisasi_total"),
        ("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi Rp", "anggaran_total"),
        ("Realisasi Capaian Kinerja dan Anggaran RKPD yang Dievaluasi K", "realisasi_total"),
        ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja (%) K", "capaian_total"),
        ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja (%) Rp", "_ignored"),
        ("Capaian (%)", "capaian_total"),
        ("Capaian TW II (%)", "capaian_tw2"),
        ("Realisasi Kinerja pada Triwulan III %", "capaian_tw3"),
        # E.81 columns 13 and 14 (Renstra / RPJMD to date): recomputed, never read
        ("Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun 2024 K", "_ignored"),
        (
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun 2024 (%) K",
            "_ignored",
        ),
        ("Target RPJMD Kabupaten pada Tahun 2021 (Akhir Periode RPJMD) K", "target_renstra"),
        (
            "Realisasi Capaian Kinerja RPJMD sampai dengan RKPD Tahun Lalu K",
            "realisasi_renstra_lalu",
        ),
        ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", "uraian"),
        ("Unit Penanggung Jawab", "bidang"),
        ("Faktor Pendorong", "faktor_pendorong"),
        ("Faktor Penghambat", "faktor_penghambat"),
        ("Tindak Lanjut", "tindak_lanjut"),
        ("Keterangan", "keterangan"),
        ("Sasaran", "sasaran"),
        ("Nama", None),
        ("Alamat", None),
    ],
)
def test_classify(label, field):
    assert classify(norm_label(label)) == field


def test_two_row_merged_header_with_numbering_row():
    rows = [
        ["JUDUL"],
        [
            "No",
            "Kode",
            "Indikator",
            "Target 2024",
            "Realisasi Kinerja pada Triwulan",
            "",
            "",
            "",
            "Unit",
        ],
        ["", "", "", "", "I", "II", "III", "IV", ""],
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, "1.01", "A", 10, 1, 2, 3, 4, "Sekretariat"],
    ]
    header = find_header(rows)
    assert header.row == 1 and header.n_rows == 3
    assert header.fields["realisasi_tw1"] == 4
    assert header.fields["realisasi_tw4"] == 7
    assert header.fields["bidang"] == 8
    assert header.labels[5] == "Realisasi Kinerja pada Triwulan II"


def test_group_label_does_not_spill_into_the_next_group():
    rows = [
        ["Kode", "Indikator", "Target K/Rp", "", "Realisasi Triwulan", "", "", "", "Capaian", ""],
        ["", "", "", "", "I", "", "II", "", "", ""],
        ["", "", "K", "Rp", "K", "Rp", "K", "Rp", "K", "Rp"],
    ]
    header = find_header(rows)
    assert header.labels[5] == "Realisasi Triwulan I Rp"
    assert header.labels[9] == "Capaian Rp"  # not "Capaian II Rp"
    assert header.fields["anggaran_tw2"] == 7
    assert header.fields["pagu"] == 3


def test_no_header_in_unrelated_table():
    assert find_header([["Nama", "Alamat", "Telepon"], ["Budi", "Malili", "0812"]]) is None


def test_sentences_are_not_headers():
    rows = [["Indikator kualitatif", "Bila targetnya berupa kata, isi realisasi dengan Baik."]]
    assert find_header(rows) is None


def test_numbering_row():
    assert is_numbering_row([1, 2, 3, 4, 5])
    assert is_numbering_row(["(1)", "(2)", "(3)", "(4)"])
    assert is_numbering_row([1, 2, 3, "12 = 8+9+10+11"])
    assert not is_numbering_row([1, "1.01", "A", 10])
    assert not is_numbering_row([5, 3, 9])


@pytest.mark.parametrize(
    ("label", "measure", "scale"),
    [
        ("K", "k", 1.0),
        ("Kinerja", "k", 1.0),
        ("Rp", "rp", 1.0),
        ("Rp. (000)", "rp", 1e3),
        ("Rp (juta)", "rp", 1e6),
        ("Anggaran", "rp", 1.0),
        ("Anggaran (Rp)", "rp", 1.0),
        ("Anggaran (Rp. 000)", "rp", 1e3),
        ("Anggaran (Rp juta)", "rp", 1e6),
        ("Keuangan (Rp)", "rp", 1.0),
        ("%", "pct", 1.0),
        ("Anggaran RPJMD", "", 1.0),  # a word that starts like Rp is not an amount
    ],
)
def test_sub_labels_and_the_unit_of_their_amounts(label, measure, scale):
    from kinerja_core.ingest.headers import measure_of, rp_scale

    assert measure_of(label) == measure
    assert rp_scale(label) == scale
