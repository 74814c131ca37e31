"""Payments: the prefinancing and the balance an office paid, and the amounts it recovered, as
officers record them; the dossier's state follows them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "mobility_id",
            sa.String(32),
            sa.ForeignKey("mobilities.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("paid_on", sa.Date, nullable=False),
        sa.Column("bank_reference", sa.String(120), nullable=True),
        sa.Column("recorded_by", sa.String(160), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_by", sa.String(160), nullable=True),
        sa.Column("cancel_reason", sa.Text, nullable=True),
    )
    op.create_index("ix_payments_mobility_id", "payments", ["mobility_id"])
    op.create_index("ix_payments_paid_on", "payments", ["paid_on"])


def downgrade() -> None:
    op.drop_table("payments")
