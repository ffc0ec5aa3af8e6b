"""Indonesian formats: 1.234.567,89 · 95,5% · Rp 918.886.900 · 25 November 2026."""

from datetime import date

from kinerja_core import locale_id


def test_number():
    assert locale_id.fmt_number(1234567.891) == "1.234.567,89"
    assert locale_id.fmt_number(12.0) == "12"
    assert locale_id.fmt_number(float("nan")) == "–"


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
