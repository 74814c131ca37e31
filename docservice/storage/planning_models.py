"""Tables of what comes before and around the dossiers: a call's selection (the call, its
applications, the recorded steps of its ranking, the participation history) and the projects
with what the Beneficiary Module said of their mobilities. Every change comes with an Alembic
migration in ``migrations/versions``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from docservice.storage.base import Base


class CallRow(Base):
    """A call for applications (selection): its rule set as it was used, places, deadlines,
    budget, partner institutions and what a selected candidate's planned mobility is like."""

    __tablename__ = "calls"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))
    call_year: Mapped[int] = mapped_column(Integer)
    rules_name: Mapped[str] = mapped_column(String(80))
    rules_text: Mapped[str] = mapped_column(Text)  # the rule set's file, kept as used
    quota: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # the call's own places per country or region, over the rule set's: {"country": {"AL": 2}}
    places: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    budget: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    applications_close: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    letters_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    partners: Mapped[list[str]] = mapped_column(JSON, default=list)
    # the planned mobility of a selected candidate: {"days": 5, "start_date": ..., ...}
    plan: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    project: Mapped[str | None] = mapped_column(String(60), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(160))


class ApplicationRow(Base):
    """One application to a call, as the sheet or the page gave it."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("call_id", "application_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[str] = mapped_column(String(300))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # an acceptance letter given at application: its check's fields and verdict
    letter: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    mobility_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SelectionStepRow(Base):
    """One recorded step of a call's selection (the ranking, the letter deadline, a withdrawal,
    dossiers made): who, when, what it did and the lists as they stood after it."""

    __tablename__ = "selection_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(160))
    summary: Mapped[Any] = mapped_column(JSON)  # a message, kept with its template
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    entries: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class ParticipationRow(Base):
    """An earlier mobility (or no-show) of a person, for "first time" and "fewer before": from
    an office's sheet of earlier years, or recorded by a call's withdrawal without force
    majeure. docservice's own dossiers count without a row here."""

    __tablename__ = "participations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_key: Mapped[str] = mapped_column(String(300), index=True)
    given_names: Mapped[str] = mapped_column(String(300))
    surname: Mapped[str] = mapped_column(String(300))
    call_year: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str] = mapped_column(String(20))  # took_part, no_show
    host_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    source: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(160))


class ProjectRow(Base):
    """A project: the office's grant agreement with the National Agency for one call and action
    (interface §7), its budget in total and per line, and its own policy where it differs."""

    __tablename__ = "projects"

    number: Mapped[str] = mapped_column(String(60), primary_key=True)
    action: Mapped[str] = mapped_column(String(10))
    call_year: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    budget: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    lines: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # line or country → EUR
    policy: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the policy's own keys
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(160))


class BmFeedbackRow(Base):
    """What the Beneficiary Module said of a mobility it was given (its import error log)."""

    __tablename__ = "bm_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project: Mapped[str] = mapped_column(String(60), index=True)
    mobility_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    activity_id: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20))  # error, warning, ok
    message: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str] = mapped_column(String(160))
