"""Projects in the database, each change in the audit log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.clock import utc_now
from docservice.dossier.records import Actor
from docservice.errors import Conflict, NotFound, say
from docservice.projects.model import ProjectIn
from docservice.storage.models import BmFeedbackRow, ProjectRow


class ProjectStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def create(self, project: ProjectIn, actor: Actor) -> ProjectRow:
        row = ProjectRow(
            number=project.number,
            action=project.action.value,
            call_year=project.call_year,
            start_date=project.start_date,
            end_date=project.end_date,
            budget=Decimal(str(project.budget)).quantize(Decimal("0.01")),
            lines={k.strip(): v for k, v in project.lines.items()},
            policy=dict(project.policy),
            created_at=utc_now(),
            created_by=actor.label,
        )
        try:
            with self.sessions.begin() as session:
                session.add(row)
                session.flush()
                audit.record(session, actor.label, "project.create", subject=row.number)
                session.expunge(row)
        except IntegrityError:
            raise Conflict(
                say("There is a project %(number)s already.", number=project.number)
            ) from None
        return row

    def get(self, number: str) -> ProjectRow:
        with self.sessions() as session:
            row = session.get(ProjectRow, number.strip().upper())
            if row is None:
                raise NotFound(
                    say("There is no project %(number)s.", number=number), code="unknown_project"
                )
            session.expunge(row)
            return row

    def find(self, number: str) -> ProjectRow | None:
        with self.sessions() as session:
            row = session.get(ProjectRow, number.strip().upper())
            if row is not None:
                session.expunge(row)
            return row

    def all(self) -> list[ProjectRow]:
        with self.sessions() as session:
            rows = list(session.scalars(select(ProjectRow).order_by(ProjectRow.start_date.desc())))
            session.expunge_all()
            return rows

    def replace_feedback(self, number: str, lines: list[dict[str, Any]], actor: Actor) -> None:
        """The Module's newest log for the project, in place of the one before."""
        moment = utc_now()
        with self.sessions.begin() as session:
            session.execute(delete(BmFeedbackRow).where(BmFeedbackRow.project == number))
            for line in lines:
                session.add(
                    BmFeedbackRow(
                        project=number, imported_at=moment, imported_by=actor.label, **line
                    )
                )
            audit.record(
                session, actor.label, "project.bm_feedback", subject=number, lines=len(lines)
            )

    def feedback(
        self, *, project: str | None = None, mobility_id: str | None = None
    ) -> list[BmFeedbackRow]:
        query = select(BmFeedbackRow).order_by(BmFeedbackRow.id)
        if project is not None:
            query = query.where(BmFeedbackRow.project == project)
        if mobility_id is not None:
            query = query.where(BmFeedbackRow.mobility_id == mobility_id)
        with self.sessions() as session:
            rows = list(session.scalars(query))
            session.expunge_all()
            return rows
