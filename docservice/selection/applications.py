"""One call's applications, read from the office's sheet (interface §6) or a page's form.

The fixed columns are ``application_id``, ``given_names``, ``surname``, ``category``,
``activity``, ``host_country``, ``citizenship``, ``language_score``, ``degree_abroad``,
``previous_mobilities``, ``years_of_service`` and ``claims``; ``department``, ``email``,
``host_institution``, ``host_erasmus_code``, ``host_city`` and ``person_id`` may be added, and any
other column is kept as it is. A sheet is read whole or not at all: every wrong cell is named by
its row and column, and nothing of a sheet with one is stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from docservice.errors import InputError, Phrase, UnreadableInput, say
from docservice.mobility import known_countries
from docservice.selection.rules import ACTIVITIES, CATEGORIES, CLAIMS
from docservice.tabular import MAX_ROWS, cell_value, sheet_rows

REQUIRED = (
    "application_id",
    "given_names",
    "surname",
    "category",
    "activity",
    "host_country",
)
OPTIONAL = (
    "citizenship",
    "language_score",
    "degree_abroad",
    "previous_mobilities",
    "years_of_service",
    "claims",
    "department",
    "email",
    "host_institution",
    "host_erasmus_code",
    "host_city",
    "start_date",
    "end_date",
    "person_id",
)
COLUMNS = REQUIRED + OPTIONAL
# what a selected candidate's mobility still needs, which may change after the ranking
PLANNING = ("email", "host_institution", "host_erasmus_code", "host_city", "start_date", "end_date")
_YES = {"yes", "y", "true", "1", "evet", "e", "x", "var"}
_NO = {"no", "n", "false", "0", "hayır", "hayir", "h", "yok", ""}
_NUMBER = re.compile(r"^[+-]?\d{1,6}([.,]\d{1,4})?$")
_ALIASES = {"EL": "GR", "UK": "GB"}
_IDENTIFIER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,99}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Application:
    application_id: str
    given_names: str
    surname: str
    category: str
    activity: str
    host_country: str
    citizenship: str | None = None
    language_score: float | None = None
    degree_abroad: bool = False
    previous_mobilities: int = 0
    years_of_service: float = 0.0
    claims: frozenset[str] = frozenset()
    department: str | None = None
    email: str | None = None
    host_institution: str | None = None
    host_erasmus_code: str | None = None
    host_city: str | None = None
    # the planned activity's first and last day, once known (ISO dates)
    start_date: str | None = None
    end_date: str | None = None
    person_id: str | None = None
    row: int | None = None
    # what docservice knows beyond the sheet: an acceptance letter given at application, as
    # its check read it ({"digital_skills": True, ...}), and whether its host is a partner
    letter: dict[str, Any] | None = None
    partner: bool | None = None
    history: tuple[str, ...] = ()  # earlier mobilities from docservice's own record, in words
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.surname}"

    def to_dict(self) -> dict[str, Any]:
        """The application as a sheet row (and as JSON)."""
        data: dict[str, Any] = {key: getattr(self, key) for key in COLUMNS}
        data["claims"] = ";".join(sorted(self.claims))
        return {**self.extra, **data}

    def changed(self, **values: Any) -> Application:
        return replace(self, **values)


class SheetProblems(InputError):
    """A sheet of applications with wrong cells; ``details`` names each by row and column."""

    code = "invalid_applications"

    def __init__(self, message: str, **kwargs: Any) -> None:
        details = kwargs.get("details") or []
        kwargs.setdefault("headline", headline(details))
        super().__init__(message, **kwargs)


def problem(row: int | None, column: str, message: Phrase) -> dict[str, Any]:
    where = say("row %(row)d, %(column)s", row=row, column=column) if row else column
    return {"key": where, "row": row, "column": column, "message": message}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_day(value: Any) -> bool:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _number(text: str) -> float | None:
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def _country(text: str) -> str | None:
    code = _ALIASES.get(text.upper(), text.upper())
    return code if code in known_countries() else None


def parse_application(cells: dict[str, Any], row: int | None = None) -> Application:
    """One application from its cells (column → value); every wrong cell is named."""
    problems: list[dict[str, Any]] = []
    text = {key: _text(value) for key, value in cells.items()}

    def bad(column: str, message: Phrase) -> None:
        problems.append(problem(row, column, message))

    for column in REQUIRED:
        if not text.get(column):
            bad(column, say("is required"))
    if text.get("application_id") and not _IDENTIFIER.match(text["application_id"]):
        bad(
            "application_id",
            say("may hold letters, digits and - _ . only (as in 2025-STA-001)"),
        )
    for column in COLUMNS:
        if len(text.get(column, "")) > 300:
            bad(column, say("is longer than %(max_length)s characters", max_length=300))
    category = text.get("category", "").lower()
    if category and category not in CATEGORIES:
        bad("category", say("must be academic or administrative, not %(value)s", value=category))
    activity = text.get("activity", "").lower()
    if activity and activity not in ACTIVITIES:
        bad("activity", say("must be teaching or training, not %(value)s", value=activity))
    host = _country(text.get("host_country", ""))
    if text.get("host_country") and host is None:
        bad(
            "host_country",
            say(
                "%(value)s is not an ISO 3166-1 alpha-2 country code (write DE for Germany, "
                "TR for Türkiye)",
                value=repr(text["host_country"]),
            ),
        )
    citizenship = _country(text.get("citizenship", "")) if text.get("citizenship") else None
    if text.get("citizenship") and citizenship is None:
        bad(
            "citizenship",
            say(
                "%(value)s is not an ISO 3166-1 alpha-2 country code (write DE for Germany, "
                "TR for Türkiye)",
                value=repr(text["citizenship"]),
            ),
        )
    language = None
    if text.get("language_score"):
        language = _number(text["language_score"])
        if language is None:
            bad("language_score", say("must be a number"))
        elif not 0 <= language <= 100:
            bad(
                "language_score",
                say("must be a score from 0 to 100, not %(value)s", value=text["language_score"]),
            )
            language = None
    degree = text.get("degree_abroad", "").lower()
    if degree not in _YES and degree not in _NO:
        bad("degree_abroad", say("must be yes or no (evet or hayır)"))
    previous = 0
    if text.get("previous_mobilities"):
        number = _number(text["previous_mobilities"])
        if number is None or not number.is_integer() or not 0 <= number <= 100:
            bad("previous_mobilities", say("must be a whole number from 0 to 100"))
        else:
            previous = int(number)
    years = 0.0
    if text.get("years_of_service"):
        number = _number(text["years_of_service"])
        if number is None or not 0 <= number <= 70:
            bad("years_of_service", say("must be a number of years from 0 to 70"))
        else:
            years = number
    days: dict[str, str | None] = {}
    for column in ("start_date", "end_date"):
        value = cell_value(column, cells.get(column)) if text.get(column) else None
        if value is not None and not _is_day(value):
            bad(column, say("must be a date written YYYY-MM-DD"))
            value = None
        days[column] = value
    if days["start_date"] and days["end_date"] and days["end_date"] < days["start_date"]:
        bad("end_date", say("is before the start date (%(start)s)", start=days["start_date"]))
    claims = {c.strip().lower() for c in re.split(r"[;,]", text.get("claims", "")) if c.strip()}
    for claim in sorted(claims - set(CLAIMS)):
        bad(
            "claims",
            say(
                "%(claim)s is not a claim the rules know (%(known)s)",
                claim=repr(claim),
                known=", ".join(CLAIMS),
            ),
        )
    if problems:
        raise SheetProblems(summary(problems), details=problems)
    known = set(COLUMNS)
    extra = {k: v for k, v in cells.items() if k and k not in known and v not in (None, "")}
    return Application(
        application_id=text["application_id"],
        given_names=text["given_names"],
        surname=text["surname"],
        category=category,
        activity=activity,
        host_country=host or "",
        citizenship=citizenship,
        language_score=language,
        degree_abroad=degree in _YES and degree != "",
        previous_mobilities=previous,
        years_of_service=years,
        claims=frozenset(claims),
        department=text.get("department") or None,
        email=text.get("email") or None,
        host_institution=text.get("host_institution") or None,
        host_erasmus_code=text.get("host_erasmus_code") or None,
        host_city=text.get("host_city") or None,
        start_date=days["start_date"],
        end_date=days["end_date"],
        person_id=text.get("person_id") or None,
        row=row,
        extra=extra,
    )


def headline(problems: list[dict[str, Any]]) -> Phrase:
    if len(problems) == 1:
        return say("The sheet has a problem; nothing was imported:")
    return say("The sheet has %(count)d problems; nothing was imported:", count=len(problems))


def summary(problems: list[dict[str, Any]]) -> str:
    listing = "; ".join(f"{p['key']}: {p['message']}" for p in problems)
    return f"{headline(problems)[:-1]}: {listing}."


def collect(rows: Iterable[tuple[int, dict[str, Any]]], origin: str) -> list[Application]:
    """The applications of numbered rows (column → cell), or :class:`SheetProblems` naming
    every wrong cell and every application id given twice."""
    applications: list[Application] = []
    problems: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for number, cells in rows:
        if len(applications) + len(problems) >= MAX_ROWS:
            raise InputError(f"{origin} has more than {MAX_ROWS} rows; split it.")
        identifier = _text(cells.get("application_id"))
        earlier = first_row.setdefault(identifier, number) if identifier else number
        if earlier != number:
            problems.append(
                problem(
                    number,
                    "application_id",
                    say(
                        "%(id)s is already the application of row %(row)d",
                        id=identifier,
                        row=earlier,
                    ),
                )
            )
        try:
            applications.append(parse_application(cells, number))
        except SheetProblems as exc:
            problems.extend(exc.details)
    if problems:
        raise SheetProblems(summary(problems), details=problems)
    return applications


def read_applications(data: bytes, filename: str) -> list[Application]:
    """Every application of the sheet, or :class:`SheetProblems` naming every wrong cell."""
    raw = sheet_rows(data, filename, "applications")
    try:
        header = [_text(h).lstrip("\ufeff").lower() for h in next(raw)]
    except StopIteration:
        raise UnreadableInput(f"{filename} is empty.") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        absent = [problem(None, c, say("column is missing")) for c in missing]
        raise SheetProblems(
            summary(absent),
            details=absent,
            hint=f"The first row names the columns: {', '.join(COLUMNS)}.",
        )
    rows = (
        (number, {key: value for key, value in zip(header, values, strict=False) if key})
        for number, values in enumerate(raw, start=2)
        if any(_text(v) != "" for v in values)
    )
    applications = collect(rows, filename)
    if not applications:
        raise UnreadableInput(f"{filename} has a header but no applications.")
    return applications
