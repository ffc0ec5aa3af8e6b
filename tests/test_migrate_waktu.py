"""Migration 0003: times a 0.1 database stored on the server's clock become UTC."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime

import pytest

from kinerja_core.store import Store
from tests.test_migrate import RELEASE_0_1_SCHEMA


@pytest.fixture
def server_in_wita(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Makassar")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_server_local_times_become_utc(tmp_path, server_in_wita):
    path = tmp_path / "lama.db"
    legacy = sqlite3.connect(path)
    legacy.executescript(RELEASE_0_1_SCHEMA.read_text(encoding="utf-8"))
    legacy.execute(
        "INSERT INTO notes (tahun, sampai_tw, bidang, jenis, isi, penulis, dibuat_pada) "
        "VALUES (2024, 2, '', 'catatan', 'Rapat TW II', 'Kasubag', '2024-07-10 09:30:00')"
    )
    legacy.execute(
        "INSERT INTO audit_log (at, who, action, detail) "
        "VALUES ('2024-07-10 09:30:00', 'Kasubag', 'tambah catatan', '')"
    )
    legacy.commit()
    legacy.close()

    store = Store(f"sqlite:///{path}")
    note = store.notes(2024).iloc[0]
    assert note["dibuat_pada"].to_pydatetime() == datetime(2024, 7, 10, 1, 30)  # 09.30 WITA
    assert store.audit()["at"].iloc[-1].to_pydatetime() == datetime(2024, 7, 10, 1, 30)
    store.engine.dispose()
    assert Store(f"sqlite:///{path}").notes(2024).iloc[0]["dibuat_pada"].hour == 1  # once
