"""The workers' side of the dossier store: claiming an upload to check, renewing the lease,
writing the outcome, and finding work that crashed workers or lost messages left behind.

A worker *claims* an upload with an atomic update that only one worker can win, which also counts
the attempt. The attempt number is the fence: a worker whose lease ran out (it hung, or was
killed and its check given to another) cannot write its result over the newer one, and neither
can one whose check was made for an older version of the record. A worker that stops renewing
its lease loses the upload to the next worker that looks for stale ones, so a killed worker's
check runs again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.background.leases import left_behind, takeable
from docservice.clock import utc_now
from docservice.dossier.store import CHECKING, QUEUED
from docservice.storage.models import MobilityRow, UploadRow

# A check started this many times without finishing goes to an officer.
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Claim:
    upload_id: int
    fence: int
    mobility_id: str
    kind: str
    sha256: str
    filename: str
    record: dict[str, Any]
    record_version: int


def _held(claim: Claim) -> tuple[ColumnElement[bool], ...]:
    """The upload is still this claim's: checking, at this attempt (the fence)."""
    return (
        UploadRow.id == claim.upload_id,
        UploadRow.attempts == claim.fence,
        UploadRow.status == CHECKING,
    )


class Claims:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def claim(self, upload_id: int, worker: str, lease_s: float) -> Claim | None:
        """Take an upload to check, if it is queued or its last worker's lease ran out."""
        moment = utc_now()
        with self.sessions.begin() as session:
            done = session.execute(
                update(UploadRow)
                .where(UploadRow.id == upload_id, takeable(UploadRow, QUEUED, CHECKING, moment))
                .values(
                    status=CHECKING,
                    attempts=UploadRow.attempts + 1,
                    lease_until=moment + dt.timedelta(seconds=lease_s),
                    worker=worker,
                )
            )
            if not done.rowcount:  # type: ignore[attr-defined]
                return None
            upload = session.get(UploadRow, upload_id)
            assert upload is not None
            mobility = session.get(MobilityRow, upload.mobility_id)
            assert mobility is not None  # uploads go with their dossier (ON DELETE CASCADE)
            return Claim(
                upload.id,
                upload.attempts,
                upload.mobility_id,
                upload.kind,
                upload.sha256,
                upload.filename,
                dict(mobility.record),
                mobility.record_version,
            )

    def heartbeat(self, claim: Claim, lease_s: float) -> bool:
        with self.sessions.begin() as session:
            done = session.execute(
                update(UploadRow)
                .where(*_held(claim))
                .values(lease_until=utc_now() + dt.timedelta(seconds=lease_s))
            )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    def finish(
        self,
        claim: Claim,
        status: str,
        report: dict[str, Any] | None,
        error: str | None = None,
        evidence_sha256: str | None = None,
    ) -> bool:
        """Write a check's outcome, unless the upload was taken over or superseded meanwhile."""
        with self.sessions.begin() as session:
            done = session.execute(
                update(UploadRow)
                .where(*_held(claim), UploadRow.record_version == claim.record_version)
                .values(
                    status=status,
                    report=report,
                    error=error,
                    evidence_sha256=evidence_sha256,
                    lease_until=None,
                    checked_at=utc_now(),
                )
            )
            if done.rowcount:  # type: ignore[attr-defined]
                audit.record(
                    session,
                    "worker",
                    "document.checked",
                    mobility_id=claim.mobility_id,
                    subject=claim.kind,
                    upload=claim.upload_id,
                    status=status,
                    attempt=claim.fence,
                )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    def stale(self, *, queued_for_s: float) -> list[int]:
        """Uploads to queue again: a check whose worker stopped renewing its lease, and a queued
        upload no worker took for ``queued_for_s`` (its queue message was lost)."""
        moment = utc_now()
        with self.sessions.begin() as session:
            rows = session.scalars(
                select(UploadRow).where(
                    left_behind(
                        UploadRow,
                        QUEUED,
                        CHECKING,
                        moment,
                        UploadRow.queued_at,
                        dt.timedelta(seconds=queued_for_s),
                    )
                )
            ).all()
            for row in rows:
                row.queued_at = moment
            return [row.id for row in rows]
