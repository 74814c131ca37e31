"""What every letter from the host gets (the acceptance letter, the certificate of attendance):
the checks in the order people read them, and the fields the dossier reads; the checks
themselves are in ``letters``."""

from __future__ import annotations

from checkers.dates import DateRange
from checkers.facts.model import DocumentFacts
from checkers.letter_kind import check_document_type
from checkers.letters import (
    Reading,
    check_dates,
    check_erasmus,
    check_mark,
    check_name,
    check_readable,
    line_evidence,
    mentions_erasmus,
    read_marks,
)
from checkers.mobility import MobilityLike
from checkers.phrases import N_, say
from checkers.report import Check, Report, Status
from checkers.text import fold


def check_host(reading: Reading, m: MobilityLike) -> Check:
    """The letter is the host's: it names the host institution (in any language or form of
    its name) or the host's city; a letterhead naming another institution is not the host's."""
    host = m.receiving.institution
    if reading.issuer.named:
        where = line_evidence(reading.issuer.page, reading.issuer.line)
        return Check(
            "host_institution",
            Status.PASS,
            say("Issued by the host, %(host)s.", host=host),
            evidence=(where,),
        )
    if reading.issuer.other is not None:
        where = line_evidence(reading.issuer.page, reading.issuer.line)
        return Check(
            "host_institution",
            Status.FAIL,
            say(
                "The letterhead names %(other)s, not the host institution %(host)s.",
                other=repr(reading.issuer.other),
                host=host,
            ),
            say("The document must come from the host institution of this mobility."),
            (where,),
        )
    return Check(
        "host_institution",
        Status.REVIEW,
        say("The host institution (%(host)s) could not be found on the document.", host=host),
        say("Check that the document comes from the host."),
    )


HEADED = {
    "letter": N_("The letter must be on the host's headed paper."),
    "certificate": N_("The certificate must be on the host's headed paper."),
}


def common_checks(
    facts: DocumentFacts, m: MobilityLike, kind: str, *, paper: str, certificate: bool
) -> tuple[Report, Reading, DateRange | None]:
    """The checks every letter from the host gets, in the order people read them."""
    reading = read_marks(facts, m)
    report = Report(kind, pages=len(facts.pages), sources=facts.sources)
    report.add(check_readable(reading))
    report.add(check_document_type(reading.folded, reading.sure, kind))
    headed = say(HEADED[paper])
    signed = say("An authorised person at the host must sign it.")
    stamped = say("The host's stamp or seal must be on it.")
    report.add(check_mark(reading, "letterhead", reading.letterhead, headed))
    report.add(check_mark(reading, "signature", reading.signatures, signed))
    report.add(check_mark(reading, "stamp", reading.stamps, stamped))
    report.add(check_name(reading, m))
    report.add(check_host(reading, m))
    report.add(check_erasmus(reading, m))
    dates, period = check_dates(reading, m, certificate=certificate)
    report.add(dates)
    return report, reading, period


def common_fields(reading: Reading, m: MobilityLike, period: DateRange | None) -> dict[str, object]:
    hours, _page, _line = reading.hours
    return {
        "participant_name": reading.name.text or None,
        "host_institution": host_name(reading, m),
        "start_date": period.start.isoformat() if period else None,
        "end_date": period.end.isoformat() if period else None,
        "letterhead": reading.letterhead is not None,
        "signature": bool(reading.signatures),
        "stamp": bool(reading.stamps),
        "erasmus_mention": mentions_erasmus(reading.folded),
        "teaching_hours": hours,
    }


def host_name(reading: Reading, m: MobilityLike) -> str | None:
    """The host as the document names it: the mobility's host where written, else the largest
    line of the letterhead."""
    wanted = fold(m.receiving.institution)
    for _page, line in reading.facts.lines():
        if wanted and wanted in fold(line.text):
            return line.text
    if reading.letterhead is not None:
        page = reading.letterhead.page
        top = [line for line in page.lines if line.box[3] <= reading.letterhead.box[3]]
        if top:
            return max(top, key=lambda line: line.box[3] - line.box[1]).text
    return None
