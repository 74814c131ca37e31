"""When each document of a dossier is due, from the institution's policy, and whether it is late.

Seed 004 asks for the rectorate assignment a month before the mobility starts; the grant
agreement asks for the EU Survey within 30 days of the end, and offices ask for the return
documents in the same time. The policy says how many days (``Policy.DEADLINES``, per key action
where they differ); the other documents before departure are due by the first day.

A document is ``met`` once it passed or was accepted, ``waiting`` while it is with the checks or
an officer (the participant did their part), and otherwise ``open`` until its day and ``late``
after. Of two documents that prove the same (passport stamps or the e-Devlet record), one is
enough; a document not required (boarding passes after green travel) has no deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docservice.dossier import checklist
from docservice.grants.policy import Policy
from docservice.mobility import Mobility

MET, WAITING, OPEN, LATE = "met", "waiting", "open", "late"
SENT = frozenset({checklist.QUEUED, checklist.CHECKING, checklist.REVIEW})


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: dt.date
    status: str  # met, waiting, open, late

    @property
    def outstanding(self) -> bool:
        return self.status in (OPEN, LATE)

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "due": self.due.isoformat(), "status": self.status}


def due_date(mobility: Mobility, item: checklist.Item, policy: Policy) -> dt.date:
    action = mobility.action.value

    def days(setting: str) -> dt.timedelta:
        return dt.timedelta(days=policy.days(setting, action))

    if item.kind == "rectorate_assignment":
        return mobility.start_date - days("assignment_days_before_start")
    if item.phase == checklist.BEFORE:
        return mobility.start_date - days("documents_days_before_start")
    if item.kind == "eu_survey":
        return mobility.end_date + days("survey_days_after_end")
    return mobility.end_date + days("return_days_after_end")


def _status(status: str | None, due: dt.date, today: dt.date) -> str:
    if status in checklist.COMPLETE:
        return MET
    if status in SENT:
        return WAITING
    return LATE if today > due else OPEN


def deadlines(
    mobility: Mobility,
    items: list[checklist.Item],
    statuses: dict[str, str],
    policy: Policy,
    today: dt.date,
) -> list[Deadline]:
    """Each required document's deadline, in checklist order."""
    out = []
    for item in items:
        if not item.required:
            continue
        due = due_date(mobility, item, policy)
        status = _status(statuses.get(item.kind), due, today)
        if item.group is not None and status in (OPEN, LATE):
            partners = [i.kind for i in items if i.group == item.group and i.kind != item.kind]
            best = [_status(statuses.get(kind), due, today) for kind in partners]
            status = next((s for s in (MET, WAITING) if s in best), status)
        out.append(Deadline(item.kind, due, status))
    return out
