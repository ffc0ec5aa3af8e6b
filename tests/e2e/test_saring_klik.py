"""Cross-filtering as in a BI tool, in the real browser: a click on a bidang bar, a predikat bar
or a treemap box filters the Analisis page, a 'filter aktif' chip clears it, and the filters
live in the URL; on the Beranda and the rapat summary a bidang bar opens that bidang."""

import re

import pytest

from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.e2e


def settled(page) -> None:
    wait_for_app(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")


def click_center(page, locator) -> None:
    """Click where a person would: Plotly listens on its drag layer, above the bars."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def bar(page, chart_key: str, label: str):
    """The bar of a horizontal bar chart beside the axis label ``label`` (by position: the
    order of labels and bars in the SVG need not agree)."""
    chart = page.locator(f".st-key-{chart_key}")
    chart.locator(".main-svg").first.wait_for()
    chart.scroll_into_view_if_needed()
    exact = re.compile(f"^{re.escape(label)}$")
    tick = chart.locator(".ytick text").filter(has_text=exact).first.bounding_box()
    middle = tick["y"] + tick["height"] / 2
    bars = chart.locator(".bars .point path").all()
    return min(
        bars, key=lambda b: abs(b.bounding_box()["y"] + b.bounding_box()["height"] / 2 - middle)
    )


def wait_for_table_rows(page, rows: int) -> None:
    """Wait until the grid holds ``rows`` indicators: the grid redraws its accessible table
    (``aria-rowcount``, rows plus the header) after the script run has finished."""
    page.wait_for_function(
        "(n) => { const g = document.querySelector("
        "'[data-testid=\"stDataFrame\"] [aria-rowcount]'); "
        "return g && g.getAttribute('aria-rowcount') === String(n + 1); }",
        arg=rows,
    )


def test_a_click_on_a_bidang_bar_filters_the_page(page, app_url, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_url}/analisis")
    page.get_by_role("heading", name="Analisis Capaian Kinerja").wait_for(timeout=60_000)
    settled(page)
    assert page.locator(".st-key-an_filter_aktif").count() == 0

    click_center(page, bar(page, "an_chart_capaian", "Bidang Persandian"))
    chip = page.locator(".st-key-an_filter_aktif")
    chip.get_by_role("button", name="Bidang: Bidang Persandian").wait_for()
    settled(page)
    assert_no_exception(page)
    page.screenshot(path=str(tmp_path / "analisis_klik_bidang.png"))
    assert "bidang=Bidang+Persandian" in page.url
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Indikator").first
    assert metric.locator('[data-testid="stMetricValue"]').text_content() == "10"
    title = page.locator(".st-key-an_chart_capaian .gtitle").first.text_content()
    assert title.startswith("Capaian per program")  # the chart moved one level down
    wait_for_table_rows(page, 10)  # Persandian's indicators only
    selected = page.locator(".st-key-an_bidang input").input_value()
    assert selected == "Bidang Persandian"  # the drill-down shows the same choice

    click_center(page, bar(page, "an_chart_predikat", "Sangat Rendah"))
    chip.get_by_role("button", name="Predikat: Sangat Rendah").wait_for()
    settled(page)
    assert "predikat=Sangat+Rendah" in page.url

    page.get_by_role("button", name="Hapus semua filter").click()
    page.wait_for_function("() => !document.querySelector('.st-key-an_filter_aktif')")
    settled(page)
    assert "bidang=" not in page.url and "predikat=" not in page.url


def test_a_click_on_a_treemap_box_filters_the_page(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_url}/analisis")
    page.get_by_role("heading", name="Analisis Capaian Kinerja").wait_for(timeout=60_000)
    settled(page)
    page.get_by_role("tab", name="Tren & anggaran").click()
    treemap = page.locator(".st-key-an_chart_treemap")
    treemap.locator(".main-svg").first.wait_for()
    settled(page)
    box = treemap.locator("g.slice").filter(has_text="Sekretariat").last
    click_center(page, box)
    chips = page.locator(".st-key-an_filter_aktif")
    chips.get_by_role("button", name="Bidang: Sekretariat").wait_for()
    settled(page)
    assert "bidang=Sekretariat" in page.url
    assert_no_exception(page)


def test_filters_in_the_url_survive_a_refresh(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_url}/analisis?tahun=2023&bidang=Bidang+Statistik&predikat=Sangat+Tinggi")
    chip = page.locator(".st-key-an_filter_aktif")
    chip.get_by_role("button", name="Bidang: Bidang Statistik").wait_for(timeout=60_000)
    chip.get_by_role("button", name="Predikat: Sangat Tinggi").wait_for()
    settled(page)
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    assert "Tahun 2023" in caption.text_content()  # the page's caption, not the sidebar's
    page.reload()
    chip.get_by_role("button", name="Bidang: Bidang Statistik").wait_for(timeout=60_000)
    assert_no_exception(page)


def test_a_bidang_bar_on_the_beranda_opens_its_analysis(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(app_url)
    page.get_by_role("heading", name="Beranda").wait_for(timeout=60_000)
    settled(page)
    click_center(page, bar(page, "beranda_chart_bidang", "Sekretariat"))
    page.get_by_role("heading", name="Analisis Capaian Kinerja").wait_for()
    chips = page.locator(".st-key-an_filter_aktif")
    chips.get_by_role("button", name="Bidang: Sekretariat").wait_for()
    assert_no_exception(page)


def test_a_bidang_bar_on_the_rapat_summary_opens_its_slide(page, app_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/rapat")
    page.locator(".rapat-judul").wait_for(timeout=60_000)
    settled(page)
    click_center(page, bar(page, "rapat_chart_capaian", "Bidang Statistik"))
    page.locator(".rapat-judul").filter(has_text="Bidang Statistik").wait_for()
    assert page.locator(".rapat-hitung").text_content() == "11 / 12"


def test_a_click_on_an_efisiensi_point_filters_the_page(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_url}/analisis")
    page.get_by_role("heading", name="Analisis Capaian Kinerja").wait_for(timeout=60_000)
    settled(page)
    page.get_by_role("tab", name="Tren & anggaran").click()
    scatter = page.locator(".st-key-an_chart_scatter")
    scatter.locator(".main-svg").first.wait_for()
    settled(page)
    legend = [t.text_content() for t in scatter.locator(".legendtext").all()]
    name = "Bidang Persandian"
    assert name in legend  # one trace (marker symbol) per bidang
    trace = legend.index(name)
    point = scatter.locator(".scatterlayer .trace").nth(trace).locator(".point").first
    click_center(page, point)
    chips = page.locator(".st-key-an_filter_aktif")
    chips.get_by_role("button", name=f"Bidang: {name}").wait_for()
    settled(page)
    assert "bidang=Bidang+Persandian" in page.url
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Indikator").first
    assert metric.locator('[data-testid="stMetricValue"]').text_content() == "10"
    assert_no_exception(page)
