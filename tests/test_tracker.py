"""Submission tracker: belum / sudah / terlambat, versions, completeness, problems."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from kinerja_core import tracker
from kinerja_core.model import Problem, conform_indicators
from kinerja_core.store import Store
from tests.login import admin


def _ind(bidang, rows):
    return conform_indicators(
        pd.DataFrame(
            [
                {
                    "tahun": 2024,
                    "bidang": bidang,
                    "kode": kode,
                    "indikator": name,
                    "target": 10,
                    "target_teks": teks,
                    "realisasi_teks": rteks,
                    "realisasi_tw1": r1,
                    "realisasi_tw2": r2,
                }
                for kode, name, teks, rteks, r1, r2 in rows
            ]
        )
    )


PLAN = pd.concat(
    [
        _ind(
            "Bidang Statistik",
            [
                ("1.01", "A", "", "", np.nan, np.nan),
                ("1.02", "B", "", "", np.nan, np.nan),
                ("1.03", "Kualitas", "Baik", "", np.nan, np.nan),
                ("1.04", "D", "", "", np.nan, np.nan),
            ],
        ),
        _ind("Sekretariat", [("2.01", "S", "", "", np.nan, np.nan)]),
        _ind("Bidang Persandian", [("3.01", "P", "", "", np.nan, np.nan)]),
    ],
    ignore_index=True,
)


@pytest.fixture
def store(db_url) -> Store:
    return Store(db_url)


def _submit(store, bidang, frame, problems=()):
    return store.add_submission(
        tahun=2024,
        bidang=bidang,
        filename=f"{bidang}.xlsx",
        content=b"PK" + bidang.encode(),
        actor=admin("operator"),
        indicators=frame,
        anggaran=pd.DataFrame(),
        problems=list(problems),
        shape="tabel",
    )


def test_complete_rows_by_triwulan_and_qualitative():
    frame = _ind(
        "X",
        [
            ("1", "a", "", "", 1.0, np.nan),
            ("2", "b", "", "", 1.0, 2.0),
            ("3", "c", "Baik", "Baik", np.nan, np.nan),
            ("4", "d", "Baik", "", np.nan, np.nan),
        ],
    )
    assert list(tracker.complete_rows(frame, 1)) == [True, True, True, False]
    assert list(tracker.complete_rows(frame, 2)) == [False, True, True, False]
    akhir = frame.assign(agregasi="akhir")
    assert list(tracker.complete_rows(akhir, 2)) == [True, True, True, False]
    assert list(tracker.complete_rows(akhir.assign(realisasi_tw1=np.nan), 2)) == [
        False,
        True,
        True,
        False,
    ]


def test_tracker_statuses_versions_and_completeness(store, monkeypatch):
    statistik = _ind(
        "Bidang Statistik",
        [
            ("1.01", "A", "", "", 5.0, 6.0),
            ("1.02", "b ", "", "", 5.0, np.nan),  # TW II missing
            ("1.03", "Kualitas", "Baik", "Cukup", np.nan, np.nan),
            ("9.99", "Di luar rencana", "", "", 1.0, 1.0),
        ],
    )
    clock = {"now": datetime(2025, 1, 10, 9, 0)}
    monkeypatch.setattr("kinerja_core.store._now", lambda: clock["now"])
    _submit(store, "Bidang Statistik", statistik)  # on time, v1
    clock["now"] = datetime(2025, 1, 20, 8, 0)
    _submit(  # a correction after the due date, v2 with an error
        store,
        "Bidang Statistik",
        statistik,
        problems=[Problem("error", "x"), Problem("warning", "y")],
    )
    clock["now"] = datetime(2025, 1, 21, 7, 0)
    _submit(store, "Bidang Persandian", _ind("Bidang Persandian", [("3.01", "P", "", "", 1, 1)]))

    frame = tracker.tracker(
        store.submissions(2024),
        PLAN,
        store.indicators(2024),
        sampai_tw=2,
        batas_waktu=date(2025, 1, 15),
        today=date(2025, 1, 22),
    ).set_index("bidang")
    assert list(frame.index) == ["Sekretariat", "Bidang Statistik", "Bidang Persandian"]
    stat = frame.loc["Bidang Statistik"]
    assert stat["status"] == tracker.SUDAH  # first usable version was on time
    assert stat["versi"] == 2 and not stat["dapat_dipakai"]
    assert stat["versi_dipakai"] == 1  # v2 has an error: the analysis keeps v1
    assert stat["kesalahan"] == 1 and stat["peringatan"] == 1
    assert stat["diterima"] == pd.Timestamp(2025, 1, 20, 8, 0)
    # completeness from the latest *usable* rows (v1): A and Kualitas of 4 planned
    assert stat["indikator_rencana"] == 4 and stat["indikator_lengkap"] == 2
    assert stat["kelengkapan"] == pytest.approx(50.0)
    sandi = frame.loc["Bidang Persandian"]
    assert sandi["status"] == tracker.TERLAMBAT and sandi["kelengkapan"] == 100
    sekre = frame.loc["Sekretariat"]
    assert sekre["status"] == tracker.BELUM and sekre["lewat_batas"]
    assert sekre["versi"] == 0 and pd.isna(sekre["diterima"]) and sekre["kelengkapan"] == 0
    assert tracker.summary(frame.reset_index()) == {
        "sudah": 1,
        "terlambat": 1,
        "kesalahan": 0,
        "belum": 1,
    }


def test_a_bidang_whose_only_files_have_errors_is_not_sudah(store):
    broken = _ind("Bidang Persandian", [("3.01", "P", "", "", 1, 1)])
    _submit(store, "Bidang Persandian", broken, problems=[Problem("error", "x")])
    _submit(store, "Bidang Persandian", broken, problems=[Problem("error", "y")])
    _submit(store, "Sekretariat", _ind("Sekretariat", [("2.01", "S", "", "", 1, 1)]))
    frame = tracker.tracker(
        store.submissions(2024),
        PLAN,
        store.indicators(2024),
        sampai_tw=2,
        batas_waktu=date(2025, 1, 15),
        today=date(2025, 1, 22),
    ).set_index("bidang")
    sandi = frame.loc["Bidang Persandian"]
    assert sandi["status"] == tracker.KESALAHAN
    assert sandi["versi"] == 2 and sandi["versi_dipakai"] == 0
    assert sandi["lewat_batas"]  # still nothing usable after the due date
    assert sandi["kelengkapan"] == 0  # its rows are not in the analysis
    assert not tracker.has_usable(sandi["status"])
    assert tracker.has_usable(frame.loc["Sekretariat", "status"])
    assert tracker.summary(frame.reset_index()) == {
        "sudah": 0,
        "terlambat": 1,
        "kesalahan": 1,
        "belum": 1,
    }


def test_no_due_date_means_never_late(store):
    _submit(store, "Sekretariat", _ind("Sekretariat", [("2.01", "S", "", "", 1, np.nan)]))
    frame = tracker.tracker(
        store.submissions(2024), PLAN, store.indicators(2024), sampai_tw=1
    ).set_index("bidang")
    assert frame.loc["Sekretariat", "status"] == tracker.SUDAH
    assert not frame["lewat_batas"].any()
    assert frame.loc["Sekretariat", "kelengkapan"] == 100


def test_bidang_without_plan_is_measured_on_its_own_rows(store):
    own = _ind("Bidang Baru", [("5.01", "x", "", "", 1, 1), ("5.02", "y", "", "", 1, np.nan)])
    _submit(store, "Bidang Baru", own)
    frame = tracker.tracker(
        store.submissions(2024), PLAN, store.indicators(2024), sampai_tw=2
    ).set_index("bidang")
    assert frame.loc["Bidang Baru", "kelengkapan"] == 50


def test_history_lists_versions_newest_first(store):
    frame = _ind("Sekretariat", [("2.01", "S", "", "", 1, np.nan)])
    first = _submit(store, "Sekretariat", frame)
    second = _submit(store, "Sekretariat", frame, problems=[Problem("error", "x")])
    hist = tracker.history(store.submissions(2024), "Sekretariat")
    assert list(hist["submission_id"]) == [second, first]
    assert list(hist["versi"]) == [2, 1]
    assert list(hist["dapat_dipakai"]) == [False, True]
    assert store.submission_content(first) == b"PKSekretariat"
