"""What kind of file the bytes are, and whether it is safe to open.

Everything here looks at the bytes *before* a spreadsheet library touches them: the magic
number, the zip central directory (sizes, ratios, entry count — no decompression), then
every XML part read as a stream in fixed-size chunks: no DTD / entity declaration anywhere
in it, no text run longer than one Excel cell can hold (a 40 MB cell in a 6.7 MB file),
not more cells than a performance table could have, and each sheet's declared
``<dimension>`` (a sheet claiming ``A1:XFD1048576`` makes calamine abort the process).
Memory stays bounded by the chunk size whatever the part's size; no pandas.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

# Limits. A bidang's sheet is tens of kilobytes; these leave a wide margin.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_TOTAL = 150 * 1024 * 1024  # declared uncompressed bytes, all parts
MAX_ZIP_PART = 100 * 1024 * 1024  # declared uncompressed bytes, one part
MAX_ZIP_RATIO = 200  # uncompressed / compressed, for parts above 1 MB
MAX_SHEET_ROWS = 50_000
MAX_SHEET_CELLS = 2_500_000  # one sheet, declared or counted
MAX_TOTAL_CELLS = 5_000_000  # every sheet of the workbook, counted
MAX_CELL_CHARS = 32_767  # what Excel itself lets one cell hold
# A cell's text in the XML: at most 4 bytes per character in UTF-8, 6 for an escaped "&quot;".
MAX_TEXT_RUN_BYTES = MAX_CELL_CHARS * 6
_PROLOG_SCAN = 1024 * 1024
_CHUNK = 64 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"


@dataclass
class Refusal:
    """Why a file cannot be opened: Indonesian message and fix."""

    message: str
    fix: str
    sheet: str = ""


@dataclass
class Container:
    kind: str  # xlsx | xlsm | xlsb | ods | xls | csv | ...
    refusal: Refusal | None = None
    notes: list[Refusal] = field(default_factory=list)  # warnings (e.g. macros ignored)
    encoding: str = ""  # csv only
    renamed_text: bool = False  # text content under a spreadsheet name (.xlsx …)


def _ribuan(number: int) -> str:
    """12345 → '12.345' (Indonesian thousands separator)."""
    return f"{number:,}".replace(",", ".")


def _ext(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""


def sniff(content: bytes, filename: str) -> Container:
    """Decide what the bytes are and refuse what must not be opened."""
    ext = _ext(filename)
    if not content:
        return Container(
            "kosong",
            Refusal("Berkas kosong (0 byte).", "Unggah ulang berkasnya; pastikan tersimpan."),
        )
    if len(content) > MAX_UPLOAD_BYTES:
        size_mb = len(content) / 1024 / 1024
        return Container(
            "besar",
            Refusal(
                f"Berkas terlalu besar ({size_mb:.0f} MB; batas 20 MB).",
                "Hapus sheet/gambar yang tidak perlu, sisakan tabel kinerja saja.",
            ),
        )
    if content.startswith(ZIP_MAGIC):
        return _sniff_zip(content, ext)
    if content.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in content:
            return Container(
                "terkunci",
                Refusal(
                    "Berkas terkunci kata sandi (terenkripsi), jadi isinya tidak bisa dibaca.",
                    "Buka di Excel, hapus kata sandi (File → Info → Protect Workbook → "
                    "Encrypt with Password, kosongkan), simpan ulang tanpa kata sandi, "
                    "lalu unggah lagi.",
                ),
            )
        return Container("xls")
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return Container(
            "pdf",
            Refusal(
                "Berkas ini PDF, bukan Excel/CSV; angka di PDF tidak bisa dibaca otomatis.",
                "Kirim berkas Excel (.xlsx) aslinya.",
            ),
        )
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<html" in head:
        return Container(
            "html",
            Refusal(
                "Berkas ini halaman web (HTML) yang diberi nama Excel, bukan berkas Excel asli.",
                "Buka berkas di Excel, lalu Simpan Sebagai → Excel Workbook (.xlsx), "
                "dan unggah berkas .xlsx itu.",
            ),
        )
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        return Container(
            "xml",
            Refusal(
                "Berkas ini XML, bukan berkas Excel (.xlsx) atau CSV.",
                "Buka di Excel lalu Simpan Sebagai → Excel Workbook (.xlsx).",
            ),
        )
    if b"\x00" in content[:4096]:
        return Container(
            "biner",
            Refusal(
                "Berkas ini bukan Excel atau CSV yang dikenali (isinya data biner lain).",
                "Simpan tabel kinerja sebagai .xlsx atau .csv, lalu unggah lagi.",
            ),
        )
    return _sniff_text(content, ext)


def _sniff_text(content: bytes, ext: str) -> Container:
    if content.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            content.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    container = Container("csv", encoding=encoding)
    if ext in ("xlsx", "xlsm", "xls", "xlsb", "ods"):
        container.renamed_text = True
        container.notes.append(
            Refusal(
                f"Berkas bernama .{ext} tetapi isinya teks biasa (CSV), bukan Excel; "
                "dibaca sebagai CSV.",
                "Sebaiknya simpan dari Excel sebagai .xlsx agar nama dan isi cocok.",
            )
        )
    return container


def _not_excel(ext: str) -> Refusal:
    return Refusal(
        f"Berkas ini bukan berkas Excel yang sah (.{ext or '?'}) — isinya rusak atau "
        "terpotong, atau bukan spreadsheet.",
        "Buka berkas di Excel untuk memastikan bisa dibuka, simpan ulang sebagai .xlsx, "
        "lalu unggah lagi. Jika unggahan terputus, ulangi unggahan.",
    )


def _sniff_zip(content: bytes, ext: str) -> Container:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return Container("rusak", _not_excel(ext))
    names = {info.filename for info in infos}
    if len(infos) > MAX_ZIP_ENTRIES:
        return Container(
            "bom",
            Refusal(
                f"Berkas berisi {len(infos)} bagian di dalamnya — tidak wajar untuk tabel "
                "kinerja, jadi tidak dibuka demi keamanan.",
                "Salin tabel kinerja ke berkas Excel baru dan unggah berkas itu.",
            ),
        )
    refusal = _check_sizes(infos)
    if refusal:
        return Container("bom", refusal)
    if any(info.flag_bits & 0x1 for info in infos):
        return Container(
            "terkunci",
            Refusal(
                "Berkas terkunci kata sandi, jadi isinya tidak bisa dibaca.",
                "Simpan ulang tanpa kata sandi, lalu unggah lagi.",
            ),
        )
    if "xl/workbook.xml" in names:
        kind = "xlsm" if "xl/vbaProject.bin" in names or ext == "xlsm" else "xlsx"
    elif "xl/workbook.bin" in names:
        kind = "xlsb"
    elif "content.xml" in names and "mimetype" in names:
        kind = "ods"
    elif "word/document.xml" in names:
        return Container(
            "docx",
            Refusal(
                "Berkas ini dokumen Word, bukan Excel.",
                "Salin tabel ke Excel dan simpan sebagai .xlsx, atau pakai format "
                "pengumpulan yang dibagikan.",
            ),
        )
    else:
        return Container("rusak", _not_excel(ext))
    refusal = _check_parts(archive, infos, kind)
    container = Container(kind, refusal)
    if kind == "xlsm" or "xl/vbaProject.bin" in names:
        container.notes.append(
            Refusal(
                "Berkas berisi makro (VBA). Makro tidak dijalankan dan diabaikan; hanya "
                "isi sel yang dibaca.",
                "Tidak perlu tindakan; lain kali simpan sebagai .xlsx biasa.",
            )
        )
    return container


def _check_sizes(infos: list[zipfile.ZipInfo]) -> Refusal | None:
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        too_big = info.file_size > MAX_ZIP_PART
        too_packed = info.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO
        if too_big or too_packed:
            return Refusal(
                f"Bagian '{info.filename}' di dalam berkas mengembang menjadi "
                f"{_ribuan(info.file_size // 2**20)} MB saat dibuka (dari "
                f"{_ribuan(info.compress_size // 1024)} KB) — tidak wajar untuk tabel kinerja, "
                "jadi berkas tidak dibuka demi keamanan (kemungkinan 'zip bomb').",
                "Salin tabel kinerja saja ke berkas Excel baru, simpan, lalu unggah lagi.",
            )
    if total > MAX_ZIP_TOTAL:
        return Refusal(
            f"Isi berkas mengembang menjadi {_ribuan(total // 2**20)} MB saat dibuka — "
            "terlalu besar untuk tabel kinerja.",
            "Salin tabel kinerja saja ke berkas Excel baru, simpan, lalu unggah lagi.",
        )
    return None


_NEVER_PARSED = ("docProps/", "xl/theme/", "xl/media/", "xl/printerSettings/", "customXml/")
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DOCTYPE_OVERLAP = 64  # a declaration split across two chunks is still seen
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")


@dataclass
class _PartScan:
    """What one streamed pass over an XML part found."""

    head: bytes = b""  # the first bytes, up to <sheetData> (for the dimension), bounded
    declares_dtd: bool = False
    longest_text: int = 0  # longest run of bytes without a "<": one cell's text at most
    cells: int = 0  # "<c " / "<c>" elements (worksheets)


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, is_sheet: bool, holds_cells: bool
) -> _PartScan:
    """Read the whole part once, in chunks; keep only counters and a bounded head.

    Stops early at a DTD, or at a text run too long for a cell in a part that holds cells.
    """
    scan = _PartScan()
    head = bytearray()
    tail = b""
    run = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            if is_sheet and len(head) < _PROLOG_SCAN and b"<sheetData" not in head:
                head += chunk[: _PROLOG_SCAN - len(head)]
            window = tail + chunk
            if _DOCTYPE.search(window):
                scan.declares_dtd = True
                break
            tail = window[-_DOCTYPE_OVERLAP:]
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
            else:
                scan.longest_text = max(scan.longest_text, run + first)
                run = len(chunk) - chunk.rfind(b"<") - 1
            if holds_cells:
                scan.cells += window.count(b"<c ") + window.count(b"<c>")
                scan.cells -= tail.count(b"<c ") + tail.count(b"<c>")
            if holds_cells and max(scan.longest_text, run) > MAX_TEXT_RUN_BYTES:
                break
        else:
            if holds_cells:  # the last chunk's tail was held back for the next window
                scan.cells += tail.count(b"<c ") + tail.count(b"<c>")
    scan.longest_text = max(scan.longest_text, run)
    scan.head = bytes(head)
    return scan


def _holds_cells(name: str, kind: str) -> bool:
    if kind == "ods":
        return name == "content.xml"
    return name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"


def _check_parts(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], kind: str
) -> Refusal | None:
    unsafe = Refusal(
        "Berkas berisi deklarasi XML (DTD/ENTITY) yang tidak pernah ada di berkas Excel "
        "biasa — berkas tidak dibuka demi keamanan.",
        "Buka di Excel, salin tabel ke berkas baru, simpan sebagai .xlsx, lalu unggah lagi.",
    )
    total_cells = 0
    try:
        for info in infos:
            name = info.filename
            if not name.endswith((".xml", ".rels")) or info.is_dir():
                continue
            if name.startswith(_NEVER_PARSED):
                continue  # document properties, themes, media: no reader ever parses them
            is_sheet = kind in ("xlsx", "xlsm") and name.startswith("xl/worksheets/")
            holds_cells = _holds_cells(name, kind)
            scan = _scan_part(archive, info, is_sheet=is_sheet, holds_cells=holds_cells)
            if scan.declares_dtd:
                return unsafe
            if holds_cells and scan.longest_text > MAX_TEXT_RUN_BYTES:
                return _cell_too_long(name, info)
            if name in ("xl/workbook.xml", "[Content_Types].xml") and info.file_size < 2 << 20:
                safe_fromstring(archive.read(info))
            if is_sheet:
                refusal = _check_dimension(scan.head, name)
                if refusal:
                    return refusal
            if scan.cells > MAX_SHEET_CELLS:
                where = f"sheet ini ({_sheet_label(name)})"
                return _too_many_cells(where, scan.cells, MAX_SHEET_CELLS)
            total_cells += scan.cells
            if total_cells > MAX_TOTAL_CELLS:
                return _too_many_cells("seluruh berkas", total_cells, MAX_TOTAL_CELLS)
    except DefusedXmlException:
        return unsafe
    except Exception:  # a broken part (bad CRC, truncated stream, malformed XML)
        return _not_excel(kind)
    return None


def _sheet_label(part: str) -> str:
    return part.rsplit("/", 1)[-1]


def _size_text(size: int) -> str:
    if size >= 2**20:
        return f"±{_ribuan(round(size / 2**20))} MB"
    return f"±{_ribuan(max(1, size // 1024))} KB"


def cell_too_long(where: str, size: int | None = None) -> Refusal:
    """A cell holding more text than Excel allows in one cell (``size`` in bytes if known)."""
    measured = f" (bagian itu {_size_text(size)} saat dibuka)" if size else ""
    return Refusal(
        f"Satu sel di {where} berisi teks lebih panjang dari batas satu sel Excel, "
        f"{_ribuan(MAX_CELL_CHARS)} karakter{measured}, jadi berkas tidak dibuka demi keamanan.",
        "Cari sel yang berisi teks sangat panjang (mis. hasil tempel yang tidak sengaja), "
        "kosongkan atau perpendek, simpan, lalu unggah lagi. Uraian dan faktor cukup "
        "beberapa kalimat.",
    )


def _cell_too_long(part: str, info: zipfile.ZipInfo) -> Refusal:
    where = "daftar teks (sharedStrings)" if "sharedStrings" in part else _sheet_label(part)
    return cell_too_long(where, info.file_size)


def _too_many_cells(where: str, cells: int, limit: int) -> Refusal:
    return Refusal(
        f"Ada {_ribuan(cells)} sel terisi di {where} — lebih dari batas {_ribuan(limit)} sel "
        "untuk tabel kinerja, jadi berkas tidak dibuka demi keamanan.",
        "Salin hanya tabel kinerja (baris dan kolom yang terisi) ke berkas Excel baru, "
        "simpan, lalu unggah lagi.",
    )


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ord(ch) - 64)
    return number


def _check_dimension(head: bytes, part: str) -> Refusal | None:
    match = _DIMENSION.search(head)
    if not match:
        return None
    first_col, first_row, last_col, last_row = match.groups()
    if not last_col:
        return None
    rows = int(last_row) - int(first_row or 1) + 1
    cols = _column_number(last_col.decode()) - _column_number((first_col or b"A").decode()) + 1
    ref = match.group(0).split(b'"')[1].decode()
    if rows > MAX_SHEET_ROWS or rows * cols > MAX_SHEET_CELLS:
        return Refusal(
            f"Sheet ({part.rsplit('/', 1)[-1]}) menyatakan ukuran {ref} "
            f"({_ribuan(cols)} kolom × {_ribuan(rows)} baris) — terlalu besar untuk tabel "
            "kinerja dan tidak dibuka demi keamanan.",
            "Salin hanya tabel kinerja (baris dan kolom yang terisi) ke berkas Excel baru, "
            "simpan, lalu unggah lagi.",
        )
    return None
