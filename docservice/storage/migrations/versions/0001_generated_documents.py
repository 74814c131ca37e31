"""Generated documents with their file hashes, and batch generation jobs.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
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
        "issued_documents",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column("template", sa.String(40), nullable=False),
        sa.Column("template_file", sa.String(200), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("reference", sa.String(120), nullable=False),
        sa.Column("participant_name", sa.String(200), nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_issued_documents_reference", "issued_documents", ["reference"])
    op.create_table(
        "issued_files",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "code",
            sa.String(20),
            sa.ForeignKey("issued_documents.code", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_issued_files_code", "issued_files", ["code"])
    op.create_index("ix_issued_files_sha256", "issued_files", ["sha256"])
    op.create_table(
        "batch_jobs",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("result_path", sa.String(400), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("batch_jobs")
    op.drop_index("ix_issued_files_sha256", "issued_files")
    op.drop_index("ix_issued_files_code", "issued_files")
    op.drop_table("issued_files")
    op.drop_index("ix_issued_documents_reference", "issued_documents")
    op.drop_table("issued_documents")
