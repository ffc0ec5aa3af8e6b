"""The official formulas of DESIGN.md §3, vectorised over numpy arrays.

Realisasi up to a triwulan by cara agregasi, capaian by polaritas, predikat
(Permendagri 86/2017), gap, serapan anggaran and efisiensi. Every function accepts
scalars or arrays and returns float arrays where NaN means "tidak dapat dihitung".
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

PREDIKAT = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
DEFAULT_BOUNDS = (91.0, 76.0, 66.0, 51.0)

EFISIEN = "Efisien"
SESUAI = "Sesuai rencana"
PERLU_PERHATIAN = "Perlu perhatian"
BELUM_OPTIMAL = "Belum optimal"
KUADRAN = (EFISIEN, SESUAI, PERLU_PERHATIAN, BELUM_OPTIMAL)


def realisasi_sampai(
    realisasi_tw: np.ndarray, agregasi: Sequence[str] | np.ndarray, sampai_tw: int
) -> np.ndarray:
    """Realisasi up to TW ``sampai_tw`` for each row of an (n, 4) array.

    kumulatif = sum of the reported TWs, akhir = last reported TW, rata-rata = mean of the
    reported TWs. A row with nothing reported yet is NaN.
    """
    values = np.asarray(realisasi_tw, dtype=float).reshape(-1, 4)[:, :sampai_tw]
    agregasi = np.asarray(agregasi, dtype=object).reshape(-1)
    reported = ~np.isnan(values)
    any_reported = reported.any(axis=1)

    total = np.where(any_reported, np.nansum(values, axis=1), np.nan)
    counts = reported.sum(axis=1)
    with np.errstate(all="ignore"):
        mean = np.where(counts > 0, np.nansum(values, axis=1) / np.maximum(counts, 1), np.nan)
    last_index = np.where(any_reported, sampai_tw - 1 - np.argmax(reported[:, ::-1], axis=1), 0)
    last = np.where(any_reported, values[np.arange(len(values)), last_index], np.nan)

    return np.select([agregasi == "akhir", agregasi == "rata-rata"], [last, mean], default=total)


def target_sampai(
    target: ArrayLike,
    target_tw: np.ndarray,
    agregasi: Sequence[str] | np.ndarray,
    sampai_tw: int,
) -> np.ndarray:
    """The target to be reached by the end of TW ``sampai_tw``, per row (the mid-year basis).

    From the stored per-TW targets when a row has any, else the annual target spread by the
    row's cara agregasi: kumulatif = the sum of the TW targets up to n (a TW without its own
    target counts 0), or T × n / 4; akhir = TW n's own target, or T; rata-rata = the mean of
    the TW targets up to n (T where a TW has none), or T. At TW IV with no per-TW targets this
    is the annual target.
    """
    annual = np.atleast_1d(np.asarray(target, dtype=float)).reshape(-1)
    per_tw = np.asarray(target_tw, dtype=float).reshape(-1, 4)
    agregasi = np.asarray(agregasi, dtype=object).reshape(-1)
    has_tw = ~np.isnan(per_tw).all(axis=1)
    upto = per_tw[:, :sampai_tw]
    kumulatif = np.where(has_tw, np.nansum(upto, axis=1), annual * sampai_tw / 4)
    own = upto[:, -1]
    akhir = np.where(np.isnan(own), annual, own)
    filled = np.where(np.isnan(upto), annual[:, None], upto)
    with np.errstate(all="ignore"):
        rata = np.where(has_tw, filled.mean(axis=1), annual)
    return np.select(
        [agregasi == "akhir", agregasi == "rata-rata"], [akhir, rata], default=kumulatif
    ).astype(float)


def capaian(
    target: ArrayLike,
    realisasi: ArrayLike,
    polaritas: Sequence[str] | np.ndarray | str,
    negatif_method: str = "2T-R",
) -> np.ndarray:
    """Capaian (%), raw and uncapped.

    positif: R / T × 100. negatif: (2T − R) / T × 100 floored at 0, or T / R × 100 when
    ``negatif_method == "T/R"``. T = 0 or missing, or R missing: NaN — except negatif with
    T = 0 and R = 0, which is 100 (nothing happened and nothing was allowed to).
    """
    t = np.atleast_1d(np.asarray(target, dtype=float))
    r = np.atleast_1d(np.asarray(realisasi, dtype=float))
    t, r = np.broadcast_arrays(t, r)
    pol = np.broadcast_to(np.asarray(polaritas, dtype=object), t.shape)
    negatif = pol == "negatif"
    usable = ~np.isnan(t) & ~np.isnan(r) & (t != 0)
    with np.errstate(all="ignore"):
        positif_value = r / t * 100
        if negatif_method == "T/R":
            negatif_value = np.where(r != 0, t / r * 100, np.nan)
        else:
            negatif_value = np.maximum((2 * t - r) / t * 100, 0.0)
    result = np.where(usable, np.where(negatif, negatif_value, positif_value), np.nan)
    zero_zero = negatif & (t == 0) & (r == 0)
    return np.where(zero_zero, 100.0, result).astype(float)


def apply_cap(values: ArrayLike, cap: float | None) -> np.ndarray:
    """Cap capaian for averaging or display; the stored value stays raw."""
    values = np.asarray(values, dtype=float)
    return values if cap is None else np.minimum(values, cap)


def predikat(values: ArrayLike, bounds: Sequence[float] = DEFAULT_BOUNDS) -> np.ndarray:
    """Predikat per Permendagri 86/2017 lower bounds; '' where capaian is NaN."""
    v = np.atleast_1d(np.asarray(values, dtype=float))
    b1, b2, b3, b4 = bounds
    conditions = [np.isnan(v), v >= b1, v >= b2, v >= b3, v >= b4]
    return np.select(conditions, ["", *PREDIKAT[:4]], default=PREDIKAT[4]).astype(object)


def di_bawah_ambang(capaian_pct: ArrayLike, threshold: float) -> np.ndarray:
    """True where a (capped) capaian is under the flag threshold; a capaian exactly on the
    threshold is not under it, and a NaN capaian is never flagged. The one test of "di bawah
    ambang" used by the flags, the counts, the narratives and the Rapat."""
    c = np.atleast_1d(np.asarray(capaian_pct, dtype=float))
    with np.errstate(invalid="ignore"):
        return ~np.isnan(c) & (c < threshold)


def predikat_rank(name: str) -> int:
    """0 for Sangat Tinggi … 4 for Sangat Rendah, 5 for none (sorting helper)."""
    return PREDIKAT.index(name) if name in PREDIKAT else len(PREDIKAT)


def gap(
    target: ArrayLike,
    realisasi: ArrayLike,
    polaritas: Sequence[str] | np.ndarray | str,
) -> np.ndarray:
    """Distance still to go, in the indicator's satuan: T − R (positif), R − T (negatif)."""
    t = np.atleast_1d(np.asarray(target, dtype=float))
    r = np.atleast_1d(np.asarray(realisasi, dtype=float))
    t, r = np.broadcast_arrays(t, r)
    negatif = np.broadcast_to(np.asarray(polaritas, dtype=object), t.shape) == "negatif"
    return np.where(negatif, r - t, t - r).astype(float)


def serapan(pagu: ArrayLike, realisasi_rp: ArrayLike) -> np.ndarray:
    """Serapan anggaran (%) = Σ realisasi Rp / pagu × 100; NaN when pagu is 0 or missing."""
    p = np.atleast_1d(np.asarray(pagu, dtype=float))
    r = np.atleast_1d(np.asarray(realisasi_rp, dtype=float))
    with np.errstate(all="ignore"):
        return np.where((p > 0) & ~np.isnan(r), r / p * 100, np.nan).astype(float)


def efisiensi_ratio(capaian_pct: ArrayLike, serapan_pct: ArrayLike) -> np.ndarray:
    """Capaian kinerja per serapan anggaran; above 1 means more result per rupiah spent."""
    c = np.atleast_1d(np.asarray(capaian_pct, dtype=float))
    s = np.atleast_1d(np.asarray(serapan_pct, dtype=float))
    with np.errstate(all="ignore"):
        return np.where(s > 0, c / s, np.nan).astype(float)


def efisiensi_kuadran(
    capaian_pct: ArrayLike,
    serapan_pct: ArrayLike,
    batas_kinerja: float = 91.0,
    batas_serapan: float = 91.0,
) -> np.ndarray:
    """Quadrant of kinerja against anggaran ('' where either is unknown).

    target met with less money → Efisien; met and spent → Sesuai rencana;
    spent but missed → Perlu perhatian; neither → Belum optimal.
    """
    c = np.atleast_1d(np.asarray(capaian_pct, dtype=float))
    s = np.atleast_1d(np.asarray(serapan_pct, dtype=float))
    c, s = np.broadcast_arrays(c, s)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        met = c >= batas_kinerja
        spent = s >= batas_serapan
    unknown = np.isnan(c) | np.isnan(s)
    conditions = [unknown, met & ~spent, met & spent, ~met & spent]
    return np.select(
        conditions, ["", EFISIEN, SESUAI, PERLU_PERHATIAN], default=BELUM_OPTIMAL
    ).astype(object)


def weighted_mean(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Mean of the non-NaN values; pagu-weighted when weights are given and not all zero."""
    v = np.asarray(values, dtype=float)
    mask = ~np.isnan(v)
    if not mask.any():
        return float("nan")
    if weights is not None:
        w = np.nan_to_num(np.asarray(weights, dtype=float)[mask], nan=0.0)
        if w.max(initial=0.0) > 0:
            # scaled to the largest weight, so tiny or huge pagu cannot lose precision
            return float(np.average(v[mask], weights=w / w.max()))
    return float(v[mask].mean())
