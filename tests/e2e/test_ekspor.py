"""The real app in Chromium: the Ekspor Dokumen page downloads a workbook that opens."""

import openpyxl
import pytest

from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.e2e


def test_download_evaluation_workbook(page, app_url, tmp_path):
    page.goto(app_url)  # through the navigation, as a user does
    wait_for_app(page)
    page.get_by_role("link", name="Ekspor Dokumen").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Ekspor Dokumen Evaluasi").wait_for()
    page.get_by_text("86,2%").first.wait_for()  # the same headline as the Beranda
    page.get_by_role("button", name="Buat dokumen").click()
    button = page.get_by_role("button", name="Unduh dokumen evaluasi (.xlsx)")
    button.wait_for()
    page.get_by_text("Satu sheet per bidang").wait_for()
    assert_no_exception(page)
    page.screenshot(path=str(tmp_path / "ekspor.png"), full_page=True)

    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "Evaluasi_Renja_2024_TW4.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Ringkasan" and wb.sheetnames[1] == "Evaluasi Renja (E.81)"
    e81 = wb["Evaluasi Renja (E.81)"]
    assert e81["A1"].value.startswith("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH")
    assert wb["Data"]["A1"].value == "tahun" and wb["Data"].max_row == 54
    assert_no_exception(page)  # the click did not rerun into an error

    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh laporan evaluasi (.docx)").click()
    assert info.value.suggested_filename == "Laporan_Evaluasi_Kinerja_2024_TW4.docx"
    report = tmp_path / info.value.suggested_filename
    info.value.save_as(report)
    import docx

    texts = [p.text for p in docx.Document(str(report)).paragraphs]
    assert "BAB II\nCAPAIAN KINERJA" in texts
