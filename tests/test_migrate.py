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
from tests.login import admin

RELEASE_0_1_SCHEMA = Path(__file__).parent / "data" / "schema_release_0_1.sql"


def test_one_head():
    assert migrate.head_revision()


def test_migrated_schema_equals_the_schema_in_code(db_url):
    store = Store(db_url)
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
    seeded.add_note(tahun=2024, sampai_tw=4, isi="Catatan lama", actor=admin("Kasubag"))
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
        # the Renstra Rp columns came after 0.1: its rows upgrade with them empty
        later = ["target_renstra_rp", "realisasi_renstra_lalu_rp"]
        old = upgraded.anggaran(tahun)
        assert old[later].isna().all().all()
        pd.testing.assert_frame_equal(
            old.drop(columns=later), reference.anggaran(tahun).drop(columns=later)
        )
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


def _release_0_1_on_postgres(url: str, source: Path) -> dict[str, int]:
    """A PostgreSQL database as release 0.1 made it (the baseline schema, no Alembic table)
    holding every row of the SQLite ``source`` that fits its tables."""
    from alembic import command

    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), migrate.BASELINE)
        conn.execute(sa.text("DROP TABLE alembic_version"))
        legacy = sa.MetaData()
        legacy.reflect(conn)
        counts = {}
        with sqlite3.connect(source) as full:
            for table in legacy.sorted_tables:
                names = [c.name for c in table.columns]
                cursor = full.execute(f"SELECT {', '.join(names)} FROM {table.name}")
                rows = [dict(zip(names, row, strict=True)) for row in cursor]
                for column in table.columns:  # SQLite hands back text and 0/1 for these
                    python_type = getattr(column.type, "python_type", None)
                    if python_type in (bool,) or isinstance(column.type, sa.DateTime | sa.Date):
                        for row in rows:
                            row[column.name] = _as_python(row[column.name], column.type)
                if rows:
                    conn.execute(table.insert(), rows)
                counts[table.name] = len(rows)
    engine.dispose()
    return counts


def _as_python(value, column_type):
    from datetime import date, datetime

    if value is None:
        return None
    if isinstance(column_type, sa.Boolean):
        return bool(value)
    if isinstance(column_type, sa.DateTime):
        return datetime.fromisoformat(value)
    return date.fromisoformat(value)


def test_release_0_1_database_on_postgresql_upgrades_and_keeps_every_row(tmp_path):
    from tests import databases

    if "postgresql" not in databases.backends():
        return  # the SQLite upgrade above runs everywhere; CI sets KINERJA_TEST_POSTGRES
    seeded = Store(f"sqlite:///{tmp_path / 'sumber.db'}")
    seed_demo(seeded)
    seeded.add_note(tahun=2024, sampai_tw=4, isi="Catatan lama", actor=admin("Kasubag"))
    seeded.engine.dispose()
    with databases.fresh_database("postgresql", tmp_path) as url:
        counts = _release_0_1_on_postgres(url, tmp_path / "sumber.db")
        assert counts["submissions"] >= 10 and counts["notes"] == 1
        upgraded = Store(url)
        with upgraded.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            for table, count in counts.items():
                assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar() == count
        reference = Store(f"sqlite:///{tmp_path / 'sumber.db'}")
        for tahun in (2023, 2024):
            got, want = upgraded.indicators(tahun), reference.indicators(tahun)
            pd.testing.assert_frame_equal(got, want, check_dtype=False)
        assert upgraded.notes(2024)["isi"].tolist() == ["Catatan lama"]
        assert upgraded.submission_content(1) == reference.submission_content(1)
        upgraded.engine.dispose()
