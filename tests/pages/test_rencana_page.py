"""Rencana page: the plan in an editor that saves back, validation, loading from workbooks."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kinerja_core.demo import demo_frames
from kinerja_core.rencana import rencana_from_frames
from kinerja_core.store import Store
from tests.login import admin
from tests.pages.conftest import open_page

PLAN = ["bidang", "kode", "uraian", "indikator", "satuan", "polaritas", "agregasi", "target"]
EDITOR = "rencana_editor_2024_semua_bidang_0"


@pytest.fixture
def plan_db(tmp_path, monkeypatch) -> Store:
    """A database holding only the demo rencana of 2023 and 2024 (no submissions)."""
    path = tmp_path / "rencana.db"
    monkeypatch.setenv("KINERJA_DB", str(path))
    store = Store(f"sqlite:///{path}")
    for tahun in (2023, 2024):
        store.set_rencana(tahun, *rencana_from_frames(*demo_frames(tahun)), actor=admin("uji"))
    return store


def run_page() -> AppTest:
    return open_page("rencana.py", default_timeout=60).run()


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    return at.run()


def test_editor_shows_the_year_plan(plan_db):
    at = run_page()
    assert not at.exception
    assert at.title[0].value == "Rencana Kinerja"
    (editor,) = at.data_editor
    assert editor.editing_mode == "dynamic"
    table = editor.value
    assert len(table) == 53
    assert table.loc[table["kode"] == "2.16.02.2.01.0021", "pagu"].iloc[0] == "1.608.000.000"
    assert "53 indikator" in at.caption[0].value


def test_saving_unchanged_editor_round_trips(plan_db):
    before_ind, before_ang = plan_db.rencana(2024)
    at = click(run_page(), "Simpan rencana")
    assert not at.exception
    assert at.success and "53 indikator" in at.success[0].value
    after_ind, after_ang = plan_db.rencana(2024)
    assert after_ind[PLAN].equals(before_ind[PLAN])
    assert sorted(after_ang["kode"]) == sorted(before_ang["kode"])
    assert after_ang["pagu"].sum() == before_ang["pagu"].sum()


def test_edits_are_saved(plan_db):
    at = run_page()
    at.session_state[EDITOR] = {
        "edited_rows": {3: {"target": 15}, 6: {"pagu": 4_300_000_000}},
        "added_rows": [
            {
                "bidang": "Bidang Statistik",
                "kode": "2.20.02.2.01.0004",
                "uraian": "Peningkatan Kapasitas Sumber Daya Manusia Statistik Sektoral",
                "indikator": "Jumlah Modul Pelatihan Statistik",
                "satuan": "Modul",
                "polaritas": "positif",
                "agregasi": "kumulatif",
                "target": 3,
            }
        ],
        "deleted_rows": [0],
    }
    at = click(at.run(), "Simpan rencana")
    assert not at.exception, at.exception
    ind, ang = plan_db.rencana(2024)
    assert ang.set_index("kode").loc["2.16.01.1.02.0001", "pagu"] == 4_300_000_000
    assert len(ind) == 53  # one deleted, one added
    assert "Nilai Evaluasi SAKIP Perangkat Daerah" not in set(ind["indikator"])
    row = ind.set_index("indikator").loc["Jumlah Dokumen Perencanaan Perangkat Daerah"]
    assert row["target"] == 15
    added = ind.set_index("indikator").loc["Jumlah Modul Pelatihan Statistik"]
    assert added["kode"] == "2.20.02.2.01.0004" and added["tahun"] == 2024


def test_errors_block_saving_and_are_explained(plan_db):
    at = run_page()
    at.session_state[EDITOR] = {
        "edited_rows": {2: {"indikator": ""}, 4: {"kode": "2.16.01.1"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = click(at.run(), "Simpan rencana")
    assert not at.exception
    assert at.error and "belum disimpan" in at.error[0].value
    problems = at.dataframe[-1].value
    assert {"Tingkat", "Lokasi", "Masalah", "Cara memperbaiki"} <= set(problems.columns)
    assert any("baris 3" in loc and "Indikator" in loc for loc in problems["Lokasi"])
    assert any("baris 5" in loc and "Kode" in loc for loc in problems["Lokasi"])
    ind, _ = plan_db.rencana(2024)
    assert "" not in set(ind["indikator"])  # nothing was saved


def test_new_year_copies_the_plan(plan_db):
    at = run_page()
    at.number_input[0].set_value(2025)
    at = click(at.run(), "Buat rencana tahun baru")
    assert not at.exception
    ind, ang = plan_db.rencana(2025)
    assert len(ind) == 53 and (ind["tahun"] == 2025).all()
    assert ang["pagu"].sum() == plan_db.rencana(2024)[1]["pagu"].sum()
    assert at.session_state["tahun"] == 2025


def test_load_plan_from_a_workbook(plan_db):
    pytest.importorskip("kinerja_core.ingest", reason="ingest belum tersedia")
    demo = Path(__file__).resolve().parents[2] / "data" / "demo" / "2023" / "bidang_statistik.xlsx"
    at = run_page()
    at.file_uploader[0].set_value((demo.name, demo.read_bytes(), "application/octet-stream"))
    at = at.run()
    assert not at.exception, at.exception
    assert any("tahun 2023" in str(v) for v in at.dataframe[-1].value["Masalah"])
    at = click(at, "Muat sebagai rencana tahun 2024")
    assert not at.exception
    ind, _ = plan_db.rencana(2024)
    statistik = ind[ind["bidang"] == "Bidang Statistik"]
    assert len(ind) == 53 and len(statistik) == 9
    # the 2023 targets replaced the 2024 ones for Bidang Statistik only
    assert (
        statistik.set_index("indikator").loc["Jumlah Dokumen Metadata Statistik Sektoral", "target"]
        == 40
    )
    assert statistik[[c for c in ind.columns if c.startswith("realisasi_tw")]].isna().all().all()
    others = ind[ind["bidang"] != "Bidang Statistik"]
    assert pd.Series(others["target"]).notna().sum() > 30


def test_filtered_editor_saves_only_that_bidang(plan_db):
    at = run_page()
    at.selectbox(key="rencana_filter").select("Bidang Persandian").run()
    (editor,) = at.data_editor
    assert len(editor.value) == 10 and set(editor.value["bidang"]) == {"Bidang Persandian"}
    key = "rencana_editor_2024_bidang_persandian_0"
    at.session_state[key] = {
        "edited_rows": {0: {"target": 500}},
        "added_rows": [],
        "deleted_rows": [1],
    }
    at = click(at.run(), "Simpan rencana")
    assert not at.exception
    ind, ang = plan_db.rencana(2024)
    assert len(ind) == 52 and len(ang) == 30
    assert "Jumlah Kebocoran Data Pemerintah Daerah" not in set(ind["indikator"])
    kami = ind.set_index("indikator").loc["Indeks Keamanan Informasi (KAMI) Pemerintah Daerah"]
    assert kami["target"] == 500
    assert (ind["bidang"] == "Sekretariat").sum() == 12


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("3,7", 3.7), ("3.7", 3.7), ("1.250", 1250.0), ("1.250,5", 1250.5), ("87,5%", 87.5)],
)
def test_numbers_typed_in_the_editor_mean_the_same_in_every_browser(plan_db, typed, saved):
    at = run_page()
    at.session_state[EDITOR] = {"edited_rows": {3: {"target": typed}}}
    at = click(at.run(), "Simpan rencana")
    assert not at.exception, at.exception
    assert at.success, [e.value for e in at.error]
    row = plan_db.rencana(2024)[0].iloc[3]
    assert row["target"] == pytest.approx(saved)  # "3,7" is 3,7, never 37


def test_a_cell_that_is_not_a_number_is_refused_by_row_and_column(plan_db):
    before = plan_db.rencana(2024)[0]["target"].fillna(-1).tolist()
    at = run_page()
    at.session_state[EDITOR] = {"edited_rows": {3: {"target": "tiga koma tujuh"}}}
    at = click(at.run(), "Simpan rencana")
    assert not at.exception
    assert any("belum disimpan" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    assert problems.map(lambda v: "'tiga koma tujuh' bukan angka" in str(v)).to_numpy().any()
    assert plan_db.rencana(2024)[0]["target"].fillna(-1).tolist() == before


def test_sasaran_and_renstra_figures_are_edited_and_saved(plan_db):
    at = run_page()
    table = at.data_editor[0].value
    assert {"sasaran", "target_renstra", "realisasi_renstra_lalu"} <= set(table.columns)
    assert {"target_renstra_rp", "realisasi_renstra_lalu_rp"} <= set(table.columns)
    kode = table["kode"].iloc[3]
    at.session_state[EDITOR] = {
        "edited_rows": {
            3: {
                "sasaran": "Meningkatnya kualitas perencanaan",
                "target_renstra": "1.250,5",
                "realisasi_renstra_lalu": "3,7",
                "target_renstra_rp": "12.500.000.000",
                "realisasi_renstra_lalu_rp": "7.250.000.000",
            }
        }
    }
    at = click(at.run(), "Simpan rencana")
    assert not at.exception, at.exception
    assert at.success, [e.value for e in at.error]
    ind, ang = plan_db.rencana(2024)
    row = ind.iloc[3]
    assert row["sasaran"] == "Meningkatnya kualitas perencanaan"
    assert row["target_renstra"] == 1250.5 and row["realisasi_renstra_lalu"] == 3.7
    money = ang.set_index("kode").loc[kode]
    assert money["target_renstra_rp"] == 12_500_000_000
    assert money["realisasi_renstra_lalu_rp"] == 7_250_000_000
    assert not np.isnan(money["pagu"])  # the pagu of the kode stays

    again = run_page().data_editor[0].value  # shown back as Indonesian text
    assert again["target_renstra"].iloc[3] == "1.250,5"
    assert again.loc[again["kode"] == kode, "target_renstra_rp"].iloc[0] == "12.500.000.000"


def test_a_renstra_figure_that_is_not_a_number_is_refused_by_row_and_column(plan_db):
    before = plan_db.rencana(2024)
    at = run_page()
    at.session_state[EDITOR] = {"edited_rows": {4: {"target_renstra_rp": "dua belas miliar"}}}
    at = click(at.run(), "Simpan rencana")
    assert not at.exception
    assert any("belum disimpan" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    hit = problems[problems["Masalah"].str.contains("'dua belas miliar' bukan angka")]
    assert len(hit) == 1
    assert "baris 5" in hit["Lokasi"].iloc[0]
    assert "Target Renstra akhir periode (Rp)" in hit["Lokasi"].iloc[0]
    after = plan_db.rencana(2024)
    assert (
        after[1]["target_renstra_rp"].isna().tolist()
        == before[1]["target_renstra_rp"].isna().tolist()
    )


def test_pending_changes_are_named_until_saved():
    from kinerja_ui.rencana import pending_changes

    assert pending_changes(None) == ""
    assert pending_changes({"edited_rows": {}, "added_rows": [], "deleted_rows": []}) == ""
    state = {"edited_rows": {0: {"target": "3,7"}, 4: {}}, "added_rows": [{}], "deleted_rows": []}
    assert pending_changes(state) == "2 baris diubah, 1 baris baru"
