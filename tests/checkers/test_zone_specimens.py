"""Zones of real specimen documents nobody here made (``data/mrz/README.md``): found and read
by tesseract's views and the line reader together, the holder's identity passing and another
person's not."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from checkers import mrz
from checkers.facts.images import load_image
from checkers.facts.lines import PaddleLines
from checkers.facts.model import PageFacts
from checkers.facts.zone_votes import voting
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


NAME = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
NUMBERS = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def _zone_of(views: list[str], lead: str) -> mrz.Mrz:
    zone, _settled = voting([f"{v}\n{NUMBERS}" for v in views], {}, f"{lead}\n{NUMBERS}")
    assert zone is not None and zone.valid
    return zone


def test_a_name_the_readers_read_alike_is_sure_and_another_person_fails() -> None:
    zone = _zone_of([NAME, NAME.replace("ANNA", "ANNE")], NAME)
    assert zone.name_agreed and zone.surname == "ERIKSSON"
    page = PageFacts(number=1, image=np.full((8, 8, 3), 255, np.uint8), words=[], source="ocr")
    assert check_identity(zone, page, _person("ÖZTÜRK", "ŞÜKRÜ")).status is Status.FAIL


def test_a_name_the_readers_read_differently_is_for_a_person() -> None:
    # the views part on a letter of the surname and the line reader reads a third: whoever the
    # passport's holder is, the page does not show it surely enough to fail
    zone = _zone_of([NAME, NAME.replace("SSON", "SSDN")], NAME.replace("SSON", "SSQN"))
    assert not zone.name_agreed
    page = PageFacts(number=1, image=np.full((8, 8, 3), 255, np.uint8), words=[], source="ocr")
    assert check_identity(zone, page, _person("ÖZTÜRK", "ŞÜKRÜ")).status is Status.REVIEW
