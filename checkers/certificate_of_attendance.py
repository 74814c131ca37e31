"""The certificate of attendance (domain §6): host letterhead, signature and stamp, the
participant's name, start and end dates equal to the mobility's (an early return fails), and
for teaching at least 8 hours a week."""

from __future__ import annotations

from checkers.facts.model import DocumentFacts
from checkers.letters import Reading, common_checks, common_fields, line_evidence
from checkers.mobility import MobilityLike
from checkers.report import Check, Report, Status
from checkers.rules import required_teaching_hours

KIND = "certificate_of_attendance"


def check_hours(reading: Reading, m: MobilityLike) -> Check | None:
    if str(m.activity) != "teaching":
        return None
    days = (m.end_date - m.start_date).days + 1
    required = required_teaching_hours(days)
    hours, page, line = reading.hours
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
    report, reading, period = common_checks(facts, m, KIND, paper="certificate", certificate=True)
    hours_check = check_hours(reading, m)
    if hours_check is not None:
        report.add(hours_check)
    report.fields = common_fields(reading, m, period)
    return report
