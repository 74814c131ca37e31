"""A project as the office describes it: its number (the grant agreement's, e.g.
2023-1-TR01-KA171-HED-000167432), action, call year, dates, budget in total and per line (a
country code, an activity, or a partner region as "region 2"), and the policy keys where its
rules differ from the institution's (seed 003's KA103 paying 2–4 days, travel included)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from docservice.errors import Day, say
from docservice.mobility import Action

NUMBER = re.compile(r"^(?P<year>20\d\d)-\d-[A-Z]{2}\d{2}-(?P<action>KA\d{3})(-[A-Z]{3})?-\d{5,9}$")
# the policy keys a project may set for itself (docservice/grants/policy.py)
POLICY_KEYS = (
    "staff_min_days",
    "staff_max_funded_days",
    "student_min_days",
    "student_max_months",
    "prefinancing_share",
)


def _not_a_boolean(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(say("must be a number, not true or false"))
    return value


Amount = Annotated[float, BeforeValidator(_not_a_boolean)]
Whole = Annotated[int, BeforeValidator(_not_a_boolean)]


class ProjectIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    number: Annotated[
        str, Field(min_length=10, max_length=60, examples=["2023-1-TR01-KA171-HED-000167432"])
    ]
    action: Action
    call_year: Annotated[Whole, Field(ge=2014, le=2100)]
    start_date: dt.date
    end_date: dt.date
    budget: Annotated[Amount, Field(ge=0, le=100_000_000)]
    lines: dict[str, Annotated[Amount, Field(ge=0, le=100_000_000)]] = Field(
        default_factory=dict, max_length=200
    )
    policy: dict[str, Any] = Field(default_factory=dict, max_length=len(POLICY_KEYS))

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        if not NUMBER.match(value.upper()):
            raise ValueError(
                say(
                    "is not a project number such as 2023-1-TR01-KA171-HED-000167432 (year, "
                    "round, National Agency, key action, sector, number)"
                )
            )
        return value.upper()

    @field_validator("policy")
    @classmethod
    def _policy(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(POLICY_KEYS))
        if unknown:
            raise ValueError(
                say(
                    "%(keys)s: a project may set only %(known)s",
                    keys=", ".join(unknown),
                    known=", ".join(POLICY_KEYS),
                )
            )
        for key, number in value.items():
            if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
                raise ValueError(say("%(key)s must be a number", key=key))
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ProjectIn:
        if self.end_date < self.start_date:
            raise ValueError(say("the project ends before it starts"))
        found = NUMBER.match(self.number)
        if found and found.group("action") != self.action.value:
            raise ValueError(
                say(
                    "the number names %(named)s, the action is %(action)s",
                    named=found.group("action"),
                    action=self.action.value,
                )
            )
        # lines may cut the budget several ways (by country, by activity): each fits in it
        over = sorted(key for key, amount in self.lines.items() if amount > self.budget + 0.005)
        if over:
            raise ValueError(
                say("the budget line %(lines)s is more than the budget", lines=", ".join(over))
            )
        return self


def line_of(key: str, record: dict[str, Any], region: str | None) -> bool:
    """Whether a mobility (its record) falls under the budget line ``key``: a host country
    (``DE``), an activity (``teaching``) or a partner region (``region 2``)."""
    country = str((record.get("receiving") or {}).get("country") or "").upper()
    if key.upper() == country:
        return True
    if key == record.get("activity"):
        return True
    spaced = key.lower().replace("-", " ").split()
    return len(spaced) == 2 and spaced[0] == "region" and spaced[1] == region


ProjectDates = Any  # a callable: project number → (start, end, action), None for an unknown one


def project_problems(record: dict[str, Any], dates_of: ProjectDates) -> list[dict[str, Any]]:
    """What is wrong with a record's ``project``: a number no project has, or a mobility that
    does not fit in the project's dates (the Beneficiary Module refuses it)."""
    number = record.get("project")
    if number in (None, ""):
        return []
    if not isinstance(number, str):
        return [{"key": "project", "message": say("must be text")}]
    found = dates_of(number.strip().upper())
    if found is None:
        return [
            {
                "key": "project",
                "message": say(
                    "there is no project %(number)s; create the project first", number=number
                ),
            }
        ]
    start, end, action = found
    out = []
    if record.get("action") not in (None, action):
        out.append(
            {
                "key": "action",
                "message": say("is not the project's action (%(action)s)", action=action),
            }
        )
    first, last = record.get("start_date"), record.get("end_date")
    if isinstance(first, str) and first < start.isoformat():
        out.append(
            {
                "key": "start_date",
                "message": say("is before the project starts (%(day)s)", day=Day(start)),
            }
        )
    if isinstance(last, str) and last > end.isoformat():
        out.append(
            {
                "key": "end_date",
                "message": say("is after the project ends (%(day)s)", day=Day(end)),
            }
        )
    return out
