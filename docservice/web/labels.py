"""What the pages call the service's codes, in the reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from docservice.dossier.checklist import Item, describe
from docservice.web.i18n import current_language

TEMPLATES: dict[str, Any] = {
    "grant_agreement": _l("Grant agreement"),
    "mobility_agreement": _l("Mobility agreement"),
    "certificate_of_attendance": _l("Certificate of attendance (draft for the host)"),
    "acceptance_letter": _l("Acceptance letter (draft for the host)"),
}

STATUS: dict[str, Any] = {
    "missing": _l("missing"),
    "queued": _l("waiting to be checked"),
    "checking": _l("being checked"),
    "passed": _l("passed"),
    "failed": _l("failed"),
    "review": _l("to review"),
    "accepted": _l("accepted"),
    "rejected": _l("rejected"),
}

# What a participant reads about each status, in plain words.
PARTICIPANT_STATUS: dict[str, Any] = {
    "missing": _l("Not uploaded yet."),
    "queued": _l("Received; the check starts in a moment."),
    "checking": _l("Being checked…"),
    "passed": _l("Checked: everything needed is there."),
    "failed": _l("The check found a problem: see below what to fix, then upload it again."),
    "review": _l("Received: the office will look at it."),
    "accepted": _l("Accepted by the office."),
    "rejected": _l("Rejected by the office: see the reason, then upload it again."),
}

STATE: dict[str, Any] = {
    "documents_pending": _l("documents pending"),
    "ready_for_prefinancing": _l("ready for prefinancing"),
    "ready_for_balance": _l("ready for the balance"),
    "to_recover": _l("to recover"),
}

ACTIVITY: dict[str, Any] = {
    "teaching": _l("teaching"),
    "training": _l("training"),
    "studies": _l("studies"),
    "traineeship": _l("traineeship"),
}

# One check of a report, or one finding of the reconciliation.
FINDING: dict[str, Any] = {
    "pass": _l("passed"),
    "fail": _l("failed"),
    "review": _l("to review"),
    "pending": _l("waiting"),
}

RECONCILIATION: dict[str, Any] = {
    "pending": _l("waiting for documents"),
    "pass": _l("the documents agree"),
    "review": _l("to review"),
    "fail": _l("the documents disagree"),
}


def title(item: Item) -> str:
    return item.title_tr if current_language() == "tr" else item.title


def kind_title(kind: str) -> str:
    item = describe(kind)
    return title(item) if item else kind


def pending_text(text: str) -> str:
    """What a dossier waits for, with the kinds named as people call them."""
    parts = text.split(" or ")
    if all(describe(part) for part in parts):
        return str(_l(" or ")).join(kind_title(part) for part in parts)
    return text


def install(jinja_globals: dict[str, Any]) -> None:
    jinja_globals.update(
        TEMPLATE_LABELS=TEMPLATES,
        STATUS_LABELS=STATUS,
        PARTICIPANT_STATUS=PARTICIPANT_STATUS,
        STATE_LABELS=STATE,
        ACTIVITY_LABELS=ACTIVITY,
        RECONCILIATION_LABELS=RECONCILIATION,
        FINDING_LABELS=FINDING,
        item_title=title,
        kind_title=kind_title,
        pending_text=pending_text,
    )
