"""A border stamp's date as OCR reads its worn print, put right by the date's shape: every short
form stamps use (``09.03.2025``, ``09MAR25``, ``2025-03-09``, …), letters read in a digit's
place, zeros worn, dotted or slashed; each repair certain or a guess (``fix_dates``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checkers.text import strip_marks

ZERO_LIKE = "eCc€θØø"  # a slashed or dotted zero, or one worn open
DIGITISH = "0-9OoQDIlL|SZBG" + ZERO_LIKE  # what OCR reads in a date's digit places
# Three-letter months as stamps print them (English, Turkish, German, French), and the letters
# OCR takes for one another in a worn stamp: "AUC" is AUG, "0CT" is OCT
MONTHS3 = {
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9,
    "OCT": 10, "NOV": 11, "DEC": 12, "OCA": 1, "SUB": 2, "NIS": 4, "HAZ": 6, "TEM": 7, "AGU": 8,
    "EYL": 9, "EKI": 10, "KAS": 11, "ARA": 12, "MAI": 5, "OKT": 10, "DEZ": 12, "MRZ": 3,
    "FEV": 2, "AVR": 4, "JUI": 7, "AOU": 8,
}  # fmt: skip
LETTER_SLIPS = {
    frozenset(p)
    for p in ("CG", "G6", "O0", "QO", "DO", "I1", "L1", "IL", "UV", "S5", "B8", "Z2", "EF", "PR",
              "NM", "HN", "TI", "YV", "A4", "JI", "C0", "KX")
}  # fmt: skip
# each part of a date holds at least one digit read as one ("| 28-04-25" is a frame, then a day)
_PART = rf"(?=[{DIGITISH}]*\d)[{DIGITISH}]"
# a date's first part follows no letter, digit or sign OCR gives for a worn digit ("?1-01-25"
# is 31, 21 or 11, never the first); its parts are apart by a sign or two ("26-01.-25")
WORN_SIGNS = "?!*"
# (a raised dot is read as °); the sign before a year of four digits may be lost ("13 022026")
_SEPARATOR = r"\s?[.\-/·,:'’° ]{1,2}\s?"
_YEAR_JOINED = r"(?=20[0-9]{2}(?![A-Za-z0-9]))"
NUMBER_DATE = re.compile(
    rf"(?<![A-Za-z0-9{WORN_SIGNS}])({_PART}{{1,4}}){_SEPARATOR}({_PART}{{1,2}})"
    rf"(?:{_SEPARATOR}|{_YEAR_JOINED})({_PART}{{2,4}})(?![A-Za-z0-9])"
)
MONTH_DATE = re.compile(
    rf"(?<![A-Za-z0-9{WORN_SIGNS}])([{DIGITISH}]{{1,2}})[\s.\-/·]{{0,2}}([A-Z0-9]{{3,4}}?)[\s.\-/·]{{0,2}}"
    rf"([{DIGITISH}]{{2,4}})(?![A-Za-z0-9])"
)


def stamp_month(word: str) -> str | None:
    """The month a stamp's three letters name, allowing one letter that OCR mistook for
    another it looks like."""
    word = strip_marks(word).upper()
    if word in MONTHS3:
        return word
    if len(word) == 4:  # a speck read as a letter inside the month: NO0V
        shorter = {word[:i] + word[i + 1 :] for i in range(4)} & MONTHS3.keys()
        return shorter.pop() if len(shorter) == 1 else None
    close = [
        name
        for name in MONTHS3
        if sum(a != b for a, b in zip(word, name, strict=True)) == 1
        and all(
            a == b or frozenset((a, b)) in LETTER_SLIPS for a, b in zip(word, name, strict=True)
        )
    ]
    return close[0] if len(close) == 1 else None


# Letters that are a digit's own shape in a stamp's type (O and 0, l and 1): read in a digit's
# place they are that digit. Other letters (S, Z, B, G) and digits read where none fits (a worn
# or dotted zero read as 6, 8 or 9) are put right too, but each such repair is uncertain.
SAME_SHAPE = str.maketrans("OoQDIlL|", "00001111")
LOOKALIKE = str.maketrans("SZBG", "5286")
ZERO_SLIPS = "689"


@dataclass
class _Repair:
    uncertain: int = 0

    def digits(self, group: str, *, sure: tuple[int, ...] = ()) -> str:
        """The group's letters put as digits; a zero read as a letter (``e1`` for a slashed
        ``01``) is certain only in the places ``sure`` names, where no other digit fits."""
        same = group.translate(SAME_SHAPE)
        out = same.translate(LOOKALIKE)
        zeroed = "".join("0" if ch in ZERO_LIKE else ch for ch in out)
        self.uncertain += sum(a != b for a, b in zip(same, out, strict=True))
        self.uncertain += sum(
            1 for i, (a, b) in enumerate(zip(out, zeroed, strict=True)) if a != b and i not in sure
        )
        return zeroed

    def place(self, digits: str, highest: int) -> str:
        """A day over 31 or a month over 12 whose tens or units were read as 6, 8 or 9: a worn
        or dotted zero. Certain where no other digit that fits looks like what was read (a
        month's tens are 0 or 1; a 6 or 9 is no 1, 2 or 3; the units of a month 1x are 0, 1 or
        2, of a day 3x 0 or 1), a guess where one does (a day's tens read 8 may be a 3)."""
        if len(digits) != 2 or int(digits) <= highest:
            return digits
        if digits[0] in ZERO_SLIPS:
            if highest == 31 and digits[0] == "8":
                self.uncertain += 1
            return "0" + digits[1]
        if digits[0] == str(highest // 10) and digits[1] in ZERO_SLIPS:
            return digits[0] + "0"  # 16.09 for 10.09, 39.01 for 30.01
        return digits

    def year(self, digits: str) -> str:
        """A year of this century read as 2625 or 2925: no other digit makes a year a stamp of
        this journey can bear, so this repair is certain."""
        if len(digits) == 4 and digits[0] == "2" and digits[1] in ZERO_SLIPS:
            return "20" + digits[2:]
        return digits


def _tens(part: str) -> tuple[int, ...]:
    """The tens of a day or a month: 0 to 3, and none of 1, 2, 3 looks like a zero."""
    return (0,) if len(part) == 2 else ()


def _decade(part: str) -> tuple[int, ...]:
    """The hundreds of a year of four digits: this century's 0."""
    return (1,) if len(part) == 4 else ()


def fix_dates(text: str, *, guess: bool = True) -> str:
    """Dates as OCR reads a stamp's worn print, put right by their shape: ``O9MAR25`` is
    ``09MAR25``, ``08AUC25`` is ``08AUG25``, ``1O.O3.2O25`` is ``10.03.2025``, ``28-04·25``
    is ``28.04.25`` and ``2625-09-27`` is ``2025-09-27``. Only a date's digit and month places
    change. Letters of a digit's own shape (O, l) and zeros read where only a zero fits are
    certain; a date that needs any other repair (an S that may be a worn 5 or 9, a day's tens
    read as 8, which may be a 3) is a guess,
    put right only with ``guess`` and never enough to pass (see ``_interpret``)."""

    def month_date(g: re.Match[str]) -> str:
        month = stamp_month(g.group(2))
        if month is None or not any(ch.isdigit() for ch in g.group(1) + g.group(3)):
            return g.group(0)
        fix = _Repair()
        if len(g.group(1)) == 1 and len(g.group(2)) == 4 and stamp_month(g.group(2)[1:]) == month:
            fix.uncertain += 1  # "2AMAR26": the letter dropped may be the day's worn digit
        day = fix.place(fix.digits(g.group(1), sure=_tens(g.group(1))).zfill(2), 31)
        year = fix.year(fix.digits(g.group(3), sure=_decade(g.group(3))))
        if fix.uncertain and not guess:
            return g.group(0)
        return f"{day}{month}{year}"

    def number_date(g: re.Match[str]) -> str:
        parts = g.groups()
        fix = _Repair()
        first = fix.digits(parts[0], sure=_decade(parts[0]) or _tens(parts[0]))
        second = fix.digits(parts[1], sure=_tens(parts[1]))
        third = fix.digits(parts[2], sure=_decade(parts[2]))
        if len(first) == 4:  # 2025-04-28
            fixed = f"{fix.year(first)}-{fix.place(second.zfill(2), 12)}-"
            fixed += fix.place(third.zfill(2), 31)
        else:
            if len(first) == 1 and len(second) == 2:
                fix.uncertain += 1  # "7 10 2025": a dater prints 07; the day's worn 1 is lost
            fixed = f"{fix.place(first, 31)}.{fix.place(second, 12)}.{fix.year(third)}"
        return g.group(0) if fix.uncertain and not guess else fixed

    return NUMBER_DATE.sub(number_date, MONTH_DATE.sub(month_date, text))
