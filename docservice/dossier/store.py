"""Dossiers in the database: mobilities, their uploads, officers' decisions and the documents
generated for them. The workers' side (claims and leases) is in ``claims.py``, the retention of
passport scans in ``retention.py``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.clock import utc_now
from docservice.dossier.records import (
    CHECKING,
    FAILED,
    PASSED,
    QUEUED,
    REVIEW,
    SETTLED,
    STORED,
    VERDICT_STATUS,
    Actor,
    mobility_row,
    new_id,
)
from docservice.dossier.uploads import Uploads
from docservice.errors import Conflict, NotFound
from docservice.mobility import Mobility
from docservice.storage.blobs import BlobStore
from docservice.storage.models import MobilityRow

__all__ = [
    "CHECKING", "FAILED", "PASSED", "QUEUED", "REVIEW", "SETTLED", "STORED", "VERDICT_STATUS",
    "Actor", "DossierStore", "new_id",
]  # fmt: skip


class DossierStore(Uploads):
    """Mobilities and, through ``Uploads``, their uploads and the officers' decisions."""

    def __init__(self, sessions: sessionmaker[Session], blobs: BlobStore) -> None:
        self.sessions = sessions
        self.blobs = blobs

    # -- mobilities ------------------------------------------------------------------------
    def create(self, mobility: Mobility, actor: Actor) -> MobilityRow:
        moment = utc_now()
        row = MobilityRow(
            id=new_id(),
            reference=mobility.reference,
            record=mobility.model_dump(mode="json", exclude_none=True),
            record_version=1,
            force_majeure=False,
            state="documents_pending",
            created_at=moment,
            updated_at=moment,
            created_by=actor.label,
        )
        try:
            with self.sessions.begin() as session:
                session.add(row)
                session.flush()
                audit.record(
                    session,
                    actor.label,
                    "mobility.create",
                    mobility_id=row.id,
                    subject=mobility.reference,
                    remote_addr=actor.remote_addr,
                )
        except IntegrityError:
            existing = self.find_reference(mobility.reference)
            raise Conflict(
                f"A dossier for {mobility.reference} exists already"
                + (f" (id {existing.id})" if existing else "")
                + "; change it with PUT /api/v1/mobilities/{id} instead."
            ) from None
        return row

    def find_reference(self, reference: str) -> MobilityRow | None:
        with self.sessions() as session:
            return session.scalars(
                select(MobilityRow).where(MobilityRow.reference == reference)
            ).first()

    def get(self, mobility_id: str) -> MobilityRow:
        with self.sessions() as session:
            row = session.get(MobilityRow, mobility_id)
        if row is None:
            raise NotFound(f"There is no mobility {mobility_id!r}.", code="unknown_mobility")
        return row

    def listing(
        self,
        *,
        state: str | None = None,
        query: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> tuple[list[MobilityRow], int]:
        """Dossiers newest first, and how many match; ``limit=None`` for all of them."""
        where = []
        if state:
            where.append(MobilityRow.state == state)
        if query:
            where.append(MobilityRow.reference.ilike(f"%{query}%"))
        with self.sessions() as session:
            total = session.scalar(select(func.count()).select_from(MobilityRow).where(*where))
            rows = session.scalars(
                select(MobilityRow)
                .where(*where)
                .order_by(MobilityRow.created_at.desc(), MobilityRow.id)
                .limit(limit)
                .offset(offset)
            ).all()
        return list(rows), int(total or 0)

    def records(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Every dossier's id, reference and record (for an import's checks against them)."""
        with self.sessions() as session:
            found = session.execute(
                select(MobilityRow.id, MobilityRow.reference, MobilityRow.record)
            ).all()
        return [(row.id, row.reference, row.record) for row in found]

    def payable(self, limit: int = 500) -> list[MobilityRow]:
        """Dossiers whose state says a payment is due (ready for prefinancing or the balance, or
        to recover), oldest first."""
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(MobilityRow)
                    .where(
                        MobilityRow.state.in_(
                            ("ready_for_prefinancing", "ready_for_balance", "to_recover")
                        )
                    )
                    .order_by(MobilityRow.updated_at, MobilityRow.id)
                    .limit(limit)
                )
            )

    def replace_record(self, mobility_id: str, mobility: Mobility, actor: Actor) -> list[int]:
        """Store a changed record; the documents already read are checked again against it.
        Returns the uploads to queue."""
        record = mobility.model_dump(mode="json", exclude_none=True)
        with self.sessions.begin() as session:
            row = session.get(MobilityRow, mobility_id, with_for_update=True)
            if row is None:
                raise NotFound(f"There is no mobility {mobility_id!r}.", code="unknown_mobility")
            if mobility.reference != row.reference:
                raise Conflict(
                    f"The record's reference {mobility.reference!r} is not this dossier's "
                    f"({row.reference!r}); a reference cannot change."
                )
            if record == row.record:
                return []
            row.record = record
            row.record_version += 1
            row.updated_at = utc_now()
            audit.record(
                session,
                actor.label,
                "mobility.update",
                mobility_id=mobility_id,
                remote_addr=actor.remote_addr,
                record_version=row.record_version,
            )
            again = []
            for upload in self._current(session, mobility_id).values():
                if upload.status == STORED or upload.file_deleted_at is not None:
                    continue  # an officer's kind, or a file deleted at the end of its retention
                upload.status = QUEUED
                upload.record_version = row.record_version
                upload.queued_at = utc_now()
                upload.attempts = 0
                upload.lease_until = None
                again.append(upload.id)
            return again

    def set_ects_completed(self, mobility_id: str, ects: float | None, actor: Actor) -> None:
        """Record the credits a student completed (after return). The documents' checks do not
        depend on them, so nothing is checked again."""
        with self.sessions.begin() as session:
            row = mobility_row(session, mobility_id)
            record = dict(row.record)
            if ects is None:
                record.pop("ects_completed", None)
            else:
                record["ects_completed"] = ects
            row.record = record
            row.updated_at = utc_now()
            audit.record(
                session,
                actor.label,
                "mobility.ects_completed",
                mobility_id=mobility_id,
                remote_addr=actor.remote_addr,
                ects_completed=ects,
            )

    def set_force_majeure(self, mobility_id: str, value: bool, reason: str, actor: Actor) -> None:
        with self.sessions.begin() as session:
            row = mobility_row(session, mobility_id)
            row.force_majeure = value
            row.force_majeure_reason = reason if value else None
            row.updated_at = utc_now()
            audit.record(
                session,
                actor.label,
                "decision.force_majeure",
                mobility_id=mobility_id,
                remote_addr=actor.remote_addr,
                force_majeure=value,
                reason=reason,
            )

    def confirm_reconciliation(
        self, mobility_id: str, fingerprint: str, reason: str, actor: Actor
    ) -> None:
        with self.sessions.begin() as session:
            row = mobility_row(session, mobility_id)
            row.reconciliation_ack = {
                "fingerprint": fingerprint,
                "reason": reason,
                "by": actor.label,
                "at": utc_now().isoformat(),
            }
            audit.record(
                session,
                actor.label,
                "decision.reconciliation",
                mobility_id=mobility_id,
                remote_addr=actor.remote_addr,
                reason=reason,
                fingerprint=fingerprint,
            )

    def move_state(self, mobility_id: str, old: str, new: str) -> bool:
        """Record a new state, if nobody else did first; True for the one caller that did.
        Entering a settled state starts the passport scans' retention period; leaving the
        settled states stops it."""
        values: dict[str, Any] = {"state": new}
        if new not in SETTLED:
            values["settled_at"] = None
        elif old not in SETTLED:
            values["settled_at"] = utc_now()
        with self.sessions.begin() as session:
            done = session.execute(
                update(MobilityRow)
                .where(MobilityRow.id == mobility_id, MobilityRow.state == old)
                .values(**values)
            )
        return bool(done.rowcount)  # type: ignore[attr-defined]
