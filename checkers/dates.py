"""Dates and date ranges as letters write them, in English, Turkish and the common European
languages: ``10 March 2025 – 14 March 2025``, ``10-14 March 2025``, ``March 10–14, 2025``,
``from 10th to 14th of March 2025``, ``10.03.2025``, ``10/03/2025`` (day first), ``between … and
…``, ``10-14 Mart 2025 tarihleri arasında``, ``10. bis 14. März 2025``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import cache

from babel import Locale

from checkers.facts.model import DocumentFacts, Line, PageFacts
from checkers.text import strip_marks

# Latin-script languages, most likely first: where two spell a month alike, the first wins
MONTH_LOCALES = (
    "en", "tr", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "ro", "hu", "sv", "da",
    "fi", "sl", "lt", "lv", "et",
)  # fmt: skip


def _plain(ch: str) -> str:
    folded = strip_marks(ch).lower()
    return folded[:1] if folded else " "


def normalize(text: str) -> str:
    """Lower case, no diacritics, one kind of dash, character for character: a position in the
    result is the same position in ``text``."""
    plain = "".join(_plain(ch) for ch in text)
    return re.sub(r"[\u2010-\u2015\u2212]", "-", plain)


@cache
def month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for code in MONTH_LOCALES:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    key = normalize(name).strip(".")
                    if len(key) >= 3 and key not in names:
                        names[key] = number
    names.setdefault("sept", 9)
    return names


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    months = "|".join(sorted(month_names(), key=len, reverse=True))
    m = rf"(?:{months})\.?"
    # a day, or an ordinal day OCR read with a letter for a digit (``Sth`` for 5th)
    d = (
        r"(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|\.)?"
        r"|(?<![a-z])[0-3]?[soilzbg](?:st|nd|rd|th)(?![a-z]))"
    )
    y = r"(?:19|20)\d{2}"
    conn = r"\s*(?:-|to|till|until|through|thru|and|bis|au|al|a|ile|ila|ve|et|und|do|e)\s*"
    of = r"(?:\s+of|\s+de|\s+di)?"
    before_year = r",?\s*(?:de\s+)?"
    return {
        # 10-14 March 2025 / between 10 and 14 March 2025 / from 10th to 14th of March 2025
        "d-d m y": re.compile(
            rf"(?<!\d)(?P<d1>{d}){conn}(?P<d2>{d}){of}\s*(?P<m>{m}){before_year}(?P<y>{y})"
        ),
        # 28 February - 4 March 2025
        "d m-d m y": re.compile(
            rf"(?<!\d)(?P<d1>{d}){of}\s*(?P<m1>{m}){conn}(?P<d2>{d}){of}\s*(?P<m2>{m}){before_year}(?P<y>{y})"
        ),
        # March 10-14, 2025
        "m d-d y": re.compile(rf"(?P<m>{m})\s*(?P<d1>{d}){conn}(?P<d2>{d}){before_year}(?P<y>{y})"),
        # February 28 - March 4, 2025
        "m d-m d y": re.compile(
            rf"(?P<m1>{m})\s*(?P<d1>{d}){conn}(?P<m2>{m})\s*(?P<d2>{d}){before_year}(?P<y>{y})"
        ),
        # 10.-14.03.2025 / 10-14/03/2025
        "d-d.m.y": re.compile(
            r"(?<![\d.])(?P<d1>\d{1,2})\.?\s*-\s*(?P<d2>\d{1,2})[./](?P<mo>\d{1,2})[./](?P<y>\d{4})(?!\d)"
        ),
        # single dates
        "d m y": re.compile(rf"(?<!\d)(?P<d>{d}){of}\s*(?P<m>{m}){before_year}(?P<y>{y})"),
        "m d y": re.compile(rf"(?P<m>{m})\s*(?P<d>{d}){before_year}(?P<y>{y})"),
        "d.m.y": re.compile(
            r"(?<![\d.])(?P<d>\d{1,2})[./-](?P<mo>\d{1,2})[./-](?P<y>\d{4})(?![\d])"
        ),
        "iso": re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)"),
        "connector": re.compile(rf"^{conn}$"),
    }


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date
    text: str
    page: PageFacts | None = None
    line: Line | None = None


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    text: str
    span: tuple[int, int]
    page: PageFacts | None = None
    line: Line | None = None


DIGIT_LOOKALIKES = str.maketrans("soilzbg", "5011286")


def _day(value: str) -> int:
    number = re.sub(r"(st|nd|rd|th|\.)$", "", value.lower()).translate(DIGIT_LOOKALIKES)
    return int(re.sub(r"\D", "", number))


def _month(value: str) -> int:
    return month_names()[value.strip(".")]


def _date(year: str, month: int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), month, day if isinstance(day, int) else _day(day))
    except ValueError:
        return None


def ranges_in(text: str) -> list[tuple[DateRange, tuple[int, int]]]:
    """Ranges written with a shared month or year, and pairs of full dates joined by 'to'."""
    norm = normalize(text)
    p = _patterns()
    found: list[tuple[DateRange, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []

    def add(start: dt.date | None, end: dt.date | None, span: tuple[int, int]) -> None:
        if start is None or end is None or end < start or (end - start).days > 400:
            return
        if any(a <= span[0] < b or a < span[1] <= b for a, b in taken):
            return
        taken.append(span)
        found.append((DateRange(start, end, text[span[0] : span[1]].strip()), span))

    for match in p["d m-d m y"].finditer(norm):
        g = match.groupdict()
        add(
            _date(g["y"], _month(g["m1"]), g["d1"]),
            _date(g["y"], _month(g["m2"]), g["d2"]),
            match.span(),
        )
    for match in p["m d-m d y"].finditer(norm):
        g = match.groupdict()
        add(
            _date(g["y"], _month(g["m1"]), g["d1"]),
            _date(g["y"], _month(g["m2"]), g["d2"]),
            match.span(),
        )
    singles = dates_in(text)
    for (a, span_a), (b, span_b) in itertools.pairwise(singles):
        between = norm[span_a[1] : span_b[0]]
        if p["connector"].match(between) or re.fullmatch(
            r"\s*(?:-|to|and|until|ile|ve)\s*", between
        ):
            add(a.date, b.date, (span_a[0], span_b[1]))
    for name in ("d-d m y", "m d-d y"):
        for match in p[name].finditer(norm):
            g = match.groupdict()
            month = _month(g["m"])
            add(_date(g["y"], month, g["d1"]), _date(g["y"], month, g["d2"]), match.span())
    for match in p["d-d.m.y"].finditer(norm):
        g = match.groupdict()
        month = int(g["mo"])
        if 1 <= month <= 12:
            add(_date(g["y"], month, g["d1"]), _date(g["y"], month, g["d2"]), match.span())
    found.sort(key=lambda item: item[1][0])
    return found


def dates_in(text: str) -> list[tuple[DateMention, tuple[int, int]]]:
    norm = normalize(text)
    p = _patterns()
    out: list[tuple[DateMention, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for name in ("d m y", "m d y", "iso", "d.m.y"):
        for match in p[name].finditer(norm):
            span = match.span()
            if any(a <= span[0] < b or a < span[1] <= b for a, b in taken):
                continue
            g = match.groupdict()
            month = _month(g["m"]) if "m" in g and g.get("m") else int(g["mo"])
            if not 1 <= month <= 12:
                continue
            day = _date(g["y"], month, g["d"])
            if day is None:
                continue
            taken.append(span)
            out.append((DateMention(day, text[span[0] : span[1]].strip(), span), span))
    out.sort(key=lambda item: item[1][0])
    return out


START_WORDS = re.compile(
    r"\b(start|starting|begin|beginning|first day|from|arrival|baslangic|baslama|ilk gun|"
    r"giris|beginn|debut|inicio|inizio)\b"
)
END_WORDS = re.compile(
    r"\b(end|ending|last day|until|till|to|departure|bitis|son gun|cikis|ende|fin|fine)\b"
)


@dataclass(frozen=True)
class Period:
    """The activity period a document states, and the other dates it holds."""

    activity: DateRange | None
    ranges: tuple[DateRange, ...]
    singles: tuple[DateMention, ...]  # dates outside every range (the letter's own date...)


def find_period(facts: DocumentFacts, expected: tuple[dt.date, dt.date] | None = None) -> Period:
    ranges: list[DateRange] = []
    singles: list[DateMention] = []
    for page in facts.pages:
        lines = page.lines
        for i, line in enumerate(lines):
            for found, _span in ranges_in(line.text):
                ranges.append(DateRange(found.start, found.end, found.text, page, line))
            in_ranges = [span for _, span in ranges_in(line.text)]
            for mention, span in dates_in(line.text):
                if not any(a <= span[0] < b for a, b in in_ranges):
                    singles.append(DateMention(mention.date, mention.text, span, page, line))
            if i + 1 < len(lines):  # a range broken over two lines
                joined = f"{line.text} {lines[i + 1].text}"
                cut = len(line.text)
                for found, span in ranges_in(joined):
                    if span[0] < cut < span[1]:
                        ranges.append(DateRange(found.start, found.end, found.text, page, line))
    activity = _choose(ranges, expected)
    if activity is None:
        activity = _labelled(singles)
    return Period(activity, tuple(ranges), tuple(singles))


def _choose(ranges: list[DateRange], expected: tuple[dt.date, dt.date] | None) -> DateRange | None:
    if not ranges:
        return None
    if expected is not None:
        for r in ranges:
            if (r.start, r.end) == expected:
                return r
    return ranges[0]


def _labelled(singles: list[DateMention]) -> DateRange | None:
    """``Start date: 10.03.2025`` and ``End date: 14.03.2025`` on their own lines."""
    start = end = None
    for mention in singles:
        label = normalize(mention.line.text if mention.line else "")
        before = label[: label.find(normalize(mention.text))] if mention.line else ""
        if start is None and START_WORDS.search(before) and not END_WORDS.search(before):
            start = mention
        elif END_WORDS.search(before):
            end = mention
    if start is None or end is None or end.date < start.date:
        return None
    return DateRange(start.date, end.date, f"{start.text} … {end.text}", start.page, start.line)


# Dates as stamps and boarding passes print them: 09.03.2025, 09.03.25, 09-03-25, 09 03 2025,
# 09 MAR 2025, 09MAR25, 2025-03-09, and on boarding passes 09MAR without a year.
_COMPACT_SEP = r"[./\- ]"


@cache
def _compact_patterns() -> list[re.Pattern[str]]:
    months = "|".join(sorted((k for k in month_names() if len(k) >= 3), key=len, reverse=True))
    return [
        re.compile(r"(?<![\d])(?P<y>(?:19|20)\d{2})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)"),
        re.compile(
            rf"(?<![\d.])(?P<d>\d{{1,2}})\s?(?P<sep>{_COMPACT_SEP})\s?(?P<mo>\d{{1,2}})\s?(?P=sep)\s?"
            r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\d])"
        ),
        re.compile(
            rf"(?<![\da-z])(?P<d>\d{{1,2}})\s?[.\- ]?\s?(?P<m>{months})\.?"
            # a year, unless the digits are the hour of a time printed beside the date
            r"(?:\s?[.\- ]?\s?(?P<y>(?:19|20)\d{2}|\d{2})(?![:.h]\d))?(?![\da-z])"
        ),
    ]


def compact_dates_in(text: str, near: dt.date) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every date written the short ways stamps and boarding passes write them. A two-digit year
    is 20YY; a date without a year takes the year that puts it nearest to ``near``."""
    norm = normalize(text)
    found: list[tuple[dt.date, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _compact_patterns():
        for match in pattern.finditer(norm):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            g = match.groupdict()
            month = _month(g["m"]) if g.get("m") else int(g["mo"])
            if not 1 <= month <= 12:
                continue
            day = int(g["d"])
            year = g.get("y")
            if year:
                value = _date(year if len(year) == 4 else f"20{year}", month, day)
            else:
                options = [_date(str(near.year + k), month, day) for k in (-1, 0, 1)]
                valid = [o for o in options if o is not None]
                value = min(valid, key=lambda o: abs((o - near).days)) if valid else None
            if value is None:
                continue
            taken.append(span)
            found.append((value, (span[0], span[1])))
    found.sort(key=lambda item: item[1][0])
    return found
