"""A page URL opened as a fresh server's very first request still gets the app's navigation."""

import pytest

from tests.e2e.conftest import assert_no_exception, login, running_app

pytestmark = pytest.mark.e2e


def test_first_request_to_a_page_url_goes_through_app_navigation(browser, tmp_path):
    with running_app(tmp_path / "kinerja.db", tmp_path / "streamlit.log") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        login(page, url, path="/pengumpulan")  # the login form, then the page asked for
        page.get_by_role("heading", name="Pengumpulan Data").wait_for(timeout=60_000)
        nav = page.locator('[data-testid="stSidebarNav"]')
        nav.get_by_text("Rapat Koordinasi").wait_for()
        assert nav.get_by_text("Pengumpulan Data").count() == 1
        assert nav.get_by_text("app", exact=True).count() == 0  # the legacy file list
        assert_no_exception(page)
        page.close()
