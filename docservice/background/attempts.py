"""The tries of one outbound message (an e-mail, a webhook delivery), kept in its row: a worker
claims a try so that of two workers handed the same message one sends it; a failure schedules
the next try after a pause that doubles each time; after the last, the message has failed. The
mail outbox and the webhooks share this; each says how to send and what success is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

DONE, RETRY, GAVE_UP = "done", "retry", "gave_up"


@dataclass(frozen=True)
class Attempts:
    """Tries of the rows of ``model`` (with ``id``, ``status``, ``attempts``,
    ``next_attempt_at`` and ``last_error``): ``waiting`` is the status of a row still to send,
    ``done`` and ``failed`` its ends, ``done_at`` the column that takes the moment of success."""

    sessions: sessionmaker[Session]
    model: Any
    waiting: str
    done: str
    failed: str
    done_at: str
    max_attempts: int
    hold: dt.timedelta  # how long a claimed try keeps others off (longer than one try takes)
    retry_base_s: float
    clock: Callable[[], dt.datetime]

    def claim(self, row_id: str) -> Any | None:
        """The row, detached, if this worker may try it now; None if another has it, it is
        not due, or it is sent."""
        moment = self.clock()
        model = self.model
        with self.sessions.begin() as session:
            claimed = session.execute(
                update(model)
                .where(
                    model.id == row_id,
                    model.status == self.waiting,
                    model.next_attempt_at <= moment,
                )
                .values(next_attempt_at=moment + self.hold)
            )
            if not claimed.rowcount:  # type: ignore[attr-defined]
                return None
            row = session.get(model, row_id)
            session.expunge(row)
            return row

    def record(self, row_id: str, error: str | None, **always: Any) -> tuple[str, Any] | None:
        """The try's outcome (``error`` None: it succeeded), with ``always`` set either way:
        ``(DONE | RETRY | GAVE_UP, the row's attempts)``, or None if the row went meanwhile."""
        with self.sessions.begin() as session:
            row = session.get(self.model, row_id, with_for_update=True)
            if row is None or row.status != self.waiting:
                return None
            row.attempts += 1
            row.last_error = error
            for key, value in always.items():
                setattr(row, key, value)
            if error is None:
                row.status, row.next_attempt_at = self.done, None
                setattr(row, self.done_at, self.clock())
                return DONE, row.attempts
            if row.attempts >= self.max_attempts:
                row.status, row.next_attempt_at = self.failed, None
                return GAVE_UP, row.attempts
            pause = self.retry_base_s * 2 ** (row.attempts - 1)
            row.next_attempt_at = self.clock() + dt.timedelta(seconds=pause)
            return RETRY, row.attempts

    def due(self) -> list[str]:
        """Rows whose try is due (retries, and any a crash left behind)."""
        model = self.model
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(model.id).where(
                        model.status == self.waiting, model.next_attempt_at <= self.clock()
                    )
                ).all()
            )
