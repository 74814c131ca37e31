"""Dossiers in the database: mobilities, their uploads, officers' decisions and the documents
generated for them. The workers' side (claims and leases) is in ``claims.py``, the retention of
passport scans in ``retention.py``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.clock import utc_now
from docservice.dossier import checklist
from docservice.errors import Conflict, InputError, NotFound
from docservice.mobility import Mobility
from docservice.storage.blobs import BlobStore
from docservice.storage.models import DecisionRow, IssuedDocument, MobilityRow, UploadRow

# Statuses of an upload row; "stored" is a kind an officer checks, shown as "review".
QUEUED, CHECKING, PASSED, FAILED, REVIEW, STORED = (
    "queued",
    "checking",
    "passed",
    "failed",
    "review",
    "stored",
)
VERDICT_STATUS = {"pass": PASSED, "fail": FAILED, "review": REVIEW}
# Dossier states in which the final grant is settled (view.READY_FOR_BALANCE, view.TO_RECOVER).
SETTLED = ("ready_for_balance", "to_recover")


@dataclass(frozen=True)
class Actor:
    """Who does something, as the audit log names them."""

    label: str  # "office:alice", "integration:e-belge", "participant:<id>", "worker", "cli"
    remote_addr: str | None = None


def new_id() -> str:
    return secrets.token_hex(8)


class DossierStore:
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
            row = self._mobility(session, mobility_id)
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
            row = self._mobility(session, mobility_id)
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
            row = self._mobility(session, mobility_id)
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

    @staticmethod
    def _mobility(session: Session, mobility_id: str) -> MobilityRow:
        row = session.get(MobilityRow, mobility_id)
        if row is None:
            raise NotFound(f"There is no mobility {mobility_id!r}.", code="unknown_mobility")
        return row

    # -- uploads ---------------------------------------------------------------------------
    def add_upload(
        self,
        mobility_id: str,
        kind: str,
        data: bytes,
        filename: str,
        actor: Actor,
        *,
        checked: bool,
    ) -> tuple[UploadRow, bool]:
        """Store a file for a checklist item. The same file as the item's current one is not
        stored or checked again: the answer is the existing upload and False."""
        sha = self.blobs.put(data)  # on disk before the row that names it
        with self.sessions.begin() as session:
            row = self._mobility(session, mobility_id)
            current = self._current(session, mobility_id).get(kind)
            if (
                current is not None
                and current.sha256 == sha
                and current.record_version == row.record_version
            ):
                audit.record(
                    session,
                    actor.label,
                    "document.upload_repeated",
                    mobility_id=mobility_id,
                    subject=kind,
                    remote_addr=actor.remote_addr,
                    upload=current.id,
                )
                return current, False
            upload = UploadRow(
                mobility_id=mobility_id,
                kind=kind,
                sha256=sha,
                filename=filename[:255],
                size=len(data),
                uploaded_at=utc_now(),
                uploaded_by=actor.label,
                record_version=row.record_version,
                status=QUEUED if checked else STORED,
                attempts=0,
                queued_at=utc_now() if checked else None,
            )
            session.add(upload)
            session.flush()
            audit.record(
                session,
                actor.label,
                "document.upload",
                mobility_id=mobility_id,
                subject=kind,
                remote_addr=actor.remote_addr,
                upload=upload.id,
                sha256=sha,
                size=len(data),
            )
            return upload, True

    @staticmethod
    def _current(session: Session, mobility_id: str) -> dict[str, UploadRow]:
        rows = session.scalars(
            select(UploadRow).where(UploadRow.mobility_id == mobility_id).order_by(UploadRow.id)
        ).all()
        return {row.kind: row for row in rows}  # the newest of each kind wins

    def current_many(
        self, mobility_ids: list[str]
    ) -> tuple[dict[str, dict[str, UploadRow]], dict[int, DecisionRow]]:
        """The current upload of every kind of many dossiers, and the latest decision on each
        upload: two queries for a whole page of the dashboard."""
        uploads: dict[str, dict[str, UploadRow]] = {mid: {} for mid in mobility_ids}
        decisions: dict[int, DecisionRow] = {}
        if not mobility_ids:
            return uploads, decisions
        with self.sessions() as session:
            for row in session.scalars(
                select(UploadRow)
                .where(UploadRow.mobility_id.in_(mobility_ids))
                .order_by(UploadRow.id)
            ):
                uploads[row.mobility_id][row.kind] = row
            for decision in session.scalars(
                select(DecisionRow)
                .where(DecisionRow.mobility_id.in_(mobility_ids))
                .order_by(DecisionRow.id)
            ):
                decisions[decision.upload_id] = decision
        return uploads, decisions

    def current(self, mobility_id: str) -> dict[str, UploadRow]:
        with self.sessions() as session:
            return self._current(session, mobility_id)

    def history(self, mobility_id: str, kind: str) -> list[UploadRow]:
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(UploadRow)
                    .where(UploadRow.mobility_id == mobility_id, UploadRow.kind == kind)
                    .order_by(UploadRow.id.desc())
                ).all()
            )

    def upload(self, upload_id: int) -> UploadRow | None:
        with self.sessions() as session:
            return session.get(UploadRow, upload_id)

    # -- documents generated for the dossier ------------------------------------------------
    def generated(self, mobility_id: str) -> list[IssuedDocument]:
        """The documents generated for this dossier, newest first, with their files."""
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(IssuedDocument)
                    .where(IssuedDocument.mobility_id == mobility_id)
                    .order_by(IssuedDocument.issued_at.desc(), IssuedDocument.code)
                ).all()
            )

    def record_access(
        self,
        mobility_id: str,
        actor: Actor,
        action: str,
        subject: str | None = None,
        **detail: Any,
    ) -> None:
        """An audit entry of its own, for a read or a download (a change writes its entry in
        its own transaction)."""
        with self.sessions.begin() as session:
            audit.record(
                session,
                actor.label,
                action,
                mobility_id=mobility_id,
                subject=subject,
                remote_addr=actor.remote_addr,
                **detail,
            )

    # -- decisions -------------------------------------------------------------------------
    def decide(
        self, mobility_id: str, kind: str, decision: str, reason: str, actor: Actor
    ) -> DecisionRow:
        if decision not in checklist.DECISIONS:
            raise InputError(f"A decision is 'accepted' or 'rejected', not {decision!r}.")
        if not reason.strip():
            raise InputError("Give the reason for the decision (it is kept with it).")
        with self.sessions.begin() as session:
            self._mobility(session, mobility_id)
            current = self._current(session, mobility_id).get(kind)
            if current is None:
                raise Conflict(
                    f"Nothing has been uploaded for {kind} yet; there is nothing to decide."
                )
            if current.status in (QUEUED, CHECKING):
                raise Conflict(
                    f"The {kind} upload is still being checked; decide once its report is there."
                )
            row = DecisionRow(
                upload_id=current.id,
                mobility_id=mobility_id,
                kind=kind,
                decision=decision,
                reason=reason.strip(),
                decided_by=actor.label,
                decided_at=utc_now(),
            )
            session.add(row)
            audit.record(
                session,
                actor.label,
                f"decision.{decision}",
                mobility_id=mobility_id,
                subject=kind,
                remote_addr=actor.remote_addr,
                upload=current.id,
                reason=reason.strip(),
            )
            return row

    def decisions(self, mobility_id: str) -> list[DecisionRow]:
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(DecisionRow)
                    .where(DecisionRow.mobility_id == mobility_id)
                    .order_by(DecisionRow.id)
                ).all()
            )
