"""Machine-readable zones found on a page's pixels, however the page lies, and read with the
zone's own characters; a zone that cannot be read sends the page to a person."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from checkers.facts.images import turn
from checkers.facts.model import DocumentFacts, PageFacts
from checkers.facts.zone_places import fillers as _fillers
from checkers.facts.zone_places import glyphs as _glyphs
from checkers.facts.zone_places import placed as _placed
from checkers.facts.zone_votes import voted as _voted
from checkers.facts.zones import _level, read_zone
from checkers.passport_stamps import judge
from checkers.report import Status
from docservice.mobility import parse_mobility
from samples.passport import Passport, identity_page, zone
from tests.support import EXAMPLE

MOBILITY = parse_mobility(EXAMPLE)


@pytest.mark.ocr
@pytest.mark.parametrize("quarter", [0, 90, 180])
def test_the_zone_is_read_whichever_way_the_page_lies(quarter: int) -> None:
    page = turn(identity_page(Passport(seed=4)), quarter)
    reading = read_zone(page)
    assert reading.seen and reading.zone is not None and reading.zone.valid
    assert (reading.zone.surname, reading.zone.given_names) == ("OZTURK", "SUKRU")


@pytest.mark.ocr
def test_a_card_s_zone_that_is_a_small_part_of_the_page_is_read() -> None:
    # both sides of an identity card scanned side by side on one sheet: the zone is a third of
    # the sheet's width
    card = identity_page(Passport(seed=4))
    h, w = card.shape[:2]
    sheet = np.full((int(1.6 * h), int(2.8 * w), 3), 255, np.uint8)
    sheet[h // 4 : h // 4 + h, w // 10 : w // 10 + w] = card
    reading = read_zone(sheet)
    assert reading.zone is not None and reading.zone.valid
    assert (reading.zone.surname, reading.zone.given_names) == ("OZTURK", "SUKRU")


@pytest.mark.ocr
@pytest.mark.parametrize("degrees", [-17, 14])
def test_a_zone_photographed_some_degrees_off_level_is_read(degrees: int) -> None:
    page = _level(identity_page(Passport(seed=4)), degrees)
    reading = read_zone(page)
    assert reading.zone is not None and reading.zone.valid
    assert (reading.zone.surname, reading.zone.given_names) == ("OZTURK", "SUKRU")


def test_a_blank_page_has_no_zone() -> None:
    reading = read_zone(np.full((1200, 1700, 3), 255, np.uint8))
    assert reading.zone is None and not reading.seen


def test_an_identity_page_whose_zone_cannot_be_read_is_for_a_person() -> None:
    page = PageFacts(2, np.full((40, 40, 3), 255, np.uint8), [], "ocr")
    report = judge(DocumentFacts([page]), MOBILITY, [], None, None, unread_zone=page)
    identity = next(c for c in report.checks if c.id == "identity")
    assert identity.status is Status.REVIEW


def _zone_band(p: Passport) -> np.ndarray:
    """The zone's band of an identity page, as the reader crops it."""
    page = identity_page(p)
    h = page.shape[0]
    return page[int(0.74 * h) : int(0.93 * h), :]


@pytest.mark.parametrize("seed", [4, 11])
def test_the_pictures_of_the_places_show_which_hold_fillers(seed: int) -> None:
    p = Passport(seed=seed)
    glyphs = _glyphs(_zone_band(p), 2, 44)
    assert glyphs is not None
    fillers = _fillers(glyphs)
    assert fillers == [[ch == "<" for ch in line] for line in zone(p)]


def _truth(p: Passport) -> list[list[bool]]:
    return [[ch == "<" for ch in line] for line in zone(p)]


@pytest.mark.parametrize("seed", [4, 11])
def test_letters_broken_in_two_keep_every_place_after_them(seed: int) -> None:
    # a worn or thin print: U, O, U and U of P<TUROZTURK<<SUKRU each cut down the middle
    # into two marks, which must not push the places after them one character on
    p = Passport(seed=seed)
    band = _zone_band(p).copy()
    gray = cv2.cvtColor(band, cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8))
    tall = [i for i in range(1, n) if stats[i, 3] > 0.6 * np.percentile(stats[1:, 3], 95)]
    top = min(stats[i, 1] for i in tall)
    first = sorted(
        (i for i in tall if stats[i, 1] < top + stats[i, 3] / 2), key=lambda i: stats[i, 0]
    )
    assert [zone(p)[0][k] for k in (3, 5, 8, 14)] == ["U", "O", "U", "U"]
    for k in (3, 5, 8, 14):
        middle = stats[first[k], 0] + stats[first[k], 2] // 2
        band[:, middle - 1 : middle + 1] = 255
    glyphs = _glyphs(band, 2, 44)
    assert glyphs is not None and _fillers(glyphs) == _truth(p)


@pytest.mark.parametrize("seed", [4, 11])
def test_bold_blurred_print_whose_letters_touch_keeps_its_places(seed: int) -> None:
    # strokes thickened and blurred until neighbouring letters (RK, <<) run into one mark
    p = Passport(seed=seed)
    band = cv2.GaussianBlur(cv2.erode(_zone_band(p), np.ones((3, 3), np.uint8)), (0, 0), 1.5)
    glyphs = _glyphs(band, 2, 44)
    assert glyphs is not None and _fillers(glyphs) == _truth(p)


@pytest.mark.parametrize("seed", [4, 11])
def test_letters_almost_as_like_a_filler_as_the_fillers_are_told_from_them(seed: int) -> None:
    # a heavy print: every letter's picture part filler (likeness up to some 0.7), while the
    # fillers, set by one punch, are alike; the widest gap lies above the usual parting
    p = Passport(seed=seed)
    glyphs = _glyphs(_zone_band(p), 2, 44)
    assert glyphs is not None
    filler = glyphs[0][zone(p)[0].index("<")]
    heavy = [
        [
            filler if ch == "<" else cv2.addWeighted(pic, 0.6, filler, 0.4, 0)
            for pic, ch in zip(row, line, strict=True)
        ]
        for row, line in zip(glyphs, zone(p), strict=True)
    ]
    assert _fillers(heavy) == _truth(p)


def test_fillers_read_as_letters_are_put_right_by_the_pictures() -> None:
    p = Passport(seed=4)
    line1, line2 = zone(p)
    # OCR as it reads a filler: a K after a name, ``<K`` before one, a run of them as KKK
    misread = line1.replace("OZTURK<<", "OZTURKK<<K").replace("<<<<<<", "<KKK<<K")
    other = line1.replace("<<<<", "KEKK")
    texts = [f"{misread}\n{line2}", f"{other}\n{line2}", f"{misread}\n{line2}"]
    zone_read = _voted(texts, _zone_band(p))
    assert zone_read is not None
    assert (zone_read.surname, zone_read.given_names) == ("OZTURK", "SUKRU")
    assert zone_read.name_field == line1[5:]


def test_a_reading_s_runs_of_letters_go_to_the_places_of_letters() -> None:
    fillers = [ch == "<" for ch in "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    assert _placed("P<UTOERIKSSON<<ANNA<KMARIAK<<<<K<<KKK<<", fillers) == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )
    # a word as long as two runs and the filler between them (read as a letter) fills both
    assert _placed("P<UTOERIKSSON<<ANNAKMARIA<<<<<<<", fillers) == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )
    assert _placed("PKUTOERIKSSON<<ANNA<MARIA<<<<<<<", fillers) == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )
    # a run no reading's word fits is left open, never filled from a neighbour
    assert _placed("P<UTOERIKSSON<<ANNAKMARI<<<<<<<", fillers) == (
        "P<UTOERIKSSON<<????<?????<<<<<<<<<<"
    )
    # the first word of a line keeps its first letter (a C is a letter there, not a filler)
    assert _placed("CAD000000<4", [ch == "<" for ch in "CA000000<4"]) == "????????<4"
