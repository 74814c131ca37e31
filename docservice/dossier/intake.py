"""What the office's own records must also hold before they open or change a dossier, beyond the
record's rules (``docservice.mobility``): cities the gazetteer knows (or the institution's
coordinates), an IBAN whose check digits hold (ISO 13616) and, when the policy names one, at the
bank grants are paid into, and no second dossier of the same person for the same days.

The office's sheet and its record form are held to these, each problem named by its key as the
record's own are. The API's ``POST /mobilities`` takes a record as the contract says; its dossier
shows a city it cannot place as a grant that cannot be computed yet.

An import is planned before it is done: each row is new, unchanged, a change to a dossier (key by
key), or wrong (with why); doing it creates the new ones and, when asked, applies the changes.
A sheet's empty cell never clears what a dossier holds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from stdnum import iban as iban_numbers
from stdnum.exceptions import InvalidChecksum, InvalidLength

from checkers.text import fold
from docservice.dossier.records import Actor
from docservice.errors import UnknownPlace, say
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility, known_countries, parse_mobility
from docservice.projects.model import ProjectDates, project_problems
from docservice.tabular import Row

_IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$")
TURKISH_IBAN_LENGTH = 26


def iban_problem(value: str, bank: str | None = None, bank_name: str | None = None) -> Any:
    """What is wrong with an IBAN, or None. ``bank``: the five-digit code a Turkish account
    must be at (the policy's ``payment_bank``)."""
    compact = iban_numbers.compact(value)
    if not _IBAN_SHAPE.match(compact):
        return say(
            "is not an IBAN: it starts with the country's two letters and two check digits "
            "(a Turkish one is TR and 24 digits)"
        )
    if compact.startswith("TR") and len(compact) != TURKISH_IBAN_LENGTH:
        return say(
            "has %(count)d characters; a Turkish IBAN has %(length)d (TR and 24 digits)",
            count=len(compact),
            length=TURKISH_IBAN_LENGTH,
        )
    try:
        iban_numbers.validate(compact)
    except InvalidChecksum:
        return say(
            "is not a valid IBAN: its check digits do not match the rest (ISO 13616), so a "
            "character is wrong or missing; copy it again from the bank's statement"
        )
    except InvalidLength:
        return say("is not a valid IBAN: it is too long or too short for its country")
    except Exception:  # stdnum's other kinds: a country it does not know, a wrong format
        return say("is not a valid IBAN of the country its first two letters name")
    if bank and compact[4:9] != bank:
        if not compact.startswith("TR"):
            return say(
                "is not a Turkish account; grants are paid into a Turkish account at %(bank)s",
                bank=bank_name or bank,
            )
        return say(
            "is not an account at %(bank)s (bank code %(code)s), the bank grants are paid into",
            bank=bank_name or bank,
            code=bank,
        )
    return None


def person(mobility: Mobility) -> str:
    """Who the record is about, as names are matched (``Şükrü Öztürk`` = ``SUKRU OZTURK``)."""
    return fold(f"{mobility.participant.given_names} {mobility.participant.surname}")


@dataclass(frozen=True)
class Stay:
    """A person's mobility already on file, or on an earlier row of the sheet."""

    reference: str
    person: str
    start: dt.date
    end: dt.date
    row: int | None = None  # the sheet's row, for one not yet stored

    @classmethod
    def of(cls, mobility: Mobility, row: int | None = None) -> Stay:
        return cls(
            mobility.reference, person(mobility), mobility.start_date, mobility.end_date, row
        )


class Intake:
    """The problems of records about to be stored, against the dossiers on file."""

    def __init__(
        self,
        grants: GrantEngine,
        records: list[dict[str, Any]],
        project_dates: ProjectDates | None = None,
    ) -> None:
        self.grants = grants
        self.project_dates = project_dates
        self.stays: list[Stay] = []
        for record in records:
            try:
                self.stays.append(Stay.of(parse_mobility(record)))
            except Exception:  # a stored record of an older shape names no stay
                continue

    def field_problems(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """The cities and the IBAN of a record, read as they are: they are named even when
        the record has other mistakes."""
        out: list[dict[str, Any]] = []
        for side in ("sending", "receiving"):
            place = record.get(side)
            if not isinstance(place, dict) or not isinstance(place.get("city"), str):
                continue
            country = str(place.get("country") or "").strip().upper()
            if country not in known_countries():
                continue  # the record's own rules name a wrong country
            lat, lon = place.get("lat"), place.get("lon")
            if isinstance(lat, int | float) and isinstance(lon, int | float):
                continue
            try:
                self.grants.gazetteer.find(place["city"].strip(), country)
            except UnknownPlace as exc:
                out.append({"key": f"{side}.city", "message": exc.message})
        participant = record.get("participant")
        iban = participant.get("iban") if isinstance(participant, dict) else None
        if isinstance(iban, str) and iban.strip():
            policy = self.grants.policy
            wrong = iban_problem(iban, policy.payment_bank, policy.payment_bank_name)
            if wrong is not None:
                out.append({"key": "participant.iban", "message": wrong})
        if self.project_dates is not None:
            out += project_problems(record, self.project_dates)
        return out

    def problems(
        self, mobility: Mobility, before: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """What is wrong with ``mobility``; ``before``: the dossier's record it changes (a
        person whose name and days do not change is not asked again about other dossiers)."""
        out = self.field_problems(mobility.model_dump(mode="json"))
        me = Stay.of(mobility)
        if before is not None and _same_stay(before, me):
            return out
        for other in self.stays:
            if (
                other.reference != me.reference
                and other.person == me.person
                and other.start <= me.end
                and me.start <= other.end
            ):
                message = (
                    say(
                        "the same person has a mobility on those days on row %(row)d "
                        "(%(reference)s, %(start)s to %(end)s)",
                        row=other.row,
                        reference=other.reference,
                        start=other.start,
                        end=other.end,
                    )
                    if other.row is not None
                    else say(
                        "the same person already has a dossier for those days (%(reference)s, "
                        "%(start)s to %(end)s)",
                        reference=other.reference,
                        start=other.start,
                        end=other.end,
                    )
                )
                out.append({"key": "start_date", "message": message})
                break
        return out

    def add(self, mobility: Mobility, row: int | None = None) -> None:
        self.stays = [s for s in self.stays if s.reference != mobility.reference]
        self.stays.append(Stay.of(mobility, row))


def _same_stay(record: dict[str, Any], stay: Stay) -> bool:
    try:
        old = Stay.of(parse_mobility(record))
    except Exception:  # a stored record of an older shape
        return False
    return (old.person, old.start, old.end) == (stay.person, stay.start, stay.end)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def merged(stored: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """``stored`` with the keys ``given`` fills replaced; what it leaves out is kept."""
    out = dict(stored)
    for key, value in given.items():
        inner = out.get(key)
        out[key] = (
            merged(inner, value) if isinstance(value, dict) and isinstance(inner, dict) else value
        )
    return out


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The keys whose values differ, in the new record's order: ``{key, old, new}``."""
    before, after = flatten(old), flatten(new)
    keys = list(after) + [k for k in before if k not in after]
    return [
        {"key": k, "old": before.get(k), "new": after.get(k)}
        for k in keys
        if before.get(k) != after.get(k)
    ]


@dataclass
class Plan:
    """What importing a sheet does, row by row."""

    created: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    existing: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # the records to store: (row, mobility, dossier id or None for a new one)
    work: list[tuple[int, Mobility, str | None]] = field(default_factory=list)

    def summary(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "created": self.created,
            "updated": self.updated,
            "existing": self.existing,
            "errors": self.errors,
        }


def with_fields(
    problems: list[dict[str, Any]], intake: Intake, record: dict[str, Any]
) -> list[dict[str, Any]]:
    """A wrong record's problems, and those of its cities and IBAN the rules did not name."""
    named = {p["key"] for p in problems}
    return problems + [p for p in intake.field_problems(record) if p["key"] not in named]


def _error(row: Row, problems: list[dict[str, Any]]) -> dict[str, Any]:
    listing = "; ".join(f"{p['key']}: {p['message']}" for p in problems)
    return {"row": row.number, "reference": row.reference, "message": listing, "problems": problems}


def plan(rows: list[Row], intake: Intake, on_file: dict[str, tuple[str, dict[str, Any]]]) -> Plan:
    """Each row of a sheet: a new dossier, a change to one (``on_file``: reference → id and
    stored record), one unchanged, or an error. Nothing is stored."""
    out = Plan()
    seen: dict[str, int] = {}
    for row in rows:
        if row.mobility is None:
            out.errors.append(_error(row, with_fields(row.problems, intake, row.record)))
            continue
        reference = row.mobility.reference
        if reference in seen:
            problem = say("the reference is on row %(row)d already", row=seen[reference])
            out.errors.append(_error(row, [{"key": "reference", "message": problem}]))
            continue
        seen[reference] = row.number
        stored = on_file.get(reference)
        mobility = row.mobility
        if stored is not None:
            try:
                mobility = parse_mobility(merged(stored[1], row.record))
            except Exception as exc:
                out.errors.append(_error(row, getattr(exc, "details", []) or row.problems))
                continue
        problems = intake.problems(mobility, stored[1] if stored else None)
        if stored is not None:  # what the sheet leaves as the dossier has it is not its mistake
            kept = flatten(stored[1])
            given = flatten(row.record)
            problems = [p for p in problems if p["key"] in given or p["key"] not in kept]
        if problems:
            out.errors.append(_error(row, problems))
            continue
        intake.add(mobility, row.number)
        line: dict[str, Any] = {
            "row": row.number,
            "reference": reference,
            "participant": mobility.participant.full_name,
        }
        if stored is None:
            out.created.append(line)
            out.work.append((row.number, mobility, None))
            continue
        line["id"] = stored[0]
        diff = changes(stored[1], mobility.model_dump(mode="json", exclude_none=True))
        if diff:
            out.updated.append({**line, "changes": diff})
            out.work.append((row.number, mobility, stored[0]))
        else:
            out.existing.append(line)
    return out


def carry_out(plan_: Plan, dossiers: Any, actor: Actor, *, update: bool) -> dict[str, Any]:
    """Store what ``plan_`` found: the new dossiers, and the changes when ``update``; without
    it a changed dossier is listed under ``existing`` with its changes, left as it is."""
    result = plan_.summary()
    created = {line["row"]: line for line in plan_.created}
    for number, mobility, mobility_id in plan_.work:
        if mobility_id is None:
            created[number]["id"] = dossiers.create(mobility, actor)["id"]
        elif update:
            dossiers.replace(mobility_id, mobility, actor)
    if not update:
        result["existing"] = sorted(plan_.existing + plan_.updated, key=lambda r: r["row"])
        result["updated"] = []
    return result
