"""What is due and what is late, across the dossiers still open: each required document's
deadline from the policy (``dossier.deadlines``), the late ones first, then those due within
the days the officer chose; as a page, or as a sheet to send round."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from docservice.api import services
from docservice.clock import utc_now
from docservice.dossier.deadlines import LATE, OPEN, deadlines
from docservice.errors import InvalidRecord
from docservice.mobility import parse_mobility
from docservice.served import send_table
from docservice.tabular import TABLE_FORMATS
from docservice.web.dashboard import rows_of
from docservice.web.i18n import day
from docservice.web.labels import kind_title
from docservice.web.office import signed_in, workflow

bp = Blueprint("office_deadlines", __name__)

WINDOWS = (7, 14, 30, 60)
# A dossier in these states has every document it needs.
DONE_STATES = ("ready_for_balance", "to_recover", "closed")


def outstanding(today: dt.date, within: int) -> list[dict[str, Any]]:
    """Each document still to send whose day is past or within ``within`` days, soonest
    (most late) first."""
    store = workflow().store
    policy = services().grants.policy
    everything, _total = store.listing(limit=None)
    open_rows = [row for row in everything if row.state not in DONE_STATES]
    records = {row.id: row.record for row in open_rows}
    out = []
    for row in rows_of(store, open_rows):
        try:
            mobility = parse_mobility(records[row.id])
        except InvalidRecord:
            continue
        statuses = {item.kind: status for item, status in row.items}
        items = [item for item, _status in row.items]
        groups: dict[str | None, list[str]] = {}
        for item in items:
            groups.setdefault(item.group, []).append(item.kind)
        listed: set[str] = set()
        by_kind = {item.kind: item for item in items}
        for deadline in deadlines(mobility, items, statuses, policy, today):
            item = by_kind[deadline.kind]
            left = deadline.days_left(today)
            if item.group in listed or not (
                deadline.status == LATE or (deadline.status == OPEN and left <= within)
            ):
                continue
            if item.group:  # either border document will do: one line for both
                listed.add(item.group)
            kinds = groups[item.group] if item.group else [item.kind]
            out.append(
                {
                    "row": row,
                    "deadline": deadline,
                    "days": left,
                    "status": statuses[deadline.kind],
                    "document": " / ".join(kind_title(kind) for kind in kinds),
                }
            )
    return sorted(out, key=lambda x: (x["deadline"].due, x["row"].participant))


@bp.get("/")
@signed_in
def listing() -> Any:
    today = utc_now().date()
    asked = request.args.get("within", "14")
    within = int(asked) if asked.isdigit() and int(asked) in WINDOWS else 14
    found = outstanding(today, within)
    fmt = request.args.get("format")
    if fmt in TABLE_FORMATS:
        lines = [
            {
                "due": day(x["deadline"].due),
                "late": max(0, -x["days"]),
                "participant": x["row"].participant,
                "document": x["document"],
                "reference": x["row"].reference,
            }
            for x in found
        ]
        headings = {
            "due": _("Due by"),
            "late": _("Days late"),
            "participant": _("Participant"),
            "document": _("Document"),
            "reference": _("Mobility reference"),
        }
        return send_table(lines, fmt, f"{_('Deadlines')}-{today}", headings)
    late = [x for x in found if x["deadline"].status == LATE]
    soon = [x for x in found if x["deadline"].status == OPEN]
    return render_template(
        "deadlines.html", late=late, soon=soon, within=within, windows=WINDOWS, today=today
    )
