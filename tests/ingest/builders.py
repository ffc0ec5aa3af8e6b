"""Workbook builders for the ingest tests: real-shaped and hostile files, made in code.

Nothing here is a binary blob: every file is written by xlsxwriter / openpyxl or assembled
part by part (zip members, a minimal OLE2 container) so a reader can see what it holds.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment

XLSX_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


@dataclass(frozen=True)
class Fmt:
    """A number written with an Excel number format, e.g. ``Fmt(0.9, "0%")`` shows 90%."""

    value: float
    num_format: str


# --- plain workbooks ----------------------------------------------------------------------
def write_xlsx(
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    merges: dict[str, Iterable[tuple[int, int, int, int, object]]] | None = None,
    hidden: Iterable[str] = (),
    very_hidden: Iterable[str] = (),
) -> bytes:
    """One xlsx; rows are lists of values (None = empty). Merges: (r0, c0, r1, c1, value)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    hidden, very_hidden = set(hidden), set(very_hidden)
    formats: dict[str, object] = {}
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, Fmt):
                    if value.num_format not in formats:
                        formats[value.num_format] = book.add_format(
                            {"num_format": value.num_format}
                        )
                    sheet.write_number(r, c, value.value, formats[value.num_format])
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write(r, c, value)
        for r0, c0, r1, c1, value in (merges or {}).get(name, []):
            sheet.merge_range(r0, c0, r1, c1, value)
        if name in hidden:
            sheet.hide()
        if name in very_hidden:
            sheet.very_hidden()
    book.close()
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[object]], *, delimiter: str = ";", encoding: str = "cp1252"
) -> bytes:
    lines = [delimiter.join("" if v is None else str(v) for v in row) for row in rows]
    data = "\r\n".join(lines) + "\r\n"
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + data.encode("utf-8")
    return data.encode(encoding)


# --- our collection format, filled like a person would -------------------------------------
def fill_format(
    content: bytes,
    realisasi: dict[str, Sequence[object]],
    anggaran: dict[str, Sequence[object]] | None = None,
    **extra,
) -> bytes:
    """Open a generated format with openpyxl and type realisasi in, as a person would.

    ``realisasi`` maps indikator name → values for TW I..IV (numbers, or text for
    qualitative rows); ``anggaran`` maps kode → realisasi anggaran TW I..IV. ``extra`` maps a
    header title ("Faktor Pendorong", ...) → {indikator: text}. The hidden ``_meta`` sheet
    and every other cell stay as generated.
    """
    book = openpyxl.load_workbook(io.BytesIO(content))
    if anggaran:
        budget = book["Anggaran"]
        for r in range(1, budget.max_row + 1):
            kode = budget.cell(r, 2).value
            if kode in anggaran:
                for k, value in enumerate(anggaran[kode]):
                    budget.cell(r, 5 + k).value = value
    sheet = book["Kinerja"]
    header_row = next(
        r for r in range(1, 20) if sheet.cell(r, 1).value == "No" and sheet.cell(r, 2).value
    )
    titles = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    tw_cols = [titles[f"Realisasi TW {roman}"] for roman in ("I", "II", "III", "IV")]
    for r in range(header_row + 1, sheet.max_row + 1):
        indikator = sheet.cell(r, titles["Indikator"]).value
        if indikator in realisasi:
            for col, value in zip(tw_cols, realisasi[indikator], strict=False):
                sheet.cell(r, col).value = value
        for title, texts in extra.items():
            if indikator in texts:
                sheet.cell(r, titles[title]).value = texts[indikator]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the official E.81 form (Permendagri 86/2017) --------------------------------------------
E81_PAIRS = [
    "Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra PD)",
    "Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu (2023)",
    "Target Kinerja dan Anggaran Renja PD Tahun Berjalan (2024) yang Dievaluasi",
]
E81_COMPUTED = [
    "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi",
    "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang Dievaluasi (%)",
    "Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun 2024 (Akhir Tahun Pelaksanaan Renja PD)",
    "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun 2024 (%)",
]


def e81_workbook(
    rows: Sequence[dict],
    *,
    tahun: int = 2024,
    include_computed: bool = True,
    bidang_title: str = "",
) -> bytes:
    """An E.81 evaluation sheet with merged three-row headers and K / Rp column pairs.

    Each row dict: uraian (with its kode in front), indikator, sasaran, renstra (K),
    renstra_rp, renstra_lalu (K), renstra_lalu_rp, target (K, e.g. "12 Dokumen"), pagu,
    k (4 TW values), rp (4 TW values), unit. A row without "indikator" is a program/kegiatan line.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "E.81"
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    titles = [
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN LUWU TIMUR",
        "Renja Perangkat Daerah Dinas Komunikasi, Informatika, Statistik dan Persandian",
        f"Periode Pelaksanaan: Triwulan I s/d IV Tahun {tahun}",
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD: ...",
    ]
    if bidang_title:
        titles.append(bidang_title)
    for i, text in enumerate(titles, start=1):
        sheet.cell(i, 1, text)
    h = len(titles) + 2  # first header row (1-based)

    col = 1

    def single(title: str) -> None:
        nonlocal col
        sheet.cell(h, col, title).alignment = center
        sheet.merge_cells(start_row=h, start_column=col, end_row=h + 2, end_column=col)
        col += 1

    def pair(title: str) -> None:
        nonlocal col
        sheet.cell(h, col, title).alignment = center
        sheet.merge_cells(start_row=h, start_column=col, end_row=h + 1, end_column=col + 1)
        sheet.cell(h + 2, col, "K")
        sheet.cell(h + 2, col + 1, "Rp")
        col += 2

    for title in ("No", "Sasaran", "Program / Kegiatan / Sub Kegiatan"):
        single(title)
    single("Indikator Kinerja Program (outcome) / Kegiatan (output)")
    for title in E81_PAIRS:
        pair(title)
    sheet.cell(h, col, "Realisasi Kinerja Pada Triwulan").alignment = center
    sheet.merge_cells(start_row=h, start_column=col, end_row=h, end_column=col + 7)
    for roman in ("I", "II", "III", "IV"):
        sheet.cell(h + 1, col, roman).alignment = center
        sheet.merge_cells(start_row=h + 1, start_column=col, end_row=h + 1, end_column=col + 1)
        sheet.cell(h + 2, col, "K")
        sheet.cell(h + 2, col + 1, "Rp")
        col += 2
    if include_computed:
        for title in E81_COMPUTED:
            pair(title)
    single("Unit Perangkat Daerah Penanggung Jawab")
    single("Keterangan")
    last_col = col - 1

    # Numbering row: 1 … 16, each pair merged.
    numbering_row = h + 3
    number, c = 1, 1
    while c <= last_col:
        sheet.cell(numbering_row, c, number)
        header_k = sheet.cell(h + 2, c).value
        if header_k == "K":
            sheet.merge_cells(
                start_row=numbering_row, start_column=c, end_row=numbering_row, end_column=c + 1
            )
            c += 2
        else:
            c += 1
        number += 1
        if not include_computed and number == 12:
            number = 16

    r = numbering_row + 1
    for i, row in enumerate(rows, start=1):
        values: list[object] = [
            i if row.get("indikator") else None,
            row.get("sasaran"),
            row.get("uraian"),
            row.get("indikator"),
            row.get("renstra"),
            row.get("renstra_rp"),
            row.get("renstra_lalu"),
            row.get("renstra_lalu_rp"),
            row.get("target"),
            row.get("pagu"),
        ]
        for k, rp in zip(row.get("k", [None] * 4), row.get("rp", [None] * 4), strict=True):
            values += [k, rp]
        if include_computed:
            values += ["=999", "=999", "88,8", "99,9", 1, 2, 3, 4]  # never trusted
        values += [row.get("unit"), row.get("keterangan")]
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(r, c, value)
        r += 1
    footer = [
        "Rata-rata capaian kinerja (%)",
        "Predikat kinerja",
        "Faktor pendorong keberhasilan pencapaian: koordinasi yang baik",
        "Faktor penghambat pencapaian kinerja: anggaran terbatas",
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya: percepatan",
        "Tindak lanjut yang diperlukan dalam Renja PD berikutnya: penyesuaian target",
    ]
    for text in footer:
        sheet.cell(r, 1, text)
        sheet.cell(r, 13, 87.5)  # a number in a realisasi K column
        r += 1
    r += 1
    signature = [
        ("Disusun", "Dievaluasi"),
        ("Malili, 10 Januari 2025", "Malili, 15 Januari 2025"),
        ("KEPALA DINAS KOMINFO-SP", "KEPALA BAPPEDA"),
        ("Dr. Andi Rahman, S.Kom., M.Si", "Ir. Sitti Aminah, M.T"),
        ("Pembina Utama Muda", "Pembina Utama Madya"),
        ("NIP. 19700101 199003 1 005", "NIP. 19680202 199203 2 001"),
    ]
    for left, right in signature:
        sheet.cell(r, 3, left)
        sheet.cell(r, 13, right)  # lands in a realisasi column
        r += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- zip-level and container-level hostile files -------------------------------------------
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Kinerja" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
HEADER_CELLS = ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"]


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row_xml() -> str:
    cells = "".join(_inline(f"{chr(65 + i)}1", t) for i, t in enumerate(HEADER_CELLS))
    return f'<row r="1">{cells}</row>'


def raw_xlsx(
    sheet_xml: str | bytes,
    *,
    shared_strings: str | bytes | None = None,
    extra_parts: dict[str, bytes] | None = None,
    compresslevel: int | None = None,
) -> bytes:
    """An xlsx assembled part by part around a given worksheet XML."""
    sst = shared_strings or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" '
        'uniqueCount="0"/>'
    )
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/sharedStrings.xml": sst,
        **(extra_parts or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()


def good_sheet_xml(dimension: str | None = "A1:E2", extra_rows: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    data = (
        '<row r="2">'
        + _inline("A2", "2.16.03.2.02.0005")
        + _inline("B2", "Jumlah Aplikasi yang Dikembangkan")
        + _inline("C2", "Aplikasi")
        + '<c r="D2"><v>24</v></c><c r="E2"><v>7</v></c></row>'
    )
    return (
        f"{SHEET_HEAD}{dim}<sheetData>{header_row_xml()}{data}{extra_rows}</sheetData></worksheet>"
    )


def dimension_bomb(*, honest: bool = True) -> bytes:
    """A sheet whose extent is A1:XFD1048576 (a cell really sits at XFD1048576).

    honest=True declares it in <dimension> (caught before any parser runs); honest=False
    declares A1:E2 and lets the far cell surprise the parser (python-calamine then aborts
    the process — only the worker may die).
    """
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return raw_xlsx(good_sheet_xml("A1:XFD1048576" if honest else "A1:E2", far))


def many_rows(n: int = 300_000, *, declare: bool = True) -> bytes:
    """A sheet with ``n`` data rows (numbers only, so it stays small when zipped)."""
    rows = "".join(f'<row r="{i}"><c r="D{i}"><v>{i}</v></c></row>' for i in range(3, n + 3))
    return raw_xlsx(good_sheet_xml(f"A1:E{n + 2}" if declare else "A1:E2", rows))


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def entity_in_shared_strings() -> bytes:
    sst = (
        BILLION_LAUGHS
        + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    return raw_xlsx(good_sheet_xml(), shared_strings=sst)


def entity_in_sheet() -> bytes:
    sheet = good_sheet_xml().replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', BILLION_LAUGHS
    )
    sheet = sheet.replace("Jumlah Aplikasi yang Dikembangkan", "&lol9;")
    return raw_xlsx(sheet)


def external_entity_in_workbook() -> bytes:
    """XXE: an external entity pointing at a local file, in xl/workbook.xml."""
    workbook = WORKBOOK.replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
    ).replace('name="Kinerja"', 'name="&x;"')
    return raw_xlsx(good_sheet_xml(), extra_parts={"xl/workbook.xml": workbook.encode()})


def zip_bomb(size_mb: int = 300) -> bytes:
    """A worksheet part of ``size_mb`` MB of spaces (a few hundred KB zipped)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ):
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(SHEET_HEAD.encode())
            chunk = b" " * (1 << 20)
            for _ in range(size_mb):
                part.write(chunk)
            part.write(b"<sheetData/></worksheet>")
    return buffer.getvalue()


def many_entries(n: int = 5000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        for i in range(n):
            archive.writestr(f"xl/media/x{i}.bin", b"")
    return buffer.getvalue()


def xlsm_with_macro() -> bytes:
    """A readable xlsx that also carries a (dummy) VBA project part, named .xlsm."""
    base = write_xlsx(
        {
            "Kinerja": [
                ["BIDANG STATISTIK — TAHUN ANGGARAN 2024"],
                [],
                ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
                ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata", "Dokumen", 50, 17],
            ]
        }
    )
    source = zipfile.ZipFile(io.BytesIO(base))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
        archive.writestr("xl/vbaProject.bin", b'Attribute VB_Name = "Module1"\x00' * 20)
    return buffer.getvalue()


def truncated(content: bytes, keep: float = 0.6) -> bytes:
    return content[: int(len(content) * keep)]


# --- a minimal OLE2 (Compound File) container, as an encrypted xlsx is stored -----------------
_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _dir_entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int):
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", left, right, child)
        + b"\x00" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\x00" * 16  # creation / modified time
        + struct.pack("<IQ", start, size)
    )


def ole2_encrypted_package(payload_size: int = 8192) -> bytes:
    """CFB v3 with the two streams Office writes for a password-protected xlsx."""
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\x00" * (4096 - 8)  # EncryptionInfo
    package = struct.pack("<Q", payload_size) + bytes(range(256)) * (payload_size // 256)
    sectors_info = (len(info) + 511) // 512
    sectors_pkg = (len(package) + 511) // 512
    fat = [_FAT, _END]
    start_info = 2
    fat += [start_info + i + 1 for i in range(sectors_info - 1)] + [_END]
    start_pkg = start_info + sectors_info
    fat += [start_pkg + i + 1 for i in range(sectors_pkg - 1)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIII", 0, 1, 1, 0)  # dir sectors, FAT sectors, first dir sector, txn
        + struct.pack("<IIIII", 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    assert len(header) == 512
    directory = (
        _dir_entry("Root Entry", 5, _FREE, _FREE, 1, _END, 0)
        + _dir_entry("EncryptionInfo", 2, _FREE, 2, _FREE, start_info, len(info))
        + _dir_entry("EncryptedPackage", 2, _FREE, _FREE, _FREE, start_pkg, len(package))
        + _dir_entry("", 0, _FREE, _FREE, _FREE, 0, 0)
    )
    fat_sector = struct.pack("<128I", *fat)
    body = info.ljust(sectors_info * 512, b"\x00") + package.ljust(sectors_pkg * 512, b"\x00")
    return header + fat_sector + directory + body
