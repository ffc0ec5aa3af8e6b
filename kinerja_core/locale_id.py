"""Indonesian formatting of numbers, percents, Rupiah and dates (Babel, locale id_ID)."""

from __future__ import annotations

import decimal
import math
from datetime import date, datetime
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "id_ID"
_LOCALE = Locale.parse(LOCALE)


@cache
def _pattern(text: str) -> NumberPattern:
    return parse_pattern(text)


_WIDE = decimal.Context(prec=400)  # every digit of the largest float


def _format_decimal(value: float, pattern: str) -> str:
    """``babel.numbers.format_decimal`` with the locale and pattern parsed once (a table of
    thousands of numbers formats each cell: the parsing was most of the cost). A number of
    more than 28 digits (a typo like 1E+30 in a file) is written out in full instead of
    failing in Babel's rounding."""
    try:
        return _pattern(pattern).apply(value, _LOCALE)
    except decimal.InvalidOperation:
        with decimal.localcontext(_WIDE):
            return _pattern(pattern).apply(value, _LOCALE)


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def fmt_number(value: Any, decimals: int = 2, empty: str = "–") -> str:
    """1234567.891 → '1.234.567,89'; trailing zero decimals are dropped ('12' not '12,00')."""
    if _missing(value):
        return empty
    return _format_decimal(float(value), "#,##0" + ("." + "#" * decimals if decimals else ""))


def fmt_fixed(value: Any, decimals: int = 2, empty: str = "–") -> str:
    """Always ``decimals`` places: 1234.5 → '1.234,50'."""
    if _missing(value):
        return empty
    return _format_decimal(float(value), "#,##0" + ("." + "0" * decimals if decimals else ""))


def fmt_percent(value: Any, decimals: int = 1, empty: str = "–") -> str:
    """A value already in percent: 95.5 → '95,5%'."""
    if _missing(value):
        return empty
    return fmt_fixed(value, decimals) + "%"


def fmt_rupiah(value: Any, empty: str = "–") -> str:
    """918886900 → 'Rp 918.886.900'."""
    if _missing(value):
        return empty
    return "Rp " + fmt_fixed(round(float(value)), 0)


def fmt_rupiah_short(value: Any, empty: str = "–") -> str:
    """Headline form: 'Rp 12,3 miliar', 'Rp 850,0 juta'."""
    if _missing(value):
        return empty
    v = float(value)
    for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")):
        if abs(v) >= size:
            return f"Rp {fmt_fixed(v / size, 1)} {word}"
    return fmt_rupiah(v)


def fmt_date(value: date | datetime) -> str:
    """date(2026, 11, 25) → '25 November 2026'."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def fmt_datetime(value: datetime) -> str:
    """'25 November 2026 14.05' (Indonesian time separator)."""
    return format_datetime(value, format="d MMMM y HH.mm", locale=LOCALE)


TRIWULAN_LABEL = {1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III", 4: "Triwulan IV"}
