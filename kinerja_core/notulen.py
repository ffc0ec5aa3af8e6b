"""The notulen of a rapat koordinasi as a .docx to hand out: date, place, agenda, attendees,
the figures the slides showed, the notes and the decisions of the rapat, and the decisions of
earlier rapat still to follow up.

The figures come from the same core functions as the slides' cards (``views.rapat_views``,
``rapat_rows``, ``selected_budget``, ``selection_figures``), so the paper and the projector
agree. Notes and attendees are people's text: written as plain runs, never as markup.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from babel.dates import format_date
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kinerja_core import access, views
from kinerja_core.access import Actor, Aksi
from kinerja_core.locale_id import LOCALE, TRIWULAN_LABEL, fmt_number, fmt_percent, fmt_rupiah_short
from kinerja_core.model import TW_ROMAN
from kinerja_core.pengaturan import Kantor
from kinerja_core.settings import Settings

KEPUTUSAN = "keputusan"
BERKAS_JENIS = "notulen"  # a kept copy in the period's files (berkas), for the archive
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in XML text


@dataclass(frozen=True)
class DataRapat:
    """What the notulis types in, and the period the rapat discussed."""

    tahun: int
    sampai_tw: int
    tanggal: date | None = None
    tempat: str = ""
    agenda: str = ""
    peserta: list[str] = field(default_factory=list)
    notulis: str = ""
    acuan: str = ""  # 'terhadap target s.d. Triwulan II' in the mid-year view, else ''


def file_name(tahun: int, sampai_tw: int) -> str:
    return f"Notulen_Rapat_{tahun}_TW{sampai_tw}.docx"


def keep(store, actor: Actor, tahun: int, sampai_tw: int, content: bytes) -> int:
    """Keep the notulen as it was handed out, in the period's files (it goes into the archive
    with the figures the rapat saw, even if the data changes later). Only the notulis keeps
    it; a kept file never changes, so each kept copy stays and the newest is last."""
    access.require(actor, Aksi.NOTULEN)
    if not content:
        raise ValueError("notulen kosong")
    item = {
        "tahun": tahun,
        "sampai_tw": sampai_tw,
        "jenis": BERKAS_JENIS,
        "nama": file_name(tahun, sampai_tw),
        "isi": content,
    }
    return store.add_berkas(item, actor.label, action="simpan notulen ke arsip")


def kept(store, tahun: int, sampai_tw: int) -> list[dict]:
    """The kept copies of the period's notulen (without their bytes), oldest first."""
    return [row for row in store.berkas_list(tahun, sampai_tw) if row["jenis"] == BERKAS_JENIS]


def peserta_list(text: str) -> list[str]:
    """Attendees typed one per line (or separated by ';'), blanks dropped."""
    return [name.strip() for name in re.split(r"[\n;]", text or "") if name.strip()]


def slide_figures(
    evaluated: pd.DataFrame, budgets: dict[str, pd.DataFrame], settings: Settings
) -> list[tuple[str, views.SelectionFigures]]:
    """(title, figures) of every rapat view — the Dinas summary, then each bidang — exactly
    as the slide's cards show them."""
    return [
        (
            views.rapat_title(view),
            views.selection_figures(
                views.rapat_rows(evaluated, view),
                views.selected_budget(budgets, {"bidang": view}),
                settings,
            ),
        )
        for view in views.rapat_views(evaluated)
    ]


def _period_key(frame: pd.DataFrame) -> pd.Series:
    return frame["tahun"].astype(int) * 10 + frame["sampai_tw"].astype(int)


def rapat_notes(notes: pd.DataFrame, tahun: int, sampai_tw: int) -> pd.DataFrame:
    """The notes and decisions of this rapat (every view), oldest first."""
    if notes is None or notes.empty:
        return pd.DataFrame(columns=views.NOTE_COLUMNS)
    mine = notes[_period_key(notes) == tahun * 10 + sampai_tw]
    return mine.sort_values("id").reset_index(drop=True)


def earlier_decisions(notes: pd.DataFrame, tahun: int, sampai_tw: int) -> pd.DataFrame:
    """Keputusan of earlier rapat (to follow up at this one), the newest rapat first."""
    if notes is None or notes.empty:
        return pd.DataFrame(columns=views.NOTE_COLUMNS)
    earlier = notes[
        (_period_key(notes) < tahun * 10 + sampai_tw) & (notes["jenis"].astype(str) == KEPUTUSAN)
    ]
    return earlier.sort_values(["tahun", "sampai_tw", "id"], ascending=[False, False, True])


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return _CONTROL.sub("", str(value)).strip()


def due_date(value: object) -> date | None:
    """A stored batas waktu as a date (None when there is none)."""
    if isinstance(value, datetime):  # a pandas Timestamp too (NaT is not a datetime)
        return None if pd.isna(value) else value.date()
    return value if isinstance(value, date) else None


def fmt_hari_tanggal(value: date) -> str:
    """'Senin, 7 Desember 2026'."""
    return format_date(value, format="EEEE, d MMMM y", locale=LOCALE)


def _fmt_due(value: object) -> str:
    due = due_date(value)
    return format_date(due, format="d MMMM y", locale=LOCALE) if due else "–"


def _cell(cell, text: str, bold: bool = False, size: float = 10) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _table(document, header: list[str], rows: list[list[str]], widths: list[float]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _cell(cell, text)
    _widths(table, widths)
    return table


def _widths(table, widths: list[float]) -> None:
    """Column widths that Word and LibreOffice both follow (the grid and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(10)
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(12)


def _where(note: pd.Series) -> str:
    return views.rapat_title(_text(note["bidang"]))


def build(
    data: DataRapat,
    kantor: Kantor,
    figures: list[tuple[str, views.SelectionFigures]],
    notes: pd.DataFrame,
    follow_up: pd.DataFrame,
    settings: Settings,
) -> bytes:
    """The notulen .docx (A4 portrait): ``notes`` of this rapat (``rapat_notes``),
    ``follow_up`` the earlier decisions (``earlier_decisions``)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5 if side == "left_margin" else 2))
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("NOTULEN RAPAT KOORDINASI EVALUASI KINERJA")
    run.bold = True
    run.font.size = Pt(14)
    office = document.add_paragraph()
    office.alignment = WD_ALIGN_PARAGRAPH.CENTER
    office.add_run(f"{_text(kantor.dinas)} Kabupaten {_text(kantor.kabupaten)}")

    period = f"Tahun {data.tahun} sampai {TRIWULAN_LABEL[data.sampai_tw]}"
    info = [
        ("Hari/tanggal", fmt_hari_tanggal(data.tanggal) if data.tanggal else "–"),
        ("Tempat", _text(data.tempat) or "–"),
        ("Agenda", _text(data.agenda) or "–"),
        ("Periode data", period + (f", capaian {data.acuan}" if data.acuan else "")),
        ("Notulis", _text(data.notulis) or "–"),
    ]
    table = document.add_table(rows=0, cols=3)
    for label, value in info:
        cells = table.add_row().cells
        _cell(cells[0], label, size=11)
        _cell(cells[1], ":", size=11)
        _cell(cells[2], value, size=11)
    _widths(table, [3.5, 0.5, 12.5])

    _heading(document, "A. Peserta")
    peserta = [_text(name) for name in data.peserta if _text(name)]
    if peserta:
        for number, name in enumerate(peserta, start=1):
            document.add_paragraph(f"{number}. {name}")
    else:
        document.add_paragraph("Daftar hadir terlampir.")

    _heading(document, "B. Capaian kinerja yang dipaparkan")
    threshold = fmt_number(settings.flag_threshold)
    _table(
        document,
        ["Tampilan", "Rata-rata capaian", "Predikat", "Serapan anggaran", f"Di bawah {threshold}%"],
        [
            [
                name,
                fmt_percent(f.rata_rata_capaian),
                f.predikat or "–",
                f"{fmt_percent(f.serapan)} dari {fmt_rupiah_short(f.pagu)}",
                f"{fmt_number(f.di_bawah, 0)} dari {fmt_number(f.jumlah_indikator, 0)}",
            ]
            for name, f in figures
        ],
        [5.0, 2.6, 2.4, 3.5, 2.5],
    )
    if data.acuan:
        document.add_paragraph(f"Capaian diukur {data.acuan}.").runs[0].italic = True

    catatan = notes[notes["jenis"].astype(str) != KEPUTUSAN] if len(notes) else notes
    _heading(document, "C. Catatan rapat")
    if len(catatan):
        for _, note in catatan.iterrows():
            who = _text(note["penulis"])
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{_where(note)}: ").bold = True
            paragraph.add_run(_text(note["isi"]) + (f" ({who})" if who else ""))
    else:
        document.add_paragraph("Tidak ada catatan.")

    keputusan = notes[notes["jenis"].astype(str) == KEPUTUSAN] if len(notes) else notes
    _heading(document, "D. Keputusan rapat")
    if len(keputusan):
        _table(
            document,
            ["No", "Keputusan", "Tampilan", "Penanggung jawab", "Batas waktu"],
            [
                [
                    str(number),
                    _text(note["isi"]),
                    _where(note),
                    _text(note.get("penanggung_jawab")) or "–",
                    _fmt_due(note.get("batas_waktu")),
                ]
                for number, (_, note) in enumerate(keputusan.iterrows(), start=1)
            ],
            [1.0, 7.0, 3.2, 3.0, 2.8],
        )
    else:
        document.add_paragraph("Tidak ada keputusan.")

    _heading(document, "E. Tindak lanjut keputusan rapat sebelumnya")
    if len(follow_up):
        rapat_date = data.tanggal
        rows = []
        for number, (_, note) in enumerate(follow_up.iterrows(), start=1):
            due = due_date(note.get("batas_waktu"))
            late = " (lewat batas)" if due and rapat_date and due < rapat_date else ""
            rows.append(
                [
                    str(number),
                    _text(note["isi"]),
                    f"TW {TW_ROMAN[int(note['sampai_tw'])]} {int(note['tahun'])}",
                    _text(note.get("penanggung_jawab")) or "–",
                    _fmt_due(note.get("batas_waktu")) + late,
                ]
            )
        _table(
            document,
            ["No", "Keputusan", "Rapat", "Penanggung jawab", "Batas waktu"],
            rows,
            [1.0, 7.2, 2.6, 3.2, 3.0],
        )
    else:
        document.add_paragraph("Tidak ada keputusan rapat sebelumnya.")

    signature = document.add_paragraph()
    signature.paragraph_format.space_before = Pt(24)
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    place = _text(kantor.tempat) or _text(kantor.kabupaten)
    when = format_date(data.tanggal, format="d MMMM y", locale=LOCALE) if data.tanggal else ""
    signature.add_run(
        f"{place}, {when}\nNotulis,\n\n\n\n{_text(data.notulis) or '( ............ )'}"
    )

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
