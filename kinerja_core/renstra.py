"""Sasaran and Renstra figures of the E.81 (form columns 2, 5 and 6).

Owns two things: the realisasi Renstra s/d tahun lalu (column 6, K) computed from the
stored earlier years of the Renstra period where a file did not give it, and the list of
what is still missing for columns 2, 5 and 6, which the Ekspor page shows before download.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_core import formulas
from kinerja_core.model import REALISASI_TW, normalize_key_text


def _key(kode: str, indikator: str) -> tuple[str, str]:
    return kode, normalize_key_text(indikator)


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

    numeric = evaluated["target_teks"].astype(str).str.strip().eq("").to_numpy()
    add("kolom 2", "Sasaran", evaluated["sasaran"].astype(str).str.strip().eq("").to_numpy(), names)
    add(
        "kolom 5 K",
        "Target Renstra akhir periode",
        evaluated["target_renstra"].isna().to_numpy() & numeric,
        names,
    )
    lalu = "Realisasi Renstra s/d tahun lalu"
    if tahun_awal is None:
        lalu += " (isi tahun awal Renstra di pengaturan agar dihitung dari tahun tersimpan)"
    add("kolom 6 K", lalu, evaluated["realisasi_renstra_lalu"].isna().to_numpy() & numeric, names)
    if len(anggaran):
        kode = anggaran["kode"].astype(str).tolist()
        for column, kolom, uraian in (
            ("target_renstra_rp", "kolom 5 Rp", "Target Renstra akhir periode (anggaran)"),
            ("realisasi_renstra_lalu_rp", "kolom 6 Rp", "Realisasi Renstra s/d tahun lalu"),
        ):
            add(kolom, uraian + " per kode", anggaran[column].isna().to_numpy(), kode)
    return out
