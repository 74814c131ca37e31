from __future__ import annotations

import pytest

from checkers.text import fold, strip_marks


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Şükrü Öztürk", "SUKRU OZTURK"),
        ("İSTANBUL", "istanbul"),
        ("ISTANBUL", "İstanbul"),
        ("Iğdır", "IGDIR"),
        ("ÇAĞLAYAN", "caglayan"),
        ("Gülşen", "GULSEN"),
        ("Kraków", "krakow"),
        ("Straße", "STRASSE"),
        ("Øresund", "oresund"),
        ("Jean-Luc", "jean luc"),
    ],
)
def test_fold_makes_spellings_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart() -> None:
    assert fold("Öztürk") != fold("Öztürkmen")
    assert fold("Şükrü") != fold("Şükran")


def test_fold_collapses_punctuation_and_space() -> None:
    assert fold("  ÖZTÜRK,   Şükrü ") == "ozturk sukru"


def test_strip_marks_keeps_case() -> None:
    assert strip_marks("Şükrü ÖZTÜRK İĞDIR ı") == "Sukru OZTURK IGDIR i"
