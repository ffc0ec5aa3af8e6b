"""Analisis: filters from the URL and back into it, 'filter aktif' chips, and a click on a
treemap box (as the page script reports it) drilling down to that box."""

from streamlit.testing.v1 import AppTest

from kinerja_core.plaintext import md
from tests.pages.conftest import open_page


def run(**params: str) -> AppTest:
    at = open_page("analisis.py", default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def indikator(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Indikator")


def chips(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("an_chip_")]


def test_filters_from_the_url(demo_db):
    at = run(bidang="Bidang Persandian", predikat="Sangat Rendah,Rendah", cari="sandi")
    assert not at.exception
    assert at.selectbox(key="an_bidang").value == "Bidang Persandian"
    assert at.multiselect(key="an_predikat").value == ["Sangat Rendah", "Rendah"]
    assert chips(at) == [  # names as Markdown-safe text
        "Bidang: Bidang Persandian",
        f"Predikat: {md('Sangat Rendah, Rendah')}",
        "Cari: sandi",
        "Hapus semua filter",
    ]
    assert at.query_params["bidang"] == "Bidang Persandian"


def test_unknown_values_in_the_url_are_ignored(demo_db):
    at = run(bidang="Bidang Entah", predikat="Luar Biasa", urut="acak")
    assert not at.exception
    assert at.selectbox(key="an_bidang").value == ""
    assert indikator(at) == "53" and chips(at) == []
    assert "bidang" not in at.query_params


def test_a_chip_clears_its_filter_and_the_url(demo_db):
    at = run(bidang="Bidang Statistik", program="2.20.02")
    assert indikator(at) == "9"
    at.button(key="an_chip_0").click().run()  # Bidang: clears the levels below too
    assert at.selectbox(key="an_bidang").value == ""
    assert at.selectbox(key="an_program").value == ""
    assert indikator(at) == "53" and chips(at) == []
    assert "bidang" not in at.query_params and "program" not in at.query_params


def test_a_click_on_a_treemap_box_drills_down_to_it(demo_db):
    at = run()
    at.session_state["an_tab"] = "Tren & anggaran"
    at.run()
    box = "Sekretariat/2.16.01/2.16.01.1.02"
    at.text_input(key="an_klik_peta").input(f"{box}\u241f123").run()
    assert not at.exception
    assert at.selectbox(key="an_bidang").value == "Sekretariat"
    assert at.selectbox(key="an_program").value == "2.16.01"
    assert at.selectbox(key="an_kegiatan").value == "2.16.01.1.02"
    assert chips(at)[2].startswith(f"Kegiatan: {md('2.16.01.1.02')}")
