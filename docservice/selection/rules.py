"""Selection rule sets: how one institution ranks one call's applications, as a data file.

A rule set is a TOML file naming its source (the call's announcement), like the rate tables: the
language score's minimum and the score a degree abroad counts as, who may apply for which
activity, the points each proven claim adds or takes away and when, the order of the ranking and
the places (total, per country or region, per department). The shipped ones live in ``rules/``
beside this module (``ktu-2025`` from seed 004, ``atauni-2021`` from seed 003); an office gives
the path of its own. Nothing is read at import.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docservice.errors import (
    ConfigurationError,
    DocserviceError,
    InputError,
    UnknownRuleSet,
)

SHIPPED_DIR = Path(__file__).parent / "rules"

Category = Literal["academic", "administrative"]
Activity = Literal["teaching", "training"]
OrderKey = Literal["previous_mobilities", "score", "language", "years_of_service"]
CATEGORIES: tuple[str, ...] = get_args(Category)
ACTIVITIES: tuple[str, ...] = get_args(Activity)
Claim = Literal[
    "disability",
    "veteran_family",
    "disaster_victim",
    "acceptance_letter",
    "digital_skills",
    "artificial_intelligence",
    "no_show",
]
# the claims a sheet may list (interface §6); a rule set gives each its points
CLAIMS: tuple[str, ...] = get_args(Claim)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Language(_Strict):
    minimum: Annotated[float, Field(ge=0, le=100)] = 0
    degree_abroad: Annotated[float | None, Field(ge=0, le=100)] = None


class Points(_Strict):
    """Points added (or, negative, taken away) when every condition holds."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
    points: Annotated[float, Field(ge=-100, le=100)]
    claim: Claim | None = None  # the applicant claimed it and gave its proof
    category: Category | None = None
    activity: Activity | None = None
    host_is_citizenship: bool = False  # going to a country whose citizen the applicant is
    needs: Claim | None = None  # another claim these points depend on
    letter_says: Literal["digital_skills", "artificial_intelligence"] | None = None
    rule: str = ""  # the announcement's words


class Places(_Strict):
    per_department: Annotated[int | None, Field(ge=1)] = None
    country: dict[str, Annotated[int, Field(ge=0)]] = {}
    region: dict[str, Annotated[int, Field(ge=0)]] = {}


class Order(_Strict):
    by: list[OrderKey] = [
        "score",
        "years_of_service",
    ]


class Letters(_Strict):
    at_application_partners_only: bool = False
    reserves_ignore_department: bool = True


class History(_Strict):
    # count only earlier mobilities of the call's own kind (KA171 and KA107 for a KA171
    # call; KA131 and KA103 for a KA131 call), as KTÜ counts "KA171 hareketlilikleri"
    same_action: bool = False


class RuleSet(_Strict):
    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,60}$")]
    title: str
    title_tr: str | None = None
    source: Annotated[str, Field(min_length=10)]
    source_tr: str | None = None
    quota: Annotated[int | None, Field(ge=0, le=100_000)] = None
    language: Language = Language()
    eligible: dict[Activity, list[Category]] = {
        "teaching": ["academic"],
        "training": ["academic", "administrative"],
    }
    order: Order = Order()
    places: Places = Places()
    letters: Letters = Letters()
    history: History = History()
    points: list[Points] = []

    def title_in(self, lang: str) -> str:
        return self.title_tr if lang == "tr" and self.title_tr else self.title

    def source_in(self, lang: str) -> str | None:
        """The source in ``lang``; None where a Turkish page would have to show English."""
        if lang == "tr":
            return self.source_tr
        return self.source

    def with_quota(self, quota: int | None) -> RuleSet:
        return self if quota is None else self.model_copy(update={"quota": quota})


def shipped_names() -> list[str]:
    return sorted(path.stem for path in SHIPPED_DIR.glob("*.toml"))


def parse_rules(
    text: str, origin: str, error: type[DocserviceError] = ConfigurationError
) -> RuleSet:
    """A rule set from TOML text; a mistake (an ``error``: the service's configuration by
    default, the caller's input for an uploaded one) names the key and the file."""
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"The rule set {origin} is not valid TOML: {exc}.") from None
    try:
        rules = RuleSet.model_validate(values)
    except ValidationError as exc:
        wrong = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        )
        raise error(
            f"The rule set {origin} has wrong keys: {wrong}.",
            hint="Compare it with a shipped rule set (docservice/selection/rules/ktu-2025.toml).",
        ) from None
    ids = [p.id for p in rules.points]
    if len(set(ids)) != len(ids):
        raise error(f"The rule set {origin} gives the same points id twice.")
    for points in rules.points:
        if not (points.claim or points.category or points.activity or points.host_is_citizenship):
            raise error(
                f"The rule set {origin}: points {points.id!r} have no condition (give claim, "
                "category, activity or host_is_citizenship)."
            )
    return rules


def load_rules(name_or_path: str) -> RuleSet:
    """A shipped rule set by its name (``ktu-2025``), or the rule-set file at a path."""
    shipped = SHIPPED_DIR / f"{name_or_path}.toml"
    path = shipped if "/" not in name_or_path and shipped.is_file() else Path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise UnknownRuleSet(
            f"No rule set {name_or_path!r}: give the path of a rule-set TOML file or the name "
            f"of a shipped one ({', '.join(shipped_names())})."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"The rule set {path} cannot be read: {exc}.") from None
    return parse_rules(text, str(path) if path != shipped else name_or_path)
