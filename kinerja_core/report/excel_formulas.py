"""The official formulas of ``kinerja_core.formulas`` as Excel formula text over cells.

A person correcting the evaluation workbook (SOP step 7, *koreksi konsep*) changes a TW
value in Excel; these formulas make realisasi, capaian, Renstra s/d tahun berjalan, serapan,
the rata-rata and the predikat follow, exactly as the app computes them. Each function
mirrors one function of ``kinerja_core.formulas`` and says which; a cell reference is an A1
string such as ``"H9"``. The workbook writes every formula with the app's value cached.

Only cell references and numbers of the settings ever enter a formula: text from files or
people is never part of one.
"""

from __future__ import annotations

from collections.abc import Sequence

from kinerja_core.formulas import PREDIKAT


def _number(value: float) -> str:
    """A setting as a formula literal (invariant syntax: '.' decimals, no grouping)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _args(refs: Sequence[str]) -> str:
    return ",".join(refs)


def realisasi(tw_refs: Sequence[str], agregasi: str) -> str:
    """``formulas.realisasi_sampai`` of one row over the TW cells up to sampai_tw.

    kumulatif: the sum of the reported TWs; akhir: the last reported TW; rata-rata: the
    mean of the reported TWs; nothing reported: empty.
    """
    if agregasi == "akhir":
        expression = '""'
        for ref in tw_refs:
            expression = f"IF(ISNUMBER({ref}),{ref},{expression})"
        return expression
    function = "AVERAGE" if agregasi == "rata-rata" else "SUM"
    args = _args(tw_refs)
    return f'IF(COUNT({args})=0,"",{function}({args}))'


def sum_reported(refs: Sequence[str]) -> str:
    """The sum of these cells, empty when none holds a number (a realisasi anggaran)."""
    args = _args(refs)
    return f'IF(COUNT({args})=0,"",SUM({args}))'


def capaian(
    target: str,
    realisasi: str,
    polaritas: str,
    negatif_method: str = "2T-R",
    cap: float | None = None,
) -> str:
    """``formulas.capaian`` (then ``formulas.apply_cap`` when ``cap`` is set) of one row."""

    def capped(expression: str) -> str:
        return expression if cap is None else f"MIN({expression},{_number(cap)})"

    t, r = target, realisasi
    if polaritas == "negatif":
        if negatif_method == "T/R":
            nonzero = f'IF({r}<>0,{capped(f"{t}/{r}*100")},"")'
        else:
            nonzero = capped(f"MAX((2*{t}-{r})/{t}*100,0)")
        zero = f'IF({r}=0,{capped("100")},"")'
        return f'IF(AND(ISNUMBER({t}),ISNUMBER({r})),IF({t}<>0,{nonzero},{zero}),"")'
    return f'IF(AND(ISNUMBER({t}),ISNUMBER({r})),IF({t}<>0,{capped(f"{r}/{t}*100")},""),"")'


def renstra_sd(lalu: str, sekarang: str, agregasi: str) -> str:
    """E.81 column 13 (K) = 6 + 12 (``e81.renstra_sd``): kumulatif needs both; a level
    (akhir / rata-rata) is this year's realisasi."""
    if agregasi == "kumulatif":
        return f'IF(AND(ISNUMBER({lalu}),ISNUMBER({sekarang})),{lalu}+{sekarang},"")'
    return f'IF(ISNUMBER({sekarang}),{sekarang},"")'


def add_if_both(first: str, second: str) -> str:
    """first + second, empty unless both are numbers (E.81 column 13, Rp)."""
    return f'IF(AND(ISNUMBER({first}),ISNUMBER({second})),{first}+{second},"")'


def serapan(pagu: str, spent: str) -> str:
    """``formulas.serapan``: spent / pagu × 100; empty when pagu is not above 0."""
    return f'IF(AND(ISNUMBER({pagu}),ISNUMBER({spent})),IF({pagu}>0,{spent}/{pagu}*100,""),"")'


def average(refs: Sequence[str] | str) -> str:
    """``formulas.weighted_mean`` without weights: the mean of the cells holding numbers
    (a text or empty cell is left out, as NaN is); empty when none does."""
    args = refs if isinstance(refs, str) else _args(refs)
    return f'IF(COUNT({args})=0,"",AVERAGE({args}))'


MAX_ARGUMENTS = 255  # Excel's limit of arguments to one function


def average_skipping(column: str, first: int, last: int, skipped: Sequence[int]) -> str | None:
    """``average`` over the rows ``first``…``last`` (1-based) of ``column``, leaving out the
    ``skipped`` rows (a capaian shown but not counted in the means, e.g. a qualitative one
    outside ``kualitatif_dalam_rata_rata``). None when no row is left or the ranges would
    be more arguments than Excel takes: then the caller writes the app's value."""
    ranges, start = [], first
    for row in sorted({r for r in skipped if first <= r <= last}):
        if row > start:
            ranges.append(f"{column}{start}:{column}{row - 1}")
        start = row + 1
    if start <= last:
        ranges.append(f"{column}{start}:{column}{last}")
    if not ranges or len(ranges) > MAX_ARGUMENTS:
        return None
    return average(ranges[0] if len(ranges) == 1 else ranges)


def predikat(ref: str, bounds: Sequence[float], empty: str = "") -> str:
    """``formulas.predikat`` of the capaian in ``ref`` (``empty`` where there is none)."""
    expression = f'"{PREDIKAT[4]}"'
    for name, bound in reversed(list(zip(PREDIKAT[:4], bounds, strict=True))):
        expression = f'IF({ref}>={_number(bound)},"{name}",{expression})'
    return f'IF(ISNUMBER({ref}),{expression},"{empty}")'


def predikat_condition(ref: str, bounds: Sequence[float], name: str) -> str:
    """A conditional-format formula true when ``ref`` holds a capaian of predikat ``name``
    (so a cell's colour follows a corrected value)."""
    index = PREDIKAT.index(name)
    parts = [f"ISNUMBER({ref})"]
    if index < 4:
        parts.append(f"{ref}>={_number(bounds[index])}")
    if index > 0:
        parts.append(f"{ref}<{_number(bounds[index - 1])}")
    return f"AND({','.join(parts)})"
