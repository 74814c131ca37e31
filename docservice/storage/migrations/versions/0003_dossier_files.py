"""Documents generated for a dossier are linked to it (their files kept in the file store), and a
dossier remembers when it was settled, which starts the retention period of passport scans.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("issued_documents") as batch:
        batch.add_column(sa.Column("mobility_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("issued_by", sa.String(160), nullable=True))
        batch.create_index("ix_issued_documents_mobility_id", ["mobility_id"])
    with op.batch_alter_table("mobilities") as batch:
        batch.add_column(sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mobilities") as batch:
        batch.drop_column("settled_at")
    with op.batch_alter_table("issued_documents") as batch:
        batch.drop_index("ix_issued_documents_mobility_id")
        batch.drop_column("issued_by")
        batch.drop_column("mobility_id")
