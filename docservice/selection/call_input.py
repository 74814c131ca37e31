"""A call as the office describes it (the API's body, the page's form), validated once: its
name, action and year, rule set, places, budget, deadlines and planned mobility."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from docservice.errors import say
from docservice.mobility import Action, known_countries
from docservice.selection import planning

Name = Annotated[str, Field(min_length=1, max_length=200)]


def _not_a_boolean(value: object) -> object:
    """A number is written as one (or, from a form, as its digits), never as true or false."""
    if isinstance(value, bool):
        raise ValueError(say("must be a number, not true or false"))
    return value


Whole = Annotated[int, BeforeValidator(_not_a_boolean)]
Amount = Annotated[float, BeforeValidator(_not_a_boolean)]


class CallPlaces(BaseModel):
    model_config = ConfigDict(extra="forbid")
    country: dict[str, Annotated[Whole, Field(ge=0, le=100_000)]] = Field(
        default_factory=dict, max_length=300
    )
    region: dict[str, Annotated[Whole, Field(ge=0, le=100_000)]] = Field(
        default_factory=dict, max_length=30
    )

    @field_validator("country")
    @classmethod
    def _countries(cls, value: dict[str, int]) -> dict[str, int]:
        codes = {code.strip().upper(): n for code, n in value.items()}
        unknown = sorted(code for code in codes if code not in known_countries())
        if unknown:
            raise ValueError(
                say("%(codes)s: not ISO 3166-1 alpha-2 country codes", codes=", ".join(unknown))
            )
        return codes

    @field_validator("region")
    @classmethod
    def _regions(cls, value: dict[str, int]) -> dict[str, int]:
        wrong = sorted(r for r in value if not (r.isdigit() and 1 <= int(r) <= 14))
        if wrong:
            raise ValueError(say("partner regions are numbered 1 to 14"))
        return value


class CallIn(BaseModel):
    """A call as the office describes it (the API's body, the page's form)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Name
    action: Action
    call_year: Annotated[Whole, Field(ge=2014, le=2100)]
    rules: Annotated[str, Field(min_length=1, max_length=80)] = "ktu-2025"
    quota: Annotated[Whole | None, Field(ge=0, le=100_000)] = None
    places: CallPlaces = Field(
        default_factory=lambda: CallPlaces(),
        description="the call's own places per country or partner region, over the rule set's",
    )
    budget: Annotated[Amount | None, Field(ge=0, le=100_000_000)] = None
    applications_close: dt.date | None = None
    letters_due: dt.date | None = None
    project: Annotated[str | None, Field(max_length=60)] = None
    days: Annotated[Whole, Field(ge=1, le=60)] = planning.DEFAULT_DAYS
    start_date: dt.date | None = None
    travel_days: Annotated[Whole, Field(ge=0, le=2)] = 0


def call_values(call: CallIn, rules_text: str) -> dict[str, Any]:
    return {
        "name": call.name,
        "action": call.action.value,
        "call_year": call.call_year,
        "rules_name": call.rules,
        "rules_text": rules_text,
        "quota": call.quota,
        "places": call.places.model_dump(exclude_defaults=True),
        "budget": call.budget,
        "applications_close": call.applications_close,
        "letters_due": call.letters_due,
        "project": call.project or None,
        "partners": [],
        "plan": {
            "days": call.days,
            "start_date": call.start_date.isoformat() if call.start_date else None,
            "travel_days": call.travel_days,
        },
    }
