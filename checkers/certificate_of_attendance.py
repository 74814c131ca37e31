"""The certificate of attendance (domain §6): host letterhead, signature and stamp, the
participant's name, start and end dates equal to the mobility's (an early return fails), and
for teaching at least 8 hours a week."""

from __future__ import annotations

from checkers.acceptance_letter import host_name
from checkers.facts.model import DocumentFacts
from checkers.letters import (
    Reading,
    check_dates,
    check_document_type,
    check_erasmus,
    check_mark,
    check_name,
    check_readable,
    line_evidence,
    mentions_erasmus,
    read_hours,
    read_marks,
)
from checkers.mobility import MobilityLike
from checkers.names import find_name
from checkers.report import Check, Report, Status
from checkers.rules import required_teaching_hours

KIND = "certificate_of_attendance"


def check_hours(reading: Reading, m: MobilityLike) -> Check | None:
    if str(m.activity) != "teaching":
        return None
    days = (m.end_date - m.start_date).days + 1
    required = required_teaching_hours(days)
    hours, page, line = read_hours(reading)
    if hours is None:
        if reading.sure:
            return Check(
                "teaching_hours",
                Status.FAIL,
                "The certificate does not state the teaching hours.",
                f"A teaching mobility of {days} days needs at least {required} hours, stated.",
            )
        return Check("teaching_hours", Status.REVIEW, "The teaching hours could not be read.")
    where = (line_evidence(page, line),)
    if hours >= required:
        return Check(
            "teaching_hours",
            Status.PASS,
            f"{hours:g} teaching hours; at least {required} are needed.",
            evidence=where,
        )
    return Check(
        "teaching_hours",
        Status.FAIL,
        f"{hours:g} teaching hours; a teaching mobility of {days} days needs at least {required}.",
        "Teaching mobilities need at least 8 hours a week.",
        where,
    )


def check(facts: DocumentFacts, m: MobilityLike) -> Report:
    reading = read_marks(facts)
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    report.add(check_readable(reading))
    report.add(check_document_type(reading, KIND))
    report.add(
        check_mark(
            reading,
            "letterhead",
            reading.letterhead,
            "The certificate must be on the host's headed paper.",
        )
    )
    report.add(
        check_mark(
            reading,
            "signature",
            reading.signatures,
            "An authorised person at the host must sign it.",
        )
    )
    report.add(
        check_mark(reading, "stamp", reading.stamps, "The host's stamp or seal must be on it.")
    )
    report.add(check_name(reading, m))
    report.add(check_erasmus(reading, m))
    dates, period = check_dates(reading, m, certificate=True)
    report.add(dates)
    hours_check = check_hours(reading, m)
    if hours_check is not None:
        report.add(hours_check)
    hours, _page, _line = read_hours(reading)
    name = find_name(facts, m.participant.given_names, m.participant.surname)
    report.fields = {
        "participant_name": name.text or None,
        "host_institution": host_name(reading, m),
        "start_date": period.start.isoformat() if period else None,
        "end_date": period.end.isoformat() if period else None,
        "teaching_hours": hours,
        "letterhead": reading.letterhead is not None,
        "signature": bool(reading.signatures),
        "stamp": bool(reading.stamps),
        "erasmus_mention": mentions_erasmus(reading.folded),
    }
    return report
