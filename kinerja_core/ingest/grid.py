"""Raw cell grids from a workbook (python-calamine) or a CSV (stdlib csv).

A ``Grid`` is one sheet: its rows as Python values, where its first row / column sit in the
sheet (so problems name the row Excel shows), its merged ranges, and whether it is hidden.

Numbers are what the cell *shows*: Excel stores a cell typed as ``90%`` as 0.9 with a
percent number format, and python-calamine hands back 0.9; ``percent_cells`` finds those
cells from the workbook's styles (xlsx / xlsm: ``xl/styles.xml`` and the sheets' ``s``
attributes; ods: ``office:value-type="percentage"``; xls: the cells' XF formats through
xlrd) so the grid holds 90. (xlsb keeps the stored number.)
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import cast

from defusedxml.ElementTree import fromstring as safe_fromstring
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from kinerja_core.ingest.container import MAX_SHEET_ROWS


@dataclass
class Grid:
    name: str
    rows: list[list[object]]
    row0: int = 0  # 0-based sheet row of rows[0]
    col0: int = 0  # 0-based sheet column of rows[i][0]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False
    truncated: bool = False  # more rows than MAX_SHEET_ROWS

    def excel_row(self, index: int) -> int:
        return self.row0 + index + 1

    def column_letter(self, index: int) -> str:
        return column_letter(self.col0 + index)


def column_letter(index: int) -> str:
    """0 → 'A', 27 → 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_workbook(content: bytes) -> list[Grid]:
    """Every worksheet of an xlsx / xlsm / xlsb / xls / ods, hidden ones flagged; numbers in
    percent-formatted cells as shown (0.9 formatted as 90% → 90)."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    grids = []
    try:
        for meta in book.sheets_metadata:
            if meta.typ not in (SheetTypeEnum.WorkSheet,):
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=True, nrows=MAX_SHEET_ROWS + 1)
            start = sheet.start or (0, 0)
            truncated = len(rows) > MAX_SHEET_ROWS
            grids.append(
                Grid(
                    name=meta.name,
                    rows=cast(list[list[object]], rows[:MAX_SHEET_ROWS]),
                    row0=start[0],
                    col0=start[1],
                    merged=list(sheet.merged_cell_ranges or []),
                    hidden=meta.visible != SheetVisibleEnum.Visible,
                    truncated=truncated,
                )
            )
    finally:
        book.close()
    try:
        percent = percent_cells(content)
    except Exception:  # a style part we cannot read: numbers stay as stored
        percent = {}
    for grid in grids:
        _scale_percent(grid, percent.get(grid.name, ()))
    return grids


def _scale_percent(grid: Grid, cells) -> None:
    for row, col in cells:
        r, c = row - grid.row0, col - grid.col0
        if 0 <= r < len(grid.rows) and 0 <= c < len(grid.rows[r]):
            value = grid.rows[r][c]
            if type(value) is float or type(value) is int:
                grid.rows[r][c] = round(value * 100, 10)


# --- percent-formatted cells ---------------------------------------------------------------
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_PERCENT = {9, 10}
_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)/?>")
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _is_percent_code(code: str) -> bool:
    """A number format code that shows a percent ('0%', '0.00%', '#,##0.0%;[Red]-0%')."""
    return "%" in _QUOTED.sub("", code)


def percent_cells(content: bytes) -> dict[str, list[tuple[int, int]]]:
    """Per sheet name, the 0-based (row, column) of number cells shown as a percent."""
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        return _xls_percent_cells(content)
    if not content.startswith(b"PK"):
        return {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        if "xl/styles.xml" in names and "xl/workbook.xml" in names:
            return _xlsx_percent_cells(archive)
        if "content.xml" in names:
            return _ods_percent_cells(archive.read("content.xml"))
    return {}


def _xlsx_percent_cells(archive: zipfile.ZipFile) -> dict[str, list[tuple[int, int]]]:
    styles = safe_fromstring(archive.read("xl/styles.xml"))
    custom = {}
    for fmt in styles.iter(f"{_MAIN}numFmt"):
        custom[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
    percent_ids = _BUILTIN_PERCENT | {i for i, code in custom.items() if _is_percent_code(code)}
    xfs = styles.find(f"{_MAIN}cellXfs")
    percent_xf = {
        str(index).encode()
        for index, xf in enumerate(xfs if xfs is not None else [])
        if int(xf.get("numFmtId", "0")) in percent_ids
    }
    if not percent_xf:
        return {}
    workbook = safe_fromstring(archive.read("xl/workbook.xml"))
    rels = safe_fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    found: dict[str, list[tuple[int, int]]] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if path not in archive.namelist():
            continue
        cells = []
        for match in _CELL.finditer(archive.read(path)):
            attrs = match.group(1)
            style = _STYLE.search(attrs)
            if not style or style.group(1) not in percent_xf:
                continue
            ref = _REF.search(attrs)
            if ref:
                cells.append((int(ref.group(2)) - 1, _column_index(ref.group(1).decode())))
        if cells:
            found[sheet.get("name", "")] = cells
    return found


def _xls_percent_cells(content: bytes) -> dict[str, list[tuple[int, int]]]:
    import xlrd  # only for .xls, whose number formats python-calamine does not expose

    book = xlrd.open_workbook(file_contents=content, formatting_info=True, on_demand=True)
    try:
        percent_xf = {
            index
            for index, xf in enumerate(book.xf_list)
            if xf.format_key in _BUILTIN_PERCENT
            or _is_percent_code(getattr(book.format_map.get(xf.format_key), "format_str", ""))
        }
        found: dict[str, list[tuple[int, int]]] = {}
        if not percent_xf:
            return found
        for index in range(book.nsheets):
            sheet = book.get_sheet(index)
            cells = [
                (r, c)
                for r in range(sheet.nrows)
                for c, kind in enumerate(sheet.row_types(r))
                if kind == xlrd.XL_CELL_NUMBER and sheet.cell_xf_index(r, c) in percent_xf
            ]
            if cells:
                found[sheet.name] = cells
            book.unload_sheet(index)
        return found
    finally:
        book.release_resources()


def _column_index(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ord(ch) - 64)
    return number - 1


_ODS_TOKEN = re.compile(
    rb"<table:table\s[^>]*?table:name=\"([^\"]*)\"|<table:table-row\b([^>]*?)(/?)>"
    rb"|<table:(?:covered-)?table-cell\b([^>]*?)(/?)>"
)
_ODS_REPEAT_ROW = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_REPEAT_COL = re.compile(rb'table:number-columns-repeated="(\d+)"')
_ODS_PERCENT = re.compile(rb'office:value-type="percentage"')


def _ods_percent_cells(xml: bytes) -> dict[str, list[tuple[int, int]]]:
    """Percentage cells of an OpenDocument spreadsheet, by walking rows and (repeated) cells."""
    if b'"percentage"' not in xml:
        return {}
    found: dict[str, list[tuple[int, int]]] = {}
    name, row, col, carry = "", -1, 0, 0
    for match in _ODS_TOKEN.finditer(xml):
        if match.group(1) is not None:
            name, row, col, carry = match.group(1).decode("utf-8", "replace"), -1, 0, 0
        elif match.group(2) is not None:
            row += 1 + carry  # a repeated row stands for several: the next one starts after
            repeat = _ODS_REPEAT_ROW.search(match.group(2))
            carry = int(repeat.group(1)) - 1 if repeat else 0
            col = 0
        else:
            attrs = match.group(4)
            repeat = _ODS_REPEAT_COL.search(attrs)
            count = int(repeat.group(1)) if repeat else 1
            if _ODS_PERCENT.search(attrs):
                cells = found.setdefault(name, [])
                cells.extend((row, col + k) for k in range(min(count, 1024)))
            col += count
    return found


def sniff_delimiter(text: str) -> str:
    """';' or ',' (or tab / '|'): the one that splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ";", -1
    for delimiter in (";", ",", "\t", "|"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = counts.count(common) * 100 + common
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(content: bytes, encoding: str, name: str) -> Grid:
    text = content.decode(encoding, errors="replace")
    delimiter = sniff_delimiter(text)
    rows: list[list[object]] = []
    truncated = False
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if len(rows) >= MAX_SHEET_ROWS:
            truncated = True
            break
        rows.append([cell.strip() for cell in row])
    return Grid(name=name, rows=rows, truncated=truncated)
