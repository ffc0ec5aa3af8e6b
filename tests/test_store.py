"""Store: submissions keep their bytes and versions; current rows; rencana; periods; notes."""

import hashlib
import threading
from datetime import date

import pandas as pd
import pytest

from kinerja_core.model import Problem
from kinerja_core.store import Store
from tests.login import admin


@pytest.fixture
def store(db_url) -> Store:
    return Store(db_url)


def rows(target: float, bidang: str = "Bidang Statistik") -> pd.DataFrame:
    return pd.DataFrame(
        [dict(bidang=bidang, kode="2.20.02.2.01.0001", indikator="Dokumen", target=target,
              realisasi_tw1=5, uraian="=SUM(A1)")]
    )  # fmt: skip


def add(store: Store, content: bytes, target: float, problems=(), bidang="Bidang Statistik"):
    return store.add_submission(
        tahun=2024,
        bidang=bidang,
        filename="statistik.xlsx",
        content=content,
        actor=admin("kasubag"),
        indicators=rows(target, bidang),
        anggaran=pd.DataFrame([dict(bidang=bidang, kode="2.20.02.2.01.0001", pagu=1e9)]),
        problems=list(problems),
    )


def test_new_database_is_empty(store):
    assert store.is_empty() and store.years() == [] and store.data_version() == 0


def test_submission_keeps_bytes_hash_and_versions(store):
    first = add(store, b"versi satu", 10)
    second = add(store, b"versi dua", 12)
    listing = store.submissions(2024).set_index("id")
    assert listing.loc[first, "version"] == 1 and listing.loc[second, "version"] == 2
    assert listing.loc[second, "sha256"] == hashlib.sha256(b"versi dua").hexdigest()
    assert store.submission_content(first) == b"versi satu"
    current = store.indicators(2024)
    assert len(current) == 1 and current.loc[0, "target"] == 12
    assert current.loc[0, "uraian"] == "=SUM(A1)"
    assert store.anggaran(2024).loc[0, "pagu"] == 1e9


def test_submission_with_errors_is_kept_but_not_used(store):
    add(store, b"baik", 10)
    bad = add(store, b"rusak", 99, [Problem("error", "Kolom target kosong", row=7)])
    assert store.submission_content(bad) == b"rusak"
    assert store.submission_problems(bad)[0].row == 7
    assert store.indicators(2024).loc[0, "target"] == 10


def test_current_rows_per_bidang(store):
    add(store, b"a", 10, bidang="Bidang Statistik")
    add(store, b"b", 20, bidang="Bidang Persandian")
    add(store, b"c", 30, bidang="Bidang Statistik")
    current = store.indicators(2024).set_index("bidang")["target"]
    assert current.to_dict() == {"Bidang Persandian": 20, "Bidang Statistik": 30}


def test_rencana_replaced(store):
    store.set_rencana(2024, rows(10), pd.DataFrame(), actor=admin())
    store.set_rencana(2024, pd.concat([rows(11), rows(12)]), pd.DataFrame(), actor=admin())
    plan, budget = store.rencana(2024)
    assert sorted(plan["target"]) == [11, 12] and budget.empty
    assert store.years() == [2024]


def test_rencana_bidang_in_the_plans_order_without_reading_the_plan(store):
    plan = pd.concat([rows(1, "Sekretariat"), rows(2, "Bidang B"), rows(3, "Bidang A"),
                      rows(4, "Bidang B"), rows(5, "Sekretariat")])  # fmt: skip
    store.set_rencana(2024, plan, pd.DataFrame(), actor=admin())
    names = list(store.rencana_bidang(2024)["bidang"])
    assert names == list(dict.fromkeys(store.rencana(2024)[0]["bidang"]))
    assert names == ["Sekretariat", "Bidang B", "Bidang A"]
    assert store.rencana_bidang(2023).empty


def test_period_and_notes(store):
    store.open_period(2024, 3, date(2024, 10, 15), actor=admin("kasubag"))
    assert store.period(2024)["batas_waktu"] == date(2024, 10, 15)
    store.add_note(
        tahun=2024, sampai_tw=3, isi="Percepat pengadaan", jenis="keputusan", actor=admin()
    )
    assert store.notes(2024).loc[0, "isi"] == "Percepat pengadaan"


def test_data_version_moves_on_every_write(store):
    before = store.data_version()
    add(store, b"x", 1)
    store.log("kasubag", "lihat")
    assert store.data_version() == before + 2
    assert store.audit().iloc[0]["action"] == "lihat"


def test_concurrent_writers_do_not_fail(store):
    errors = []

    def write(n: int) -> None:
        try:
            for i in range(5):
                add(store, f"{n}-{i}".encode(), i, bidang=f"Bidang {n}")
        except Exception as error:  # pragma: no cover - the assertion below reports it
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.submissions(2024)) == 20


def test_unopenable_database_is_told_in_indonesian(tmp_path):
    from kinerja_core.store import StoreUnavailable

    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    with pytest.raises(StoreUnavailable) as raised:
        Store(f"sqlite:///{blocker / 'kinerja.db'}")
    assert "KINERJA_DB" in str(raised.value) and "tidak dapat dibuka" in str(raised.value)
