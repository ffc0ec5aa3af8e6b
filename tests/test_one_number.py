"""One definition of rata-rata capaian and of serapan, honouring every setting, with the
numbers a person computes by hand (tests/one_number.py) — in the core, the CLI and the
workbook. Each assertion names the setting it guards."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from kinerja_core import analysis, formulas, tracker, views
from kinerja_core.report import build_evaluation_workbook
from kinerja_core.settings import Settings, load_settings
from tests import one_number as case


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return load_settings(case.config_file(tmp_path_factory.mktemp("cfg")))


@pytest.fixture(scope="module")
def frames():
    ind = pd.concat([case.sent("Sekretariat")[0], case.sent("Bidang Statistik")[0]])
    ang = pd.concat([case.sent("Sekretariat")[1], case.sent("Bidang Statistik")[1]])
    dinas = analysis.anggaran_dinas(ang.reset_index(drop=True), case.rencana()[1])
    return ind.reset_index(drop=True), dinas


def evaluated_with(frames, settings):
    ind, ang = frames
    return analysis.evaluate(ind, ang, case.SAMPAI_TW, settings)


def test_capaian_per_indicator_under_t_over_r_and_cap(frames, settings):
    ev = evaluated_with(frames, settings).set_index("indikator")
    assert ev.loc["Jumlah Dokumen", "capaian"] == pytest.approx(120)  # stored raw
    assert ev.loc["Jumlah Dokumen", "capaian_tampil"] == pytest.approx(100)  # cap 100
    assert ev.loc["Jumlah Dokumen", "gap_persen"] == pytest.approx(0)  # gap honours the cap
    assert ev.loc["Rata-rata Hari Rilis", "capaian"] == pytest.approx(80)  # T/R = 8/10
    default = evaluated_with(frames, Settings()).set_index("indikator")
    assert default.loc["Rata-rata Hari Rilis", "capaian"] == pytest.approx(75)  # (16−10)/8
    assert default.loc["Jumlah Dokumen", "gap_persen"] == pytest.approx(-20)


def test_predikat_and_flags_follow_the_configured_bounds(frames, settings):
    ev = evaluated_with(frames, settings).set_index("indikator")
    assert ev.loc["Rata-rata Hari Rilis", "predikat"] == "Sedang"  # 80 < 80,5
    assert ev.loc["Jumlah Dokumen", "predikat"] == "Sangat Tinggi"
    assert ev.loc["Jumlah Laporan", "predikat"] == "Rendah"  # 50 ≥ 50
    # flag threshold 80: T1 sits exactly on it and is not below it
    assert analysis.FLAG_DI_BAWAH in ev.loc["Jumlah Laporan", "flags"]
    assert analysis.FLAG_DI_BAWAH not in ev.loc["Rata-rata Hari Rilis", "flags"]
    figures = views.selection_figures(
        ev.reset_index(), pd.Series({"pagu": np.nan, "realisasi_anggaran": np.nan}), settings
    )
    assert figures.di_bawah == 1


def test_the_one_rata_rata_is_pagu_weighted_and_capped(frames, settings):
    ev = evaluated_with(frames, settings)
    assert analysis.mean_capaian(ev, settings) == pytest.approx(case.MEAN)
    plain = replace(settings, rollup_weight="rata-rata")
    assert analysis.mean_capaian(evaluated_with(frames, plain), plain) == pytest.approx(230 / 3)
    uncapped = replace(settings, capaian_cap=None)
    assert analysis.mean_capaian(evaluated_with(frames, uncapped), uncapped) == pytest.approx(
        (120 * 300 + 50 * 200 + 80 * 600) / 1100
    )
    head = analysis.headline(ev, frames[1], case.TAHUN, case.SAMPAI_TW, settings)
    assert head.rata_rata_capaian == pytest.approx(case.MEAN)
    assert head.predikat == case.PREDIKAT
    figures = views.selection_figures(
        ev, pd.Series({"pagu": 1.0, "realisasi_anggaran": 0}), settings
    )
    assert figures.rata_rata_capaian == pytest.approx(case.MEAN)  # Analisis and Rapat
    assert figures.predikat == case.PREDIKAT  # 80 < 80,5 (the default bounds: Tinggi)
    rolled = analysis.rollup(ev, "bidang", settings).set_index("bidang")
    per_bidang = rolled["capaian"]
    assert per_bidang["Sekretariat"] == pytest.approx((100 * 300 + 50 * 200) / 500)
    assert per_bidang["Bidang Statistik"] == pytest.approx(80)
    # both 80: Sedang under the configured bounds, Tinggi under the default ones
    assert rolled.loc["Sekretariat", "predikat"] == "Sedang"
    assert rolled.loc["Bidang Statistik", "predikat"] == "Sedang"


def test_dinas_pagu_comes_from_the_rencana_while_a_bidang_is_missing(frames, settings):
    ev = evaluated_with(frames, settings)
    head = analysis.headline(ev, frames[1], case.TAHUN, case.SAMPAI_TW, settings)
    assert head.pagu == pytest.approx(case.PAGU)
    assert head.realisasi_anggaran == pytest.approx(case.REALISASI_ANGGARAN)
    assert head.serapan == pytest.approx(500 / 2100 * 100)
    summary = analysis.bidang_summary(ev, frames[1], case.SAMPAI_TW, settings)
    persandian = summary.set_index("bidang").loc["Bidang Persandian"]
    assert persandian["pagu"] == pytest.approx(1e9) and persandian["jumlah_indikator"] == 0
    paths = views.budget_paths(frames[1], case.SAMPAI_TW)
    dinas = views.selected_budget(views.budget_levels(paths), {})
    assert dinas["pagu"] == pytest.approx(head.pagu)  # Analisis with nothing chosen
    assert dinas["serapan"] == pytest.approx(head.serapan)


def test_serapan_follows_the_filters(frames, settings):
    ev = evaluated_with(frames, settings)
    paths = views.budget_paths(frames[1], case.SAMPAI_TW)
    budgets = views.budget_levels(paths)
    only_sedang = views.Filters(predikat=("Sedang",))
    rows = ev[views.filter_mask(ev, only_sedang)]
    budget = views.selection_budget(rows, paths, budgets, only_sedang)
    assert budget["pagu"] == pytest.approx(600e6) and budget["serapan"] == pytest.approx(50)
    drill = views.Filters(bidang="Sekretariat")
    budget = views.selection_budget(ev[views.filter_mask(ev, drill)], paths, budgets, drill)
    assert budget["pagu"] == pytest.approx(500e6) and budget["serapan"] == pytest.approx(40)


def test_coverage_names_who_is_missing():
    subs = pd.DataFrame(
        {
            "bidang": ["Sekretariat", "Bidang Statistik", "Bidang Aplikasi Informatika"],
            "usable": [True, True, False],
        }
    )
    plan = pd.DataFrame(
        {
            "bidang": [
                "Sekretariat",
                "Bidang Aplikasi Informatika",
                "Bidang Statistik",
                "Bidang Persandian",
                "Bidang Informasi dan Komunikasi Publik",
            ]
        }
    )
    found = tracker.coverage(subs, plan)
    assert found.text() == (
        "2 dari 5 bidang sudah mengirim; Persandian dan Informasi dan Komunikasi Publik belum; "
        "Aplikasi Informatika sudah mengirim tetapi berkasnya masih ada kesalahan"
    )
    assert not found.complete
    full = tracker.coverage(subs.assign(usable=True), plan.iloc[:3])
    assert full.complete and full.text() == ""


def test_workbook_shows_the_same_numbers_and_the_missing_bidang(frames, settings):
    ev = evaluated_with(frames, settings)
    content = build_evaluation_workbook(
        ev,
        frames[1],
        tahun=case.TAHUN,
        sampai_tw=case.SAMPAI_TW,
        settings=settings,
        kelengkapan=case.COVERAGE_TEXT,
    )
    wb = openpyxl.load_workbook(io.BytesIO(content))
    cells = {
        row[1].value: row[2].value
        for row in wb["Ringkasan"].iter_rows(min_row=5, max_row=14)
        if row[1].value
    }
    assert cells["Rata-rata capaian kinerja"] == pytest.approx(case.MEAN)
    assert cells["Predikat kinerja"] == case.PREDIKAT
    assert cells["Pagu anggaran"] == pytest.approx(case.PAGU)
    e81 = [c.value for row in wb["Evaluasi Renja (E.81)"].iter_rows() for c in row]
    assert f"Data belum lengkap: {case.COVERAGE_TEXT}." in e81
    assert any(v == pytest.approx(case.MEAN) for v in e81 if isinstance(v, int | float))


def test_efisiensi_boundary_is_inclusive():
    # capaian exactly on the kinerja bound counts as met; serapan exactly on its bound as spent
    assert formulas.efisiensi_kuadran(80.0, 40.0, 80.0, 50.0)[0] == formulas.EFISIEN
    assert formulas.efisiensi_kuadran(80.0, 50.0, 80.0, 50.0)[0] == formulas.SESUAI
    assert formulas.efisiensi_kuadran(79.9, 50.0, 80.0, 50.0)[0] == formulas.PERLU_PERHATIAN


@hyp_settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.one_of(st.none(), st.floats(0, 400, allow_nan=False)),
            st.one_of(st.none(), st.floats(0, 1e12, allow_nan=False)),
        ),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(["rata-rata", "pagu"]),
    st.sampled_from([None, 100.0, 120.0]),
)
def test_rollup_is_the_one_mean_per_group(rows, weighting, cap):
    settings = Settings(rollup_weight=weighting, capaian_cap=cap)
    capaian = np.array([np.nan if c is None else c for _, c, _ in rows], dtype=float)
    frame = pd.DataFrame(
        {
            "bidang": [b for b, _, _ in rows],
            "kode": [f"1.01.0{i % 3}" for i in range(len(rows))],
            "uraian": "",
            "capaian_tampil": formulas.apply_cap(capaian, cap),
            "pagu": [np.nan if p is None else p for _, _, p in rows],
        }
    )
    frame["program"] = frame["kode"]
    rolled = analysis.rollup(frame, "bidang", settings).set_index("bidang")["capaian"]
    for bidang, group in frame.groupby("bidang"):
        expected = analysis.mean_capaian(group, settings)
        if np.isnan(expected):
            assert np.isnan(rolled[bidang])
        else:
            assert rolled[bidang] == pytest.approx(expected, rel=1e-9, abs=1e-9)
