"""Schema migrations: every database, new or made by an earlier release, reaches the current schema.

The schema is defined once, in ``kinerja_core.store``; each change to it is an Alembic revision in
``kinerja_core/migrations/versions``. ``upgrade`` runs on every start: a new database gets every
revision, a database made by the first release (tables but no ``alembic_version``) is stamped
with the baseline and upgraded in place, and two processes starting at once do not race (the
upgrade holds the database's write lock, or an advisory lock on PostgreSQL).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"
# A table every database of the first release (before migrations existed) has.
_FIRST_RELEASE_TABLE = "submissions"
_PG_LOCK_KEY = 0x4B494E45  # "KINE": one advisory lock for schema changes


def _config(connection: sa.Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in the code (exactly one head is allowed)."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"Migrasi skema bercabang: {sorted(heads)}; satukan dulu.")
    return heads[0]


def current_revision(connection: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Bring the database to the newest revision (no-op when it is there already)."""
    from alembic import command

    head = head_revision()
    with engine.connect() as conn:
        conn.info["write"] = True  # SQLite: BEGIN IMMEDIATE, so a second starter waits
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY}
                    )
                current = current_revision(conn)
                if current == head:
                    return
                config = _config(conn)
                if current is None and sa.inspect(conn).has_table(_FIRST_RELEASE_TABLE):
                    command.stamp(config, BASELINE)
                command.upgrade(config, "head")
        finally:
            conn.info["write"] = False


def new_revision(message: str) -> None:
    """Write the next revision by comparing the schema in store.py with the newest revision.

    For developers: ``python -m kinerja_core.migrate "tambah tabel akun"``; read and adjust the
    generated file before committing it.
    """
    import tempfile

    from alembic import command

    from kinerja_core.store import _make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = _make_engine(f"sqlite:///{folder}/head.db")
        upgrade(engine)
        with engine.begin() as conn:
            heads = head_revision()
            number = int(heads) + 1 if heads.isdigit() else None
            command.revision(
                _config(conn),
                message=message,
                autogenerate=True,
                rev_id=f"{number:04d}" if number else None,
            )
        engine.dispose()


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        print('Pemakaian: python -m kinerja_core.migrate "keterangan perubahan skema"')
        raise SystemExit(2)
    new_revision(sys.argv[1])
