"""renstra rp pada baris anggaran: E.81 columns 5 and 6 (Rp) on kode rows

Target Renstra akhir periode (Rp) and realisasi Renstra s/d tahun lalu (Rp) belong to the
budget of a kode, like the pagu, so they live on anggaran rows (submitted and rencana).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 11:42:58.788741
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("anggaran_rows", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target_renstra_rp", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("realisasi_renstra_lalu_rp", sa.Float(), nullable=True))

    with op.batch_alter_table("rencana_anggaran_rows", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target_renstra_rp", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("realisasi_renstra_lalu_rp", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rencana_anggaran_rows", schema=None) as batch_op:
        batch_op.drop_column("realisasi_renstra_lalu_rp")
        batch_op.drop_column("target_renstra_rp")

    with op.batch_alter_table("anggaran_rows", schema=None) as batch_op:
        batch_op.drop_column("realisasi_renstra_lalu_rp")
        batch_op.drop_column("target_renstra_rp")
