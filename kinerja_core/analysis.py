"""Analysis of a period: per-indicator results, roll-ups, budget and the headline.

``evaluate`` turns canonical indicator rows into one row per indicator with realisasi up to
the chosen triwulan, capaian, predikat, gap and flags, plus the budget of its kode.
``rollup`` aggregates those to sub kegiatan, kegiatan, program or bidang; ``headline``
gives the numbers of the Beranda.

One definition each, used by every page, the CLI and the workbook: ``mean_capaian`` is *the*
rata-rata capaian of any set of indicators (``capaian_cap`` applied first, pagu-weighted
under ``rollup_weight = "pagu"``), ``budget_total`` the pagu and realisasi anggaran of a set
of anggaran rows (subtotal lines dropped), and ``anggaran_dinas`` the year's budget with the
rencana's pagu standing in for a bidang that has not sent its anggaran yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_core import formulas
from kinerja_core.model import (
    ANGGARAN_TW,
    REALISASI_TW,
    TARGET_TW,
    kode_level,
    kode_prefix,
    member_mask,
)
from kinerja_core.settings import Settings

FLAG_TARGET_KOSONG = "target kosong"
FLAG_TARGET_NOL = "target nol"
FLAG_KUALITATIF = "target kualitatif"
FLAG_KUALITATIF_DIPETAKAN = "kualitatif: capaian dari pengaturan kualitatif_nilai"
KOLOM_DALAM_RATA_RATA = "dalam_rata_rata"  # False: shown, but not counted in the means
FLAG_BELUM_ADA = "realisasi belum ada"
FLAG_DI_BAWAH = "di bawah ambang"
FLAG_PEMBAGI_NOL = "tidak dapat dihitung (realisasi nol, rumus T/R)"

LEVELS = ("bidang", "program", "kegiatan", "sub kegiatan")

# What capaian is measured against: the annual target (the E.81 and the default), or the
# target up to the chosen triwulan (the mid-year view).
ACUAN_TAHUNAN = "tahunan"
ACUAN_TRIWULAN = "triwulan"
ACUAN = (ACUAN_TAHUNAN, ACUAN_TRIWULAN)


def effective_budget(anggaran: pd.DataFrame) -> pd.DataFrame:
    """Keep only the most detailed kode rows, so a pagu is never counted twice.

    A file may give pagu on a kegiatan row and again on its sub kegiatan rows; the kegiatan
    row is then a subtotal and is dropped. Lines without a kode (kept by name; the reader
    already dropped those that only total the lines under them) stay as they are.
    """
    if anggaran.empty:
        return anggaran
    coded = anggaran["kode"] != ""
    frame = pd.concat(
        [
            anggaran[coded].drop_duplicates(subset=["tahun", "kode"], keep="last"),
            anggaran[~coded].drop_duplicates(subset=["tahun", "bidang", "uraian"], keep="last"),
        ]
    )
    parents = {
        ".".join(parts[:end])
        for parts in (kode.split(".") for kode in frame["kode"] if kode)
        for end in range(1, len(parts))
    }
    return frame[~member_mask(frame["kode"], parents)].sort_index().reset_index(drop=True)


def budget_total(anggaran: pd.DataFrame, sampai_tw: int) -> tuple[float, float]:
    """(pagu, realisasi anggaran up to TW ``sampai_tw``) of anggaran rows, each budget line
    counted once (``effective_budget``); NaN when there is no such line."""
    budget = effective_budget(anggaran)
    if budget.empty:
        return float("nan"), float("nan")
    spent = budget[ANGGARAN_TW[:sampai_tw]].sum(axis=1, min_count=1)
    return float(budget["pagu"].sum(min_count=1)), float(spent.sum(min_count=1))


def anggaran_dinas(submitted: pd.DataFrame, rencana: pd.DataFrame | None) -> pd.DataFrame:
    """The year's anggaran rows for Dinas figures: what the bidang sent, and for every bidang
    that sent no anggaran rows, its pagu from the rencana (realisasi empty).

    So the Dinas pagu is the whole plan's while some bidang are still missing, not only the
    pagu of those who sent; a bidang that sent keeps the pagu of its own file.
    """
    if rencana is None or rencana.empty:
        return submitted
    sent = set(submitted["bidang"]) if len(submitted) else set()
    missing = rencana[~member_mask(rencana["bidang"], sent)]
    if missing.empty:
        return submitted
    missing = missing.assign(**{column: np.nan for column in ANGGARAN_TW})
    if submitted.empty:
        return missing.reset_index(drop=True)
    return pd.concat([submitted, missing], ignore_index=True)


def capaian_weights(rows: pd.DataFrame, settings: Settings) -> np.ndarray | None:
    """The weights of the rata-rata capaian: under ``rollup_weight = "pagu"`` each indicator
    weighs the pagu of its kode (an indicator without pagu then weighs nothing, unless no
    indicator has a pagu: then every indicator weighs the same); otherwise None."""
    if settings.rollup_weight == "pagu":
        return rows["pagu"].to_numpy(dtype=float)
    return None


def mean_capaian(rows: pd.DataFrame, settings: Settings) -> float:
    """THE rata-rata capaian of a set of evaluated indicators (NaN when none is computable).

    The mean of ``capaian_tampil`` (``capaian_cap`` already applied), weighted by
    ``capaian_weights``. Beranda, Analisis, Rapat, the narratives, the CLI and the workbook
    all call this; ``rollup`` is its vectorised form per group.
    """
    return formulas.weighted_mean(averaged_capaian(rows), capaian_weights(rows, settings))


def averaged_capaian(rows: pd.DataFrame) -> np.ndarray:
    """``capaian_tampil`` as the means count it: NaN for an indicator left out of them (a
    qualitative capaian from ``kualitatif_nilai`` while ``kualitatif_dalam_rata_rata`` is
    off)."""
    values = rows["capaian_tampil"].to_numpy(dtype=float)
    if KOLOM_DALAM_RATA_RATA in rows:
        values = np.where(rows[KOLOM_DALAM_RATA_RATA].to_numpy(dtype=bool), values, np.nan)
    return values


def kualitatif_capaian(frame: pd.DataFrame, settings: Settings) -> np.ndarray:
    """Capaian of qualitative indicators from the ``kualitatif_nilai`` setting: value of the
    realisasi text / value of the target text × 100 (case and spacing ignored); NaN where the
    target is a number, either text has no value, or the target's value is 0."""
    out = np.full(len(frame), np.nan)
    if not settings.kualitatif_nilai or frame.empty:
        return out
    values = {" ".join(k.split()).casefold(): float(v) for k, v in settings.kualitatif_nilai}

    def value(text: object) -> float:
        return values.get(" ".join(str(text or "").split()).casefold(), np.nan)

    target = np.array([value(t) for t in frame["target_teks"]], dtype=float)
    realisasi = np.array([value(r) for r in frame["realisasi_teks"]], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mapped = realisasi / target * 100.0
    usable = np.isfinite(mapped) & (target > 0)
    out[usable] = mapped[usable]
    return out


def budget_for_codes(
    codes: pd.Series, anggaran: pd.DataFrame, sampai_tw: int, uraian: pd.Series | None = None
) -> pd.DataFrame:
    """Pagu and realisasi anggaran (up to TW n) under each kode, by kode prefix; a row
    without kode gets the budget line of the same name (``uraian``), if any."""
    budget = effective_budget(anggaran)
    result = pd.DataFrame({"kode": codes.to_numpy()})
    if budget.empty:
        result["pagu"] = np.nan
        result["realisasi_anggaran"] = np.nan
        return result
    spent = budget[ANGGARAN_TW[:sampai_tw]].sum(axis=1, min_count=1)
    totals: dict[str, list[float]] = {}
    for kode, name, pagu, used in zip(
        budget["kode"], budget["uraian"], budget["pagu"], spent, strict=True
    ):
        keys = (
            [".".join(kode.split(".")[:end]) for end in range(1, len(kode.split(".")) + 1)]
            if kode
            else ["~" + " ".join(str(name).casefold().split())]
        )
        for key in keys:
            entry = totals.setdefault(key, [np.nan, np.nan])
            if not np.isnan(pagu):
                entry[0] = pagu if np.isnan(entry[0]) else entry[0] + pagu
            if not np.isnan(used):
                entry[1] = used if np.isnan(entry[1]) else entry[1] + used
    missing = [np.nan, np.nan]
    names = uraian.to_numpy() if uraian is not None else [""] * len(result)
    keys = [
        k if k else "~" + " ".join(str(n).casefold().split())
        for k, n in zip(result["kode"], names, strict=True)
    ]
    result["pagu"] = [totals.get(k, missing)[0] if k != "~" else np.nan for k in keys]
    result["realisasi_anggaran"] = [totals.get(k, missing)[1] if k != "~" else np.nan for k in keys]
    return result


def evaluate(
    indicators: pd.DataFrame,
    anggaran: pd.DataFrame,
    sampai_tw: int = 4,
    settings: Settings | None = None,
    acuan: str = ACUAN_TAHUNAN,
) -> pd.DataFrame:
    """One row per indicator with its results up to TW ``sampai_tw``.

    ``acuan`` says what capaian and gap are measured against: ``"tahunan"`` the annual
    target, ``"triwulan"`` the target up to TW ``sampai_tw`` (``formulas.target_sampai``:
    the stored TW targets, or the annual target spread by the cara agregasi).

    Adds: target_acuan (the target used), realisasi, capaian (raw), capaian_tampil (cap
    applied), predikat, gap, gap_persen, flags, level, program, kegiatan, sub_kegiatan, pagu,
    realisasi_anggaran, serapan, efisiensi, kuadran.
    """
    if acuan not in ACUAN:
        raise ValueError(f"acuan harus salah satu dari {ACUAN}, bukan {acuan!r}")
    settings = settings or Settings()
    frame = indicators.copy().reset_index(drop=True)
    n = len(frame)
    realisasi_tw = frame[REALISASI_TW].to_numpy(dtype=float) if n else np.empty((0, 4))
    agregasi = frame["agregasi"].to_numpy(dtype=object)
    polaritas = frame["polaritas"].to_numpy(dtype=object)
    target = frame["target"].to_numpy(dtype=float)

    if acuan == ACUAN_TRIWULAN:
        per_tw = frame[TARGET_TW].to_numpy(dtype=float) if n else np.empty((0, 4))
        target = formulas.target_sampai(target, per_tw, agregasi, sampai_tw)

    realisasi = formulas.realisasi_sampai(realisasi_tw, agregasi, sampai_tw)
    frame["target_acuan"] = target
    raw = formulas.capaian(target, realisasi, polaritas, settings.negatif_method)
    kualitatif = kualitatif_capaian(frame, settings)
    mapped = ~np.isnan(kualitatif)
    raw = np.where(mapped, kualitatif, raw)
    shown = formulas.apply_cap(raw, settings.capaian_cap)
    frame[KOLOM_DALAM_RATA_RATA] = ~mapped | settings.kualitatif_dalam_rata_rata
    frame["realisasi"] = realisasi
    frame["capaian"] = raw
    frame["capaian_tampil"] = shown
    frame["predikat"] = formulas.predikat(shown, settings.predikat_bounds)
    frame["gap"] = formulas.gap(target, realisasi, polaritas)
    frame["gap_persen"] = 100.0 - shown
    frame["flags"] = _flags(frame, realisasi_tw[:, :sampai_tw], settings, target)

    frame["level"] = frame["kode"].map(kode_level)
    for level, column in (
        ("program", "program"),
        ("kegiatan", "kegiatan"),
        ("sub kegiatan", "sub_kegiatan"),
    ):
        frame[column] = frame["kode"].map(lambda kode, lv=level: kode_prefix(kode, lv))

    budget = budget_for_codes(frame["kode"], anggaran, sampai_tw, frame["uraian"])
    frame["pagu"] = budget["pagu"].to_numpy()
    frame["realisasi_anggaran"] = budget["realisasi_anggaran"].to_numpy()
    frame["serapan"] = formulas.serapan(frame["pagu"], frame["realisasi_anggaran"])
    frame["efisiensi"] = formulas.efisiensi_ratio(shown, frame["serapan"])
    frame["kuadran"] = formulas.efisiensi_kuadran(
        shown,
        frame["serapan"],
        settings.efisiensi_batas_kinerja,
        settings.efisiensi_batas_serapan,
    )
    return frame


def _flags(
    frame: pd.DataFrame, reported: np.ndarray, settings: Settings, target: np.ndarray
) -> list[str]:
    qualitative = frame["target_teks"].astype(str).str.strip().ne("").to_numpy()
    nothing_reported = (
        np.isnan(reported).all(axis=1) if reported.size else np.ones(len(frame), bool)
    )
    capaian = frame["capaian_tampil"].to_numpy(dtype=float)
    below = formulas.di_bawah_ambang(capaian, settings.flag_threshold)
    out = []
    for i in range(len(frame)):
        found = []
        if qualitative[i] and np.isnan(capaian[i]):
            found.append(FLAG_KUALITATIF)
        elif qualitative[i]:
            found.append(FLAG_KUALITATIF_DIPETAKAN)
        elif np.isnan(target[i]):
            found.append(FLAG_TARGET_KOSONG)
        elif target[i] == 0 and np.isnan(capaian[i]):
            found.append(FLAG_TARGET_NOL)
        elif np.isnan(capaian[i]) and not nothing_reported[i]:
            found.append(FLAG_PEMBAGI_NOL)  # the only other way a capaian is NaN
        if nothing_reported[i] and not qualitative[i]:
            found.append(FLAG_BELUM_ADA)
        if below[i]:
            found.append(FLAG_DI_BAWAH)
        out.append("; ".join(found))
    return out


def rollup(evaluated: pd.DataFrame, level: str, settings: Settings | None = None) -> pd.DataFrame:
    """Capaian and budget per bidang / program / kegiatan / sub kegiatan.

    Capaian is ``mean_capaian`` of each group's indicators (same numbers, computed per group
    at once); the budget sums the effective anggaran rows under each code, so it is
    counted once however many indicators share a kode.
    """
    settings = settings or Settings()
    key = {"bidang": "bidang", "program": "program", "kegiatan": "kegiatan"}.get(
        level, "sub_kegiatan"
    )
    columns = [key, "bidang", "uraian", "jumlah_indikator", "terhitung", "capaian"]
    rows = evaluated[evaluated[key] != ""]
    if rows.empty:
        result = pd.DataFrame(columns=columns).astype(
            {"jumlah_indikator": int, "terhitung": int, "capaian": float}
        )
    else:
        # Vectorised (groupby) equivalent of formulas.weighted_mean per group.
        values = pd.Series(averaged_capaian(rows), index=rows.index)
        valid = values.notna()
        work = pd.DataFrame(
            {
                "key": rows[key].to_numpy(),
                "bidang": rows["bidang"].to_numpy(),
                "value": values.to_numpy(),
                "valid": valid.to_numpy(),
            }
        )
        if settings.rollup_weight == "pagu":
            weight = rows["pagu"].astype(float).fillna(0.0).where(valid, 0.0).to_numpy()
        else:
            weight = np.zeros(len(rows))
        # Scale weights to the group's largest, so tiny or huge pagu cannot lose precision.
        largest = pd.Series(weight).groupby(work["key"].to_numpy()).transform("max").to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            weight = np.where(largest > 0, weight / largest, 0.0)
        work["weight"] = weight
        work["weighted"] = np.where(valid, values.fillna(0.0).to_numpy() * weight, 0.0)
        grouped = work.groupby("key", sort=True)
        plain = grouped["value"].mean()
        weight_sum = grouped["weight"].sum()
        weighted = grouped["weighted"].sum() / weight_sum.where(weight_sum > 0)
        capaian = weighted.where(weight_sum > 0, plain)
        result = pd.DataFrame(
            {
                key: plain.index.to_numpy(),
                "bidang": grouped["bidang"].first().to_numpy(),
                "uraian": "",
                "jumlah_indikator": grouped.size().to_numpy(),
                "terhitung": grouped["valid"].sum().astype(int).to_numpy(),
                "capaian": capaian.to_numpy(dtype=float),
            }
        )
        if key == "bidang":
            result["uraian"] = result[key]
        else:
            exact = rows[rows["kode"] == rows[key]].drop_duplicates(subset=key)
            names = dict(zip(exact[key], exact["uraian"].astype(str), strict=True))
            result["uraian"] = [names.get(value, "") for value in result[key]]
        result = result[columns]
    result = result.loc[:, ~result.columns.duplicated()]
    result["predikat"] = formulas.predikat(result["capaian"].to_numpy(), settings.predikat_bounds)
    return result


def budget_rollup(
    evaluated: pd.DataFrame, anggaran: pd.DataFrame, sampai_tw: int, level: str = "bidang"
) -> pd.DataFrame:
    """Pagu, realisasi and serapan per bidang (or per program/kegiatan code)."""
    budget = effective_budget(anggaran)
    if budget.empty:
        return pd.DataFrame(columns=[level, "pagu", "realisasi_anggaran", "serapan"])
    spent = budget[ANGGARAN_TW[:sampai_tw]].sum(axis=1, min_count=1)
    frame = pd.DataFrame(
        {
            "bidang": budget["bidang"],
            "kode": budget["kode"],
            "pagu": budget["pagu"],
            "realisasi_anggaran": spent,
        }
    )
    if level != "bidang":
        frame[level] = frame["kode"].map(lambda kode: kode_prefix(kode, level))
    grouped = (
        frame.groupby(level, sort=True)[["pagu", "realisasi_anggaran"]]
        .sum(min_count=1)
        .reset_index()
    )
    grouped["serapan"] = formulas.serapan(grouped["pagu"], grouped["realisasi_anggaran"])
    return grouped


@dataclass(frozen=True)
class Headline:
    tahun: int
    sampai_tw: int
    jumlah_indikator: int
    terhitung: int
    rata_rata_capaian: float
    predikat: str
    pagu: float
    realisasi_anggaran: float
    serapan: float
    per_predikat: dict[str, int]
    jumlah_bidang: int


def headline(
    evaluated: pd.DataFrame,
    anggaran: pd.DataFrame,
    tahun: int,
    sampai_tw: int,
    settings: Settings | None = None,
) -> Headline:
    """The numbers a Kepala Dinas reads first."""
    settings = settings or Settings()
    mean = mean_capaian(evaluated, settings)
    pagu, spent = budget_total(anggaran, sampai_tw)
    counts = evaluated["predikat"].value_counts()
    return Headline(
        tahun=tahun,
        sampai_tw=sampai_tw,
        jumlah_indikator=len(evaluated),
        terhitung=int(np.count_nonzero(~np.isnan(averaged_capaian(evaluated)))),
        rata_rata_capaian=mean,
        predikat=str(formulas.predikat(mean, settings.predikat_bounds)[0]),
        pagu=pagu,
        realisasi_anggaran=spent,
        serapan=float(formulas.serapan(pagu, spent)[0]),
        per_predikat={name: int(counts.get(name, 0)) for name in formulas.PREDIKAT},
        jumlah_bidang=int(evaluated["bidang"].nunique()),
    )


HITUNG_COLUMNS = [
    "tahun",
    "bidang",
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "target",
    *REALISASI_TW,
    "realisasi",
    "capaian",
    "predikat",
]
HITUNG_EXTRA_COLUMNS = [
    "target_teks",
    "gap",
    "pagu",
    "realisasi_anggaran",
    "serapan",
    "flags",
    "sumber",
    "baris",
]


def hitung_table(evaluated: pd.DataFrame) -> pd.DataFrame:
    """The stable flat table of `hitung` and of the workbook's Data sheet."""
    return evaluated[HITUNG_COLUMNS + HITUNG_EXTRA_COLUMNS].reset_index(drop=True)


def bidang_summary(
    evaluated: pd.DataFrame,
    anggaran: pd.DataFrame,
    sampai_tw: int,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Per bidang: indicators, capaian, predikat, pagu, realisasi anggaran, serapan."""
    kinerja = rollup(evaluated, "bidang", settings)
    budget = budget_rollup(evaluated, anggaran, sampai_tw, "bidang")
    merged = kinerja.merge(budget, on="bidang", how="outer")
    merged["jumlah_indikator"] = merged["jumlah_indikator"].fillna(0).astype(int)
    merged["efisiensi"] = formulas.efisiensi_ratio(merged["capaian"], merged["serapan"])
    columns = ["bidang", "jumlah_indikator", "terhitung", "capaian", "predikat"]
    columns += ["pagu", "realisasi_anggaran", "serapan", "efisiensi"]
    return merged[columns].sort_values("bidang").reset_index(drop=True)
