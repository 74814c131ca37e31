"""The EU Survey participant report (domain §6): the PDF EUSurvey gives once the Erasmus+
participant report is submitted. Recognised as that report (not another questionnaire), it must
be submitted, after the activity, for this mobility's dates and host. A report submitted more
than 30 days after the end is late (grant agreement obligations) and goes to an officer.
"""

from __future__ import annotations

import datetime as dt
import re

from checkers import Kind
from checkers.dates import compact_dates_in, dates_in
from checkers.facts.model import DocumentFacts
from checkers.letters import absence_is_proof, after_label, line_evidence
from checkers.mobility import MobilityLike
from checkers.names import plausible_misreading
from checkers.phrases import say
from checkers.report import Check, Evidence, Report, Status
from checkers.text import fold
from checkers.travel import TravelRule

KIND = Kind.EU_SURVEY
DAYS_TO_SUBMIT = 30
SURVEY = re.compile(r"\beusurvey\b|\beu survey\b|\bcontribution id\b")
PARTICIPANT_REPORT = re.compile(r"\bparticipant report\b|\bkatilimci raporu\b")
ERASMUS = re.compile(r"\berasmus\b")
SUBMITTED = re.compile(
    r"\b(completed at|completed on|submitted at|submitted on|submission date|date of submission|"
    r"gonderim tarihi|tamamlanma tarihi)\b"
)
DRAFT = re.compile(r"\b(draft|not submitted|taslak|gonderilmedi|saved as draft)\b")
START = re.compile(r"\b(start date|starting date|beginning|baslangic tarihi|first day)\b")
END = re.compile(r"\b(end date|ending date|bitis tarihi|last day)\b")
HOST = re.compile(
    r"\b(receiving (organisation|organization|institution)|host (organisation|organization|"
    r"institution)|kabul eden kurum|ev sahibi kurum)\b"
)
REFERENCE_LABEL = re.compile(
    r"\b(mobility id|mobility identifier|mobility reference|hareketlilik no)\b"
)
REFERENCE = re.compile(
    r"(\d{4}-\d-[A-Z0-9]{4}-[A-Z0-9]{5}-[A-Z0-9]{3}-[A-Z0-9]{6}(?:-[A-Z0-9-]+)?)"
)


def first_date(text: str, near: dt.date) -> dt.date | None:
    """The first date written in ``text`` in any form, long or short."""
    found = [(span[0], d.date) for d, span in dates_in(text)]
    found += [(span[0], d) for d, span in compact_dates_in(text, near)]
    return min(found)[1] if found else None


def _labelled_date(
    facts: DocumentFacts, label: re.Pattern[str], near: dt.date
) -> tuple[dt.date | None, Evidence]:
    for page, line in after_label(facts, label):
        day = first_date(line.text, near)
        if day is not None:
            return day, line_evidence(page, line)
    return None, Evidence()


def check(facts: DocumentFacts, m: MobilityLike, rule: TravelRule | None = None) -> Report:
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    folded = fold(facts.text)
    sure = absence_is_proof(facts)
    is_survey = bool(SURVEY.search(folded))
    is_report = bool(PARTICIPANT_REPORT.search(folded)) and bool(ERASMUS.search(folded))
    if is_survey and is_report:
        report.add(
            Check(
                "document_type",
                Status.PASS,
                say("An Erasmus+ participant report from EUSurvey."),
            )
        )
    else:
        report.add(
            Check(
                "document_type",
                Status.FAIL if sure else Status.REVIEW,
                say("This is not the Erasmus+ participant report.")
                if is_survey
                else say("This is not an EUSurvey export."),
                hint=say(
                    "Upload the PDF of the participant report EUSurvey sends after submission "
                    "(not another questionnaire)."
                ),
            )
        )
    submitted_at, submitted_where = _submitted(facts, m)
    draft = bool(DRAFT.search(folded))
    if submitted_at is not None and not draft:
        late = (submitted_at.date() - m.end_date).days
        if submitted_at.date() < m.end_date:
            status, message = (
                Status.FAIL,
                say(
                    "Submitted on %(day)s, before the activity ended on %(end)s.",
                    day=submitted_at.date(),
                    end=m.end_date,
                ),
            )
        elif late > DAYS_TO_SUBMIT:
            status, message = (
                Status.REVIEW,
                say(
                    "Submitted on %(day)s, %(late)d days after the end: later than the "
                    "%(days)d days the grant agreement gives.",
                    day=submitted_at.date(),
                    late=late,
                    days=DAYS_TO_SUBMIT,
                ),
            )
        else:
            status, message = (
                Status.PASS,
                say(
                    "Submitted on %(day)s %(time)s.",
                    day=submitted_at.date(),
                    time=f"{submitted_at:%H:%M}",
                ),
            )
        report.add(Check("submitted", status, message, evidence=(submitted_where,)))
    else:
        report.add(
            Check(
                "submitted",
                Status.FAIL if sure or draft else Status.REVIEW,
                say("The report is a draft, not submitted.")
                if draft
                else say("No submission time was found: the report may not be submitted."),
                hint=say(
                    "Submit the participant report in EUSurvey, then upload the PDF it gives."
                ),
            )
        )
    start, start_at = _labelled_date(facts, START, m.start_date)
    end, end_at = _labelled_date(facts, END, m.end_date)
    if start == m.start_date and end == m.end_date:
        report.add(
            Check(
                "activity_dates",
                Status.PASS,
                say("The mobility dates %(start)s to %(end)s are stated.", start=start, end=end),
                evidence=(start_at, end_at),
            )
        )
    else:
        report.add(
            Check(
                "activity_dates",
                Status.FAIL if (start and end) or sure else Status.REVIEW,
                say(
                    "The report states %(start)s to %(end)s; the mobility is %(first)s to "
                    "%(last)s.",
                    start=start or "?",
                    end=end or "?",
                    first=m.start_date,
                    last=m.end_date,
                ),
                hint=say("The report must be this mobility's."),
                evidence=tuple(e for e in (start_at, end_at) if e.page),
            )
        )
    report.add(_host_check(facts, m, sure))
    stated, stated_at, by_ocr = _reference(facts)
    reference = getattr(m, "reference", None)
    if reference and stated:
        same = stated == reference or (
            by_ocr and plausible_misreading(stated.lower(), reference.lower())
        )
        report.add(
            Check(
                "mobility_reference",
                Status.PASS if same else Status.FAIL,
                say("The report is for mobility %(reference)s.", reference=reference)
                if same
                else say(
                    "The report is for mobility %(stated)s, not %(reference)s.",
                    stated=stated,
                    reference=reference,
                ),
                hint=None if same else say("Upload this mobility's participant report."),
                evidence=(stated_at,),
            )
        )
    report.fields = {
        "submitted": submitted_at is not None and not draft,
        "submitted_at": submitted_at.isoformat(timespec="minutes") if submitted_at else None,
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
        "mobility_reference": stated,
    }
    return report


def _reference(facts: DocumentFacts) -> tuple[str | None, Evidence, bool]:
    """The mobility's reference as the report states it: after its label, spaces OCR put in
    taken out."""
    for page, line in after_label(facts, REFERENCE_LABEL):
        found = REFERENCE.search(re.sub(r"\s+", "", line.text.upper()))
        if found:
            return found.group(1), line_evidence(page, line), page.source == "ocr"
    return None, Evidence(), False


def _submitted(facts: DocumentFacts, m: MobilityLike) -> tuple[dt.datetime | None, Evidence]:
    for page, line in facts.lines():
        if not SUBMITTED.search(fold(line.text)):
            continue
        day = first_date(line.text, m.end_date)
        if day is None:
            continue
        clock = re.search(r"\b([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?\b", line.text)
        at = dt.datetime.combine(
            day, dt.time(int(clock.group(1)), int(clock.group(2))) if clock else dt.time()
        )
        return at, line_evidence(page, line)
    return None, Evidence()


def _host_check(facts: DocumentFacts, m: MobilityLike, sure: bool) -> Check:
    wanted = fold(m.receiving.institution)
    for page, line in facts.lines():
        if wanted and wanted in fold(line.text):
            return Check(
                "host_institution",
                Status.PASS,
                say("The host %(host)s is named.", host=m.receiving.institution),
                evidence=(line_evidence(page, line),),
            )
    for page, line in facts.lines():
        if HOST.search(fold(line.text)):
            return Check(
                "host_institution",
                Status.FAIL,
                say(
                    "The report names another host: %(other)s, not %(host)s.",
                    other=repr(line.text),
                    host=m.receiving.institution,
                ),
                hint=say("The report must be this mobility's."),
                evidence=(line_evidence(page, line),),
            )
    return Check(
        "host_institution",
        Status.FAIL if sure else Status.REVIEW,
        say("The host %(host)s is not named in the report.", host=m.receiving.institution),
    )
