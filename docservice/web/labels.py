"""What the pages call the service's codes, in the reader's language."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_babel import lazy_gettext as _l

from docservice.api import services
from docservice.dossier import checklist
from docservice.dossier.checklist import Item, ItemStatus, describe
from docservice.errors import Phrase, from_data
from docservice.web.i18n import current_language, message

TEMPLATES: dict[str, Any] = {
    "grant_agreement": _l("Grant agreement"),
    "mobility_agreement": _l("Mobility agreement"),
    "certificate_of_attendance": _l("Certificate of attendance (draft for the host)"),
    "acceptance_letter": _l("Acceptance letter (draft for the host)"),
}

STATUS: dict[str, Any] = {
    ItemStatus.MISSING: _l("missing"),
    ItemStatus.QUEUED: _l("waiting to be checked"),
    ItemStatus.CHECKING: _l("being checked"),
    ItemStatus.PASSED: _l("passed"),
    ItemStatus.FAILED: _l("failed"),
    ItemStatus.REVIEW: _l("to review"),
    ItemStatus.ACCEPTED: _l("accepted"),
    ItemStatus.REJECTED: _l("rejected"),
}

# What a participant reads about each status, in plain words.
PARTICIPANT_STATUS: dict[str, Any] = {
    ItemStatus.MISSING: _l("Not uploaded yet."),
    ItemStatus.QUEUED: _l("Received; the check starts in a moment."),
    ItemStatus.CHECKING: _l("Being checked…"),
    ItemStatus.PASSED: _l("Checked: everything needed is there."),
    ItemStatus.FAILED: _l(
        "The check found a problem: see below what to fix, then upload it again."
    ),
    ItemStatus.REVIEW: _l("Received: the office will look at it."),
    ItemStatus.ACCEPTED: _l("Accepted by the office."),
    ItemStatus.REJECTED: _l("Rejected by the office: see the reason, then upload it again."),
}

STATE: dict[str, Any] = {
    "documents_pending": _l("documents pending"),
    "ready_for_prefinancing": _l("ready for prefinancing"),
    "prefinancing_paid": _l("prefinancing paid"),
    "ready_for_balance": _l("ready for the balance"),
    "to_recover": _l("to recover"),
    "closed": _l("closed"),
}

PAYMENT: dict[str, Any] = {
    "prefinancing": _l("prefinancing"),
    "balance": _l("balance"),
    "recovery": _l("recovered from the participant"),
}

# An e-mail's state in the outbox
MAIL: dict[str, Any] = {
    "queued": _l("waiting to be sent"),
    "sent": _l("sent"),
    "failed": _l("could not be sent"),
    "unsent": _l("not sent: no mail server is set up"),
}

# The bank's sheet of payments, its columns in the page's language
PAYMENT_COLUMNS: dict[str, Any] = {
    "paid_on": _l("Paid on"),
    "name": _l("Name"),
    "iban": "IBAN",
    "amount": _l("Amount"),
    "currency": _l("Currency"),
    "kind": _l("Payment"),
    "reference": _l("Mobility reference"),
    "bank_reference": _l("Bank reference"),
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
    ItemStatus.REVIEW: _l("to review"),
    "pending": _l("waiting"),
}

RECONCILIATION: dict[str, Any] = {
    "pending": _l("waiting for documents"),
    "pass": _l("the documents agree"),
    ItemStatus.REVIEW: _l("to review"),
    "fail": _l("the documents disagree"),
}


# What each check of a report means when it did not pass, in plain words a participant reads in
# their own language; the check's own message (in English, with the values it read) follows.
CHECK_SUMMARY: dict[str, Any] = {
    "readable": _l("The file could not be read."),
    "document_type": _l("This file is not the document asked for here."),
    "participant_name": _l("Your name was not found on the document, or another person's is."),
    "host_institution": _l("The host institution's name was not found on the document."),
    "activity_dates": _l("The dates on the document are not the dates of your mobility."),
    "erasmus_mention": _l("The document does not say the visit was an Erasmus+ mobility."),
    "teaching_hours": _l("The teaching hours are missing or too few (at least 8 a week)."),
    "issued": _l("The certificate is dated before the last day of your mobility."),
    "letterhead": _l("The document is not on the host's headed paper."),
    "signature": _l("No signature was found on the document."),
    "stamp": _l("No stamp of the host institution was found on the document."),
    "barcode": _l("The boarding pass's barcode could not be read, or it is not valid."),
    "printed_text": _l("What is printed on the boarding pass differs from its barcode."),
    "passenger_name": _l("The passenger's name on the boarding pass is not yours."),
    "outbound": _l("No outbound journey to the host on the right days was found."),
    "return": _l("No return journey on the right days was found."),
    "stamps": _l("The passport stamps could not be read, or their dates do not fit the mobility."),
    "identity": _l("The passport's identity page does not match you."),
    "verification_code": _l("The verification code could not be read, or it does not match."),
    "submitted": _l("The survey was not submitted, or not at the right time."),
    "mobility_reference": _l("The survey is for another mobility."),
}


# Each check's name, as the office's list of a report's checks shows it.
CHECK_NAMES: dict[str, Any] = {
    "readable": _l("Readable"),
    "document_type": _l("Kind of document"),
    "participant_name": _l("Participant's name"),
    "host_institution": _l("Host institution"),
    "activity_dates": _l("Dates of the activity"),
    "erasmus_mention": _l("Erasmus+ named"),
    "teaching_hours": _l("Teaching hours"),
    "issued": _l("Date of issue"),
    "letterhead": _l("Letterhead"),
    "signature": _l("Signature"),
    "stamp": _l("Stamp"),
    "barcode": _l("Barcode"),
    "printed_text": _l("Printed text and barcode"),
    "passenger_name": _l("Passenger's name"),
    "outbound": _l("Outbound journey"),
    "return": _l("Return journey"),
    "stamps": _l("Passport stamps"),
    "identity": _l("Identity page"),
    "verification_code": _l("Verification code"),
    "submitted": _l("Submitted"),
    "mobility_reference": _l("Mobility reference"),
}


def check_name(check_id: str) -> str:
    return str(CHECK_NAMES.get(check_id, check_id))


# The reconciliation's findings, by id and status, in plain words.
FINDING_SUMMARY: dict[str, Any] = {
    "letter_dates:pass": _l("The acceptance letter's period fits the plan."),
    "letter_dates:review": _l("The acceptance letter's period differs from the plan."),
    "certificate_dates:pass": _l("The certificate confirms the planned period."),
    "certificate_dates:review": _l("The certificate confirms only part of the planned period."),
    "certificate_dates:fail": _l("The certificate's period is outside the planned period."),
    "certificate_dates:pending": _l("A certificate of attendance with readable dates is needed."),
    "letter_and_certificate:review": _l(
        "The certificate goes beyond the period the acceptance letter accepted."
    ),
    "travel_outbound_agrees:pass": _l("The travel documents agree on the departure."),
    "travel_outbound_agrees:fail": _l("The travel documents disagree on the departure."),
    "travel_return_agrees:pass": _l("The travel documents agree on the return."),
    "travel_return_agrees:fail": _l("The travel documents disagree on the return."),
    "travel_outbound_route:pass": _l("The departure's border gate fits the flight."),
    "travel_outbound_route:fail": _l(
        "The entry/exit record's departure gate does not fit the flight (another airport, or a "
        "land border)."
    ),
    "travel_return_route:pass": _l("The return's border gate fits the flight."),
    "travel_return_route:fail": _l(
        "The entry/exit record's return gate does not fit the flight (another airport, or a "
        "land border)."
    ),
    "travel_and_certificate:pass": _l("The journey brackets the certified period."),
    "travel_and_certificate:fail": _l(
        "The journey and the certificate disagree: the participant was there for fewer days."
    ),
    "travel_and_certificate:pending": _l("No travel document has been read yet."),
}

# What a dossier waits for, when it is not a document.
PENDING: dict[str, Any] = {
    "an officer's confirmation of the reconciliation findings": _l(
        "an officer's confirmation of the reconciliation findings"
    ),
    "the actual stay (certificate of attendance and travel documents)": _l(
        "the actual stay (certificate of attendance and travel documents)"
    ),
    "the ECTS credits completed (ects_completed in the mobility record)": _l(
        "the ECTS credits completed (ects_completed in the mobility record)"
    ),
}


def explain_finding(finding: dict[str, Any]) -> tuple[str, str | None]:
    """A reconciliation finding for people, as ``explain`` does for a check: its summary and
    what it found, both in the page's language (a finding is worked out as the page is made,
    so its message still knows its template)."""
    said = finding.get("message") or ""
    summary = FINDING_SUMMARY.get(f"{finding.get('id')}:{finding.get('status')}")
    detail = str(message(said)) if isinstance(said, Phrase) or current_language() == "en" else None
    if summary is None or current_language() == "en":
        return detail or str(summary or said), None
    return str(summary), detail


def _said(check: dict[str, Any], key: str) -> str | None:
    """A check's message or hint in the page's language; None where the report keeps only
    the English (a report made before its words were kept) and the page is not English."""
    words = (check.get("words") or {}).get(key)
    if words is not None:
        return str(message(from_data(words)))
    text = check.get(key)
    if not text:
        return None
    return str(text) if current_language() == "en" else None


def check_message(check: dict[str, Any]) -> str:
    """What a check read and found, in the page's language."""
    return _said(check, "message") or str(CHECK_SUMMARY.get(str(check.get("id")), ""))


def check_hint(check: dict[str, Any]) -> str:
    return _said(check, "hint") or ""


def explain(check: dict[str, Any]) -> tuple[str, str | None]:
    """A failed or doubtful check for people: a summary in the reader's language, and the
    check's own message (with what it read), in that language too, as the detail."""
    detail = _said(check, "message")
    summary = CHECK_SUMMARY.get(str(check.get("id")))
    if summary is None or current_language() == "en":
        return detail or str(summary or check.get("message") or ""), None
    return str(summary), detail


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
    return str(PENDING.get(text, text))


# Who did something, as the pages name them: people and parties, never the log's labels
ACTORS: dict[str, Any] = {
    "participant": _l("the participant"),
    "integration": _l("the e-Belge portal"),
    "worker": _l("the automatic checks"),
    "cli": _l("the command line"),
}


def who(label: str | None) -> str:
    """``office:ayse`` as Ayşe Yılmaz, ``participant:…`` as "the participant"; an office token
    of the API by its name."""
    if not label:
        return "–"
    role, _sep, name = label.partition(":")
    if role == "office":
        if "user_names" not in g:
            g.user_names = services().users.names()
        return str(g.user_names.get(name, name))
    return str(ACTORS.get(role, label))


def deadline_of(d: Any, kind: str) -> Any:
    """The dossier's deadline for a document, or None."""
    return next((x for x in d.deadlines if x.kind == kind), None)


def deadline_text(deadline: Any) -> str:
    """ "due by 10 March 2025" while a document is still to send, "late: it was due …" after;
    nothing once it is sent."""
    from docservice.web.i18n import day

    if deadline is None or deadline.status not in ("open", "late"):
        return ""
    if deadline.status == "late":
        return str(_l("late: it was due by %(day)s", day=day(deadline.due)))
    return str(_l("due by %(day)s", day=day(deadline.due)))


# The dashboard's sheet: its columns in the page's language.
TABLE_COLUMNS: dict[str, Any] = {
    "reference": _l("Mobility reference"),
    "participant": _l("Participant"),
    "action": _l("Key action"),
    "activity": _l("Activity"),
    "call_year": _l("Call year"),
    "host": _l("Host"),
    "country": _l("Host country"),
    "start_date": _l("First day of activity"),
    "end_date": _l("Last day of activity"),
    "state": _l("State"),
    "grant": _l("Planned grant (€)"),
    "before": _l("Documents before departure"),
    "after": _l("Documents after return"),
    "needs": _l("Needs a person"),
}


def table_headings() -> dict[str, str]:
    return {key: str(label) for key, label in TABLE_COLUMNS.items()}


def table_rows(rows: list[Any]) -> list[dict[str, Any]]:
    """The dashboard's rows as a sheet: words, not codes, in the page's language."""
    from docservice.web.i18n import country

    out = []
    for row in rows:
        before, after = row.progress(checklist.BEFORE), row.progress(checklist.AFTER)
        waiting = [title(i) for i in row.needs_officer] + [title(i) for i in row.failed]
        out.append(
            {
                "reference": row.reference,
                "participant": row.participant,
                "action": row.action,
                "activity": str(ACTIVITY.get(row.activity, row.activity)),
                "call_year": int(row.call_year) if row.call_year.isdigit() else None,
                "host": row.host,
                "country": country(row.country),
                "start_date": row.start_date,
                "end_date": row.end_date,
                "state": str(STATE.get(row.state, row.state)),
                "grant": float(row.grant) if row.grant is not None else None,
                "before": f"{before[0]}/{before[1]}",
                "after": f"{after[0]}/{after[1]}",
                "needs": "; ".join(waiting),
            }
        )
    return out


def install(jinja_globals: dict[str, Any]) -> None:
    jinja_globals.update(
        TEMPLATE_LABELS=TEMPLATES,
        STATUS_LABELS=STATUS,
        PARTICIPANT_STATUS=PARTICIPANT_STATUS,
        STATE_LABELS=STATE,
        PAYMENT_LABELS=PAYMENT,
        MAIL_LABELS=MAIL,
        ACTIVITY_LABELS=ACTIVITY,
        RECONCILIATION_LABELS=RECONCILIATION,
        FINDING_LABELS=FINDING,
        item_title=title,
        kind_title=kind_title,
        pending_text=pending_text,
        who=who,
        explain=explain,
        explain_finding=explain_finding,
        deadline_of=deadline_of,
        check_name=check_name,
        check_message=check_message,
        check_hint=check_hint,
        deadline_text=deadline_text,
    )
