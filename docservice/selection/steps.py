"""What happens to a ranking after it is published, each as a step of pure data.

- :func:`letter_step`: the acceptance-letter deadline, one for main and reserve candidates (seed
  004). Whoever has no letter by then drops out; then (a) if every main candidate delivered, no
  reserve moves up; (b) if no more reserves delivered than places are empty, they all move up,
  whatever their department; (c) if more did, the reserves' ranking decides.
- :func:`withdraw`: a candidate withdraws; a main candidate's place goes to the first reserve
  who fits (and, after the letter step, delivered).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from docservice.errors import InputError, Phrase, say
from docservice.selection.ranking import Entry, Seats, ordered
from docservice.selection.rules import RuleSet


@dataclass
class StepResult:
    entries: list[Entry]
    rule: str | None = None  # "a", "b" or "c" for the letter step
    moved_up: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    summary: Phrase | None = None


def _seats(entries: list[Entry], rules: RuleSet, region_of: Mapping[str, str] | None) -> Seats:
    seats = Seats(rules, region_of)
    for entry in sorted(entries, key=lambda e: e.position or 0):
        if entry.standing == "main":
            seats.take(entry.application)
    return seats


def letter_step(
    entries: list[Entry],
    delivered: Collection[str],
    rules: RuleSet,
    *,
    region_of: Mapping[str, str] | None = None,
) -> StepResult:
    """Apply the acceptance-letter deadline: ``delivered`` holds the applications whose letter
    arrived in time (a letter given at application counts as delivered)."""
    unknown = set(delivered) - {e.id for e in entries}
    if unknown:
        raise InputError(say("No application %(id)s in this ranking.", id=repr(sorted(unknown)[0])))
    if any(e.letter is not None for e in entries if e.standing in ("main", "reserve")):
        raise InputError(
            say("The acceptance-letter deadline has already been applied to this call.")
        )
    result = StepResult(entries)
    for entry in entries:
        if entry.standing not in ("main", "reserve"):
            continue
        entry.letter = entry.id in delivered or "acceptance_letter" in entry.application.claims
        if not entry.letter:
            entry.standing = "dropped"
            entry.reason = say("no acceptance letter by the deadline")
            result.dropped.append(entry.id)
    seats = _seats(entries, rules, region_of)
    main = sum(1 for e in entries if e.standing == "main")
    empty = None if rules.quota is None else rules.quota - main
    reserves = sorted(
        (e for e in entries if e.standing == "reserve"), key=lambda e: e.position or 0
    )
    if empty == 0:
        result.rule = "a"
        result.summary = say(
            "rule (a): every main candidate delivered an acceptance letter; no reserve moves up"
        )
        for entry in reserves:
            entry.reason = say("reserve: every main candidate delivered, rule (a)")
    elif empty is None or len(reserves) <= empty:
        result.rule = "b"
        result.summary = say(
            "rule (b): %(count)d reserves delivered for %(empty)d empty places; they move up "
            "whatever their department",
            count=len(reserves),
            empty=empty if empty is not None else len(reserves),
        )
        _move_up(reserves, seats, rules, result, "b")
    else:
        result.rule = "c"
        result.summary = say(
            "rule (c): %(count)d reserves delivered for %(empty)d empty places; the ranking "
            "decides",
            count=len(reserves),
            empty=empty,
        )
        _move_up(reserves, seats, rules, result, "c")
    result.entries = ordered(entries)
    return result


def _move_up(
    reserves: list[Entry], seats: Seats, rules: RuleSet, result: StepResult, rule: str
) -> None:
    ignore = rule == "b" and rules.letters.reserves_ignore_department
    for entry in reserves:
        why = seats.why_not(entry.application, ignore_department=ignore)
        if why is None:
            seats.take(entry.application)
            entry.standing = "main"
            entry.reason = (
                say("moved up from the reserve list by rule (b)")
                if rule == "b"
                else say("moved up from the reserve list by rule (c): ranked highest")
            )
            result.moved_up.append(entry.id)
        else:
            entry.reason = why


def withdraw(
    entries: list[Entry],
    application_id: str,
    rules: RuleSet,
    *,
    region_of: Mapping[str, str] | None = None,
) -> StepResult:
    """``application_id`` withdraws; if it held a place, the first reserve who fits takes it."""
    entry = next((e for e in entries if e.id == application_id), None)
    if entry is None:
        raise InputError(say("No application %(id)s in this ranking.", id=repr(application_id)))
    if entry.standing not in ("main", "reserve"):
        raise InputError(
            say(
                "Application %(id)s is not on the main or the reserve list; only a candidate "
                "can withdraw.",
                id=repr(application_id),
            )
        )
    held = entry.standing == "main"
    entry.standing = "withdrawn"
    entry.reason = say("withdrew")
    result = StepResult(entries, dropped=[entry.id])
    if held:
        seats = _seats(entries, rules, region_of)
        for reserve in sorted(
            (e for e in entries if e.standing == "reserve"), key=lambda e: e.position or 0
        ):
            if reserve.letter is False:
                continue
            if seats.why_not(reserve.application) is None:
                seats.take(reserve.application)
                reserve.standing = "main"
                reserve.reason = say(
                    "moved up from the reserve list when %(other)s withdrew",
                    other=entry.application.name,
                )
                result.moved_up.append(reserve.id)
                break
    result.summary = (
        say(
            "%(name)s withdrew; %(other)s moves up",
            name=entry.application.name,
            other=next(e.application.name for e in entries if e.id == result.moved_up[0]),
        )
        if result.moved_up
        else say("%(name)s withdrew; no reserve moves up", name=entry.application.name)
    )
    result.entries = ordered(entries)
    return result
