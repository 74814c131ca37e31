"""Verification codes: ``DS-7KQ2-M9XD-4RT8``, easy to read aloud, type and recognise in a file.

Eleven random symbols of Crockford's base 32 (no I, L, O or U, so nothing reads as another symbol)
and one check symbol that catches a mistyped symbol. 55 random bits: guessing a valid code is out
of reach. People may type ``o`` for ``0`` or ``l`` for ``1``, in any case, with or without dashes.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "DS"
_VALUE = {symbol: i for i, symbol in enumerate(ALPHABET)}
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SYMBOL = "[0-9A-HJKMNP-TV-Z]"
# As printed: DS-XXXX-XXXX-XXXX. The lookbehind and lookahead keep it from matching inside a word.
CODE_PATTERN = re.compile(
    rf"(?<![0-9A-Z]){PREFIX}-({_SYMBOL}{{4}})-({_SYMBOL}{{4}})-({_SYMBOL}{{4}})"
)
CODE_PATTERN_BYTES = re.compile(CODE_PATTERN.pattern.encode("ascii"))


def _check_symbol(body: str) -> str:
    total = sum((2 * i + 1) * _VALUE[symbol] for i, symbol in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def _format(symbols: str) -> str:
    return f"{PREFIX}-{symbols[0:4]}-{symbols[4:8]}-{symbols[8:12]}"


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(11))
    return _format(body + _check_symbol(body))


def normalize(text: str) -> str | None:
    """The canonical form of a code as someone typed it, or None when it is not a valid code."""
    symbols = re.sub(r"[\s\-_.]", "", text.upper())
    if len(symbols) == 12 + len(PREFIX):
        symbols = symbols.removeprefix(PREFIX)  # a body may itself begin with the prefix
    symbols = symbols.translate(_TYPOS)
    if len(symbols) != 12 or any(s not in _VALUE for s in symbols):
        return None
    if _check_symbol(symbols[:11]) != symbols[11]:
        return None
    return _format(symbols)


def find_codes(text: str) -> list[str]:
    """Valid codes printed in a text, in order of appearance, each once."""
    found: list[str] = []
    for match in CODE_PATTERN.finditer(text):
        code = normalize(match.group(0))
        if code and code not in found:
            found.append(code)
    return found


def find_codes_in_bytes(data: bytes) -> list[str]:
    """Valid codes anywhere in a file's raw bytes (a PDF's metadata, a DOCX's zip comment)."""
    found: list[str] = []
    for match in CODE_PATTERN_BYTES.finditer(data):
        code = normalize(match.group(0).decode("ascii"))
        if code and code not in found:
            found.append(code)
    return found
