"""Beranda page: headline of the demo period in Indonesian format."""

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import open_page


def run_beranda() -> AppTest:
    return open_page("beranda.py", default_timeout=60).run()


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_headline_of_latest_year(demo_db):
    at = run_beranda()
    assert not at.exception
    assert at.title[0].value == "Beranda"
    assert at.subheader[0].value == "Tahun 2024, sampai Triwulan IV"
    values = metrics(at)
    assert values["Rata-rata capaian kinerja"] == "86,2%"
    assert values["Serapan anggaran"] == "87,3%"
    assert values["Indikator"] == "53"
    assert any("Tinggi" in md.value for md in at.markdown)
    table = at.dataframe[0].value
    assert list(table["Bidang"]) == sorted(table["Bidang"]) and len(table) == 5
    assert "Rp 23.640.840.000" not in table["Pagu"].tolist()  # per bidang, not the total
    assert table.set_index("Bidang").loc["Sekretariat", "Capaian kinerja"] == "90,7%"


def test_period_picker_switches_year_and_triwulan(demo_db):
    at = run_beranda()
    at.sidebar.selectbox(key="_w_tahun").select(2023).run()
    assert not at.exception
    assert at.subheader[0].value == "Tahun 2023, sampai Triwulan IV"
    assert metrics(at)["Rata-rata capaian kinerja"] == "84,5%"
    at.sidebar.selectbox(key="_w_sampai_tw").select(2).run()
    assert at.subheader[0].value == "Tahun 2023, sampai Triwulan II"
    assert metrics(at)["Rata-rata capaian kinerja"] != "84,5%"


def test_first_start_seeds_the_demo(empty_db):
    at = run_beranda()
    assert not at.exception
    assert metrics(at)["Indikator"] == "53"


def test_broken_config_is_shown_and_defaults_used(demo_db, tmp_path, monkeypatch):
    config = tmp_path / "kinerja.toml"
    config.write_text('kertas = "A5"\n', encoding="utf-8")
    monkeypatch.setenv("KINERJA_CONFIG", str(config))
    at = run_beranda()
    assert not at.exception
    assert any("'kertas'" in w.value and "bawaan" in w.value for w in at.warning)
    assert metrics(at)["Rata-rata capaian kinerja"] == "86,2%"


def test_unopenable_database_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    monkeypatch.setenv("KINERJA_DB", str(blocker / "kinerja.db"))
    at = run_beranda()
    assert not at.exception
    assert any("KINERJA_DB" in e.value for e in at.error)
