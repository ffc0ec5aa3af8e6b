"""The real app in an English-language Chromium: '3,7' typed in the Rencana editor is 3,7."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    assert_no_exception,
    click_grid_until,
    login,
    running_app,
    wait_for_app,
)
from tests.login import admin

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def plan_app(tmp_path_factory):
    from kinerja_core.demo import demo_frames
    from kinerja_core.rencana import rencana_from_frames
    from kinerja_core.store import Store

    db = tmp_path_factory.mktemp("rencana_locale") / "kinerja.db"
    store = Store(f"sqlite:///{db}")
    store.set_rencana(2024, *rencana_from_frames(*demo_frames(2024)), actor=admin("uji"))
    store.engine.dispose()
    with running_app(db, db.with_suffix(".log")) as url:
        yield url, db


def open_target_editor(page):
    """Open the editor of the first row's Target cell and return it."""
    editor = page.locator("textarea.gdg-input, input.gdg-input").first
    # the first row's Kode cell, then Indikator → Satuan → Polaritas → Cara Agregasi → Target
    keys = ("ArrowRight",) * 5 + ("Enter",)
    click_grid_until(page, editor, x=40, y=52, keys=keys)
    return editor


def test_decimal_comma_in_an_english_chrome(browser, plan_app, tmp_path):
    from kinerja_core.store import Store

    url, db = plan_app
    store = Store(f"sqlite:///{db}")
    before = store.rencana(2024)[0]["target"].tolist()
    store.engine.dispose()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        login(page, url, path="/rencana")
        page.get_by_role("heading", name="Rencana Kinerja").wait_for()
        wait_for_app(page)
        editor = open_target_editor(page)
        editor.fill("3,7")
        page.keyboard.press("Enter")
        expect(editor).to_be_hidden()
        # the edit has reached the server (a click during that rerun could be lost)
        expect(page.get_by_text("Perubahan belum disimpan: 1 baris diubah.")).to_be_visible()
        wait_for_app(page)
        page.screenshot(path=str(tmp_path / "rencana_diketik.png"))
        page.get_by_role("button", name="Simpan rencana").click()
        expect(page.get_by_text("Rencana tahun 2024 disimpan")).to_be_visible()
        assert_no_exception(page)
        page.screenshot(path=str(tmp_path / "rencana_tersimpan.png"))
    finally:
        context.close()
    store = Store(f"sqlite:///{db}")
    targets = store.rencana(2024)[0]["target"].tolist()
    store.engine.dispose()
    # One target changed (the first row's, unless a redraw moved the grid's focus a row on),
    # and it is 3.7: not 37, whatever the browser's language.
    same = [
        old == new or (old != old and new != new) for old, new in zip(before, targets, strict=True)
    ]
    changed = [new for new, kept in zip(targets, same, strict=True) if not kept]  # NaN kept
    assert changed == [pytest.approx(3.7)]
