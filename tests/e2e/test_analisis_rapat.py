"""The real app in Chromium: a filter changes the Analisis chart and table; the rapat steps."""

import pytest

from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.e2e


def y_labels(page, key: str) -> list[str]:
    chart = page.locator(f".st-key-{key}")
    chart.locator(".main-svg").first.wait_for()
    return [t.text_content() for t in chart.locator(".ytick text").all()]


def table_rows(page) -> int:
    grid = page.locator('[data-testid="stDataFrame"] [aria-rowcount]').first
    grid.wait_for(state="attached")  # the accessible table behind the canvas grid
    return int(grid.get_attribute("aria-rowcount")) - 1  # minus the header row


def choose(page, key: str, option: str) -> None:
    """Pick an option and wait until the table behind the grid has been redrawn."""
    rows_before = table_rows(page)
    page.locator(f".st-key-{key}").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        "(n) => { const g = document.querySelector("
        "'[data-testid=\"stDataFrame\"] [aria-rowcount]'); "
        "return g && g.getAttribute('aria-rowcount') !== String(n + 1); }",
        arg=rows_before,
    )
    wait_for_app(page)


def open_page(page, app_url: str, link: str) -> None:
    page.goto(app_url)  # through the navigation, as a user does
    wait_for_app(page)
    page.get_by_role("link", name=link).click()
    wait_for_app(page)


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)], ids=["proyektor", "laptop"])
def test_filter_changes_chart_and_table(page, app_url, tmp_path, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, app_url, "Analisis")
    page.get_by_role("heading", name="Analisis Capaian Kinerja").wait_for()
    assert_no_exception(page)
    before = y_labels(page, "an_chart_capaian")
    assert "Sekretariat" in before and len(before) == 5
    assert table_rows(page) == 53
    page.screenshot(path=str(tmp_path / f"analisis_{size[0]}x{size[1]}.png"))

    choose(page, "an_bidang", "Bidang Aplikasi Informatika")
    assert_no_exception(page)
    after = y_labels(page, "an_chart_capaian")
    assert after != before and any(label.startswith("2.16.03") for label in after)
    assert table_rows(page) == 12

    choose(page, "an_predikat", "Sangat Rendah")
    assert_no_exception(page)
    assert 0 < table_rows(page) < 12
    page.screenshot(path=str(tmp_path / f"analisis_filter_{size[0]}x{size[1]}.png"))


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)], ids=["proyektor", "laptop"])
def test_rapat_steps_through_views(page, app_url, tmp_path, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, app_url, "Rapat Koordinasi")
    title = page.locator(".rapat-judul")
    title.wait_for()
    assert title.text_content() == "Ringkasan Dinas"
    assert_no_exception(page)
    page.screenshot(path=str(tmp_path / f"rapat_ringkasan_{size[0]}x{size[1]}.png"))

    seen = [title.text_content()]
    for _ in range(5):
        page.get_by_role("button", name="Berikutnya ▶").click()
        wait_for_app(page)
        assert_no_exception(page)
        seen.append(title.text_content())
    assert seen == [
        "Ringkasan Dinas",
        "Sekretariat",
        "Bidang Aplikasi Informatika",
        "Bidang Informasi dan Komunikasi Publik",
        "Bidang Persandian",
        "Bidang Statistik",
    ]
    assert page.get_by_role("button", name="Berikutnya ▶").is_disabled()
    assert page.locator(".st-key-rapat_chart_capaian .main-svg").count() >= 1
    page.screenshot(path=str(tmp_path / f"rapat_bidang_{size[0]}x{size[1]}.png"))

    page.get_by_role("button", name="◀ Sebelumnya").click()
    wait_for_app(page)
    assert title.text_content() == "Bidang Persandian"
