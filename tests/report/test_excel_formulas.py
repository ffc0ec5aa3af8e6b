"""The Excel formulas' text for the averages that leave rows out."""

from __future__ import annotations

from kinerja_core.report import excel_formulas


def test_average_skipping_splits_the_column_around_the_skipped_rows():
    assert excel_formulas.average_skipping("AB", 12, 20, []) == (
        'IF(COUNT(AB12:AB20)=0,"",AVERAGE(AB12:AB20))'
    )
    assert excel_formulas.average_skipping("AB", 12, 20, [12, 15, 16, 20, 99]) == (
        'IF(COUNT(AB13:AB14,AB17:AB19)=0,"",AVERAGE(AB13:AB14,AB17:AB19))'
    )


def test_average_skipping_gives_none_where_a_formula_cannot_hold_it():
    assert excel_formulas.average_skipping("C", 5, 6, [5, 6]) is None
    every_other = list(range(2, 2 + 2 * 300, 2))
    assert excel_formulas.average_skipping("C", 1, 2 + 2 * 300, every_other) is None
