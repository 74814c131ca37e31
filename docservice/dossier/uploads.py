"""A dossier's uploads (a file for a checklist item, each kept with its report) and the officers'
decisions on them, in the database; the files themselves in the blob store."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.clock import aware, utc_now
from docservice.dossier import checklist
from docservice.dossier.records import (
    CHECKING,
    PASSED,
    QUEUED,
    STORED,
    Actor,
    mobility_row,
)
from docservice.errors import Conflict, InputError, say
from docservice.storage.blobs import BlobStore
from docservice.storage.models import DecisionRow, IssuedDocument, UploadRow


class Uploads:
    """The uploads and decisions half of ``DossierStore``."""

    sessions: sessionmaker[Session]
    blobs: BlobStore

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
            row = mobility_row(session, mobility_id)
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

    def estimate_s(self, upload: UploadRow, workers: int) -> float | None:
        """About how many seconds until the check of ``upload`` answers: the checks of its
        kind lately took a median time from queue to answer, and those queued before it share
        the workers. None without a history to go by."""
        with self.sessions() as session:
            recent = session.execute(
                select(UploadRow.queued_at, UploadRow.checked_at)
                .where(
                    UploadRow.kind == upload.kind,
                    UploadRow.checked_at.is_not(None),
                    UploadRow.queued_at.is_not(None),
                )
                .order_by(UploadRow.checked_at.desc())
                .limit(20)
            ).all()
            ahead = session.scalar(
                select(func.count())
                .select_from(UploadRow)
                .where(
                    UploadRow.status.in_((QUEUED, CHECKING)),
                    UploadRow.queued_at < (upload.queued_at or utc_now()),
                )
            )
        took = sorted(
            max(0.0, (aware(done) - aware(queued)).total_seconds())
            for queued, done in recent
            if queued is not None and done is not None
        )
        if not took:
            return None
        typical = took[len(took) // 2]
        waited = (utc_now() - aware(upload.queued_at)).total_seconds() if upload.queued_at else 0
        left = typical * (1 + (ahead or 0) / max(1, workers)) - waited
        return max(5.0, left)

    def current(self, mobility_id: str) -> dict[str, UploadRow]:
        with self.sessions() as session:
            return self._current(session, mobility_id)

    def history(self, mobility_id: str, kind: str | None = None) -> list[UploadRow]:
        """Every upload of one kind (or of every kind), newest first."""
        where = [UploadRow.mobility_id == mobility_id]
        if kind is not None:
            where.append(UploadRow.kind == kind)
        with self.sessions() as session:
            return list(
                session.scalars(select(UploadRow).where(*where).order_by(UploadRow.id.desc())).all()
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
        with self.sessions.begin() as session:
            mobility_row(session, mobility_id)
            current = self._current(session, mobility_id).get(kind)
            if current is None:
                raise Conflict(
                    say(
                        "Nothing has been uploaded for this document yet; there is nothing to "
                        "decide."
                    )
                )
            if current.status in (QUEUED, CHECKING):
                raise Conflict(
                    say("The upload is still being checked; decide once its report is there.")
                )
            # Accepting what the checks passed agrees with them; anything else overrides or
            # refuses a document, and the reason is kept with it.
            passed = current.status == PASSED
            if not reason.strip() and not (decision == checklist.ACCEPTED and passed):
                raise InputError(
                    say(
                        "Give the reason for the decision (it is kept with it): a reason is "
                        "needed to reject a document, or to accept one the checks did not pass."
                    )
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
