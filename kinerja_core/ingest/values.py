"""Reading single cell values the way Indonesian offices type them.

``"1.250.000,50"``, ``"87,5%"``, ``"Rp 918.886.900,00"``, ``"29 PD"``, ``"12 Dokumen"``,
accounting negatives ``"(1.000)"``, a Unicode minus ``"−5"`` and plain spreadsheet numbers
all become floats; words stay words. Grouped and decimal-comma numbers are read by Babel's
``parse_decimal`` (Indonesian first, then English for ``1,250,000.50``). Amounts of money
may carry a size word — ``"1,5 M"`` / ``"1,5 miliar"``, ``"250 jt"``, ``"Rp 1,2 juta"``,
``"500 rb"`` — which ``rupiah`` turns into rupiah. Pure functions, no pandas, so the
parsing worker stays light.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal

# What a cell turned out to hold.
EMPTY = "empty"
NUMBER = "number"
TEXT = "text"

_DASHES = {"-", "–", "—", "--", "nihil", "n/a", "na", "#n/a"}
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_MINUS = "-−–‒"  # hyphen, Unicode minus (U+2212), en dash and figure dash as typed / pasted
# Number at the start, optional unit words after it ("29 PD", "12 Dokumen", "50 %").
_LEADING_NUMBER = re.compile(
    rf"^(?P<sign>[{_MINUS}+]?)\s*(?P<num>\d[\d.,]*)\s*(?P<pct>%?)\s*(?P<unit>[^\d].*)?$"
)
_RUPIAH_TAIL = re.compile(r"[.,]-$")  # "Rp 1.500.000,-"
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")  # 87.5 or 100
_THOUSANDS_ONLY = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.250 (Indonesian thousands)
# Size words after an amount of money, in rupiah.
RUPIAH_SIZES: dict[str, float] = {
    "rp": 1.0,
    "rupiah": 1.0,
    "rb": 1e3,
    "ribu": 1e3,
    "k": 1e3,
    "jt": 1e6,
    "juta": 1e6,
    "m": 1e9,
    "miliar": 1e9,
    "milyar": 1e9,
    "t": 1e12,
    "triliun": 1e12,
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|")

# Indonesian number words people type instead of a number.
NUMBER_WORDS: dict[str, int] = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "dua belas": 12,
    "lima belas": 15,
    "dua puluh": 20,
    "dua puluh empat": 24,
    "lima puluh": 50,
    "seratus": 100,
    "seribu": 1000,
}


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed cell: kind is EMPTY, NUMBER or TEXT; ``unit`` is text after a number."""

    kind: str
    number: float = math.nan
    text: str = ""
    unit: str = ""
    percent: bool = False


_EMPTY = Value(EMPTY)


def cell_text(value: object) -> str:
    """A cell as display text: floats that are whole numbers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M") if value.time() else value.strftime("%d-%m-%Y")
    if isinstance(value, _dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


@lru_cache(maxsize=8192)
def _text_to_number(digits: str) -> float | None:
    """'1.250.000,50' / '87,5' / '87.5' / '1,250,000.50' → float, else None.

    Babel reads the digits as Indonesian (``1.250.000,50``, ``87,5``, ``1.250``) and, when
    they are not, as English (``1,250,000.50``); a lone dot that is not a thousands group
    (``3.5``, ``72.20``) is a decimal point, as a spreadsheet in English shows it.
    """
    if _PLAIN.match(digits) and not _THOUSANDS_ONLY.match(digits):
        return float(digits)
    for locale in ("id", "en"):
        try:
            return float(parse_decimal(digits, locale=locale, strict=True))
        except (NumberFormatError, ValueError, ArithmeticError):
            continue
    return None


def parse_value(raw: object) -> Value:
    """Parse one cell into EMPTY, NUMBER (with optional unit / percent) or TEXT."""
    if type(raw) is str:
        return _parse_str(raw)
    if raw is None:
        return _EMPTY
    if isinstance(raw, bool):
        return Value(TEXT, text="TRUE" if raw else "FALSE")
    if isinstance(raw, int | float):
        number = float(raw)
        if math.isnan(number):
            return _EMPTY
        if math.isinf(number):
            return Value(TEXT, text=str(raw))
        return Value(NUMBER, number=number)
    if isinstance(raw, _dt.date | _dt.time | _dt.timedelta):
        return Value(TEXT, text=cell_text(raw))
    return _parse_str(str(raw))


@lru_cache(maxsize=8192)
def _parse_str(raw: str) -> Value:
    text = raw.replace("\xa0", " ").strip()
    if not text or text.casefold() in _DASHES:
        return _EMPTY
    return _parse_text(text)


def _parse_text(text: str) -> Value:
    body = _CURRENCY.sub("", text).strip() if text[0] in "rRiI" else text
    negative = False
    if body.startswith("(") and body.endswith(")"):  # accounting negative "(1.000)"
        body = body[1:-1].strip()
        negative = True
    body = _RUPIAH_TAIL.sub("", body)
    match = _LEADING_NUMBER.match(body)
    if not match:
        return Value(TEXT, text=text)
    digits = match.group("num").rstrip(".,") if match.group("unit") else match.group("num")
    number = _text_to_number(digits)
    if number is None:
        return Value(TEXT, text=text)
    unit = (match.group("unit") or "").strip()
    if unit and not _looks_like_unit(unit):
        return Value(TEXT, text=text)
    if match.group("sign") and match.group("sign") in _MINUS:
        negative = not negative
    return Value(
        NUMBER,
        number=-number if negative else number,
        text=text,
        unit=unit,
        percent=bool(match.group("pct")) or unit.casefold() in ("persen", "%"),
    )


def _looks_like_unit(unit: str) -> bool:
    """'PD', 'Dokumen', 'Orang/bulan', '% ' — a short satuan, not a sentence or a formula."""
    if len(unit) > 40 or any(ch in unit for ch in "=()+*<>"):
        return False
    return bool(re.match(r"^[A-Za-z%/][\w%/ .\-]*$", unit))


def rupiah(value: Value) -> float | None:
    """The rupiah of a parsed NUMBER cell, its size word applied ('1,5 M' → 1.500.000.000);
    None when the word after the number is not a size of money (the caller names the cell)."""
    if value.kind != NUMBER or value.percent:
        return None
    words = [w for w in re.split(r"[\s.]+", value.unit.casefold()) if w]
    words = [w for w in words if w not in ("rp", "rupiah", "idr")]  # "12,5 juta rupiah"
    if len(words) > 1:
        return None
    size = RUPIAH_SIZES.get(words[0]) if words else 1.0
    if size is None:
        return None
    return float(Decimal(repr(value.number)) * Decimal(repr(size)))


def looks_like_formula(text: str) -> bool:
    """Text that a spreadsheet would run as a formula if pasted ('=…', '+SUM(…)', '@cmd')."""
    if not text or not text.startswith(_FORMULA_START):
        return False
    # A signed number ("-1", "+5", "-1,5") is a number, not a formula.
    return parse_value(text).kind != NUMBER


def number_word(text: str) -> int | None:
    """'sepuluh' → 10 (the number a word stands for), else None."""
    return NUMBER_WORDS.get(re.sub(r"\s+", " ", text).strip().casefold())


def number_from_text(raw: object) -> tuple[float, str]:
    """A number typed in a table cell, read the Indonesian way whatever the browser's
    language: '3,7' → 3,7 (never 37), '1.250.000' → 1250000, '87,5%' → 87,5, '3.7' → 3,7.

    Returns (number, "") — NaN when the cell is empty — or (NaN, the text) when the cell
    does not hold a number, for the caller to report.
    """
    value = parse_value(raw)
    if value.kind == EMPTY:
        return math.nan, ""
    if value.kind == NUMBER and not value.unit:
        return value.number, ""
    return math.nan, cell_text(raw)
