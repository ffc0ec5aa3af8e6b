"""The demo dataset: Diskominfo-SP Kabupaten Luwu Timur, tahun 2023 and 2024.

Owns the hand-written (deterministic, no randomness) rencana and realisasi of five bidang
with real Kepmendagri nomenclature: program outcome indicators (kode = program), kegiatan
output indicators and sub kegiatan indicators, with pagu and realisasi anggaran per TW on
the sub kegiatan rows. ``demo_frames(tahun)`` returns the canonical frames;
``python -m kinerja_core.demo --keluaran data/demo`` writes the filled collection-format
workbooks each bidang would send back (``data/demo/<tahun>/<slug>.xlsx``).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_core.model import (
    ANGGARAN_TW,
    BIDANG_SEKRETARIAT,
    REALISASI_TW,
    conform_anggaran,
    conform_indicators,
)
from kinerja_core.template import build_format, slug

DINAS = "Dinas Komunikasi, Informatika, Statistik dan Persandian"
KABUPATEN = "Luwu Timur"
BIDANG_IKP = "Bidang Informasi dan Komunikasi Publik"
BIDANG_APTIKA = "Bidang Aplikasi Informatika"
BIDANG_STATISTIK = "Bidang Statistik"
BIDANG_PERSANDIAN = "Bidang Persandian"
BIDANG: list[str] = [
    BIDANG_SEKRETARIAT,
    BIDANG_IKP,
    BIDANG_APTIKA,
    BIDANG_STATISTIK,
    BIDANG_PERSANDIAN,
]
DEMO_YEARS = (2023, 2024)

_PROGRAM_BIDANG = {
    "2.16.01": BIDANG_SEKRETARIAT,
    "2.16.02": BIDANG_IKP,
    "2.16.03": BIDANG_APTIKA,
    "2.20.02": BIDANG_STATISTIK,
    "2.21.02": BIDANG_PERSANDIAN,
}

# Program, kegiatan and sub kegiatan names (Kepmendagri nomenclature).
URAIAN: dict[str, str] = {
    # Sekretariat
    "2.16.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    "2.16.01.1.01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "2.16.01.1.01.0001": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    "2.16.01.1.01.0007": "Evaluasi Kinerja Perangkat Daerah",
    "2.16.01.1.02": "Administrasi Keuangan Perangkat Daerah",
    "2.16.01.1.02.0001": "Penyediaan Gaji dan Tunjangan ASN",
    "2.16.01.1.02.0005": "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
    "2.16.01.1.05": "Administrasi Kepegawaian Perangkat Daerah",
    "2.16.01.1.05.0009": "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
    "2.16.01.1.06": "Administrasi Umum Perangkat Daerah",
    "2.16.01.1.06.0009": "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
    "2.16.01.1.08": "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "2.16.01.1.08.0002": "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "2.16.01.1.09": "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    "2.16.01.1.09.0002": (
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan "
        "Kendaraan Dinas Operasional atau Lapangan"
    ),
    # Bidang Informasi dan Komunikasi Publik
    "2.16.02": "PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK",
    "2.16.02.2.01": (
        "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota"
    ),
    "2.16.02.2.01.0021": "Pengelolaan Media Komunikasi Publik",
    "2.16.02.2.01.0023": "Penyusunan Konten",
    "2.16.02.2.01.0025": "Penguatan Kapasitas Sumber Daya Komunikasi Publik",
    "2.16.02.2.01.0026": "Layanan Hubungan Media",
    "2.16.02.2.01.0027": "Pelayanan Informasi Publik",
    "2.16.02.2.01.0028": "Monitoring Opini dan Aspirasi Publik",
    # Bidang Aplikasi Informatika
    "2.16.03": "PROGRAM APLIKASI INFORMATIKA",
    "2.16.03.2.01": (
        "Pengelolaan Nama Domain yang Telah Ditetapkan oleh Pemerintah Pusat dan Sub Domain "
        "di Lingkup Pemerintah Daerah Kabupaten/Kota"
    ),
    "2.16.03.2.01.0001": "Pengelolaan Nama Domain dan Sub Domain Pemerintah Daerah",
    "2.16.03.2.01.0003": "Penyelenggaraan Sistem Jaringan Intra Pemerintah Daerah",
    "2.16.03.2.02": "Pengelolaan e-government di Lingkup Pemerintah Daerah Kabupaten/Kota",
    "2.16.03.2.02.0005": (
        "Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik"
    ),
    "2.16.03.2.02.0008": "Pengelolaan Sumber Daya Teknologi Informasi dan Komunikasi",
    "2.16.03.2.02.0010": "Pengelolaan Pusat Data Pemerintahan",
    "2.16.03.2.02.0012": "Pengembangan dan Pengelolaan Ekosistem Kota Cerdas",
    "2.16.03.2.02.0014": "Penyelenggaraan Sistem Penghubung Layanan Pemerintah",
    # Bidang Statistik
    "2.20.02": "PROGRAM PENYELENGGARAAN STATISTIK SEKTORAL",
    "2.20.02.2.01": "Penyelenggaraan Statistik Sektoral di Lingkup Daerah Kabupaten/Kota",
    "2.20.02.2.01.0001": "Membangun Metadata Statistik Sektoral",
    "2.20.02.2.01.0002": (
        "Koordinasi dan Sinkronisasi Pengumpulan, Pengolahan, Analisis dan Diseminasi "
        "Data Statistik Sektoral"
    ),
    "2.20.02.2.01.0003": "Penyusunan Data Statistik Sektoral",
    "2.20.02.2.01.0004": "Peningkatan Kapasitas Sumber Daya Manusia Statistik Sektoral",
    # Bidang Persandian
    "2.21.02": "PROGRAM PENYELENGGARAAN PERSANDIAN UNTUK PENGAMANAN INFORMASI",
    "2.21.02.2.01": (
        "Penyelenggaraan Persandian untuk Pengamanan Informasi Pemerintah Daerah Kabupaten/Kota"
    ),
    "2.21.02.2.01.0001": "Penyediaan Layanan Sertifikat Elektronik",
    "2.21.02.2.01.0002": "Penanganan Insiden Keamanan Informasi",
    "2.21.02.2.01.0004": "Pelaksanaan Keamanan Informasi Pemerintahan Daerah",
    "2.21.02.2.01.0005": "Pengelolaan Insiden Keamanan Siber",
    "2.21.02.2.02": (
        "Penetapan Pola Hubungan Komunikasi Sandi antar Perangkat Daerah Kabupaten/Kota"
    ),
    "2.21.02.2.02.0001": ("Penyusunan Pola Hubungan Komunikasi Sandi antar Perangkat Daerah"),
}

Values = tuple[float | None, float | None, float | None, float | None]


@dataclass(frozen=True)
class _Ind:
    """One indicator with its 2024 and 2023 target and realisasi TW I–IV.

    A qualitative indicator has a text target ("Baik") and a text realisasi.
    """

    kode: str
    indikator: str
    satuan: str
    polaritas: str
    agregasi: str
    t24: float | str
    r24: Values | str
    t23: float | str
    r23: Values | str
    pendorong: str = ""
    penghambat: str = ""
    tindak_lanjut: str = ""
    keterangan: str = ""
    teks23: dict = field(default_factory=dict)  # 2023 overrides of the four texts


_N = None  # not reported in that triwulan

_INDICATORS: list[_Ind] = [
    # ---------------------------------------------------------------- Sekretariat
    _Ind(
        "2.16.01",
        "Nilai Evaluasi SAKIP Perangkat Daerah",
        "Nilai",
        "positif",
        "akhir",
        72,
        (_N, _N, _N, 70.15),
        70,
        (_N, _N, _N, 66.4),
        "Pendampingan intensif dari Inspektorat dalam penyusunan dokumen SAKIP",
        "Cascading kinerja sampai level pelaksana belum seluruhnya selesai",
        "Menyelesaikan cascading kinerja dan pohon kinerja seluruh bidang pada TW I",
    ),
    _Ind(
        "2.16.01",
        "Kualitas Pelayanan Administrasi Perkantoran",
        "Kategori",
        "positif",
        "akhir",
        "Baik",
        "Baik",
        "Baik",
        "Cukup",
        "Penerapan tata naskah dinas elektronik (Srikandi)",
        keterangan="Hasil survei kepuasan internal pegawai",
    ),
    _Ind(
        "2.16.01.1.01",
        "Persentase Dokumen Perencanaan dan Evaluasi yang Disusun Tepat Waktu",
        "%",
        "positif",
        "akhir",
        100,
        (100, 100, 90, 95),
        100,
        (100, 85, 80, 90),
        "Jadwal penyusunan dokumen mengikuti kalender perencanaan Bappeda",
        "Renja Perubahan terlambat karena menunggu penetapan KUA-PPAS Perubahan",
    ),
    _Ind(
        "2.16.01.1.01.0001",
        "Jumlah Dokumen Perencanaan Perangkat Daerah",
        "Dokumen",
        "positif",
        "kumulatif",
        12,
        (3, 4, 1, 1),
        12,
        (2, 4, 2, 1),
        "Koordinasi yang baik dengan Bappeda",
        "Sebagian dokumen perubahan tidak disusun karena tidak ada perubahan anggaran",
        "Menyesuaikan target jumlah dokumen dengan siklus perencanaan tahun berikutnya",
    ),
    _Ind(
        "2.16.01.1.01.0007",
        "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah",
        "Laporan",
        "positif",
        "kumulatif",
        4,
        (1, 1, 1, 1),
        4,
        (1, 1, 1, 1),
        "Laporan evaluasi triwulanan disusun sesuai jadwal",
    ),
    _Ind(
        "2.16.01.1.02",
        "Persentase Laporan Keuangan yang Disusun Tepat Waktu",
        "%",
        "positif",
        "akhir",
        100,
        (100, 100, 100, 100),
        100,
        (100, 100, 92, 100),
        "Bendahara dan PPK-SKPD telah bersertifikat",
    ),
    _Ind(
        "2.16.01.1.02.0001",
        "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
        "Orang/bulan",
        "positif",
        "rata-rata",
        62,
        (60, 61, 61, 62),
        58,
        (55, 56, 57, 57),
        "Data kepegawaian pada SIMPEG mutakhir",
        keterangan="Termasuk ASN PPPK formasi 2024",
    ),
    _Ind(
        "2.16.01.1.02.0005",
        "Jumlah Laporan Keuangan Akhir Tahun SKPD yang Disusun",
        "Laporan",
        "positif",
        "kumulatif",
        1,
        (1, 0, 0, 0),
        1,
        (1, 0, 0, 0),
        "Rekonsiliasi aset dan kas dilakukan rutin setiap bulan",
    ),
    _Ind(
        "2.16.01.1.05.0009",
        "Jumlah Pegawai Berdasarkan Tugas dan Fungsi yang Mengikuti Pendidikan dan Pelatihan",
        "Orang",
        "positif",
        "kumulatif",
        20,
        (0, 3, 4, 4),
        15,
        (0, 2, 5, 3),
        "",
        "Rasionalisasi anggaran perjalanan dinas; jadwal diklat dari penyelenggara "
        "berbenturan dengan kegiatan prioritas",
        "Mengusulkan diklat daring dan kerja sama dengan BPSDM Provinsi Sulawesi Selatan",
    ),
    _Ind(
        "2.16.01.1.06.0009",
        "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "Laporan",
        "positif",
        "kumulatif",
        12,
        (3, 3, 3, 2),
        12,
        (3, 3, 2, 3),
        "Rapat koordinasi terjadwal setiap bulan",
    ),
    _Ind(
        "2.16.01.1.08.0002",
        "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "Laporan",
        "positif",
        "kumulatif",
        12,
        (3, 3, 3, 3),
        12,
        (3, 3, 3, 3),
    ),
    _Ind(
        "2.16.01.1.09.0002",
        "Jumlah Kendaraan Dinas Operasional yang Dipelihara dan Dibayarkan Pajak dan Perizinannya",
        "Unit",
        "positif",
        "akhir",
        14,
        (14, 13, 12, 12),
        13,
        (13, 13, 13, 12),
        "",
        "Dua unit kendaraan rusak berat dan diusulkan untuk dihapus",
        "Mengusulkan penghapusan dua unit kendaraan ke BPKAD",
    ),
    # ------------------------------------------- Bidang Informasi dan Komunikasi Publik
    _Ind(
        "2.16.02",
        "Persentase Informasi Publik yang Terpublikasi dan Dapat Diakses Masyarakat",
        "%",
        "positif",
        "akhir",
        95,
        (80, 84, 88, 93),
        90,
        (70, 75, 79, 84),
        "Portal PPID dan media sosial resmi dikelola setiap hari",
        tindak_lanjut="Integrasi daftar informasi publik seluruh PPID pembantu",
    ),
    _Ind(
        "2.16.02",
        "Kategori Pengelolaan Pengaduan Masyarakat melalui SP4N-LAPOR!",
        "Kategori",
        "positif",
        "akhir",
        "Baik",
        "Cukup",
        "Baik",
        "Cukup",
        "",
        "Sebagian admin penghubung di perangkat daerah belum aktif menindaklanjuti aduan",
        "Bimbingan teknis admin SP4N-LAPOR! untuk seluruh perangkat daerah",
    ),
    _Ind(
        "2.16.02.2.01",
        "Persentase Perangkat Daerah yang Menyebarluaskan Informasi Kebijakan melalui "
        "Media Pemerintah",
        "%",
        "positif",
        "akhir",
        85,
        (60, 68, 75, 80),
        80,
        (50, 58, 63, 70),
        "Dukungan pimpinan daerah terhadap kanal informasi resmi",
    ),
    _Ind(
        "2.16.02.2.01.0021",
        "Jumlah Media Komunikasi Publik yang Dikelola",
        "Media",
        "positif",
        "kumulatif",
        50,
        (18, 11, 8, 13),
        45,
        (15, 10, 9, 7),
        "Kerja sama dengan radio, media daring dan media cetak lokal",
    ),
    _Ind(
        "2.16.02.2.01.0023",
        "Jumlah Konten Informasi Publik yang Diproduksi",
        "Konten",
        "positif",
        "kumulatif",
        120,
        (42, 10, 31, 34),
        100,
        (25, 22, 20, 24),
        "Tim konten kreatif bertambah dua orang",
        "Peralatan produksi video terbatas",
        "Pengadaan peralatan produksi konten pada tahun berikutnya",
    ),
    _Ind(
        "2.16.02.2.01.0025",
        "Jumlah SDM Komunikasi Publik yang Ditingkatkan Kapasitasnya",
        "Orang",
        "positif",
        "kumulatif",
        40,
        (0, 0, 10, 12),
        30,
        (0, 8, 6, 8),
        "",
        "Pelatihan baru dapat dilaksanakan pada TW III karena menunggu narasumber dari "
        "Kementerian Kominfo",
        "Menjadwalkan pelatihan sejak TW I dan memanfaatkan narasumber lokal",
    ),
    _Ind(
        "2.16.02.2.01.0026",
        "Jumlah Kerja Sama Publikasi dengan Media Massa",
        "Kerja Sama",
        "positif",
        "kumulatif",
        25,
        (2, 5, 6, 4),
        20,
        (4, 5, 5, 4),
        "",
        "Pemotongan anggaran belanja jasa publikasi pada APBD Perubahan",
        "Memprioritaskan media dengan jangkauan terluas",
    ),
    _Ind(
        "2.16.02.2.01.0027",
        "Persentase Permohonan Informasi Publik yang Diselesaikan",
        "%",
        "positif",
        "akhir",
        100,
        (85.4, 92.0, 69.5, 74.2),
        100,
        (80.0, 82.5, 85.0, 88.0),
        "",
        "Beberapa permohonan memerlukan koordinasi dengan perangkat daerah pemilik data",
        "Menetapkan SOP layanan informasi dan batas waktu tanggapan PPID pembantu",
    ),
    _Ind(
        "2.16.02.2.01.0028",
        "Rata-rata Waktu Penyelesaian Aduan Masyarakat",
        "Hari",
        "negatif",
        "akhir",
        7,
        (5, 13, 14, 8),
        10,
        (12, 11, 10, 9),
        "Aduan dipantau setiap hari oleh admin SP4N-LAPOR!",
        "Aduan yang membutuhkan peninjauan lapangan memerlukan waktu lebih lama",
        "Memperkuat eskalasi aduan ke admin perangkat daerah",
    ),
    _Ind(
        "2.16.02.2.01.0028",
        "Jumlah Aduan Masyarakat yang Ditindaklanjuti melalui SP4N-LAPOR!",
        "Aduan",
        "positif",
        "kumulatif",
        150,
        (30, 35, 38, 41),
        120,
        (20, 28, 30, 25),
        "Sosialisasi kanal aduan melalui media sosial",
    ),
    # ---------------------------------------------------- Bidang Aplikasi Informatika
    _Ind(
        "2.16.03",
        "Indeks SPBE",
        "Indeks",
        "positif",
        "akhir",
        3.5,
        (3.50, 3.55, 3.64, 3.44),
        3.0,
        (_N, _N, 2.71, 2.85),
        "Komitmen pimpinan terhadap tata kelola SPBE",
        "Nilai domain layanan SPBE belum optimal",
        "Menyusun peta rencana SPBE dan arsitektur SPBE daerah",
        keterangan="Hasil evaluasi mandiri; nilai resmi menunggu KemenPAN-RB",
    ),
    _Ind(
        "2.16.03",
        "Persentase Perangkat Daerah yang Terhubung Jaringan Intra Pemerintah",
        "%",
        "positif",
        "akhir",
        100,
        (70, 78, 85, 88),
        90,
        (55, 60, 66, 72),
        "Perluasan jaringan fiber optik ke kawasan perkantoran Puncak Indah",
        "Kantor kecamatan di wilayah pegunungan belum terjangkau jaringan",
        "Menjajaki koneksi radio link dan VSAT untuk kecamatan terpencil",
    ),
    _Ind(
        "2.16.03.2.01",
        "Persentase Sub Domain Perangkat Daerah yang Aktif dan Terkelola",
        "%",
        "positif",
        "akhir",
        100,
        (92, 95, 97, 98),
        95,
        (85, 88, 90, 91),
        "Pemantauan sub domain otomatis setiap hari",
    ),
    _Ind(
        "2.16.03.2.01.0001",
        "Jumlah Sub Domain yang Dikelola",
        "Sub Domain",
        "positif",
        "akhir",
        60,
        (52, 55, 57, 58),
        55,
        (45, 48, 50, 52),
    ),
    _Ind(
        "2.16.03.2.01.0003",
        "Jumlah Titik Jaringan Intra Pemerintah yang Terhubung",
        "Titik",
        "positif",
        "kumulatif",
        350,
        (60, 67, 75, 106),
        300,
        (40, 50, 62, 80),
        "Dukungan dana CSR untuk perangkat jaringan",
        "Pengadaan perangkat jaringan baru selesai pada TW IV",
        "Percepatan jadwal pengadaan perangkat jaringan",
    ),
    _Ind(
        "2.16.03.2.02",
        "Persentase Layanan Publik yang Terintegrasi Aplikasi Berbasis Elektronik",
        "%",
        "positif",
        "akhir",
        60,
        (35, 40, 44, 47),
        50,
        (28, 31, 33, 36),
        "",
        "Sebagian perangkat daerah masih menggunakan aplikasi yang tidak terintegrasi",
        "Penerapan kebijakan satu aplikasi per layanan melalui Peraturan Bupati",
    ),
    _Ind(
        "2.16.03.2.02.0005",
        "Jumlah Aplikasi yang Dikembangkan",
        "Aplikasi",
        "positif",
        "kumulatif",
        24,
        (7, 9, 6, 4),
        20,
        (3, 5, 5, 4),
        "Tim pengembang internal bertambah melalui formasi PPPK pranata komputer",
    ),
    _Ind(
        "2.16.03.2.02.0008",
        "Persentase Perangkat TIK Pemerintah Daerah yang Terpelihara",
        "%",
        "positif",
        "akhir",
        90,
        (85, 88, 90, 91),
        85,
        (75, 78, 80, 82),
    ),
    _Ind(
        "2.16.03.2.02.0010",
        "Persentase Ketersediaan Layanan Pusat Data",
        "%",
        "positif",
        "akhir",
        99.5,
        (99.1, 98.7, 99.6, 99.3),
        99,
        (97.8, 98.2, 98.5, 98.9),
        "Genset dan UPS pusat data berfungsi baik",
    ),
    _Ind(
        "2.16.03.2.02.0010",
        "Jumlah Gangguan Layanan Pusat Data (Downtime) Tidak Terencana",
        "Kali",
        "negatif",
        "kumulatif",
        12,
        (2, 3, 4, 5),
        15,
        (5, 6, 4, 5),
        "",
        "Pemadaman listrik PLN berulang pada musim hujan",
        "Menambah kapasitas baterai UPS dan jadwal uji genset mingguan",
    ),
    _Ind(
        "2.16.03.2.02.0012",
        "Jumlah Inovasi Kota Cerdas (Smart City) yang Diimplementasikan",
        "Inovasi",
        "positif",
        "kumulatif",
        6,
        (0, 1, 1, 1),
        5,
        (0, 1, 1, 2),
        "",
        "Keterbatasan anggaran dan SDM pengembang; dua inovasi tertunda menunggu "
        "integrasi data kependudukan",
        "Mengusulkan tambahan anggaran dan kerja sama integrasi data dengan Disdukcapil",
    ),
    _Ind(
        "2.16.03.2.02.0014",
        "Jumlah Layanan yang Terhubung pada Sistem Penghubung Layanan Pemerintah",
        "Layanan",
        "positif",
        "kumulatif",
        15,
        (2, 3, 3, 4),
        10,
        (1, 2, 2, 3),
        "Tersedianya API gateway milik pemerintah daerah",
    ),
    # -------------------------------------------------------------- Bidang Statistik
    _Ind(
        "2.20.02",
        "Persentase Perangkat Daerah yang Menyajikan Data Statistik Sektoral Sesuai Standar Data",
        "%",
        "positif",
        "akhir",
        80,
        (45, 52, 60, 66),
        70,
        (35, 40, 48, 55),
        "Penetapan walidata pendukung di setiap perangkat daerah",
        "Pemahaman standar data dan metadata belum merata",
        "Pendampingan teknis per perangkat daerah oleh tim Satu Data",
    ),
    _Ind(
        "2.20.02",
        "Indeks Pembangunan Statistik Sektoral",
        "Indeks",
        "positif",
        "akhir",
        2.6,
        (_N, _N, _N, 2.41),
        2.4,
        (_N, _N, _N, 2.05),
        "Pembinaan statistik sektoral oleh BPS Kabupaten Luwu Timur",
        keterangan="Hasil Evaluasi Penyelenggaraan Statistik Sektoral (EPSS)",
    ),
    _Ind(
        "2.20.02.2.01",
        "Jumlah Dokumen Publikasi Statistik Sektoral yang Diterbitkan",
        "Dokumen",
        "positif",
        "kumulatif",
        4,
        (1, 0, 1, 2),
        3,
        (0, 1, 0, 2),
    ),
    _Ind(
        "2.20.02.2.01",
        "Kualitas Penyelenggaraan Satu Data Kabupaten",
        "Kategori",
        "positif",
        "akhir",
        "Baik",
        "Baik",
        "Baik",
        "Cukup",
        "Forum Satu Data aktif dan portal data terbuka diperbarui",
    ),
    _Ind(
        "2.20.02.2.01.0001",
        "Jumlah Dokumen Metadata Statistik Sektoral",
        "Dokumen",
        "positif",
        "kumulatif",
        50,
        (17, 12, 6, 11),
        40,
        (8, 10, 9, 8),
    ),
    _Ind(
        "2.20.02.2.01.0002",
        "Jumlah Forum Satu Data yang Diselenggarakan",
        "Kali",
        "positif",
        "kumulatif",
        4,
        (1, 1, 0, 1),
        4,
        (1, 1, 1, 1),
        "",
        "Forum TW III ditunda karena agenda pimpinan daerah",
        "Menggabungkan agenda forum dengan rapat koordinasi perencanaan",
    ),
    _Ind(
        "2.20.02.2.01.0002",
        "Persentase Data Statistik Sektoral yang Terpublikasi di Portal Satu Data",
        "%",
        "positif",
        "akhir",
        90,
        (40, 45, 50, 55),
        80,
        (30, 38, 45, 52),
        "",
        "Perangkat daerah terlambat menyampaikan data; validasi data memakan waktu",
        "Menetapkan jadwal rilis data dan teguran tertulis bagi yang terlambat",
    ),
    _Ind(
        "2.20.02.2.01.0003",
        "Jumlah Perangkat Daerah yang Menyampaikan Data Statistik",
        "PD",
        "positif",
        "akhir",
        30,
        (19, 24, 27, 29),
        30,
        (15, 20, 22, 25),
        "Surat edaran Bupati tentang kewajiban penyampaian data",
    ),
    _Ind(
        "2.20.02.2.01.0004",
        "Jumlah Aparatur yang Mengikuti Pelatihan Statistik",
        "Orang",
        "positif",
        "kumulatif",
        30,
        (0, 15, 0, 12),
        25,
        (0, 10, 5, 5),
        "Pelatihan bersama BPS Kabupaten Luwu Timur",
    ),
    # ------------------------------------------------------------- Bidang Persandian
    _Ind(
        "2.21.02",
        "Indeks Keamanan Informasi (KAMI) Pemerintah Daerah",
        "Nilai",
        "positif",
        "akhir",
        450,
        (_N, _N, 412, 437),
        400,
        (_N, _N, 330, 352),
        "Asistensi dari Badan Siber dan Sandi Negara (BSSN)",
        "Dokumen kebijakan keamanan informasi belum lengkap",
        "Menyusun kebijakan dan prosedur keamanan informasi sesuai SNI ISO/IEC 27001",
    ),
    _Ind(
        "2.21.02",
        "Jumlah Kebocoran Data Pemerintah Daerah",
        "Kasus",
        "negatif",
        "kumulatif",
        0,
        (0, 0, 0, 0),
        0,
        (0, 0, 0, 0),
        "Penerapan enkripsi dan kontrol akses pada aplikasi yang memuat data pribadi",
    ),
    _Ind(
        "2.21.02.2.01",
        "Persentase Perangkat Daerah yang Menerapkan Tanda Tangan Elektronik",
        "%",
        "positif",
        "akhir",
        100,
        (55, 70, 80, 92),
        80,
        (30, 42, 55, 61),
        "Integrasi tanda tangan elektronik dengan aplikasi Srikandi",
    ),
    _Ind(
        "2.21.02.2.01.0001",
        "Jumlah Sertifikat Elektronik yang Diterbitkan untuk Pejabat dan ASN",
        "Sertifikat",
        "positif",
        "kumulatif",
        250,
        (40, 55, 60, 38),
        200,
        (30, 45, 50, 35),
        "Layanan pendaftaran sertifikat elektronik jemput bola",
        "Sebagian pegawai belum memiliki NIK yang sesuai dengan data kepegawaian",
        "Pemutakhiran data kepegawaian bersama BKPSDM",
    ),
    _Ind(
        "2.21.02.2.01.0002",
        "Rata-rata Waktu Respons Penanganan Insiden Keamanan Informasi",
        "Jam",
        "negatif",
        "rata-rata",
        24,
        (20, 30, 26, 28),
        36,
        (40, 38, 35, 30),
        "Tim tanggap insiden siber (CSIRT) telah ditetapkan",
        "Jumlah personel CSIRT yang bersertifikat masih terbatas",
        "Sertifikasi personel CSIRT melalui BSSN",
    ),
    _Ind(
        "2.21.02.2.01.0002",
        "Persentase Sistem Elektronik yang Telah Dilakukan Penilaian Kerentanan",
        "%",
        "positif",
        "akhir",
        50,
        (10, 20, 28, 30),
        40,
        (5, 12, 20, 26),
        "",
        "Keterbatasan perangkat lunak pengujian dan tenaga penguji",
        "Kerja sama penilaian kerentanan dengan BSSN dan perguruan tinggi",
    ),
    _Ind(
        "2.21.02.2.01.0004",
        "Jumlah Perangkat Daerah yang Menggunakan Layanan Keamanan Informasi",
        "PD",
        "positif",
        "kumulatif",
        24,
        (1, 9, 2, 8),
        20,
        (2, 5, 4, 3),
        "Sosialisasi layanan keamanan informasi ke seluruh perangkat daerah",
    ),
    _Ind(
        "2.21.02.2.01.0005",
        "Jumlah Insiden Keamanan Siber yang Berdampak pada Layanan",
        "Insiden",
        "negatif",
        "kumulatif",
        10,
        (3, 2, 3, 2),
        12,
        (5, 4, 4, 3),
        "Pemantauan lalu lintas jaringan 24 jam",
        "Serangan deface dan judi daring pada situs perangkat daerah",
        "Pembaruan CMS situs perangkat daerah dan penerapan WAF",
    ),
    _Ind(
        "2.21.02.2.02",
        "Jumlah Dokumen Pola Hubungan Komunikasi Sandi yang Ditetapkan",
        "Dokumen",
        "positif",
        "kumulatif",
        1,
        (0, 0, 0, 0),
        1,
        (0, 0, 0, 0),
        "",
        "Rancangan Peraturan Bupati masih dalam proses harmonisasi di Bagian Hukum",
        "Mempercepat harmonisasi bersama Bagian Hukum dan Kanwil Kemenkumham",
    ),
    _Ind(
        "2.21.02.2.02.0001",
        "Jumlah Perangkat Daerah yang Tercakup dalam Pola Hubungan Komunikasi Sandi",
        "PD",
        "positif",
        "akhir",
        30,
        (0, 10, 18, 25),
        30,
        (0, 5, 12, 18),
        "Identifikasi jaring komunikasi sandi telah dilakukan",
    ),
]

# Sub kegiatan budget: pagu 2024 (Rp), serapan 2024 and 2023 (fraction of pagu),
# pagu 2023 as a fraction of 2024.
_ANGGARAN: dict[str, tuple[float, float, float, float]] = {
    "2.16.01.1.01.0001": (186_450_000, 0.95, 0.91, 0.92),
    "2.16.01.1.01.0007": (94_800_000, 0.93, 0.88, 0.95),
    "2.16.01.1.02.0001": (4_218_640_000, 0.97, 0.96, 0.93),
    "2.16.01.1.02.0005": (48_250_000, 0.98, 0.90, 1.00),
    "2.16.01.1.05.0009": (125_000_000, 0.42, 0.51, 1.10),
    "2.16.01.1.06.0009": (312_600_000, 0.89, 0.86, 0.90),
    "2.16.01.1.08.0002": (268_000_000, 0.91, 0.93, 0.96),
    "2.16.01.1.09.0002": (356_700_000, 0.84, 0.89, 0.94),
    "2.16.02.2.01.0021": (1_608_000_000, 0.92, 0.85, 0.88),
    "2.16.02.2.01.0023": (657_000_000, 0.94, 0.82, 0.85),
    "2.16.02.2.01.0025": (185_500_000, 0.71, 0.78, 0.90),
    "2.16.02.2.01.0026": (742_300_000, 0.76, 0.90, 1.05),
    "2.16.02.2.01.0027": (1_857_000_000, 0.81, 0.79, 0.82),
    "2.16.02.2.01.0028": (898_000_000, 0.87, 0.84, 0.86),
    "2.16.03.2.01.0001": (78_900_000, 0.96, 0.93, 0.95),
    "2.16.03.2.01.0003": (2_435_000_000, 0.88, 0.74, 0.80),
    "2.16.03.2.02.0005": (1_286_500_000, 0.93, 0.87, 0.83),
    "2.16.03.2.02.0008": (564_200_000, 0.90, 0.88, 0.92),
    "2.16.03.2.02.0010": (1_945_750_000, 0.95, 0.92, 0.90),
    "2.16.03.2.02.0012": (830_000_000, 0.38, 0.62, 0.75),
    "2.16.03.2.02.0014": (415_600_000, 0.79, 0.70, 0.70),
    "2.20.02.2.01.0001": (1_043_000_000, 0.70, 0.72, 0.90),
    "2.20.02.2.01.0002": (286_400_000, 0.84, 0.81, 0.88),
    "2.20.02.2.01.0003": (1_177_000_000, 0.98, 0.90, 0.85),
    "2.20.02.2.01.0004": (154_300_000, 0.90, 0.86, 0.95),
    "2.21.02.2.01.0001": (342_800_000, 0.88, 0.83, 0.90),
    "2.21.02.2.01.0002": (268_750_000, 0.86, 0.80, 0.85),
    "2.21.02.2.01.0004": (512_000_000, 0.92, 0.89, 0.88),
    "2.21.02.2.01.0005": (645_900_000, 0.83, 0.77, 0.80),
    "2.21.02.2.02.0001": (96_500_000, 0.74, 0.68, 1.00),
}

# How the year's spending falls across TW I–IV (shares of the annual realisasi).
_PROFILES = (
    (0.12, 0.24, 0.28, 0.36),
    (0.18, 0.26, 0.25, 0.31),
    (0.10, 0.20, 0.30, 0.40),
    (0.22, 0.25, 0.25, 0.28),
    (0.15, 0.22, 0.27, 0.36),
)


# The Renstra 2021–2026 of four programs (Persandian has not put its figures in the plan
# yet, so the Ekspor page has something to list): the program's sasaran, and per indicator
# and kode the target to the period's end and what was reached in 2021 … the year before.
RENSTRA_TAHUN_AWAL = 2021
RENSTRA_TAHUN_AKHIR = 2026
_SASARAN: dict[str, str] = {
    "2.16.01": "Meningkatnya akuntabilitas kinerja dan tata kelola Perangkat Daerah",
    "2.16.02": "Meningkatnya keterbukaan dan kualitas informasi publik",
    "2.16.03": "Meningkatnya kualitas penyelenggaraan Sistem Pemerintahan Berbasis Elektronik",
    "2.20.02": "Meningkatnya ketersediaan data statistik sektoral yang berkualitas",
}


def _program(kode: str) -> str:
    return ".".join(kode.split(".")[:3])


def _full_year(values: Values, agregasi: str) -> float:
    """A demo year's realisasi at TW IV (sum, last or mean by cara agregasi)."""
    given = [v for v in values if v is not None]
    if not given:
        return float("nan")
    if agregasi == "kumulatif":
        return float(sum(given))
    return float(given[-1] if agregasi == "akhir" else sum(given) / len(given))


def _renstra_indicator(ind: _Ind, tahun: int) -> dict:
    """Sasaran and Renstra K of a demo indicator (empty outside the three programs and for
    a qualitative target)."""
    if _program(ind.kode) not in _SASARAN:
        return {}
    out: dict = {"sasaran": _SASARAN[_program(ind.kode)]}
    if isinstance(ind.t24, str) or isinstance(ind.r23, str):
        return out
    years = RENSTRA_TAHUN_AKHIR - RENSTRA_TAHUN_AWAL + 1
    if ind.agregasi == "kumulatif":
        out["target_renstra"] = float(round(ind.t24 * years * 1.05))
        done = tahun - RENSTRA_TAHUN_AWAL  # years before ``tahun``
        if tahun == 2024:  # 2021 and 2022 like 2023
            out["realisasi_renstra_lalu"] = float(round(_full_year(ind.r23, "kumulatif") * done))
    else:
        better = 1.08 if ind.polaritas == "positif" else 0.9
        level = float(ind.t24) * better
        level = round(level, 2) if float(ind.t24) % 1 else float(round(level))
        out["target_renstra"] = min(level, 100.0) if ind.satuan == "%" else level
        if tahun == 2024:
            out["realisasi_renstra_lalu"] = round(_full_year(ind.r23, ind.agregasi), 2)
    return out


def bidang_of(kode: str) -> str:
    """The bidang responsible for a demo kode (by its program)."""
    return _PROGRAM_BIDANG[".".join(kode.split(".")[:3])]


def _check_year(tahun: int) -> None:
    if tahun not in DEMO_YEARS:
        raise ValueError(f"Data demo hanya tersedia untuk tahun {DEMO_YEARS}, bukan {tahun}.")


def _indicator_rows(tahun: int) -> list[dict]:
    rows = []
    for ind in _INDICATORS:
        target, realisasi = (ind.t24, ind.r24) if tahun == 2024 else (ind.t23, ind.r23)
        texts = {
            "faktor_pendorong": ind.pendorong,
            "faktor_penghambat": ind.penghambat,
            "tindak_lanjut": ind.tindak_lanjut,
            "keterangan": ind.keterangan,
        }
        if tahun == 2023:
            texts.update(ind.teks23)
        row = {
            "tahun": tahun,
            "bidang": bidang_of(ind.kode),
            "kode": ind.kode,
            "uraian": URAIAN[ind.kode],
            "indikator": ind.indikator,
            "satuan": ind.satuan,
            "polaritas": ind.polaritas,
            "agregasi": ind.agregasi,
            **texts,
            **_renstra_indicator(ind, tahun),
            "sumber": "",
            "baris": 0,
        }
        if isinstance(target, str):
            row.update(target=np.nan, target_teks=target, realisasi_teks=str(realisasi))
            row.update(dict.fromkeys(REALISASI_TW, np.nan))
        else:
            row.update(target=float(target), target_teks="", realisasi_teks="")
            for col, value in zip(REALISASI_TW, realisasi, strict=True):
                row[col] = np.nan if value is None else float(value)
        rows.append(row)
    return rows


def _anggaran_rows(tahun: int) -> list[dict]:
    rows = []
    for i, (kode, (pagu24, serapan24, serapan23, scale23)) in enumerate(_ANGGARAN.items()):
        if tahun == 2024:
            pagu, serapan = pagu24, serapan24
        else:
            pagu, serapan = round(pagu24 * scale23, -4), serapan23
        profile = _PROFILES[i % len(_PROFILES)]
        spent = [round(pagu * serapan * share, -3) for share in profile]
        renstra = {}
        if _program(kode) in _SASARAN:
            renstra["target_renstra_rp"] = float(round(pagu24 * 6.2, -6))
            if tahun == 2024:  # 2021 … 2023 spent about as in 2023
                renstra["realisasi_renstra_lalu_rp"] = float(
                    round(pagu24 * scale23 * serapan23 * 3, -6)
                )
        rows.append(
            {
                "tahun": tahun,
                "bidang": bidang_of(kode),
                "kode": kode,
                "uraian": URAIAN[kode],
                "pagu": float(pagu),
                **{col: float(v) for col, v in zip(ANGGARAN_TW, spent, strict=True)},
                **renstra,
                "sumber": "",
                "baris": 0,
            }
        )
    return rows


def demo_frames(tahun: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(indicators, anggaran) of the demo Dinas for ``tahun`` (2023 or 2024), canonical."""
    _check_year(tahun)
    indicators = conform_indicators(pd.DataFrame(_indicator_rows(tahun)))
    anggaran = conform_anggaran(pd.DataFrame(_anggaran_rows(tahun)))
    return indicators, anggaran


def write_demo_workbooks(keluaran: Path) -> list[Path]:
    """Write one filled collection-format workbook per bidang per demo year."""
    written = []
    for tahun in DEMO_YEARS:
        indicators, anggaran = demo_frames(tahun)
        folder = Path(keluaran) / str(tahun)
        folder.mkdir(parents=True, exist_ok=True)
        for bidang in BIDANG:
            data = build_format(
                indicators,
                anggaran,
                bidang=bidang,
                tahun=tahun,
                dinas=DINAS,
                kabupaten=KABUPATEN,
                filled=True,
                dibuat=datetime(tahun + 1, 1, 6, 8, 0, 0),  # fixed: reproducible files
            )
            path = folder / f"{slug(bidang)}.xlsx"
            path.write_bytes(data)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kinerja_core.demo",
        description="Tulis workbook format pengumpulan terisi (data demo) per bidang per tahun.",
    )
    parser.add_argument("--keluaran", default="data/demo", help="folder tujuan (bawaan: data/demo)")
    args = parser.parse_args(argv)
    try:
        written = write_demo_workbooks(Path(args.keluaran))
    except OSError as exc:
        print(f"Gagal menulis berkas demo: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
