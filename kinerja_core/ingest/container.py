"""What kind of file the bytes are, and whether it is safe to open.

Everything here looks at the bytes *before* a spreadsheet library touches them: the magic
number, the zip central directory (sizes, ratios, entry count — no decompression), the
XML prolog of each part (no DTD / entity declarations), and each sheet's declared
``<dimension>`` (a sheet claiming ``A1:XFD1048576`` makes calamine abort the process).
Only bounded, streamed reads; no pandas.
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
MAX_SHEET_CELLS = 2_500_000
_PROLOG_SCAN = 1024 * 1024

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
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")


def _prolog(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, scan: int, until: bytes = b""
) -> bytes:
    """The part's first bytes up to its root element (or ``until``), bounded and streamed."""
    chunks = b""
    size = 4096
    with archive.open(info) as stream:
        while len(chunks) < scan:
            chunk = stream.read(size)
            size = 64 * 1024
            if not chunk:
                break
            chunks += chunk
            if _ROOT_START.search(chunks) and (not until or until in chunks):
                break
    return chunks


def _check_parts(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], kind: str
) -> Refusal | None:
    unsafe = Refusal(
        "Berkas berisi deklarasi XML (DTD/ENTITY) yang tidak pernah ada di berkas Excel "
        "biasa — berkas tidak dibuka demi keamanan.",
        "Buka di Excel, salin tabel ke berkas baru, simpan sebagai .xlsx, lalu unggah lagi.",
    )
    try:
        for info in infos:
            name = info.filename
            if not name.endswith((".xml", ".rels")) or info.is_dir():
                continue
            if name.startswith(_NEVER_PARSED):
                continue  # document properties, themes, media: no reader ever parses them
            is_sheet = kind in ("xlsx", "xlsm") and name.startswith("xl/worksheets/")
            head = _prolog(archive, info, _PROLOG_SCAN, b"<sheetData" if is_sheet else b"")
            match = _ROOT_START.search(head)
            before_root = head[: match.start()] if match else head
            if _DOCTYPE.search(before_root):
                return unsafe
            if name in ("xl/workbook.xml", "[Content_Types].xml") and info.file_size < 2 << 20:
                safe_fromstring(archive.read(info))
            if is_sheet:
                refusal = _check_dimension(head, name)
                if refusal:
                    return refusal
    except DefusedXmlException:
        return unsafe
    except Exception:  # a broken part (bad CRC, truncated stream, malformed XML)
        return _not_excel(kind)
    return None


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
