"""How a row's triwulan values add up, decided from the file's own totals.

In an E.81 the TW columns hold what was achieved *in* each triwulan and column 12 ("Realisasi
Capaian Kinerja dan Anggaran Renja yang Dievaluasi") is, in the form's convention, their sum;
but pemda also write levels (an index, a percentage) per triwulan, and then column 12 is the
last one, or the mean. When a row carries the file's own total (column 12), its own capaian
(12 / 7, or a "Capaian (%)" column) or per-TW capaian (% columns), those say which cara
agregasi — kumulatif, akhir or rata-rata — reproduces the file, row by row. ``decide`` finds
it; ``disagreement`` words the rows where the file's capaian and ours still differ by more
than 0,5 point, with both numbers. Nothing here trusts the file blindly: the realisasi always
comes from the TW values, the file's totals only choose how to add them up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kinerja_core.locale_id import fmt_number, fmt_percent

ORDER = ("kumulatif", "akhir", "rata-rata")
WORDS = {"kumulatif": "dijumlah", "akhir": "nilai terakhir", "rata-rata": "dirata-rata"}
CAPAIAN_TOLERANCE = 0.5  # points of capaian (%)


@dataclass(frozen=True)
class Own:
    """The file's own results for one row (NaN when the file has no such column / value)."""

    total: float = math.nan  # E.81 column 12 (K)
    capaian: float = math.nan  # E.81 12 / 7 (%), or a "Capaian (%)" column
    capaian_tw: tuple[float, float, float, float] = (math.nan,) * 4

    @property
    def present(self) -> bool:
        values = (self.total, self.capaian, *self.capaian_tw)
        return any(not math.isnan(v) for v in values)


@dataclass(frozen=True)
class Decision:
    agregasi: str
    proved: bool  # the file's own numbers single out this cara agregasi
    evidence: bool  # the row has own numbers at all


def aggregate(values: list[float], agregasi: str, upto: int = 4) -> float:
    """Realisasi up to TW ``upto`` of four TW values (NaN = not reported)."""
    reported = [v for v in values[:upto] if not math.isnan(v)]
    if not reported:
        return math.nan
    if agregasi == "akhir":
        return reported[-1]
    if agregasi == "rata-rata":
        return sum(reported) / len(reported)
    return math.fsum(reported)


def capaian(target: float, realisasi: float, polaritas: str) -> tuple[float, ...]:
    """The capaian (%) a person may have computed: positif R/T; negatif (2T−R)/T or T/R."""
    if math.isnan(target) or math.isnan(realisasi) or target == 0:
        return (math.nan,)
    if polaritas != "negatif":
        return (realisasi / target * 100,)
    values = [max((2 * target - realisasi) / target * 100, 0.0)]
    if realisasi:
        values.append(target / realisasi * 100)
    return tuple(values)


def _close_total(ours: float, theirs: float) -> bool:
    return abs(ours - theirs) <= max(0.011, abs(theirs) * 1e-3)


def _close_capaian(ours: tuple[float, ...], theirs: float) -> bool:
    return any(abs(v - theirs) <= CAPAIAN_TOLERANCE for v in ours if not math.isnan(v))


def own_capaian(own: Own, target: float, polaritas: str, values: list[float]) -> float:
    """The file's capaian of the row, as a percent: its own capaian column, else its total
    against the target. A fraction (1 = 100 %) is read as one when ours says so."""
    if not math.isnan(own.capaian):
        value = own.capaian
        ours = [c for conv in ORDER for c in capaian(target, aggregate(values, conv), polaritas)]
        if 0 < value <= 3 and not any(abs(c - value) <= 0.5 for c in ours if not math.isnan(c)):
            return value * 100  # "=L9/J9" without a percent format
        return value
    if not math.isnan(own.total):
        found = capaian(target, own.total, polaritas)
        return found[0]
    return math.nan


def matching(values: list[float], target: float, polaritas: str, own: Own) -> set[str]:
    """The cara agregasi under which the TW values give the file's own numbers."""
    last = max((i for i, v in enumerate(values) if not math.isnan(v)), default=-1)
    if last < 0:
        return set()
    if not math.isnan(own.total):
        return {c for c in ORDER if _close_total(aggregate(values, c), own.total)}
    theirs = own_capaian(own, target, polaritas, values)
    if not math.isnan(theirs):
        return {
            c
            for c in ORDER
            if _close_capaian(capaian(target, aggregate(values, c), polaritas), theirs)
        }
    found = set(ORDER)
    seen = False
    for tw, value in enumerate(own.capaian_tw, start=1):
        if math.isnan(value) or tw > last + 1:
            continue
        seen = True
        found &= {
            c
            for c in ORDER
            if _close_capaian(capaian(target, aggregate(values, c, tw), polaritas), value)
            or _close_capaian(capaian(target, aggregate(values, c, tw), polaritas), value * 100)
        }
    return found if seen else set()


def decide(values: list[float], target: float, polaritas: str, default: str, own: Own) -> Decision:
    """The cara agregasi of one row: the default (satuan / rencana) unless the file's own
    numbers single out another."""
    if not own.present or all(math.isnan(v) for v in values):
        return Decision(default, False, False)
    found = matching(values, target, polaritas, own)
    if not found or len(found) == len(ORDER):
        return Decision(default, False, True)  # nothing fits, or everything does
    if default in found:
        return Decision(default, True, True)
    return Decision(next(c for c in ORDER if c in found), True, True)


PLAUSIBLE = 150.0  # percent: a sum of levels goes far beyond, a sum of increments does not


def form_convention(values: list[float], target: float, polaritas: str) -> Decision:
    """An E.81 row without the file's own totals: the form's convention — the TW values are
    what was achieved in each triwulan, summed (kumulatif) — unless summing gives more than
    150 % while the last value alone gives at most 150 %: then the row was filled with
    levels (an index, a percentage reached), read as ``akhir``. Either way it is the file's
    reading, not a default, so a rencana does not override it."""
    reported = [v for v in values if not math.isnan(v)]
    if len(reported) < 2 or math.isnan(target) or target == 0:
        return Decision("kumulatif", False, False)
    summed = capaian(target, aggregate(values, "kumulatif"), polaritas)[0]
    last = capaian(target, aggregate(values, "akhir"), polaritas)[0]
    if summed > PLAUSIBLE and last <= PLAUSIBLE:
        return Decision("akhir", True, False)
    return Decision("kumulatif", True, False)


def _fmt(value: float) -> str:
    return fmt_number(value, decimals=2)


def disagreement(
    values: list[float], target: float, polaritas: str, agregasi: str, own: Own
) -> str:
    """'' or a sentence with the file's capaian and ours, when they differ by > 0,5 point."""
    if not own.present:
        return ""
    last = max((i for i, v in enumerate(values) if not math.isnan(v)), default=-1)
    if last < 0:
        return ""
    realisasi = aggregate(values, agregasi)
    ours = capaian(target, realisasi, polaritas)
    theirs = own_capaian(own, target, polaritas, values)
    tw_text = "; ".join("–" if math.isnan(v) else _fmt(v) for v in values[: last + 1])
    if not math.isnan(own.total) and not _close_total(realisasi, own.total):
        options = ", ".join(
            f"{WORDS[c]} {_fmt(aggregate(values, c))}" for c in ORDER if c != agregasi
        )
        return (
            f"Realisasi menurut berkas (kolom realisasi capaian) {_fmt(own.total)}, tetapi "
            f"nilai triwulannya ({tw_text}) {WORDS[agregasi]} = {_fmt(realisasi)} ({options}); "
            f"capaian berkas {_pct(theirs)}, hitungan aplikasi {_pct(ours[0])}."
        )
    if math.isnan(theirs) or math.isnan(ours[0]) or _close_capaian(ours, theirs):
        return ""
    return (
        f"Capaian menurut berkas {_pct(theirs)}, tetapi dari target {_fmt(target)} dan "
        f"realisasi triwulan ({tw_text}, {WORDS[agregasi]} = {_fmt(realisasi)}) capaiannya "
        f"{_pct(ours[0])}."
    )


def _pct(value: float) -> str:
    return fmt_percent(value)
