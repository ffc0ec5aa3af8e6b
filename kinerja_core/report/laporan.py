"""The evaluation report (SOP step 7, *Dokumen Evaluasi Kinerja*) as an editable Word file.

``build_report`` writes, with python-docx: the kop (logo, pemerintah, Dinas, alamat), the
title, Bab I Pendahuluan (dasar hukum, maksud dan tujuan), Bab II Capaian Kinerja (the
Dinas figures, predikat counts with a chart, the table per bidang with a chart), Bab III
Analisis (the generated narrative of ``insight``, faktor pendorong/penghambat, efisiensi,
tindak lanjut, koreksi konsep), Bab IV Penutup, the Kepala Dinas' signature block and the
E.81 workbook as lampiran. Every figure comes from the functions the workbook calls
(``analysis.headline``, ``analysis.bidang_summary``, ``workbook.narrative_paragraphs``), so
the report and the workbook print the same numbers.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date, datetime, time

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from kinerja_core import analysis, formulas, insight
from kinerja_core.analysis import effective_budget
from kinerja_core.formulas import PREDIKAT
from kinerja_core.locale_id import fmt_date, fmt_number, fmt_percent, fmt_rupiah
from kinerja_core.model import TW_ROMAN
from kinerja_core.report import chart_image
from kinerja_core.report.workbook import file_name as workbook_file_name
from kinerja_core.report.workbook import narrative_paragraphs
from kinerja_core.settings import Settings, Signatory

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAPER_MM = {"A4": (210, 297), "F4": (215, 330), "A3": (297, 420)}
FONT = "Arial"
TIDAK_DAPAT_DIHITUNG = "Tidak dapat dihitung"

DASAR_HUKUM = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Pemerintah Nomor 8 Tahun 2008 tentang Tahapan, Tata Cara Penyusunan, "
    "Pengendalian, dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah;",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah, Tata Cara Evaluasi Rancangan Peraturan "
    "Daerah tentang Rencana Pembangunan Jangka Panjang Daerah dan Rencana Pembangunan Jangka "
    "Menengah Daerah, serta Tata Cara Perubahan Rencana Pembangunan Jangka Panjang Daerah, "
    "Rencana Pembangunan Jangka Menengah Daerah, dan Rencana Kerja Pemerintah Daerah;",
    "Standar Operasional Prosedur (SOP) Pengumpulan Data Kinerja {dinas}.",
)


def file_name(tahun: int, sampai_tw: int) -> str:
    return f"Laporan_Evaluasi_Kinerja_{tahun}_TW{sampai_tw}.docx"


def build_report(
    evaluated: pd.DataFrame,
    anggaran: pd.DataFrame,
    *,
    tahun: int,
    sampai_tw: int,
    settings: Settings,
    tanggal: date,
    logo: bytes = b"",
    pemerintah: str = "",
    kelengkapan: str = "",
    corrections: list | None = None,
) -> bytes:
    """The report of a period as .docx bytes (same inputs, same bytes).

    ``evaluated``/``anggaran`` are what the workbook is built from (corrections applied);
    ``settings`` carries the office and signatories recorded with the export, ``logo`` the
    kop logo, ``pemerintah`` the first kop line (empty: "Pemerintah Kabupaten …").
    """
    head = analysis.headline(evaluated, anggaran, tahun, sampai_tw, settings)
    summary = analysis.bidang_summary(evaluated, anggaran, sampai_tw, settings)
    budget = effective_budget(anggaran)

    document = Document()
    _page_setup(document, settings.kertas)
    _base_styles(document)
    core = document.core_properties
    core.title = f"Laporan Evaluasi Kinerja Tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}"
    core.author = settings.dinas[:250]
    core.created = core.modified = datetime.combine(tanggal, time())
    core.last_modified_by = ""
    core.revision = 1

    _kop(document, settings, logo, pemerintah)
    _title(document, settings, tahun, sampai_tw, kelengkapan)
    _bab_pendahuluan(document, settings, tahun, sampai_tw)
    _bab_capaian(document, evaluated, summary, head, settings, sampai_tw)
    _bab_analisis(document, evaluated, budget, summary, settings, sampai_tw, corrections or [])
    _bab_penutup(document, head, settings, tahun, sampai_tw)
    _signature(document, settings, tanggal)
    _lampiran(document, tahun, sampai_tw)

    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue(), tanggal)


def _stable_zip(content: bytes, tanggal: date) -> bytes:
    """The package with every entry dated ``tanggal`` (python-docx stamps the clock time),
    so the same export gives the same bytes and the recorded sha256 can be checked."""
    stamp = (max(tanggal.year, 1980), tanggal.month, tanggal.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# --- layout -------------------------------------------------------------------------------
def _page_setup(document, kertas: str) -> None:
    width, height = PAPER_MM.get(kertas, PAPER_MM["A4"])
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = Cm(3)
    section.right_margin = Cm(2)
    section.top_margin = Cm(2)
    section.bottom_margin = Cm(2)
    document.styles["Footer"].font.size = Pt(9)  # the page fields take the style's size
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "Halaman ", size=9)
    _field(footer, "PAGE", size=9)
    _run(footer, " dari ", size=9)
    _field(footer, "NUMPAGES", size=9)


def _base_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Heading 1", 13), ("Heading 2", 11.5)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.element.rPr.rFonts.set(qn("w:asciiTheme"), "")  # the theme font would win
        style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None, **kw):
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if kw.get("underline"):
        run.underline = True
    if kw.get("italic"):
        run.italic = True
    return run


def _field(paragraph, code: str, size: float) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
        if kind == "separate":
            value = OxmlElement("w:t")
            value.text = "1"
            run._r.append(value)


def _paragraph(document, text: str = "", *, align=None, bold=False, size=None, after=None):
    paragraph = document.add_paragraph()
    if text:
        _run(paragraph, text, bold=bold, size=size)
    if align is not None:
        paragraph.alignment = align
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _justified(document, text: str):
    paragraph = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def _numbered(document, items: list[str], marker: str = "{n}.") -> None:
    for n, item in enumerate(items, start=1):
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=2)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(1)
        fmt.first_line_indent = Cm(-0.6)
        _run(paragraph, f"{marker.format(n=n, a=chr(96 + n))}\t{item}")
        fmt.tab_stops.add_tab_stop(Cm(1))


def _bottom_border(paragraph, size: int = 18) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", str(size)), ("w:space", "1")):
        bottom.set(qn(key), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _table(
    document,
    headers: list[str],
    rows: list[list[str]],
    widths_cm: list[float],
    right: frozenset[int] | set[int] = frozenset(),
    bold_last: bool = False,
    size: float = 9.5,
):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, caption in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, caption, bold=True, size=size)
        _shade(cell, "#dde7f0")
    _repeat_header(table.rows[0])
    for position, values in enumerate(rows):
        cells = table.add_row().cells
        last = bold_last and position == len(rows) - 1
        for col, (cell, value) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if col in right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, value, bold=last, size=size)
            if last:
                _shade(cell, "#f3f5f7")
    _widths(table, widths_cm)
    _paragraph(document, after=2)
    return table


def _widths(table, widths_cm: list[float]) -> None:
    # LibreOffice reads the grid columns, Word the cell widths: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


# --- parts --------------------------------------------------------------------------------
def _kop(document, settings: Settings, logo: bytes, pemerintah: str) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [2.6, 13.4])
    logo_cell, text_cell = table.rows[0].cells
    if logo:
        logo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(logo), width=Cm(2.2))
    lines: list[tuple[str, float, bool]] = [
        ((pemerintah or f"Pemerintah Kabupaten {settings.kabupaten}").upper(), 13, True),
        (settings.dinas.upper(), 14, True),
    ]
    contact = [settings.alamat]
    contact += [f"Telp. {settings.telepon}" if settings.telepon else ""]
    address = ", ".join(part for part in contact if part)
    web = " · ".join(part for part in (settings.laman, settings.email) if part)
    lines += [(address, 9.5, False), (web, 9.5, False)]
    first = True
    for line, size, bold in lines:
        if not line:
            continue
        paragraph = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, line, bold=bold, size=size)
    rule = _paragraph(document, after=10)
    _bottom_border(rule)


def _title(document, settings: Settings, tahun: int, sampai_tw: int, kelengkapan: str) -> None:
    lines = [
        "LAPORAN EVALUASI KINERJA",
        f"RENCANA KERJA (RENJA) TAHUN {tahun}",
        f"SAMPAI DENGAN TRIWULAN {TW_ROMAN[sampai_tw]}",
    ]
    for line in lines:
        _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=13, after=0)
    _paragraph(
        document,
        f"{settings.dinas} Kabupaten {settings.kabupaten}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=12,
    )
    if kelengkapan:
        note = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, after=10)
        run = _run(note, f"Data belum lengkap: {kelengkapan}.", bold=True, size=10)
        run.font.color.rgb = RGBColor(0x9C, 0x2B, 0x23)


def _periode(tahun: int, sampai_tw: int) -> str:
    if sampai_tw == 1:
        return f"Triwulan I tahun {tahun}"
    return f"Triwulan I sampai dengan Triwulan {TW_ROMAN[sampai_tw]} tahun {tahun}"


def _bab_pendahuluan(document, settings: Settings, tahun: int, sampai_tw: int) -> None:
    document.add_heading("BAB I\nPENDAHULUAN", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading("1.1 Latar Belakang", level=2)
    _justified(
        document,
        f"Evaluasi terhadap hasil Rencana Kerja (Renja) {settings.dinas} Kabupaten "
        f"{settings.kabupaten} dilaksanakan untuk menilai capaian kinerja dan realisasi "
        f"anggaran program, kegiatan dan sub kegiatan pada {_periode(tahun, sampai_tw)}. "
        "Data dikumpulkan dari setiap bidang melalui format pengumpulan data sesuai SOP "
        "Pengumpulan Data Kinerja, dianalisis, dibahas dalam rapat koordinasi, lalu "
        "disusun dalam dokumen ini beserta formulir E.81.",
    )
    document.add_heading("1.2 Dasar Hukum", level=2)
    _numbered(document, [item.format(dinas=settings.dinas) for item in DASAR_HUKUM])
    document.add_heading("1.3 Maksud dan Tujuan", level=2)
    _justified(
        document,
        "Maksud evaluasi ini adalah menyajikan capaian kinerja dan realisasi anggaran "
        f"Renja tahun {tahun} sebagai bahan pengendalian dan pertanggungjawaban kepada "
        "Kepala Daerah melalui Badan Perencanaan Pembangunan Daerah (Bappeda).",
    )
    _justified(document, "Tujuannya adalah:")
    _numbered(
        document,
        [
            "mengetahui tingkat capaian kinerja setiap indikator, bidang dan perangkat daerah;",
            "mengetahui tingkat serapan dan efisiensi penggunaan anggaran;",
            "mengenali faktor pendorong dan penghambat serta merumuskan tindak lanjut bagi "
            "triwulan dan tahun berikutnya.",
        ],
        marker="{a}.",
    )
    document.add_heading("1.4 Sistematika Penulisan", level=2)
    _numbered(
        document,
        [
            "Bab I Pendahuluan: latar belakang, dasar hukum, maksud dan tujuan;",
            "Bab II Capaian Kinerja: capaian perangkat daerah dan setiap bidang;",
            "Bab III Analisis: analisis capaian, faktor pendorong dan penghambat, efisiensi "
            "dan tindak lanjut;",
            "Bab IV Penutup.",
        ],
    )


def _bab_capaian(
    document,
    evaluated: pd.DataFrame,
    summary: pd.DataFrame,
    head: analysis.Headline,
    settings: Settings,
    sampai_tw: int,
) -> None:
    _page_break(document)
    document.add_heading("BAB II\nCAPAIAN KINERJA", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading("2.1 Capaian Kinerja Perangkat Daerah", level=2)
    rows = [
        ["Rata-rata capaian kinerja", fmt_percent(head.rata_rata_capaian)],
        ["Predikat kinerja", head.predikat or TIDAK_DAPAT_DIHITUNG],
        ["Jumlah indikator", fmt_number(head.jumlah_indikator, 0)],
        ["Indikator yang dapat dihitung capaiannya", fmt_number(head.terhitung, 0)],
        ["Pagu anggaran", fmt_rupiah(head.pagu)],
        [
            f"Realisasi anggaran s.d. Triwulan {TW_ROMAN[sampai_tw]}",
            fmt_rupiah(head.realisasi_anggaran),
        ],
        ["Serapan anggaran", fmt_percent(head.serapan)],
        ["Jumlah bidang", fmt_number(head.jumlah_bidang, 0)],
    ]
    _table(document, ["Uraian", "Nilai"], rows, [9.5, 6.5], right={1})

    document.add_heading("2.2 Jumlah Indikator per Predikat", level=2)
    counts = [(name, int(head.per_predikat.get(name, 0))) for name in PREDIKAT]
    no_capaian = head.jumlah_indikator - sum(n for _, n in counts)
    lower = [*settings.predikat_bounds, None]
    ranges = []
    for i, bound in enumerate(lower):
        if bound is None:
            ranges.append(f"< {fmt_number(settings.predikat_bounds[-1])}")
        elif i == 0:
            ranges.append(f"≥ {fmt_number(bound)}")
        else:
            ranges.append(f"{fmt_number(bound)} – < {fmt_number(lower[i - 1])}")
    table_rows = [
        [name, f"{rng}%", fmt_number(n, 0)] for (name, n), rng in zip(counts, ranges, strict=True)
    ]
    table_rows.append([TIDAK_DAPAT_DIHITUNG, "–", fmt_number(no_capaian, 0)])
    _table(document, ["Predikat", "Rentang capaian", "Jumlah indikator"], table_rows,
           [5.5, 5.5, 5], right={2})  # fmt: skip
    _picture(
        document,
        chart_image.predikat_bars(counts, no_capaian),
        "Gambar 2.1 Jumlah indikator per predikat",
    )

    document.add_heading("2.3 Capaian Kinerja dan Serapan Anggaran per Bidang", level=2)
    rows = []
    for position, item in enumerate(summary.itertuples(index=False), start=1):
        predikat = item.predikat if isinstance(item.predikat, str) and item.predikat else "–"
        rows.append(
            [
                str(position),
                str(item.bidang or "(tanpa bidang)"),
                fmt_number(item.jumlah_indikator, 0),
                fmt_percent(item.capaian),
                predikat,
                fmt_number(item.pagu, 0),
                fmt_number(item.realisasi_anggaran, 0),
                fmt_percent(item.serapan),
            ]
        )
    rows.append(
        [
            "",
            "Perangkat Daerah",
            fmt_number(head.jumlah_indikator, 0),
            fmt_percent(head.rata_rata_capaian),
            head.predikat or "–",
            fmt_number(head.pagu, 0),
            fmt_number(head.realisasi_anggaran, 0),
            fmt_percent(head.serapan),
        ]
    )
    headers = ["No", "Bidang", "Jml. ind.", "Capaian", "Predikat", "Pagu (Rp)",
               f"Realisasi s.d. TW {TW_ROMAN[sampai_tw]} (Rp)", "Serapan"]  # fmt: skip
    _table(document, headers, rows, [0.8, 2.7, 1.0, 1.7, 1.8, 3.0, 3.0, 1.7],
           right={2, 3, 5, 6, 7}, bold_last=True, size=8)  # fmt: skip
    if len(summary):
        _picture(
            document,
            chart_image.bidang_bars(summary),
            "Gambar 2.2 Capaian kinerja dan serapan anggaran per bidang",
        )


def _picture(document, png: bytes, caption: str) -> None:
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(15))
    label = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, after=8)
    _run(label, caption, size=9.5, italic=True)


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _bab_analisis(
    document,
    evaluated: pd.DataFrame,
    budget: pd.DataFrame,
    summary: pd.DataFrame,
    settings: Settings,
    sampai_tw: int,
    corrections: list,
) -> None:
    _page_break(document)
    document.add_heading("BAB III\nANALISIS", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading("3.1 Analisis Capaian", level=2)
    for title, paragraph in narrative_paragraphs(evaluated, budget, summary, sampai_tw, settings):
        if title and title != "Perangkat Daerah":
            _paragraph(document, title, bold=True, after=2)
        _justified(document, paragraph)

    document.add_heading("3.2 Faktor Pendorong dan Penghambat", level=2)
    factors = []
    for bidang, group in evaluated.groupby("bidang", sort=True):
        pendorong = insight.distinct_texts(group, "faktor_pendorong", limit=5)
        penghambat = insight.distinct_texts(group, "faktor_penghambat", limit=5)
        if pendorong or penghambat:
            factors.append(
                [
                    str(bidang) or "(tanpa bidang)",
                    "; ".join(pendorong) or "–",
                    "; ".join(penghambat) or "–",
                ]  # fmt: skip
            )
    if factors:
        _table(document, ["Bidang", "Faktor pendorong", "Faktor penghambat"], factors,
               [3.6, 6.2, 6.2], size=9)  # fmt: skip
    else:
        _justified(document, "Tidak ada bidang yang menuliskan faktor pendorong atau penghambat.")

    document.add_heading("3.3 Efisiensi Penggunaan Anggaran", level=2)
    _justified(
        document,
        "Efisiensi dibandingkan dari capaian kinerja terhadap serapan anggaran. Indikator "
        f"dengan capaian sekurang-kurangnya {fmt_number(settings.efisiensi_batas_kinerja)}% dan "
        f"serapan di bawah {fmt_number(settings.efisiensi_batas_serapan)}% digolongkan efisien.",
    )
    kuadran = evaluated["kuadran"].astype(str)
    rows = [[name, fmt_number(int((kuadran == name).sum()), 0)] for name in formulas.KUADRAN]
    rows.append(["Tanpa data anggaran atau capaian", fmt_number(int((kuadran == "").sum()), 0)])
    _table(document, ["Golongan efisiensi", "Jumlah indikator"], rows, [10, 6], right={1})
    efficient = summary.dropna(subset=["efisiensi"])
    if len(efficient):
        text = "; ".join(
            f"{b} {fmt_number(e, 2)}"
            for b, e in zip(efficient["bidang"], efficient["efisiensi"], strict=True)  # fmt: skip
        )
        _justified(document, f"Rasio capaian terhadap serapan per bidang: {text}.")

    document.add_heading("3.4 Tindak Lanjut", level=2)
    follow = []
    for bidang, group in evaluated.groupby("bidang", sort=True):
        items = insight.distinct_texts(group, "tindak_lanjut", limit=5)
        if items:
            follow.append(f"{bidang}: {'; '.join(items)}.")
    lagging = insight.lagging(evaluated, settings, limit=5)
    if follow:
        _numbered(document, follow)
    else:
        _justified(document, "Belum ada tindak lanjut yang dituliskan bidang.")
    if len(lagging):
        names = ", ".join(
            f"{r.indikator} ({r.bidang}, {fmt_percent(r.capaian_tampil)})"
            for r in lagging.itertuples(index=False)
        )
        _justified(document, f"Indikator yang perlu mendapat perhatian utama: {names}.")

    if corrections:
        from kinerja_core.koreksi import shown_value

        document.add_heading("3.5 Koreksi Konsep", level=2)
        _justified(
            document,
            "Nilai berikut dikoreksi dalam penyusunan dokumen (SOP langkah 7); berkas asli "
            "bidang tetap tersimpan apa adanya.",
        )
        rows = [
            [str(k.kode), str(k.indikator), k.label,
             f"{shown_value(k.nilai_asal)} → {shown_value(k.nilai_baru)}", str(k.alasan)]
            for k in corrections
        ]  # fmt: skip
        _table(document, ["Kode", "Indikator", "Kolom", "Asal → koreksi", "Alasan"], rows,
               [2.8, 4.4, 2.4, 3, 3.4], size=8.5)  # fmt: skip


def _bab_penutup(
    document, head: analysis.Headline, settings: Settings, tahun: int, sampai_tw: int
) -> None:
    document.add_heading("BAB IV\nPENUTUP", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if math.isnan(head.rata_rata_capaian):
        result = "belum dapat dihitung"
    else:
        result = f"sebesar {fmt_percent(head.rata_rata_capaian)} dengan predikat {head.predikat}"
    _justified(
        document,
        f"Capaian kinerja {settings.dinas} pada {_periode(tahun, sampai_tw)} {result}, dengan "
        f"serapan anggaran {fmt_percent(head.serapan)}. Hasil evaluasi ini menjadi bahan "
        "perbaikan pelaksanaan program dan kegiatan pada triwulan dan tahun berikutnya.",
    )
    _justified(
        document,
        "Demikian laporan evaluasi kinerja ini disusun untuk dipergunakan sebagaimana mestinya.",
    )


def _signature(document, settings: Settings, tanggal: date) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [7, 9])
    left, right = table.rows[0].cells
    signer: Signatory = settings.penyusun
    lines: list[tuple[str, dict]] = [
        (f"{settings.tempat}, {fmt_date(tanggal)}", {}),
        (f"{signer.jabatan},", {"bold": True}),
        ("", {}),
        ("", {}),
        ("", {}),
        (signer.nama, {"bold": True, "underline": True}),
        (signer.pangkat, {}),
        (f"NIP. {signer.nip}", {}),
    ]
    for i, (line, style) in enumerate(lines):
        paragraph = right.paragraphs[0] if i == 0 else right.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, line, **style)
    table.rows[0]._tr.get_or_add_trPr().append(_cant_split())


def _cant_split():
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    return element


def _lampiran(document, tahun: int, sampai_tw: int) -> None:
    _paragraph(document, after=6)
    paragraph = _paragraph(document, after=0)
    _run(paragraph, "Lampiran:", bold=True, size=10)
    _numbered(
        document,
        [
            "Formulir E.81 Evaluasi terhadap Hasil Renja Perangkat Daerah (Permendagri "
            f"86/2017), tahun {tahun} s.d. Triwulan {TW_ROMAN[sampai_tw]}: berkas "
            f"{workbook_file_name(tahun, sampai_tw)}, sheet “Evaluasi Renja (E.81)”;",
            "Rincian per bidang dan catatan validasi data: berkas yang sama, sheet per bidang "
            "dan sheet “Catatan”.",
        ],
    )
