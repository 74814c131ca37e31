"""The certificate of attendance (domain §6): host letterhead, signature and stamp, the
participant's name, start and end dates equal to the mobility's (an early return fails), and
for teaching at least 8 hours a week."""

from __future__ import annotations

from checkers import Kind
from checkers.facts.model import DocumentFacts
from checkers.host_letters import common_checks, common_fields
from checkers.issuer import dated
from checkers.letters import Reading, line_evidence
from checkers.mobility import MobilityLike
from checkers.phrases import say
from checkers.report import Check, Report, Status
from checkers.rules import required_teaching_hours

KIND = Kind.CERTIFICATE_OF_ATTENDANCE


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
                say("The certificate does not state the teaching hours."),
                say(
                    "A teaching mobility of %(days)d days needs at least %(hours)s hours, stated.",
                    days=days,
                    hours=required,
                ),
            )
        return Check("teaching_hours", Status.REVIEW, say("The teaching hours could not be read."))
    where = (line_evidence(page, line),)
    if hours >= required:
        return Check(
            "teaching_hours",
            Status.PASS,
            say(
                "%(hours)s teaching hours; at least %(needed)s are needed.",
                hours=f"{hours:g}",
                needed=required,
            ),
            evidence=where,
        )
    return Check(
        "teaching_hours",
        Status.FAIL,
        say(
            "%(hours)s teaching hours; a teaching mobility of %(days)d days needs at least "
            "%(needed)s.",
            hours=f"{hours:g}",
            days=days,
            needed=required,
        ),
        say("Teaching mobilities need at least 8 hours a week."),
        where,
    )


def check_issued(reading: Reading, m: MobilityLike) -> Check | None:
    """A certificate attests a stay that is over: it is dated on or after its last day. One
    that bears no date of its own is not judged on this."""
    issued = dated(reading.period)
    if issued is None:
        return None
    where = (line_evidence(issued.page, issued.line),)
    if issued.date >= m.end_date:
        return Check(
            "issued",
            Status.PASS,
            say("Dated %(day)s, on or after the last day.", day=f"{issued.date:%d.%m.%Y}"),
            evidence=where,
        )
    return Check(
        "issued",
        Status.FAIL,
        say(
            "The certificate is dated %(day)s, before the mobility's last day (%(end)s): it "
            "cannot attest a stay that was not over.",
            day=f"{issued.date:%d.%m.%Y}",
            end=f"{m.end_date:%d.%m.%Y}",
        ),
        say("The host issues the certificate on or after the last day of the activity."),
        where,
    )


def check(facts: DocumentFacts, m: MobilityLike) -> Report:
    report, reading, period = common_checks(facts, m, KIND, paper="certificate", certificate=True)
    for extra in (check_issued(reading, m), check_hours(reading, m)):
        if extra is not None:
            report.add(extra)
    issued = dated(reading.period)
    report.fields = common_fields(reading, m, period) | {
        "issued_on": issued.date.isoformat() if issued else None
    }
    return report
