"""The real app in Chromium: text from files and people stays text on every page and slide.

The demo database with one bidang renamed to ``![x](http://127.0.0.1:9/x.png) **tebal**``,
and hostile text in an indikator, a faktor, a file name, an uploader and a rapat note. Every
page of the navigation and every rapat slide is opened; each must show the text literally
(where it is drawn as text rather than on a canvas grid), render no image or link from it,
and no request may leave the browser for 127.0.0.1:9.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, login, running_app, wait_for_app
from tests.login import admin

pytestmark = pytest.mark.e2e

HOST = "127.0.0.1:9"
BIDANG = f"![x](http://{HOST}/x.png) **tebal**"
INDIKATOR = f"Indikator ![y](http://{HOST}/y.png) [tautan](http://{HOST}/z) **miring**"
FAKTOR = f"Faktor <img src=http://{HOST}/f.png> ![f](http://{HOST}/f2.png)"
NOTE = f"Catatan\n\n![n](http://{HOST}/n.png) www.example.com"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    from kinerja_core.bootstrap import seed_demo
    from kinerja_core.store import Store

    folder = tmp_path_factory.mktemp("tak_tepercaya")
    db = folder / "kinerja.db"
    store = Store(f"sqlite:///{db}")
    seed_demo(store)
    with store.engine.begin() as conn:
        tables = sa.MetaData()
        tables.reflect(conn)
        for table in tables.tables.values():
            if "bidang" in table.c:
                conn.execute(
                    table.update()
                    .where(table.c.bidang == "Bidang Persandian")
                    .values(bidang=BIDANG)
                )
        for name in ("indicator_rows", "rencana_indicator_rows"):
            table = tables.tables[name]
            first = conn.execute(
                sa.select(sa.func.min(table.c.id)).where(  # a sub kegiatan indicator
                    table.c.bidang == BIDANG,
                    table.c.tahun == 2024,
                    sa.func.length(table.c.kode) >= 17,
                )
            ).scalar()
            lowest = {f"realisasi_tw{n}": 0.0 for n in range(1, 5)}  # first in 'perlu dibahas'
            conn.execute(
                table.update()
                .where(table.c.id == first)
                .values(
                    indikator=INDIKATOR, faktor_penghambat=FAKTOR, polaritas="positif", **lowest
                )
            )
        submissions = tables.tables["submissions"]
        conn.execute(
            submissions.update()
            .where(submissions.c.bidang == BIDANG)
            .values(filename=f"kiriman_![f](http://{HOST}/b.png).xlsx", uploaded_by="**saya**")
        )
    store.add_note(
        tahun=2024, sampai_tw=4, isi=NOTE, bidang=BIDANG, actor=admin(f"[p](http://{HOST})")
    )
    store.engine.dispose()
    with running_app(db, folder / "streamlit.log") as url:
        yield url


@pytest.fixture
def watched(browser, hostile_app):
    """A page whose every request is recorded; anything for the hostile host is refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(re.compile(r"https?://127\.0\.0\.1:9/.*"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(60_000)
    login(page, hostile_app)
    yield page, requests
    context.close()


def _page_text(page) -> str:
    """Everything drawn as text (HTML and SVG), joiners removed, whitespace collapsed."""
    text = page.evaluate(
        "() => document.body.innerText + ' ' + Array.from(document.querySelectorAll("
        "'svg text')).map(t => t.textContent).join(' ')"
    )
    return re.sub(r"\s+", " ", text.replace("\u2060", ""))


def _assert_inert(page, requests: list[str], where: str) -> None:
    assert_no_exception(page)
    hostile = [url for url in requests if HOST in url]
    assert not hostile, f"{where}: {hostile}"
    found = page.evaluate(
        "(host) => Array.from(document.querySelectorAll('img[src], a[href], image')).filter("
        "e => (e.getAttribute('src') || e.getAttribute('href') || '').includes(host)).length",
        HOST,
    )
    assert found == 0, where
    rendered_bold = page.evaluate(
        "() => Array.from(document.querySelectorAll('strong, em, b, i')).filter("
        "e => ['tebal', 'miring', 'saya'].includes(e.textContent.trim())).length"
    )
    assert rendered_bold == 0, where  # '**tebal**' must keep its asterisks


def _open(page, url: str, link: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link).click()
    wait_for_app(page)


def test_every_page_shows_the_text_literally_and_loads_nothing(watched, hostile_app, tmp_path):
    page, requests = watched
    page.goto(hostile_app)
    wait_for_app(page)
    links = [  # the label after the icon's ligature name
        link.inner_text().strip().split("\n")[-1]
        for link in page.locator('[data-testid="stSidebarNav"] a').all()
        if link.inner_text().strip()
    ]
    assert len(links) >= 7, links
    literal_on = {"Beranda", "Format Pengumpulan", "Pengumpulan Data", "Analisis"}
    for link in links:
        _open(page, hostile_app, link)
        page.get_by_role("heading").first.wait_for()
        if link == "Pengumpulan Data":
            page.get_by_role("tab", name="Pelacak pengumpulan").click()
            page.locator('[data-testid="stTable"]').first.wait_for()
        if link in literal_on:
            expect(page.locator("body")).to_contain_text("**tebal**")
            assert BIDANG in _page_text(page) or "**tebal**" in _page_text(page), link
        _assert_inert(page, requests, link)
        page.screenshot(path=str(tmp_path / f"{link}.png"), full_page=True)

    # The version history names the hostile file and uploader as text.
    _open(page, hostile_app, "Pengumpulan Data")
    page.get_by_role("tab", name="Riwayat versi").click()
    page.locator(".st-key-riwayat_bidang").click()
    page.get_by_role("option", name=BIDANG, exact=True).click()
    expect(page.locator("body")).to_contain_text("**saya**")
    assert f"kiriman_![f](http://{HOST}/b.png).xlsx" in _page_text(page)
    _assert_inert(page, requests, "Riwayat versi")


def test_every_rapat_slide_shows_the_text_literally(watched, hostile_app, tmp_path):
    page, requests = watched
    _open(page, hostile_app, "Rapat Koordinasi")
    title = page.locator(".rapat-judul")
    counter = page.locator(".rapat-hitung")
    title.wait_for()
    seen, texts = [title.text_content()], []
    total = int(counter.text_content().split("/")[1])
    for n in range(2, total + 1):
        page.get_by_role("button", name="Berikutnya ▶").click()
        expect(counter).to_have_text(f"{n} / {total}")  # wait for the slide, not a guess
        wait_for_app(page)
        seen.append(title.text_content())
        _assert_inert(page, requests, f"slide {n}: {seen[-1]}")
        if seen[-1] == BIDANG:
            texts.append(_page_text(page))
            page.screenshot(path=str(tmp_path / f"rapat_tak_tepercaya_{n}.png"))
            if INDIKATOR in texts[-1]:  # 'Yang perlu dibahas', with its faktor penghambat
                assert FAKTOR.removeprefix("Faktor ") in texts[-1]
                page.get_by_role("button", name=re.compile("^Catatan rapat")).click()
                dialog = page.get_by_role("dialog")
                expect(dialog).to_contain_text("www.example.com")
                shown = re.sub(r"\s+", " ", dialog.inner_text().replace("\u2060", ""))
                assert "![n](http://127.0.0.1:9/n.png) www.example.com" in shown
                assert f"[p](http://{HOST})" in shown  # who wrote it
                _assert_inert(page, requests, "catatan rapat")
                page.screenshot(path=str(tmp_path / "rapat_catatan_tak_tepercaya.png"))
                page.keyboard.press("Escape")
                expect(dialog).to_have_count(0)
    assert BIDANG in seen, seen
    assert any(INDIKATOR in text for text in texts), "the lowest indicator was never shown"
