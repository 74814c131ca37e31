"""What the reconciliation reads and says: the fields of each report it reads, a document's
reading, one finding, and how a finding names days and periods (in the reader's language)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from checkers import Kind
from checkers.phrases import N_, Day, say

PASS, FAIL, REVIEW, PENDING = "pass", "fail", "review", "pending"
TRAVEL_KINDS = (Kind.BOARDING_PASS, Kind.PASSPORT_STAMPS, Kind.ENTRY_EXIT_RECORD)
# A flight overnight, or a border crossed just after midnight, moves a date by one day.
TRAVEL_SLACK_DAYS = 1


# The keys of a report's fields that the reconciliation reads, named here once, by what they
# say; the checkers write them (tests/dossier/test_rules.py runs each checker and finds them).
PERIOD = ("start_date", "end_date")  # the period a letter accepts or a certificate confirms
JOURNEY = ("outbound_date", "return_date")  # the arrival at the host and the departure home
CROSSINGS = "crossings"  # [{date, direction, gate}] of an entry/exit record
LEGS = "legs"  # [{from_airport, to_airport, flight_date, ...}] of boarding passes
READS: dict[str, tuple[str, ...]] = {
    Kind.ACCEPTANCE_LETTER: PERIOD,
    Kind.CERTIFICATE_OF_ATTENDANCE: PERIOD,
    Kind.BOARDING_PASS: (*JOURNEY, LEGS),
    Kind.PASSPORT_STAMPS: JOURNEY,
    Kind.ENTRY_EXIT_RECORD: (*JOURNEY, CROSSINGS),
}


@dataclass(frozen=True)
class Read:
    """What one uploaded document said, as far as reconciliation cares: its fields, read
    through the names above."""

    kind: str
    status: str  # its checklist status
    fields: dict[str, Any]

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        return self._date(PERIOD[0]), self._date(PERIOD[1])

    @property
    def journey(self) -> tuple[dt.date | None, dt.date | None]:
        return self._date(JOURNEY[0]), self._date(JOURNEY[1])

    @property
    def crossings(self) -> list[dict[str, Any]]:
        return [c for c in self.fields.get(CROSSINGS) or [] if isinstance(c, dict)]

    @property
    def legs(self) -> list[dict[str, Any]]:
        return [leg for leg in self.fields.get(LEGS) or [] if isinstance(leg, dict)]

    def _date(self, key: str) -> dt.date | None:
        value = self.fields.get(key)
        if not isinstance(value, str):
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None


@dataclass(frozen=True)
class Finding:
    id: str
    status: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "message": self.message,
            "evidence": self.evidence,
        }


# The travel documents as a finding names them
DOCUMENTS = {
    "boarding_pass": N_("boarding pass"),
    "passport_stamps": N_("passport stamps"),
    "entry_exit_record": N_("entry exit record"),
}


def day_said(day: dt.date | None) -> str:
    return Day(day) if day else say("an unread date")


def period_said(a: dt.date | None, b: dt.date | None) -> str:
    return say("%(first)s – %(last)s", first=day_said(a), last=day_said(b))
