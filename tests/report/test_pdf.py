"""LibreOffice (headless) opens the workbook without repair and prints it to PDF: on the
chosen paper, the E.81 legible (printed type measured), form columns 1..4 on every page.

Skipped where LibreOffice is not installed (Debian package libreoffice-calc-nogui).
"""

from __future__ import annotations

import html
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass, replace

import pytest

from kinerja_core.report import e81
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


@dataclass
class Page:
    width: float  # points
    height: float
    words: list[tuple[str, float]]  # (text, box height in points)

    @property
    def text(self) -> str:
        return " ".join(word for word, _ in self.words)


WORD = re.compile(
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
)
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def pdf_pages(pdf: bytes, tmp_path) -> list[Page]:
    """Every page with its size and its words (pdftotext -bbox)."""
    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, timeout=120
    ).stdout
    return [
        Page(
            float(width),
            float(height),
            [(html.unescape(w), float(y1) - float(y0)) for y0, y1, w in WORD.findall(body)],
        )
        for width, height, body in PAGE.findall(out)
    ]


# Landscape sheet sizes in points (F4 = Folio 8.5 × 13 in, 215.9 × 330.2 mm).
PAPER_POINTS = {"A4": (841.9, 595.3), "F4": (936.0, 612.0), "A3": (1190.6, 841.9)}
TITLE_POINTS = 11 * 0.9  # the E.81 title: 11 pt at the 90% print scale


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
    text = " ".join(text.split())  # the title wraps inside the columns printed on every page
    assert "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN LUWU TIMUR" in text
    assert "Dievaluasi" in text and SETTINGS.pengevaluasi.nama in text
    assert "Halaman 1 dari" in text  # page numbers in the footer
    assert "RINGKASAN EVALUASI KINERJA" in text

    # The E.81: from its title page to the page of the signatures.
    printed = pdf_pages(pdf, tmp_path)
    first = next(i for i, p in enumerate(printed) if "EVALUASI TERHADAP HASIL RENJA" in p.text)
    last = next(i for i, p in enumerate(printed) if f"NIP. {SETTINGS.penyusun.nip}" in p.text)
    form = printed[first : last + 1]
    assert len(form) >= 2
    width, height = PAPER_POINTS[kertas]
    for number, page in enumerate(form, start=first + 1):
        assert page.width == pytest.approx(width, abs=2) and page.height == pytest.approx(
            height, abs=2
        ), (kertas, number)
        # form columns 1..4 and the header rows on every page
        for label in ("No", "Sasaran", "Kode", "Uraian", "Indikator", "Satuan", "(outcome)"):
            assert label in page.text.split(), (number, label)
        assert f"Halaman {number} dari {len(printed)}" in page.text
    # the printed type: word boxes are ~1.3 × the font size; calibrated on the title
    title = [h for page in form[:1] for w, h in page.words if w == "EVALUASI"]
    scale = statistics.median(title) / TITLE_POINTS
    sizes = [h / scale for page in form for _, h in page.words]
    median = statistics.median(sizes)
    print(f"{kertas}: median printed font size {median:.2f} pt over {len(form)} pages")
    assert median >= 7.0
    assert 1.2 < scale < 1.4  # the calibration itself is plausible
    # the bidang sheets the same: their first columns on every page, legible
    bidang = [p for p in printed if "EVALUASI KINERJA SEKRETARIAT" in p.text]
    assert len(bidang) >= 2
    for page in bidang:
        for label in ("No", "Kode", "Indikator", "Sekretariat"):
            assert label in page.text.split(), label
    bidang_median = statistics.median(h / scale for page in bidang for _, h in page.words)
    print(f"{kertas}: bidang sheet median {bidang_median:.2f} pt over {len(bidang)} pages")
    assert bidang_median >= 7.0
    # what the form says is all there: every numbered column, every indicator
    words = " ".join(page.text for page in form)
    for caption in ("13 = 6 + 12", e81.CAPAIAN_NUMBERING):
        assert caption in words
