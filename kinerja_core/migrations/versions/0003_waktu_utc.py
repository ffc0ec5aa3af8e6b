"""waktu disimpan dalam UTC: stored times move from the server's clock to UTC

Release 0.1 stored ``datetime.now()``: the server's local wall-clock time, without a zone.
From this revision every stored time is UTC (``clock.utc_now``) and is shown in the office's
zone (setting ``zona_waktu``). Existing times are read as the server's local time at the
moment of the upgrade (the best knowledge there is of the clock that wrote them) and
converted to UTC; on a server already running in UTC nothing changes. The schema is unchanged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# (table, key column, time column) of every time release 0.1 stored.
TIMES = (
    ("periods", "tahun", "dibuka_pada"),
    ("submissions", "id", "uploaded_at"),
    ("notes", "id", "dibuat_pada"),
    ("audit_log", "id", "at"),
)


def _server_local_to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)  # naive = the machine's local time


def _utc_to_server_local(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _convert(change) -> None:
    conn = op.get_bind()
    for table_name, key, column in TIMES:
        table = sa.table(table_name, sa.column(key), sa.column(column, sa.DateTime))
        rows = conn.execute(sa.select(table.c[key], table.c[column])).all()
        moved = [
            {"k": row_key, "v": change(value)}
            for row_key, value in rows
            if value is not None and change(value) != value
        ]
        if moved:
            statement = (
                table.update()
                .where(table.c[key] == sa.bindparam("k"))
                .values({column: sa.bindparam("v")})
            )
            conn.execute(statement, moved)


def upgrade() -> None:
    _convert(_server_local_to_utc)


def downgrade() -> None:
    _convert(_utc_to_server_local)
