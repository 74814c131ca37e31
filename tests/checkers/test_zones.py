"""Machine-readable zones found on a page's pixels, however the page lies, and read with the
zone's own characters; a zone that cannot be read sends the page to a person."""

from __future__ import annotations

import numpy as np
import pytest

from checkers.facts.images import turn
from checkers.facts.model import DocumentFacts, PageFacts
from checkers.facts.zones import read_zone
from checkers.passport_stamps import judge
from checkers.report import Status
from docservice.mobility import parse_mobility
from samples.passport import Passport, identity_page
from tests.support import EXAMPLE

MOBILITY = parse_mobility(EXAMPLE)


@pytest.mark.ocr
@pytest.mark.parametrize("quarter", [0, 90, 180])
def test_the_zone_is_read_whichever_way_the_page_lies(quarter: int) -> None:
    page = turn(identity_page(Passport(seed=4)), quarter)
    reading = read_zone(page)
    assert reading.seen and reading.zone is not None and reading.zone.valid
    assert (reading.zone.surname, reading.zone.given_names) == ("OZTURK", "SUKRU")


def test_a_blank_page_has_no_zone() -> None:
    reading = read_zone(np.full((1200, 1700, 3), 255, np.uint8))
    assert reading.zone is None and not reading.seen


def test_an_identity_page_whose_zone_cannot_be_read_is_for_a_person() -> None:
    page = PageFacts(2, np.full((40, 40, 3), 255, np.uint8), [], "ocr")
    report = judge(DocumentFacts([page]), MOBILITY, [], None, None, unread_zone=page)
    identity = next(c for c in report.checks if c.id == "identity")
    assert identity.status is Status.REVIEW
