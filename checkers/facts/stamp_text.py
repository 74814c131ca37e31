"""What a border stamp says: its date (read by ``checkers.facts.stamp_dates``), its direction
from its words (ÇIKIŞ/EXIT, GİRİŞ/ENTRY, …) or its arrow, its country from the Turkish wording,
a Schengen code or the host city's name; each stamp read in a few views of
``checkers.facts.stamps``, by two engines, until they agree.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from checkers.crossings import ENTRY, EXIT
from checkers.dates import compact_dates_in, normalize
from checkers.facts.arrows import arrow_of
from checkers.facts.lines import PaddleLines, side_by_side
from checkers.facts.model import Image
from checkers.facts.ocr import OcrEngine, Tesseract
from checkers.facts.stamp_dates import WORN_SIGNS, fix_dates
from checkers.facts.stamps import (
    FADED_CONTRAST,
    STAMP_SIDE,
    Blob,
    View,
    ocr_texts,
    upright_view,
    without_frame,
)
from checkers.mobility import MobilityLike
from checkers.text import fold

DIRECTION_WORDS = {
    EXIT: ("cikis", "exit", "departure", "ausreise", "sortie", "salida", "uscita", "utresa"),
    ENTRY: ("giris", "entry", "arrival", "einreise", "entree", "entrada", "ingresso", "inresa"),
}
TURKISH_WORDS = re.compile(r"\b(cikis|giris)\b")
TURKISH = re.compile(r"\b(t c|tc|turkiye|turkey|havalimani|kapikule|hudut)\b")
SCHENGEN_CODES = {
    "D": "DE", "A": "AT", "F": "FR", "I": "IT", "E": "ES", "P": "PT", "NL": "NL", "B": "BE",
    "L": "LU", "DK": "DK", "S": "SE", "FIN": "FI", "N": "NO", "IS": "IS", "CH": "CH", "GR": "GR",
    "CZ": "CZ", "SK": "SK", "PL": "PL", "H": "HU", "SLO": "SI", "HR": "HR", "EST": "EE",
    "LV": "LV", "LT": "LT", "M": "MT", "BG": "BG", "RO": "RO",
}  # fmt: skip


@dataclass(frozen=True)
class StampReading:
    blob: Blob
    text: str
    date: dt.date | None
    direction: str | None
    country: str | None
    guessed: bool = False  # the date rests on a guess at a worn digit (see fix_dates)
    host_said: bool = False  # the direction was told by the host country's stamp that day
    arrow: str | None = None  # the direction an arrow on the stamp shows
    by_lines: bool = False  # read by the line reader, whose worn digits outweigh tesseract's


def _plausible(day: dt.date, m: MobilityLike) -> bool:
    return abs((day - m.start_date).days) <= 3 * 366


# Words only a Turkish border stamp carries, with how many letters a worn stamp may lose
TURKISH_NAMES = {
    "turkiye": 1, "cumhuriyeti": 2, "havalimani": 2, "kapikule": 1, "istanbul": 1,
    "esenboga": 1, "sabiha": 1, "gokcen": 1, "hudut": 0,
}  # fmt: skip


def _country(folded: str, text: str) -> str | None:
    if TURKISH.search(folded):
        return "TR"
    for word in folded.split():
        for name, slack in TURKISH_NAMES.items():
            if len(word) >= 5 and Levenshtein.distance(word, name) <= slack:
                return "TR"
            # words run together: "TÜRKİYELCUMHURİYETİ"
            if len(name) >= 7 and len(word) > len(name) + 2 and name[:-1] in word:
                return "TR"
    # a Schengen stamp begins a line with its country's code: "D FRANKFURT"
    for token in re.findall(r"^\W*([A-Z]{1,3})\s+[A-ZÄÖÜ]{3,}", text, flags=re.M):
        if token in SCHENGEN_CODES:
            return SCHENGEN_CODES[token]
    return None


def _names_host(folded: str, text: str, m: MobilityLike) -> bool:
    """The stamp names the host city (one letter may be worn in a name of six or more), or
    bears the host country's border code of two letters or more as a word of its own (``HR``
    in a ring of stars): it is the host country's. One letter alone (``D``) is too often a
    speck read as a letter to tell a country by itself."""
    city = fold(m.receiving.city)
    slack = 1 if len(city) >= 6 else 0
    if len(city) >= 4 and (
        re.search(rf"\b{re.escape(city)}\b", folded)
        or any(Levenshtein.distance(word, city) <= slack for word in folded.split())
    ):
        return True
    codes = [c for c, iso in SCHENGEN_CODES.items() if iso == m.receiving.country and len(c) > 1]
    return any(re.search(rf"(?<![A-Za-z]){code}(?![A-Za-z])", text) for code in codes)


def direction_words(plain: str) -> list[tuple[str, int]]:
    """The words of direction in a stamp's text with where they stand: written out, or worn by
    one letter in a word of five letters or more (``GİRİS``, ``ÇIKlŞ``) where that letter fits
    one word of one direction only, or run together with the word beside it where the sign
    between was read as a letter (``CIKISIEXIT`` for ``ÇIKIŞ / EXIT``)."""
    found = []
    for token in re.finditer(r"[a-z]{4,}", plain):
        word = token.group(0)
        near = {
            direction
            for direction, names in DIRECTION_WORDS.items()
            for name in names
            if word == name
            or (len(name) >= 5 and Levenshtein.distance(word, name) <= 1)
            or (len(word) >= len(name) + 4 and (word.startswith(name) or word.endswith(name)))
        }
        if len(near) == 1:
            found.append((near.pop(), token.start()))
    return found


def _worn_before(text: str, start: int) -> bool:
    """A date read right after a sign OCR gives for a worn digit (``?1-01-25``): its first
    digit was lost, and what is left is no date."""
    return start > 0 and text[start - 1] in WORN_SIGNS


def _interpret(blob: Blob, text: str, m: MobilityLike) -> list[StampReading]:
    """What one blob says: a reading per date on it (stamps overlap), each with the direction
    word nearest to it. A blob without a date still gives its direction, if any."""
    # Letters read in a date's digit places are put right and trusted; a digit read where no
    # digit fits (a worn zero read as 6) is a guess, never enough for a pass
    trusted = {d for d, _ in compact_dates_in(fix_dates(text, guess=False), m.start_date)}
    text = fix_dates(text)
    plain = normalize(text)  # lower case without diacritics, position for position
    folded = fold(text)
    country = _country(folded, text)
    if country is None and TURKISH_WORDS.search(plain):
        country = "TR"  # ÇIKIŞ and GİRİŞ are the Turkish border's words
    if country is None and _names_host(folded, text, m):
        country = m.receiving.country
    whole = " ".join(text.split())
    dates = [
        (d, span)
        for d, span in compact_dates_in(text, m.start_date)
        if _plausible(d, m) and not _worn_before(text, span[0])
    ]
    words = direction_words(plain)
    if not dates:
        kinds = {k for k, _ in words}
        direction = kinds.pop() if len(kinds) == 1 else None
        return [StampReading(blob, whole, None, direction, country)]
    out = []
    for day, span in dates:
        line = plain.count("\n", 0, span[0])

        def nearness(
            word: tuple[str, int], line: int = line, end: int = span[1]
        ) -> tuple[float, bool]:
            # on the date's line or the next, after it rather than before
            return (abs(plain.count("\n", 0, word[1]) - line - 0.5), word[1] < end)

        near = sorted(words, key=nearness)
        if len(dates) == 1:
            kinds = {k for k, _ in words}
            direction = kinds.pop() if len(kinds) == 1 else None
        else:
            direction = near[0][0] if near else None
        out.append(StampReading(blob, whole, day, direction, country, day not in trusted))
    return out


def _score(readings: list[StampReading]) -> int:
    return sum(
        (100 if r.date else 0)
        + (40 if r.direction else 0)
        + (20 if r.country else 0)
        - (30 if r.guessed else 0)
        for r in readings
    ) + max((len(r.text) // 10 for r in readings), default=0)


def _attempts(ocr: OcrEngine, lines: OcrEngine | None) -> list[tuple[View, float, OcrEngine]]:
    """How stamps are read, most telling first, as (view, turn beyond its lines' angle,
    engine): by the line reader (``checkers.facts.lines``: worn digits are its strength) in
    grey and in black, then by tesseract level, as one block and as scattered words (a stamp's
    lines are short and uneven), in black and in grey, large and small, then a little turned
    either way; last, by the line reader again, the stamp as the page shows it in grey
    (``View.seen``): where a broad stroke of the page's print lies over a letter, the ink's
    darkness has a gap there that a person's eye, seeing both, does not (an A read as P). That
    view is read only where the others agree on no date (``_undated``)."""
    sparse = replace(ocr, psm=11) if isinstance(ocr, Tesseract) else ocr
    faded, firm = View(FADED_CONTRAST, STAMP_SIDE), View(35, 450)
    first = [] if lines is None else [(View(None, STAMP_SIDE), 0.0, lines), (faded, 0.0, lines)]
    return [
        *first,
        (faded, 0.0, ocr),
        (faded, 0.0, sparse),
        (View(None, STAMP_SIDE), 0.0, ocr),
        (View(FADED_CONTRAST, 450), 0.0, ocr),
        (firm, 0.0, sparse),
        (faded, 2.0, ocr),
        (faded, -2.0, ocr),
        *([] if lines is None else [(View(None, STAMP_SIDE, seen=True), 0.0, lines)]),
    ]


LINES_WEIGHT = 2  # a date the line reader read counts as this many of tesseract's (_agreed)


def _most(values: list[str | None]) -> str | None:
    """The value most readings agree on; None where two tie or nothing was read."""
    counted = Counter(v for v in values if v)
    ranked = counted.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _agreed(blob: Blob, seen: list[list[StampReading]]) -> StampReading | None:
    """One stamp's reading from all the readings of it: the date read most often (a date read
    once, only when no other was read), the direction and country most of them say. A date
    the line reader read counts as two of tesseract's: tesseract loses the first of two worn
    digits (``7 10 2025`` for ``17 10 2025``) and reads the same mistake in view after view,
    where the line reader reads it whole; one tesseract view against it is outweighed, two
    leave the date unsure."""
    single = [r for rs in seen if len(rs) == 1 for r in rs]
    # a date that rests on a guess at a worn digit counts only where none was read for sure
    sure = [r for r in single if r.date and not r.guessed]
    dates: Counter[dt.date] = Counter()
    for r in sure or single:
        if r.date:
            dates[r.date] += LINES_WEIGHT if r.by_lines else 1
    if not single:
        return None
    ranked = dates.most_common(2)
    date = None
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        date = ranked[0][0]
    guessed = date is not None and all(r.guessed for r in single if r.date == date)
    direction = _most([r.direction for r in single])
    country = _most([r.country for r in single])
    text = max((r.text for r in single if r.date == date), key=len, default=single[0].text)
    return StampReading(blob, text, date, direction, country, guessed)


def _settled(reading: StampReading | None, seen: list[list[StampReading]]) -> bool:
    """Read well enough to stop: another country's stamp once its date is read (it says
    nothing about the Turkish border); one whose country is not known once its date is read
    twice alike; Türkiye's once its direction is read too."""
    if reading is None or reading.date is None or reading.guessed:
        return False
    if reading.country is not None and reading.country != "TR":
        return True
    twice = sum(1 for rs in seen for r in rs if r.date == reading.date) >= 2
    return twice and (reading.direction is not None or reading.country is None)


def read_stamps(
    blobs: list[Blob], m: MobilityLike, ocr: OcrEngine, lines: OcrEngine | None = None
) -> list[StampReading]:
    """Every stamp read in a few views, by the line reader ``lines`` and by ``ocr``, until the
    views agree on what it says; the direction of a stamp that gives it by an arrow alone is
    read from the arrow. The line reader reads each stamp alone, so the stamps go through its
    views side by side, each as far as it needs; tesseract then reads those still unsure all
    in one call a view."""
    seen: list[list[list[StampReading]]] = [[] for _ in blobs]
    attempts = _attempts(ocr, lines)
    alone = 0  # the leading views, read by the line reader
    while alone < len(attempts) and isinstance(attempts[alone][2], PaddleLines):
        alone += 1

    def view_of(i: int, view: View, turn: float) -> Image:
        shown = blobs[i].grey if view.seen else blobs[i].darkness
        return without_frame(upright_view(view.render(shown), blobs[i].angle + turn))

    # One task a stamp and view, every stamp's first view before any second one, so that the
    # threads end together; a stamp's view waits for its view before and is not read once the
    # stamp is read well enough (the one before it has begun on another thread already)
    finished = [[threading.Event() for _ in range(alone)] for _ in blobs]

    def read_alone(task: tuple[int, int]) -> None:
        number, i = task
        try:
            if number > 0:
                finished[i][number - 1].wait()
                if _done(blobs[i], seen[i]):
                    return
            view, turn, engine = attempts[number]
            (text,) = ocr_texts(engine, [view_of(i, view, turn)])
            seen[i].append([replace(r, by_lines=True) for r in _interpret(blobs[i], text, m)])
        finally:
            finished[i][number].set()

    side_by_side(read_alone, [(number, i) for number in range(alone) for i in range(len(blobs))])
    for number, (view, turn, engine) in enumerate(attempts[alone:], start=alone):
        todo = [i for i in range(len(blobs)) if number == 0 or not _done(blobs[i], seen[i])]
        if view.seen:  # the last resort
            todo = [i for i in todo if _undated(blobs[i], seen[i])]
        if not todo:
            break
        images = [view_of(i, view, turn) for i in todo]
        by_lines = engine is lines
        for i, text in zip(todo, ocr_texts(engine, images), strict=True):
            seen[i].append([replace(r, by_lines=by_lines) for r in _interpret(blobs[i], text, m)])
    return [r for blob, tries in zip(blobs, seen, strict=True) for r in _result(blob, tries)]


def _done(blob: Blob, seen: list[list[StampReading]]) -> bool:
    if max(len(rs) for rs in seen) > 1:
        return False  # stamps on top of one another: each date read with its own words
    return _settled(_agreed(blob, seen), seen)


def _undated(blob: Blob, seen: list[list[StampReading]]) -> bool:
    """No date the views agree on (none read, or two read as often), on a stamp that is one
    stamp, not several on top of one another: a view read now never overturns a date the views
    before it agreed on."""
    if max(len(rs) for rs in seen) > 1:
        return False
    agreed = _agreed(blob, seen)
    return agreed is not None and agreed.date is None


def _result(blob: Blob, seen: list[list[StampReading]]) -> list[StampReading]:
    if max(len(rs) for rs in seen) > 1:
        return max(seen, key=_score)
    agreed = _agreed(blob, seen)
    if agreed is None:
        return max(seen, key=_score)
    if agreed.country != "TR" and (arrow := arrow_of(blob)) is not None:
        agreed = replace(agreed, direction=agreed.direction or arrow, arrow=arrow)
    return [agreed]
