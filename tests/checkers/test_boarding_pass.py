"""Boarding passes: symbols decoded from real files and generated passes, the traveller's name as
airlines write it, the print compared with the barcode, and the journey rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import checkers
from checkers import bcbp
from checkers.boarding_pass import same_traveller
from checkers.facts import read_document
from checkers.facts.legs import Leg
from checkers.facts.model import PageFacts
from checkers.facts.symbols import read_page, read_symbols
from checkers.flights import chains
from checkers.report import Status
from checkers.travel import Place, TravelRule, airport
from docservice.mobility import parse_mobility
from samples.travel import DEFECTS, ROUTES, Trip, mobility, render, symbol_picture
from tests.support import SAMPLES

DATA = Path(__file__).parent / "data" / "bcbp"


def rule_for(trip: Trip, **changes: object) -> TravelRule:
    r = ROUTES[trip.route % len(ROUTES)]
    base = TravelRule(
        Place(r.home.name, r.home.lat, r.home.lon), Place(r.host.name, r.host.lat, r.host.lon)
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def run(trip: Trip, form: str = "text-pdf", **rule: object) -> checkers.Report:
    data, suffix = render(trip, form)
    report, _ = checkers.check(
        "boarding_pass",
        data,
        parse_mobility(mobility(trip)),
        filename=f"pass.{suffix}",
        travel=rule_for(trip, **rule),
    )
    return report


def not_passed(report: checkers.Report) -> list[str]:
    return sorted(c.id for c in report.checks if c.status is not Status.PASS)


# --- the public test files decode as their sources say ------------------------------------------


def test_kitinerary_demo_pdf_decodes_to_its_pass() -> None:
    facts = read_document((DATA / "iata-bcbp-demo.pdf").read_bytes(), "demo.pdf")
    (symbol,) = read_symbols(facts)
    assert symbol.format == "Aztec"
    bp = bcbp.parse(symbol.text)
    assert (bp.surname, bp.given_names) == ("DRAGON", "KONQUI")
    (leg,) = bp.legs
    assert (leg.from_airport, leg.to_airport, leg.flight, leg.day_of_year) == (
        "VIE",
        "MXP",
        "AK1996",
        249,
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20250216-UAL61-aztec.png", ("DOE", "JOHN", "MEL", "SFO", "UA61", 47)),
        ("UAL574-aztec.png", ("DESMARAIS", "LUC", "LAS", "SFO", "UA574", None)),
    ],
)
def test_go_bcbp_photos_decode(name: str, expected: tuple[object, ...]) -> None:
    facts = read_document((DATA / name).read_bytes(), name)
    (symbol,) = read_symbols(facts)
    bp = bcbp.parse(symbol.text)
    leg = bp.legs[0]
    got = (bp.surname, bp.given_names, leg.from_airport, leg.to_airport, leg.flight)
    assert (*got, leg.day_of_year) == expected  # 419 is no day of any year: None


def test_an_impossible_day_fails_the_barcode_check() -> None:
    m = parse_mobility(mobility(dataclasses.replace(Trip(), given="Luc", surname="Desmarais")))
    report, _ = checkers.check(
        "boarding_pass", (DATA / "UAL574-aztec.png").read_bytes(), m, filename="p.png"
    )
    barcode = next(c for c in report.checks if c.id == "barcode")
    assert barcode.status is Status.FAIL
    assert "no valid day" in barcode.message


@pytest.mark.parametrize("kind", ["pdf417", "aztec", "qr", "datamatrix"])
def test_every_symbology_is_read(kind: str) -> None:
    text = "M1OZTURK/SUKRU DR     EABC123 TZXISTTK 2821 068Y012A0023 100"
    picture = np.asarray(symbol_picture(text, kind).convert("RGB"))
    page = np.full((900, 1000, 3), 255, dtype=np.uint8)
    big = cv2.resize(picture, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
    page[100 : 100 + big.shape[0], 50 : 50 + big.shape[1]] = big
    (symbol,) = read_page(PageFacts(1, page, [], "ocr"))
    assert symbol.text == text


def test_a_skewed_pdf417_is_read_after_a_counter_rotation() -> None:
    text = "M1OZTURK/SUKRU DR     EABC123 TZXISTTK 2821 068Y012A0023 100"
    picture = np.asarray(symbol_picture(text, "pdf417").convert("RGB"))
    big = cv2.resize(picture, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)
    page = np.full((1600, 1600, 3), 255, dtype=np.uint8)
    page[500 : 500 + big.shape[0], 200 : 200 + big.shape[1]] = big
    matrix = cv2.getRotationMatrix2D((800, 800), 9, 1.0)
    skewed = cv2.warpAffine(page, matrix, (1600, 1600), borderValue=(255, 255, 255))
    (symbol,) = read_page(PageFacts(1, skewed, [], "ocr"))
    assert symbol.text == text


@settings(max_examples=60, deadline=None)
@given(
    surname=st.text("ABCDEFGHIJKLMNOPRSTUVYZ", min_size=2, max_size=10),
    given_name=st.text("ABCDEFGHIJKLMNOPRSTUVYZ", min_size=2, max_size=8),
    day=st.integers(1, 366),
    number=st.integers(1, 9999),
    legs=st.integers(1, 4),
)
def test_encode_then_parse_gives_the_pass_back(
    surname: str, given_name: str, day: int, number: int, legs: int
) -> None:
    # airlines glue the title to the given names (OZTURK/SUKRUMR): a name that ends in one is
    # read as that title, by design, so it cannot come back whole
    assume(not any(given_name.endswith(t) and len(given_name) > len(t) + 2 for t in bcbp.TITLES))
    leg = bcbp.Leg("ABC123", "IST", "FRA", "TK", str(number), day, "Y", "012A", "0023", "1")
    name = f"{surname}/{given_name}"
    bp = bcbp.BoardingPass(
        raw="",
        legs_count=legs,
        name=name,
        surname=surname,
        given_names=given_name,
        title="",
        electronic_ticket="E",
        legs=(leg,) * legs,
        version=6,
        document_type="B",
        issuer="TK",
    )
    again = bcbp.parse(bcbp.encode(bp), strict=True)
    assert [x.flight for x in again.legs] == [f"TK{number}"] * legs
    assert [x.day_of_year for x in again.legs] == [day] * legs
    assert (again.surname, again.given_names, again.document_type) == (surname, given_name, "B")


# --- names as airlines write them --------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "given_names", "surname", "same"),
    [
        ("OZTURK/SUKRU DR", "Şükrü", "Öztürk", True),
        ("OZTURK/SUKRUMR", "Şükrü", "Öztürk", True),
        ("YILDIRIM/IREMNUR MS", "İrem Nur", "Yıldırım", True),
        ("YILDIRIM/IREM", "İrem Nur", "Yıldırım", True),
        ("YILDIRIM/IREM NUR PR", "İrem Nur", "Yıldırım", True),  # PROF cut at 20 characters
        ("KILICARSLANDEMIR/AYS", "Ayşegül", "Kılıçarslan Demir", True),
        ("OZTURK/AYSE", "Şükrü", "Öztürk", False),  # the same family, another traveller
        ("KAYA/MEHMET", "Şükrü", "Öztürk", False),
        ("OZTURKOGLU/SUKRU", "Şükrü", "Öztürk", False),
        ("OZTURK/S", "Şükrü", "Öztürk", None),  # an initial only: an officer looks
    ],
)
def test_same_traveller(encoded: str, given_names: str, surname: str, same: bool | None) -> None:
    assert same_traveller(encoded, given_names, surname) is same


# --- the journey ------------------------------------------------------------------------------


def leg(frm: str, to: str, day: dt.date) -> Leg:
    return Leg("X/Y", day, frm, to, "TK", "1", "barcode", 1)


def test_lund_is_served_by_copenhagen_and_connections_chain() -> None:
    lund, trabzon = Place("Lund", 55.7058, 13.1932), Place("Trabzon", 41.005, 39.7178)
    assert airport("CPH") is not None
    day = dt.date(2025, 3, 9)
    found = chains(
        [leg("TZX", "IST", day), leg("IST", "CPH", day), leg("CPH", "IST", day + dt.timedelta(7))],
        trabzon,
        lund,
        200,
    )
    assert [[x.to_airport for x in c.legs] for c in found] == [["IST", "CPH"]]


def test_a_connection_across_istanbuls_two_airports_counts() -> None:
    day = dt.date(2025, 3, 9)
    found = chains(
        [leg("TZX", "IST", day), leg("SAW", "CPH", day)],
        Place("Trabzon", 41.005, 39.7178),
        Place("Lund", 55.7058, 13.1932),
        200,
    )
    assert len(found) == 1


# --- generated passes -------------------------------------------------------------------------

GOOD = [
    Trip(route=n, symbol=("pdf417", "aztec", "qr", "datamatrix")[n % 4], layout=n % 2,
         name_form=n % 3, date_form=n, out_offset=-(n % 3), back_offset=n % 3, seed=n + 1)
    for n in range(5)
]  # fmt: skip


@pytest.mark.parametrize("trip", GOOD, ids=lambda t: f"route{t.route}-{t.symbol}")
def test_good_passes_pass(trip: Trip) -> None:
    report = run(trip)
    assert report.verdict is Status.PASS, [c.message for c in report.checks]
    legs = report.fields["legs"]
    assert {x["source"] for x in legs} == {"barcode"}
    assert len(legs) == len(trip.flights())
    first = legs[0]
    assert set(first) >= {
        "passenger_name",
        "flight_date",
        "from_airport",
        "to_airport",
        "carrier",
        "flight_number",
        "source",
    }
    assert first["flight_date"] == (trip.start + dt.timedelta(days=trip.out_offset)).isoformat()


BROKEN_BY = {
    "another-traveller": ["passenger_name"],
    "no-return": ["return"],
    "late-departure": ["outbound"],
    "early-return": ["return"],
    "another-trip": ["outbound", "return"],
    "another-destination": ["outbound", "return"],
    "edited-date": ["outbound", "printed_text"],
    "edited-name": ["passenger_name", "printed_text"],
    "itinerary-receipt": ["barcode"],
    "impossible-day": ["barcode", "outbound", "return"],
}


def test_every_defect_has_an_expectation() -> None:
    assert set(BROKEN_BY) == set(DEFECTS)


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_each_defect_fails_where_it_should(defect: str) -> None:
    trip = dataclasses.replace(Trip(seed=7, route=3), **DEFECTS[defect])  # type: ignore[arg-type]
    report = run(trip)
    assert report.verdict is Status.FAIL
    assert not_passed(report) == BROKEN_BY[defect]


def test_the_window_is_the_offices_policy() -> None:
    trip = Trip(route=3, out_offset=-2)
    assert run(trip).verdict is Status.PASS
    tight = run(trip, days_before=1)
    assert not_passed(tight) == ["outbound"]
    assert "2025-03-09 to 2025-03-10" in next(c.message for c in tight.checks if c.id == "outbound")


def test_a_far_airport_is_not_the_host_city() -> None:
    trip = Trip(route=3)
    report = run(trip, radius_km=20)  # Munich airport is 28 km from the city
    assert not_passed(report) == ["outbound", "return"]


def test_a_pass_without_a_readable_symbol_is_read_from_its_print_for_review() -> None:
    trip = Trip(route=3, layout=2)
    data, _ = render(trip, "text-pdf")
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.remove_images()
    buffer = io.BytesIO()
    writer.write(buffer)
    report, _ = checkers.check(
        "boarding_pass",
        buffer.getvalue(),
        parse_mobility(mobility(trip)),
        filename="p.pdf",
        travel=rule_for(trip),
    )
    assert report.verdict is Status.REVIEW
    assert {x["source"] for x in report.fields["legs"]} == {"text"}
    assert [(x["from_airport"], x["to_airport"]) for x in report.fields["legs"]] == [
        ("ADB", "MUC"),
        ("MUC", "ADB"),
    ]
    assert not_passed(report) == ["barcode", "printed_text"]


def test_a_document_without_any_pass_fails_readable() -> None:
    data = (SAMPLES / "letters" / "acceptance-letter-good-text.pdf").read_bytes()
    report, _ = checkers.check("boarding_pass", data, parse_mobility(mobility(Trip())))
    assert [(c.id, c.status) for c in report.checks] == [("readable", Status.FAIL)]


@pytest.mark.ocr
def test_a_photo_of_a_phone_pass_passes() -> None:
    trip = Trip(route=1, symbol="aztec", layout=1, seed=11)
    assert run(trip, "photo-jpg").verdict is Status.PASS


def check_committed(read_by_ocr: bool) -> None:
    expected = json.loads((SAMPLES / "travel" / "expected.json").read_text())
    for name, want in expected.items():
        if (name.endswith(".jpg") or "scan" in name or "screenshot" in name) != read_by_ocr:
            continue
        m = parse_mobility(want["mobility"])
        home, host = m.sending, m.receiving
        travel = TravelRule(
            Place("home", home.lat or 0, home.lon or 0), Place("host", host.lat or 0, host.lon or 0)
        )
        data = (SAMPLES / "travel" / name).read_bytes()
        report, _ = checkers.check(want["kind"], data, m, filename=name, travel=travel)
        assert (report.verdict.value, not_passed(report)) == (want["verdict"], want["not_passed"])


def test_committed_samples_give_their_expected_reports() -> None:
    check_committed(read_by_ocr=False)


@pytest.mark.ocr
def test_committed_scanned_samples_give_their_expected_reports() -> None:
    check_committed(read_by_ocr=True)
