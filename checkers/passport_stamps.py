"""Passport pages with border stamps (domain §6): exit from Türkiye on or before the start and
entry back on or after the end, within the office's travel window.

The stamps are read as facts (``checkers.facts.stamps`` finds them as ink,
``checkers.facts.stamp_text`` reads what each says); a Turkish stamp whose direction wore away
is told it by the host country's stamp of the same day. An identity page's machine-readable
zone is read, its check digits validated and its name compared with the participant's.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from checkers import Kind, mrz
from checkers.crossings import ENTRY, EXIT, Crossing, journey_checks, journey_dates
from checkers.facts.lines import PaddleLines
from checkers.facts.model import DocumentFacts, PageFacts
from checkers.facts.ocr import OcrEngine, Tesseract
from checkers.facts.stamp_text import StampReading, read_stamps
from checkers.facts.stamps import STAMP_LINES_SIDE, Blob, find_blobs
from checkers.facts.zones import read_zone
from checkers.mobility import MobilityLike
from checkers.names import tokens
from checkers.phrases import Joined, Phrase, say
from checkers.report import Check, Evidence, Report, Status
from checkers.travel import TravelRule, in_window


def crossing(reading: StampReading) -> Crossing:
    """The crossing a stamp records, with the stamp as its evidence."""
    blob = reading.blob
    return Crossing(
        reading.date,
        reading.direction,
        reading.country,
        None,
        Evidence(blob.page.number, blob.page.fraction(blob.box), reading.text),
    )


KIND = Kind.PASSPORT_STAMPS


@dataclass(frozen=True)
class Pages:
    """What a document's pages show: the identity page's zone and its page, a page where a
    zone is printed but could not be read, and the stamps of the other pages."""

    zone: mrz.Mrz | None
    zone_page: PageFacts | None
    unread_zone: PageFacts | None
    blobs: list[Blob]


def read_pages(facts: DocumentFacts, lines: OcrEngine | None = None) -> Pages:
    """The identity page's zone (from a page's text layer, else found on its pixels and read
    with the zone's own characters, ``facts.zones``) and the stamps. A page's zone is looked
    for on a second thread while its stamps are found: both are mostly OpenCV's work, which
    lets go of Python, so the two keep both cores busy."""
    found: list[tuple[mrz.Mrz, PageFacts]] = []
    unread: PageFacts | None = None
    blobs: list[tuple[PageFacts, list[Blob]]] = []
    with ThreadPoolExecutor(1, thread_name_prefix="zone") as beside:
        for page in facts.pages:
            looking = (
                None if page.source == "text" else beside.submit(read_zone, page.image, lines=lines)
            )
            blobs.append((page, find_blobs(page)))
            if looking is None:
                zone = mrz.find(page.text)
            else:
                reading = looking.result()
                zone = reading.zone
                if zone is None and reading.seen:
                    unread = unread or page
            if zone is not None:
                found.append((zone, page))
    zone, zone_page = max(found, key=lambda z: sum(z[0].checks.values())) if found else (None, None)
    stamps = [blob for page, on_page in blobs if page is not zone_page for blob in on_page]
    return Pages(zone, zone_page, None if found else unread, stamps)


def check_identity(zone: mrz.Mrz, page: PageFacts, m: MobilityLike) -> Check:
    p = m.participant
    wanted = f"{p.given_names} {p.surname}"
    written = f"{zone.given_names} {zone.surname}"
    where = Evidence(page.number, None, " / ".join(zone.lines))
    if not zone.valid:
        return Check(
            "identity",
            Status.FAIL if page.source == "text" else Status.REVIEW,
            say(
                "The identity page's machine-readable zone fails its check digits "
                "(%(failed)s): it was altered, or misread.",
                failed=", ".join(zone.failed),
            ),
            hint=say("Compare the identity page with the passport itself."),
            evidence=(where,),
        )
    named = mrz.compare_name(zone, p.surname, p.given_names)
    same_surname = sorted(tokens(zone.surname)) == sorted(tokens(p.surname))
    first_given = tokens(zone.given_names)[:1] == tokens(p.given_names)[:1]
    if named is mrz.NameMatch.SAME or (same_surname and first_given):
        return Check(
            "identity",
            Status.PASS,
            say(
                "The passport is %(name)s's (%(written)s, document %(number)s, check digits hold).",
                name=wanted,
                written=written,
                number=zone.number,
            ),
            evidence=(where,),
        )
    read = zone.name_field.strip("<")
    close = Levenshtein.distance(read, mrz.name_field_for(p.surname, p.given_names, len(read)))
    doubt: Phrase | None
    if named is mrz.NameMatch.UNSURE or (page.source == "ocr" and close <= 2):
        doubt = say(
            "The passport's name reads %(read)s, close to %(name)s's, but not surely the "
            "same (a filler or a letter of the zone may be misread).",
            read=repr(read),
            name=wanted,
        )
    elif page.source == "ocr" and not zone.name_agreed:
        doubt = say(
            "The passport's name reads %(read)s, not %(name)s, but the photo or scan does "
            "not show it clearly enough to be sure.",
            read=repr(read),
            name=wanted,
        )
    else:
        doubt = None
    if doubt is not None:
        return Check(
            "identity",
            Status.REVIEW,
            doubt,
            hint=say("Compare the identity page's name with the participant's."),
            evidence=(where,),
        )
    return Check(
        "identity",
        Status.FAIL,
        say("The passport is %(written)s's, not %(name)s's.", written=written, name=wanted),
        hint=say("Upload the participant's own passport pages."),
        evidence=(where,),
    )


def _said(reading: StampReading) -> str:
    if reading.host_said:
        return say(
            "%(crossing)s (%(country)s, its direction told by the host country's stamp of that "
            "day)",
            crossing=crossing(reading).label(),
            country=reading.country or "?",
        )
    return say(
        "%(crossing)s (%(country)s)",
        crossing=crossing(reading).label(),
        country=reading.country or "?",
    )


def _unsure_for(
    readings: list[StampReading], window: tuple[dt.date, dt.date], want: str
) -> list[StampReading]:
    """Stamps that may be the one wanted but were not read with confidence: of the right day
    with no direction read, of the right direction with a date whose digits were guessed, or
    whose date could not be read at all. Where one is, an absence proves nothing."""
    near = (window[0] - dt.timedelta(days=10), window[1] + dt.timedelta(days=10))
    return [
        r
        for r in readings
        if r.country in ("TR", None)
        and (
            (r.direction is None and in_window(r.date, window))
            or (r.guessed and r.direction in (want, None) and in_window(r.date, near))
            or (r.date is None and r.direction in (want, None))
        )
    ]


def _unsure_said(reading: StampReading) -> str:
    if reading.date is None:
        return say(
            "A stamp whose date could not be read may be it (page %(page)d); a person should "
            "read it.",
            page=reading.blob.page.number,
        )
    return say(
        "A stamp dated %(day)s (%(read)s) may be it, but it could not be read with confidence.",
        day=reading.date,
        read=repr(reading.text),
    )


def check(
    facts: DocumentFacts,
    m: MobilityLike,
    rule: TravelRule | None = None,
    *,
    ocr: Tesseract | None = None,
    lines: OcrEngine | None = None,
) -> Report:
    """The stamps read by ``ocr`` (tesseract) and ``lines`` (the line reader of
    ``checkers.facts.lines`` unless another is given)."""
    engine = ocr or Tesseract(psm=6)
    pages = read_pages(facts, lines or PaddleLines())
    reader = lines or PaddleLines(detect_side=STAMP_LINES_SIDE)
    readings = by_the_host(read_stamps(pages.blobs, m, engine, reader), m)
    return judge(
        facts, m, readings, pages.zone, pages.zone_page, rule, unread_zone=pages.unread_zone
    )


def by_the_host(readings: list[StampReading], m: MobilityLike) -> list[StampReading]:
    """Türkiye's stamps whose direction could not be read, told it by the host country's
    stamp of the same day: on the day the host country's entry stamp says its holder came
    in, a Turkish stamp is the exit that began the journey; on the day of its exit, the entry
    that ended it. A stamp whose country was not read counts as the host's when it shows its
    direction by an arrow (Türkiye's stamps say it in words). Only dates read with
    certainty, and only where that day's host stamps agree."""
    host = m.receiving.country

    def hosts(o: StampReading) -> bool:
        return o.country == host != "TR" or (o.country is None and o.arrow is not None)

    out = []
    for r in readings:
        told = {
            o.direction
            for o in readings
            if hosts(o) and o.date == r.date and o.direction and not o.guessed
        }
        unknown = r.country == "TR" and r.date and r.direction is None and not r.guessed
        if unknown and len(told) == 1:
            r = replace(r, direction=EXIT if told.pop() == ENTRY else ENTRY, host_said=True)
        out.append(r)
    return out


def judge(
    facts: DocumentFacts,
    m: MobilityLike,
    readings: list[StampReading],
    zone: mrz.Mrz | None,
    zone_page: PageFacts | None,
    rule: TravelRule | None = None,
    *,
    unread_zone: PageFacts | None = None,
) -> Report:
    """The report from what the stamps and the identity page were read to say."""
    rule = rule or TravelRule()
    report = Report(KIND, pages=len(facts.pages), sources=facts.sources)
    unread = [r for r in readings if r.date is None]
    readings = [r for r in readings if r.date is not None or r.direction is not None]
    dated = [r for r in readings if r.date]
    if dated:
        report.add(
            Check(
                "stamps",
                Status.PASS,
                say(
                    "%(n)d stamp(s) read: %(stamps)s.",
                    n=len(dated),
                    stamps=Joined(_said(r) for r in dated),
                ),
                evidence=tuple(crossing(r).evidence for r in dated),
            )
        )
    else:
        report.add(
            Check(
                "stamps",
                Status.FAIL if not readings and facts.pages else Status.REVIEW,
                say("No dated border stamp could be read on the pages."),
                hint=say(
                    "Upload sharp scans of the passport pages with the exit and entry stamps "
                    "of this journey, or the e-Devlet entry/exit record instead."
                ),
            )
        )
    # Only Türkiye's own stamps cross its border; a Schengen entry is the same journey seen
    # from the other side.
    # a guessed date never proves a crossing; it only keeps an absence from proving anything
    turkish = [crossing(r) for r in readings if r.country == "TR" and not r.guessed]
    journey = journey_checks(turkish, m, rule, what=say("the stamps"))
    windows = {
        "outbound": rule.outbound_window(m.start_date),
        "return": rule.return_window(m.end_date),
    }
    wanted = {"outbound": EXIT, "return": ENTRY}
    for item in journey:
        unsure = _unsure_for(readings + unread, windows[item.id], wanted[item.id])
        if item.status is Status.FAIL and unsure:
            # a stamp of the right day whose direction could not be read: an officer decides
            item = Check(
                item.id,
                Status.REVIEW,
                say("%(said)s %(unsure)s", said=item.message, unsure=_unsure_said(unsure[0])),
                hint=item.hint,
                evidence=tuple(crossing(r).evidence for r in unsure),
                early_return=item.early_return,
            )
        elif item.status is Status.FAIL and "ocr" in facts.sources:
            # a worn stamp's 6 is read as 5 by every view alike: what OCR read of a stamp is
            # not proof enough to fail a journey; a person reads the date
            item = replace(
                item,
                status=Status.REVIEW,
                message=say(
                    "%(said)s The stamp's date was read from its image: a person should confirm "
                    "it.",
                    said=item.message,
                ),
            )
        report.add(item)
    if zone is not None and zone_page is not None:
        report.add(check_identity(zone, zone_page, m))
    elif unread_zone is not None:
        report.add(
            Check(
                "identity",
                Status.REVIEW,
                say(
                    "Page %(page)d is an identity page, but its machine-readable zone could not "
                    "be read: whose passport it is was not checked.",
                    page=unread_zone.number,
                ),
                hint=say(
                    "Compare the identity page with the participant, or ask for a sharper scan."
                ),
                evidence=(Evidence(unread_zone.number),),
            )
        )
    report.fields = {
        "stamps": [
            {
                "date": r.date.isoformat() if r.date else None,
                "direction": r.direction,
                "country": r.country,
            }
            for r in readings
        ],
        "identity": (
            {
                "surname": zone.surname,
                "given_names": zone.given_names,
                "document_number": zone.number,
            }
            if zone is not None
            else None
        ),
        **journey_dates(turkish, m, rule),
    }
    return report
