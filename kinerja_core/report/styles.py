"""Cell formats, print setup and safe cell writers shared by every sheet of the workbook.

Number formats are stored in the file in Excel's invariant syntax (``,`` groups thousands,
``.`` marks decimals); Excel and LibreOffice show them with the reader's locale separators,
so in an Indonesian Excel (Windows region "Indonesia") ``#,##0`` reads 1.234.567 and
``#,##0.00"%"`` reads 95,50%. Values always stay numbers.

Every text goes through :func:`text` → ``write_string`` so a name that starts with ``=``,
``+``, ``-`` or ``@`` stays text, and no text ever becomes a hyperlink.
"""

from __future__ import annotations

import math
import re
from typing import Any

from xlsxwriter.worksheet import Worksheet

from kinerja_core.charts import PREDIKAT_COLORS
from kinerja_core.formulas import PREDIKAT

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "in_memory": False,
    # Arial 10 as the default font (as every cell): column widths are measured in its
    # digits, which Excel and LibreOffice (Arial or Liberation Sans) agree on.
    "excel2003_style": True,
}

PAPER = {"A4": 9, "F4": 14, "A3": 8}  # xlsxwriter paper codes; 14 = Folio 8.5 × 13 in (F4)
# Landscape sheet width (mm) of each paper: F4 is 215 × 330 mm, Folio 8.5 × 13 in 215.9 × 330.2.
PAPER_WIDTH_MM = {"A4": 297.0, "F4": 330.2, "A3": 420.0}
MARGIN_SIDE_IN = 0.3
# Wide tables print at 90%: their smallest type (8 pt) stays above 7 pt on paper.
PRINT_SCALE = 90
# LibreOffice without Arial or Liberation Sans substitutes DejaVu Sans, whose digits are
# wider, and lays every column out about 1.2 × wider than Excel: page breaks leave room.
RENDER_SLACK = 1.22

FMT_INT = "#,##0"
FMT_DEC = "#,##0.##"
FMT_DEC2 = "#,##0.00"
FMT_RP = "#,##0"
FMT_RP_LABEL = '"Rp "#,##0'
FMT_PCT1 = '#,##0.0"%"'
FMT_PCT2 = '#,##0.00"%"'

FONT = "Arial"
HEADER_FILL = "#dbe4ee"
PROGRAM_FILL = "#eef3f8"
TITLE_COLOR = "#1d2731"
MAX_CELL_TEXT = 32_767  # Excel's limit per cell

# Text colour on each predikat fill: dark on the light fills, white on the dark ones.
PREDIKAT_TEXT = {"Tinggi": "#1d2731", "Sedang": "#1d2731"}

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class FormulaSheet(Worksheet):
    """A worksheet for the app's own formulas (``excel_formulas``): IF, AND, ISNUMBER,
    COUNT, SUM, AVERAGE, MIN and MAX over cell references, none of which Excel writes with
    a ``_xlfn.`` prefix. xlsxwriter checks every formula against about 30 such functions with
    a regular expression each — half the time of a workbook of 12,000 indicators — so this
    sheet only drops the leading '='. Text from files never reaches a formula."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula[1:] if formula.startswith("=") else formula


class Styles:
    """All formats of one workbook, created once (xlsxwriter formats are per workbook)."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self._cache: dict[tuple, Any] = {}
        self._props: dict[int, dict[str, Any]] = {}
        self.title = self.get(bold=True, font_size=13, align="center", valign="vcenter")
        self.subtitle = self.get(font_size=10, align="center", valign="vcenter")
        self.label = self.get(font_size=10)
        self.label_bold = self.get(font_size=10, bold=True)
        self.note = self.get(font_size=9, italic=True, font_color="#52606d")
        self.header = self.get(
            bold=True,
            font_size=8,
            align="center",
            valign="vcenter",
            text_wrap=True,
            border=1,
            bg_color=HEADER_FILL,
        )
        self.number_row = self.get(
            font_size=8, align="center", valign="vcenter", border=1, italic=True
        )
        self.paragraph = self.get(font_size=10, text_wrap=True, valign="top")
        # Used as a conditional format (a dxf): only the border applies.
        self.border = self.workbook.add_format({"border": 1})

    def get(self, **props: Any):
        """A format with these properties (memoised: the same props give the same format)."""
        key = tuple(sorted(props.items()))
        found = self._cache.get(key)
        if found is None:
            found = self.workbook.add_format({"font_name": FONT, **props})
            self._cache[key] = found
            self._props[id(found)] = dict(props)
        return found

    def props_of(self, fmt) -> dict[str, Any]:
        """The properties ``get`` made ``fmt`` with (to derive a format with one change)."""
        return dict(self._props[id(fmt)])

    def predikat_dxf(self, name: str):
        """The conditional format (fill and text colour) of a predikat."""
        key = ("dxf", name)
        found = self._cache.get(key)
        if found is None:
            found = self.workbook.add_format(
                {
                    "bg_color": PREDIKAT_COLORS[name],
                    "font_color": PREDIKAT_TEXT.get(name, "#ffffff"),
                    "bold": True,
                    "border": 1,
                }
            )
            self._cache[key] = found
        return found

    def cell(
        self,
        kind: str = "text",
        *,
        bold: bool = False,
        fill: str | None = None,
        size: int = 8,
        wrap: bool = True,
        align: str | None = None,
        predikat: str | None = None,
    ):
        """A bordered table cell: kind is text, int, dec, dec2, rp, rp_label, pct1 or pct2."""
        props: dict[str, Any] = {"border": 1, "font_size": size, "valign": "top"}
        if bold:
            props["bold"] = True
        if kind == "text":
            props["text_wrap"] = wrap
        else:
            props["num_format"] = {
                "int": FMT_INT,
                "dec": FMT_DEC,
                "dec2": FMT_DEC2,
                "rp": FMT_RP,
                "rp_label": FMT_RP_LABEL,
                "pct1": FMT_PCT1,
                "pct2": FMT_PCT2,
            }[kind]
        if predikat in PREDIKAT:
            props["bg_color"] = PREDIKAT_COLORS[predikat]
            props["font_color"] = PREDIKAT_TEXT.get(predikat, "#ffffff")
            props["bold"] = True
        elif fill:
            props["bg_color"] = fill
        if align:
            props["align"] = align
        return self.get(**props)


def clean_text(value: object) -> str:
    """Any value as cell text: None/NaN → '', capped at Excel's per-cell limit."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    text = str(value)
    return text[:MAX_CELL_TEXT]


def text(ws, row: int, col: int, value: object, fmt=None) -> None:
    """Write text as text, always (never a formula, never a URL)."""
    ws.write_string(row, col, clean_text(value), fmt)


def number(ws, row: int, col: int, value: object, fmt=None) -> None:
    """Write a finite number; anything else (NaN, None, inf) leaves a blank with the format."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        ws.write_blank(row, col, None, fmt)
        return
    if math.isfinite(v):
        ws.write_number(row, col, v, fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def merged_text(ws, first_row, first_col, last_row, last_col, value: object, fmt) -> None:
    """A merged range holding text (merge with an empty string, then write_string)."""
    if first_row == last_row and first_col == last_col:
        text(ws, first_row, first_col, value, fmt)
        return
    ws.merge_range(first_row, first_col, last_row, last_col, "", fmt)
    ws.write_string(first_row, first_col, clean_text(value), fmt)


def k_format_kind(value: float) -> str:
    """'int' for whole numbers (12 → '12'), 'dec' otherwise (3,44 → '3,44')."""
    return "int" if math.isfinite(value) and round(value, 2) == round(value) else "dec"


def footer_text(value: str) -> str:
    """Header/footer text: '&' is a control character there and must be doubled."""
    return value.replace("&", "&&")[:120]


def setup_print(
    ws,
    *,
    kertas: str,
    repeat: tuple[int, int] | None,
    judul: str,
    fit_height: int = 0,
    repeat_columns: tuple[int, int] | None = None,
    column_breaks: list[int] | None = None,
    row_breaks: list[int] | None = None,
) -> None:
    """Landscape F4/A4/A3, repeated header rows, page numbers in the footer.

    Without ``column_breaks`` the sheet is fitted one page wide. With them (the wide tables
    of the E.81 and the bidang sheets, see ``column_pages``) it prints at 90% so its type
    stays legible: the columns split into pages at those columns, ``repeat_columns`` on
    every page, pages numbered across then down, at ``PRINT_SCALE``.
    """
    ws.set_landscape()
    ws.set_paper(PAPER.get(kertas, PAPER["A4"]))
    if column_breaks is None:
        ws.fit_to_pages(1, fit_height)
    else:
        ws.set_print_scale(PRINT_SCALE)
        if column_breaks:
            ws.set_v_pagebreaks(column_breaks)
        if row_breaks:
            ws.set_h_pagebreaks(row_breaks)
        ws.print_across()
    ws.set_margins(
        left=MARGIN_SIDE_IN, right=MARGIN_SIDE_IN, top=MARGIN_TOP_IN, bottom=MARGIN_BOTTOM_IN
    )
    if column_breaks is None:
        ws.center_horizontally()
    if repeat is not None:
        ws.repeat_rows(*repeat)
    if repeat_columns is not None:
        ws.repeat_columns(*repeat_columns)
    ws.set_footer(
        f'&L&"Arial"&8{footer_text(judul)}&R&"Arial"&8Halaman &P dari &N', {"margin": 0.25}
    )


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique (case-insensitive) Excel sheet name of at most 31 characters."""
    base = _SHEET_FORBIDDEN.sub(" ", clean_text(name)).strip().strip("'").strip()
    if base.casefold().startswith("bidang "):
        base = base[len("bidang ") :].strip()
    base = re.sub(r"\s+", " ", base) or "Tanpa bidang"
    if base.casefold() == "history":  # reserved by Excel
        base = "History (bidang)"
    candidate = base[:31].rstrip()
    counter = 2
    while candidate.casefold() in taken:
        suffix = f" ({counter})"
        candidate = base[: 31 - len(suffix)].rstrip() + suffix
        counter += 1
    taken.add(candidate.casefold())
    return candidate


# Characters of Arial that fit in one unit of Excel column width (a Calibri 11 digit),
# measured on LibreOffice's rendering and rounded down so wrapped rows are never clipped.
# Widths are in digits of Arial 10 (the workbook's default font); LibreOffice lays them out
# in DejaVu Sans where Arial is missing, which is what these were measured on.
CHARS_PER_UNIT = {7: 1.65, 8: 1.42, 9: 1.28, 10: 1.15}
LINE_POINTS = {7: 9.0, 8: 10.0, 9: 11.5, 10: 12.75}


def estimate_lines(value: str, width_units: float, font_size: int = 8) -> int:
    """How many lines a wrapped text needs in a column ``width_units`` wide.

    Neither Excel nor LibreOffice grows a row to fit wrapped text written by a library
    (LibreOffice keeps the default height on import), so rows get an explicit height.
    """
    if not value:
        return 1
    per_line = max(width_units * CHARS_PER_UNIT.get(font_size, 1.2) - 1, 1.0)
    lines = 0
    for paragraph in value.split("\n"):
        if len(paragraph) <= per_line:
            lines += 1
            continue
        words = paragraph.split(" ")
        count, used = 1, 0
        for word in words:
            size = len(word)
            if used and used + 1 + size > per_line:
                count += 1
                used = size
            else:
                used += size + (1 if used else 0)
            while used > per_line:  # a word longer than the line breaks inside
                count += 1
                used -= int(per_line)
        lines += count
    return lines


def line_counts(values: list[str], width_units: float, font_size: int = 8) -> list[int]:
    """``estimate_lines`` for a whole column; the common one-line case costs no call."""
    per_line = max(width_units * CHARS_PER_UNIT.get(font_size, 1.2) - 1, 1.0)
    return [
        1 if len(v) <= per_line and "\n" not in v else estimate_lines(v, width_units, font_size)
        for v in values
    ]


def row_points(lines: int, font_size: int = 8) -> float:
    """Row height (points) for ``lines`` lines of text; Excel's maximum is 409."""
    return min(409.0, lines * LINE_POINTS.get(font_size, 12.75) + 3)


def column_points(width: float) -> float:
    """Printed width (points, at 100%) of a column ``width`` characters wide: Excel's
    pixels (7 per character of the default font, plus 5) at 96 per inch."""
    pixels = round(width * 12) if width < 1 else int(width * 7 + 0.5) + 5
    return pixels * 0.75


def column_pages(
    widths: dict[int, float],
    repeated_last: int,
    kertas: str,
    allowed: list[int],
) -> list[int]:
    """The columns that start a new printed page (vertical page breaks) so every page of a
    table wider than the paper holds whole column groups at the print scale.

    ``widths`` maps every column to its width; columns ``0..repeated_last`` print on every
    page; a page may only start at a column in ``allowed`` (so a K/Rp pair under one
    merged caption is never split). The fewest pages are used, as evenly filled as
    possible, each with a little slack for the renderer's rounding.
    """
    paper = PAPER_WIDTH_MM.get(kertas, PAPER_WIDTH_MM["A4"])
    printable = (paper / 25.4 - 2 * MARGIN_SIDE_IN) * 72 * 100 / PRINT_SCALE / RENDER_SLACK
    usable = printable * 0.98 - sum(column_points(widths[c]) for c in range(repeated_last + 1))
    columns = sorted(c for c in widths if c > repeated_last)
    starts = sorted({c for c in allowed if c > repeated_last + 1})
    # groups: runs of columns between allowed starts, never split
    edges = [repeated_last + 1, *starts, max(columns) + 1]
    groups = [
        (edges[i], sum(column_points(widths.get(c, 8.43)) for c in range(edges[i], edges[i + 1])))
        for i in range(len(edges) - 1)
    ]
    total = sum(width for _, width in groups)
    if total <= usable:
        return []
    for pages in range(2, len(groups) + 1):
        share = total / pages
        breaks: list[int] = []
        used = filled = 0.0
        for start, width in groups:
            if used and (used + width > usable or filled >= share * (len(breaks) + 1)):
                breaks.append(start)
                used = 0.0
            used += width
            filled += width
        if len(breaks) < pages:
            return breaks
    return [start for start, _ in groups[1:]]  # a page per group: some group is too wide


PAPER_HEIGHT_MM = {"A4": 210.0, "F4": 215.9, "A3": 297.0}  # landscape
MARGIN_TOP_IN, MARGIN_BOTTOM_IN = 0.5, 0.6


def row_pages(
    ws,
    last_row: int,
    repeat: tuple[int, int],
    kertas: str,
    keep: list[tuple[int, int]] | None = None,
) -> list[int]:
    """The rows that start a new printed page (horizontal page breaks) of a sheet printed
    at ``PRINT_SCALE`` with rows ``repeat`` on every page, so that no range in ``keep``
    (a signature block) is split between two pages.

    Row heights are those set on the sheet (the default height elsewhere): neither Excel
    nor LibreOffice grows a row that the workbook sized.
    """
    paper = PAPER_HEIGHT_MM.get(kertas, PAPER_HEIGHT_MM["A4"])
    usable = (paper / 25.4 - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * 72 * 100 / PRINT_SCALE
    usable *= 0.95  # the renderer's rounding of row heights

    def points(row: int) -> float:
        info = ws.row_info.get(row)
        return (info.height if info is not None else ws.default_row_height) * 0.75

    repeated = sum(points(r) for r in range(repeat[0], repeat[1] + 1))
    starts_kept = {first: last for first, last in keep or []}
    breaks: list[int] = []
    used = 0.0
    row = 0
    while row <= last_row:
        if row in starts_kept:  # a block that must stay on one page
            block = sum(points(r) for r in range(row, starts_kept[row] + 1))
            if used + block > usable and used > repeated:
                breaks.append(row)
                used = repeated
            used += block
            row = starts_kept[row] + 1
            continue
        height = points(row)
        if used + height > usable and used > repeated and row > repeat[1]:
            breaks.append(row)
            used = repeated
        used += height
        row += 1
    return breaks
