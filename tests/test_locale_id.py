"""Indonesian formats: 1.234.567,89 · 95,5% · Rp 918.886.900 · 25 November 2026."""

import decimal
from datetime import date

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from kinerja_core import locale_id


def test_number():
    assert locale_id.fmt_number(1234567.891) == "1.234.567,89"
    assert locale_id.fmt_number(12.0) == "12"
    assert locale_id.fmt_number(float("nan")) == "–"


@given(st.floats(allow_nan=False, allow_infinity=False, width=64), st.integers(0, 4))
def test_numbers_are_exactly_babels_format_decimal(value, decimals):
    """The pattern and locale are parsed once; the text is still Babel's, digit for digit."""
    places = "." + "#" * decimals if decimals else ""
    fixed = "." + "0" * decimals if decimals else ""
    with decimal.localcontext(prec=400):  # Babel's own, able to round every float
        number = format_decimal(value, format="#,##0" + places, locale="id_ID")
        fixed_number = format_decimal(value, format="#,##0" + fixed, locale="id_ID")
    assert locale_id.fmt_number(value, decimals) == number
    assert locale_id.fmt_fixed(value, decimals) == fixed_number


def test_a_huge_number_is_written_out_not_an_error():
    assert locale_id.fmt_number(1e30, 0) == "1" + ".000" * 10
    assert locale_id.fmt_percent(-1e28) == "-10" + ".000" * 9 + ",0%"


def test_percent():
    assert locale_id.fmt_percent(95.5) == "95,5%"
    assert locale_id.fmt_percent(108.33333) == "108,3%"
    assert locale_id.fmt_percent(None) == "–"


def test_rupiah():
    assert locale_id.fmt_rupiah(918886900) == "Rp 918.886.900"
    assert locale_id.fmt_rupiah_short(12_345_000_000) == "Rp 12,3 miliar"
    assert locale_id.fmt_rupiah_short(850_000_000) == "Rp 850,0 juta"


def test_date():
    assert locale_id.fmt_date(date(2026, 11, 25)) == "25 November 2026"
    assert locale_id.fmt_date(date(2024, 8, 17)) == "17 Agustus 2024"
