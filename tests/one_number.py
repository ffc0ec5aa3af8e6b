"""A small Dinas with non-default settings and one bidang missing, numbers worked by hand.

Three bidang in the rencana; Sekretariat and Bidang Statistik sent (sampai TW II), Bidang
Persandian did not. Settings: pagu weighting, cap 100, T/R for negatif, predikat bounds
85 / 80,5 / 60 / 50, flag threshold 80, efisiensi bounds 80 / 50.

| indikator | target | realisasi (TW I, II) | capaian raw → shown | pagu of its kode |
|---|---|---|---|---|
| S1 kumulatif | 100 | 60 + 60 = 120 | 120 → 100 (cap) | 300 juta |
| S2 kumulatif | 10 | 2 + 3 = 5 | 50 | 200 juta |
| T1 negatif, akhir | 8 | 12, 10 → 10 | T/R = 80 | 600 juta |

Rata-rata capaian (pagu-weighted, capped): (100·300 + 50·200 + 80·600) / 1100 = 80,0 %
(unweighted 76,7 %; uncapped 85,5 %; with 2T−R for T1 77,3 %) → predikat Sedang
(80 < 80,5; with the default bounds it would be Tinggi). Under the threshold 80: S2 only
(T1 sits exactly on it). Pagu Dinas from the rencana: 300 + 200 + 600 + 1.000 (Persandian)
= 2.100 juta; realisasi anggaran 150 + 50 + 300 = 500 juta → serapan 23,8 %.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_core.model import conform_anggaran, conform_indicators
from tests.login import admin

TAHUN = 2024
SAMPAI_TW = 2
CONFIG = """\
negatif_method = "T/R"
capaian_cap = 100
rollup_weight = "pagu"
predikat_bounds = [85, 80.5, 60, 50]
flag_threshold = 80
efisiensi_batas_kinerja = 80
efisiensi_batas_serapan = 50
"""
MEAN = 80.0
MEAN_TEXT = "80,0%"
PREDIKAT = "Sedang"
DI_BAWAH = "1"
PAGU = 2_100_000_000.0
REALISASI_ANGGARAN = 500_000_000.0
SERAPAN_TEXT = "23,8%"
COVERAGE_TEXT = "2 dari 3 bidang sudah mengirim; Persandian belum"

S1, S2, T1, P1 = (
    "1.01.01.1.01.0001",
    "1.01.01.1.01.0002",
    "1.01.02.1.01.0001",
    "1.01.03.1.01.0001",
)
_IND = [
    # bidang, kode, indikator, satuan, polaritas, agregasi, target, tw1, tw2
    ("Sekretariat", S1, "Jumlah Dokumen", "Dokumen", "positif", "kumulatif", 100, 60, 60),
    ("Sekretariat", S2, "Jumlah Laporan", "Laporan", "positif", "kumulatif", 10, 2, 3),
    ("Bidang Statistik", T1, "Rata-rata Hari Rilis", "Hari", "negatif", "akhir", 8, 12, 10),
    ("Bidang Persandian", P1, "Jumlah PD Terlayani", "PD", "positif", "kumulatif", 24, None, None),
]
_ANG = [
    # bidang, kode, pagu, tw1, tw2
    ("Sekretariat", S1, 300e6, 100e6, 50e6),
    ("Sekretariat", S2, 200e6, 20e6, 30e6),
    ("Bidang Statistik", T1, 600e6, 100e6, 200e6),
    ("Bidang Persandian", P1, 1000e6, None, None),
]


def config_file(folder: Path) -> Path:
    path = folder / "kinerja.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _indicators(rows) -> pd.DataFrame:
    return conform_indicators(
        pd.DataFrame(
            [
                {
                    "tahun": TAHUN,
                    "bidang": bidang,
                    "kode": kode,
                    "uraian": f"Sub kegiatan {kode}",
                    "indikator": name,
                    "satuan": satuan,
                    "polaritas": pol,
                    "agregasi": agr,
                    "target": target,
                    "realisasi_tw1": np.nan if tw1 is None else tw1,
                    "realisasi_tw2": np.nan if tw2 is None else tw2,
                }
                for bidang, kode, name, satuan, pol, agr, target, tw1, tw2 in rows
            ]
        )
    )


def _anggaran(rows) -> pd.DataFrame:
    return conform_anggaran(
        pd.DataFrame(
            [
                {
                    "tahun": TAHUN,
                    "bidang": bidang,
                    "kode": kode,
                    "uraian": f"Sub kegiatan {kode}",
                    "pagu": pagu,
                    "anggaran_tw1": np.nan if tw1 is None else tw1,
                    "anggaran_tw2": np.nan if tw2 is None else tw2,
                }
                for bidang, kode, pagu, tw1, tw2 in rows
            ]
        )
    )


def rencana() -> tuple[pd.DataFrame, pd.DataFrame]:
    from kinerja_core.rencana import rencana_from_frames

    return rencana_from_frames(_indicators(_IND), _anggaran(_ANG))


def sent(bidang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What ``bidang`` sent: its indicator and anggaran rows."""
    ind = _indicators([row for row in _IND if row[0] == bidang])
    ang = _anggaran([row for row in _ANG if row[0] == bidang])
    return ind, ang


def seed(store) -> None:
    """The rencana of the three bidang and the submissions of the two that sent."""
    store.set_rencana(TAHUN, *rencana(), actor=admin("uji"))
    store.open_period(TAHUN, SAMPAI_TW, actor=admin("uji"))
    for bidang in ("Sekretariat", "Bidang Statistik"):
        ind, ang = sent(bidang)
        store.add_submission(
            tahun=TAHUN,
            bidang=bidang,
            filename=f"{bidang}.xlsx",
            content=b"PK" + bidang.encode(),
            actor=admin("uji"),
            indicators=ind,
            anggaran=ang,
            problems=[],
        )
