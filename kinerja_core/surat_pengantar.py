"""The surat pengantar (SOP 10) as a .docx in the Tata Naskah Dinas layout (python-docx).

Kop (logo, pemerintah daerah, nama Dinas, alamat, telepon, laman); place and date; "Yth. …
di …"; the title SURAT PENGANTAR with its NOMOR beneath; the table No | Naskah Dinas/Barang
yang Dikirimkan | Banyaknya | Keterangan; on the left the receipt block (Diterima tanggal …,
Penerima: nama, jabatan, pangkat, NIP, telepon), on the right the sender (the Kepala Dinas).
``buat`` takes the number from the agenda surat keluar, writes the letter and keeps it with
its register row, so the page and the CLI number from one register.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from kinerja_core import access, surat
from kinerja_core.access import Actor, Aksi
from kinerja_core.locale_id import TRIWULAN_LABEL, fmt_date
from kinerja_core.pengaturan import Kantor
from kinerja_core.settings import Settings

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_PAPER_CM = {"A4": (21.0, 29.7), "F4": (21.5, 33.0), "A3": (29.7, 42.0)}
_ANGKA = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


@dataclass(frozen=True)
class Kiriman:
    """One row of the table: what is sent, how many, and a note."""

    naskah: str
    banyaknya: str
    keterangan: str


@dataclass(frozen=True)
class SuratPengantar:
    nomor: str
    tanggal: date
    kepada: str
    di: str
    kiriman: list[Kiriman]
    kantor: Kantor
    kertas: str = "A4"


def tanggal_panjang(value: date) -> str:
    """7 Desember 2026."""
    return fmt_date(value)


def banyaknya(n: int, satuan: str = "berkas") -> str:
    """'1 (satu) berkas'."""
    word = _ANGKA[n] if 0 <= n < len(_ANGKA) else str(n)
    return f"{n} ({word}) {satuan}"


def kiriman_evaluasi(tahun: int, sampai_tw: int, versi: int | None = None) -> list[Kiriman]:
    """What a period's letter sends: the evaluation document and its lampiran."""
    periode = (
        f"Tahun {tahun}" if sampai_tw == 4 else f"Tahun {tahun} s.d. {TRIWULAN_LABEL[sampai_tw]}"
    )
    versi_text = f" (versi {versi})" if versi else ""
    return [
        Kiriman(
            f"Dokumen Evaluasi terhadap Hasil Renja Perangkat Daerah (formulir E.81 Permendagri "
            f"86/2017) {periode}{versi_text}",
            banyaknya(1, "eksemplar"),
            "Disampaikan dengan hormat untuk dipergunakan sebagaimana mestinya.",
        ),
        Kiriman(
            "Lampiran: rekapitulasi capaian kinerja dan realisasi anggaran per bidang",
            banyaknya(1, "berkas"),
            "Sebagai bahan evaluasi.",
        ),
    ]


def build_docx(letter: SuratPengantar) -> bytes:
    """The letter as .docx bytes."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    width, height = _PAPER_CM.get(letter.kertas, _PAPER_CM["A4"])
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(width), Cm(height)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    text_width = Cm(width - 4.5)

    _kop(doc, letter.kantor, text_width)

    place = doc.add_paragraph(f"{letter.kantor.tempat}, {tanggal_panjang(letter.tanggal)}")
    place.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    place.paragraph_format.space_before = Pt(12)
    doc.add_paragraph()
    doc.add_paragraph(f"Yth. {letter.kepada}")
    doc.add_paragraph("di")
    di = doc.add_paragraph(letter.di)
    di.paragraph_format.left_indent = Cm(1.0)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    run = title.add_run("SURAT PENGANTAR")
    run.bold = True
    run.font.size = Pt(12)
    number = doc.add_paragraph(f"NOMOR {letter.nomor}")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_after = Pt(12)

    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = ["No.", "Naskah Dinas/Barang yang Dikirimkan", "Banyaknya", "Keterangan"]
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(header).bold = True
    for index, item in enumerate(letter.kiriman, start=1):
        cells = table.add_row().cells
        values = [f"{index}.", item.naskah, item.banyaknya, item.keterangan]
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(value)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _widths(table, [Cm(1.2), Cm(7.3), Cm(3.4), text_width - Cm(11.9)])

    doc.add_paragraph().paragraph_format.space_after = Pt(12)
    _signature_blocks(doc, letter.kantor, text_width)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _kop(doc, kantor: Kantor, text_width) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=2)
    logo_cell, text_cell = table.rows[0].cells
    _widths(table, [Cm(2.6), text_width - Cm(2.6)])
    if kantor.logo:
        logo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(kantor.logo), width=Cm(2.2))
    lines = [
        (kantor.pemerintah_text.upper(), 13, True),
        (kantor.dinas.upper(), 14, True),
    ]
    contact = [kantor.alamat]
    if kantor.telepon:
        contact.append(f"Telepon {kantor.telepon}")
    online = [part for part in (kantor.laman, kantor.email) if part]
    first = True
    for text, size, bold in lines:
        paragraph = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(size)
    for text in (", ".join(p for p in contact if p), " · ".join(online)):
        if text:
            paragraph = text_cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).font.size = Pt(9)
    # The kop's closing double line: a bottom border under a paragraph of the page width.
    rule = doc.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "thickThinSmallGap"), ("sz", "18"), ("space", "1")):
        bottom.set(qn(f"w:{key}"), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    rule._p.get_or_add_pPr().append(borders)


def _signature_blocks(doc, kantor: Kantor, text_width) -> None:
    from docx.shared import Cm

    signer = kantor.kepala_dinas
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _widths(table, [text_width - Cm(8.0), Cm(8.0)])
    dots = "................................"
    receiver = [
        "Diterima tanggal ....................",
        "Penerima,",
        "",
        "",
        "",
        "",
        *(f"{label}\t: {dots}" for label in ("Nama", "Jabatan", "Pangkat", "NIP", "No. Telepon")),
    ]
    sender = [
        "",
        "Pengirim,",
        f"{signer.jabatan},",
        "",
        "",
        "",
        "",
        signer.nama,
        signer.pangkat,
        f"NIP {signer.nip}",
    ]
    _lines(left, receiver)
    _lines(right, sender, bold_index=7)
    if kantor.telepon:
        doc.add_paragraph()
        doc.add_paragraph(f"Telepon pengirim: {kantor.telepon}")


def _widths(table, widths) -> None:
    """Fixed column widths that Word and LibreOffice both keep (grid and every cell)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _lines(cell, lines: list[str], bold_index: int | None = None) -> None:
    """One paragraph per line; a tab aligns the colons of 'label<TAB>: value' lines."""
    from docx.shared import Cm

    for index, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if "\t" in text:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(2.6))
        run = paragraph.add_run(text)
        if index == bold_index:
            run.bold = True
            run.underline = True


def buat(
    store,
    actor: Actor,
    settings: Settings,
    *,
    tahun: int,
    sampai_tw: int,
    kepada: str,
    di: str,
    tanggal: date,
    versi: int | None = None,
) -> tuple[surat.Nomor, bytes]:
    """Number the period's surat pengantar from the register, write it, keep it; returns
    the number and the .docx bytes. A letter that cannot be written voids its number."""
    from kinerja_core import pengaturan

    access.require(actor, Aksi.SURAT)
    if not di.strip():
        raise surat.SuratError("Isi tempat tujuan (di …).")
    kantor = pengaturan.current(store, settings).kantor
    nomor = surat.beri_nomor(
        store,
        actor,
        settings,
        tanggal=tanggal,
        kepada=kepada,
        hal=f"{surat.HAL_PENGANTAR} tahun {tahun} s.d. {TRIWULAN_LABEL[sampai_tw]}",
        periode=(tahun, sampai_tw),
    )
    try:
        content = build_docx(
            SuratPengantar(
                nomor=nomor.nomor,
                tanggal=tanggal,
                kepada=" ".join(kepada.split()),
                di=di.strip(),
                kiriman=kiriman_evaluasi(tahun, sampai_tw, versi),
                kantor=kantor,
                kertas=settings.kertas,
            )
        )
        store.attach_letter_file(
            nomor.id,
            {
                "tahun": tahun,
                "sampai_tw": sampai_tw,
                "jenis": "surat_pengantar",
                "nama": file_name(nomor.nomor),
                "isi": content,
            },
            actor.label,
        )
    except Exception:
        store.void_letter(nomor.id, "surat gagal dibuat", actor.label)
        raise
    return nomor, content


def file_name(nomor: str) -> str:
    """Surat_Pengantar_000.7.2-007-Diskominfo-SP-2026.docx."""
    safe = "".join(ch if ch.isalnum() or ch in ".-_" else "-" for ch in nomor)
    return f"Surat_Pengantar_{safe}.docx"
