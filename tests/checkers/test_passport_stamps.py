"""Passport stamps: stamps found on generated visa pages, their dates, directions and countries
read, the identity page's zone checked, and the journey rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw

import checkers
from checkers.dates import normalize
from checkers.facts.arrows import arrow_of
from checkers.facts.model import DocumentFacts, PageFacts
from checkers.facts.stamp_dates import fix_dates
from checkers.facts.stamp_text import StampReading, _country, _interpret, direction_words
from checkers.facts.stamps import Blob, find_blobs, without_frame
from checkers.passport_stamps import by_the_host, crossing, judge
from checkers.report import Status
from checkers.text import fold
from docservice.mobility import parse_mobility
from samples.passport import DEFECTS, Passport, Stamp, render, stamp_picture, visa_page
from tests.support import EXAMPLE, SAMPLES

MOBILITY = parse_mobility(EXAMPLE)  # Şükrü Öztürk, 10-14 March 2025


def run(passport: Passport, form: str = "scan-pdf") -> checkers.Report:
    data, suffix = render(passport, form)
    report, _ = checkers.check("passport_stamps", data, MOBILITY, filename=f"p.{suffix}")
    return report


def not_passed(report: checkers.Report) -> list[str]:
    return sorted(c.id for c in report.checks if c.status is not Status.PASS)


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("O9MAR25", "09MAR25"),
        ("LOMAR25", "10MAR25"),
        ("1O.O3.2O25", "10.03.2025"),
        ("T.C. KAPIKULE", "T.C. KAPIKULE"),  # words stay words
        ("GATE B12", "GATE B12"),
        ("08AUC25", "08AUG25"),  # a worn G read as C
        ("11NO0V24", "11NOV24"),  # a speck read inside the month
        ("28-04·25", "28.04.25"),  # separators OCR read differently
        ("2025-4-28", "2025-04-28"),
        ("2625-09-27", "2025-09-27"),  # a dotted zero read as 6, where only 0 fits
        ("98.08.2025", "08.08.2025"),
        ("11.19.2025", "11.10.2025"),  # a month's dotted zero read as 9: only 10 fits
        ("39 16 2025", "30.10.2025"),
        ("16.11.2025", "16.11.2025"),  # a day 16 stays 16
        ("ÇIKIŞ 27", "ÇIKIŞ 27"),
        ("31 e1 2025", "31.01.2025"),  # a slashed zero read as a letter, where only 0 fits
        ("2C25-01-31", "2025-01-31"),
        ("26-01.- 25", "26.01.25"),  # two signs between the parts
        ("200CT24", "20OCT24"),
        ("13 022026", "13.02.2026"),  # the space before a four-digit year lost
        ("13°82 2026", "13.02.2026"),  # a raised dot read as a degree sign
        ("13 02 20", "13.02.20"),
    ],
)
def test_dates_put_right_by_shape(read: str, fixed: str) -> None:
    assert fix_dates(read) == fixed


def test_a_zero_read_as_a_letter_is_certain_only_where_no_other_digit_fits() -> None:
    assert fix_dates("e1.03.2025", guess=False) == "01.03.2025"  # a day's tens
    assert fix_dates("1e.03.2025", guess=False) == "1e.03.2025"  # 10, 16 or 18
    assert fix_dates("1e.03.2025") == "10.03.2025"
    assert fix_dates("17 16 2625", guess=False) == "17.10.2025"  # a month 16 is 10
    # a day of one digit beside a month of two: a dater prints 07, so a digit was worn away
    assert fix_dates("7 16 2625", guess=False) == "7 16 2625"


def test_a_letter_between_a_days_one_digit_and_its_month_makes_the_date_a_guess() -> None:
    """``2AMAR26`` is 21 or 24 March as often as 2 March: the A may be the day's worn digit."""
    assert fix_dates("2AMAR26", guess=False) == "2AMAR26"
    assert fix_dates("2AMAR26") == "02MAR26"
    assert fix_dates("11NO0V24", guess=False) == "11NOV24"  # a speck inside the month is not


def test_a_date_after_a_worn_digit_is_no_date() -> None:
    """``?1-01-25``: the day's first digit is lost; ``1 January`` is not what it says."""
    assert not _interpret(BLOB, "T.C. İSTANBUL\n?1-03-25\nGİRİŞ", MOBILITY)[0].date
    assert _interpret(BLOB, "T.C. İSTANBUL\n(11-03-25\nGİRİŞ", MOBILITY)[0].date


def test_a_date_that_needs_an_uncertain_repair_is_only_a_guess() -> None:
    # "0S" could be 05 or 09 (the S a worn 9): never trusted
    assert fix_dates("6S 07 2025") == "05.07.2025"
    assert fix_dates("6S 07 2025", guess=False) == "6S 07 2025"
    assert fix_dates("0S 07 2025", guess=False) == "0S 07 2025"
    assert fix_dates("O9 07 2O25", guess=False) == "09.07.2025"  # O is a zero's own shape
    reading = _interpret(BLOB, "T.C. İSTANBUL\n6S 07 2025\nÇIKIŞ", MOBILITY)
    assert reading[0].guessed
    assert not _interpret(BLOB, "T.C. İSTANBUL\n2625-03-09\nÇIKIŞ", MOBILITY)[0].guessed


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("GİRİS / ENTRY", "entry"),
        ("ÇIKlŞ", "exit"),
        ("EXIT", "exit"),
        ("GIKIS", None),
        ("CIKISIEXIT", "exit"),  # the slash read as a letter: the words run together
        ("GIRISlENTKY", "entry"),
        ("GIRISCIKIS", None),  # one word of each direction: no direction
    ],
)
def test_direction_words_worn_or_run_together(text: str, direction: str | None) -> None:
    found = {d for d, _ in direction_words(normalize(text))}
    assert found == ({direction} if direction else set())


def test_a_guessed_date_never_proves_a_crossing() -> None:
    """A Turkish stamp whose date rests on guesses sends the page to a person even when the
    guess falls inside the allowed days."""
    facts = DocumentFacts([PageFacts(1, np.full((40, 40, 3), 255, np.uint8), [], "ocr")])
    guessed = StampReading(BLOB, "T.C. 6S.03.2025 ÇIKIŞ", dt.date(2025, 3, 9), "exit", "TR", True)
    sure = StampReading(BLOB, "T.C. 14.03.2025 GİRİŞ", dt.date(2025, 3, 14), "entry", "TR")
    report = judge(facts, MOBILITY, [guessed, sure], None, None)
    assert report.verdict is Status.REVIEW
    assert {c.id: c.status for c in report.checks}["outbound"] is Status.REVIEW


BLOB = Blob(
    PageFacts(1, np.zeros((10, 10, 3), np.uint8), [], "ocr"),
    (0, 0, 5, 5),
    0.0,
    np.zeros((5, 5)),
    np.full((5, 5), 255),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("T.C.\nİSTANBUL HAVALİMANI\n09.03.2025\nÇIKIŞ 27", [("2025-03-09", "exit", "TR")]),
        ("T.C.\nESENBOĞA\n15MAR25\nGİRİŞ 12", [("2025-03-15", "entry", "TR")]),
        ("D FRANKFURT\n09-03-25\nENTRY", [("2025-03-09", "entry", "DE")]),
        ("DK KASTRUP\n15 03 2025", [("2025-03-15", None, "DK")]),
        ("P LISBOA\n2025-03-15\nEXIT", [("2025-03-15", "exit", "PT")]),
        # two stamps that overlap: each date with the direction written nearest to it
        ("T.C. 09.03.2025 ÇIKIŞ\nT.C. 15.03.2025 GİRİŞ",
         [("2025-03-09", "exit", "TR"), ("2025-03-15", "entry", "TR")]),
    ],
)  # fmt: skip
def test_what_a_stamp_says(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    readings = _interpret(BLOB, text, MOBILITY)
    got = [(str(r.date), r.direction, r.country) for r in readings]
    assert got == expected


def test_every_stamp_on_a_page_is_found_as_one_blob() -> None:
    passport = Passport(seed=2)  # four stamps, none overlapping
    page = PageFacts(1, visa_page(passport), [], "ocr")
    blobs = find_blobs(page)
    # the page's header is small print, not a stamp; each stamp is one blob
    assert len(passport.stamps()) <= len(blobs) <= len(passport.stamps()) + 1
    assert all(-45 <= b.angle <= 45 for b in blobs)


@pytest.mark.ocr
def test_a_good_scan_with_its_identity_page_passes() -> None:
    report = run(Passport(seed=2))
    assert report.verdict is Status.PASS, [c.message for c in report.checks]
    assert report.fields["identity"] == {
        "surname": "OZTURK",
        "given_names": "SUKRU",
        "document_number": "U00000002",
    }
    stamps = report.fields["stamps"]
    assert {"date": "2025-03-09", "direction": "exit", "country": "TR"} in stamps
    assert {"date": "2025-03-15", "direction": "entry", "country": "TR"} in stamps


@pytest.mark.ocr
def test_dates_a_dater_prints_in_fixed_pitch_with_dotted_zeros_are_read() -> None:
    # 09.03.2025, 15 MAR 2025: each zero with a dot inside, photographed
    report = run(Passport(seed=5, mono_dates=True, identity=False), "photo-jpg")
    assert report.verdict is Status.PASS, [c.message for c in report.checks]
    stamps = report.fields["stamps"]
    assert {"date": "2025-03-09", "direction": "exit", "country": "TR"} in stamps
    assert {"date": "2025-03-15", "direction": "entry", "country": "TR"} in stamps


BROKEN_BY = {
    "late-exit": ["outbound"],
    "early-entry": ["return"],
    "another-trip": ["outbound", "return"],
    "no-entry": ["return"],
    "another-holder": ["identity"],
    "altered-identity": ["identity"],
}


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("defect", "verdict"),
    [
        # a stamp's date read from its image is not proof enough to fail: a person confirms
        ("late-exit", Status.REVIEW),
        ("early-entry", Status.REVIEW),
        ("another-holder", Status.FAIL),  # the zone's check digits hold: another person
    ],
)
def test_defects_never_pass(defect: str, verdict: Status) -> None:
    assert set(BROKEN_BY) == set(DEFECTS)
    passport = dataclasses.replace(Passport(seed=31, schengen=False), **DEFECTS[defect])  # type: ignore[arg-type]
    report = run(passport)
    assert report.verdict is verdict
    assert not_passed(report) == BROKEN_BY[defect]


def test_the_early_return_rule_on_stamps_read() -> None:
    """Without OCR: the journey rule on a stamp list as the reader gives it."""
    from checkers.crossings import journey_checks
    from checkers.travel import TravelRule

    crossings = [
        crossing(r)
        for text in ("T.C. 09.03.2025 ÇIKIŞ", "T.C. 12.03.2025 GİRİŞ")
        for r in _interpret(BLOB, text, MOBILITY)
    ]
    checks = journey_checks(crossings, MOBILITY, TravelRule(), what="the stamps")
    assert [(c.id, c.status) for c in checks] == [
        ("outbound", Status.PASS),
        ("return", Status.FAIL),
    ]
    assert dt.date(2025, 3, 12).isoformat() in checks[1].message


@pytest.mark.ocr
def test_committed_samples_give_their_expected_reports() -> None:
    expected = json.loads((SAMPLES / "passport" / "expected.json").read_text())
    for name, want in expected.items():
        data = (SAMPLES / "passport" / name).read_bytes()
        report, _ = checkers.check(want["kind"], data, MOBILITY, filename=name)
        assert (report.verdict.value, not_passed(report)) == (want["verdict"], want["not_passed"])


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("İSTANBUL HAVALIMANL,", "TR"),  # worn letters
        ("TÜRKİYELCUMHURİYETİ", "TR"),  # words run together
        ("D MÜNCHEN", "DE"),
        ("PORTO", None),
        ("UNIVERSITY", None),
    ],
)
def test_a_turkish_stamp_is_known_by_its_worn_words(text: str, country: str | None) -> None:
    assert _country(fold(text), text) == country


def test_a_zero_read_where_only_a_zero_fits_is_certain() -> None:
    assert fix_dates("98.08.2025", guess=False) == "08.08.2025"  # a day's 9 is no 1, 2 or 3
    assert fix_dates("08.92.2025", guess=False) == "08.02.2025"  # a month's tens are 0 or 1
    assert fix_dates("88.08.2025", guess=False) == "88.08.2025"  # a day's 8 may be a 3


def _one_stamp_page(stamp: Stamp, seed: int) -> PageFacts:
    """A visa page's paper with one stamp on it."""
    rng = random.Random(seed)
    page = Image.new("RGB", (1000, 1300), (246, 244, 236))
    picture = stamp_picture(stamp, rng)
    page.paste(picture, (150, 300), picture)
    return PageFacts(1, np.asarray(page), [], "ocr")


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("direction", ["entry", "exit"])
def test_a_stamp_that_shows_its_direction_by_an_arrow(seed: int, direction: str) -> None:
    # each seed draws the arrow another way (solid or open head, dashed shaft, the font's
    # arrow), in another ink, turned by up to 25°
    stamp = Stamp(dt.date(2025, 3, 9), direction, turkish=False, place=seed, date_form=seed,
                  ink=["blue", "violet", "red", "black", "green"][seed % 5], angle=-25 + 7 * seed,
                  shape="rect" if direction == "entry" else "round-rect", worn=0.1,
                  pictogram=True)  # fmt: skip
    (blob,) = find_blobs(_one_stamp_page(stamp, seed))
    assert arrow_of(blob) == direction


@pytest.mark.parametrize("seed", range(4))
def test_an_arrow_whose_shaft_wore_into_thinning_dashes(seed: int) -> None:
    direction = ["entry", "exit"][seed % 2]
    stamp = Stamp(dt.date(2025, 3, 9), direction, turkish=False, place=seed, date_form=seed,
                  ink=["violet", "green", "blue", "red"][seed], angle=-20 + 12 * seed,
                  worn=0.1, pictogram=True, arrow="worn-dashes")  # fmt: skip
    (blob,) = find_blobs(_one_stamp_page(stamp, seed))
    assert arrow_of(blob) == direction


@pytest.mark.parametrize("seed", range(6))
def test_no_arrow_is_seen_in_a_stamp_that_has_none(seed: int) -> None:
    # words, dates and frames (dashes, corners) are never taken for an arrow
    stamp = Stamp(dt.date(2025, 3, 9), ["exit", "entry"][seed % 2], turkish=seed < 4,
                  place=seed, date_form=seed, ink=["blue", "black", "red"][seed % 3],
                  angle=-20 + 8 * seed, shape=["rect", "round-rect", "oval"][seed % 3])  # fmt: skip
    (blob,) = find_blobs(_one_stamp_page(stamp, seed))
    assert arrow_of(blob) is None


def _reading(day: str, direction: str | None, country: str | None) -> StampReading:
    return StampReading(BLOB, "", dt.date.fromisoformat(day), direction, country)


def test_a_turkish_stamp_is_told_its_direction_by_the_host_stamp_of_that_day() -> None:
    readings = [
        _reading("2025-03-09", None, "TR"),  # ÇIKIŞ worn away
        _reading("2025-03-09", "entry", "DE"),  # the arrow of Germany's entry stamp
        _reading("2025-03-15", None, "TR"),
        _reading("2025-03-15", "exit", "DE"),
        _reading("2025-03-12", None, "TR"),  # no host stamp that day: left unknown
    ]
    told = by_the_host(readings, MOBILITY)
    assert [(r.direction, r.host_said) for r in told] == [
        ("exit", True), ("entry", False), ("entry", True), ("exit", False), (None, False),
    ]  # fmt: skip
    # another country's stamp, or host stamps of that day that disagree, tell nothing
    other = [_reading("2025-03-09", None, "TR"), _reading("2025-03-09", "entry", "AT")]
    assert by_the_host(other, MOBILITY)[0].direction is None
    # a stamp of no country read tells only when it shows an arrow
    unknown = [_reading("2025-03-09", None, "TR"), _reading("2025-03-09", "entry", None)]
    assert by_the_host(unknown, MOBILITY)[0].direction is None
    unknown[1] = dataclasses.replace(unknown[1], arrow="entry")
    assert by_the_host(unknown, MOBILITY)[0].direction == "exit"
    torn = [_reading("2025-03-09", None, "TR"), _reading("2025-03-09", "entry", "DE"),
            _reading("2025-03-09", "exit", "DE")]  # fmt: skip
    assert by_the_host(torn, MOBILITY)[0].direction is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("* HEIDELBERG *\n09.03.25", "DE"),  # the host city named
        ("HEIDELBFRG\n09.03.25", "DE"),  # with one letter worn
        ("* * *\nFRANKFURT\n09.03.25", None),  # another city, and no code
        ("FIN HELSINKI\n09.03.25", "FI"),  # a code before a word still tells its country
    ],
)
def test_a_stamp_naming_the_host_city_is_the_host_countrys(text: str, country: str) -> None:
    assert _interpret(BLOB, text, MOBILITY)[0].country == country


@pytest.mark.parametrize("dashed", [False, True])
def test_a_stamps_frame_is_taken_away_before_it_is_read(dashed: bool) -> None:
    picture = np.full((300, 460, 3), 255, np.uint8)
    cv2.putText(picture, "09.03.2025", (60, 130), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (0, 0, 0), 4)
    cv2.putText(picture, "EXIT", (60, 220), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (0, 0, 0), 4)
    letters = int((picture[:, :, 0] < 128).sum())
    frame = np.full_like(picture, 255)
    cv2.rectangle(frame, (20, 20), (440, 280), (0, 0, 0), 8)
    if dashed:
        frame[:, 50:440:40] = 255  # gaps along the top and bottom
        frame[50:280:40, :] = 255  # and down the sides
    framed = np.minimum(picture, frame)
    cleaned = without_frame(framed)
    ink = cleaned[:, :, 0] < 128
    assert ink.sum() >= 0.98 * letters  # every letter kept
    assert ink.sum() <= 1.02 * letters  # no side, corner or dash of the frame


@pytest.mark.parametrize("seed", range(3))
def test_stamps_joined_by_a_pages_dark_print_are_each_found(seed: int) -> None:
    """Broad strokes of a visa page's print, dark enough to count as ink, run through two
    stamps and join them into one cluster wider than any stamp; each stamp is still found."""
    rng = random.Random(seed)
    page = Image.new("RGB", (1000, 1300), (244, 240, 232))
    spots = [(80, 250), (560, 700)]
    for stamp, at in zip(
        (Stamp(dt.date(2025, 3, 9), "exit", ink="violet"), Stamp(dt.date(2025, 3, 14), "entry")),
        spots,
        strict=True,
    ):
        picture = stamp_picture(stamp, rng)
        inked = Image.new("RGB", page.size, (255, 255, 255))
        inked.paste(picture, at, picture)
        page = ImageChops.multiply(page, inked)
    draw = ImageDraw.Draw(page)
    tint = (170, 180, 200)  # darker than the paper by 62 in its darkest channel
    draw.line((0, 330, 1000, 330), fill=tint, width=18)  # through the first stamp
    draw.line((300, 330, 700, 780), fill=tint, width=18)  # from it to the second
    draw.line((560, 780, 1000, 780), fill=tint, width=18)
    blobs = find_blobs(PageFacts(1, np.asarray(page), [], "ocr"))
    for x, y in spots:  # a blob about each stamp, none the size of both
        assert any(b.box[0] <= x + 60 and b.box[1] <= y + 60 and b.box[2] >= x + 200 for b in blobs)
    assert all(b.box[2] - b.box[0] < 700 for b in blobs)
