"""Sasaran and Renstra figures of the E.81 (form columns 2, 5 and 6).

Owns three things: the figures taken from the year's rencana (where the Kasubag keeps
them; the plan's value wins over a file's, as for targets, a file's fills what the plan
lacks); the realisasi Renstra s/d tahun lalu (column 6, K and Rp) computed from the stored
earlier years of the Renstra period where neither gave it; and the list of what is still
missing for columns 2, 5 and 6, which the Ekspor page shows before download. ``lengkapi``
does the first two for every reader of evaluated figures (pages, export, CLI).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_core import formulas
from kinerja_core.analysis import effective_budget
from kinerja_core.model import (
    ANGGARAN_TW,
    REALISASI_TW,
    conform_anggaran,
    conform_indicators,
    normalize_key_text,
    normalize_kode,
)
from kinerja_core.report.e81 import kode_sort_key

INDICATOR_FIGURES = ["target_renstra", "realisasi_renstra_lalu"]
ANGGARAN_FIGURES = ["target_renstra_rp", "realisasi_renstra_lalu_rp"]


def _key(kode: str, indikator: str) -> tuple[str, str]:
    return normalize_kode(kode), normalize_key_text(indikator)


def dari_rencana(
    indicators: pd.DataFrame,
    anggaran: pd.DataFrame,
    rencana_indicators: pd.DataFrame | None,
    rencana_anggaran: pd.DataFrame | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(indicators, anggaran) with Sasaran and the Renstra figures of the year's rencana:
    per indicator (same kode and indikator) the sasaran, target Renstra and realisasi
    Renstra s/d tahun lalu (K); per kode the Renstra Rp. A figure the plan gives replaces the
    file's (the plan is where they are corrected); one the plan lacks keeps the file's."""
    ind, ang = indicators, anggaran
    if rencana_indicators is not None and len(rencana_indicators) and len(ind):
        plan = conform_indicators(rencana_indicators)
        by_key: dict[tuple[str, str], int] = {}
        for position, key in enumerate(zip(plan["kode"], plan["indikator"], strict=True)):
            by_key.setdefault(_key(*key), position)
        keys = zip(ind["kode"], ind["indikator"], strict=True)
        rows = [by_key.get(_key(k, i), -1) for k, i in keys]
        found = np.asarray(rows) >= 0
        if found.any():
            ind = ind.copy()
            take = np.where(found, rows, 0)
            planned = plan["sasaran"].to_numpy(dtype=object)[take]
            use = found & (planned != "")
            sasaran = np.where(use, planned, ind["sasaran"].to_numpy(dtype=object))
            ind["sasaran"] = pd.Series(sasaran, index=ind.index, dtype=object)  # as conform
            for column in INDICATOR_FIGURES:
                values = plan[column].to_numpy(dtype=float)[take]
                use = found & ~np.isnan(values)
                ind[column] = np.where(use, values, ind[column].to_numpy(dtype=float))
    if rencana_anggaran is not None and len(rencana_anggaran) and len(ang):
        plan_ang = conform_anggaran(rencana_anggaran)
        ang = ang.copy()
        kode = ang["kode"].map(normalize_kode)
        for column in ANGGARAN_FIGURES:
            per_kode = plan_ang.dropna(subset=[column]).drop_duplicates("kode")
            lookup = zip(per_kode["kode"].map(normalize_kode), per_kode[column], strict=True)
            from_plan = kode.map(dict(lookup)).astype(float)
            ang[column] = from_plan.fillna(ang[column].astype(float)).to_numpy()
    return ind, ang


def realisasi_lalu_rp(
    anggaran: pd.DataFrame,
    earlier: dict[int, pd.DataFrame],
    tahun: int,
    tahun_awal: int | None,
) -> pd.DataFrame:
    """``anggaran`` of ``tahun`` with column 6 (Rp) filled where it is empty: per kode the
    realisasi anggaran TW I–IV of every stored year ``tahun_awal`` … ``tahun − 1`` added
    up, only when every one of those years holds a realisasi for the kode (as
    ``realisasi_lalu``: a sum over some years would look right and be wrong)."""
    if tahun_awal is None or tahun_awal >= tahun or anggaran.empty:
        return anggaran
    years = list(range(tahun_awal, tahun))
    if any(earlier.get(year) is None or earlier[year].empty for year in years):
        return anggaran
    per_year = []
    for year in years:
        frame = earlier[year]
        spent = frame[ANGGARAN_TW].sum(axis=1, min_count=1)  # the year's realisasi anggaran
        per_kode = spent.groupby(frame["kode"].map(normalize_kode)).sum(min_count=1)
        per_year.append(per_kode.to_dict())
    out = anggaran.copy()
    current = out["realisasi_renstra_lalu_rp"].to_numpy(dtype=float).copy()
    for position, kode in enumerate(out["kode"].map(normalize_kode)):
        if not np.isnan(current[position]):
            continue
        values = [year.get(kode, np.nan) for year in per_year]
        if not any(np.isnan(v) for v in values):
            current[position] = sum(values)
    out["realisasi_renstra_lalu_rp"] = current
    return out


def lengkapi(
    indicators: pd.DataFrame,
    anggaran: pd.DataFrame,
    tahun: int,
    *,
    rencana: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    earlier: dict[int, tuple[pd.DataFrame, pd.DataFrame]] | None = None,
    tahun_awal: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The year's (indicators, anggaran) with columns 2, 5 and 6 as complete as the app
    can make them: from the ``rencana`` (``dari_rencana``), then column 6 K and Rp from the
    ``earlier`` years' (indicators, anggaran) of the Renstra period that starts in
    ``tahun_awal`` (``realisasi_lalu``, ``realisasi_lalu_rp``)."""
    ind, ang = indicators, anggaran
    if rencana is not None:
        ind, ang = dari_rencana(ind, ang, rencana[0], rencana[1])
    if earlier and tahun_awal is not None:
        ind = realisasi_lalu(ind, {y: pair[0] for y, pair in earlier.items()}, tahun, tahun_awal)
        ang = realisasi_lalu_rp(ang, {y: pair[1] for y, pair in earlier.items()}, tahun, tahun_awal)
    return ind, ang


def dari_store(store, tahun: int, tahun_awal: int | None, anggaran: pd.DataFrame):
    """``lengkapi`` over the store: the year's rows, rencana and (when ``tahun_awal`` is set)
    the earlier years of the Renstra period. ``anggaran``: the year's anggaran rows to use
    (``analysis.anggaran_dinas``). Returns (indicators, anggaran)."""
    earlier = None
    if tahun_awal is not None and tahun_awal < tahun:
        stored = set(store.years())
        earlier = {
            year: (store.indicators(year), store.anggaran(year))
            for year in range(tahun_awal, tahun)
            if year in stored
        }
    return lengkapi(
        store.indicators(tahun),
        anggaran,
        tahun,
        rencana=store.rencana(tahun),
        earlier=earlier,
        tahun_awal=tahun_awal,
    )


def _full_year(frame: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(kode, indikator) → the year's realisasi (TW IV, by the indicator's cara agregasi)."""
    if frame is None or frame.empty:
        return {}
    values = formulas.realisasi_sampai(
        frame[REALISASI_TW].to_numpy(dtype=float), frame["agregasi"].to_numpy(dtype=object), 4
    )
    return {
        _key(k, i): float(v)
        for k, i, v in zip(frame["kode"], frame["indikator"], values, strict=True)
    }


def realisasi_lalu(
    indicators: pd.DataFrame,
    earlier: dict[int, pd.DataFrame],
    tahun: int,
    tahun_awal: int | None,
) -> pd.DataFrame:
    """``indicators`` of ``tahun`` with column 6 (realisasi Renstra s/d tahun lalu, K)
    filled where it is empty, from the stored years ``tahun_awal`` … ``tahun − 1``.

    Only when every one of those years is stored and holds a realisasi for the indicator
    (same kode and indikator): kumulatif adds the years up, akhir and rata-rata take the
    last year's level. Otherwise the cell stays empty (it is listed as missing): a sum over
    some of the years would look right and be wrong. A value given in a file is kept.
    """
    if tahun_awal is None or tahun_awal >= tahun or indicators.empty:
        return indicators
    years = list(range(tahun_awal, tahun))
    if any(earlier.get(year) is None or earlier[year].empty for year in years):
        return indicators
    per_year = [_full_year(earlier[year]) for year in years]
    out = indicators.copy()
    current = out["realisasi_renstra_lalu"].to_numpy(dtype=float).copy()
    for position, (kode, indikator, agregasi) in enumerate(
        zip(out["kode"], out["indikator"], out["agregasi"], strict=True)
    ):
        if not np.isnan(current[position]):
            continue
        key = _key(kode, indikator)
        values = [year.get(key, np.nan) for year in per_year]
        if any(np.isnan(v) for v in values):
            continue
        current[position] = sum(values) if agregasi == "kumulatif" else values[-1]
    out["realisasi_renstra_lalu"] = current
    return out


@dataclass(frozen=True)
class Kekurangan:
    """One kind of figure still empty in the E.81: how many of how many, and examples."""

    kolom: str  # as the form names it, e.g. "kolom 5 K"
    uraian: str
    kosong: int
    dari: int
    contoh: tuple[str, ...]

    def text(self) -> str:
        return f"{self.uraian} ({self.kolom}): kosong pada {self.kosong} dari {self.dari}"


def _empty_indicator_figures(evaluated: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per form column (``"kolom 2"``, ``"kolom 5 K"``, ``"kolom 6 K"``): which indicator rows
    leave it empty. A qualitative target has no Renstra number to miss."""
    numeric = evaluated["target_teks"].astype(str).str.strip().eq("").to_numpy()
    return {
        "kolom 2": evaluated["sasaran"].astype(str).str.strip().eq("").to_numpy(),
        "kolom 5 K": evaluated["target_renstra"].isna().to_numpy() & numeric,
        "kolom 6 K": evaluated["realisasi_renstra_lalu"].isna().to_numpy() & numeric,
    }


def _budget_lines(anggaran: pd.DataFrame) -> pd.DataFrame:
    """The kode rows whose Renstra Rp the E.81 cannot do without: the budget lines
    (``analysis.effective_budget``). A program's or kegiatan's own row is not one: its
    amount, when not written on it, is the sum of its lines, which are listed themselves."""
    return effective_budget(anggaran) if len(anggaran) else anggaran


def _empty_money_figures(anggaran: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per form column (``"kolom 5 Rp"``, ``"kolom 6 Rp"``): which kode rows leave it empty."""
    return {
        "kolom 5 Rp": anggaran["target_renstra_rp"].isna().to_numpy(),
        "kolom 6 Rp": anggaran["realisasi_renstra_lalu_rp"].isna().to_numpy(),
    }


def kekurangan(
    evaluated: pd.DataFrame, anggaran: pd.DataFrame, tahun_awal: int | None = None
) -> list[Kekurangan]:
    """What is still empty in columns 2, 5 and 6 of the E.81 of these rows (nothing when
    every figure is there). ``tahun_awal``: the Renstra's first year, if set."""
    out: list[Kekurangan] = []
    n = len(evaluated)
    if n == 0:
        return out
    names = evaluated["indikator"].astype(str).tolist()

    def add(kolom: str, uraian: str, empty: np.ndarray, labels: list[str]) -> None:
        count = int(empty.sum())
        if count:
            examples = tuple(label for label, e in zip(labels, empty, strict=True) if e)[:5]
            out.append(Kekurangan(kolom, uraian, count, len(labels), examples))

    empty = _empty_indicator_figures(evaluated)
    add("kolom 2", "Sasaran", empty["kolom 2"], names)
    add("kolom 5 K", "Target Renstra akhir periode", empty["kolom 5 K"], names)
    lalu = "Realisasi Renstra s/d tahun lalu"
    if tahun_awal is None:
        lalu += (
            " (isi tahun awal periode Renstra di halaman Pengaturan agar dihitung dari tahun"
            " tersimpan)"
        )
    add("kolom 6 K", lalu, empty["kolom 6 K"], names)
    anggaran = _budget_lines(anggaran)
    if len(anggaran):
        kode = anggaran["kode"].astype(str).tolist()
        money = _empty_money_figures(anggaran)
        for kolom, uraian in (
            ("kolom 5 Rp", "Target Renstra akhir periode (anggaran)"),
            ("kolom 6 Rp", "Realisasi Renstra s/d tahun lalu"),
        ):
            add(kolom, uraian + " per kode", money[kolom], kode)
    return out


ANGGARAN_ROW = "(anggaran kode ini)"  # the Indikator cell of a kode's Rp row
MISSING_COLUMNS = ["Bidang", "Kode", "Indikator", "Kosong", "Program / Kegiatan / Sub Kegiatan"]


def kekurangan_rinci(evaluated: pd.DataFrame, anggaran: pd.DataFrame) -> pd.DataFrame:
    """Every indicator and kode with an empty column 2, 5 or 6, one row each, in kode order:
    the table a Kasubag works through on the Rencana page (``MISSING_COLUMNS``; "Kosong"
    names the form columns, e.g. "kolom 2, kolom 5 K"). Same definition as ``kekurangan``."""
    parts = []
    anggaran = _budget_lines(anggaran)
    if len(evaluated):
        empty = _empty_indicator_figures(evaluated)
        parts.append(
            pd.DataFrame(
                {
                    "Bidang": evaluated["bidang"].astype(str).to_numpy(),
                    "Kode": evaluated["kode"].astype(str).to_numpy(),
                    "Program / Kegiatan / Sub Kegiatan": evaluated["uraian"].astype(str).to_numpy(),
                    "Indikator": evaluated["indikator"].astype(str).to_numpy(),
                    "Kosong": _names_of_empty(empty, len(evaluated)),
                    "_urut": 0,
                }
            )
        )
    if len(anggaran):
        money = _empty_money_figures(anggaran)
        parts.append(
            pd.DataFrame(
                {
                    "Bidang": anggaran["bidang"].astype(str).to_numpy(),
                    "Kode": anggaran["kode"].astype(str).to_numpy(),
                    "Program / Kegiatan / Sub Kegiatan": anggaran["uraian"].astype(str).to_numpy(),
                    "Indikator": ANGGARAN_ROW,
                    "Kosong": _names_of_empty(money, len(anggaran)),
                    "_urut": 1,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=MISSING_COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    table = table[table["Kosong"] != ""]
    order = sorted(
        range(len(table)),
        key=lambda i: (kode_sort_key(table["Kode"].iloc[i]), int(table["_urut"].iloc[i])),
    )
    return table.iloc[order][MISSING_COLUMNS].reset_index(drop=True)


def _names_of_empty(empty: dict[str, np.ndarray], n: int) -> list[str]:
    names = list(empty)
    flags = np.column_stack([empty[name] for name in names]) if n else np.empty((0, 0))
    return [", ".join(name for name, e in zip(names, row, strict=True) if e) for row in flags]
