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

from dataclasses import dataclass

from checkers import Kind, bcbp
from checkers.dates import compact_dates_in
from checkers.facts.legs import (
    ROUTE,
    Leg,
    Reading,
    printed_flights,
    printed_names,
    read_legs,
    upper_ascii,
    upper_ascii_keep,
)
from checkers.facts.model import Box, DocumentFacts, PageFacts
from checkers.flights import check_journey, journey_dates
from checkers.letters import evidence
from checkers.mobility import MobilityLike
from checkers.names import plausible_misreading
from checkers.phrases import N_, Joined, say
from checkers.report import Check, Evidence, Report, Status
from checkers.text import fold
from checkers.travel import TravelRule, is_airport

KIND = Kind.BOARDING_PASS
# How flights were read, and what of a pass's print is compared, in words
SOURCES = {
    "barcode": N_("barcode"),
    "text": N_("text"),
    "barcode and text": N_("barcode and text"),
}
PRINTED = {"name": N_("name"), "date": N_("date"), "flight": N_("flight"), "route": N_("route")}


# --- the checks -----------------------------------------------------------------------------


def check_readable(reading: Reading, facts: DocumentFacts) -> Check:
    if reading.legs:
        by = sorted({leg.source for leg in reading.legs})
        how = SOURCES.get(" and ".join(by), " and ".join(by))
        return Check(
            "readable",
            Status.PASS,
            say("%(n)d flight(s) read from the %(how)s.", n=len(reading.legs), how=say(how)),
            evidence=tuple(leg.evidence() for leg in reading.legs),
        )
    if reading.other_symbols:
        message = say(
            "The file holds a barcode, but it is not an IATA boarding pass barcode, and the "
            "printed text names no flight."
        )
    else:
        message = say(
            "No boarding pass was found: no barcode could be read and no flight is printed."
        )
    return Check(
        "readable",
        Status.FAIL,
        message,
        hint=say(
            "Upload the boarding passes themselves (the airline's PDF, or a sharp photo or "
            "screenshot showing the whole barcode), all of them in one PDF."
        ),
    )


def _leg_problems(leg: Leg) -> str:
    return say("%(leg)s: %(what)s", leg=leg.label, what=Joined(leg.problems, ", "))


def _leg_for(leg: Leg) -> str:
    return say("%(leg)s is for %(who)s", leg=leg.label, who=leg.passenger_name or "?")


def check_barcodes(reading: Reading) -> Check:
    broken = [leg for leg in reading.legs if leg.problems]
    if broken:
        return Check(
            "barcode",
            Status.FAIL,
            say(
                "%(problems)s.",
                problems=Joined(_leg_problems(leg) for leg in broken),
            ),
            hint=say("Upload the boarding pass the airline issued for the flight taken."),
            evidence=tuple(leg.evidence() for leg in broken),
        )
    text_only = [leg for leg in reading.legs if leg.source == "text"]
    if text_only:
        return Check(
            "barcode",
            Status.REVIEW,
            say(
                "No barcode could be read for %(legs)s; it was read from the printed text only, "
                "which can be edited.",
                legs=Joined((leg.label for leg in text_only), ", "),
            ),
            hint=say(
                "Compare it with the original pass, or ask for a copy where the barcode is sharp."
            ),
            evidence=tuple(leg.evidence() for leg in text_only),
        )
    return Check(
        "barcode",
        Status.PASS,
        say("Every flight was read from its boarding pass barcode (%(n)d).", n=len(reading.legs)),
        evidence=tuple(leg.evidence() for leg in reading.legs),
    )


def same_traveller(encoded: str, given_names: str, surname: str) -> bool | None:
    """Is ``OZTURK/SUKRU DR`` the participant? None when there is too little to tell.

    Airlines drop diacritics and spaces, may keep only the first given name and cut the whole
    at 20 characters; anything else that differs is another traveller."""
    if "/" not in encoded:
        return None
    surname_part, _, given_part = encoded.partition("/")
    s_read, g_read, _ = bcbp.split_name(f"{upper_ascii(surname_part)}/{upper_ascii(given_part)}")
    cut = len(encoded.strip()) >= 19  # the name field is 20 characters wide
    words = g_read.split()
    if cut and len(words) > 1 and any(t.startswith(words[-1]) for t in bcbp.TITLES):
        g_read = " ".join(words[:-1])  # a title cut short: YILDIRIM/IREM NUR PR
    s_read, g_read = s_read.replace(" ", ""), g_read.replace(" ", "")
    s_want_words = upper_ascii(surname).split()
    g_want_words = [w for w in upper_ascii(given_names).split() if w not in bcbp.TITLES]
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
            say(
                "%(legs)s, not %(name)s.",
                legs=Joined(_leg_for(leg) for leg in wrong),
                name=full,
            ),
            hint=say("Upload the participant's own boarding passes."),
            evidence=tuple(Evidence(leg.page, leg.box, leg.passenger_name) for leg in wrong),
        )
    if unsure:
        return Check(
            "passenger_name",
            Status.REVIEW,
            say(
                "The traveller's name could not be read with confidence for %(legs)s.",
                legs=Joined((leg.label for leg in unsure), ", "),
            ),
            evidence=tuple(leg.evidence() for leg in unsure),
        )
    if not reading.legs:
        return Check("passenger_name", Status.FAIL, say("No boarding pass names a traveller."))
    names = sorted({leg.passenger_name or "" for leg in reading.legs})
    return Check(
        "passenger_name",
        Status.PASS,
        say("Every pass is for %(name)s (%(read)s).", name=full, read=", ".join(names)),
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
        return say(
            "page %(page)d: the printed %(what)s %(printed)s is not in the barcode (%(barcode)s)",
            page=self.page.number,
            what=say(PRINTED[self.what]),
            printed=", ".join(self.printed),
            barcode=", ".join(self.barcode),
        )


def _compare_page(page: PageFacts, legs: list[Leg]) -> tuple[list[str], list[PrintDifference]]:
    """What the print of one page says against its barcodes: a date, a name, a flight printed
    there that no barcode on the page holds is an edit. What OCR missed is not held against it,
    and the barcode stays the evidence either way."""
    text = page.text
    upper = upper_ascii_keep(text)
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
    names = printed_names(text)
    if any(_surname_printed(s, text) for s in surnames if s):
        compared.append("name")
    elif names:
        differ("name", names, [leg.passenger_name or "" for leg in legs])
    carriers = {leg.carrier for leg in legs if leg.carrier}
    flights = [f"{c}{n}" for c, n in printed_flights(upper) if c in carriers]
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
        return Check(
            "printed_text", Status.REVIEW, say("No barcode to compare the printed text with.")
        )
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
            (
                say(
                    "The printed text does not say what the barcode says: %(differences)s. The "
                    "print was read by OCR, which may have misread it.",
                    differences=Joined(d.text() for d in differences),
                )
                if read_by_ocr
                else say(
                    "The printed text does not say what the barcode says: %(differences)s.",
                    differences=Joined(d.text() for d in differences),
                )
            ),
            hint=say(
                "A pass whose printed text was changed is not accepted. Ask for the pass as the "
                "airline issued it."
            ),
            evidence=tuple(
                Evidence(d.page.number, d.box, ", ".join(d.printed)) for d in differences
            ),
        )
    said = [say(PRINTED[w]) for w in ("name", "date", "flight", "route") if w in compared]
    return Check(
        "printed_text",
        Status.PASS,
        say("The printed text agrees with the barcodes (%(what)s).", what=Joined(said, ", "))
        if said
        else say("The printed text agrees with the barcodes; nothing else is printed."),
        evidence=tuple(leg.evidence() for leg in barcoded),
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
