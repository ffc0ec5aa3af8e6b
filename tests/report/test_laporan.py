"""The Word report: opens in LibreOffice, prints, and its numbers are the workbook's."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import docx
import pytest
from PIL import Image

from kinerja_core.locale_id import fmt_number, fmt_percent
from kinerja_core.report import laporan
from tests.report.conftest import SETTINGS, TANGGAL, build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(content: bytes, tmp_path) -> tuple[str, list[Image.Image], bytes]:
    """LibreOffice → PDF, pdftotext (layout) and the pages as images (pdftoppm, 40 dpi)."""
    source = tmp_path / "laporan.docx"
    source.write_bytes(content)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=240, check=False,
    )  # fmt: skip
    pdf = source.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice could not convert the report"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = [Image.open(p) for p in sorted(tmp_path.glob("p-*.png"))]
    return text, pages, pdf.read_bytes()


def ringkasan_rows(workbook) -> dict[str, list]:
    """The per-bidang rows of the workbook's Ringkasan sheet, as cached values, by bidang."""
    ws = workbook["Ringkasan"]
    rows = {}
    started = False
    for row in ws.iter_rows(values_only=True):
        if row[1] == "Bidang" and row[0] == "No":
            started = True
            continue
        if started:
            if row[0] is None or not str(row[0]).isdigit():
                rows["Perangkat Daerah"] = list(row)
                break
            rows[str(row[1])] = list(row)
    return rows


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize(
    "settings",
    [
        replace(SETTINGS, kertas="F4"),
        replace(SETTINGS, kertas="A4", capaian_cap=100.0, rollup_weight="pagu"),
    ],
    ids=["F4-bawaan", "A4-batas-100-bobot-pagu"],
)
def test_report_prints_the_workbooks_numbers(settings, tmp_path):
    built = build(settings=settings)
    content = laporan.build_report(
        built.evaluated,
        built.anggaran,
        tahun=2024,
        sampai_tw=4,
        settings=settings,
        tanggal=TANGGAL,
    )
    text, pages, pdf = convert(content, tmp_path)
    lines = text.splitlines()

    rows = ringkasan_rows(built.workbook)
    assert len(rows) == 6  # five bidang and the Dinas
    for bidang, row in rows.items():
        pagu, capaian, serapan = row[6], row[4], row[8]
        matches = [line for line in lines if fmt_number(pagu, 0) in line and "%" in line]
        assert matches, f"{bidang}: pagu {pagu} not in the report"
        line = matches[-1]  # the table line (the Dinas pagu also appears in 2.1)
        assert fmt_percent(capaian) in line, (bidang, line)
        assert fmt_percent(serapan) in line, (bidang, line)
    head = built.headline
    mean = re.escape(fmt_percent(head.rata_rata_capaian))
    assert re.search(rf"Rata-rata capaian kinerja\s+{mean}", text)
    assert "Sangat Tinggi" in text
    for name, count in head.per_predikat.items():
        assert re.search(rf"\n\s*{name}\s+\S.*?\s{count}\s*\n", text), name

    # the chapters, the signature of the recorded Kepala Dinas, the lampiran reference
    for heading in ("BAB I", "PENDAHULUAN", "BAB II", "BAB III", "ANALISIS", "BAB IV", "PENUTUP"):
        assert heading in text
    assert "Malili, 15 Januari 2025" in text and "Ir. Andi Baso, M.Si." in text
    assert "Nama Kepala Dinas" not in text
    assert "Evaluasi_Renja_2024_TW4.xlsx" in text
    assert "Permendagri" in text or "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017" in text

    # paper: F4 is 215 × 330 mm, A4 210 × 297 mm (the page images keep the ratio)
    width, height = pages[0].size
    expected = {"F4": 330 / 215, "A4": 297 / 210}[settings.kertas]
    assert height / width == pytest.approx(expected, rel=0.02)
    assert 5 <= len(pages) <= 14
    assert f"Halaman 1 dari {len(pages)}" in text
    # the charts are pictures: the Bab II pages carry the predikat colours
    colours = set()
    for page in pages:
        colours |= {rgb for _, rgb in page.convert("RGB").getcolors(1 << 20) or []}
    assert (0x1B, 0x6C, 0xA8) in colours or any(
        abs(r - 0x1B) < 8 and abs(g - 0x6C) < 8 and abs(b - 0xA8) < 8 for r, g, b in colours
    )


def test_report_is_editable_word_with_the_same_tables(demo_built):
    content = laporan.build_report(
        demo_built.evaluated,
        demo_built.anggaran,
        tahun=2024,
        sampai_tw=4,
        settings=SETTINGS,
        tanggal=TANGGAL,
    )
    again = laporan.build_report(
        demo_built.evaluated,
        demo_built.anggaran,
        tahun=2024,
        sampai_tw=4,
        settings=SETTINGS,
        tanggal=TANGGAL,
    )
    assert content == again  # same inputs, same bytes (the export's sha256 holds)
    document = docx.Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["BAB I\nPENDAHULUAN", "BAB II\nCAPAIAN KINERJA", "BAB III\nANALISIS",
                        "BAB IV\nPENUTUP"]  # fmt: skip
    bidang_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Bidang"
                        and len(t.columns) == 8)  # fmt: skip
    rows = ringkasan_rows(demo_built.workbook)
    for table_row in bidang_table.rows[1:]:
        cells = [c.text for c in table_row.cells]
        row = rows[cells[1]]
        assert cells[3] == fmt_percent(row[4]) and cells[7] == fmt_percent(row[8])
        assert cells[5] == fmt_number(row[6], 0)
    pictures = document.inline_shapes
    assert len(pictures) == 2
