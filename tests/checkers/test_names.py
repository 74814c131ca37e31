from __future__ import annotations

import pytest

from checkers.names import Match, compare_labelled, find_name, labelled_name, plausible_misreading
from tests.checkers.support import facts


@pytest.mark.parametrize(
    "written",
    [
        "We welcome Dr. Şükrü Öztürk to our department",
        "SUKRU OZTURK",
        "ÖZTÜRK, Şükrü",
        "Name: Ozturk Sukru",
        "Assoc. Prof. Dr. ŞÜKRÜ ÖZTÜRK (Karadeniz Technical University)",
        "OZTURK/SUKRU DR",
        "Sayın Doç. Dr. Şükrü Öztürk",
    ],
)
def test_the_participant_however_written(written: str) -> None:
    found = find_name(facts(f"Letter\n{written}\nRegards"), "Şükrü", "Öztürk")
    assert found.match is Match.EXACT
    assert found.line is not None and written.split()[0] in found.line.text


def test_two_given_names_and_a_missing_second_one() -> None:
    full = find_name(facts("İREM NUR YILDIRIM"), "İrem Nur", "Yıldırım")
    assert full.match is Match.EXACT
    partial = find_name(facts("Ms Irem Yildirim is accepted"), "İrem Nur", "Yıldırım")
    assert partial.match is Match.PARTIAL


@pytest.mark.parametrize(
    "written",
    [
        "We welcome Dr. Mehmet Öztürk",  # same surname, another man
        "Şükrü Özturan",  # another surname
        "Ayşe Kaya",
        "Sukru Ozturkoglu",
    ],
)
def test_never_another_person(written: str) -> None:
    found = find_name(facts(written), "Şükrü", "Öztürk")
    assert found.match in (Match.NONE, Match.OTHER)


def test_another_given_name_with_our_surname_is_named_as_such() -> None:
    assert find_name(facts("Dear Mehmet Öztürk,"), "Şükrü", "Öztürk").match is Match.OTHER


def test_ocr_slips_only_in_ocr_text_and_only_known_confusions() -> None:
    assert find_name(facts("SUKRU 0ZTURK", source="ocr"), "Şükrü", "Öztürk").match is Match.OCR
    assert find_name(facts("Şükrü Öztürk", source="ocr"), "Şükrü", "Öztürk").match is Match.EXACT
    # the same slip in a digital text layer is not a misreading
    assert find_name(facts("SUKRU 0ZTURK"), "Şükrü", "Öztürk").match is Match.NONE
    # one letter that OCR does not confuse: another name
    assert find_name(facts("Sukru Oxturk", source="ocr"), "Şükrü", "Öztürk").match is Match.NONE
    assert find_name(facts("Hüseyin Arslan", source="ocr"), "Hüseyin", "Aslan").match is Match.NONE


def test_misreadings() -> None:
    assert plausible_misreading("ozturk", "ozturk")
    assert plausible_misreading("rnehmet", "mehmet")
    assert plausible_misreading("ye1iz", "yeliz")
    assert not plausible_misreading("kaya", "kara")  # short names: exact only
    assert not plausible_misreading("arslan", "aslan")


@pytest.mark.parametrize(
    ("page", "match"),
    [
        (
            "T.C. Kimlik No : 1\nAdı : İBRAHİM HALİL\nSoyadı : AĞAOĞLU\nBaba Adı : AHMET",
            Match.EXACT,
        ),
        ("Soyadı : AĞAOĞLU\nAdı : İBRAHİM HALİL", Match.EXACT),
        ("Adı Soyadı : İbrahim Halil Ağaoğlu", Match.EXACT),
        ("Adı Soyadı\nIBRAHIM HALIL AGAOGLU", Match.EXACT),  # the value under its label
        ("Name: Ibrahim Agaoglu", Match.PARTIAL),
        ("Adı : MEHMET\nSoyadı : AĞAOĞLU", Match.OTHER),  # the father's son, another person
        ("Baba Adı : İBRAHİM HALİL\nAdı : MEHMET\nSoyadı : AĞAOĞLU", Match.OTHER),
    ],
)
def test_a_name_under_its_labels_on_one_line_or_two(page: str, match: Match) -> None:
    labelled = labelled_name(facts(page))
    assert labelled is not None
    assert compare_labelled(labelled, "İbrahim Halil", "Ağaoğlu", ocr=False).match is match


@pytest.mark.parametrize(
    "page",
    ["Name of the host institution: University of Lund", "Adı geçen kişi", "Baba Adı : AHMET"],
)
def test_labels_without_a_name_give_none(page: str) -> None:
    assert labelled_name(facts(page)) is None


def test_a_label_beside_the_surname_is_no_other_person() -> None:
    found = find_name(facts("Soyadı : AĞAOĞLU"), "İbrahim Halil", "Ağaoğlu")
    assert found.match is not Match.OTHER
