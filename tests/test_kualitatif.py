"""Qualitative indicators: a capaian from the kualitatif_nilai setting, counted in the means
only when kualitatif_dalam_rata_rata says so; otherwise a predikat set by hand."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from kinerja_core import analysis, insight, koreksi
from kinerja_core.access import Actor, Peran
from kinerja_core.model import conform_anggaran, conform_indicators
from kinerja_core.settings import Settings
from kinerja_core.store import Store

MAPPING = replace(Settings(), kualitatif_nilai=(("Baik", 100.0), ("Cukup", 75.0), ("Kurang", 50.0)))
NONE = conform_anggaran(pd.DataFrame())


def rows() -> pd.DataFrame:
    return conform_indicators(
        pd.DataFrame(
            [
                dict(bidang="A", kode="1.01", indikator="Angka", target=10, realisasi_tw1=8),
                dict(bidang="A", kode="1.02", indikator="Layanan", target_teks="Baik",
                     realisasi_teks="Cukup"),
                dict(bidang="A", kode="1.03", indikator="Tata kelola", target_teks="Baik",
                     realisasi_teks="Sangat memuaskan"),
                dict(bidang="B", kode="1.04", indikator="Kepuasan", target_teks=" baik ",
                     realisasi_teks="kurang"),
            ]
        ).assign(tahun=2024)
    )  # fmt: skip


def test_mapping_gives_capaian_and_predikat_shown_but_not_averaged_by_default():
    evaluated = analysis.evaluate(rows(), NONE, 1, MAPPING)
    assert evaluated["capaian"].tolist()[:2] == [80.0, 75.0]
    assert math.isnan(evaluated.loc[2, "capaian"]) and evaluated.loc[3, "capaian"] == 50.0
    assert evaluated["predikat"].tolist() == ["Tinggi", "Sedang", "", "Sangat Rendah"]
    head = analysis.headline(evaluated, NONE, 2024, 1, MAPPING)
    assert head.rata_rata_capaian == pytest.approx(80.0) and head.terhitung == 1
    assert head.per_predikat["Sedang"] == 1  # counted among the predikat, shown everywhere
    by_bidang = analysis.rollup(evaluated, "bidang", MAPPING).set_index("bidang")
    assert by_bidang.at["A", "capaian"] == pytest.approx(80.0)
    assert math.isnan(by_bidang.at["B", "capaian"])
    flags = evaluated["flags"].tolist()
    assert "target kualitatif" not in flags[1] and "kualitatif_nilai" in flags[1]
    assert "target kualitatif" in flags[2]


def test_counted_in_the_means_when_the_setting_says_so():
    settings = replace(MAPPING, kualitatif_dalam_rata_rata=True)
    evaluated = analysis.evaluate(rows(), NONE, 1, settings)
    head = analysis.headline(evaluated, NONE, 2024, 1, settings)
    assert head.rata_rata_capaian == pytest.approx((80 + 75 + 50) / 3) and head.terhitung == 3
    by_bidang = analysis.rollup(evaluated, "bidang", settings).set_index("bidang")
    assert by_bidang.at["A", "capaian"] == pytest.approx((80 + 75) / 2)
    assert by_bidang.at["B", "capaian"] == pytest.approx(50)
    assert "dihitung dari 3 indikator" in insight.dinas_narrative(evaluated, 1, settings)


def test_without_mapping_nothing_is_computed_and_the_note_says_how_to_set_it(tmp_path):
    evaluated = analysis.evaluate(rows(), NONE, 1, Settings())
    assert evaluated["capaian"].notna().tolist() == [True, False, False, False]
    flags = insight.flag_table(evaluated, 1, Settings())
    note = flags[flags["jenis"] == insight.KUALITATIF]["keterangan"].iloc[0]
    assert "Tetapkan predikatnya di Analisis" in note and "kualitatif_nilai" in note

    store = Store(f"sqlite:///{tmp_path / 'k.db'}")
    admin = Actor("admin", "Rina", Peran.ADMIN)
    store.add_submission(tahun=2024, bidang="A", filename="a.xlsx", content=b"a",
                         actor=admin, indicators=rows(), anggaran=pd.DataFrame(),
                         problems=[])  # fmt: skip
    row = koreksi.evaluate(store.indicators(2024), NONE, 1, Settings(), []).iloc[1]
    koreksi.correct(store, row, "predikat", "Tinggi", "survei kepuasan 82", admin)
    evaluated = koreksi.evaluate(
        store.indicators(2024), NONE, 1, Settings(), koreksi.records(store, 2024)
    )
    assert evaluated.loc[1, "predikat"] == "Tinggi"
    flags = insight.flag_table(evaluated, 1, Settings())
    notes = flags[flags["jenis"] == insight.KUALITATIF].set_index("indikator")["keterangan"]
    assert notes["Layanan"].endswith("predikat Tinggi ditetapkan manual: survei kepuasan 82")
