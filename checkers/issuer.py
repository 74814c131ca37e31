"""Who issued a letter and when: the host institution however the document writes its name, and
the date the document bears (its dateline).

A university is named in many ways: ``Ruprecht-Karls-Universität Heidelberg`` is ``Heidelberg
University``, ``Universidad de Granada`` is ``University of Granada``. What stays is the name's
own word (Heidelberg, Granada, Lund); the words every institution shares (university,
Universität, üniversitesi, of, the) say nothing. A document that names the host by its own words
or its city is the host's; one whose letterhead names another institution is not; one that names
neither is for a person to look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checkers.dates import END_WORDS, START_WORDS, DateMention, Period, normalize
from checkers.facts.model import DocumentFacts, Line, PageFacts
from checkers.text import fold

# Words any institution's name may hold, in the languages letters come in
SHARED = frozenset(
    {"university", "universitat", "universitaet", "universite", "universidad", "universita"}
    | {"universiteit", "uniwersytet", "univerzita", "universitatea", "universitet", "egyetem"}
    | {"yliopisto", "universitesi", "universidade", "univerza", "sveuciliste", "univerzitet"}
    | {"the", "of", "de", "di", "du", "des", "la", "le", "del", "der", "and", "und", "et", "y"}
    | {"institute", "institut", "instituto", "istituto", "college", "school", "hochschule"}
    | {"technical", "technische", "technology", "technological", "polytechnic", "politecnico"}
    | {"state", "national", "federal", "faculty", "academy", "akademie", "sciences", "science"}
    | {"applied", "studies", "center", "centre", "research", "free", "royal", "international"}
    | {"office", "relations", "medical", "public", "catholic", "open", "new", "ve", "teknik"}
)
INSTITUTION = re.compile(
    r"\b(universit\w*|universidad\w*|univerzit\w*|uniwersytet\w*|egyetem|yliopisto|"
    r"institut\w*|istituto|college|hochschule|politecnico|polytechnic|akademi\w*|academy)\b"
)
TOP = 0.25  # the share of the first page its letterhead lives in


def own_words(name: str) -> set[str]:
    """The words that tell an institution from others: ``Heidelberg University`` → heidelberg."""
    return {w for w in fold(name).split() if w not in SHARED and len(w) >= 3}


@dataclass(frozen=True)
class Issuer:
    named: bool  # the host is named, by its own words or its city
    other: str | None  # the institution the letterhead names instead, if any
    page: PageFacts | None = None
    line: Line | None = None


def find_issuer(facts: DocumentFacts, institution: str, city: str) -> Issuer:
    host = own_words(institution) | own_words(city)
    words = set(fold(facts.text).split())
    for page, line in facts.lines():
        if own_words(line.text) & own_words(institution):
            return Issuer(True, None, page, line)
    if host & words:
        return Issuer(True, None)
    first = facts.pages[0] if facts.pages else None
    if first is not None:
        for line in first.lines:
            if line.box[3] > TOP * first.height:
                break
            folded = fold(line.text)
            if INSTITUTION.search(folded) and not own_words(line.text) & host:
                return Issuer(False, line.text, first, line)
    return Issuer(False, None)


DATELINE_LABEL = re.compile(r"\b(date|dated|tarih|datum|fecha|data|le)\b")


def dated(period: Period) -> DateMention | None:
    """The document's own date: a date on a line of its own or after a label ("Date:",
    "Lund, 31.05.2025"), not one labelled as the activity's start or end. Where there are
    several, the latest."""
    found = []
    for mention in period.singles:
        if mention.line is None:
            continue
        text = normalize(mention.line.text)
        if START_WORDS.search(text[: mention.span[0]]) or END_WORDS.search(text[: mention.span[0]]):
            continue  # "End date of the activity: 11.10.2024" is the activity's
        rest = (text[: mention.span[0]] + " " + text[mention.span[1] :]).split()
        if len(rest) <= 3 or DATELINE_LABEL.search(text[: mention.span[0]]):
            found.append(mention)
    return max(found, key=lambda m: m.date, default=None)
