"""Zones of real specimen documents nobody here made (``data/mrz/README.md``): found and read
by tesseract's views and the line reader together, the holder's identity passing and another
person's not."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from checkers.facts.images import load_image
from checkers.facts.lines import PaddleLines
from checkers.facts.model import PageFacts
from checkers.facts.zones import read_zone
from checkers.passport_stamps import check_identity
from checkers.report import Status

DATA = Path(__file__).parent / "data" / "mrz"

# what a person reads in each zone: surname, given names, document number
SPECIMENS = {
    "0_pass-lva.jpg": ("MOHAMADA", "FARIDA", "LT0000000"),
    "100_pass-chn.jpg": ("LIN", "MEI HUA", "000000000"),
    "100_pass-polx.jpg": ("KOWALSKA KWIATKOWSKA", "JOANNA", "AA0000000"),
    "43_pass-fra.jpg": ("ULYSSE", "CHRISTOPHE", "08CD50338"),
    "98_pass-nld.jpg": ("MEULENDIJK", "LOES ALBERTINE", "XA0000014"),
}


def _person(surname: str, given_names: str) -> SimpleNamespace:
    return SimpleNamespace(participant=SimpleNamespace(surname=surname, given_names=given_names))


@pytest.mark.ocr
@pytest.mark.parametrize("name", sorted(SPECIMENS))
def test_a_specimen_s_zone_is_read_as_a_person_reads_it(name: str) -> None:
    image = load_image((DATA / name).read_bytes(), name)
    zone = read_zone(image, lines=PaddleLines()).zone
    assert zone is not None and zone.valid
    surname, given_names, number = SPECIMENS[name]
    assert (zone.surname, zone.given_names, zone.number) == (surname, given_names, number)
    page = PageFacts(number=1, image=image, words=[], source="ocr")
    assert check_identity(zone, page, _person(surname, given_names)).status is Status.PASS
    stranger = check_identity(zone, page, _person("ÖZTÜRK", "ŞÜKRÜ"))
    assert stranger.status is not Status.PASS
