"""The MRZ parser on the 15 ICAO 9303 vectors of ``data/mrz_vectors.json``.

The vectors are copied verbatim from konstantint/PassportEye (MIT) and cheminfo/mrz (MIT); each
names its source repository, path and commit. Their own expectations are asserted where they
are about the zone itself; cheminfo's refusal of the "UTO" specimen state is about a country
list, not the zone, so the check digits (recomputed in ``our_icao_check_digit_recompute``) decide
validity here.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from checkers import mrz

DATA = json.loads((Path(__file__).parent / "data" / "mrz_vectors.json").read_text())
VECTORS = {v["id"]: v for v in DATA["vectors"]}

# The two sources' names for one field, ours on the right
KEYS = {
    "mrz_type": "kind", "format": "kind",
    "surname": "surname", "lastName": "surname",
    "names": "given_names", "firstName": "given_names",
    "number": "number", "documentNumber": "number",
    "date_of_birth": "birth", "birthDate": "birth",
    "expiration_date": "expiry", "expirationDate": "expiry",
    "country": "country", "issuingState": "country",
    "nationality": "nationality",
}  # fmt: skip


def test_all_fifteen_vectors_are_here() -> None:
    assert DATA["count"] == len(VECTORS) == 15
    assert all(v["source"]["repo"] and v["source"]["commit"] for v in VECTORS.values())


@pytest.mark.parametrize("vector_id", sorted(VECTORS))
def test_vector(vector_id: str) -> None:
    vector = VECTORS[vector_id]
    noisy = "noisy" in vector_id
    zone = mrz.parse(vector["lines"], autocorrect=noisy)
    recomputed = vector["our_icao_check_digit_recompute"]
    assert zone.valid == all(recomputed.values()) or noisy
    expected: dict[str, Any] = vector["expected"]
    if noisy:
        # put right by field type, it reads as the clean specimen
        clean = mrz.parse(VECTORS["cheminfo:TD3-UTO-ICAO-9303-specimen"]["lines"])
        assert (zone.surname, zone.given_names, zone.birth, zone.expiry, zone.country) == (
            clean.surname,
            clean.given_names,
            clean.birth,
            clean.expiry,
            clean.country,
        )
        assert zone.valid
        return
    for theirs, ours in KEYS.items():
        value = expected.get(theirs)
        if value is None:
            continue
        got = getattr(zone, ours)
        if ours == "number":
            value = value.rstrip("<")  # PassportEye keeps the filler: "10000999<"
        assert got == value, (theirs, got, value)
    if "valid_check_digits" in expected:
        assert list(zone.checks.values()) == expected["valid_check_digits"]


def test_check_digit_of_the_icao_example() -> None:
    assert mrz.check_digit("L898902C3") == "6"
    assert mrz.check_digit("740812") == "2"


def test_one_changed_character_breaks_a_check_digit() -> None:
    lines = VECTORS["passporteye:TD3-POL-two-surnames"]["lines"]
    changed = [lines[0], lines[1][:13] + "7" + lines[1][14:]]  # the birth year
    assert mrz.parse(changed).failed == ["birth", "composite"]


def test_find_in_ocr_text() -> None:
    lines = VECTORS["passporteye:TD3-POL-two-surnames"]["lines"]
    text = "PASZPORT\nKOWALSKA KWIATKOWSKA\n" + lines[0].replace("<<<<", "«<<") + "\n" + lines[1]
    zone = mrz.find(text)
    assert zone is not None and zone.valid and zone.surname == "KOWALSKA KWIATKOWSKA"


@pytest.mark.parametrize("lines", [["P<UTO"], ["A" * 44, "B" * 40], ["P<UTO" + "é" * 39] * 2])
def test_not_a_zone(lines: list[str]) -> None:
    with pytest.raises(mrz.MrzError):
        mrz.parse(lines)


ZONE = mrz.parse(
    [
        "P<TURYILMAZ<<GULSEN<<<<<<<<<<<<<<<<<<<<<<<<<",
        "Z196368479TUR7403275F280305429750621257<<<40",
    ]
)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("YILMAZ<<GULSEN<<<<<<<<<<<<<<<<<<<<<<<<<", mrz.NameMatch.SAME),
        # fillers read as letters, in runs of them: still the holder's name
        ("YILMAZ<<GULSENKKKKKKKKKKKK<<<<<<<<<<<<<<<", mrz.NameMatch.SAME),
        ("YILMAZ<<GULSEN<KKK<<<<<<<<<<<<<<<<<<<<<", mrz.NameMatch.SAME),
        # one letter where a filler belongs, right after the name: a longer name, perhaps
        ("YILMAZ<<GULSENK<<<<<<<<<<<<<<<<<<<<<<<<", mrz.NameMatch.UNSURE),
        ("YILMAZKKGULSEN<<<<<<<<<<<<<<<<<<<<<<<<<", mrz.NameMatch.UNSURE),
        ("YILMAZ<<GULSENA<<<<<<<<<<<<<<<<<<<<<<<<", mrz.NameMatch.OTHER),
        ("YILMAZ<<AYSE<<<<<<<<<<<<<<<<<<<<<<<<<<<", mrz.NameMatch.OTHER),
    ],
)
def test_the_name_field_is_compared_by_its_structure(field: str, expected: mrz.NameMatch) -> None:
    zone = dataclasses.replace(ZONE, name_field=field)
    assert mrz.compare_name(zone, "Yılmaz", "Gülşen") is expected


def test_turkish_names_are_written_as_the_zone_writes_them() -> None:
    assert mrz.name_field_for("Öztürk", "Şükrü", 12) == "OZTURK<<SUKR"
    assert mrz.name_field_for("Yıldırım", "İrem Nur", 20) == "YILDIRIM<<IREM<NUR<<"


def test_a_document_number_read_with_letters_for_zeros_is_put_right_by_its_check_digits() -> None:
    number = "AA0000000"
    birth, expiry, personal = "800315", "320101", "<" * 14
    body = (
        number + mrz.check_digit(number) + "POL" + birth + mrz.check_digit(birth) + "F"
        + expiry + mrz.check_digit(expiry) + personal + mrz.check_digit(personal)
    )  # fmt: skip
    line2 = body + mrz.check_digit(body[0:10] + body[13:20] + body[21:43])
    line1 = "P<POLKOWALSKA<<ANNA".ljust(44, "<")
    read = mrz.parse([line1, "AAOOOOOO0" + line2[9:]], autocorrect=True)
    assert read.valid and read.number == number
    # without autocorrect the zone is taken as written: the number fails its check digit
    assert not mrz.parse([line1, "AAOOOOOO0" + line2[9:]]).checks["number"]
