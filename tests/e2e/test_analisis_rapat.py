"""The real app in Chromium: a filter changes the Analisis chart and table; the rapat steps."""

import openpyxl
import pytest
from playwright.sync_api import expect

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
    shown = table_rows(page)
    assert 0 < shown < 12
    page.screenshot(path=str(tmp_path / f"analisis_filter_{size[0]}x{size[1]}.png"))

    # The download holds the current view: numbers as numbers, codes as text.
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh Excel (.xlsx)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "analisis_2024_tw4.xlsx"
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[3]]
    data = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(data) == shown
    assert {row[header.index("Bidang")] for row in data} == {"Bidang Aplikasi Informatika"}
    assert {row[header.index("Predikat")] for row in data} == {"Sangat Rendah"}
    assert all(isinstance(row[header.index("Kode")], str) for row in data)
    assert all(isinstance(row[header.index("Capaian (%)")], float | int) for row in data)


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)], ids=["proyektor", "laptop"])
def test_rapat_steps_through_views(page, app_url, tmp_path, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, app_url, "Rapat Koordinasi")
    title = page.locator(".rapat-judul")
    counter = page.locator(".rapat-hitung")
    title.wait_for()
    assert title.text_content() == "Ringkasan Dinas"
    assert_no_exception(page)
    page.screenshot(path=str(tmp_path / f"rapat_ringkasan_{size[0]}x{size[1]}.png"))

    seen = [title.text_content()]
    for n in range(2, 13):  # two slides per view: Capaian, Pembahasan
        page.get_by_role("button", name="Berikutnya ▶").click()
        expect(counter).to_have_text(f"{n} / 12")  # wait for the next slide, not a guess
        wait_for_app(page)
        assert_no_exception(page)
        seen.append(title.text_content())
    assert seen[::2] == [
        "Ringkasan Dinas",
        "Sekretariat",
        "Bidang Aplikasi Informatika",
        "Bidang Informasi dan Komunikasi Publik",
        "Bidang Persandian",
        "Bidang Statistik",
    ]
    assert seen[1::2] == seen[::2]
    assert page.get_by_role("button", name="Berikutnya ▶").is_disabled()
    assert page.locator(".st-key-rapat_chart_kedua .main-svg").count() >= 1
    page.screenshot(path=str(tmp_path / f"rapat_bidang_{size[0]}x{size[1]}.png"))

    page.get_by_role("button", name="◀ Sebelumnya").click()
    expect(counter).to_have_text("11 / 12")  # waits for the rerun
    expect(title).to_have_text("Bidang Statistik")
