"""The audit log: every access to personal data and every decision, with who and when.

Entries are written in the same transaction as the change they describe, so a decision is never
kept without its entry. Details hold identifiers and outcomes, never the personal data itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from docservice.clock import iso_utc, utc_now
from docservice.storage.models import AuditRow


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    mobility_id: str | None = None,
    subject: str | None = None,
    remote_addr: str | None = None,
    **detail: Any,
) -> None:
    session.add(
        AuditRow(
            at=utc_now(),
            actor=actor,
            action=action,
            mobility_id=mobility_id,
            subject=subject,
            detail=detail,
            remote_addr=remote_addr,
        )
    )


def entries(
    sessions: sessionmaker[Session],
    *,
    mobility_id: str | None = None,
    limit: int = 200,
    before: int | None = None,
) -> list[dict[str, Any]]:
    """The newest entries first; ``before`` (an entry id) pages further back."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if mobility_id is not None:
        query = query.where(AuditRow.mobility_id == mobility_id)
    if before is not None:
        query = query.where(AuditRow.id < before)
    with sessions() as session:
        return [
            {
                "id": row.id,
                "at": iso_utc(row.at),
                "actor": row.actor,
                "action": row.action,
                "mobility_id": row.mobility_id,
                "subject": row.subject,
                "detail": row.detail,
                "remote_addr": row.remote_addr,
            }
            for row in session.scalars(query)
        ]
