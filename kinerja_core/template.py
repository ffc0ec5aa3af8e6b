"""The collection format: one xlsx workbook per bidang, generated from the year's rencana.

Owns the layout contract the ingest reader relies on (sheet names, title rows, header row
5, data from row 6, the veryHidden ``_meta`` sheet) and writes it with xlsxwriter in
memory. Text is always written as text (no formula or URL conversion). ``filled=True``
also writes realisasi, faktor texts and realisasi anggaran (used for the demo files).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime

import pandas as pd
import xlsxwriter

from kinerja_core import clock
from kinerja_core.model import (
    ANGGARAN_TW,
    BIDANG_SEKRETARIAT,
    REALISASI_TW,
    TW_ROMAN,
    conform_anggaran,
    conform_indicators,
    kode_level,
    member_mask,
)

FORMAT_ID = "kinerja-pengumpulan"
FORMAT_VERSION = "1"

SHEET_PETUNJUK = "Petunjuk"
SHEET_KINERJA = "Kinerja"
SHEET_ANGGARAN = "Anggaran"
SHEET_META = "_meta"

TITLE = "FORMAT PENGUMPULAN DATA KINERJA"
HEADER_ROW = 5  # 1-based, as Excel shows it
FIRST_DATA_ROW = 6  # 1-based
KUALITATIF_PILIHAN = ["Baik", "Cukup", "Kurang"]
PROTECTION_PASSWORD = ""  # sheets are protected without a password (see Petunjuk)

KINERJA_FIXED = [
    "No",
    "Kode",
    "Program / Kegiatan / Sub Kegiatan",
    "Indikator",
    "Satuan",
    "Polaritas",
    "Cara Agregasi",
]
REALISASI_HEADERS = [f"Realisasi TW {TW_ROMAN[n]}" for n in (1, 2, 3, 4)]
KINERJA_TEXT_INPUTS = ["Faktor Pendorong", "Faktor Penghambat", "Tindak Lanjut", "Keterangan"]
# Locked identity columns from the rencana after the inputs (E.81 columns 2, 5 and 6 K), so
# the columns a bidang fills keep their places.
KINERJA_RENSTRA = [
    "Sasaran",
    "Target Renstra Akhir Periode",
    "Realisasi Renstra s/d Tahun Lalu",
]
ANGGARAN_RENSTRA = ["Target Renstra Akhir Periode (Rp)", "Realisasi Renstra s/d Tahun Lalu (Rp)"]
ANGGARAN_HEADERS = [
    "No",
    "Kode",
    "Program / Kegiatan / Sub Kegiatan",
    "Pagu (Rp)",
    *[f"Realisasi Anggaran TW {TW_ROMAN[n]} (Rp)" for n in (1, 2, 3, 4)],
    *ANGGARAN_RENSTRA,
]
META_KEYS = ["format", "versi", "bidang", "tahun", "dinas", "dibuat"]

_TEXT_INPUT_FIELDS = ["faktor_pendorong", "faktor_penghambat", "tindak_lanjut", "keterangan"]
_KINERJA_WIDTHS = [5, 19, 42, 48, 12, 11, 13, 12, 12, 12, 12, 12, 36, 36, 36, 28, 36, 14, 14]
_ANGGARAN_WIDTHS = [5, 19, 60, 18, 20, 20, 20, 20, 20, 20]
_RUPIAH = "#,##0"
_INPUT_FILL = "#FFF7D6"
_HEADER_FILL = "#DCE8F2"


def kinerja_headers(tahun: int) -> list[str]:
    """The exact header row (row 5) of the Kinerja sheet."""
    return [
        *KINERJA_FIXED,
        f"Target {tahun}",
        *REALISASI_HEADERS,
        *KINERJA_TEXT_INPUTS,
        *KINERJA_RENSTRA,
    ]


def slug(bidang: str) -> str:
    """File-name slug: 'Bidang Statistik' -> 'bidang_statistik'."""
    return re.sub(r"[^a-z0-9]+", "_", bidang.casefold()).strip("_") or "tanpa_bidang"


def format_filename(tahun: int, bidang: str) -> str:
    return f"format_kinerja_{tahun}_{slug(bidang)}.xlsx"


def title_dinas(dinas: str, kabupaten: str = "") -> str:
    """Row 2 of every sheet: the dinas with its kabupaten."""
    if kabupaten and "kabupaten" not in dinas.casefold():
        return f"{dinas} Kabupaten {kabupaten}"
    return dinas


def bidang_list(indicators: pd.DataFrame, anggaran: pd.DataFrame | None = None) -> list[str]:
    """Bidang in the rencana: Sekretariat first, then in order of appearance; no blanks."""
    names: list[str] = []
    frames = [indicators] if anggaran is None else [indicators, anggaran]
    for frame in frames:
        for name in frame["bidang"].astype(str).str.strip():
            if name and name not in names:
                names.append(name)
    names.sort(key=lambda n: 0 if n.casefold() == BIDANG_SEKRETARIAT.casefold() else 1)
    return names


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]  # anything float() takes
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _bidang_anggaran(indicators: pd.DataFrame, anggaran: pd.DataFrame) -> pd.DataFrame:
    """The bidang's budget rows: its anggaran rows plus any sub kegiatan it has no pagu for.

    ``indicators`` and ``anggaran`` are already restricted to (or matched to) the bidang.
    """
    rows = anggaran.copy()
    known = set(rows["kode"])
    extra = []
    for kode, uraian in zip(indicators["kode"], indicators["uraian"], strict=True):
        if kode_level(kode) == "sub kegiatan" and kode not in known:
            known.add(kode)
            extra.append({"kode": kode, "uraian": uraian})
    if extra:
        rows = pd.concat([rows, pd.DataFrame(extra)], ignore_index=True)
    return conform_anggaran(rows)


class _Formats:
    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        add = workbook.add_format
        border = {"border": 1, "border_color": "#9AA5B1", "valign": "top", "font_size": 10}
        self.title = add({"bold": True, "font_size": 14})
        self.subtitle = add({"bold": True, "font_size": 11})
        self.header = add(
            {
                **border,
                "bold": True,
                "bg_color": _HEADER_FILL,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        self.locked_text = add({**border, "text_wrap": True})
        self.locked_center = add({**border, "align": "center"})
        self.locked_number = add({**border, "num_format": "General"})
        self.locked_rupiah = add({**border, "num_format": _RUPIAH})
        unlocked = {**border, "locked": False, "bg_color": _INPUT_FILL}
        self.input_number = add({**unlocked, "num_format": "General"})
        self.input_rupiah = add({**unlocked, "num_format": _RUPIAH})
        self.input_text = add({**unlocked, "text_wrap": True})
        self.input_choice = add({**unlocked, "align": "center"})
        self.note = add({"text_wrap": True, "valign": "top", "font_size": 11})
        self.note_bold = add({"bold": True, "text_wrap": True, "valign": "top"})


def _write_text(sheet, row: int, col: int, value: object, fmt) -> None:
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    if text:
        sheet.write_string(row, col, text, fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def _write_number(sheet, row: int, col: int, value: object, fmt) -> None:
    number = _number(value)
    if number is None:
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_number(row, col, number, fmt)


def _title_rows(sheet, fmts: _Formats, *, bidang: str, tahun: int, dinas_line: str) -> None:
    sheet.write_string(0, 0, TITLE, fmts.title)
    sheet.write_string(1, 0, dinas_line, fmts.subtitle)
    sheet.write_string(2, 0, f"{bidang} — Tahun {tahun}", fmts.subtitle)


def _setup_sheet(sheet, widths: list[int], bidang: str, n_cols: int) -> None:
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.set_row(HEADER_ROW - 1, 32)
    sheet.freeze_panes(HEADER_ROW, 4 if n_cols > 8 else 3)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer(f"&L{bidang.replace('&', '&&')}&RHalaman &P dari &N")
    sheet.protect(
        PROTECTION_PASSWORD,
        {"format_columns": True, "format_rows": True},
    )


def _row_height(texts: list[tuple[str, int]], widths: list[int]) -> float:
    """Row height (points) that shows every wrapped text in full: neither Excel nor
    LibreOffice grows a row for wrapped text written by a program."""
    lines = 1
    for text, col in texts:
        per_line = max(1.0, widths[col] * 1.1)  # 10-point text in a width-w column
        words, count, used = str(text).split(), 1, 0
        for word in words:
            need = len(word) + (1 if used else 0)
            if used and used + need > per_line:
                count, used = count + 1, len(word)
            else:
                used += need
        lines = max(lines, count)
    return 13.5 * lines + 3


def _runs(flags: Iterable[bool]) -> list[tuple[int, int, bool]]:
    """Contiguous runs of equal flags: [(start, end_inclusive, flag)]."""
    runs: list[tuple[int, int, bool]] = []
    for i, flag in enumerate(flags):
        if runs and runs[-1][2] == flag and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i, flag)
        else:
            runs.append((i, i, flag))
    return runs


_NUMBER_VALIDATION = {
    "validate": "decimal",
    "criteria": ">=",
    "value": 0,
    "input_title": "Isi angka",
    "input_message": "Angka saja, tanpa satuan, tanpa % atau Rp. Tidak boleh negatif.",
    "error_title": "Bukan angka yang sah",
    "error_message": "Isi dengan angka 0 atau lebih, tanpa satuan, tanda % atau Rp.",
}
_CHOICE_VALIDATION = {
    "validate": "list",
    "source": KUALITATIF_PILIHAN,
    "input_title": "Indikator kualitatif",
    "input_message": "Pilih Baik, Cukup atau Kurang dari daftar.",
    "error_title": "Pilihan tidak dikenal",
    "error_message": "Pilih salah satu: Baik, Cukup atau Kurang.",
}


def _write_kinerja(sheet, fmts: _Formats, rows: pd.DataFrame, tahun: int, filled: bool) -> None:
    for col, header in enumerate(kinerja_headers(tahun)):
        sheet.write_string(HEADER_ROW - 1, col, header, fmts.header)
    first = FIRST_DATA_ROW - 1
    qualitative = [bool(t.strip()) for t in rows["target_teks"]]
    for i, rec in enumerate(rows.to_dict("records")):
        r = first + i
        sheet.write_number(r, 0, i + 1, fmts.locked_center)
        _write_text(sheet, r, 1, rec["kode"], fmts.locked_text)
        _write_text(sheet, r, 2, rec["uraian"], fmts.locked_text)
        _write_text(sheet, r, 3, rec["indikator"], fmts.locked_text)
        _write_text(sheet, r, 4, rec["satuan"], fmts.locked_center)
        _write_text(sheet, r, 5, rec["polaritas"], fmts.locked_center)
        _write_text(sheet, r, 6, rec["agregasi"], fmts.locked_center)
        if qualitative[i]:
            _write_text(sheet, r, 7, rec["target_teks"].strip(), fmts.locked_center)
            teks = rec["realisasi_teks"].strip() if filled else ""
            for k in range(4):
                _write_text(sheet, r, 8 + k, teks, fmts.input_choice)
        else:
            _write_number(sheet, r, 7, rec["target"], fmts.locked_number)
            for k, field in enumerate(REALISASI_TW):
                _write_number(sheet, r, 8 + k, rec[field] if filled else None, fmts.input_number)
        for k, field in enumerate(_TEXT_INPUT_FIELDS):
            _write_text(sheet, r, 12 + k, rec[field] if filled else "", fmts.input_text)
        renstra = 12 + len(_TEXT_INPUT_FIELDS)
        _write_text(sheet, r, renstra, rec["sasaran"], fmts.locked_text)
        _write_number(sheet, r, renstra + 1, rec["target_renstra"], fmts.locked_number)
        _write_number(sheet, r, renstra + 2, rec["realisasi_renstra_lalu"], fmts.locked_number)
        wrapped = [(rec["uraian"], 2), (rec["indikator"], 3), (rec["sasaran"], renstra)]
        if filled:
            wrapped += [(rec[col], 12 + k) for k, col in enumerate(_TEXT_INPUT_FIELDS)]
        sheet.set_row(r, _row_height(wrapped, _KINERJA_WIDTHS))
    for start, end, is_text in _runs(qualitative):
        options = _CHOICE_VALIDATION if is_text else _NUMBER_VALIDATION
        sheet.data_validation(first + start, 8, first + end, 11, dict(options))
    if len(rows):
        last = first + len(rows) - 1
        sheet.data_validation(
            first, 5, last, 5, {"validate": "list", "source": ["positif", "negatif"]}
        )
        sheet.data_validation(
            first, 6, last, 6, {"validate": "list", "source": ["kumulatif", "akhir", "rata-rata"]}
        )


def _write_anggaran(sheet, fmts: _Formats, rows: pd.DataFrame, filled: bool) -> None:
    for col, header in enumerate(ANGGARAN_HEADERS):
        sheet.write_string(HEADER_ROW - 1, col, header, fmts.header)
    first = FIRST_DATA_ROW - 1
    for i, rec in enumerate(rows.to_dict("records")):
        r = first + i
        sheet.write_number(r, 0, i + 1, fmts.locked_center)
        _write_text(sheet, r, 1, rec["kode"], fmts.locked_text)
        _write_text(sheet, r, 2, rec["uraian"], fmts.locked_text)
        sheet.set_row(r, _row_height([(rec["uraian"], 2)], _ANGGARAN_WIDTHS))
        pagu = _number(rec["pagu"])
        if pagu is None:  # no pagu in the rencana: let the bidang write it
            sheet.write_blank(r, 3, None, fmts.input_rupiah)
            sheet.data_validation(r, 3, r, 3, dict(_NUMBER_VALIDATION))
        else:
            sheet.write_number(r, 3, pagu, fmts.locked_rupiah)
        for k, field in enumerate(ANGGARAN_TW):
            _write_number(sheet, r, 4 + k, rec[field] if filled else None, fmts.input_rupiah)
        _write_number(sheet, r, 8, rec["target_renstra_rp"], fmts.locked_rupiah)
        _write_number(sheet, r, 9, rec["realisasi_renstra_lalu_rp"], fmts.locked_rupiah)
    if len(rows):
        sheet.data_validation(first, 4, first + len(rows) - 1, 7, dict(_NUMBER_VALIDATION))


def petunjuk_lines(*, bidang: str, tahun: int, dinas_line: str) -> list[tuple[str, str]]:
    """(heading, text) pairs of the Petunjuk sheet, in plain Indonesian."""
    return [
        ("Untuk siapa", f"Berkas ini untuk {bidang}, data kinerja Tahun {tahun}, {dinas_line}."),
        (
            "Yang diisi",
            "Isi hanya sel berlatar kuning: sheet Kinerja kolom Realisasi TW I sampai "
            "Realisasi TW IV, Faktor Pendorong, Faktor Penghambat, Tindak Lanjut dan "
            "Keterangan; sheet Anggaran kolom Realisasi Anggaran TW I sampai TW IV (Rp).",
        ),
        (
            "Yang dikunci",
            "Kolom No, Kode, Program / Kegiatan / Sub Kegiatan, Indikator, Satuan, "
            "Polaritas, Cara Agregasi, Target, Pagu, Sasaran dan angka Renstra (target akhir "
            "periode, realisasi s/d tahun lalu) berasal dari rencana kinerja dan "
            "dikunci (perlindungan sheet tanpa kata sandi, hanya agar tidak terubah tanpa "
            "sengaja). Bila ada yang keliru, beri tahu Subbagian Perencanaan; jangan "
            "diubah sendiri.",
        ),
        (
            "Triwulan",
            "TW I = Januari–Maret, TW II = April–Juni, TW III = Juli–September, "
            "TW IV = Oktober–Desember. Isi kolom triwulan yang sudah berjalan saja; "
            "triwulan yang belum berjalan dibiarkan kosong.",
        ),
        (
            "Cara agregasi",
            "kumulatif: tulis hasil yang dicapai dalam triwulan itu saja (bukan jumlah "
            "sejak awal tahun), aplikasi yang menjumlahkan. akhir: tulis posisi atau nilai "
            "pada akhir triwulan (misalnya persentase atau indeks). rata-rata: tulis nilai "
            "triwulan itu, aplikasi yang merata-ratakan.",
        ),
        (
            "Menulis angka",
            "Tulis angka saja, tanpa satuan, tanpa tanda % dan tanpa Rp: 87,5 untuk 87,5%; "
            "1250000 untuk Rp 1.250.000. Pemisah desimal mengikuti pengaturan Excel Anda "
            "(koma pada pengaturan Indonesia). Angka tidak boleh negatif. Bila tidak ada "
            "kegiatan pada triwulan itu, tulis 0.",
        ),
        (
            "Indikator kualitatif",
            "Bila targetnya berupa kata (misalnya Baik), pilih Baik, Cukup atau Kurang dari "
            "daftar pada sel realisasi.",
        ),
        (
            "Faktor dan tindak lanjut",
            "Tulis kalimat singkat: apa yang mendorong keberhasilan, apa yang menghambat, "
            "dan tindak lanjut yang direncanakan — terutama bila realisasi di bawah target.",
        ),
        (
            "Anggaran",
            "Realisasi anggaran ditulis dalam rupiah penuh per triwulan (bukan kumulatif), "
            "sesuai SP2D yang terbit pada triwulan itu.",
        ),
        (
            "Jangan diubah",
            "Jangan mengganti nama sheet, jangan menambah, menghapus atau memindah kolom, "
            "jangan menghapus baris, dan jangan menghapus sheet tersembunyi. Indikator "
            "tambahan atau catatan lain ditulis di kolom Keterangan.",
        ),
        (
            "Mengirim kembali",
            "Simpan tetap sebagai berkas .xlsx (nama berkas boleh diganti) lalu kirim "
            "kembali ke Subbagian Perencanaan sebelum batas waktu: diunggah di aplikasi "
            "Kinerja (halaman Pengumpulan Data) atau dikirim ke admin perencanaan.",
        ),
    ]


def _write_petunjuk(sheet, fmts: _Formats, *, bidang: str, tahun: int, dinas_line: str) -> None:
    _title_rows(sheet, fmts, bidang=bidang, tahun=tahun, dinas_line=dinas_line)
    sheet.write_string(4, 0, "PETUNJUK PENGISIAN", fmts.subtitle)
    sheet.set_column(0, 0, 4)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, 2, 100)
    for i, (heading, text) in enumerate(
        petunjuk_lines(bidang=bidang, tahun=tahun, dinas_line=dinas_line)
    ):
        row = 5 + i
        sheet.write_number(row, 0, i + 1, fmts.note)
        sheet.write_string(row, 1, heading, fmts.note_bold)
        sheet.write_string(row, 2, text, fmts.note)
        sheet.set_row(row, 15 * max(1, math.ceil(len(text) / 95)))
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.activate()


def build_format(
    indicators: pd.DataFrame,
    anggaran: pd.DataFrame,
    *,
    bidang: str,
    tahun: int,
    dinas: str,
    filled: bool = False,
    kabupaten: str = "",
    dibuat: datetime | None = None,
) -> bytes:
    """One collection-format workbook (xlsx bytes) for ``bidang`` from the rencana.

    ``indicators`` / ``anggaran`` may hold every bidang; only ``bidang``'s rows are used
    (anggaran rows without a bidang are matched by the kode of the bidang's indicators).
    ``dibuat`` fixes the creation time (for reproducible files); default: now.
    """
    indicators = conform_indicators(indicators)
    anggaran = conform_anggaran(anggaran)
    key = bidang.strip().casefold()
    ind = indicators[indicators["bidang"].str.strip().str.casefold() == key]
    ind_codes = set(ind["kode"])
    ang_bidang = anggaran["bidang"].str.strip().str.casefold()
    ang = anggaran[
        (ang_bidang == key).to_numpy()
        | ((ang_bidang == "").to_numpy() & member_mask(anggaran["kode"], ind_codes))
    ]
    ang = _bidang_anggaran(ind, ang)

    created = (dibuat or clock.local_now().replace(tzinfo=None)).replace(microsecond=0)
    dinas_line = title_dinas(dinas, kabupaten)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    workbook.set_properties(
        {
            "title": f"{TITLE} — {bidang} — Tahun {tahun}",
            "company": dinas_line,
            "created": created,
        }
    )
    fmts = _Formats(workbook)

    petunjuk = workbook.add_worksheet(SHEET_PETUNJUK)
    _write_petunjuk(petunjuk, fmts, bidang=bidang, tahun=tahun, dinas_line=dinas_line)

    kinerja = workbook.add_worksheet(SHEET_KINERJA)
    _title_rows(kinerja, fmts, bidang=bidang, tahun=tahun, dinas_line=dinas_line)
    _write_kinerja(kinerja, fmts, ind, tahun, filled)
    _setup_sheet(kinerja, _KINERJA_WIDTHS, bidang, len(_KINERJA_WIDTHS))

    anggaran_sheet = workbook.add_worksheet(SHEET_ANGGARAN)
    _title_rows(anggaran_sheet, fmts, bidang=bidang, tahun=tahun, dinas_line=dinas_line)
    _write_anggaran(anggaran_sheet, fmts, ang, filled)
    _setup_sheet(anggaran_sheet, _ANGGARAN_WIDTHS, bidang, len(_ANGGARAN_WIDTHS))

    meta = workbook.add_worksheet(SHEET_META)
    values = [FORMAT_ID, FORMAT_VERSION, bidang, str(tahun), dinas, created.isoformat()]
    for row, (name, value) in enumerate(zip(META_KEYS, values, strict=True)):
        meta.write_string(row, 0, name)
        meta.write_string(row, 1, value)
    meta.very_hidden()

    workbook.close()
    return buffer.getvalue()


def build_all_formats(
    indicators: pd.DataFrame,
    anggaran: pd.DataFrame,
    *,
    tahun: int,
    dinas: str,
    kabupaten: str = "",
    filled: bool = False,
    dibuat: datetime | None = None,
) -> dict[str, bytes]:
    """{filename: xlsx bytes}, one workbook per bidang of the rencana (Sekretariat first)."""
    return {
        format_filename(tahun, bidang): build_format(
            indicators,
            anggaran,
            bidang=bidang,
            tahun=tahun,
            dinas=dinas,
            kabupaten=kabupaten,
            filled=filled,
            dibuat=dibuat,
        )
        for bidang in bidang_list(indicators, anggaran)
    }


def zip_formats(files: dict[str, bytes]) -> bytes:
    """All workbooks in one zip (for "Unduh semua")."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
