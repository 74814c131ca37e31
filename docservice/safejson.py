"""JSON from outside, read within bounds: a size and a nesting depth checked before parsing
(a body nested 100 000 deep would exhaust Python's recursion), and no NaN or Infinity, which
are not JSON and which nothing downstream could store or send back."""

from __future__ import annotations

import json
import re
from typing import Any

from docservice.errors import TooLarge, UnreadableInput

MAX_BYTES = 1_000_000  # a mobility record is a few kilobytes; a batch of them well under this
MAX_DEPTH = 32  # a record nests three levels
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")


def depth(text: str) -> int:
    """How deep the text's arrays and objects nest (brackets inside strings do not count)."""
    deepest = level = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        level += 1 if bracket in "[{" else -1
        deepest = max(deepest, level)
    return deepest


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def loads(text: str | bytes, *, what: str = "The body", expect: str = "JSON") -> Any:
    """The parsed value, or an input error that says what is wrong and what to send."""
    if len(text) > MAX_BYTES:
        raise TooLarge(
            f"{what} is larger than {MAX_BYTES // 1000} kB; send {expect} of ordinary size."
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableInput(f"{what} is not UTF-8 text; send {expect} as JSON.") from None
    if depth(text) > MAX_DEPTH:
        raise UnreadableInput(
            f"{what} nests arrays and objects more than {MAX_DEPTH} deep; send {expect} as "
            "plain JSON."
        )
    try:
        return json.loads(text, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise UnreadableInput(
            f"{what} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            f"send {expect} as one JSON object."
        ) from None
    except ValueError as exc:  # NaN, Infinity
        raise UnreadableInput(f"{what} is not valid JSON ({exc}); send {expect}.") from None
