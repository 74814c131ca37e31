"""Machine-readable zones of travel documents (ICAO Doc 9303): TD1 identity cards (3 × 30),
TD2 (2 × 36), TD3 passports (2 × 44) and visas (MRV-A 2 × 44, MRV-B 2 × 36).

Every check digit is validated (weights 7, 3, 1; ``<`` counts 0, A–Z count 10–35). A long TD1
document number goes on in the optional field after a ``<`` in the check-digit position. Read by
OCR, a letter in a field of digits (``O`` for ``0``) or a digit in a field of letters is put
right by the field's type before the digits are checked (``autocorrect``), never after. A
document number holds letters and digits, so its type cannot say which an ``O`` is: when its
check digit fails as read, it is read as letters followed by digits (the common form, ``AA0000000``
read ``AAOOOOOO0``), the fewest look-alikes changed, and kept so only if the number's check digit
and the composite check digit then hold. (The composite repeats the number with the same weights,
so it confirms the rest of the line, not the number: one such reading in ten passes by chance,
which is why a zone's name, never its number, decides whose document it is.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from checkers.text import fold

WEIGHTS = (7, 3, 1)
TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5",
                          "G": "6", "B": "8", "T": "7"})  # fmt: skip
TO_LETTER = str.maketrans({"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A"})
SHAPES = {(3, 30): "TD1", (2, 36): "TD2", (2, 44): "TD3"}


class MrzError(ValueError):
    """The lines are not a machine-readable zone this parser knows."""


def _value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    return 0  # "<" and anything OCR left


def check_digit(data: str) -> str:
    return str(sum(_value(ch) * WEIGHTS[i % 3] for i, ch in enumerate(data)) % 10)


def _ok(data: str, digit: str) -> bool:
    return check_digit(data) == digit or (digit == "<" and data.strip("<") == "")


@dataclass(frozen=True)
class Mrz:
    kind: str  # TD1, TD2, TD3, MRVA, MRVB
    document_code: str
    country: str
    number: str
    birth: str  # YYMMDD as written
    sex: str
    expiry: str
    nationality: str
    surname: str
    given_names: str
    personal_number: str = ""
    checks: dict[str, bool] = field(default_factory=dict)
    lines: tuple[str, ...] = ()
    name_field: str = ""  # as read: SURNAME<<GIVEN<NAMES<<<… (its fillers perhaps misread)
    name_agreed: bool = True  # read off pixels by two readers, they read the name alike

    @property
    def valid(self) -> bool:
        return all(self.checks.values())

    @property
    def failed(self) -> list[str]:
        return [name for name, ok in self.checks.items() if not ok]


def _names(field_: str, fix: bool) -> tuple[str, str]:
    """Surname and given names by the field's structure: one filler between the parts of a
    name, two between the surname and the given names, and the given names end at the next
    two (what follows is filler, whatever OCR made of it)."""
    surname, _, given = _letters(field_, fix).partition("<<")
    given = given.partition("<<")[0]
    return re.sub(r"<+", " ", surname).strip(), re.sub(r"<+", " ", given).strip()


def _digits(text: str, fix: bool) -> str:
    return text.translate(TO_DIGIT) if fix else text


def _letters(text: str, fix: bool) -> str:
    return text.translate(TO_LETTER) if fix else text


def _renumbered(lines: list[str], kind: str) -> list[list[str]]:
    """The zone with its document number read as letters followed by digits, each way of
    splitting it, the fewest look-alikes changed first."""
    row, start = (0, 5) if kind == "TD1" else (1, 0)
    number = lines[row][start : start + 9]
    body = number.rstrip("<")
    found: dict[str, int] = {}
    for split in range(len(body) + 1):
        candidate = _letters(body[:split], True) + _digits(body[split:], True)
        changes = sum(a != b for a, b in zip(candidate, body, strict=True))
        if changes:
            found.setdefault(candidate, changes)
    out = []
    for candidate in sorted(found, key=found.__getitem__):
        line = lines[row]
        changed = line[:start] + candidate + line[start + len(body) :]
        out.append([changed if i == row else other for i, other in enumerate(lines)])
    return out


def _code(text: str, fix: bool) -> str:
    """A state code: ``D<<`` is Germany's."""
    return _letters(text, fix).rstrip("<")


def _fields(lines: list[str], kind: str, fix: bool) -> Mrz:
    if kind == "TD1":
        a, b, c = lines
        code, country = a[0:2], _code(a[2:5], fix)
        number, number_check, optional1 = a[5:14], _digits(a[14], fix), a[15:30]
        birth, birth_check = _digits(b[0:6], fix), _digits(b[6], fix)
        sex, expiry, expiry_check = b[7], _digits(b[8:14], fix), _digits(b[14], fix)
        nationality, optional2 = _code(b[15:18], fix), b[18:29]
        composite = _digits(b[29], fix)
        checks = {}
        if number_check == "<" and optional1.strip("<"):
            # a long number: it goes on in the optional field, up to its check digit
            rest = optional1.split("<", 1)[0]
            number, number_check = number + rest[:-1], _digits(rest[-1:], fix)
            checks["number"] = _ok(number, number_check)
        else:
            checks["number"] = _ok(number, number_check)
        checks["birth"] = _ok(birth, birth_check)
        checks["expiry"] = _ok(expiry, expiry_check)
        checks["composite"] = _ok(
            a[5:30] + birth + birth_check + expiry + expiry_check + optional2, composite
        )
        surname, given = _names(c, fix)
        return Mrz("TD1", code, country, number.rstrip("<"), birth, sex, expiry, nationality,
                   surname, given, optional1.strip("<"), checks, tuple(lines),
                   _letters(c, fix))  # fmt: skip
    a, b = lines
    width = len(a)
    visa = a[0] == "V"
    code, country = a[0:2], _code(a[2:5], fix)
    surname, given = _names(a[5:width], fix)
    number, number_check = b[0:9], _digits(b[9], fix)
    nationality = _code(b[10:13], fix)
    birth, birth_check = _digits(b[13:19], fix), _digits(b[19], fix)
    sex, expiry, expiry_check = b[20], _digits(b[21:27], fix), _digits(b[27], fix)
    checks = {
        "number": _ok(number, number_check),
        "birth": _ok(birth, birth_check),
        "expiry": _ok(expiry, expiry_check),
    }
    personal = ""
    if visa:
        kind = "MRVA" if width == 44 else "MRVB"
    elif width == 44:
        personal, personal_check = b[28:42], _digits(b[42], fix)
        checks["personal_number"] = _ok(personal, personal_check)
        composite = _digits(b[43], fix)
        checks["composite"] = _ok(
            number + number_check + birth + birth_check + expiry + expiry_check + personal
            + personal_check,
            composite,
        )  # fmt: skip
    else:
        optional, composite = b[28:35], _digits(b[35], fix)
        personal = optional
        checks["composite"] = _ok(
            number + number_check + birth + birth_check + expiry + expiry_check + optional,
            composite,
        )
    return Mrz(kind, code, country, number.rstrip("<"), birth, sex, expiry, nationality, surname,
               given, personal.strip("<"), checks, tuple(lines),
               _letters(a[5:width], fix))  # fmt: skip


def parse(lines: list[str], *, autocorrect: bool = False) -> Mrz:
    """The zone of 2 or 3 lines. ``autocorrect`` puts right what OCR confuses by field type."""
    clean = [re.sub(r"\s+", "", line.upper()) for line in lines]
    shape = (len(clean), len(clean[0]) if clean else 0)
    kind = SHAPES.get(shape)
    if kind is None or any(len(line) != shape[1] for line in clean):
        raise MrzError(
            f"{len(clean)} lines of {[len(x) for x in clean]} characters: a machine-readable zone "
            "has 3 lines of 30, or 2 of 36 or 44"
        )
    if any(re.search(r"[^A-Z0-9<]", line) for line in clean):
        raise MrzError("a machine-readable zone holds only A-Z, 0-9 and <")
    zone = _fields(clean, kind, autocorrect)
    if autocorrect and not zone.checks["number"] and "composite" in zone.checks:
        for lines in _renumbered(clean, kind):
            other = _fields(lines, kind, autocorrect)
            if other.checks["number"] and other.checks["composite"]:
                return other
    return zone


FILLER_LOOKALIKES = str.maketrans({"«": "<<", "‹": "<", "(": "<", "{": "<", "[": "<", "€": "<"})


def rows(text: str, shortest: int = 28, fillers: int = 2) -> list[str]:
    """The lines of OCR text that may be a zone's lines, as read: ``shortest`` characters or
    more, with ``fillers`` fillers or more."""
    found = []
    for raw in text.splitlines():
        line = re.sub(r"\s+", "", raw.upper().translate(FILLER_LOOKALIKES))
        if len(line) >= shortest and line.count("<") >= fillers:
            found.append(re.sub(r"[^A-Z0-9<]", "<", line))
    return found


def zone_rows(text: str, width: int) -> list[str]:
    """The lines of OCR text that are a zone's lines of ``width`` characters, fitted."""
    fitted = [_fit(r, width) for r in rows(text)]
    return [r for r in fitted if len(r) == width]


def find(text: str) -> Mrz | None:
    """The machine-readable zone in OCR text: consecutive lines that fit a zone's shape, best
    the one whose check digits hold."""
    read = rows(text)
    found: list[Mrz] = []
    for size, width in ((2, 44), (3, 30), (2, 36)):
        for start in range(len(read) - size + 1):
            group = [_fit(r, width) for r in read[start : start + size]]
            try:
                found.append(parse(group, autocorrect=True))
            except MrzError:
                continue
    if not found:
        return None
    return max(found, key=lambda z: sum(z.checks.values()))


def _fit(line: str, width: int) -> str:
    """A line OCR made a little longer or shorter: fillers at its end are what varies."""
    if len(line) > width:
        return line[:width] if line[width:].strip("<") == "" else line
    if line.endswith("<") or width - len(line) <= 4:
        return line.ljust(width, "<")  # OCR drops a long run of fillers
    return line


# What OCR makes of a run of fillers in a worn or small zone
FILLER_MISREADS = frozenset("<KCLEXIZ")
# Letters OCR takes for one another in the zone's typeface
LETTER_SLIPS = {frozenset(p) for p in ("OD", "OQ", "IL", "CG", "EF", "MN", "UV", "HN", "PR")}


class NameMatch(StrEnum):
    SAME = "same"  # the holder's name, fillers read as fillers or in runs of them
    UNSURE = "unsure"  # the name, but a filler beside it was read as a letter, or one slip
    OTHER = "other"  # another name


def name_field_for(surname: str, given_names: str, width: int) -> str:
    """The name field a document for this person carries (ICAO 9303 transliteration of
    Turkish letters is their plain form: Ş as S, Ö as O, İ and ı as I)."""

    def part(text: str) -> str:
        return "<".join(fold(text).upper().split())

    return f"{part(surname)}<<{part(given_names)}".ljust(width, "<")[:width]


def compare_name(zone: Mrz, surname: str, given_names: str) -> NameMatch:
    """The zone's name field against the participant's, position by position, by the field's
    structure: a filler may have been read as a letter OCR often makes of fillers (``K``, ``C``,
    ``<``), but only where it stands among fillers; a letter beside the name read where a
    filler belongs makes the match unsure; any other letter is another person."""
    read = zone.name_field
    if not read:
        return NameMatch.OTHER
    wanted = name_field_for(surname, given_names, len(read))
    unsure = 0
    for index, (want, got) in enumerate(zip(wanted, read, strict=True)):
        if want == got:
            continue
        if want == "<" and got in FILLER_MISREADS:
            unsure += _beside_name(read, wanted, index)
            continue
        if want != "<" and got != "<" and frozenset((want, got)) in LETTER_SLIPS:
            unsure += 1
            continue
        return NameMatch.OTHER
    return NameMatch.SAME if unsure == 0 else NameMatch.UNSURE


def _beside_name(read: str, wanted: str, index: int) -> bool:
    """A filler read as a letter right after a name's last letter, not at the head of a run of
    three or more fillers so read (``GULSENKKKK``): it may be a letter of a longer name."""
    if index == 0 or wanted[index - 1] == "<":
        return False
    run = 0
    while index + run < len(read) and read[index + run] in FILLER_MISREADS - {"<"}:
        if wanted[index + run] != "<":
            break
        run += 1
    return run < 3
