"""Backups: a consistent copy of the database while the app keeps writing, and its restore.

``make_backup`` writes one SQLite file, whatever the database is:

- from SQLite with SQLite's online backup API: one step under a read snapshot, so the copy
  is the database at one moment while other processes keep writing (WAL);
- from PostgreSQL by copying every table inside one read-only REPEATABLE READ transaction
  (one snapshot). ``pg_dump`` remains the server-level backup (README).

The copy is checked (``PRAGMA integrity_check``, the schema revision) before it replaces
the target file, so a half-written backup never sits under the chosen name.

``restore_backup`` checks a backup file (a SQLite database, intact, made by Kinerja, of a
schema revision this code knows), upgrades a temporary copy to the current schema, and
copies every row into the target database — SQLite or PostgreSQL — only if the target holds
no data yet. Row ids, bytes and hashes are kept as they were.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from kinerja_core.access import Actor, Aksi, require

SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK_ROWS = 500


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass
class BackupInfo:
    """What a backup file holds: schema revision and row counts per table."""

    path: Path
    revision: str
    rows: dict[str, int] = field(default_factory=dict)
    size: int = 0


def _sqlite_path(url: str) -> Path | None:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("Basis data di memori tidak dapat dicadangkan.")
    return Path(parsed.database)


def _data_tables() -> list[sa.Table]:
    from kinerja_core.store import metadata

    return list(metadata.sorted_tables)  # parents before children (foreign keys)


def make_backup(url: str, target: str | os.PathLike, *, actor: Actor) -> BackupInfo:
    """Write a consistent backup of the database at ``url`` to ``target`` (a SQLite file)."""
    require(actor, Aksi.CADANGAN)
    target = Path(target)
    if target.exists() and target.is_dir():
        raise BackupError(f"{target} adalah folder; sebutkan nama berkas, mis. cadangan.db.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.sebagian")
    partial.unlink(missing_ok=True)
    try:
        source = _sqlite_path(url)
        if source is not None:
            _backup_sqlite(source, partial)
        else:
            _backup_by_copy(url, partial)
        info = check_backup(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    info.path = target
    info.size = target.stat().st_size
    return info


def _backup_sqlite(source: Path, partial: Path) -> None:
    if not source.is_file():
        raise BackupError(f"Basis data {source} tidak ditemukan; periksa KINERJA_DB.")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)  # one step: the database as it was at one moment
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        dst.commit()
    finally:
        dst.close()
        src.close()


def _backup_by_copy(url: str, partial: Path) -> None:
    """Every table of a server database, read in one snapshot, into a new SQLite file."""
    from kinerja_core.store import _make_engine

    source = sa.create_engine(url)
    target = _make_engine(f"sqlite:///{partial}")
    try:
        with source.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                revision = _revision(conn)
                _create_schema(target, revision)
                with target.begin() as out:
                    for table in _data_tables():
                        _copy_rows(conn, out, table)
    finally:
        source.dispose()
        target.dispose()
    with sqlite3.connect(partial) as dst:
        dst.execute("PRAGMA journal_mode=DELETE")


def _revision(conn: sa.Connection) -> str:
    from kinerja_core import migrate

    revision = migrate.current_revision(conn)
    if revision is None:
        raise BackupError("Basis data belum memiliki skema Kinerja (tidak ada alembic_version).")
    return revision


def _create_schema(engine: sa.Engine, revision: str) -> None:
    """The schema exactly as it is at ``revision`` (so the copied rows fit it)."""
    from alembic import command

    from kinerja_core import migrate

    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), revision)


def _copy_rows(source: sa.Connection, target: sa.Connection, table: sa.Table) -> int:
    columns = [c.name for c in sa.Table(table.name, sa.MetaData(), autoload_with=source).c]
    order = [table.c[n] for n in ("id",) if n in table.c] or list(table.primary_key.columns)
    result: sa.CursorResult = source.execution_options(yield_per=_CHUNK_ROWS).execute(
        sa.select(*[sa.column(c) for c in columns])
        .select_from(sa.table(table.name))
        .order_by(*[sa.column(c.name) for c in order])
    )
    out = sa.table(table.name, *[sa.column(c) for c in columns])
    copied = 0
    for chunk in result.mappings().partitions(_CHUNK_ROWS):
        target.execute(out.insert(), [dict(row) for row in chunk])
        copied += len(chunk)
    return copied


def check_backup(path: str | os.PathLike) -> BackupInfo:
    """Is ``path`` an intact Kinerja backup this code can restore? Its revision and counts."""
    from kinerja_core import migrate

    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Berkas cadangan {path} tidak ditemukan.")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(
                f"{path.name} bukan berkas cadangan Kinerja (bukan basis data SQLite)."
            )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revision = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
            rows = {
                t.name: conn.execute(f'SELECT COUNT(*) FROM "{t.name}"').fetchone()[0]
                for t in _data_tables()
                if t.name in tables
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path.name} rusak dan tidak dapat dibaca ({error}).") from error
    if verdict != "ok":
        raise BackupError(f"{path.name} rusak: pemeriksaan integritas SQLite gagal ({verdict}).")
    if revision is None or "submissions" not in tables:
        raise BackupError(f"{path.name} bukan cadangan Kinerja (tabel Kinerja tidak ada).")
    known = _known_revisions()
    if revision[0] not in known:
        raise BackupError(
            f"{path.name} dibuat oleh versi Kinerja yang lebih baru (skema {revision[0]}); "
            f"perbarui aplikasi ini dulu (skema terbaru yang dikenal: {migrate.head_revision()})."
        )
    return BackupInfo(path=path, revision=revision[0], rows=rows, size=path.stat().st_size)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from kinerja_core import migrate

    return {rev.revision for rev in ScriptDirectory.from_config(migrate._config()).walk_revisions()}


def is_empty(url: str) -> bool:
    """No Kinerja data in the database at ``url`` (a missing SQLite file counts as empty)."""
    path = _sqlite_path(url)
    if path is not None and not path.exists():
        return True
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            for table in _data_tables():
                if table.name not in present or table.name == "counters":
                    continue
                if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
                    return False
    finally:
        engine.dispose()
    return True


def restore_backup(backup: str | os.PathLike, url: str, *, actor: Actor) -> BackupInfo:
    """Check ``backup`` and copy it into the empty database at ``url``; returns what it held."""
    require(actor, Aksi.CADANGAN)
    from kinerja_core import migrate
    from kinerja_core.store import _make_engine

    info = check_backup(backup)
    if not is_empty(url):
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
        raise BackupError(
            f"Basis data tujuan {shown} sudah berisi data; pemulihan hanya ke basis data "
            "kosong agar tidak ada yang tertimpa. Arahkan KINERJA_DB (atau --db) ke berkas "
            "atau basis data baru."
        )
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "pulihkan.db"
        shutil.copyfile(info.path, work)
        staged = _make_engine(f"sqlite:///{work}")
        target = _make_engine(url)
        try:
            migrate.upgrade(staged)  # an older backup reaches today's schema first
            migrate.upgrade(target)
            with staged.connect() as src, target.begin() as out:
                for table in _data_tables():
                    out.execute(table.delete())  # e.g. a counter made when the schema was
                    _copy_rows(src, out, table)
                if out.dialect.name == "postgresql":
                    _reset_sequences(out)
        finally:
            staged.dispose()
            target.dispose()
    return info


def _reset_sequences(conn: sa.Connection) -> None:
    """After inserting explicit ids, PostgreSQL's id sequences continue after the largest."""
    for table in _data_tables():
        if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                )
            )
