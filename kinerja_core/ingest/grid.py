"""Raw cell grids from a workbook (python-calamine) or a CSV (stdlib csv).

A ``Grid`` is one sheet: its rows as Python values, where its first row / column sit in the
sheet (so problems name the row Excel shows), its merged ranges, and whether it is hidden.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

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
    """Every worksheet of an xlsx / xlsm / xlsb / xls / ods, hidden ones flagged."""
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
                    rows=rows[:MAX_SHEET_ROWS],
                    row0=start[0],
                    col0=start[1],
                    merged=list(sheet.merged_cell_ranges or []),
                    hidden=meta.visible != SheetVisibleEnum.Visible,
                    truncated=truncated,
                )
            )
    finally:
        book.close()
    return grids


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
