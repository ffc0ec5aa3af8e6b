"""Migrations: one head, schema equal to store.py's, and a 0.1 database upgraded in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kinerja_core import migrate
from kinerja_core.bootstrap import seed_demo
from kinerja_core.store import Store, metadata

RELEASE_0_1_SCHEMA = Path(__file__).parent / "data" / "schema_release_0_1.sql"


def test_one_head():
    assert migrate.head_revision()


def test_migrated_schema_equals_the_schema_in_code(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'baru.db'}")
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
        assert migrate.current_revision(conn) == migrate.head_revision()
    assert differences == [], "store.py changed without a migration: python -m kinerja_core.migrate"


def test_upgrade_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'dua.db'}"
    Store(url).engine.dispose()
    store = Store(url)
    with store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()


def _release_0_1_database(path: Path, source: Path) -> dict[str, int]:
    """A database as release 0.1 made it, holding every row of ``source`` that fits its tables."""
    legacy = sqlite3.connect(path)
    legacy.executescript(RELEASE_0_1_SCHEMA.read_text(encoding="utf-8"))
    counts = {}
    with sqlite3.connect(source) as full:
        tables = [r[0] for r in legacy.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in legacy.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(columns)
            rows = full.execute(f"SELECT {names} FROM {table}").fetchall()
            marks = ", ".join("?" * len(columns))
            legacy.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
            counts[table] = len(rows)
    legacy.commit()
    legacy.close()
    return counts


def test_release_0_1_database_upgrades_and_keeps_every_row(tmp_path):
    seeded = Store(f"sqlite:///{tmp_path / 'sumber.db'}")
    seed_demo(seeded)
    seeded.add_note(tahun=2024, sampai_tw=4, isi="Catatan lama", penulis="Kasubag")
    seeded.engine.dispose()
    counts = _release_0_1_database(tmp_path / "lama.db", tmp_path / "sumber.db")
    assert counts["submissions"] >= 10 and counts["indicator_rows"] > 100 and counts["notes"] == 1

    upgraded = Store(f"sqlite:///{tmp_path / 'lama.db'}")
    with upgraded.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        for table, count in counts.items():
            assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar() == count, table
    reference = Store(f"sqlite:///{tmp_path / 'sumber.db'}")
    for tahun in (2023, 2024):
        pd.testing.assert_frame_equal(upgraded.indicators(tahun), reference.indicators(tahun))
        pd.testing.assert_frame_equal(upgraded.anggaran(tahun), reference.anggaran(tahun))
    assert upgraded.notes(2024)["isi"].tolist() == ["Catatan lama"]
    assert upgraded.submission_content(1) == reference.submission_content(1)


@pytest.mark.parametrize("starters", [2])
def test_processes_starting_together_do_not_race(tmp_path, starters):
    """Two Store()s on one new database (as two app processes starting at once) both succeed."""
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path / 'bersama.db'}"
    with ThreadPoolExecutor(starters) as pool:
        stores = list(pool.map(lambda _: Store(url), range(starters)))
    with stores[0].engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
