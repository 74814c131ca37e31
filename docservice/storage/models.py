"""Tables. Every change to them comes with an Alembic migration in ``migrations/versions``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


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
