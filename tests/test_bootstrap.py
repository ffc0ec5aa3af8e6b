"""First start: the demo workbooks go through ingest into the store, with a rencana."""

from kinerja_core.bootstrap import DEMO_USER, demo_files, ensure_ready
from kinerja_core.demo import BIDANG, DEMO_YEARS, demo_frames
from kinerja_core.store import Store


def test_empty_store_is_seeded_once(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'k.db'}")
    ensure_ready(store)
    assert store.years() == list(DEMO_YEARS)
    submissions = store.submissions()
    assert len(submissions) == sum(len(files) for files in demo_files().values())
    assert set(submissions["uploaded_by"]) == {DEMO_USER}
    assert submissions["usable"].all() and (submissions["n_errors"] == 0).all()
    for tahun in DEMO_YEARS:
        expected, budget = demo_frames(tahun)
        stored = store.indicators(tahun)
        assert sorted(stored["bidang"].unique()) == sorted(BIDANG)
        assert len(stored) == len(expected)
        assert store.anggaran(tahun)["pagu"].sum() == budget["pagu"].sum()
        plan, plan_budget = store.rencana(tahun)
        assert len(plan) == len(expected) and plan["realisasi_tw1"].isna().all()
        assert plan_budget["pagu"].sum() == budget["pagu"].sum()
        assert plan_budget["anggaran_tw1"].isna().all()
        assert store.period(tahun)["sampai_tw"] == 4
    ensure_ready(store)  # a second start adds nothing
    assert len(store.submissions()) == len(submissions)


def test_demo_submissions_are_dated_around_the_due_date(tmp_path):
    from datetime import datetime

    from kinerja_core import clock, tracker

    store = Store(f"sqlite:///{tmp_path / 'k.db'}")
    ensure_ready(store)
    received = store.submissions(2024).set_index("bidang")["uploaded_at"]
    # stored in UTC; 17 January 2025 14.05 in Luwu Timur (WITA, UTC+8)
    assert received["Bidang Persandian"] == datetime(2025, 1, 17, 6, 5)
    assert clock.fmt_waktu(received["Bidang Persandian"], "Asia/Makassar") == (
        "17 Januari 2025 14.05 WITA"
    )
    assert (received.drop("Bidang Persandian") < datetime(2025, 1, 15)).all()
    status = tracker.tracker(
        store.submissions(2024),
        store.rencana(2024)[0],
        store.indicators(2024),
        sampai_tw=4,
        batas_waktu=store.period(2024)["batas_waktu"],
    ).set_index("bidang")["status"]
    assert status["Bidang Persandian"] == tracker.TERLAMBAT
    assert (status.drop("Bidang Persandian") == tracker.SUDAH).all()
