"""Riwayat in the browser: a row chosen in the log shows the whole entry, nothing cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, click_grid_until, wait_for_app

pytestmark = pytest.mark.e2e


def test_a_chosen_row_shows_the_whole_entry(page, app_url):
    page.goto(f"{app_url}/riwayat")
    page.get_by_role("heading", name="Riwayat").wait_for()
    wait_for_app(page)
    entry = page.get_by_text("Entri #", exact=False)
    click_grid_until(page, entry, x=12, y=52)  # the first row's selection box
    expect(entry).to_be_visible()
    # The newest entry is this test account's login, with its full role name.
    line = page.locator('[data-testid="stMarkdownContainer"]')
    expect(line.filter(has_text="Oleh:")).to_contain_text("(Admin / Kasubag Perencanaan)")
    expect(line.filter(has_text="Tindakan:")).to_contain_text("masuk")
    assert_no_exception(page)
