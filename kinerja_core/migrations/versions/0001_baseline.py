"""baseline: the schema of the first release

Revision ID: 0001
Revises:
Create Date: 2026-11-29 (the schema of release 0.1, before migrations existed)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("sampai_tw", sa.Integer(), nullable=False),
        sa.Column("bidang", sa.Text(), nullable=False),
        sa.Column("jenis", sa.Text(), nullable=False),
        sa.Column("isi", sa.Text(), nullable=False),
        sa.Column("penulis", sa.Text(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_tahun"), ["tahun"], unique=False)

    op.create_table(
        "periods",
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("sampai_tw", sa.Integer(), nullable=False),
        sa.Column("batas_waktu", sa.Date(), nullable=True),
        sa.Column("dibuka_oleh", sa.Text(), nullable=False),
        sa.Column("dibuka_pada", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tahun"),
    )
    op.create_table(
        "rencana_anggaran_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("bidang", sa.Text(), nullable=False),
        sa.Column("kode", sa.Text(), nullable=False),
        sa.Column("uraian", sa.Text(), nullable=False),
        sa.Column("pagu", sa.Float(), nullable=True),
        sa.Column("anggaran_tw1", sa.Float(), nullable=True),
        sa.Column("anggaran_tw2", sa.Float(), nullable=True),
        sa.Column("anggaran_tw3", sa.Float(), nullable=True),
        sa.Column("anggaran_tw4", sa.Float(), nullable=True),
        sa.Column("sumber", sa.Text(), nullable=False),
        sa.Column("baris", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "rencana_indicator_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("bidang", sa.Text(), nullable=False),
        sa.Column("kode", sa.Text(), nullable=False),
        sa.Column("uraian", sa.Text(), nullable=False),
        sa.Column("indikator", sa.Text(), nullable=False),
        sa.Column("satuan", sa.Text(), nullable=False),
        sa.Column("polaritas", sa.Text(), nullable=False),
        sa.Column("agregasi", sa.Text(), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("target_teks", sa.Text(), nullable=False),
        sa.Column("realisasi_teks", sa.Text(), nullable=False),
        sa.Column("target_tw1", sa.Float(), nullable=True),
        sa.Column("target_tw2", sa.Float(), nullable=True),
        sa.Column("target_tw3", sa.Float(), nullable=True),
        sa.Column("target_tw4", sa.Float(), nullable=True),
        sa.Column("realisasi_tw1", sa.Float(), nullable=True),
        sa.Column("realisasi_tw2", sa.Float(), nullable=True),
        sa.Column("realisasi_tw3", sa.Float(), nullable=True),
        sa.Column("realisasi_tw4", sa.Float(), nullable=True),
        sa.Column("faktor_pendorong", sa.Text(), nullable=False),
        sa.Column("faktor_penghambat", sa.Text(), nullable=False),
        sa.Column("tindak_lanjut", sa.Text(), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=False),
        sa.Column("sasaran", sa.Text(), nullable=False),
        sa.Column("target_renstra", sa.Float(), nullable=True),
        sa.Column("realisasi_renstra_lalu", sa.Float(), nullable=True),
        sa.Column("sumber", sa.Text(), nullable=False),
        sa.Column("baris", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("bidang", sa.Text(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("shape", sa.Text(), nullable=False),
        sa.Column("usable", sa.Boolean(), nullable=False),
        sa.Column("n_rows", sa.Integer(), nullable=False),
        sa.Column("n_errors", sa.Integer(), nullable=False),
        sa.Column("n_warnings", sa.Integer(), nullable=False),
        sa.Column("problems_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submissions_tahun"), ["tahun"], unique=False)

    op.create_table(
        "anggaran_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("bidang", sa.Text(), nullable=False),
        sa.Column("kode", sa.Text(), nullable=False),
        sa.Column("uraian", sa.Text(), nullable=False),
        sa.Column("pagu", sa.Float(), nullable=True),
        sa.Column("anggaran_tw1", sa.Float(), nullable=True),
        sa.Column("anggaran_tw2", sa.Float(), nullable=True),
        sa.Column("anggaran_tw3", sa.Float(), nullable=True),
        sa.Column("anggaran_tw4", sa.Float(), nullable=True),
        sa.Column("sumber", sa.Text(), nullable=False),
        sa.Column("baris", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("anggaran_rows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_anggaran_rows_submission_id"), ["submission_id"], unique=False
        )

    op.create_table(
        "indicator_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("bidang", sa.Text(), nullable=False),
        sa.Column("kode", sa.Text(), nullable=False),
        sa.Column("uraian", sa.Text(), nullable=False),
        sa.Column("indikator", sa.Text(), nullable=False),
        sa.Column("satuan", sa.Text(), nullable=False),
        sa.Column("polaritas", sa.Text(), nullable=False),
        sa.Column("agregasi", sa.Text(), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("target_teks", sa.Text(), nullable=False),
        sa.Column("realisasi_teks", sa.Text(), nullable=False),
        sa.Column("target_tw1", sa.Float(), nullable=True),
        sa.Column("target_tw2", sa.Float(), nullable=True),
        sa.Column("target_tw3", sa.Float(), nullable=True),
        sa.Column("target_tw4", sa.Float(), nullable=True),
        sa.Column("realisasi_tw1", sa.Float(), nullable=True),
        sa.Column("realisasi_tw2", sa.Float(), nullable=True),
        sa.Column("realisasi_tw3", sa.Float(), nullable=True),
        sa.Column("realisasi_tw4", sa.Float(), nullable=True),
        sa.Column("faktor_pendorong", sa.Text(), nullable=False),
        sa.Column("faktor_penghambat", sa.Text(), nullable=False),
        sa.Column("tindak_lanjut", sa.Text(), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=False),
        sa.Column("sasaran", sa.Text(), nullable=False),
        sa.Column("target_renstra", sa.Float(), nullable=True),
        sa.Column("realisasi_renstra_lalu", sa.Float(), nullable=True),
        sa.Column("sumber", sa.Text(), nullable=False),
        sa.Column("baris", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("indicator_rows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_rows_submission_id"), ["submission_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_rows_submission_id"))

    op.drop_table("indicator_rows")
    with op.batch_alter_table("anggaran_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_anggaran_rows_submission_id"))

    op.drop_table("anggaran_rows")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_tahun"))

    op.drop_table("submissions")
    op.drop_table("rencana_indicator_rows")
    op.drop_table("rencana_anggaran_rows")
    op.drop_table("periods")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_tahun"))

    op.drop_table("notes")
    op.drop_table("counters")
    op.drop_table("audit_log")
