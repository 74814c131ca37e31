"""Text folding for matching Turkish and European names the way documents write them.

Airlines, OCR and keyboards drop diacritics (``ÖZTÜRK`` becomes ``OZTURK``) and Turkish
dotted/dotless I trips naive lower-casing (``"İ".lower()`` is ``"i̇"`` with a combining dot).
``fold`` maps every such spelling to one plain key.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def strip_marks(text: str) -> str:
    """Remove diacritics, keeping letter case: ``Şükrü Öztürk`` → ``Sukru Ozturk``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """A matching key: no diacritics, lower case, words joined by single spaces.

    >>> fold("İSTANBUL") == fold("istanbul") == fold("Istanbul")
    True
    >>> fold("Şükrü  ÖZTÜRK-Yılmaz")
    'sukru ozturk yilmaz'
    """
    plain = strip_marks(text).lower()
    return _NON_WORD.sub(" ", plain).strip()
