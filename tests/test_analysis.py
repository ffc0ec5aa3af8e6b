"""Analysis: evaluate, roll-ups, budget once per kode, headline."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_core import analysis
from kinerja_core.model import conform_anggaran, conform_indicators
from kinerja_core.settings import Settings

NAN = float("nan")


def indicators_frame() -> pd.DataFrame:
    rows = [
        # bidang, kode, indikator, satuan, polaritas, agregasi, target, tw1..tw4
        (
            "Bidang A",
            "2.16.03",
            "Indeks SPBE",
            "Indeks",
            "positif",
            "akhir",
            3.5,
            3.2,
            3.3,
            3.4,
            3.5,
        ),
        (
            "Bidang A",
            "2.16.03.2.02.0005",
            "Aplikasi",
            "Aplikasi",
            "positif",
            "kumulatif",
            24,
            7,
            9,
            6,
            4,
        ),
        (
            "Bidang A",
            "2.16.03.2.02.0005",
            "Pengguna",
            "Orang",
            "positif",
            "kumulatif",
            100,
            10,
            10,
            10,
            10,
        ),
        (
            "Bidang B",
            "2.21.02.2.01.0005",
            "Insiden",
            "Kejadian",
            "negatif",
            "kumulatif",
            10,
            2,
            3,
            1,
            2,
        ),
        (
            "Bidang B",
            "2.21.02.2.01.0006",
            "Kebocoran",
            "Kejadian",
            "negatif",
            "kumulatif",
            0,
            0,
            0,
            0,
            0,
        ),
        (
            "Bidang B",
            "2.21.02.2.01.0007",
            "Opini",
            "Predikat",
            "positif",
            "akhir",
            NAN,
            NAN,
            NAN,
            NAN,
            NAN,
        ),
    ]
    cols = ["bidang", "kode", "indikator", "satuan", "polaritas", "agregasi", "target"]
    cols += ["realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"]
    frame = pd.DataFrame(rows, columns=cols).assign(tahun=2024, uraian="u")
    frame.loc[5, "target_teks"] = "Baik"
    return conform_indicators(frame)


def anggaran_frame() -> pd.DataFrame:
    rows = [
        ("Bidang A", "2.16.03.2.02", 3_000_000, 500_000, 500_000, 500_000, 500_000),  # subtotal
        ("Bidang A", "2.16.03.2.02.0005", 2_000_000, 400_000, 400_000, 400_000, 400_000),
        ("Bidang A", "2.16.03.2.02.0010", 1_000_000, 100_000, 100_000, 100_000, 100_000),
        ("Bidang B", "2.21.02.2.01.0005", 500_000, 100_000, 100_000, 100_000, 150_000),
    ]
    cols = [
        "bidang",
        "kode",
        "pagu",
        "anggaran_tw1",
        "anggaran_tw2",
        "anggaran_tw3",
        "anggaran_tw4",
    ]
    return conform_anggaran(pd.DataFrame(rows, columns=cols).assign(tahun=2024))


@pytest.fixture
def evaluated() -> pd.DataFrame:
    return analysis.evaluate(indicators_frame(), anggaran_frame(), 4)


def test_evaluate_capaian_and_predikat(evaluated):
    by_name = evaluated.set_index("indikator")
    assert by_name.loc["Indeks SPBE", "realisasi"] == 3.5
    assert by_name.loc["Indeks SPBE", "capaian"] == pytest.approx(100)
    assert by_name.loc["Aplikasi", "capaian"] == pytest.approx(108.3333, rel=1e-4)
    assert by_name.loc["Pengguna", "predikat"] == "Sangat Rendah"
    assert by_name.loc["Insiden", "capaian"] == pytest.approx(120)
    assert by_name.loc["Kebocoran", "capaian"] == 100
    assert math.isnan(by_name.loc["Opini", "capaian"])
    assert by_name.loc["Opini", "predikat"] == ""


def test_flags(evaluated):
    flags = evaluated.set_index("indikator")["flags"]
    assert analysis.FLAG_KUALITATIF in flags["Opini"]
    assert analysis.FLAG_DI_BAWAH in flags["Pengguna"]
    assert flags["Aplikasi"] == ""


def test_sampai_tw_changes_realisasi():
    tw2 = analysis.evaluate(indicators_frame(), anggaran_frame(), 2).set_index("indikator")
    assert tw2.loc["Aplikasi", "realisasi"] == 16
    assert tw2.loc["Indeks SPBE", "realisasi"] == 3.3


def test_budget_counted_once_per_kode(evaluated):
    # Two indicators share 2.16.03.2.02.0005: each shows that kode's pagu, and the
    # kegiatan subtotal row is not added on top of its sub kegiatan.
    by_name = evaluated.set_index("indikator")
    assert by_name.loc["Aplikasi", "pagu"] == 2_000_000
    assert by_name.loc["Pengguna", "pagu"] == 2_000_000
    assert by_name.loc["Indeks SPBE", "pagu"] == 3_000_000  # program: both sub kegiatan
    head = analysis.headline(evaluated, anggaran_frame(), 2024, 4)
    assert head.pagu == 3_500_000
    assert head.realisasi_anggaran == 2_450_000
    assert head.serapan == pytest.approx(70)


def test_serapan_up_to_tw(evaluated):
    tw1 = analysis.evaluate(indicators_frame(), anggaran_frame(), 1).set_index("indikator")
    assert tw1.loc["Insiden", "serapan"] == pytest.approx(20)


def test_rollup_bidang(evaluated):
    bidang = analysis.rollup(evaluated, "bidang").set_index("bidang")
    expected_a = np.mean([100, 108.33333, 40])
    assert bidang.loc["Bidang A", "capaian"] == pytest.approx(expected_a, rel=1e-5)
    assert bidang.loc["Bidang B", "jumlah_indikator"] == 3
    assert bidang.loc["Bidang B", "terhitung"] == 2
    assert bidang.loc["Bidang B", "capaian"] == pytest.approx(110)


def test_rollup_with_cap():
    capped = Settings(capaian_cap=100)
    evaluated = analysis.evaluate(indicators_frame(), anggaran_frame(), 4, capped)
    bidang = analysis.rollup(evaluated, "bidang", capped).set_index("bidang")
    assert bidang.loc["Bidang B", "capaian"] == pytest.approx(100)
    assert evaluated.set_index("indikator").loc["Insiden", "capaian"] == pytest.approx(120)


def test_rollup_program_and_kegiatan(evaluated):
    program = analysis.rollup(evaluated, "program").set_index("program")
    assert set(program.index) == {"2.16.03", "2.21.02"}
    kegiatan = analysis.rollup(evaluated, "kegiatan").set_index("kegiatan")
    assert kegiatan.loc["2.16.03.2.02", "jumlah_indikator"] == 2


def test_bidang_summary_has_budget(evaluated):
    summary = analysis.bidang_summary(evaluated, anggaran_frame(), 4).set_index("bidang")
    assert summary.loc["Bidang A", "pagu"] == 3_000_000
    assert summary.loc["Bidang B", "serapan"] == pytest.approx(90)


def test_hitung_table_columns(evaluated):
    table = analysis.hitung_table(evaluated)
    assert list(table.columns[:16]) == [
        "tahun", "bidang", "kode", "uraian", "indikator", "satuan", "polaritas", "agregasi",
        "target", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4",
        "realisasi", "capaian", "predikat",
    ]  # fmt: skip


def test_empty_input():
    empty = analysis.evaluate(
        conform_indicators(pd.DataFrame()), conform_anggaran(pd.DataFrame()), 4
    )
    assert empty.empty
    head = analysis.headline(empty, conform_anggaran(pd.DataFrame()), 2024, 4)
    assert head.jumlah_indikator == 0 and head.predikat == ""


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Bidang A", "Bidang B"]),
            st.sampled_from(["2.16.01.1.01.0001", "2.16.01.1.02.0001", "2.16.02.2.01.0021"]),
            st.floats(1, 1000),
            st.floats(0, 2000),
            st.sampled_from(["positif", "negatif"]),
            st.floats(0, 1e9),
        ),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(["rata-rata", "pagu"]),
)
def test_rollup_lies_between_children(rows, weighting):
    frame = pd.DataFrame(
        [
            dict(bidang=b, kode=k, indikator=f"i{i}", target=t, realisasi_tw1=r, polaritas=p)
            for i, (b, k, t, r, p, _) in enumerate(rows)
        ]
    ).assign(tahun=2024, agregasi="kumulatif")
    budget = pd.DataFrame([dict(bidang=b, kode=k, pagu=pg) for b, k, _, _, _, pg in rows]).assign(
        tahun=2024
    )
    config = Settings(rollup_weight=weighting)
    evaluated = analysis.evaluate(conform_indicators(frame), conform_anggaran(budget), 4, config)
    for level in ("bidang", "program", "kegiatan", "sub kegiatan"):
        key = {"sub kegiatan": "sub_kegiatan"}.get(level, level)
        for _, row in analysis.rollup(evaluated, level, config).iterrows():
            children = evaluated.loc[evaluated[key] == row[key], "capaian_tampil"].dropna()
            if children.empty:
                assert math.isnan(row["capaian"])
            else:
                assert children.min() - 1e-6 <= row["capaian"] <= children.max() + 1e-6


def test_t_over_r_with_zero_realisasi_is_flagged_not_computed():
    frame = indicators_frame()
    frame.loc[3, ["realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"]] = 0
    settings = Settings(negatif_method="T/R")
    row = analysis.evaluate(frame, anggaran_frame(), 4, settings).set_index("indikator")
    assert math.isnan(row.loc["Insiden", "capaian"])
    assert row.loc["Insiden", "flags"] == analysis.FLAG_PEMBAGI_NOL
