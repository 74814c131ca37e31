"""The outbox: every e-mail docservice sends, kept before it is sent, with its delivery state;
and office users who administer the others, with an address for their password resets.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(120), nullable=True, unique=True),
        sa.Column("mobility_id", sa.String(32), nullable=True),
        sa.Column("to_address", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("attachments", sa.JSON, nullable=True),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(160), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
    )
    op.create_index("ix_outbox_mobility_id", "outbox", ["mobility_id"])
    op.create_index("ix_outbox_status", "outbox", ["status"])
    with op.batch_alter_table("users") as users:
        users.add_column(
            sa.Column("is_admin", sa.Boolean, nullable=False, server_default=sa.false())
        )
        users.add_column(sa.Column("email", sa.String(320), nullable=True))
        users.add_column(sa.Column("reset_hash", sa.String(64), nullable=True))
        users.add_column(sa.Column("reset_expires_at", sa.DateTime(timezone=True), nullable=True))
        users.create_unique_constraint("uq_users_reset_hash", ["reset_hash"])


def downgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.drop_constraint("uq_users_reset_hash", type_="unique")
        for column in ("reset_expires_at", "reset_hash", "email", "is_admin"):
            users.drop_column(column)
    op.drop_table("outbox")
