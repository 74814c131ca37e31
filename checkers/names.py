"""Find a participant's name in a document however it is written, and never another person's.

``Şükrü Öztürk`` = ``SUKRU OZTURK`` = ``ÖZTÜRK, Şükrü`` = ``Dr. Şükrü ÖZTÜRK``
= ``OZTURK/SUKRU DR``.
Titles are dropped, order and case do not matter, Turkish letters match their ASCII forms. A
word read by OCR may differ from the name by one character when the difference is a known OCR
confusion (``rn`` for ``m``, ``1`` for ``l``); then the match is said to rest on that reading.
Anything else that differs is not the participant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from checkers.facts.model import DocumentFacts, Line, PageFacts
from checkers.text import fold

TITLES = frozenset(
    [
        "dr",
        "prof",
        "professor",
        "doc",
        "doctor",
        "assoc",
        "asst",
        "assist",
        "associate",
        "assistant",
        "lecturer",
        "lect",
        "ogr",
        "gor",
        "uyesi",
        "uye",
        "arş",
        "ars",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "madam",
        "dear",
        "phd",
        "ph",
        "d",
        "md",
        "msc",
        "ma",
        "ba",
        "bsc",
        "dipl",
        "ing",
        "eng",
        "mag",
        "univ",
        "hon",
        "rev",
        "sn",
        "sayin",
        "bay",
        "bayan",
        "hanim",
        "hn",
        "yrd",
        "ins",
    ]
)
# Pairs OCR confuses, folded: a one-character difference between them is a plausible misreading
OCR_CONFUSIONS = {
    frozenset(p)
    for p in [
        ("l", "1"), ("i", "1"), ("l", "i"), ("o", "0"), ("s", "5"), ("b", "8"), ("g", "9"),
        ("z", "2"), ("e", "c"), ("a", "o"), ("u", "v"), ("n", "h"), ("c", "o"), ("t", "f"),
        ("i", "j"), ("r", "n"), ("e", "o"), ("a", "e"), ("y", "v"), ("g", "6"), ("b", "6"),
    ]
}  # fmt: skip
MULTI_CONFUSIONS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("ii", "u"), ("li", "h"), ("in", "m"))


class Match(StrEnum):
    EXACT = "exact"  # every part of the name, folded
    OCR = "ocr"  # every part, one of them through a known OCR misreading
    PARTIAL = "partial"  # surname and first given name; a further given name is not written
    OTHER = "other"  # the surname with other given names: another person
    NONE = "none"


@dataclass(frozen=True)
class NameFound:
    match: Match
    text: str = ""
    page: PageFacts | None = None
    line: Line | None = None


def tokens(text: str) -> list[str]:
    return [t for t in fold(text).split() if t not in TITLES and len(t) > 0]


def plausible_misreading(read: str, name: str) -> bool:
    """``read`` is ``name`` misread by OCR in one place."""
    if read == name:
        return True
    if len(name) < 4:
        return False
    for a, b in MULTI_CONFUSIONS:
        for x, y in ((a, b), (b, a)):
            if x in read and read.replace(x, y) == name:
                return True
    if len(read) != len(name) or Levenshtein.distance(read, name) != 1:
        return False
    (i,) = [k for k in range(len(name)) if read[k] != name[k]]
    return frozenset((read[i], name[i])) in OCR_CONFUSIONS


def _same(read: str, name: str, ocr: bool) -> Match | None:
    if read == name:
        return Match.EXACT
    if ocr and plausible_misreading(read, name):
        return Match.OCR
    return None


def _line_tokens(line: Line) -> list[tuple[str, int]]:
    """The line's name-like tokens, each with the index of the word it comes from."""
    out = []
    for index, word in enumerate(line.words):
        for t in tokens(word.text):
            out.append((t, index))
    return out


def _written(line: Line, token_words: list[int], start: int, size: int) -> str:
    """The words of the line that hold tokens ``start`` to ``start + size``, as written."""
    first, last = token_words[start], token_words[start + size - 1]
    return " ".join(w.text for w in line.words[first : last + 1]).strip(" ,;:.()")


def _match_window(
    window: list[str], given: list[str], surname: list[str], ocr: bool
) -> Match | None:
    """The window holds exactly the name's parts, in any order (surname first too)."""
    wanted = given + surname
    if len(window) != len(wanted):
        return None
    worst = Match.EXACT
    remaining = list(wanted)
    for read in window:
        for candidate in remaining:
            found = _same(read, candidate, ocr)
            if found is not None:
                remaining.remove(candidate)
                if found is Match.OCR:
                    worst = Match.OCR
                break
        else:
            return None
    return worst


def find_name(facts: DocumentFacts, given_names: str, surname: str) -> NameFound:
    given, family = tokens(given_names), tokens(surname)
    if not given or not family:
        return NameFound(Match.NONE)
    best = NameFound(Match.NONE)
    rank = {Match.EXACT: 4, Match.OCR: 3, Match.PARTIAL: 2, Match.OTHER: 1, Match.NONE: 0}
    for page in facts.pages:
        ocr = page.source == "ocr"
        for line in page.lines:
            line_tokens = _line_tokens(line)
            words = [t for t, _ in line_tokens]
            hit = _search_line(words, given, family, ocr)
            if hit is not None and rank[hit[0]] > rank[best.match]:
                text = _written(line, [i for _, i in line_tokens], hit[1], hit[2])
                best = NameFound(hit[0], text, page, line)
                if hit[0] is Match.EXACT:
                    return best
    return best


def _search_line(
    words: list[str], given: list[str], family: list[str], ocr: bool
) -> tuple[Match, int, int] | None:
    """The best match in a line's tokens: (how, first token, number of tokens)."""
    size = len(given) + len(family)
    for start in range(len(words) - size + 1):
        found = _match_window(words[start : start + size], given, family, ocr)
        if found is not None:
            return found, start, size
    if len(given) > 1:  # "İrem Yıldırım" for "İrem Nur Yıldırım"
        short = len(family) + 1
        for start in range(len(words) - short + 1):
            if _match_window(words[start : start + short], given[:1], family, ocr) is not None:
                return Match.PARTIAL, start, short
    for i, word in enumerate(words):  # the surname beside a given name that is not ours
        if any(_same(word, f, ocr) for f in family):
            before, after = words[max(0, i - 2) : i], words[i + 1 : i + 3]
            if any(_looks_like_given_name(n) for n in before + after):
                start = i - len(before) if before else i
                return Match.OTHER, start, len(before) + 1 + len(after)
    return None


_NAME_WORD = re.compile(r"^[a-z]{2,}$")
_NOT_NAMES = frozenset(
    [
        "the",
        "and",
        "of",
        "for",
        "from",
        "to",
        "at",
        "in",
        "on",
        "by",
        "with",
        "university",
        "universitesi",
        "ve",
        "ile",
        "mr",
        "dear",
    ]
)


def _looks_like_given_name(word: str) -> bool:
    return (
        bool(_NAME_WORD.match(word))
        and word not in _NOT_NAMES
        and word not in TITLES
        and word not in LABEL_WORDS
    )


# A name written under labels, as forms and records do: "Adı Soyadı : X", "Name: X", or the
# parts on lines of their own ("Adı : X" then "Soyadı : Y", in either order, the value on the
# label's line or the next). A label counts only where a line (or a cell after a wide gap)
# begins with it, so "Baba Adı" (the father's name) is never the holder's.
_FULL_LABEL = (
    r"adi ve soyadi|adi soyadi|ad soyad|ad ve soyad|isim soyisim|name and surname|"
    r"name surname|surname and name|full name|name of (?:the )?participant|participant s name|"
    r"participant name|holder|name"
)
_GIVEN_LABEL = r"adi|ad|isim|given names?|first names?|forenames?|vorname|prenom"
_SURNAME_LABEL = r"soyadi|soyad|soyisim|surname|last name|family name|nachname|nom"
_LABELLED = re.compile(
    rf"^(?:(?P<full>{_FULL_LABEL})|(?P<given>{_GIVEN_LABEL})|(?P<surname>{_SURNAME_LABEL}))"
    r"(?:\s|$)"
)
# Label words are never a person's name (so "Soyadı : AĞAOĞLU" is no other person's name)
LABEL_WORDS = frozenset(
    {"adi", "ad", "soyadi", "soyad", "isim", "soyisim", "name", "names", "surname", "given"}
    | {"first", "last", "family", "full", "forename", "forenames", "holder", "participant"}
    | {"vorname", "nachname", "prenom", "nom"}
)


@dataclass(frozen=True)
class Labelled:
    """A name read under its labels: the whole name, where it stands."""

    text: str
    page: PageFacts
    line: Line


def _label_values(folded: str) -> list[tuple[str, str]]:
    """The (label kind, value) pairs a line holds from its start: "adi ibrahim soyadi agaoglu"
    gives the given name and the surname; a value may be empty (written on the next line)."""
    out: list[tuple[str, str]] = []
    rest = folded
    while rest:
        found = _LABELLED.match(rest)
        if not found:
            break
        kind = next(k for k in ("full", "given", "surname") if found.group(k))
        tail = rest[found.end() :].strip()
        following = _NEXT_LABEL.search(tail)
        value, rest = (
            (tail[: following.start()], tail[following.start() + 1 :]) if following else (tail, "")
        )
        out.append((kind, value.strip()))
    return out


def _as_written(value: str, line: Line) -> str:
    """The folded value in the line's own letters ("AĞAOĞLU", not "agaoglu")."""
    wanted = value.split()
    written = [w.text.strip(" :,;") for w in line.words if fold(w.text) in wanted]
    return " ".join(written) if len(written) == len(wanted) else value.upper()


def labelled_name(facts: DocumentFacts) -> Labelled | None:
    """The name a document gives under a name label, or None when it has none."""
    for page in facts.pages:
        parts: dict[str, str] = {}
        where: Line | None = None
        lines = page.lines
        for index, line in enumerate(lines):
            for kind, written in _label_values(fold(line.text)):
                value, at = written, line
                if not value and index + 1 < len(lines):
                    following = fold(lines[index + 1].text)
                    if not _label_values(following):
                        value, at = following, lines[index + 1]
                value = " ".join(t for t in value.split() if t not in TITLES)
                if not _is_name(value, whole=kind == "full"):
                    continue
                value = _as_written(value, at)
                if kind == "full":
                    return Labelled(value, page, at)
                parts.setdefault(kind, value)
                where = where or at
                if len(parts) == 2 and where is not None:
                    return Labelled(f"{parts['given']} {parts['surname']}", page, where)
    return None


_NEXT_LABEL = re.compile(rf"\s(?:{_SURNAME_LABEL}|{_GIVEN_LABEL})(?:\s|$)")
_NAME_VALUE = re.compile(r"^[a-z]{2,}(?: [a-z]{2,}){0,5}$")


def _is_name(value: str, *, whole: bool) -> bool:
    """Words that can be a name: letters only, no label or common word ("Name of the host
    institution" is no name); a whole name has two parts at least."""
    parts = value.split()
    return (
        bool(_NAME_VALUE.match(value))
        and len(parts) >= (2 if whole else 1)
        and not any(p in _NOT_NAMES or p in LABEL_WORDS for p in parts)
    )


def compare_labelled(labelled: Labelled, given_names: str, surname: str, *, ocr: bool) -> NameFound:
    """The labelled name against the participant's: all parts (one OCR slip allowed on a
    scan), the first given name and surname only (partial), or another person."""
    read = tokens(labelled.text)
    given, family = tokens(given_names), tokens(surname)
    text = labelled.text
    found = _match_window(read, given, family, ocr)
    if found is not None:
        return NameFound(found, text, labelled.page, labelled.line)
    if len(given) > 1 and _match_window(read, given[:1], family, ocr) is not None:
        return NameFound(Match.PARTIAL, text, labelled.page, labelled.line)
    return NameFound(Match.OTHER, text, labelled.page, labelled.line)
