"""catatan rapat: ubah dan hapus (audited), keputusan dengan penanggung jawab dan batas waktu;
data rapat (tanggal, tempat, agenda, peserta) for the notulen

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 06:28:54.857699
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rapat_info",
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("sampai_tw", sa.Integer(), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=True),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("peserta", sa.Text(), nullable=False),
        sa.Column("tempat", sa.Text(), nullable=False),
        sa.Column("diubah_pada", sa.DateTime(), nullable=False),
        sa.Column("diubah_oleh", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("tahun", "sampai_tw"),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("penanggung_jawab", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("batas_waktu", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("diubah_pada", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("dihapus_pada", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_column("dihapus_pada")
        batch_op.drop_column("diubah_pada")
        batch_op.drop_column("batas_waktu")
        batch_op.drop_column("penanggung_jawab")

    op.drop_table("rapat_info")
