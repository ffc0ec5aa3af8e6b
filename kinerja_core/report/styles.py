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

from kinerja_core.charts import PREDIKAT_COLORS
from kinerja_core.formulas import PREDIKAT

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": False}

PAPER = {"A4": 9, "F4": 14, "A3": 8}  # xlsxwriter paper codes; 14 = Folio 8.5 × 13 in (F4)

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


class Styles:
    """All formats of one workbook, created once (xlsxwriter formats are per workbook)."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self._cache: dict[tuple, Any] = {}
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
            font_size=7, align="center", valign="vcenter", border=1, italic=True
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
) -> None:
    """Landscape, A4/F4, one page wide, repeated header rows, page numbers in the footer."""
    ws.set_landscape()
    ws.set_paper(PAPER.get(kertas, PAPER["A4"]))
    ws.fit_to_pages(1, fit_height)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.center_horizontally()
    if repeat is not None:
        ws.repeat_rows(*repeat)
    ws.set_footer(
        f'&L&"Arial"&7{footer_text(judul)}&R&"Arial"&7Halaman &P dari &N', {"margin": 0.25}
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
CHARS_PER_UNIT = {7: 1.85, 8: 1.6, 9: 1.45, 10: 1.3}
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
