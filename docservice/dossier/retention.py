"""Retention of the most sensitive files: passport pages (the identity page and its stamps).

With ``DOCSERVICE_PASSPORT_RETENTION_DAYS`` set, the files of a dossier's passport scans, and the
evidence pictures drawn on them, are deleted that long after the dossier settled; the reports
(the stamps' dates, the identity read) stay as the record, and each deletion is audited.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from docservice.access import audit
from docservice.clock import utc_now
from docservice.dossier.store import DossierStore
from docservice.storage.models import MobilityRow, UploadRow

# Uploads whose files are deleted a while after their dossier settled.
RETAINED_KINDS = ("passport_stamps",)


def expired_scans(
    store: DossierStore, retention: dt.timedelta, *, now: dt.datetime | None = None
) -> int:
    """Delete the files of the passport scans of dossiers settled longer ago than
    ``retention``; the uploads' rows and reports (the dates and the identity read) stay.
    A file also uploaded elsewhere and still kept there stays on disk. Returns how many
    uploads lost their file."""
    moment = now or utc_now()
    with store.sessions.begin() as session:
        rows = session.scalars(
            select(UploadRow)
            .join(MobilityRow, MobilityRow.id == UploadRow.mobility_id)
            .where(
                UploadRow.kind.in_(RETAINED_KINDS),
                UploadRow.file_deleted_at.is_(None),
                MobilityRow.settled_at.is_not(None),
                MobilityRow.settled_at < moment - retention,
            )
        ).all()
        pictures = {row.evidence_sha256 for row in rows if row.evidence_sha256}
        for row in rows:
            row.file_deleted_at = moment
            row.evidence_sha256 = None  # the evidence picture shows the pages too
            audit.record(
                session,
                "retention",
                "document.file_deleted",
                mobility_id=row.mobility_id,
                subject=row.kind,
                upload=row.id,
                retention_days=retention / dt.timedelta(days=1),
            )
        hashes = {row.sha256 for row in rows} | pictures
        still_kept = set(
            session.scalars(
                select(UploadRow.sha256).where(
                    UploadRow.sha256.in_(hashes), UploadRow.file_deleted_at.is_(None)
                )
            ).all()
        ) | set(
            session.scalars(
                select(UploadRow.evidence_sha256).where(UploadRow.evidence_sha256.in_(hashes))
            ).all()
        )
    # After the commit: a crash in between leaves a file to delete, never a row without one.
    for sha in hashes - still_kept:
        store.blobs.delete(sha)
    return len(rows)
