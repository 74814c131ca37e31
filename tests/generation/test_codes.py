from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from docservice.generation import codes


def test_new_codes_are_canonical_and_distinct() -> None:
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert re.fullmatch(r"DS-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}", code)
        assert codes.normalize(code) == code


def test_typed_forms_normalize() -> None:
    code = codes.new_code()
    symbols = code.removeprefix("DS-").replace("-", "")  # a group may itself end in "DS"
    assert codes.normalize(symbols.lower()) == code
    assert codes.normalize(f"ds {symbols[:4]} {symbols[4:8]} {symbols[8:]}") == code
    confusable = code.replace("0", "o").replace("1", "l")
    assert codes.normalize(confusable) == code


@given(
    st.text(codes.ALPHABET, min_size=11, max_size=11),
    st.integers(0, 11),
    st.sampled_from(codes.ALPHABET),
)
def test_one_mistyped_symbol_is_caught(body: str, position: int, symbol: str) -> None:
    code = codes.normalize(body + codes._check_symbol(body))
    assert code is not None
    symbols = list(code.removeprefix("DS-").replace("-", ""))
    if symbols[position] == symbol:
        return
    symbols[position] = symbol
    assert codes.normalize("".join(symbols)) is None


def test_wrong_lengths_and_letters_are_not_codes() -> None:
    for text in ("", "DS-1234", "DS-UUUU-UUUU-UUUU", "hello", "DS-1234-5678-9ABC-D"):
        assert codes.normalize(text) is None


def test_find_codes_in_text_and_bytes() -> None:
    a, b = codes.new_code(), codes.new_code()
    text = f"Verification code: {a}\nSee also {b} and again {a}; not XDS-0000-0000-0000."
    assert codes.find_codes(text) == [a, b]
    assert codes.find_codes_in_bytes(text.encode()) == [a, b]
    assert codes.find_codes("DS-0000-0000-0001") == []  # wrong check symbol
