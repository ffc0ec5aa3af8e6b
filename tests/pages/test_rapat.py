"""Rapat Koordinasi page on the demo: slides, previous/next, notes kept per period."""

from streamlit.testing.v1 import AppTest

from kinerja_core.store import Store
from tests.pages.conftest import page_path


def run_rapat() -> AppTest:
    return AppTest.from_file(page_path("rapat.py"), default_timeout=60).run()


def slide_title(at: AppTest) -> str:
    title = next(md.value for md in at.markdown if 'class="rapat-judul"' in md.value)
    return title.split(">", 1)[1].split("<", 1)[0]


def html(at: AppTest) -> str:
    return "\n".join(md.value for md in at.markdown)


def test_summary_slide_first(demo_db):
    at = run_rapat()
    assert not at.exception
    assert slide_title(at) == "Ringkasan Dinas"
    assert "tampilan 1 dari 6" in html(at)
    assert "86,2%" in html(at) and "87,3%" in html(at)
    assert at.button(key="rapat_prev").disabled
    ids = [e.proto.id for e in at.get("plotly_chart")]
    assert sum("rapat_chart" in i for i in ids) == 3
    assert "Yang perlu dibahas" in html(at)


def test_next_and_previous(demo_db):
    at = run_rapat()
    at.button(key="rapat_next").click().run()
    assert not at.exception
    assert slide_title(at) == "Sekretariat"
    assert "tampilan 2 dari 6" in html(at)
    assert not at.button(key="rapat_prev").disabled
    assert "Faktor penghambat:" in html(at)
    at.button(key="rapat_next").click().run()
    second = slide_title(at)
    assert second == "Bidang Aplikasi Informatika"
    at.button(key="rapat_prev").click().run()
    assert slide_title(at) == "Sekretariat"
    at.selectbox(key="rapat_tampilan").select("Bidang Persandian").run()
    assert slide_title(at) == "Bidang Persandian"
    at.button(key="rapat_next").click().run()
    assert slide_title(at) == "Bidang Statistik" and "tampilan 6 dari 6" in html(at)
    assert at.button(key="rapat_next").disabled


def save_note(at: AppTest, isi: str, jenis: str = "catatan", penulis: str = "Kasubag") -> None:
    at.radio[0].set_value(jenis)
    at.text_area[0].input(isi)
    at.text_input[0].input(penulis)
    at.button(key="FormSubmitter:rapat_catatan-Simpan").click().run()


def test_note_saved_and_shown_again_next_time(demo_db):
    at = run_rapat()
    at.sidebar.selectbox(key="_w_sampai_tw").select(2).run()
    at.button(key="rapat_next").click().run()
    save_note(at, "Diklat dipindah ke TW III", jenis="keputusan")
    assert not at.exception
    assert "Keputusan disimpan." in [s.value for s in at.success]
    notes = Store(f"sqlite:///{demo_db}").notes(2024)
    saved = notes.iloc[-1]
    assert (saved["isi"], saved["bidang"], saved["jenis"], saved["sampai_tw"]) == (
        "Diklat dipindah ke TW III",
        "Sekretariat",
        "keputusan",
        2,
    )
    assert "Diklat dipindah ke TW III" in html(at)
    assert "Rapat ini (Triwulan II 2024)" in html(at)

    # The next rapat (TW III): the decision comes back under "Dari rapat sebelumnya".
    at.sidebar.selectbox(key="_w_sampai_tw").select(3).run()
    assert slide_title(at) == "Sekretariat"
    page = html(at)
    assert "Dari rapat sebelumnya" in page and "Diklat dipindah ke TW III" in page
    assert "TW II 2024" in page and "Kasubag" in page
    # Not on another bidang's slide, but the summary recalls every bidang's decisions.
    at.button(key="rapat_next").click().run()
    assert "Diklat dipindah ke TW III" not in html(at)
    at.selectbox(key="rapat_tampilan").select("").run()
    assert "Keputusan — Sekretariat" in html(at)


def test_empty_note_is_refused(demo_db):
    at = run_rapat()
    save_note(at, "   ")
    assert "Isi catatan masih kosong." in [e.value for e in at.error]
    assert Store(f"sqlite:///{demo_db}").notes(2024).empty


def test_full_screen_hides_sidebar(demo_db):
    at = run_rapat()
    at.toggle(key="rapat_layar_penuh").set_value(True).run()
    assert any("stSidebar" in md.value and "display: none" in md.value for md in at.markdown)
