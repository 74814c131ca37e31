"""Selection: calls, their applications, the recorded steps of their ranking, and the
participation history that earlier years' sheets give.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("call_year", sa.Integer, nullable=False),
        sa.Column("rules_name", sa.String(80), nullable=False),
        sa.Column("rules_text", sa.Text, nullable=False),
        sa.Column("quota", sa.Integer, nullable=True),
        sa.Column("places", sa.JSON, nullable=False),
        sa.Column("budget", sa.Numeric(12, 2), nullable=True),
        sa.Column("applications_close", sa.Date, nullable=True),
        sa.Column("letters_due", sa.Date, nullable=True),
        sa.Column("partners", sa.JSON, nullable=False),
        sa.Column("plan", sa.JSON, nullable=False),
        sa.Column("project", sa.String(60), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(160), nullable=False),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "call_id", sa.String(32), sa.ForeignKey("calls.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("application_id", sa.String(300), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("letter", sa.JSON, nullable=True),
        sa.Column("mobility_id", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("call_id", "application_id"),
    )
    op.create_index("ix_applications_call_id", "applications", ["call_id"])
    op.create_table(
        "selection_steps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "call_id", sa.String(32), sa.ForeignKey("calls.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(160), nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("entries", sa.JSON, nullable=False),
    )
    op.create_index("ix_selection_steps_call_id", "selection_steps", ["call_id"])
    op.create_table(
        "participations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("person_key", sa.String(300), nullable=False),
        sa.Column("given_names", sa.String(300), nullable=False),
        sa.Column("surname", sa.String(300), nullable=False),
        sa.Column("call_year", sa.Integer, nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("host_country", sa.String(2), nullable=True),
        sa.Column("source", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(160), nullable=False),
    )
    op.create_index("ix_participations_person_key", "participations", ["person_key"])


def downgrade() -> None:
    op.drop_index("ix_participations_person_key", "participations")
    op.drop_table("participations")
    op.drop_table("selection_steps")
    op.drop_table("applications")
    op.drop_table("calls")
