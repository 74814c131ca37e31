"""Projects (the office's grant agreements with the National Agency, interface §7) and what the
Beneficiary Module said of the mobilities it was given.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("number", sa.String(60), primary_key=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("call_year", sa.Integer, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("budget", sa.Numeric(12, 2), nullable=False),
        sa.Column("lines", sa.JSON, nullable=False),
        sa.Column("policy", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(160), nullable=False),
    )
    op.create_table(
        "bm_feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project", sa.String(60), nullable=False),
        sa.Column("mobility_id", sa.String(32), nullable=True),
        sa.Column("activity_id", sa.String(120), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(160), nullable=False),
    )
    op.create_index("ix_bm_feedback_project", "bm_feedback", ["project"])
    op.create_index("ix_bm_feedback_mobility_id", "bm_feedback", ["mobility_id"])


def downgrade() -> None:
    op.drop_table("bm_feedback")
    op.drop_table("projects")
