"""Tables. Every change to them comes with an Alembic migration in ``migrations/versions``.

The dossiers' tables are here; selection's and the projects' are in ``planning_models`` and
are named here too, so that one import holds every table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from docservice.storage.base import Base


class IssuedDocument(Base):
    """A document docservice generated: what it is, for whom, when, and its files' hashes."""

    __tablename__ = "issued_documents"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    template: Mapped[str] = mapped_column(String(40))
    template_file: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(5))
    reference: Mapped[str] = mapped_column(String(120), index=True)
    participant_name: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # What the document states, for the office (never shown on the public page): dates, host,
    # amounts. No IBAN, no e-mail.
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The newer document of the same kind and language for the same dossier that replaced this
    # one (which is then revoked).
    superseded_by: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # Set when the document was generated for a dossier: its files are then kept in the file
    # store, for the office to download again.
    mobility_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    issued_by: Mapped[str | None] = mapped_column(String(160), nullable=True)

    files: Mapped[list[IssuedFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan", lazy="selectin"
    )


class IssuedFile(Base):
    __tablename__ = "issued_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(
        ForeignKey("issued_documents.code", ondelete="CASCADE"), index=True
    )
    format: Mapped[str] = mapped_column(String(10))  # docx, pdf
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    signed: Mapped[bool] = mapped_column(default=False)

    document: Mapped[IssuedDocument] = relationship(back_populates="files")


class BatchJob(Base):
    """A batch generation run: its progress, and the ZIP it produced."""

    __tablename__ = "batch_jobs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))  # queued, running, done, failed
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    result_path: Mapped[str | None] = mapped_column(String(400), nullable=True)
    # the worker running it, until when (renewed as it goes on)
    worker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class MobilityRow(Base):
    """One mobility's dossier: the record as the office gave it, and what the office decided."""

    __tablename__ = "mobilities"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    reference: Mapped[str] = mapped_column(String(120), unique=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Raised on every change of the record: a report made for an older version is re-made.
    record_version: Mapped[int] = mapped_column(Integer, default=1)
    force_majeure: Mapped[bool] = mapped_column(default=False)
    force_majeure_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # An officer's confirmation of reconciliation findings: {fingerprint, reason, by, at}. It
    # lapses when the findings change.
    reconciliation_ack: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    state: Mapped[str] = mapped_column(String(30), default="documents_pending", index=True)
    # When the dossier last became settled (ready for the balance, or to recover); None while
    # it is not. Passport scans are kept for the retention period from then.
    settled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(160))


class UploadRow(Base):
    """One file uploaded for one checklist item, and its check. A new upload supersedes the last;
    every upload is kept, so the office can see what was sent before."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_mobility_kind", "mobility_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mobility_id: Mapped[str] = mapped_column(ForeignKey("mobilities.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    uploaded_by: Mapped[str] = mapped_column(String(160))
    record_version: Mapped[int] = mapped_column(Integer)
    # queued, checking, passed, failed, review; "stored" for kinds an officer checks
    status: Mapped[str] = mapped_column(String(20), index=True)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    queued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    worker: Mapped[str | None] = mapped_column(String(160), nullable=True)
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    file_deleted_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    # The check's evidence drawn on the pages (PNG, in the file store), for people to see.
    evidence_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)


class DecisionRow(Base):
    """An officer's acceptance or rejection of one upload, with the reason. Never deleted."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"), index=True)
    mobility_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(20))  # accepted, rejected
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(160))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PaymentRow(Base):
    """A payment the office made to a participant (the prefinancing, the balance) or received
    back (a recovery), as the officer recorded it. A mistaken entry is cancelled, never deleted."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mobility_id: Mapped[str] = mapped_column(
        ForeignKey("mobilities.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # prefinancing, balance, recovery
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    paid_on: Mapped[dt.date] = mapped_column(Date, index=True)
    bank_reference: Mapped[str | None] = mapped_column(String(120), nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(160))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    cancelled_by: Mapped[str | None] = mapped_column(String(160), nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class TokenRow(Base):
    """An API token: only its SHA-256 is kept; the token itself is shown once, when made."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))  # office, integration, participant
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    mobility_id: Mapped[str | None] = mapped_column(
        ForeignKey("mobilities.id", ondelete="CASCADE"), nullable=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditRow(Base):
    """Who read or changed what, when: every access to personal data and every decision."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(160))
    action: Mapped[str] = mapped_column(String(60))
    mobility_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    subject: Mapped[str | None] = mapped_column(String(160), nullable=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    remote_addr: Mapped[str | None] = mapped_column(String(64), nullable=True)


class DeliveryRow(Base):
    """One webhook delivery: the event, where it goes, and each attempt's outcome."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event: Mapped[str] = mapped_column(String(60))
    url: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    mobility_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # pending, delivered, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class MailRow(Base):
    """One e-mail docservice sends (the outbox): kept before it is sent, with each attempt's
    outcome, so nothing is lost and the office sees what went out."""

    __tablename__ = "outbox"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # participant_link, …
    # one notice made once: "reminder:<dossier>:<day>" (None: a message an officer asked for)
    key: Mapped[str | None] = mapped_column(String(120), nullable=True, unique=True)
    mobility_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # small files sent with it: [{"filename", "type", "data" (base64)}], e.g. a link's QR code
    attachments: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, nullable=True)
    lang: Mapped[str] = mapped_column(String(5))
    # queued (waits to be sent), sent, failed (gave up), unsent (no mail server configured)
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(160))
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class UserRow(Base):
    """An office user who signs in to the web pages; the password is kept as a salted hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # An administrator manages the office's users in the pages
    is_admin: Mapped[bool] = mapped_column(default=False)
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    # A password reset under way: the SHA-256 of its link's token, and until when it works
    reset_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    reset_expires_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


# selection's and the projects' tables (their own module, the same metadata)
from docservice.storage.planning_models import (  # noqa: E402
    ApplicationRow,
    BmFeedbackRow,
    CallRow,
    ParticipationRow,
    ProjectRow,
    SelectionStepRow,
)

__all__ = [
    "ApplicationRow", "AuditRow", "Base", "BatchJob", "BmFeedbackRow", "CallRow", "DecisionRow",
    "DeliveryRow", "IssuedDocument", "IssuedFile", "MailRow", "MobilityRow", "ParticipationRow",
    "PaymentRow", "ProjectRow", "SelectionStepRow", "TokenRow", "UploadRow", "UserRow",
]  # fmt: skip
