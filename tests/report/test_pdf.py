"""LibreOffice (headless) opens the workbook without repair and prints it to PDF.

Skipped where LibreOffice is not installed (Debian package libreoffice-calc-nogui).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from tests.report.conftest import SETTINGS, build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def to_pdf(content: bytes, tmp_path) -> bytes:
    source = tmp_path / "Evaluasi_Renja_2024_TW4.xlsx"
    source.write_bytes(content)
    profile = tmp_path / "lo-profile"  # a private profile: no clash with another soffice
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.exists(), result.stdout + result.stderr
    return pdf.read_bytes()


def pdf_text(pdf: bytes, tmp_path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60
    ).stdout


@pytest.mark.parametrize("kertas", ["A4", "F4"])
def test_libreoffice_prints_the_workbook(kertas, tmp_path):
    built = build(settings=replace(SETTINGS, kertas=kertas))
    pdf = to_pdf(built.content, tmp_path)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 9  # every sheet prints at least one page
    text = pdf_text(pdf, tmp_path)
    if text is None:
        return
    assert "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN LUWU TIMUR" in text
    assert "Dievaluasi" in text and SETTINGS.pengevaluasi.nama in text
    assert "Halaman 1 dari" in text  # page numbers in the footer
    assert "RINGKASAN EVALUASI KINERJA" in text
