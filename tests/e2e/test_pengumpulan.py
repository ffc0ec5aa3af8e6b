"""The real app in Chromium: upload a bidang's filled format through the file input, save
it, and see that bidang turn "Sudah" in the tracker."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, login, running_app, wait_for_app
from tests.login import admin

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def fresh_app_url(tmp_path_factory):
    """The app on its own database: the 2024 rencana, a period open until next month, and
    no submission yet (the shared demo database already has every bidang's file)."""
    from kinerja_core.demo import demo_frames
    from kinerja_core.rencana import rencana_from_frames
    from kinerja_core.store import Store

    db = tmp_path_factory.mktemp("pengumpulan") / "kinerja.db"
    store = Store(f"sqlite:///{db}")
    store.set_rencana(2024, *rencana_from_frames(*demo_frames(2024)), actor=admin("uji"))
    store.open_period(2024, 4, date.today() + timedelta(days=30), actor=admin("uji"))
    store.engine.dispose()
    with running_app(db, db.with_suffix(".log")) as url:
        yield url


def _tracker_row(page, bidang: str):
    return page.locator('[data-testid="stTable"] tr').filter(has_text=bidang).first


def test_upload_turns_bidang_sudah_in_tracker(browser, fresh_app_url, tmp_path):
    from tests.pages.test_pengumpulan_page import filled_format

    upload = tmp_path / "kinerja_statistik_2024.xlsx"
    upload.write_bytes(filled_format("Bidang Statistik"))

    context = browser.new_context(viewport={"width": 1366, "height": 1400}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        login(page, fresh_app_url)
        wait_for_app(page)
        page.get_by_role("link", name="Pengumpulan Data").click()
        page.get_by_role("heading", name="Pengumpulan Data").wait_for()
        wait_for_app(page)

        page.get_by_role("tab", name="Pelacak pengumpulan").click()
        row = _tracker_row(page, "Bidang Statistik")
        row.wait_for()
        assert "Belum" in row.inner_text()

        page.get_by_role("tab", name="Unggah berkas").click()
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            str(upload)
        )
        page.get_by_text("Terbaca tanpa kesalahan").wait_for()
        page.get_by_role("button", name="Simpan", exact=True).click()
        page.get_by_text("Tersimpan sebagai versi 1 untuk Bidang Statistik").wait_for()
        wait_for_app(page)
        page.screenshot(path=str(tmp_path / "pengumpulan_unggah.png"), full_page=True)

        page.get_by_role("tab", name="Pelacak pengumpulan").click()
        row = _tracker_row(page, "Bidang Statistik")
        row.wait_for()
        text = row.inner_text()
        assert "Sudah" in text and "Belum" not in text
        assert "Belum" in _tracker_row(page, "Sekretariat").inner_text()
        assert_no_exception(page)
        page.screenshot(path=str(tmp_path / "pengumpulan_pelacak.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="module")
def app_and_db(tmp_path_factory):
    """Like ``fresh_app_url``, also giving the database path to look into."""
    from kinerja_core.demo import demo_frames
    from kinerja_core.rencana import rencana_from_frames
    from kinerja_core.store import Store

    db = tmp_path_factory.mktemp("pilih_bidang") / "kinerja.db"
    store = Store(f"sqlite:///{db}")
    store.set_rencana(2024, *rencana_from_frames(*demo_frames(2024)), actor=admin("uji"))
    store.open_period(2024, 4, date.today() + timedelta(days=30), actor=admin("uji"))
    store.engine.dispose()
    with running_app(db, db.with_suffix(".log")) as url:
        yield url, db


def test_choose_the_bidang_of_a_file_that_does_not_name_it_and_save(browser, app_and_db, tmp_path):
    """The blocker of issue 8: the choice made in the card's dropdown survives to Simpan."""
    from kinerja_core.store import Store
    from tests.pages.test_pengumpulan_page import _without_bidang

    url, db = app_and_db
    upload = tmp_path / "kiriman.xlsx"
    upload.write_bytes(_without_bidang())
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        login(page, url, path="/pengumpulan")
        page.get_by_role("heading", name="Pengumpulan Data").wait_for()
        wait_for_app(page)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            str(upload)
        )
        box = page.locator('[class*="st-key-pilih_bidang_"]').first
        box.wait_for()
        expect(box).to_contain_text("Bidang tidak tertulis di berkas")
        button = page.locator('[class*="st-key-simpan_"] button').first
        expect(button).to_be_disabled()  # "Simpan sebagai arsip" until a bidang is chosen
        box.click()
        page.get_by_role("option", name="Bidang Statistik", exact=True).click()
        page.get_by_text("Terbaca tanpa kesalahan").wait_for()
        expect(button).to_have_text(re.compile(r"Simpan$"))  # no longer "… sebagai arsip"
        expect(button).to_be_enabled()
        expect(box.get_by_role("combobox")).to_have_value("Bidang Statistik")  # still chosen
        page.screenshot(path=str(tmp_path / "pilih_bidang.png"), full_page=True)
        button.click()
        page.get_by_text("Tersimpan sebagai versi 1 untuk Bidang Statistik").wait_for()
        assert_no_exception(page)
        page.screenshot(path=str(tmp_path / "pilih_bidang_tersimpan.png"), full_page=True)
    finally:
        context.close()
    store = Store(f"sqlite:///{db}")
    stored = store.submissions(2024)
    assert list(stored["bidang"]) == ["Bidang Statistik"]
    assert list(stored["filename"]) == ["kiriman.xlsx"] and bool(stored["usable"].iloc[0])
    assert set(store.indicators(2024)["bidang"]) == {"Bidang Statistik"}
    store.engine.dispose()
