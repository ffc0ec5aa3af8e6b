"""The real app in Chromium: the Beranda shows the demo figures and a chart."""

import pytest

from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.e2e


def test_beranda_shows_demo_headline_and_chart(page, app_url, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("heading", name="Beranda").wait_for()
    page.get_by_text("86,2%").first.wait_for()
    assert page.get_by_text("Tahun 2024, sampai Triwulan IV").count() == 1
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for()
    chart.locator(".main-svg").first.wait_for()
    assert chart.get_by_text("Sekretariat").count() >= 1
    assert_no_exception(page)
    page.screenshot(path=str(tmp_path / "beranda.png"), full_page=True)
