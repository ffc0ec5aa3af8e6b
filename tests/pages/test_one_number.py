"""One number everywhere: with non-default settings and one bidang missing, Beranda,
Analisis, Rapat, Ekspor and the exported workbook show the same hand-computed figures and
say which bidang are missing (numbers: tests/one_number.py)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from kinerja_core.store import Store
from tests import one_number as case
from tests.pages.conftest import open_page


@pytest.fixture
def case_db(tmp_path, monkeypatch) -> Store:
    path = tmp_path / "satu_angka.db"
    monkeypatch.setenv("KINERJA_DB", str(path))
    monkeypatch.setenv("KINERJA_CONFIG", str(case.config_file(tmp_path)))
    store = Store(f"sqlite:///{path}")
    case.seed(store)
    return store


def run(page: str) -> AppTest:
    at = open_page(page, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def warned(at: AppTest) -> str:
    """The warnings as shown (the Markdown escapes of untrusted text removed)."""
    return "\n".join(w.value for w in at.warning).replace("\\", "")


def markdown(at: AppTest) -> str:
    return "\n".join(md.value for md in at.markdown)


def test_beranda(case_db):
    at = run("beranda.py")
    values = metrics(at)
    assert values["Rata-rata capaian kinerja"] == case.MEAN_TEXT
    assert values["Serapan anggaran"] == case.SERAPAN_TEXT
    badge = next(md.value for md in at.markdown if "1.6rem" in md.value)
    assert f">{case.PREDIKAT}<" in badge  # 80 < 80,5: Sedang, not the default bounds' Tinggi
    assert case.COVERAGE_TEXT in warned(at)
    assert "Rp 2,1 miliar" in at.caption[1].value  # pagu Dinas from the rencana
    table = at.dataframe[0].value.set_index("Bidang")
    assert table.loc["Bidang Persandian", "Pagu"] == "Rp 1.000.000.000"
    assert table.loc["Sekretariat", "Capaian kinerja"] == "80,0%"  # (100·300 + 50·200)/500


def test_analisis(case_db):
    at = run("analisis.py")
    values = metrics(at)
    assert values["Rata-rata capaian"] == case.MEAN_TEXT
    assert values["Serapan anggaran"] == case.SERAPAN_TEXT
    assert values["Di bawah ambang 80%"] == case.DI_BAWAH  # T1 sits exactly on 80
    assert case.PREDIKAT in markdown(at)
    assert case.COVERAGE_TEXT in warned(at)
    # Serapan follows the filters of the indicators beside it: only T1 is "Sedang"
    at.multiselect(key="an_predikat").set_value(["Sedang"]).run()
    values = metrics(at)
    assert values["Indikator"] == "1"
    assert values["Rata-rata capaian"] == "80,0%"
    assert values["Serapan anggaran"] == "50,0%"  # 300 of 600 juta


def test_rapat(case_db):
    at = run("rapat.py")
    html = "\n".join(e.proto.body for e in at.get("html"))  # the slide is drawn as html
    assert case.MEAN_TEXT in html and case.SERAPAN_TEXT in html
    assert case.PREDIKAT in html
    assert f"Data belum lengkap: {case.COVERAGE_TEXT}" in html  # under the slide's title
    # the flag threshold card: 80 configured, T1 sits exactly on it, S2 (50) is under it
    card = next(e.proto.body for e in at.get("html") if "Indikator di bawah 80%" in e.proto.body)
    assert f'<div class="nilai">{case.DI_BAWAH}</div>' in card
    assert "dari 3 indikator" in card


def test_ekspor_and_its_workbook(case_db, downloads):
    at = run("ekspor.py")
    at.button(key="ek_buat").click().run()
    values = metrics(at)
    assert values["Rata-rata capaian kinerja"] == case.MEAN_TEXT
    assert values["Serapan anggaran"] == case.SERAPAN_TEXT
    assert case.COVERAGE_TEXT in warned(at)
    [(content, _name)] = downloads.values()
    wb = openpyxl.load_workbook(io.BytesIO(content))
    ringkasan = [c.value for row in wb["Ringkasan"].iter_rows() for c in row]
    assert f"Data belum lengkap: {case.COVERAGE_TEXT}." in ringkasan
    e81 = [c.value for row in wb["Evaluasi Renja (E.81)"].iter_rows() for c in row]
    assert f"Data belum lengkap: {case.COVERAGE_TEXT}." in e81
    rows = {
        row[1].value: row[2].value
        for row in wb["Ringkasan"].iter_rows(min_row=5, max_row=14)
        if row[1].value
    }
    assert rows["Rata-rata capaian kinerja"] == pytest.approx(case.MEAN)
    assert rows["Predikat kinerja"] == case.PREDIKAT
    assert rows["Pagu anggaran"] == pytest.approx(case.PAGU)
    assert rows["Realisasi anggaran s.d. Triwulan II"] == pytest.approx(case.REALISASI_ANGGARAN)


def test_a_settings_change_reaches_every_figure(case_db, tmp_path, monkeypatch, downloads):
    at = run("beranda.py")
    assert metrics(at)["Rata-rata capaian kinerja"] == "80,0%"
    config = tmp_path / "kinerja.toml"
    config.write_text(case.CONFIG.replace('rollup_weight = "pagu"', ""), encoding="utf-8")
    at.run()
    assert not at.exception
    assert metrics(at)["Rata-rata capaian kinerja"] == "76,7%"  # (100 + 50 + 80) / 3
    badge = next(md.value for md in at.markdown if "1.6rem" in md.value)
    assert ">Sedang<" in badge  # 76,7 is Sedang under the configured bounds (Tinggi ≥ 80,5)
    analisis = run("analisis.py")
    assert metrics(analisis)["Rata-rata capaian"] == "76,7%"
    rapat = run("rapat.py")
    slide = "\n".join(e.proto.body for e in rapat.get("html"))
    assert "76,7%" in slide and case.MEAN_TEXT not in slide
    ekspor = run("ekspor.py")
    assert metrics(ekspor)["Rata-rata capaian kinerja"] == "76,7%"
    ekspor.button(key="ek_buat").click().run()
    [(content, _name)] = downloads.values()  # the workbook built under the new settings
    ringkasan = openpyxl.load_workbook(io.BytesIO(content))["Ringkasan"]
    rows = {row[1].value: row[2].value for row in ringkasan.iter_rows(min_row=5, max_row=14)}
    assert rows["Rata-rata capaian kinerja"] == pytest.approx(230 / 3)
