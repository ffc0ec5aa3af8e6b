"""dokumen beku: the database itself keeps approved documents and stored files as they were

The app never changes a stored file (berkas), a recorded export (its snapshot and sha256), or
an event of a document's history, and it never changes which files an approved version holds
(dokumen.FROZEN). Until now only the code kept that promise; these triggers make the database
refuse it too, as 0008 does for the audit log:

- berkas, exports, dokumen_peristiwa: no UPDATE, no DELETE;
- dokumen_versi: no DELETE; once a version is approved, an UPDATE may only move its status on
  to a later frozen status, never change its period, number or files.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 18:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

APPEND_ONLY = ("berkas", "exports", "dokumen_peristiwa")
# dokumen.FROZEN as it is at this revision
_FROZEN = "('Disetujui', 'Ditandatangani', 'Dikirim', 'Diarsipkan')"
_APPEND_ONLY_MESSAGE = "{table} hanya dapat ditambah, tidak dapat diubah atau dihapus"
_VERSION_MESSAGE = "versi dokumen yang sudah disetujui tidak dapat diubah atau dihapus"


def _changed(distinct: str) -> str:
    """SQL: the approved version's period, number or files differ, or its status left the
    frozen ones (``distinct``: the dialect's null-safe "differs")."""
    columns = ("tahun", "sampai_tw", "versi", "export_id", "xlsx_berkas_id", "docx_berkas_id")
    differs = " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)
    return f"OLD.status IN {_FROZEN} AND ({differs} OR NEW.status NOT IN {_FROZEN})"


def _sqlite_upgrade() -> None:
    for table in APPEND_ONLY:
        message = _APPEND_ONLY_MESSAGE.format(table=table)
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_tanpa_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    op.execute(
        "CREATE TRIGGER dokumen_versi_beku BEFORE UPDATE ON dokumen_versi "
        f"WHEN {_changed('IS NOT')} "
        f"BEGIN SELECT RAISE(ABORT, '{_VERSION_MESSAGE}'); END"
    )
    op.execute(
        "CREATE TRIGGER dokumen_versi_tanpa_delete BEFORE DELETE ON dokumen_versi "
        f"BEGIN SELECT RAISE(ABORT, '{_VERSION_MESSAGE}'); END"
    )


def _postgresql_upgrade() -> None:
    op.execute(
        "CREATE FUNCTION kinerja_tetap() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$ LANGUAGE plpgsql"
    )
    for table in APPEND_ONLY:
        message = _APPEND_ONLY_MESSAGE.format(table=table)
        op.execute(
            f"CREATE TRIGGER {table}_tetap BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION kinerja_tetap('{message}')"
        )
    op.execute(
        "CREATE TRIGGER dokumen_versi_beku BEFORE UPDATE ON dokumen_versi FOR EACH ROW "
        f"WHEN ({_changed('IS DISTINCT FROM')}) "
        f"EXECUTE FUNCTION kinerja_tetap('{_VERSION_MESSAGE}')"
    )
    op.execute(
        "CREATE TRIGGER dokumen_versi_tanpa_delete BEFORE DELETE ON dokumen_versi "
        f"FOR EACH ROW EXECUTE FUNCTION kinerja_tetap('{_VERSION_MESSAGE}')"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _postgresql_upgrade()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_tanpa_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_tanpa_delete")
        op.execute("DROP TRIGGER IF EXISTS dokumen_versi_beku")
        op.execute("DROP TRIGGER IF EXISTS dokumen_versi_tanpa_delete")
    elif dialect == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_tetap ON {table}")
        op.execute("DROP TRIGGER IF EXISTS dokumen_versi_beku ON dokumen_versi")
        op.execute("DROP TRIGGER IF EXISTS dokumen_versi_tanpa_delete ON dokumen_versi")
        op.execute("DROP FUNCTION IF EXISTS kinerja_tetap()")
