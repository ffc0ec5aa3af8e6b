"""audit berantai: before/after of edits, a sha256 chain over the audit log, append-only

Adds sebelum/sesudah (old and new value of an edit) and prev_sha256/sha256 to audit_log,
computes the chain for the rows already there (in id order, with the hash rule below frozen as
it was at this revision), records the newest id in counters (audit_terakhir), and makes the
table append-only in the database (triggers refuse UPDATE and DELETE).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 06:45:00
"""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
_MESSAGE = "audit_log hanya dapat ditambah, tidak dapat diubah atau dihapus"


def _hash(prev, at, who, action, detail, sebelum, sesudah) -> str:
    text = at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    payload = json.dumps(
        [prev, text, who, action, detail, sebelum, sesudah],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        for name in ("sebelum", "sesudah"):
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        for name in ("prev_sha256", "sha256"):
            batch_op.add_column(
                sa.Column(name, sa.String(length=64), nullable=False, server_default="")
            )

    conn = op.get_bind()
    audit = sa.table(
        "audit_log",
        *[sa.column(c) for c in ("id", "who", "action", "detail", "sebelum", "sesudah")],
        sa.column("at", sa.DateTime),
        sa.column("prev_sha256"),
        sa.column("sha256"),
    )
    prev, last_id, done = GENESIS, None, []
    for row in conn.execute(sa.select(audit).order_by(audit.c.id)).mappings():
        own = _hash(prev, row["at"], row["who"], row["action"], row["detail"], "", "")
        done.append({"k": row["id"], "p": prev, "h": own})
        prev, last_id = own, row["id"]
    if done:
        conn.execute(
            audit.update()
            .where(audit.c.id == sa.bindparam("k"))
            .values(prev_sha256=sa.bindparam("p"), sha256=sa.bindparam("h")),
            done,
        )
    if last_id is not None:
        counters = sa.table("counters", sa.column("name"), sa.column("value"))
        conn.execute(counters.delete().where(counters.c.name == "audit_terakhir"))
        conn.execute(counters.insert().values(name="audit_terakhir", value=last_id))

    if conn.dialect.name == "sqlite":
        for event, name in (
            ("UPDATE", "audit_log_tanpa_ubah"),
            ("DELETE", "audit_log_tanpa_hapus"),
        ):
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {event} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
            )
    elif conn.dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION kinerja_audit_tambah_saja() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{_MESSAGE}'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_log_tambah_saja BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION kinerja_audit_tambah_saja()"
        )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_tanpa_ubah")
        op.execute("DROP TRIGGER IF EXISTS audit_log_tanpa_hapus")
    elif conn.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_tambah_saja ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS kinerja_audit_tambah_saja()")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        for name in ("sha256", "prev_sha256", "sesudah", "sebelum"):
            batch_op.drop_column(name)
