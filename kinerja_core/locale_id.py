"""Indonesian formatting of numbers, percents, Rupiah and dates (Babel, locale id_ID)."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

LOCALE = "id_ID"


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
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(float(value), format=pattern, locale=LOCALE)


def fmt_fixed(value: Any, decimals: int = 2, empty: str = "–") -> str:
    """Always ``decimals`` places: 1234.5 → '1.234,50'."""
    if _missing(value):
        return empty
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(float(value), format=pattern, locale=LOCALE)


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
