"""Reading single cell values the way Indonesian offices type them.

``"1.250.000,50"``, ``"87,5%"``, ``"Rp 918.886.900,00"``, ``"29 PD"``, ``"12 Dokumen"``,
accounting negatives ``"(1.000)"`` and plain spreadsheet numbers all become floats; words
stay words. Pure functions, no pandas, so the parsing worker stays light.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

# What a cell turned out to hold.
EMPTY = "empty"
NUMBER = "number"
TEXT = "text"

_DASHES = {"-", "–", "—", "--", "nihil", "n/a", "na", "#n/a"}
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
# Number at the start, optional unit words after it ("29 PD", "12 Dokumen", "50 %").
_LEADING_NUMBER = re.compile(
    r"^(?P<sign>[-−+]?)\s*(?P<num>\d[\d.,]*)\s*(?P<pct>%?)\s*(?P<unit>[^\d].*)?$"
)
_ID_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.250.000,50
_EN_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,250,000.50
_ID_DECIMAL = re.compile(r"^\d+,\d+$")  # 87,5
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")  # 87.5 or 100
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


def _text_to_number(digits: str) -> float | None:
    """'1.250.000,50' / '87,5' / '87.5' / '1,250,000.50' → float, else None."""
    if _PLAIN.match(digits):
        # "1.250" is Indonesian thousands; "3.5" / "72.20" are decimals.
        if "." in digits and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            return float(digits.replace(".", ""))
        return float(digits)
    if _ID_GROUPED.match(digits):
        return float(digits.replace(".", "").replace(",", "."))
    if _ID_DECIMAL.match(digits):
        return float(digits.replace(",", "."))
    if _EN_GROUPED.match(digits):
        return float(digits.replace(",", ""))
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
    if match.group("sign") in ("-", "−"):
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


def looks_like_formula(text: str) -> bool:
    """Text that a spreadsheet would run as a formula if pasted ('=…', '+SUM(…)', '@cmd')."""
    if not text or not text.startswith(_FORMULA_START):
        return False
    # A signed number ("-1", "+5", "-1,5") is a number, not a formula.
    return parse_value(text).kind != NUMBER


def number_word(text: str) -> int | None:
    """'sepuluh' → 10 (the number a word stands for), else None."""
    return NUMBER_WORDS.get(re.sub(r"\s+", " ", text).strip().casefold())
