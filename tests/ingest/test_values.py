"""Cell values typed the Indonesian way."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_core.ingest.values import (
    EMPTY,
    NUMBER,
    TEXT,
    cell_text,
    looks_like_formula,
    number_word,
    parse_value,
    rupiah,
)


@pytest.mark.parametrize(
    ("raw", "number", "unit", "percent"),
    [
        ("1.250.000,50", 1_250_000.5, "", False),
        ("87,5%", 87.5, "", True),
        ("87,5 %", 87.5, "", True),
        ("Rp 918.886.900,00", 918_886_900.0, "", False),
        ("Rp. 1.608.000.000", 1_608_000_000.0, "", False),
        ("IDR 5.000", 5000.0, "", False),
        ("29 PD", 29.0, "PD", False),
        ("12 Dokumen", 12.0, "Dokumen", False),
        ("24 Orang/bulan", 24.0, "Orang/bulan", False),
        ("3,50", 3.5, "", False),
        ("3.5", 3.5, "", False),
        ("72.20", 72.2, "", False),
        ("1.250", 1250.0, "", False),
        ("1,250,000.50", 1_250_000.5, "", False),
        ("100", 100.0, "", False),
        ("-1", -1.0, "", False),
        ("−5", -5.0, "", False),  # Unicode minus (U+2212), as Word and PDFs write it
        ("–5", -5.0, "", False),  # en dash
        ("1.250,5", 1250.5, "", False),
        ("Rp 1.500.000,-", 1_500_000.0, "", False),
        ("(1.000)", -1000.0, "", False),
        (" 17 ", 17.0, "", False),
        ("85,40%", 85.4, "", True),
        ("50 persen", 50.0, "persen", True),
        (42, 42.0, "", False),
        (0.5, 0.5, "", False),
    ],
)
def test_numbers(raw, number, unit, percent):
    value = parse_value(raw)
    assert value.kind == NUMBER
    assert value.number == pytest.approx(number)
    assert value.unit == unit
    assert value.percent is percent


@pytest.mark.parametrize("raw", ["", "   ", None, "-", "–", "nihil", float("nan")])
def test_empty(raw):
    assert parse_value(raw).kind == EMPTY


@pytest.mark.parametrize(
    "raw",
    [
        "Baik",
        "sepuluh",
        "2.16.03.2.02.0005",
        "2024-01-01",
        "=SUM(A1:A3)",
        "+SUM(1,2)",
        "1 (satu)",
        "TW I",
        True,
        dt.date(2024, 1, 1),
    ],
)
def test_text(raw):
    assert parse_value(raw).kind == TEXT


def test_formula_like_text():
    for text in ("=1+1", "+SUM(1,2)", "@cmd", "-2+3", '=HYPERLINK("x")', "|calc"):
        assert looks_like_formula(text), text
    for text in ("-1", "+5", "-1,5", "Jumlah", "", "Rp 1.000"):
        assert not looks_like_formula(text), text


def test_number_words():
    assert number_word("sepuluh") == 10
    assert number_word("  Dua  Puluh ") == 20
    assert number_word("Baik") is None


def test_cell_text():
    assert cell_text(12.0) == "12"
    assert cell_text(12.5) == "12.5"
    assert cell_text(" a ") == "a"
    assert cell_text(None) == ""
    assert cell_text(dt.date(2024, 3, 1)) == "01-03-2024"


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_indonesian_grouping_round_trips(whole, cents):
    text = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    value = parse_value(text)
    assert value.kind == NUMBER
    assert math.isclose(value.number, whole + cents / 100, rel_tol=1e-12)
    assert parse_value(f"Rp {text}").number == value.number


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("1,5 M", 1_500_000_000),  # M is miliar in Indonesian budgets, never mega/meter
        ("1,5 miliar", 1_500_000_000),
        ("2 Milyar", 2_000_000_000),
        ("250 jt", 250_000_000),
        ("Rp 1,2 juta", 1_200_000),
        ("12,5 juta rupiah", 12_500_000),
        ("500 rb", 500_000),
        ("Rp 918.886.900,00", 918_886_900),
        ("1.250.000", 1_250_000),
        (918886900.0, 918_886_900),
    ],
)
def test_rupiah_amounts_with_size_words(raw, amount):
    assert rupiah(parse_value(raw)) == pytest.approx(amount, abs=0.001)


@pytest.mark.parametrize("raw", ["2 juta orang", "12 Dokumen", "50%", "Baik"])
def test_not_an_amount_of_money(raw):
    assert rupiah(parse_value(raw)) is None


def test_unicode_minus_is_negative_not_positive():
    assert parse_value("−5").number == -5.0
    assert parse_value("(−5)").number == 5.0  # accounting brackets around a minus
