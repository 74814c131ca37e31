"""Mobility dossiers: uploads and their checks, officers' decisions, API tokens, the audit log and
webhook deliveries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "mobilities",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("reference", sa.String(120), nullable=False, unique=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("record_version", sa.Integer(), nullable=False),
        sa.Column("force_majeure", sa.Boolean(), nullable=False),
        sa.Column("force_majeure_reason", sa.Text(), nullable=True),
        sa.Column("reconciliation_ack", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(30), nullable=False),
        _when("created_at", nullable=False),
        _when("updated_at", nullable=False),
        sa.Column("created_by", sa.String(160), nullable=False),
    )
    op.create_index("ix_mobilities_state", "mobilities", ["state"])
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "mobility_id",
            sa.String(32),
            sa.ForeignKey("mobilities.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        _when("uploaded_at", nullable=False),
        sa.Column("uploaded_by", sa.String(160), nullable=False),
        sa.Column("record_version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("queued_at"),
        _when("lease_until"),
        sa.Column("worker", sa.String(160), nullable=True),
        _when("checked_at"),
        _when("file_deleted_at"),
    )
    op.create_index("ix_uploads_mobility_kind", "uploads", ["mobility_id", "kind"])
    op.create_index("ix_uploads_sha256", "uploads", ["sha256"])
    op.create_index("ix_uploads_status", "uploads", ["status"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "upload_id",
            sa.Integer(),
            sa.ForeignKey("uploads.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("mobility_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(160), nullable=False),
        _when("decided_at", nullable=False),
    )
    op.create_index("ix_decisions_upload_id", "decisions", ["upload_id"])
    op.create_index("ix_decisions_mobility_id", "decisions", ["mobility_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column(
            "mobility_id",
            sa.String(32),
            sa.ForeignKey("mobilities.id", ondelete="CASCADE"),
            nullable=True,
        ),
        _when("created_at", nullable=False),
        _when("expires_at"),
        _when("last_used_at"),
        _when("revoked_at"),
    )
    op.create_index("ix_api_tokens_mobility_id", "api_tokens", ["mobility_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _when("at", nullable=False),
        sa.Column("actor", sa.String(160), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("mobility_id", sa.String(32), nullable=True),
        sa.Column("subject", sa.String(160), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("remote_addr", sa.String(64), nullable=True),
    )
    op.create_index("ix_audit_events_at", "audit_events", ["at"])
    op.create_index("ix_audit_events_mobility_id", "audit_events", ["mobility_id"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("event", sa.String(60), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("mobility_id", sa.String(32), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("created_at", nullable=False),
        _when("next_attempt_at"),
        _when("delivered_at"),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_webhook_deliveries_mobility_id", "webhook_deliveries", ["mobility_id"])
    op.create_index("ix_webhook_deliveries_status", "webhook_deliveries", ["status"])


def downgrade() -> None:
    for table in ("webhook_deliveries", "audit_events", "api_tokens", "decisions", "uploads"):
        op.drop_table(table)
    op.drop_table("mobilities")
