"""The period: the latest one with data by default, kept in the URL, and the mid-year basis
on Beranda, Analisis and Rapat (never on the E.81 export)."""

from streamlit.testing.v1 import AppTest

from kinerja_core import analysis
from kinerja_core.locale_id import fmt_percent
from kinerja_core.store import Store
from tests.login import admin
from tests.pages.conftest import open_page


def run(page: str, **params: str) -> AppTest:
    at = open_page(page, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_a_new_empty_year_does_not_become_the_default(demo_db):
    store = Store(demo_db)
    plan, budget = store.rencana(2024)
    store.set_rencana(
        2025, plan.assign(tahun=2025), budget.assign(tahun=2025), actor=admin("Kasubag")
    )
    assert store.years()[-1] == 2025
    at = run("beranda.py")
    assert not at.exception
    assert at.subheader[0].value == "Tahun 2024, sampai Triwulan IV"
    assert "2025" in at.sidebar.selectbox(key="_w_tahun").options  # still on offer
    assert at.query_params["tahun"] == "2024" and at.query_params["tw"] == "4"


def test_period_from_the_url_and_back_into_it(demo_db):
    at = run("beranda.py", tahun="2023", tw="2")
    assert not at.exception
    assert at.subheader[0].value == "Tahun 2023, sampai Triwulan II"
    at.sidebar.selectbox(key="_w_sampai_tw").select(3).run()
    assert at.subheader[0].value == "Tahun 2023, sampai Triwulan III"
    assert at.query_params["tahun"] == "2023" and at.query_params["tw"] == "3"


def test_a_broken_url_opens_the_default_period(demo_db):
    at = run("beranda.py", tahun="1999", tw="9", acuan="semester")
    assert not at.exception
    assert at.subheader[0].value == "Tahun 2024, sampai Triwulan IV"


def test_mid_year_view_at_tw_ii_on_beranda(demo_db):
    store = Store(demo_db)
    mid = analysis.evaluate(store.indicators(2024), store.anggaran(2024), 2, acuan="triwulan")
    annual = analysis.evaluate(store.indicators(2024), store.anggaran(2024), 2)
    expected = analysis.headline(mid, store.anggaran(2024), 2024, 2)
    before = analysis.headline(annual, store.anggaran(2024), 2024, 2).rata_rata_capaian
    assert expected.rata_rata_capaian > before + 10  # half the Dinas no longer 'Rendah'

    at = run("beranda.py", tw="2")
    assert metric(at, "Rata-rata capaian kinerja") != fmt_percent(expected.rata_rata_capaian)
    basis = at.sidebar.radio(key="_w_acuan")
    assert basis.options == ["Terhadap target tahunan", "Terhadap target s.d. Triwulan II"]
    basis.set_value("triwulan").run()
    assert not at.exception
    assert at.subheader[0].value == (
        "Tahun 2024, sampai Triwulan II · capaian terhadap target s.d. Triwulan II"
    )
    assert metric(at, "Rata-rata capaian kinerja") == fmt_percent(expected.rata_rata_capaian)
    assert at.query_params["acuan"] == "triwulan"


def test_mid_year_view_on_analisis_and_rapat_but_not_on_the_e81(demo_db):
    store = Store(demo_db)
    mid = analysis.evaluate(store.indicators(2024), store.anggaran(2024), 2, acuan="triwulan")
    expected = fmt_percent(mid["capaian_tampil"].mean())

    at = run("analisis.py", tw="2", acuan="triwulan")
    assert not at.exception
    assert "capaian terhadap target s.d. Triwulan II" in at.caption[0].value
    assert metric(at, "Rata-rata capaian") == expected
    table = at.dataframe[0]
    assert table.proto.columns and "Target s.d. Triwulan II" in str(table.proto.columns)

    at = run("rapat.py", tw="2", acuan="triwulan")
    assert not at.exception
    slide = "".join(e.proto.body for e in at.get("html"))
    assert "sampai Triwulan II terhadap target s.d. Triwulan II" in slide
    assert expected in slide

    at = run("ekspor.py", tw="2", acuan="triwulan")  # the E.81 stays annual
    assert not at.exception
    annual = analysis.evaluate(store.indicators(2024), store.anggaran(2024), 2)
    assert metric(at, "Rata-rata capaian kinerja") == fmt_percent(annual["capaian_tampil"].mean())
    assert len(at.sidebar.radio) == 0  # no basis to choose there
