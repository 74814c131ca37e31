"""Boarding passes (domain §6): prove the journey from the barcodes, not from what is printed.

Every IATA BCBP symbol in the file is decoded (``facts.symbols``) and parsed (``bcbp``). The
barcode holds the traveller, the airports, the flight and the day; the printed text beside it can
be edited, so it is compared with the barcode, and a pass whose print says something else fails.
A page without a readable symbol is read from its printed text; such a leg is marked ``text`` and
sent to an officer for review. The legs must then make an outbound chain from near home to near
the host, departing in the window before the start, and a return chain departing in the window
after the end (``travel.TravelRule``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from checkers import bcbp
from checkers.dates import compact_dates_in
from checkers.facts.model import Box, DocumentFacts, PageFacts
from checkers.facts.symbols import Symbol, read_symbols
from checkers.letters import evidence
from checkers.mobility import MobilityLike
from checkers.names import plausible_misreading
from checkers.report import Check, Evidence, Report, Status
from checkers.text import fold, strip_marks
from checkers.travel import TravelRule, airport, describe_window, in_window, is_airport, km

KIND = "boarding_pass"
CONNECTION_KM = 80.0  # two airports this close serve one city (IST and SAW are 70 km apart)
MAX_CONNECTION_DAYS = 1


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
        return f"{self.carrier or ''}{self.flight_number or ''}" or "a flight"

    @property
    def label(self) -> str:
        route = f"{self.from_airport or '?'}→{self.to_airport or '?'}"
        day = self.flight_date.isoformat() if self.flight_date else "an unreadable date"
        return f"{self.flight} {route} on {day}"

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
        problems = []
        day = None
        if leg.day_of_year is None:
            problems.append("its barcode gives no valid day of the flight")
        else:
            day = resolve_day(leg.day_of_year, m)
        if not bp.is_boarding_pass:
            problems.append("its barcode says it is an itinerary receipt, not a boarding pass")
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


def _upper_ascii(text: str) -> str:
    return fold(text).upper()


def _printed_airports(text: str) -> list[str]:
    codes = []
    for token in re.findall(r"(?<![A-Za-z0-9])[A-Z]{3}(?![A-Za-z0-9])", text):
        if token not in NOT_AIRPORTS and is_airport(token) and token not in codes:
            codes.append(token)
    return codes


def _printed_flights(text: str) -> list[tuple[str, str]]:
    out = []
    for carrier, number in FLIGHT.findall(text):
        if carrier.isdigit():
            continue
        out.append((carrier, str(int(number))))
    return out


def _printed_names(text: str) -> list[str]:
    """Names printed the airline way, SURNAME/GIVEN."""
    return [f"{a.strip()}/{b.strip()}" for a, b in AIRLINE_NAME.findall(_upper_ascii_keep(text))]


def _upper_ascii_keep(text: str) -> str:
    """Upper case without diacritics, keeping slashes and line breaks."""
    return strip_marks(text).upper()


def _text_legs(page: PageFacts, m: MobilityLike) -> list[Leg]:
    """Legs read off a page's print only: each a pair of airport codes with a date printed after
    it (before the next pair), and the flight and name printed nearest."""
    text = _upper_ascii_keep(page.text)
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
    printed = {
        f"{c}{n}" for c, n in _printed_flights(_upper_ascii_keep(page.text)) if c in carriers
    }
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


# --- the checks -----------------------------------------------------------------------------


def check_readable(reading: Reading, facts: DocumentFacts) -> Check:
    if reading.legs:
        by = {leg.source for leg in reading.legs}
        how = " and ".join(sorted(by))
        return Check(
            "readable",
            Status.PASS,
            f"{len(reading.legs)} flight(s) read from the {how}.",
            evidence=tuple(leg.evidence() for leg in reading.legs),
        )
    if reading.other_symbols:
        message = (
            "The file holds a barcode, but it is not an IATA boarding pass barcode, and the "
            "printed text names no flight."
        )
    else:
        message = "No boarding pass was found: no barcode could be read and no flight is printed."
    return Check(
        "readable",
        Status.FAIL,
        message,
        hint="Upload the boarding passes themselves (the airline's PDF, or a sharp photo or "
        "screenshot showing the whole barcode), all of them in one PDF.",
    )


def check_barcodes(reading: Reading) -> Check:
    broken = [leg for leg in reading.legs if leg.problems]
    if broken:
        return Check(
            "barcode",
            Status.FAIL,
            "; ".join(f"{leg.label}: {', '.join(leg.problems)}" for leg in broken) + ".",
            hint="Upload the boarding pass the airline issued for the flight taken.",
            evidence=tuple(leg.evidence() for leg in broken),
        )
    text_only = [leg for leg in reading.legs if leg.source == "text"]
    if text_only:
        return Check(
            "barcode",
            Status.REVIEW,
            "No barcode could be read for "
            + ", ".join(leg.label for leg in text_only)
            + "; it was read from the printed text only, which can be edited.",
            hint="Compare it with the original pass, or ask for a copy where the barcode is sharp.",
            evidence=tuple(leg.evidence() for leg in text_only),
        )
    return Check(
        "barcode",
        Status.PASS,
        f"Every flight was read from its boarding pass barcode ({len(reading.legs)}).",
        evidence=tuple(leg.evidence() for leg in reading.legs),
    )


def same_traveller(encoded: str, given_names: str, surname: str) -> bool | None:
    """Is ``OZTURK/SUKRU DR`` the participant? None when there is too little to tell.

    Airlines drop diacritics and spaces, may keep only the first given name and cut the whole
    at 20 characters; anything else that differs is another traveller."""
    if "/" not in encoded:
        return None
    surname_part, _, given_part = encoded.partition("/")
    s_read, g_read, _ = bcbp.split_name(f"{_upper_ascii(surname_part)}/{_upper_ascii(given_part)}")
    cut = len(encoded.strip()) >= 19  # the name field is 20 characters wide
    words = g_read.split()
    if cut and len(words) > 1 and any(t.startswith(words[-1]) for t in bcbp.TITLES):
        g_read = " ".join(words[:-1])  # a title cut short: YILDIRIM/IREM NUR PR
    s_read, g_read = s_read.replace(" ", ""), g_read.replace(" ", "")
    s_want_words = _upper_ascii(surname).split()
    g_want_words = [w for w in _upper_ascii(given_names).split() if w not in bcbp.TITLES]
    if not s_read or not s_want_words:
        return None
    s_want = "".join(s_want_words)
    surname_ok = s_read in (s_want, s_want_words[0], s_want_words[-1]) or (
        cut and s_want.startswith(s_read) and len(s_read) >= 3
    )
    if not surname_ok:
        return False
    if not g_read:
        return None if cut else False
    g_want = "".join(g_want_words)
    first = g_want_words[0] if g_want_words else ""
    given_ok = (
        g_read in (g_want, first)
        or (cut and (g_want.startswith(g_read) or first.startswith(g_read)))
        or (g_read.startswith(first) and g_want.startswith(g_read))
    )
    if given_ok:
        return True
    if len(g_read) == 1 and first.startswith(g_read):
        return None  # an initial only
    return False


def check_name(reading: Reading, m: MobilityLike) -> Check:
    p = m.participant
    wrong, unsure = [], []
    for leg in reading.legs:
        verdict = same_traveller(leg.passenger_name or "", p.given_names, p.surname)
        if verdict is False:
            wrong.append(leg)
        elif verdict is None:
            unsure.append(leg)
    full = f"{p.given_names} {p.surname}"
    if wrong:
        return Check(
            "passenger_name",
            Status.FAIL,
            "; ".join(f"{leg.label} is for {leg.passenger_name}" for leg in wrong)
            + f", not {full}.",
            hint="Upload the participant's own boarding passes.",
            evidence=tuple(Evidence(leg.page, leg.box, leg.passenger_name) for leg in wrong),
        )
    if unsure:
        return Check(
            "passenger_name",
            Status.REVIEW,
            "The traveller's name could not be read with confidence for "
            + ", ".join(leg.label for leg in unsure)
            + ".",
            evidence=tuple(leg.evidence() for leg in unsure),
        )
    if not reading.legs:
        return Check("passenger_name", Status.FAIL, "No boarding pass names a traveller.")
    names = sorted({leg.passenger_name or "" for leg in reading.legs})
    return Check(
        "passenger_name",
        Status.PASS,
        f"Every pass is for {full} ({', '.join(names)}).",
        evidence=tuple(Evidence(leg.page, leg.box, leg.passenger_name) for leg in reading.legs),
    )


def _surname_printed(surname: str, text: str) -> bool:
    key = fold(surname).replace(" ", "")
    if not key:
        return False
    if key in fold(text).replace(" ", ""):
        return True
    return any(plausible_misreading(token, key) for token in fold(text).split())


@dataclass
class PrintDifference:
    page: PageFacts
    what: str
    printed: list[str]
    barcode: list[str]
    box: Box | None

    def text(self) -> str:
        return (
            f"page {self.page.number}: the printed {self.what} {', '.join(self.printed)} is not "
            f"in the barcode ({', '.join(self.barcode)})"
        )


def _compare_page(page: PageFacts, legs: list[Leg]) -> tuple[list[str], list[PrintDifference]]:
    """What the print of one page says against its barcodes: a date, a name, a flight printed
    there that no barcode on the page holds is an edit. What OCR missed is not held against it,
    and the barcode stays the evidence either way."""
    text = page.text
    upper = _upper_ascii_keep(text)
    compared: list[str] = []
    found: list[PrintDifference] = []
    box = legs[0].box

    def differ(what: str, printed: list[str], barcode: list[str]) -> None:
        compared.append(what)
        extra = sorted({p for p in printed if p not in barcode})
        if extra:
            found.append(PrintDifference(page, what, extra, sorted(set(barcode)), box))

    dates = [leg.flight_date for leg in legs if leg.flight_date]
    if dates:
        printed = [d for d, _ in compact_dates_in(text, dates[0])]
        if printed:
            differ("date", [d.isoformat() for d in printed], [d.isoformat() for d in dates])
    surnames = [(leg.passenger_name or "").partition("/")[0] for leg in legs]
    names = _printed_names(text)
    if any(_surname_printed(s, text) for s in surnames if s):
        compared.append("name")
    elif names:
        differ("name", names, [leg.passenger_name or "" for leg in legs])
    carriers = {leg.carrier for leg in legs if leg.carrier}
    flights = [f"{c}{n}" for c, n in _printed_flights(upper) if c in carriers]
    if flights:
        differ("flight", flights, [leg.flight for leg in legs])
    if page.source == "text":
        routes = [f"{a}→{b}" for a, b in ROUTE.findall(upper) if is_airport(a) and is_airport(b)]
        if routes:
            differ("route", routes, [f"{leg.from_airport}→{leg.to_airport}" for leg in legs])
    return compared, found


def check_print(reading: Reading) -> Check:
    """The print must say what the barcode says: an edited pass fails. Where the print was read
    by OCR a difference may be a misreading, so an officer looks instead."""
    barcoded = [leg for leg in reading.legs if leg.source == "barcode"]
    if not barcoded:
        return Check("printed_text", Status.REVIEW, "No barcode to compare the printed text with.")
    by_page: dict[int, list[Leg]] = {}
    for leg in barcoded:
        by_page.setdefault(leg.page, []).append(leg)
    compared: set[str] = set()
    differences: list[PrintDifference] = []
    for legs in by_page.values():
        if legs[0].printed is None:
            continue
        seen, found = _compare_page(legs[0].printed, legs)
        compared.update(seen)
        differences.extend(found)
    if differences:
        read_by_ocr = all(d.page.source == "ocr" for d in differences)
        return Check(
            "printed_text",
            Status.REVIEW if read_by_ocr else Status.FAIL,
            "The printed text does not say what the barcode says: "
            + "; ".join(d.text() for d in differences)
            + "."
            + (" The print was read by OCR, which may have misread it." if read_by_ocr else ""),
            hint="A pass whose printed text was changed is not accepted. Ask for the pass as the "
            "airline issued it.",
            evidence=tuple(
                Evidence(d.page.number, d.box, ", ".join(d.printed)) for d in differences
            ),
        )
    said = ", ".join(w for w in ("name", "date", "flight", "route") if w in compared)
    return Check(
        "printed_text",
        Status.PASS,
        "The printed text agrees with the barcodes"
        + (f" ({said})." if said else "; nothing else is printed."),
        evidence=tuple(leg.evidence() for leg in barcoded),
    )


@dataclass
class Chain:
    legs: list[Leg]

    @property
    def departs(self) -> dt.date | None:
        return self.legs[0].flight_date

    def text(self) -> str:
        return " + ".join(leg.label for leg in self.legs)


def _near(code: str | None, place: object, radius: float) -> bool | None:
    if code is None:
        return False
    found = airport(code)
    if found is None:
        return False
    if place is None:
        return None
    return km(found, place) <= radius  # type: ignore[arg-type]


def _connects(a: Leg, b: Leg) -> bool:
    if a.flight_date is None or b.flight_date is None or not a.to_airport or not b.from_airport:
        return False
    days = (b.flight_date - a.flight_date).days
    if not 0 <= days <= MAX_CONNECTION_DAYS:
        return False
    if a.to_airport == b.from_airport:
        return True
    x, y = airport(a.to_airport), airport(b.from_airport)
    return x is not None and y is not None and km(x, y) <= CONNECTION_KM


def chains(legs: list[Leg], origin: object, destination: object, radius: float) -> list[Chain]:
    """Every chain of connecting legs from an airport near ``origin`` to one near
    ``destination`` (each a ``travel.Place``; None accepts any airport)."""
    dated = sorted((leg for leg in legs if leg.flight_date), key=lambda x: x.flight_date)  # type: ignore[arg-type, return-value]
    out: list[Chain] = []

    def extend(path: list[Leg]) -> None:
        if _near(path[-1].to_airport, destination, radius) is not False:
            out.append(Chain(list(path)))
            return
        if len(path) >= 4:
            return
        for nxt in dated:
            if nxt not in path and _connects(path[-1], nxt):
                extend([*path, nxt])

    for leg in dated:
        if _near(leg.from_airport, origin, radius) is not False:
            extend([leg])
    return out


def _journey(
    reading: Reading, m: MobilityLike, rule: TravelRule, outbound: bool
) -> tuple[list[Chain], list[Chain]]:
    """The chains of the outbound (or return) journey, and those of them in the travel window."""
    origin, destination = (rule.home, rule.host) if outbound else (rule.host, rule.home)
    window = rule.outbound_window(m.start_date) if outbound else rule.return_window(m.end_date)
    found = chains(reading.legs, origin, destination, rule.radius_km)
    return found, [c for c in found if in_window(c.departs, window)]


def journey_dates(reading: Reading, m: MobilityLike, rule: TravelRule) -> dict[str, str | None]:
    """The report fields ``outbound_date`` (the outbound journey's arrival at the host) and
    ``return_date`` (the return journey's departure), for the dossier's reconciliation."""
    dates: dict[str, str | None] = {}
    for key, outbound in (("outbound_date", True), ("return_date", False)):
        found, good = _journey(reading, m, rule, outbound)
        chain = (good or found)[0] if (good or found) else None
        day = None
        if chain is not None:
            day = chain.legs[-1].flight_date if outbound else chain.departs
        dates[key] = day.isoformat() if day else None
    return dates


def check_journey(reading: Reading, m: MobilityLike, rule: TravelRule, outbound: bool) -> Check:
    cid = "outbound" if outbound else "return"
    origin, destination = (rule.home, rule.host) if outbound else (rule.host, rule.home)
    window = rule.outbound_window(m.start_date) if outbound else rule.return_window(m.end_date)
    when = describe_window(window)
    found, good = _journey(reading, m, rule, outbound)
    route_known = origin is not None and destination is not None
    where = (
        f"from near {origin.name} to near {destination.name}"  # type: ignore[union-attr]
        if route_known
        else "between the home and host cities"
    )
    if good:
        chain = good[0]
        status = Status.PASS if route_known else Status.REVIEW
        message = (
            f"{'Outbound' if outbound else 'Return'} journey {chain.text()}, departing {when}."
        )
        if not route_known:
            message += " The airports could not be compared with the cities (no coordinates)."
        return Check(cid, status, message, evidence=tuple(leg.evidence() for leg in chain.legs))
    what = "outbound journey" if outbound else "return journey"
    if found:
        chain = found[0]
        late = chain.departs is not None and chain.departs > window[1]
        early = chain.departs is not None and chain.departs < window[0]
        if outbound:
            why = "departs after the activity began" if late else "departs too early"
        else:
            why = "returns before the activity ended" if early else "returns too late"
        home_early = not outbound and early
        return Check(
            cid,
            Status.FAIL,
            f"The {what} {chain.text()} {why}: it must depart {when}.",
            hint="An early return needs the office's decision (force majeure)."
            if home_early
            else "Upload the passes of the flights actually taken for this mobility.",
            evidence=tuple(leg.evidence() for leg in chain.legs),
            early_return=home_early,
        )
    return Check(
        cid,
        Status.FAIL,
        f"No {what} {where} departing {when} is among the passes"
        + (f" ({'; '.join(leg.label for leg in reading.legs)})." if reading.legs else "."),
        hint=f"Upload the boarding passes of the {what} too, all in one PDF.",
    )


def check(facts: DocumentFacts, m: MobilityLike, rule: TravelRule | None = None) -> Report:
    rule = rule or TravelRule()
    reading = read_legs(facts, m)
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    report.add(check_readable(reading, facts))
    if reading.legs:
        report.add(check_barcodes(reading))
        report.add(check_name(reading, m))
        report.add(check_print(reading))
        report.add(check_journey(reading, m, rule, outbound=True))
        report.add(check_journey(reading, m, rule, outbound=False))
    report.fields = {
        "legs": [leg.to_dict() for leg in reading.legs],
        "barcodes": [{"page": s.page, "format": s.format} for s in reading.symbols],
        **journey_dates(reading, m, rule),
    }
    return report


__all__ = ["KIND", "Leg", "check", "evidence", "read_legs", "same_traveller"]
