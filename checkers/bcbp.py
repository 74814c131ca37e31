"""IATA Bar Coded Boarding Pass (Resolution 792, format ``M``, versions up to 8).

Every field is fixed-width and its trailing spaces are data, so nothing is split on spaces.
Section sizes are hexadecimal and real passes state them wrongly: a size that runs past the data
is clipped and said in ``warnings`` (``strict=True`` raises instead). The day of the flight is a
day of the year without a year; :func:`flight_date` places it next to a reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

TITLES = ("MSTR", "MISS", "PROF", "MRS", "MR", "MS", "DR", "MX", "CHD", "INF")


class BcbpError(ValueError):
    """The text is not a boarding pass barcode this parser can read."""


@dataclass(frozen=True)
class Leg:
    pnr: str
    from_airport: str
    to_airport: str
    carrier: str
    flight_number: str
    day_of_year: int | None
    compartment: str
    seat: str
    sequence: str
    passenger_status: str
    # from the leg's conditional items, when present
    airline_numeric_code: str = ""
    document_number: str = ""
    selectee: str = ""
    document_verification: str = ""
    marketing_carrier: str = ""
    frequent_flyer_airline: str = ""
    frequent_flyer_number: str = ""
    id_ad: str = ""
    baggage_allowance: str = ""
    fast_track: str = ""
    airline_data: str = ""

    @property
    def flight(self) -> str:
        """``LX1056``: the carrier and the flight number without padding."""
        number = self.flight_number.strip()
        digits = re.match(r"^0*(\d+)(\D?)$", number)
        if digits:
            number = digits.group(1) + digits.group(2)
        return f"{self.carrier.strip()}{number}"


@dataclass(frozen=True)
class BoardingPass:
    raw: str
    legs_count: int
    name: str  # as encoded, trimmed: OZTURK/SUKRU DR
    surname: str
    given_names: str
    title: str
    electronic_ticket: str
    legs: tuple[Leg, ...]
    version: int | None = None
    passenger_description: str = ""
    checkin_source: str = ""
    issuance_source: str = ""
    issue_date: str = ""  # yddd as encoded
    document_type: str = ""  # B boarding pass, I itinerary receipt
    issuer: str = ""
    bag_tags: tuple[str, ...] = ()
    security_type: str = ""
    security_data: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def is_boarding_pass(self) -> bool:
        return self.document_type in ("", "B")


def split_name(encoded: str) -> tuple[str, str, str]:
    """``OZTURK/SUKRU DR`` → (``OZTURK``, ``SUKRU``, ``DR``); a title glued to the given name
    (``DOE/JOHNMR``) is taken off too."""
    name = encoded.strip()
    surname, _, given = name.partition("/")
    given = given.strip()
    title = ""
    words = given.split()
    if len(words) > 1 and words[-1] in TITLES:
        title = words[-1]
        given = " ".join(words[:-1])
    else:
        for candidate in TITLES:
            if given.endswith(candidate) and len(given) - len(candidate) >= 3:
                title, given = candidate, given[: -len(candidate)]
                break
    return surname.strip(), given.strip(), title


def _hex(value: str, what: str, warnings: list[str]) -> int:
    text = value.strip()
    if not text:
        return 0
    try:
        return int(text, 16)
    except ValueError:
        warnings.append(f"{what} {value!r} is not hexadecimal; taken as 0")
        return 0


class _Reader:
    def __init__(self, text: str, warnings: list[str], strict: bool) -> None:
        self.text, self.pos, self.warnings, self.strict = text, 0, warnings, strict

    def take(self, n: int) -> str:
        part = self.text[self.pos : self.pos + n]
        self.pos += n
        return part

    def items(self, table: tuple[tuple[str, int], ...]) -> dict[str, str]:
        """Consecutive fixed-width fields, named by ``table``; missing ones are empty."""
        return {key: self.take(width) for key, width in table}

    def repair(self, message: str) -> None:
        """Something real passes get wrong: refused when strict, else noted and mended."""
        if self.strict:
            raise BcbpError(message)
        self.warnings.append(message)

    def rest(self) -> int:
        return max(0, len(self.text) - self.pos)

    def section(self, size: int, what: str) -> _Reader:
        """The next ``size`` characters as their own reader, clipped to what is there."""
        if size > self.rest():
            self.repair(f"{what} says {size} characters, {self.rest()} are there")
            size = self.rest()
        return _Reader(self.take(size), self.warnings, self.strict)


UNIQUE_ITEMS = (
    ("passenger_description", 1),
    ("checkin_source", 1),
    ("issuance_source", 1),
    ("issue_date", 4),
    ("document_type", 1),
    ("issuer", 3),
    ("bag1", 13),
    ("bag2", 13),
    ("bag3", 13),
)
REPEATED_ITEMS = (
    ("airline_numeric_code", 3),
    ("document_number", 10),
    ("selectee", 1),
    ("document_verification", 1),
    ("marketing_carrier", 3),
    ("frequent_flyer_airline", 3),
    ("frequent_flyer_number", 16),
    ("id_ad", 1),
    ("baggage_allowance", 3),
    ("fast_track", 1),
)
MANDATORY_LEG = 37
MINIMAL_LEG = 24  # a truncated pass still names the airports, the flight and its day


def _day(value: str) -> int | None:
    text = value.strip()
    if not text.isdigit():
        return None
    day = int(text)
    return day if 1 <= day <= 366 else None


def parse(raw: str, *, strict: bool = False) -> BoardingPass:
    """Parse a BCBP string; ``strict`` refuses what lenient parsing would repair."""
    text = raw.rstrip("\r\n")
    if len(text) < 23 + MINIMAL_LEG or text[0] != "M" or not text[1].isdigit():
        raise BcbpError("not an IATA boarding pass barcode (format M, number of legs first)")
    warnings: list[str] = []
    reader = _Reader(text, warnings, strict)
    reader.take(1)
    count = int(reader.take(1))
    if not 1 <= count <= 4:
        raise BcbpError(f"{count} legs: a boarding pass encodes 1 to 4")
    name = reader.take(20)
    eticket = reader.take(1)
    legs: list[Leg] = []
    unique: dict[str, str] = {}
    version: int | None = None
    for index in range(count):
        if reader.rest() < (MINIMAL_LEG if index == 0 else MANDATORY_LEG):
            raise BcbpError(f"leg {index + 1} is cut short")
        fields = [reader.take(n) for n in (7, 3, 3, 3, 5, 3, 1, 4, 5, 1)]
        size = _hex(reader.take(2), "the variable field size", warnings)
        if size == 0 and index == 0 and reader.rest() and reader.text[reader.pos] == ">":
            # the size says nothing follows, but the conditional section does: take it up to
            # the security data (or the end)
            end = reader.text.find("^", reader.pos)
            size = (end if end >= 0 else len(reader.text)) - reader.pos
            reader.repair("the variable field size says 0 but conditional data follows")
        variable = reader.section(size, "a leg's variable field")
        extra: dict[str, str] = {}
        if variable.rest():
            if index == 0:
                if variable.text[0] != ">":
                    variable.repair("the conditional section does not start with '>'")
                    extra["airline_data"] = variable.take(variable.rest())
                else:
                    variable.take(1)
                    marker = variable.take(1)
                    version = int(marker) if marker.isdigit() else None
                    block = variable.section(
                        _hex(variable.take(2), "the unique conditional size", warnings),
                        "the unique conditional items",
                    )
                    unique.update(block.items(UNIQUE_ITEMS))
            if variable.rest() >= 2:
                repeated = variable.section(
                    _hex(variable.take(2), "a leg's conditional size", warnings),
                    "a leg's conditional items",
                )
                extra.update(repeated.items(REPEATED_ITEMS))
            if variable.rest():
                extra["airline_data"] = extra.get("airline_data", "") + variable.take(
                    variable.rest()
                )
        legs.append(
            Leg(
                pnr=fields[0].strip(),
                from_airport=fields[1].strip(),
                to_airport=fields[2].strip(),
                carrier=fields[3].strip(),
                flight_number=fields[4].strip(),
                day_of_year=_day(fields[5]),
                compartment=fields[6].strip(),
                seat=fields[7].strip(),
                sequence=fields[8].strip(),
                passenger_status=fields[9].strip(),
                **{k: v.strip() for k, v in extra.items()},
            )
        )
    security_type = security_data = ""
    if reader.rest():
        if reader.text[reader.pos] == "^":
            reader.take(1)
            security_type = reader.take(1)
            size = _hex(reader.take(2), "the security data size", warnings)
            security_data = reader.section(size, "the security data").text
        if reader.rest():
            leftover = reader.take(reader.rest())
            reader.repair(f"{len(leftover)} characters after the last section")
    surname, given, title = split_name(name)
    bags = tuple(unique.get(k, "").strip() for k in ("bag1", "bag2", "bag3"))
    return BoardingPass(
        raw=raw,
        legs_count=count,
        name=name.strip(),
        surname=surname,
        given_names=given,
        title=title,
        electronic_ticket=eticket.strip(),
        legs=tuple(legs),
        version=version,
        passenger_description=unique.get("passenger_description", "").strip(),
        checkin_source=unique.get("checkin_source", "").strip(),
        issuance_source=unique.get("issuance_source", "").strip(),
        issue_date=unique.get("issue_date", "").strip(),
        document_type=unique.get("document_type", "").strip(),
        issuer=unique.get("issuer", "").strip(),
        bag_tags=tuple(b for b in bags if b),
        security_type=security_type.strip(),
        security_data=security_data,
        warnings=tuple(warnings),
    )


def flight_date(day_of_year: int, near: dt.date) -> dt.date:
    """The date with that day of the year closest to ``near`` (the mobility's start or end):
    a pass for 2 January flown for a mobility ending 30 December is next year's."""
    candidates = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(dt.date(year, 1, 1) + dt.timedelta(days=day_of_year - 1))
        except OverflowError:
            continue
    valid = [c for c in candidates if c.timetuple().tm_yday == day_of_year]
    return min(valid, key=lambda d: abs((d - near).days))


def _fixed(value: str, width: int) -> str:
    return value[:width].ljust(width)


def encode(bp: BoardingPass) -> str:
    """The BCBP string of a pass (format M; a version, issue date and document type when
    ``bp.version`` is set). What :func:`parse` reads back is what was given; samples and tests
    make their passes with it."""
    parts = ["M", str(len(bp.legs)), _fixed(bp.name, 20), _fixed(bp.electronic_ticket, 1)]
    for index, leg in enumerate(bp.legs):
        day = f"{leg.day_of_year:03d}" if leg.day_of_year is not None else "   "
        parts += [
            _fixed(leg.pnr, 7),
            _fixed(leg.from_airport, 3),
            _fixed(leg.to_airport, 3),
            _fixed(leg.carrier, 3),
            _fixed(leg.flight_number.rjust(4, "0"), 5),
            day,
            _fixed(leg.compartment, 1),
            _fixed(leg.seat.rjust(4, "0"), 4),
            _fixed(leg.sequence.rjust(4, "0"), 5),
            _fixed(leg.passenger_status, 1),
        ]
        variable = ""
        if index == 0 and bp.version is not None:
            values = {
                "passenger_description": bp.passenger_description,
                "checkin_source": bp.checkin_source,
                "issuance_source": bp.issuance_source,
                "issue_date": bp.issue_date,
                "document_type": bp.document_type,
                "issuer": bp.issuer,
            }
            unique = "".join(_fixed(values.get(k, ""), n) for k, n in UNIQUE_ITEMS[:6])
            variable = f">{bp.version}{len(unique):02X}{unique}"
        repeated = "".join(_fixed(str(getattr(leg, k)), n) for k, n in REPEATED_ITEMS)
        if repeated.strip():
            variable += f"{len(repeated):02X}{repeated}"
        parts.append(f"{len(variable):02X}{variable}")
    return "".join(parts)
