"""The login gate (AppTest): a page opened directly asks for a login, refuses a role that may
not use it, and a login through the form opens it; wrong passwords slow down."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from kinerja_core.bootstrap import DEMO_ACCOUNTS
from kinerja_core.store import Store
from tests.pages.conftest import REPO, login, open_page, page_path


def _form_login(at: AppTest, pengguna: str, sandi: str) -> AppTest:
    at.text_input[0].input(pengguna)
    at.text_input[1].input(sandi)
    return at.button[0].click().run()


def test_a_page_opened_without_login_shows_the_login_form(demo_db):
    at = AppTest.from_file(page_path("cadangan.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Masuk ke Kinerja"]
    assert "Cadangan Data" not in [t.value for t in at.title]
    shown = at.table[0].value
    assert list(shown["Nama pengguna"]) == [d.pengguna for d in DEMO_ACCOUNTS]
    assert list(shown["Nama pengguna"])[:2] == ["admin", "kabid.statistik"]


def test_the_login_form_opens_the_page_and_a_wrong_password_does_not(demo_db):
    at = AppTest.from_file(page_path("cadangan.py"), default_timeout=60).run()
    _form_login(at, "admin", "bukan-sandinya")
    assert "Nama pengguna atau kata sandi salah." in [e.value for e in at.error]
    assert "Cadangan Data" not in [t.value for t in at.title]
    _form_login(at, "admin", "demo-admin")
    assert not at.exception
    assert "Cadangan Data" in [t.value for t in at.title]


def test_a_role_that_may_not_use_the_page_is_refused_on_the_page_itself(demo_db):
    for peran in ("tamu", "kabid", "sekretaris", "kepala_dinas"):
        at = open_page("cadangan.py", peran=peran, default_timeout=60).run()
        assert not at.exception
        assert "Cadangan Data" not in [t.value for t in at.title]
        assert any("tidak tersedia untuk peran" in e.value for e in at.error), peran
    at = open_page("cadangan.py", peran="admin", default_timeout=60).run()
    assert "Cadangan Data" in [t.value for t in at.title]


def test_repeated_wrong_passwords_make_the_name_wait_even_in_a_new_session(demo_db):
    for _ in range(5):
        at = AppTest.from_file(page_path("beranda.py"), default_timeout=60).run()
        _form_login(at, "kadis", "tebak-tebak")
    at = AppTest.from_file(page_path("beranda.py"), default_timeout=60).run()
    _form_login(at, "kadis", "demo-kadis")  # the right password, but the name must wait
    assert any("Terlalu banyak kata sandi salah" in e.value for e in at.error)
    assert "Beranda" not in [t.value for t in at.title]


def test_the_demo_accounts_are_not_listed_once_their_password_changed(demo_db):
    from kinerja_core import accounts
    from kinerja_core.access import Actor

    store = Store()
    for pengguna in ("admin", "tamu"):
        accounts.change_password(store, Actor.cli(), pengguna, "sandi-baru-rahasia")
    at = AppTest.from_file(page_path("beranda.py"), default_timeout=60).run()
    assert list(at.table[0].value["Nama pengguna"]) == ["kabid.statistik", "sekretaris", "kadis"]
    assert "sandi-baru-rahasia" not in str(at.table[0].value)


def test_the_app_lists_only_the_pages_of_the_role(demo_db):
    at = login(AppTest.from_file(str(REPO / "app.py"), default_timeout=120), "tamu").run()
    assert not at.exception
    assert "Beranda" in [t.value for t in at.title]
    assert [b.label for b in at.sidebar.button] == ["Keluar"]


def test_a_kabid_sees_the_files_of_their_own_bidang_only(demo_db):
    admin = open_page("pengumpulan.py", default_timeout=60).run()
    assert len(admin.selectbox(key="riwayat_bidang").options) > 1
    kabid = open_page("pengumpulan.py", "kabid", "Bidang Statistik", default_timeout=60).run()
    assert not kabid.exception
    assert list(kabid.selectbox(key="riwayat_bidang").options) == ["Bidang Statistik"]
