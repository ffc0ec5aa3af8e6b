"""Test databases on every backend the run has: SQLite always, PostgreSQL when
``KINERJA_TEST_POSTGRES`` names a server (``.ci/postgres`` starts one and prints its URL).

Each test gets a database of its own: a file under its tmp_path, or a new PostgreSQL
database (copied from a seeded template when it should start with the demo) dropped after.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import sqlalchemy as sa

POSTGRES_ENV = "KINERJA_TEST_POSTGRES"


def postgres_server() -> str:
    return os.environ.get(POSTGRES_ENV, "").strip()


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if postgres_server() else ["sqlite"]


@cache
def _admin() -> sa.Engine:
    return sa.create_engine(postgres_server(), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)


def _postgres_url(name: str) -> str:
    return sa.engine.make_url(postgres_server()).set(database=name).render_as_string(False)


def _create(name: str, template: str | None = None) -> str:
    clause = f' TEMPLATE "{template}"' if template else ""
    with _admin().connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{clause}')
    return _postgres_url(name)


def drop_postgres(url: str) -> None:
    name = sa.engine.make_url(url).database
    with _admin().connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def fresh_database(backend: str, folder: Path, template: str | None = None) -> Iterator[str]:
    """A new empty (or ``template``-copied) database; yields its URL, drops it after."""
    if backend == "sqlite":
        path = folder / f"uji-{uuid.uuid4().hex[:8]}.db"
        if template:
            shutil.copy(sa.engine.make_url(template).database or "", path)
        yield f"sqlite:///{path}"
        return
    template_name = sa.engine.make_url(template).database if template else None
    url = _create(f"kinerja_uji_{uuid.uuid4().hex[:12]}", template_name)
    try:
        yield url
    finally:
        drop_postgres(url)


def seeded_template(backend: str, folder: Path, seed) -> str:
    """A database seeded once by ``seed(store)``, to copy for each test; returns its URL."""
    from kinerja_core.store import Store

    if backend == "sqlite":
        url = f"sqlite:///{folder / 'templat.db'}"
    else:
        url = _create(f"kinerja_templat_{uuid.uuid4().hex[:12]}")
    store = Store(url)
    seed(store)
    store.engine.dispose()  # a template must have no open connection
    return url


def tamper_audit_log(engine: sa.Engine, statement: str) -> None:
    """What someone holding the database could do: drop the append-only guard, then
    change the log with ``statement``."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_tanpa_ubah")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_tanpa_hapus")
        else:
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_tambah_saja ON audit_log")
        conn.exec_driver_sql(statement)
