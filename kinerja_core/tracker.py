"""The submission tracker (SOP step 5): per bidang, who has sent the data for a period.

Pure functions over the store's frames — submissions (without bytes), the year's rencana and
the current indicator rows — so the page only renders. For each bidang: belum / sudah /
terlambat / ada kesalahan against the period's due date, when the latest version arrived,
its version number, which version is used, how complete it is (share of the bidang's
rencana indicators whose realisasi up to the chosen triwulan is reported, see
``complete_rows``) and the latest version's outstanding problems.

"Sudah" (or "terlambat") needs a usable version: a bidang whose every file has errors is
"ada kesalahan" — its data is not in the analysis yet. "Terlambat" is judged on the first
usable version: a bidang that sent on time and corrected later is not late.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from kinerja_core import clock
from kinerja_core.model import BIDANG_SEKRETARIAT, REALISASI_TW, normalize_key_text

BELUM = "belum"
SUDAH = "sudah"
TERLAMBAT = "terlambat"
KESALAHAN = "kesalahan"  # sent, but no version is usable yet
STATUSES = (SUDAH, TERLAMBAT, KESALAHAN, BELUM)

TRACKER_COLUMNS = [
    "bidang",
    "status",
    "lewat_batas",  # no usable version, and the due date has passed
    "diterima",  # time the latest version arrived (NaT when none)
    "versi",  # latest version number (0 when none)
    "berkas",
    "pengunggah",
    "dapat_dipakai",  # the latest version is usable
    "versi_dipakai",  # the version whose rows the analysis uses (0 when none)
    "indikator_rencana",
    "indikator_lengkap",
    "kelengkapan",  # percent, NaN when there is nothing to measure against
    "kesalahan",
    "peringatan",
    "submission_id",  # of the latest version (0 when none)
]

HISTORY_COLUMNS = [
    "submission_id",
    "versi",
    "diterima",
    "berkas",
    "pengunggah",
    "bentuk",
    "dapat_dipakai",
    "baris",
    "kesalahan",
    "peringatan",
    "sha256",
    "ukuran",
]


def complete_rows(indicators: pd.DataFrame, sampai_tw: int) -> np.ndarray:
    """True per row when its realisasi up to ``sampai_tw`` is reported.

    kumulatif / rata-rata: every TW up to ``sampai_tw`` is filled (a missing TW is a gap in
    the series; type 0 for nothing done). akhir: at least one TW up to ``sampai_tw`` is
    filled (a level such as an annual index is measured when it is measured). A qualitative
    indicator (target as text) counts when its realisasi text is filled.
    """
    if indicators.empty:
        return np.zeros(0, dtype=bool)
    reported = ~np.isnan(indicators[REALISASI_TW[:sampai_tw]].to_numpy(dtype=float))
    akhir = (indicators["agregasi"] == "akhir").to_numpy()
    numeric_done = np.where(akhir, reported.any(axis=1), reported.all(axis=1))
    qualitative = indicators["target_teks"].astype(str).str.strip() != ""
    text_done = indicators["realisasi_teks"].astype(str).str.strip() != ""
    return np.where(qualitative.to_numpy(), text_done.to_numpy(), numeric_done)


def _keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [
        (kode, normalize_key_text(indikator))
        for kode, indikator in zip(frame["kode"], frame["indikator"], strict=True)
    ]


def _bidang_order(rencana: pd.DataFrame, submissions: pd.DataFrame, extra: Sequence[str]) -> list:
    names: list[str] = []
    for source in (list(extra), list(rencana.get("bidang", [])), list(submissions["bidang"])):
        for name in source:
            if name and name not in names:
                names.append(name)
    # Sekretariat first, as in the collection formats; the rest in their first-seen order.
    return sorted(names, key=lambda n: (n != BIDANG_SEKRETARIAT, names.index(n)))


def _day(value: object) -> date | None:
    """The office's calendar day of a stored time (UTC), in the configured zone."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return clock.local_date(value.to_pydatetime())
    if isinstance(value, datetime):
        return clock.local_date(value)
    if isinstance(value, date):
        return value
    return clock.local_date(pd.Timestamp(value).to_pydatetime())  # type: ignore[arg-type]


def _by_bidang(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    if frame.empty or "bidang" not in frame:
        return {}
    return {str(name): part for name, part in frame.groupby("bidang", sort=False)}


def tracker(
    submissions: pd.DataFrame,
    rencana: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    sampai_tw: int,
    batas_waktu: date | None = None,
    bidang: Sequence[str] = (),
    today: date | None = None,
) -> pd.DataFrame:
    """One row per bidang (of ``bidang``, the rencana and the submissions) for one tahun.

    ``submissions`` is ``Store.submissions(tahun)``, ``rencana`` the year's plan indicators and
    ``indicators`` the current (latest usable) indicator rows of the year.
    """
    today = today or clock.today()
    subs = submissions.copy()
    if not subs.empty:
        subs["uploaded_at"] = pd.to_datetime(subs["uploaded_at"])
    rows = []
    # Split each frame by bidang once (not one full-frame mask per bidang: a Bappeda has
    # hundreds of bidang and tens of thousands of rows).
    subs_of, plan_of, current_of = _by_bidang(subs), _by_bidang(rencana), _by_bidang(indicators)
    for name in _bidang_order(rencana, subs, bidang):
        mine = subs_of.get(name, subs.iloc[:0])
        plan = plan_of.get(name, rencana.iloc[:0])
        current = current_of.get(name, indicators.iloc[:0])
        row = {
            "bidang": name,
            "status": BELUM,
            "lewat_batas": bool(batas_waktu and today > batas_waktu),
            "diterima": pd.NaT,
            "versi": 0,
            "berkas": "",
            "pengunggah": "",
            "dapat_dipakai": False,
            "versi_dipakai": 0,
            "indikator_rencana": len(plan),
            "indikator_lengkap": 0,
            "kelengkapan": np.nan,
            "kesalahan": 0,
            "peringatan": 0,
            "submission_id": 0,
        }
        if not mine.empty:
            latest = mine.sort_values(["version", "id"]).iloc[-1]
            usable = mine[mine["usable"].astype(bool)]
            if usable.empty:
                status = KESALAHAN
            else:
                first = usable.sort_values("uploaded_at").iloc[0]
                received = _day(first["uploaded_at"])
                late = batas_waktu is not None and received is not None and received > batas_waktu
                status = TERLAMBAT if late else SUDAH
                row["lewat_batas"] = False
                row["versi_dipakai"] = int(
                    usable.sort_values(["version", "id"]).iloc[-1]["version"]
                )
            row.update(
                status=status,
                diterima=latest["uploaded_at"],
                versi=int(latest["version"]),
                berkas=str(latest["filename"]),
                pengunggah=str(latest["uploaded_by"]),
                dapat_dipakai=bool(latest["usable"]),
                kesalahan=int(latest["n_errors"]),
                peringatan=int(latest["n_warnings"]),
                submission_id=int(latest["id"]),
            )
        done = complete_rows(current, sampai_tw) if not current.empty else np.zeros(0, bool)
        if len(plan):
            done_keys = {k for k, ok in zip(_keys(current), done, strict=True) if ok}
            row["indikator_lengkap"] = sum(k in done_keys for k in set(_keys(plan)))
            row["kelengkapan"] = row["indikator_lengkap"] / len(set(_keys(plan))) * 100
        elif len(current):
            row["indikator_lengkap"] = int(done.sum())
            row["kelengkapan"] = done.mean() * 100
        rows.append(row)
    frame = pd.DataFrame(rows, columns=TRACKER_COLUMNS)
    frame["diterima"] = pd.to_datetime(frame["diterima"])
    return frame


def history(submissions: pd.DataFrame, bidang: str) -> pd.DataFrame:
    """Every version a bidang sent for the year, newest first."""
    mine = submissions[submissions["bidang"] == bidang].sort_values(
        ["version", "id"], ascending=False
    )
    return pd.DataFrame(
        {
            "submission_id": mine["id"].astype(int),
            "versi": mine["version"].astype(int),
            "diterima": pd.to_datetime(mine["uploaded_at"]),
            "berkas": mine["filename"].astype(str),
            "pengunggah": mine["uploaded_by"].astype(str),
            "bentuk": mine["shape"].astype(str),
            "dapat_dipakai": mine["usable"].astype(bool),
            "baris": mine["n_rows"].astype(int),
            "kesalahan": mine["n_errors"].astype(int),
            "peringatan": mine["n_warnings"].astype(int),
            "sha256": mine["sha256"].astype(str),
            "ukuran": mine["size"].astype(int),
        },
        columns=HISTORY_COLUMNS,
    ).reset_index(drop=True)


def summary(frame: pd.DataFrame) -> dict[str, int]:
    """Counts per status, in display order."""
    return {status: int((frame["status"] == status).sum()) for status in STATUSES}


def has_usable(status: str) -> bool:
    """Whether a bidang with this status has data in the analysis."""
    return status in (SUDAH, TERLAMBAT)


@dataclass(frozen=True)
class Coverage:
    """Which bidang the Dinas figures of a year stand on: those with a usable submission.

    ``expected`` are the bidang of the rencana and of the submissions (Sekretariat first);
    ``sent`` those with a usable version; ``broken`` those whose every file has errors;
    ``missing`` the rest of ``expected`` that sent nothing (``broken`` not included).
    """

    expected: tuple[str, ...]
    sent: tuple[str, ...]
    broken: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.broken and not self.missing

    def text(self) -> str:
        """'3 dari 5 bidang sudah mengirim; Persandian dan Statistik belum' ('' when complete)."""
        if self.complete:
            return ""
        parts = [f"{len(self.sent)} dari {len(self.expected)} bidang sudah mengirim"]
        if self.missing:
            parts.append(f"{_names(self.missing)} belum")
        if self.broken:
            what = "berkasnya" if len(self.broken) == 1 else "berkas mereka"
            parts.append(f"{_names(self.broken)} sudah mengirim tetapi {what} masih ada kesalahan")
        return "; ".join(parts)


def _short(name: str) -> str:
    return name[len("Bidang ") :] if name.startswith("Bidang ") else name


def _names(names: Sequence[str]) -> str:
    shown = [_short(n) for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " dan " + shown[-1]


def coverage(
    submissions: pd.DataFrame, rencana: pd.DataFrame, bidang: Sequence[str] = ()
) -> Coverage:
    """Who the year's Dinas figures include, from ``Store.submissions(tahun)`` and the plan."""
    expected = _bidang_order(rencana, submissions, bidang)
    usable, sent_any = set(), set()
    if not submissions.empty:
        sent_any = set(submissions["bidang"])
        usable = set(submissions.loc[submissions["usable"].astype(bool), "bidang"])
    return Coverage(
        expected=tuple(expected),
        sent=tuple(n for n in expected if n in usable),
        broken=tuple(n for n in expected if n in sent_any and n not in usable),
        missing=tuple(n for n in expected if n not in sent_any),
    )


def same_file(submissions: pd.DataFrame | None, sha256: str) -> dict | None:
    """The stored version with these exact bytes (``Store.submissions()``, any year), newest
    first: {versi, bidang, tahun, terakhir (it is its bidang's latest version)}; None."""
    if submissions is None or submissions.empty:
        return None
    same = submissions[submissions["sha256"] == sha256]
    if same.empty:
        return None
    found = same.sort_values(["version", "id"]).iloc[-1]
    mine = submissions[
        (submissions["tahun"] == found["tahun"]) & (submissions["bidang"] == found["bidang"])
    ]
    return {
        "versi": int(found["version"]),
        "bidang": str(found["bidang"]),
        "tahun": int(found["tahun"]),
        "terakhir": int(found["version"]) == int(mine["version"].max()),
    }
