"""Alembic environment: migrations run on the connection that kinerja_core.migrate hands in."""

from __future__ import annotations

from alembic import context

from kinerja_core.store import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached through the alembic command line
    raise RuntimeError("Jalankan migrasi melalui kinerja_core (Store atau migrate.upgrade).")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things in place; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
