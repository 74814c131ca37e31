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
from checkers.marks import Mark, find_letterhead, find_signatures, find_stamps, view
from checkers.mobility import MobilityLike
from checkers.names import Match, NameFound, find_name
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
        return Check(what, Status.FAIL, f"No {what} was found.", hint)
    return Check(
        what,
        Status.REVIEW,
        f"No {what} was found on the scan, but a faint or unusual one may have been missed.",
        "Look at the document; ask for a clearer scan if needed.",
    )


def check_readable(reading: Reading) -> Check:
    words = sum(len(p.words) for p in reading.facts.pages)
    if words >= MIN_WORDS:
        return Check(
            "readable", Status.PASS, f"{words} words read ({', '.join(reading.facts.sources)})."
        )
    return Check(
        "readable",
        Status.REVIEW,
        f"Only {words} words could be read.",
        "Send a sharper scan or the original PDF.",
    )


def check_mark(reading: Reading, kind: str, found: list[Mark] | Mark | None, hint: str) -> Check:
    marks = [found] if isinstance(found, Mark) else (found or [])
    if not marks:
        return _absent(reading, kind, hint)
    best = max(marks, key=lambda m: m.score)
    return Check(
        kind,
        Status.PASS,
        f"{kind.capitalize()} found: {best.detail}.",
        evidence=tuple(evidence(m.page, m.box, m.detail) for m in marks[:3]),
    )


def check_name(reading: Reading, m: MobilityLike) -> Check:
    return name_check(reading.name, m, sure=reading.sure)


def name_check(found: NameFound, m: MobilityLike, *, sure: bool) -> Check:
    """The ``participant_name`` check from what :func:`names.find_name` found; ``sure`` says
    whether an absence is proof (a text layer or a well-read scan)."""
    p = m.participant
    wanted = f"{p.given_names} {p.surname}"
    where = line_evidence(found.page, found.line)
    if found.match is Match.EXACT:
        return Check("participant_name", Status.PASS, f"{wanted} is named.", evidence=(where,))
    if found.match is Match.OCR:
        return Check(
            "participant_name",
            Status.PASS,
            f"{wanted} is named (one letter read as a common OCR confusion: {found.text!r}).",
            evidence=(where,),
        )
    if found.match is Match.PARTIAL:
        return Check(
            "participant_name",
            Status.REVIEW,
            f"The document names {found.text!r}: the surname and first given name of {wanted}, "
            "without the other given name.",
            "Confirm it is the same person.",
            (where,),
        )
    if found.match is Match.OTHER:
        return Check(
            "participant_name",
            Status.FAIL,
            f"The document names another person ({found.text!r}), not {wanted}.",
            "The document must be issued for the participant.",
            (where,),
        )
    if sure:
        return Check(
            "participant_name",
            Status.FAIL,
            f"{wanted} is not named in the document.",
            "The document must name the participant.",
        )
    return Check(
        "participant_name",
        Status.REVIEW,
        f"{wanted} could not be found, but the scan is not clear enough to be sure.",
        "Look for the name on the document.",
    )


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
                "The document does not say the visit is an Erasmus+ mobility.",
                "It must state that the participant is accepted for, or carried out, an Erasmus+ "
                "mobility.",
            )
        return Check("erasmus_mention", Status.REVIEW, "Erasmus+ could not be read in the scan.")
    activity = str(m.activity)
    words = STAFF_WORDS.get(activity, ())
    if words and not any(re.search(rf"\b{re.escape(w)}", text) for w in words):
        return Check(
            "erasmus_mention",
            Status.REVIEW,
            f"Erasmus+ is mentioned, but not that the mobility is for {activity}.",
            "Check the kind of mobility the document states.",
        )
    return Check("erasmus_mention", Status.PASS, f"An Erasmus+ mobility for {activity} is stated.")


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
                    "The document does not state the activity's dates.",
                    f"It must state the period {want}.",
                ),
                None,
            )
        return Check(
            "activity_dates", Status.REVIEW, "The activity's dates could not be read."
        ), None
    where = line_evidence(found.page, found.line)
    got = f"{found.start:%d.%m.%Y} – {found.end:%d.%m.%Y}"
    if (found.start, found.end) == expected:
        return Check(
            "activity_dates", Status.PASS, f"The period {got} is the mobility's.", evidence=(where,)
        ), found
    if certificate and found.start == m.start_date and found.end < m.end_date:
        message = (
            f"The certificate ends on {found.end:%d.%m.%Y}, before the mobility's end "
            f"({m.end_date:%d.%m.%Y}): an early return."
        )
        hint = "An early return without force majeure invalidates the mobility."
        early = True
    else:
        message = f"The document states {got}; the mobility is {want}."
        hint = "The dates must be the mobility's."
        early = False
    return Check("activity_dates", Status.FAIL, message, hint, (where,), early), found


DOCUMENT_WORDS = {
    "acceptance_letter": re.compile(
        r"\b(accept\w*|invit\w*|welcom\w*|pleased to (host|receive)|agree to (host|receive)|"
        r"kabul\w*|davet\w*|einladung|eingeladen)\b"
    ),
    "certificate_of_attendance": re.compile(
        r"\b(certif\w*|attestation|attended|has carried out|carried out|completed|"
        r"participated|took part|confirm\w* (that|the) (participation|attendance|stay)|"
        r"katilim belgesi|katilmistir|gerceklestirmistir|tamamlamistir|teilgenommen|"
        r"bescheinig\w*)\b"
    ),
}
DOCUMENT_NAMES = {
    "acceptance_letter": "an acceptance letter",
    "certificate_of_attendance": "a certificate of attendance",
}


def check_document_type(reading: Reading, kind: str) -> Check:
    """The document is what it is uploaded as: an acceptance letter is not a certificate."""
    text = reading.folded
    if DOCUMENT_WORDS[kind].search(text):
        return Check("document_type", Status.PASS, f"The document reads as {DOCUMENT_NAMES[kind]}.")
    other = next(
        (k for k, words in DOCUMENT_WORDS.items() if k != kind and words.search(text)), None
    )
    if other is not None or reading.sure:
        said = f"; it reads as {DOCUMENT_NAMES[other]}" if other else ""
        return Check(
            "document_type",
            Status.FAIL,
            f"The document does not read as {DOCUMENT_NAMES[kind]}{said}.",
            f"Upload {DOCUMENT_NAMES[kind]} here.",
        )
    return Check(
        "document_type", Status.REVIEW, f"Could not tell whether this is {DOCUMENT_NAMES[kind]}."
    )


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
