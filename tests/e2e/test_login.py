"""Login in the browser: each demo role sees exactly its pages, a deep link survives the
login, a refresh stays logged in, logout ends the session."""

from __future__ import annotations

import pytest

from kinerja_core.access import Peran, can
from kinerja_core.bootstrap import DEMO_ACCOUNTS
from kinerja_ui.auth import HALAMAN
from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.e2e

# Navigation titles of the pages in app.py.
TITLES = {
    "beranda": "Beranda",
    "rencana": "Rencana",
    "format_pengumpulan": "Format Pengumpulan",
    "pengumpulan": "Pengumpulan Data",
    "analisis": "Analisis",
    "rapat": "Rapat Koordinasi",
    "ekspor": "Ekspor Dokumen",
    "dokumen": "Dokumen Evaluasi",
    "surat_arsip": "Surat & Arsip",
    "pengaturan": "Pengaturan",
    "cadangan": "Cadangan Data",
    "riwayat": "Riwayat",
}


@pytest.fixture
def fresh(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def _submit(page, pengguna: str, sandi: str) -> None:
    form = page.locator('[data-testid="stForm"]')
    form.get_by_label("Nama pengguna").fill(pengguna)
    form.get_by_label("Kata sandi").fill(sandi)
    form.get_by_role("button", name="Masuk").click()


def _nav_links(page) -> set[str]:
    links = page.locator('[data-testid="stSidebarNav"] a').all()
    return {link.inner_text().strip().split("\n")[-1] for link in links}


@pytest.mark.parametrize("demo", DEMO_ACCOUNTS, ids=lambda d: d.pengguna)
def test_each_demo_role_sees_exactly_its_pages(fresh, app_url, demo):
    page = fresh
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("cell", name=demo.pengguna, exact=True).wait_for()  # listed while demo
    _submit(page, demo.pengguna, demo.sandi)
    page.get_by_role("button", name="Keluar").wait_for()
    wait_for_app(page)
    expected = {
        TITLES[name] for name, aksi in HALAMAN.items() if name in TITLES and can(_actor(demo), aksi)
    }
    assert _nav_links(page) == expected
    assert demo.peran.label in page.locator('[data-testid="stSidebar"]').inner_text()
    assert_no_exception(page)


def _actor(demo):
    from kinerja_core.access import Actor

    return Actor(demo.pengguna, demo.nama, demo.peran, demo.bidang)


def test_a_deep_link_opens_its_view_after_login_and_survives_a_refresh(fresh, app_url):
    page = fresh
    page.goto(f"{app_url}/rapat?tahun=2023&tw=2")
    wait_for_app(page)
    assert page.get_by_role("heading", name="Masuk ke Kinerja").count() == 1
    _submit(page, "admin", "salah-sekali")
    page.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()
    _submit(page, "tamu", "demo-tamu")
    page.locator(".rapat-judul", has_text="Ringkasan Dinas").wait_for()
    page.get_by_text("Capaian kinerja tahun 2023 sampai Triwulan II").wait_for()
    assert "/rapat?" in page.url and "tahun=2023" in page.url and "tw=2" in page.url
    page.wait_for_function("document.cookie.includes('kinerja_sesi=')")

    page.reload()
    page.get_by_text("Capaian kinerja tahun 2023 sampai Triwulan II").wait_for()
    page.get_by_role("button", name="Keluar").wait_for()  # still logged in (waits: load)

    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("heading", name="Masuk ke Kinerja").wait_for()
    page.reload()
    wait_for_app(page)
    page.get_by_role("heading", name="Masuk ke Kinerja").wait_for()
    assert page.get_by_role("button", name="Keluar").count() == 0


def test_a_page_the_role_may_not_use_is_not_reachable_by_address(fresh, app_url):
    page = fresh
    page.goto(f"{app_url}/cadangan")
    wait_for_app(page)
    _submit(page, "tamu", "demo-tamu")
    page.get_by_role("button", name="Keluar").wait_for()
    wait_for_app(page)
    assert page.get_by_role("heading", name="Cadangan Data").count() == 0
    assert "Cadangan Data" not in _nav_links(page)
    assert Peran.TAMU.label in page.locator('[data-testid="stSidebar"]').inner_text()
