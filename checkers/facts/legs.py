"""A boarding pass's flights ("legs") read as facts: from every IATA BCBP symbol on a page
(``facts.symbols`` decodes, ``bcbp`` parses), else from the printed text (airport codes, flight
numbers, dates and the traveller's name, in any layout), each leg marked with where it came from.
``boarding_pass`` judges them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from checkers import bcbp
from checkers.dates import compact_dates_in
from checkers.facts.model import Box, DocumentFacts, PageFacts
from checkers.facts.symbols import Symbol, read_symbols
from checkers.mobility import MobilityLike
from checkers.phrases import say
from checkers.report import Evidence
from checkers.text import fold, strip_marks
from checkers.travel import is_airport


@dataclass
class Leg:
    passenger_name: str | None
    flight_date: dt.date | None
    from_airport: str | None
    to_airport: str | None
    carrier: str | None
    flight_number: str | None
    source: str  # "barcode" or "text"
    page: int
    box: Box | None = None
    problems: list[str] = field(default_factory=list)
    printed: PageFacts | None = None

    @property
    def flight(self) -> str:
        return f"{self.carrier or ''}{self.flight_number or ''}" or say("a flight")

    @property
    def label(self) -> str:
        route = f"{self.from_airport or '?'}→{self.to_airport or '?'}"
        day = self.flight_date or say("an unreadable date")
        return say("%(flight)s %(route)s on %(day)s", flight=self.flight, route=route, day=day)

    def evidence(self) -> Evidence:
        return Evidence(self.page, self.box, self.label)

    def to_dict(self) -> dict[str, object]:
        return {
            "passenger_name": self.passenger_name,
            "flight_date": self.flight_date.isoformat() if self.flight_date else None,
            "from_airport": self.from_airport,
            "to_airport": self.to_airport,
            "carrier": self.carrier,
            "flight_number": self.flight_number,
            "source": self.source,
            "page": self.page,
        }


def resolve_day(day_of_year: int, m: MobilityLike) -> dt.date:
    """A day of the year placed in the year that puts it nearest the mobility's start or end."""
    options = [
        bcbp.flight_date(day_of_year, m.start_date),
        bcbp.flight_date(day_of_year, m.end_date),
    ]
    return min(
        options,
        key=lambda d: min(abs((d - m.start_date).days), abs((d - m.end_date).days)),
    )


def _barcode_legs(symbol: Symbol, m: MobilityLike) -> list[Leg] | None:
    try:
        bp = bcbp.parse(symbol.text)
    except bcbp.BcbpError:
        return None
    legs = []
    for leg in bp.legs:
        problems: list[str] = []
        day = None
        if leg.day_of_year is None:
            problems.append(say("its barcode gives no valid day of the flight"))
        else:
            day = resolve_day(leg.day_of_year, m)
        if not bp.is_boarding_pass:
            problems.append(say("its barcode says it is an itinerary receipt, not a boarding pass"))
        number = re.sub(r"^0+(?=\d)", "", leg.flight_number.strip())
        legs.append(
            Leg(
                passenger_name=bp.name,
                flight_date=day,
                from_airport=leg.from_airport.strip() or None,
                to_airport=leg.to_airport.strip() or None,
                carrier=leg.carrier.strip() or None,
                flight_number=number or None,
                source="barcode",
                page=symbol.page,
                box=symbol.box,
                problems=problems,
            )
        )
    return legs


# --- the printed text -----------------------------------------------------------------------

NOT_AIRPORTS = frozenset(
    [
        "THE",
        "AND",
        "FOR",
        "YOU",
        "ARE",
        "NOT",
        "ALL",
        "SEQ",
        "PNR",
        "ETK",
        "REF",
        "DAY",
        "ONE",
        "NON",
        "DOC",
        "TKT",
        "BAG",
        "GRP",
        "ECO",
        "BUS",
        "VIA",
        "NEW",
        "OUT",
        "OFF",
        "GMT",
        "UTC",
        "CET",
        "EET",
        "EUR",
        "TRY",
        "USD",
        "PDF",
        "MRS",
        "CHD",
        "INF",
        "ADT",
        "AIR",
        "NAM",
        "SOY",
        "ADI",
        "KOL",
        "FLT",
        "ARR",
        "DEP",
        "TER",
        "YOL",
        "BIN",
        "JAN",
        "FEB",
        "MAR",
        "APR",
        "MAY",
        "JUN",
        "JUL",
        "AUG",
        "SEP",
        "OCT",
        "NOV",
        "DEC",
    ]
)
AIRLINE_NAME = re.compile(r"\b([A-Z][A-Z' -]{1,30})/([A-Z][A-Z ]{0,40})\b")
PASS_WORDS = re.compile(r"\b(boarding|binis|boarding pass|gate|kapi|seat|koltuk|flight|flt|ucus)\b")
ROUTE = re.compile(r"(?<![A-Z0-9])([A-Z]{3})\s*(?:→|->|-|–|>|TO)\s*([A-Z]{3})(?![A-Z0-9])")
FLIGHT = re.compile(r"(?<![A-Z0-9])([A-Z]{2}|[A-Z]\d|\d[A-Z])\s?(\d{1,4})(?![0-9])")


def upper_ascii(text: str) -> str:
    return fold(text).upper()


def _printed_airports(text: str) -> list[str]:
    codes = []
    for token in re.findall(r"(?<![A-Za-z0-9])[A-Z]{3}(?![A-Za-z0-9])", text):
        if token not in NOT_AIRPORTS and is_airport(token) and token not in codes:
            codes.append(token)
    return codes


def printed_flights(text: str) -> list[tuple[str, str]]:
    out = []
    for carrier, number in FLIGHT.findall(text):
        if carrier.isdigit():
            continue
        out.append((carrier, str(int(number))))
    return out


def printed_names(text: str) -> list[str]:
    """Names printed the airline way, SURNAME/GIVEN."""
    return [f"{a.strip()}/{b.strip()}" for a, b in AIRLINE_NAME.findall(upper_ascii_keep(text))]


def upper_ascii_keep(text: str) -> str:
    """Upper case without diacritics, keeping slashes and line breaks."""
    return strip_marks(text).upper()


def _text_legs(page: PageFacts, m: MobilityLike) -> list[Leg]:
    """Legs read off a page's print only: each a pair of airport codes with a date printed after
    it (before the next pair), and the flight and name printed nearest."""
    text = upper_ascii_keep(page.text)
    if not PASS_WORDS.search(fold(page.text)):
        return []  # not a boarding pass: a letter's capitals are no airports
    pairs = [
        (match.start(), match.group(1), match.group(2))
        for match in ROUTE.finditer(text)
        if is_airport(match.group(1)) and is_airport(match.group(2))
    ]
    if not pairs:
        codes = [
            (match.start(), match.group(0))
            for match in re.finditer(r"(?<![A-Za-z0-9])[A-Z]{3}(?![A-Za-z0-9])", text)
            if match.group(0) not in NOT_AIRPORTS and is_airport(match.group(0))
        ]
        pairs = [(codes[i][0], codes[i][1], codes[i + 1][1]) for i in range(0, len(codes) - 1, 2)]
    dates = compact_dates_in(text, m.start_date)
    flights = [(f.start(), f.group(1), str(int(f.group(2)))) for f in FLIGHT.finditer(text)]
    flights = [f for f in flights if not f[1].isdigit()]
    names = [
        (n.start(), f"{n.group(1).strip()}/{n.group(2).strip()}")
        for n in AIRLINE_NAME.finditer(text)
    ]
    legs = []
    for index, (at, origin, destination) in enumerate(pairs):
        end = pairs[index + 1][0] if index + 1 < len(pairs) else len(text)
        day = [d for d, span in dates if at <= span[0] < end] or [
            d for d, span in dates if span[0] < at
        ][-1:]
        if not day:
            continue
        flight = min(flights, key=lambda f: abs(f[0] - at), default=None)
        if flight is None:
            continue
        name = min(names, key=lambda n: abs(n[0] - at), default=None)
        legs.append(
            Leg(
                passenger_name=name[1] if name else None,
                flight_date=day[0],
                from_airport=origin,
                to_airport=destination,
                carrier=flight[1],
                flight_number=flight[2],
                source="text",
                page=page.number,
                printed=page,
            )
        )
    return legs


# --- reading all legs -----------------------------------------------------------------------


@dataclass
class Reading:
    legs: list[Leg]
    symbols: list[Symbol]
    other_symbols: list[Symbol]


def _all_printed_flights_read(page: PageFacts, found: list[Symbol]) -> bool:
    """Enough symbols on a page: one at least, and a pass for every flight printed on it."""
    if not found:
        return False
    flights: set[str] = set()
    for symbol in found:
        try:
            flights.update(leg.flight for leg in bcbp.parse(symbol.text).legs)
        except bcbp.BcbpError:
            continue
    carriers = {f[:2] for f in flights}
    printed = {f"{c}{n}" for c, n in printed_flights(upper_ascii_keep(page.text)) if c in carriers}
    return printed <= flights


def read_legs(facts: DocumentFacts, m: MobilityLike) -> Reading:
    symbols = read_symbols(facts, _all_printed_flights_read)
    legs: list[Leg] = []
    other: list[Symbol] = []
    pages_with_pass: set[int] = set()
    for symbol in symbols:
        found = _barcode_legs(symbol, m)
        if found is None:
            other.append(symbol)
            continue
        pages_with_pass.add(symbol.page)
        page = next(p for p in facts.pages if p.number == symbol.page)
        for leg in found:
            leg.printed = page
            legs.append(leg)
    for page in facts.pages:
        if page.number not in pages_with_pass:
            legs.extend(_text_legs(page, m))
    unique: list[Leg] = []
    seen: set[tuple[object, ...]] = set()
    for leg in legs:
        key = (leg.passenger_name, leg.flight_date, leg.from_airport, leg.to_airport, leg.flight)
        if key not in seen:  # the same pass twice (printed and as a screenshot) is one leg
            seen.add(key)
            unique.append(leg)
    return Reading(unique, symbols, other)
