"""The shared example files (../shared/fixtures) rebuilt in code, cell for cell.

A fresh clone has no ../shared folder; these builders give the same files — same sheets,
cells, merged ranges, text-typed numbers, the formula cell of the injection file — so
tests/ingest/test_fixtures.py runs on them everywhere and, where the shared folder exists,
also on the originals (and checks both read alike). ``EXPECTED_CSV`` is the shared
expected.csv: the capaian per TW and the predikat worked out by hand.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from tests.ingest import builders

_TITLE = "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH"
_DINAS = "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN KABUPATEN LUWU TIMUR"


def _book(title: str, rows: dict[int, list[object]], merges: tuple[str, ...] = ()) -> bytes:
    """One sheet named ``title``; ``rows`` maps a 1-based row to its cells from column A
    (None = empty); openpyxl writes a text starting with '=' as a formula, as Excel has it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for r, cells in rows.items():
        for c, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    for merged in merges:
        sheet.merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _gabung(unit: str, bidang: str, program: str, lines: list[list[object]]) -> bytes:
    """The two-row merged header of the E.81 kept by hand: numbering row, a program row,
    the indicators, a blank row, JUMLAH, a blank row and the signature block."""
    rows: dict[int, list[object]] = {
        1: [_TITLE],
        2: [_DINAS],
        3: [f"{unit} — TAHUN ANGGARAN 2024"],
        5: [
            "No",
            "Kode",
            "Program / Kegiatan / Sub Kegiatan",
            "Indikator Kinerja Program (outcome)/ Kegiatan (output)",
            "Satuan",
            "Target Kinerja Renja Tahun 2024",
            "Realisasi Kinerja pada Triwulan",
            None,
            None,
            None,
            "Unit Penanggung Jawab",
        ],
        6: [None] * 6 + ["I", "II", "III", "IV"],
        7: list(range(1, 12)),
        9: [None, program, f"PROGRAM {program}"],
    }
    r = 10
    for no, line in enumerate(lines, start=1):
        rows[r] = [no, *line, bidang]
        r += 1
    rows[r + 1] = [None, None, "JUMLAH"]
    rows[r + 3] = [None] * 8 + ["Malili, 10 Januari 2025"]
    rows[r + 4] = [None] * 8 + ["KEPALA DINAS"]
    merges = ("A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:F6", "G5:J5", "K5:K6")
    return _book("Evaluasi Renja", rows, merges)


def sekretariat_gabung() -> bytes:
    return _gabung(
        "SEKRETARIAT",
        "Sekretariat",
        "2.16.01",
        [
            [
                "2.16.01.1.01.0001",
                "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                "Jumlah Dokumen Perencanaan Perangkat Daerah",
                "Dokumen",
                12,
                3,
                4,
                1,
                1,
            ],
            [
                "2.16.01.1.01.0007",
                "Evaluasi Kinerja Perangkat Daerah",
                "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah",
                "Laporan",
                4,
                1,
                1,
                1,
                1,
            ],
            [
                "2.16.01.1.02.0001",
                "Penyediaan Gaji dan Tunjangan ASN",
                "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
                "Orang/bulan",
                24,
                1,
                1,
                5,
                9,
            ],
        ],
    )


def persandian_gabung() -> bytes:
    return _gabung(
        "BIDANG PERSANDIAN",
        "Bidang Persandian",
        "2.21.02",
        [
            [
                "2.21.02.2.01.0004",
                "Pelaksanaan Keamanan Informasi Pemerintahan Daerah",
                "Jumlah Perangkat Daerah yang Menggunakan Layanan Keamanan Informasi",
                "PD",
                24,
                1,
                9,
                2,
                8,
            ],
            [
                "2.21.02.2.01.0005",
                "Pengelolaan Insiden Keamanan Siber",
                "Jumlah Insiden Keamanan Siber yang Berdampak pada Layanan",
                "Insiden",
                10,
                4,
                7,
                6,
                3,
            ],
        ],
    )


def statistik_rapi() -> bytes:
    header = [
        "No",
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja",
        "Satuan",
        "Polaritas",
        "Cara Perhitungan",
        "Target 2024",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Pagu Anggaran (Rp)",
        "Realisasi Anggaran TW I (Rp)",
        "Realisasi Anggaran TW II (Rp)",
        "Realisasi Anggaran TW III (Rp)",
        "Realisasi Anggaran TW IV (Rp)",
        "Keterangan",
    ]
    rows: dict[int, list[object]] = {
        1: [_TITLE],
        2: [_DINAS],
        3: ["BIDANG STATISTIK — TAHUN ANGGARAN 2024"],
        5: header,
        6: [1, "2.20.02.2.01.0001", "Membangun Metadata Statistik Sektoral"]
        + ["Jumlah Dokumen Metadata Statistik Sektoral", "Dokumen", "Positif", "Kumulatif"]
        + [50, 17, 12, 6, 11, 1043000000, 269098000, 175480000, 78597000, 204975000],
        7: [2, "2.20.02.2.01.0003", "Penyusunan Data Statistik Sektoral"]
        + ["Jumlah Perangkat Daerah yang Menyampaikan Data Statistik", "PD", "Positif"]
        + ["Kumulatif", 120, 19, 29, 37, 31, 1177000000, 243055000, 316292000]
        + [299722000, 299366000],
    }
    return _book("Kinerja", rows)


def informasi_teks() -> bytes:
    """Every number typed as Indonesian text, renamed and reordered headers, codes with
    stray spaces."""
    header = [
        "Kode Rekening",
        "Indikator",
        "Uraian Kegiatan",
        "Sat.",
        "Sifat Indikator",
        "Cara Hitung",
        "Real. TW-1",
        "Real. TW-2",
        "Real. TW-3",
        "Real. TW-4",
        "Target Tahunan",
        "Pagu (Rp)",
    ]
    lines = [
        [" 2.16.02.2.01.0021 ", "Jumlah Media Komunikasi Publik yang Dikelola"]
        + ["Pengelolaan Media Komunikasi Publik", "Media", "Positif", "Kumulatif"]
        + ["18", "11", "8", "13", "50 Media", "Rp 1.608.000.000,00"],
        [" 2.16.02.2.01.0023 ", "Jumlah Konten Informasi Publik yang Diproduksi"]
        + ["Penyusunan Konten", "Konten", "Positif", "Kumulatif"]
        + ["42", "10", "31", "34", "120 Konten", "Rp 657.000.000,00"],
        [" 2.16.02.2.01.0027 ", "Persentase Permohonan Informasi Publik yang Diselesaikan"]
        + ["Pelayanan Informasi Publik", "%", "Positif", "Akhir Periode"]
        + ["85,40%", "105,50%", "69,50%", "74,20%", "100%", "Rp 1.857.000.000,00"],
        [" 2.16.02.2.01.0028 ", "Rata-rata Waktu Penyelesaian Aduan Masyarakat"]
        + ["Monitoring Opini dan Aspirasi Publik", "Hari", "Negatif", "Akhir Periode"]
        + ["5", "13", "14", "8", "7 Hari", "Rp 898.000.000,00"],
    ]
    return _book("Sheet1", {1: header, **{r: line for r, line in enumerate(lines, start=2)}})


def aplikasi_titikkoma() -> bytes:
    """';'-separated, decimal comma, CRLF lines."""
    return builders.csv_bytes(
        [
            ["Kode", "Uraian", "Indikator Kinerja", "Satuan", "Polaritas", "Target"]
            + ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"],
            ["2.16.03.2.01.0003", "Penyelenggaraan Sistem Jaringan Intra Pemerintah Daerah"]
            + ["Jumlah Titik Jaringan Intra Pemerintah yang Terhubung", "Titik", "positif"]
            + ["350", "60", "67", "75", "106"],
            ["2.16.03.2.02.0005"]
            + ["Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik"]
            + ["Jumlah Aplikasi yang Dikembangkan", "Aplikasi", "positif"]
            + ["24", "7", "9", "6", "4"],
            ["2.16.03.2.02.0010", "Pengelolaan Pusat Data Pemerintahan"]
            + ["Persentase Ketersediaan Layanan Pusat Data", "%", "positif"]
            + ["90", "72,20", "69,50", "92,10", "69,90"],
            ["2.16.03.2.02.0012", "Pengembangan dan Pengelolaan Ekosistem Kota Cerdas"]
            + ["Indeks SPBE", "Indeks", "positif", "3,50", "3,50", "3,55", "3,64", "3,44"],
        ]
    )


def injeksi() -> bytes:
    """Text that a spreadsheet would run (one a real formula cell without a cached value),
    a negative realisasi typed as text and a target written as a word."""
    rows: dict[int, list[object]] = {
        1: ["Kode", "Uraian", "Indikator Kinerja", "Satuan", "Target", "Realisasi TW I"],
        2: ["2.16.02.2.01.0023", "Penyusunan Konten"]
        + ['=HYPERLINK("http://contoh.invalid","klik")', "Konten", 10, 3],
        3: ["2.16.02.2.01.0021", "Pengelolaan Media", "+SUM(1,2)", "Media", 4, "-1"],
        4: ["2.16.02.2.01.0021", "Pengelolaan Media", "@cmd", "Media", "sepuluh", 2],
    }
    return _book("Sheet", rows)


def kolom_salah() -> bytes:
    return _book("Sheet", {1: ["Nama", "Alamat", "Telepon"], 2: ["Budi", "Malili", "0812"]})


def kosong() -> bytes:
    return _book("Sheet", {})


def bukan_excel() -> bytes:
    return b"ini bukan file excel\n"


FILES = {
    "statistik_rapi.xlsx": statistik_rapi,
    "sekretariat_gabung.xlsx": sekretariat_gabung,
    "persandian_gabung.xlsx": persandian_gabung,
    "informasi_dan_komunikasi_publik_teks.xlsx": informasi_teks,
    "aplikasi_informatika_titikkoma.csv": aplikasi_titikkoma,
    "injeksi_dan_salah_isi.xlsx": injeksi,
    "kolom_salah.xlsx": kolom_salah,
    "kosong.xlsx": kosong,
    "bukan_excel.xlsx": bukan_excel,
    "bom_zip.xlsx": lambda: builders.zip_bomb(120),
}

EXPECTED_CSV = """\
file,bidang,kode,indikator,polaritas,agregasi,target,capaian_tw1,capaian_tw2,capaian_tw3,capaian_tw4,predikat_tw4
sekretariat_gabung.xlsx,Sekretariat,2.16.01.1.01.0001,Jumlah Dokumen Perencanaan Perangkat Daerah,positif,kumulatif,12.0,25.0,58.3333,66.6667,75.0,Sedang
sekretariat_gabung.xlsx,Sekretariat,2.16.01.1.01.0007,Jumlah Laporan Evaluasi Kinerja Perangkat Daerah,positif,kumulatif,4.0,25.0,50.0,75.0,100.0,Sangat Tinggi
sekretariat_gabung.xlsx,Sekretariat,2.16.01.1.02.0001,Jumlah Orang yang Menerima Gaji dan Tunjangan ASN,positif,kumulatif,24.0,4.1667,8.3333,29.1667,66.6667,Sedang
informasi_dan_komunikasi_publik_teks.xlsx,Bidang Informasi dan Komunikasi Publik,2.16.02.2.01.0021,Jumlah Media Komunikasi Publik yang Dikelola,positif,kumulatif,50.0,36.0,58.0,74.0,100.0,Sangat Tinggi
informasi_dan_komunikasi_publik_teks.xlsx,Bidang Informasi dan Komunikasi Publik,2.16.02.2.01.0023,Jumlah Konten Informasi Publik yang Diproduksi,positif,kumulatif,120.0,35.0,43.3333,69.1667,97.5,Sangat Tinggi
informasi_dan_komunikasi_publik_teks.xlsx,Bidang Informasi dan Komunikasi Publik,2.16.02.2.01.0027,Persentase Permohonan Informasi Publik yang Diselesaikan,positif,akhir,100.0,85.4,105.5,69.5,74.2,Sedang
informasi_dan_komunikasi_publik_teks.xlsx,Bidang Informasi dan Komunikasi Publik,2.16.02.2.01.0028,Rata-rata Waktu Penyelesaian Aduan Masyarakat,negatif,akhir,7.0,128.5714,14.2857,0.0,85.7143,Tinggi
aplikasi_informatika_titikkoma.csv,Bidang Aplikasi Informatika,2.16.03.2.01.0003,Jumlah Titik Jaringan Intra Pemerintah yang Terhubung,positif,kumulatif,350.0,17.1429,36.2857,57.7143,88.0,Tinggi
aplikasi_informatika_titikkoma.csv,Bidang Aplikasi Informatika,2.16.03.2.02.0005,Jumlah Aplikasi yang Dikembangkan,positif,kumulatif,24.0,29.1667,66.6667,91.6667,108.3333,Sangat Tinggi
aplikasi_informatika_titikkoma.csv,Bidang Aplikasi Informatika,2.16.03.2.02.0010,Persentase Ketersediaan Layanan Pusat Data,positif,akhir,90.0,80.2222,77.2222,102.3333,77.6667,Tinggi
aplikasi_informatika_titikkoma.csv,Bidang Aplikasi Informatika,2.16.03.2.02.0012,Indeks SPBE,positif,akhir,3.5,100.0,101.4286,104.0,98.2857,Sangat Tinggi
statistik_rapi.xlsx,Bidang Statistik,2.20.02.2.01.0001,Jumlah Dokumen Metadata Statistik Sektoral,positif,kumulatif,50.0,34.0,58.0,70.0,92.0,Sangat Tinggi
statistik_rapi.xlsx,Bidang Statistik,2.20.02.2.01.0003,Jumlah Perangkat Daerah yang Menyampaikan Data Statistik,positif,kumulatif,120.0,15.8333,40.0,70.8333,96.6667,Sangat Tinggi
persandian_gabung.xlsx,Bidang Persandian,2.21.02.2.01.0004,Jumlah Perangkat Daerah yang Menggunakan Layanan Keamanan Informasi,positif,kumulatif,24.0,4.1667,41.6667,50.0,83.3333,Tinggi
persandian_gabung.xlsx,Bidang Persandian,2.21.02.2.01.0005,Jumlah Insiden Keamanan Siber yang Berdampak pada Layanan,positif,kumulatif,10.0,40.0,110.0,170.0,200.0,Sangat Tinggi
"""  # noqa: E501 - expected.csv as shared, one indicator a line


def write_folder(folder: Path) -> Path:
    """Every shared example file and expected.csv, built, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in FILES.items():
        (folder / name).write_bytes(build())
    (folder / "expected.csv").write_text(EXPECTED_CSV, encoding="utf-8")
    return folder
