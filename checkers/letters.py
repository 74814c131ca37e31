"""Checks shared by letters from the host: the acceptance letter and the certificate of
attendance (domain §6). Each check is a short function from the facts to one finding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from checkers.dates import DateRange, Period, find_period
from checkers.facts.model import Box, DocumentFacts, Line, PageFacts
from checkers.issuer import Issuer, find_issuer
from checkers.marks import (
    FOUND,
    NOT_FOUND,
    NOT_FOUND_ON_SCAN,
    Mark,
    find_letterhead,
    find_signatures,
    find_stamps,
    view,
)
from checkers.mobility import MobilityLike
from checkers.names import Match, NameFound, find_name
from checkers.phrases import N_, say
from checkers.report import Check, Evidence, Status
from checkers.text import fold

READABLE_CONFIDENCE = 70.0  # below this mean OCR confidence, an absence is not proof
MIN_WORDS = 15


def evidence(page: PageFacts | None, box: Box | None = None, text: str | None = None) -> Evidence:
    if page is None:
        return Evidence(text=text)
    return Evidence(page.number, page.fraction(box) if box else None, text)


def line_evidence(page: PageFacts | None, line: Line | None) -> Evidence:
    if page is None or line is None:
        return Evidence()
    return evidence(page, line.box, line.text)


def absence_is_proof(facts: DocumentFacts) -> bool:
    """Is something not found really not there? Yes for a text layer and a well-read scan."""
    return all(p.source == "text" or p.mean_confidence >= READABLE_CONFIDENCE for p in facts.pages)


def after_label(facts: DocumentFacts, label: re.Pattern[str]) -> Iterator[tuple[PageFacts, Line]]:
    """Where a labelled value may stand: the line of its label (matched on folded text), then
    the next line on the same page (a form's answer under its question)."""
    lines = facts.lines()
    for index, (page, line) in enumerate(lines):
        if label.search(fold(line.text)):
            for same_page, candidate in lines[index : index + 2]:
                if same_page is page:
                    yield page, candidate


@dataclass
class Reading:
    """What is read once for all the checks of a letter (each part worked out when first asked
    for, then kept)."""

    facts: DocumentFacts
    mobility: MobilityLike
    letterhead: Mark | None
    signatures: list[Mark]
    stamps: list[Mark]

    @property
    def sure(self) -> bool:
        return absence_is_proof(self.facts)

    @cached_property
    def folded(self) -> str:
        return fold(self.facts.text)

    @cached_property
    def name(self) -> NameFound:
        p = self.mobility.participant
        return find_name(self.facts, p.given_names, p.surname)

    @cached_property
    def period(self) -> Period:
        return find_period(self.facts, (self.mobility.start_date, self.mobility.end_date))

    @cached_property
    def issuer(self) -> Issuer:
        receiving = self.mobility.receiving
        return find_issuer(self.facts, receiving.institution, receiving.city)

    @cached_property
    def hours(self) -> tuple[float | None, PageFacts | None, Line | None]:
        return read_hours(self)


def read_marks(facts: DocumentFacts, m: MobilityLike) -> Reading:
    stamps: list[Mark] = []
    signatures: list[Mark] = []
    letterhead = None
    for page in facts.pages:
        prepared = view(page)  # the ink masks, made once for the three detectors
        page_stamps = find_stamps(prepared)
        stamps += page_stamps
        signatures += find_signatures(prepared, page_stamps)
        if page.number == 1:
            letterhead = find_letterhead(prepared)
    return Reading(facts, m, letterhead, signatures, stamps)


def _absent(reading: Reading, what: str, hint: str) -> Check:
    """A mark not found: proof of its absence only where the document was made as a PDF with
    its text in it; on a scan or a photo, a pen's thin stroke or a pale stamp is missed now and
    then however well the text reads, so a person looks."""
    if all(p.source == "text" for p in reading.facts.pages):
        return Check(what, Status.FAIL, say(NOT_FOUND[what]), hint)
    return Check(
        what,
        Status.REVIEW,
        say(NOT_FOUND_ON_SCAN[what]),
        say("Look at the document; ask for a clearer scan if needed."),
    )


def check_readable(reading: Reading) -> Check:
    words = sum(len(p.words) for p in reading.facts.pages)
    if words >= MIN_WORDS:
        sources = ", ".join(reading.facts.sources)
        return Check(
            "readable", Status.PASS, say("%(n)d words read (%(how)s).", n=words, how=sources)
        )
    return Check(
        "readable",
        Status.REVIEW,
        say("Only %(n)d words could be read.", n=words),
        say("Send a sharper scan or the original PDF."),
    )


def check_mark(reading: Reading, kind: str, found: list[Mark] | Mark | None, hint: str) -> Check:
    marks = [found] if isinstance(found, Mark) else (found or [])
    if not marks:
        return _absent(reading, kind, hint)
    best = max(marks, key=lambda m: m.score)
    return Check(
        kind,
        Status.PASS,
        say(FOUND[kind], detail=best.detail),
        evidence=tuple(evidence(m.page, m.box, m.detail) for m in marks[:3]),
    )


def check_name(reading: Reading, m: MobilityLike) -> Check:
    return name_check(reading.name, m, sure=reading.sure)


def name_check(found: NameFound, m: MobilityLike, *, sure: bool) -> Check:
    """The ``participant_name`` check from what :func:`names.find_name` found; ``sure`` says
    whether an absence is proof (a text layer or a well-read scan)."""
    p = m.participant
    wanted = f"{p.given_names} {p.surname}"
    read = repr(found.text)
    where = line_evidence(found.page, found.line)
    if found.match is Match.EXACT:
        return Check(
            "participant_name",
            Status.PASS,
            say("%(name)s is named.", name=wanted),
            evidence=(where,),
        )
    if found.match is Match.OCR:
        return Check(
            "participant_name",
            Status.PASS,
            say(
                "%(name)s is named (one letter read as a common OCR confusion: %(read)s).",
                name=wanted,
                read=read,
            ),
            evidence=(where,),
        )
    if found.match is Match.PARTIAL:
        return Check(
            "participant_name",
            Status.REVIEW,
            say(
                "The document names %(read)s: the surname and first given name of %(name)s, "
                "without the other given name.",
                read=read,
                name=wanted,
            ),
            say("Confirm it is the same person."),
            (where,),
        )
    if found.match is Match.OTHER:
        return Check(
            "participant_name",
            Status.FAIL,
            say(
                "The document names another person (%(read)s), not %(name)s.",
                read=read,
                name=wanted,
            ),
            say("The document must be issued for the participant."),
            (where,),
        )
    if sure:
        return Check(
            "participant_name",
            Status.FAIL,
            say("%(name)s is not named in the document.", name=wanted),
            say("The document must name the participant."),
        )
    return Check(
        "participant_name",
        Status.REVIEW,
        say(
            "%(name)s could not be found, but the scan is not clear enough to be sure.", name=wanted
        ),
        say("Look for the name on the document."),
    )


ACTIVITIES = {
    "teaching": N_("teaching"),
    "training": N_("training"),
    "studies": N_("studies"),
    "traineeship": N_("traineeship"),
}
STAFF_WORDS = {
    "teaching": ("teaching", "teach", "lecture", "ders verme", "sta", "lehr", "enseignement"),
    "training": ("training", "train", "job shadowing", "egitim alma", "stt", "observation"),
}


# Erasmus+ named as the programme of the visit: "Erasmus+ staff mobility", "the Erasmus+
# Programme", "within the Erasmus+ framework"; not only in a title ("Erasmus+ Institutional
# Coordinator") or an office's name.
PROGRAMME = re.compile(
    r"\berasmus\w*\s+(?:\w+\s+){0,3}?(?:mobilit\w*|programm?e?\w*|staff|teaching|training|"
    r"exchange|visit\w*|stay|project\w*|agreement|hareketlilig\w*|ka1\d\d|ka\d{3})\b"
    r"|\b(?:within|under|in the framework of|in the context of|as part of|kapsaminda)\s+"
    r"(?:the\s+)?erasmus"
    r"|\berasmus\w*\s+kapsaminda"
)


def mentions_erasmus(text: str) -> bool:
    return PROGRAMME.search(text) is not None


def check_erasmus(reading: Reading, m: MobilityLike) -> Check:
    text = reading.folded
    if not mentions_erasmus(text):
        if reading.sure or "erasmus" in text:
            return Check(
                "erasmus_mention",
                Status.FAIL,
                say("The document does not say the visit is an Erasmus+ mobility."),
                say(
                    "It must state that the participant is accepted for, or carried out, an "
                    "Erasmus+ mobility."
                ),
            )
        return Check(
            "erasmus_mention", Status.REVIEW, say("Erasmus+ could not be read in the scan.")
        )
    activity = str(m.activity)
    named = say(ACTIVITIES.get(activity, activity))
    words = STAFF_WORDS.get(activity, ())
    if words and not any(re.search(rf"\b{re.escape(w)}", text) for w in words):
        return Check(
            "erasmus_mention",
            Status.REVIEW,
            say(
                "Erasmus+ is mentioned, but not that the mobility is for %(activity)s.",
                activity=named,
            ),
            say("Check the kind of mobility the document states."),
        )
    return Check(
        "erasmus_mention",
        Status.PASS,
        say("An Erasmus+ mobility for %(activity)s is stated.", activity=named),
    )


def check_dates(
    reading: Reading, m: MobilityLike, *, certificate: bool
) -> tuple[Check, DateRange | None]:
    expected = (m.start_date, m.end_date)
    found = reading.period.activity
    want = f"{m.start_date:%d.%m.%Y} – {m.end_date:%d.%m.%Y}"
    if found is None:
        if reading.sure:
            return (
                Check(
                    "activity_dates",
                    Status.FAIL,
                    say("The document does not state the activity's dates."),
                    say("It must state the period %(period)s.", period=want),
                ),
                None,
            )
        return Check(
            "activity_dates", Status.REVIEW, say("The activity's dates could not be read.")
        ), None
    where = line_evidence(found.page, found.line)
    got = f"{found.start:%d.%m.%Y} – {found.end:%d.%m.%Y}"
    if (found.start, found.end) == expected:
        return Check(
            "activity_dates",
            Status.PASS,
            say("The period %(period)s is the mobility's.", period=got),
            evidence=(where,),
        ), found
    if certificate and found.start == m.start_date and found.end < m.end_date:
        message = say(
            "The certificate ends on %(day)s, before the mobility's end (%(end)s): an early "
            "return.",
            day=f"{found.end:%d.%m.%Y}",
            end=f"{m.end_date:%d.%m.%Y}",
        )
        hint = say("An early return without force majeure invalidates the mobility.")
        early = True
    else:
        message = say("The document states %(got)s; the mobility is %(want)s.", got=got, want=want)
        hint = say("The dates must be the mobility's.")
        early = False
    return Check("activity_dates", Status.FAIL, message, hint, (where,), early), found


HOURS = re.compile(
    r"(\d{1,3}(?:[.,]\d)?)\s*(?:\(\w+\)\s*)?(?:teaching\s+|contact\s+|ders\s+|lecture\s+)?"
    r"(?:hours|hrs|saat|stunden|heures|ore|horas)"
)
HOURS_BEFORE = re.compile(
    r"(?:teaching hours|hours of teaching|ders saati)\s*:?\s*(\d{1,3}(?:[.,]\d)?)"
)


def read_hours(reading: Reading) -> tuple[float | None, PageFacts | None, Line | None]:
    for page, line in reading.facts.lines():
        text = fold(line.text.replace(",", "."))
        raw = line.text.lower().replace(",", ".")
        for pattern in (HOURS_BEFORE, HOURS):
            match = pattern.search(raw) or pattern.search(text)
            if match:
                return float(match.group(1).replace(",", ".")), page, line
    return None, None, None
