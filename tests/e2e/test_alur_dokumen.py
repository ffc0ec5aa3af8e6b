"""The real app in Chromium: a period's document walks Konsep → Diajukan → Dikembalikan →
Diajukan → Diparaf → Disetujui → Ditandatangani → Dikirim → Diarsipkan, each step by its
role, and the approved version's bytes and sha256 never change afterwards."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.alur import PDF
from tests.e2e.conftest import assert_no_exception, login, logout, wait_for_app

pytestmark = pytest.mark.e2e


def act_as(page, app_url: str, peran: str) -> None:
    """Log out and log in again as the test account of ``peran``, on the Dokumen page."""
    logout(page)
    login(page, app_url, peran, path="/dokumen")
    page.get_by_role("heading", name="Dokumen Evaluasi", exact=True).wait_for()
    wait_for_app(page)


def status_is(page, text: str) -> None:
    page.locator('[data-testid="stMarkdownContainer"]').filter(
        has_text=re.compile(re.escape(text))
    ).first.wait_for()
    wait_for_app(page)


def press(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def open_page(page, name: str, heading: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("heading", name=heading, exact=True).wait_for()
    wait_for_app(page)


def in_tab(page, name: str) -> None:
    """Open a tab once the app has settled (a rerun may show the first tab again)."""
    wait_for_app(page)
    page.get_by_role("tab", name=name).click()


def frozen_download(page) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh Evaluasi_Renja_2024_TW4_v2.xlsx", exact=True).click()
    return Path(info.value.path()).read_bytes()


def test_document_walk_with_roles_and_frozen_bytes(page, app_url, tmp_path):
    page.goto(f"{app_url}/dokumen")  # the page fixture is logged in as the admin
    page.get_by_role("heading", name="Dokumen Evaluasi", exact=True).wait_for()
    status_is(page, "Versi 1 · Konsep")
    press(page, "Ajukan ke Sekretaris")
    status_is(page, "Versi 1 · Diajukan · menunggu Sekretaris")

    act_as(page, app_url, "sekretaris")
    page.get_by_label("Catatan koreksi").fill("Faktor penghambat Bidang Persandian belum diisi")
    press(page, "Kembalikan dengan koreksi")
    status_is(page, "Versi 2 · Konsep")
    page.get_by_text("Koreksi: Faktor penghambat Bidang Persandian belum diisi").wait_for()

    act_as(page, app_url, "admin")
    press(page, "Ajukan ke Sekretaris")
    status_is(page, "Versi 2 · Diajukan")
    act_as(page, app_url, "sekretaris")
    assert page.get_by_role("button", name="Setujui", exact=True).count() == 0
    press(page, "Paraf")
    status_is(page, "Versi 2 · Diparaf · menunggu Kepala Dinas")

    act_as(page, app_url, "kepala_dinas")
    press(page, "Setujui")
    page.get_by_text("Versi 2 yang disetujui (beku)").wait_for()
    wait_for_app(page)
    shown = page.get_by_text(re.compile(r"sha256 workbook: [0-9a-f]{64}")).first.inner_text()
    approved_sha = re.search(r"[0-9a-f]{64}", shown).group(0)
    approved = frozen_download(page)
    assert hashlib.sha256(approved).hexdigest() == approved_sha

    page.get_by_text("Dokumen bertanda tangan elektronik (TTE, PDF)").click()
    scan = tmp_path / "dokumen_ttd.pdf"
    scan.write_bytes(PDF)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(scan))
    page.get_by_text("dokumen_ttd.pdf").first.wait_for()
    press(page, "Catat tanda tangan")
    status_is(page, "Versi 2 · Ditandatangani")

    act_as(page, app_url, "admin")
    open_page(page, "Surat & Arsip", "Surat & Arsip")
    in_tab(page, "Surat pengantar")
    press(page, "Beri nomor dan buat surat")
    page.get_by_text("Surat pengantar bernomor tersimpan.").wait_for()
    in_tab(page, "Surat pengantar")
    page.get_by_text("Surat pengantar periode ini:").wait_for()
    in_tab(page, "Pengiriman")
    press(page, "Catat pengiriman")
    page.get_by_text("Pengiriman tercatat.").wait_for()
    in_tab(page, "Pengiriman")
    page.get_by_text("Dikirim kepada").wait_for()
    press(page, "Arsipkan")
    page.get_by_text("Dokumen diarsipkan.").wait_for()
    status_is(page, "Diarsipkan")
    in_tab(page, "Arsip")
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh arsip (.zip)").click()
    with zipfile.ZipFile(info.value.path()) as archive:
        manifest = list(
            csv.DictReader(
                io.StringIO(archive.read("manifest.csv").decode("utf-8-sig")), delimiter=";"
            )
        )
        kept = archive.read("dokumen/versi-2/Evaluasi_Renja_2024_TW4_v2.xlsx")
        for row in manifest:
            assert hashlib.sha256(archive.read(row["berkas"])).hexdigest() == row["sha256"]
    assert kept == approved

    open_page(page, "Dokumen Evaluasi", "Dokumen Evaluasi")
    status_is(page, "Versi 2 · Diarsipkan")
    again = frozen_download(page)
    assert again == approved and hashlib.sha256(again).hexdigest() == approved_sha
    assert_no_exception(page)
