"""pengaturan, koreksi dan ekspor: office identity and signatories, corrections, export records

pengaturan: append-only versions of the Pengaturan page (newest is current). koreksi: one
record per corrected value (undo marks it). exports: the parameters, data snapshot and sha256
of every exported document set, so an earlier export re-exports with its own signatories.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 11:49:07.940725
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("oleh", sa.Text(), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("sampai_tw", sa.Integer(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("pengaturan_id", sa.Integer(), nullable=True),
        sa.Column("parameter_json", sa.Text(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("snapshot", sa.LargeBinary(), nullable=False),
        sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
        sa.Column("xlsx_sha256", sa.String(length=64), nullable=False),
        sa.Column("docx_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("exports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exports_tahun"), ["tahun"], unique=False)

    op.create_table(
        "koreksi",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("bidang", sa.Text(), nullable=False),
        sa.Column("kode", sa.Text(), nullable=False),
        sa.Column("indikator", sa.Text(), nullable=False),
        sa.Column("kolom", sa.Text(), nullable=False),
        sa.Column("nilai_asal", sa.Text(), nullable=False),
        sa.Column("nilai_baru", sa.Text(), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=False),
        sa.Column("oleh", sa.Text(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("dibatalkan_pada", sa.DateTime(), nullable=True),
        sa.Column("dibatalkan_oleh", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("koreksi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_koreksi_tahun"), ["tahun"], unique=False)

    op.create_table(
        "pengaturan",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("oleh", sa.Text(), nullable=False),
        sa.Column("isi_json", sa.Text(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("pengaturan")
    with op.batch_alter_table("koreksi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_koreksi_tahun"))

    op.drop_table("koreksi")
    with op.batch_alter_table("exports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exports_tahun"))

    op.drop_table("exports")
