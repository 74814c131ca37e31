"""The ranking of one call: every application scored, ordered by the rule set's order and placed
on the main list while places last (in total, per country or region, per department), the rest
on the reserve list; each entry says why it stands where it does.

Pure functions of data: :func:`rank` makes the lists, :mod:`docservice.selection.steps` moves
people between them (the acceptance-letter deadline's rules a/b/c, withdrawals).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from docservice.errors import Country, Phrase, from_data, say, to_data
from docservice.grants.tables import TableSet
from docservice.selection.applications import Application
from docservice.selection.rules import RuleSet
from docservice.selection.scoring import assess

LISTS = ("main", "reserve", "dropped", "withdrawn", "ineligible")


@dataclass
class Entry:
    application: Application
    standing: str  # main, reserve, dropped, withdrawn or ineligible ("list" in JSON)
    score: float | None
    parts: dict[str, float]
    reason: Phrase
    notes: list[Phrase] = field(default_factory=list)
    position: int | None = None  # place in the ranking's order among the eligible, from 1
    rank: int | None = None  # place within its list, from 1 (main and reserve only)
    letter: bool | None = None  # an acceptance letter delivered by the deadline, once known

    @property
    def id(self) -> str:
        return self.application.application_id

    def to_dict(self) -> dict[str, Any]:
        """The entry as ``docservice select --json`` prints it (interface §6), and more."""
        app = self.application
        return {
            "application_id": self.id,
            "list": self.standing,
            "rank": self.rank,
            "score": self.score,
            "parts": dict(self.parts),
            "reason": str(self.reason),
            "notes": [str(n) for n in self.notes],
            "name": app.name,
            "host_country": app.host_country,
            "previous_mobilities": app.previous_mobilities,
            "years_of_service": app.years_of_service,
            "letter": self.letter,
        }

    def to_data(self) -> dict[str, Any]:
        """As the database keeps it: its phrases with their templates, for every language."""
        return {
            "application_id": self.id,
            "list": self.standing,
            "score": self.score,
            "parts": self.parts,
            "reason": to_data(self.reason),
            "notes": [to_data(n) for n in self.notes],
            "position": self.position,
            "rank": self.rank,
            "letter": self.letter,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any], application: Application) -> Entry:
        return cls(
            application=application,
            standing=data["list"],
            score=data["score"],
            parts=dict(data["parts"]),
            reason=from_data(data["reason"]),
            notes=[from_data(n) for n in data["notes"]],
            position=data["position"],
            rank=data["rank"],
            letter=data["letter"],
        )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class Seats:
    """The places of a call as they are taken: in total, per country, per region and per
    department; :meth:`why_not` says which limit keeps an application off the main list."""

    def __init__(self, rules: RuleSet, region_of: Mapping[str, str] | None = None) -> None:
        self.rules = rules
        self.region_of = region_of or {}
        self.total = 0
        self.countries: Counter[str] = Counter()
        self.regions: Counter[str] = Counter()
        self.departments: dict[str, list[Application]] = {}

    def _department(self, app: Application) -> str | None:
        return app.department.strip().casefold() if app.department else None

    def why_not(self, app: Application, *, ignore_department: bool = False) -> Phrase | None:
        rules, places = self.rules, self.rules.places
        if rules.quota is not None and self.total >= rules.quota:
            return say("the %(quota)d places go to applicants ranked higher", quota=rules.quota)
        limit = places.country.get(app.host_country)
        if limit is not None and self.countries[app.host_country] >= limit:
            return say(
                "the %(places)d places in %(country)s go to applicants ranked higher",
                places=limit,
                country=Country(app.host_country),
            )
        region = self.region_of.get(app.host_country)
        limit = places.region.get(region) if region else None
        if region and limit is not None and self.regions[region] >= limit:
            return say(
                "the %(places)d places of partner region %(region)s go to applicants ranked higher",
                places=limit,
                region=region,
            )
        department = self._department(app)
        taken = self.departments.get(department or "", [])
        if (
            places.per_department is not None
            and department
            and not ignore_department
            and len(taken) >= places.per_department
        ):
            return say(
                "%(places)d place per department: %(other)s of %(department)s ranks higher",
                places=places.per_department,
                other=taken[0].name,
                department=app.department,
            )
        return None

    def take(self, app: Application) -> None:
        self.total += 1
        self.countries[app.host_country] += 1
        region = self.region_of.get(app.host_country)
        if region:
            self.regions[region] += 1
        department = self._department(app)
        if department:
            self.departments.setdefault(department, []).append(app)


def order_key(entry: Entry, rules: RuleSet) -> tuple[float, ...]:
    app = entry.application
    key: list[float] = []
    for name in rules.order.by:
        if name == "previous_mobilities":
            key.append(app.previous_mobilities)
        elif name == "score":
            key.append(-(entry.score or 0.0))
        elif name == "language":
            key.append(-(next(iter(entry.parts.values()), 0.0)))
        else:
            key.append(-app.years_of_service)
    return tuple(key)


def seat_reason(entry: Entry, rules: RuleSet) -> Phrase:
    if rules.quota is None:
        return say("eligible, and the call sets no number of places")
    return say("within the %(quota)d places", quota=rules.quota)


def rank(
    applications: Iterable[Application],
    rules: RuleSet,
    *,
    region_of: Mapping[str, str] | None = None,
) -> list[Entry]:
    """Every application once: the main list, then the reserve list, each in rank order, then
    the ineligible ones (interface §6)."""
    entries: list[Entry] = []
    for app in applications:
        a = assess(app, rules)
        a.notes[:0] = [n if isinstance(n, Phrase) else say(n) for n in app.history]
        if a.score is None:
            reason = a.ineligible or say("not eligible")
            entries.append(Entry(app, "ineligible", None, a.parts, reason, a.notes))
        else:
            entries.append(Entry(app, "reserve", a.score, a.parts, say("eligible"), a.notes))
    eligible = sorted(
        (e for e in entries if e.standing != "ineligible"), key=lambda e: order_key(e, rules)
    )
    _mark_ties(eligible, rules)
    seats = Seats(rules, region_of)
    for position, entry in enumerate(eligible, start=1):
        entry.position = position
        why = seats.why_not(entry.application)
        if why is None:
            seats.take(entry.application)
            entry.standing, entry.reason = "main", seat_reason(entry, rules)
        else:
            entry.reason = why
    return ordered(entries)


def _mark_ties(eligible: list[Entry], rules: RuleSet) -> None:
    """Applications equal on every rule are placed in the sheet's order, and each says so."""
    for before, after in pairwise(eligible):
        if order_key(before, rules) == order_key(after, rules):
            for entry, other in ((before, after), (after, before)):
                entry.notes.append(
                    say(
                        "tied with %(other)s on every rule of the ranking: the sheet's order "
                        "placed them, and the office decides",
                        other=other.application.name,
                    )
                )


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Entries in the order of the lists, ranks counted again within main and reserve."""
    items = list(entries)
    result: list[Entry] = []
    for name in LISTS:
        members = [e for e in items if e.standing == name]
        if name in ("main", "reserve"):
            members.sort(key=lambda e: e.position or 0)
            for number, entry in enumerate(members, start=1):
                entry.rank = number
        else:
            for entry in members:
                entry.rank = None
        result.extend(members)
    return result


def partner_regions(tables: TableSet) -> dict[str, str]:
    """Country → partner region, from the latest rate tables that have them (for places per
    region)."""
    with_regions = [t for t in tables.rate_tables if t.regions is not None]
    if not with_regions:
        return {}
    latest = max(with_regions, key=lambda t: t.call)
    return dict(latest.regions.region_of) if latest.regions else {}


def summary(entries: Iterable[Entry]) -> dict[str, int]:
    counts = Counter(e.standing for e in entries)
    return {name: counts.get(name, 0) for name in LISTS}
