"""Calls in the database: a call, its applications, the recorded steps of its selection (each
keeps the lists as they stood after it) and the participation history of earlier years. Every
change is in the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.clock import utc_now
from docservice.dossier.records import Actor, new_id
from docservice.errors import NotFound, Phrase, to_data
from docservice.selection.applications import Application, parse_application
from docservice.selection.ranking import Entry
from docservice.storage.models import (
    ApplicationRow,
    CallRow,
    ParticipationRow,
    SelectionStepRow,
)

Row = TypeVar("Row", ApplicationRow, SelectionStepRow)


def application_of(row: ApplicationRow) -> Application:
    """A stored application as the ranking reads it (its checked letter too)."""
    app = parse_application(row.data)
    return app.changed(letter=(row.letter or {}).get("fields") if row.letter else None)


class CallStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    # -- calls -------------------------------------------------------------------------------
    def create(self, values: dict[str, Any], actor: Actor) -> CallRow:
        row = CallRow(id=new_id(), created_at=utc_now(), created_by=actor.label, **values)
        with self.sessions.begin() as session:
            session.add(row)
            session.flush()
            audit.record(session, actor.label, "call.create", subject=row.id, name=row.name)
            session.expunge(row)
        return row

    def update(self, call_id: str, values: dict[str, Any], actor: Actor) -> CallRow:
        with self.sessions.begin() as session:
            row = self._call(session, call_id)
            changed = {k: v for k, v in values.items() if getattr(row, k) != v}
            for key, value in changed.items():
                setattr(row, key, value)
            if changed:
                audit.record(
                    session, actor.label, "call.update", subject=call_id, fields=sorted(changed)
                )
            session.flush()
            session.expunge(row)
        return row

    def get(self, call_id: str) -> CallRow:
        with self.sessions() as session:
            row = self._call(session, call_id)
            session.expunge(row)
            return row

    def all(self) -> list[CallRow]:
        with self.sessions() as session:
            rows = list(session.scalars(select(CallRow).order_by(CallRow.created_at.desc())))
            session.expunge_all()
            return rows

    @staticmethod
    def _call(session: Session, call_id: str) -> CallRow:
        row = session.get(CallRow, call_id)
        if row is None:
            raise NotFound(f"There is no call {call_id!r}.", code="unknown_call")
        return row

    # -- applications ------------------------------------------------------------------------
    def applications(self, call_id: str) -> list[ApplicationRow]:
        return self._of_call(ApplicationRow, call_id)

    def _of_call(self, model: type[Row], call_id: str) -> list[Row]:
        """A call's rows of ``model`` (applications, steps) in the order they were added."""
        with self.sessions() as session:
            rows = list(
                session.scalars(select(model).where(model.call_id == call_id).order_by(model.id))
            )
            session.expunge_all()
            return rows

    def application(self, call_id: str, application_id: str) -> ApplicationRow:
        with self.sessions() as session:
            row = self._application(session, call_id, application_id)
            session.expunge(row)
            return row

    @staticmethod
    def _application(session: Session, call_id: str, application_id: str) -> ApplicationRow:
        row = session.scalar(
            select(ApplicationRow).where(
                ApplicationRow.call_id == call_id,
                ApplicationRow.application_id == application_id,
            )
        )
        if row is None:
            raise NotFound(
                f"There is no application {application_id!r} in this call.",
                code="unknown_application",
            )
        return row

    def store_applications(
        self, call_id: str, applications: Iterable[Application], actor: Actor, source: str
    ) -> dict[str, int]:
        """Add new applications and update those whose id is known, in one transaction."""
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        with self.sessions.begin() as session:
            self._call(session, call_id)
            known = {
                row.application_id: row
                for row in session.scalars(
                    select(ApplicationRow).where(ApplicationRow.call_id == call_id)
                )
            }
            for app in applications:
                data = app.to_dict()
                row = known.get(app.application_id)
                if row is None:
                    session.add(
                        ApplicationRow(
                            call_id=call_id,
                            application_id=app.application_id,
                            data=data,
                            created_at=utc_now(),
                        )
                    )
                    counts["new"] += 1
                elif row.data != data:
                    row.data = data
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
            audit.record(
                session,
                actor.label,
                "call.applications",
                subject=call_id,
                source=source,
                new=counts["new"],
                updated=counts["updated"],
                unchanged=counts["unchanged"],
            )
        return counts

    def set_letter(
        self, call_id: str, application_id: str, letter: dict[str, Any] | None, actor: Actor
    ) -> None:
        with self.sessions.begin() as session:
            row = self._application(session, call_id, application_id)
            row.letter = letter
            audit.record(
                session,
                actor.label,
                "call.application_letter",
                subject=call_id,
                application=application_id,
                verdict=(letter or {}).get("verdict"),
            )

    def link_dossier(self, call_id: str, application_id: str, mobility_id: str) -> None:
        with self.sessions.begin() as session:
            self._application(session, call_id, application_id).mobility_id = mobility_id

    # -- steps -------------------------------------------------------------------------------
    def steps(self, call_id: str) -> list[SelectionStepRow]:
        return self._of_call(SelectionStepRow, call_id)

    def latest(self, call_id: str) -> SelectionStepRow | None:
        with self.sessions() as session:
            row = session.scalar(
                select(SelectionStepRow)
                .where(SelectionStepRow.call_id == call_id)
                .order_by(SelectionStepRow.id.desc())
                .limit(1)
            )
            if row is not None:
                session.expunge(row)
            return row

    def record_step(
        self,
        call_id: str,
        kind: str,
        summary: Phrase,
        entries: list[Entry],
        actor: Actor,
        **detail: Any,
    ) -> SelectionStepRow:
        row = SelectionStepRow(
            call_id=call_id,
            kind=kind,
            at=utc_now(),
            actor=actor.label,
            summary=to_data(summary),
            detail=detail,
            entries=[e.to_data() for e in entries],
        )
        with self.sessions.begin() as session:
            self._call(session, call_id)
            session.add(row)
            session.flush()
            audit.record(
                session, actor.label, f"call.{kind}", subject=call_id, step=row.id, **detail
            )
            session.expunge(row)
        return row

    # -- history -----------------------------------------------------------------------------
    def participations(self, person_keys: Iterable[str]) -> list[ParticipationRow]:
        keys = sorted(set(person_keys))
        if not keys:
            return []
        with self.sessions() as session:
            rows = list(
                session.scalars(
                    select(ParticipationRow).where(ParticipationRow.person_key.in_(keys))
                )
            )
            session.expunge_all()
            return rows

    def all_participations(self) -> list[ParticipationRow]:
        with self.sessions() as session:
            rows = list(
                session.scalars(
                    select(ParticipationRow).order_by(
                        ParticipationRow.call_year.desc(), ParticipationRow.surname
                    )
                )
            )
            session.expunge_all()
            return rows

    def add_participations(self, rows: list[ParticipationRow], actor: Actor, source: str) -> int:
        moment = utc_now()
        with self.sessions.begin() as session:
            for row in rows:
                row.created_at, row.created_by = moment, actor.label
                session.add(row)
            audit.record(session, actor.label, "history.import", source=source, count=len(rows))
        return len(rows)
