"""Reconciliation: do the dates of a dossier's documents agree with each other and with the
mobility, and how long did the participant actually stay?

Each checker compares its own document with the mobility; this compares documents with each
other. The acceptance letter gives the period the host agreed to, the certificate of attendance
the period it confirms, and the travel evidence (boarding passes, passport stamps, the e-Devlet
record) when the participant arrived and left. The actual stay is the part of the planned
period that the certificate confirms and the journey allows: a certificate that runs past a
return flight does not make the stay longer, and nothing pays more than the grant agreement.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from checkers import Kind
from checkers.text import fold
from checkers.travel import airport
from docservice.mobility import Mobility

PASS, FAIL, REVIEW, PENDING = "pass", "fail", "review", "pending"
TRAVEL_KINDS = (Kind.BOARDING_PASS, Kind.PASSPORT_STAMPS, Kind.ENTRY_EXIT_RECORD)
# A flight overnight, or a border crossed just after midnight, moves a date by one day.
TRAVEL_SLACK_DAYS = 1


# The keys of a report's fields that the reconciliation reads, named here once, by what they
# say; the checkers write them (tests/dossier/test_rules.py runs each checker and finds them).
PERIOD = ("start_date", "end_date")  # the period a letter accepts or a certificate confirms
JOURNEY = ("outbound_date", "return_date")  # the arrival at the host and the departure home
CROSSINGS = "crossings"  # [{date, direction, gate}] of an entry/exit record
LEGS = "legs"  # [{from_airport, to_airport, flight_date, ...}] of boarding passes
READS: dict[str, tuple[str, ...]] = {
    Kind.ACCEPTANCE_LETTER: PERIOD,
    Kind.CERTIFICATE_OF_ATTENDANCE: PERIOD,
    Kind.BOARDING_PASS: (*JOURNEY, LEGS),
    Kind.PASSPORT_STAMPS: JOURNEY,
    Kind.ENTRY_EXIT_RECORD: (*JOURNEY, CROSSINGS),
}


@dataclass(frozen=True)
class Read:
    """What one uploaded document said, as far as reconciliation cares: its fields, read
    through the names above."""

    kind: str
    status: str  # its checklist status
    fields: dict[str, Any]

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        return self._date(PERIOD[0]), self._date(PERIOD[1])

    @property
    def journey(self) -> tuple[dt.date | None, dt.date | None]:
        return self._date(JOURNEY[0]), self._date(JOURNEY[1])

    @property
    def crossings(self) -> list[dict[str, Any]]:
        return [c for c in self.fields.get(CROSSINGS) or [] if isinstance(c, dict)]

    @property
    def legs(self) -> list[dict[str, Any]]:
        return [leg for leg in self.fields.get(LEGS) or [] if isinstance(leg, dict)]

    def _date(self, key: str) -> dt.date | None:
        value = self.fields.get(key)
        if not isinstance(value, str):
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None


@dataclass(frozen=True)
class Finding:
    id: str
    status: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "message": self.message,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Reconciliation:
    status: str  # pending, pass, review, fail
    findings: tuple[Finding, ...]
    actual_start: dt.date | None
    actual_end: dt.date | None
    basis: tuple[str, ...]  # the kinds the actual stay was read from

    @property
    def fingerprint(self) -> str:
        """Identifies these findings, so an officer's confirmation lapses when they change."""
        text = json.dumps([f.to_dict() for f in self.findings], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def needs_officer(self) -> bool:
        return self.status in (FAIL, REVIEW)

    def to_dict(self) -> dict[str, Any]:
        days = (
            (self.actual_end - self.actual_start).days + 1
            if self.actual_start and self.actual_end
            else None
        )
        return {
            "status": self.status,
            "checks": [f.to_dict() for f in self.findings],
            "actual": {
                "start_date": self.actual_start.isoformat() if self.actual_start else None,
                "end_date": self.actual_end.isoformat() if self.actual_end else None,
                "days": days,
                "from": list(self.basis),
            },
        }


def _d(day: dt.date | None) -> str:
    return day.strftime("%d %b %Y").lstrip("0") if day else "an unread date"


def _period(a: dt.date | None, b: dt.date | None) -> str:
    return f"{_d(a)} – {_d(b)}"


def _letter(m: Mobility, letter: Read) -> Finding | None:
    start, end = letter.period
    if start is None or end is None:
        return None
    evidence = {"acceptance_letter": {"start_date": str(start), "end_date": str(end)}}
    if (start, end) == (m.start_date, m.end_date):
        return Finding(
            "letter_dates", PASS, "The acceptance letter agrees with the planned period.", evidence
        )
    if start <= m.start_date and end >= m.end_date:
        return Finding(
            "letter_dates",
            PASS,
            f"The acceptance letter's period ({_period(start, end)}) covers the planned one.",
            evidence,
        )
    return Finding(
        "letter_dates",
        REVIEW,
        f"The acceptance letter accepts {_period(start, end)}, but the mobility is planned "
        f"{_period(m.start_date, m.end_date)}: update the mobility or ask for a new letter.",
        evidence,
    )


def _certificate(m: Mobility, cert: Read, letter: Read | None) -> list[Finding]:
    start, end = cert.period
    evidence = {"certificate_of_attendance": {"start_date": str(start), "end_date": str(end)}}
    findings = []
    if start > m.end_date or end < m.start_date:  # type: ignore[operator]
        findings.append(
            Finding(
                "certificate_dates",
                FAIL,
                f"The certificate confirms {_period(start, end)}, outside the planned period "
                f"{_period(m.start_date, m.end_date)}.",
                evidence,
            )
        )
    elif (start, end) == (m.start_date, m.end_date):
        findings.append(
            Finding(
                "certificate_dates", PASS, "The certificate confirms the planned period.", evidence
            )
        )
    else:
        findings.append(
            Finding(
                "certificate_dates",
                REVIEW,
                f"The certificate confirms {_period(start, end)}, the mobility was planned "
                f"{_period(m.start_date, m.end_date)}: the final grant counts only the days "
                "both cover.",
                evidence,
            )
        )
    if letter is not None:
        a, b = letter.period
        if a and b and start and end and (start < a or end > b):
            findings.append(
                Finding(
                    "letter_and_certificate",
                    REVIEW,
                    f"The certificate ({_period(start, end)}) goes beyond the period the "
                    f"acceptance letter accepted ({_period(a, b)}).",
                    {**evidence, "acceptance_letter": {"start_date": str(a), "end_date": str(b)}},
                )
            )
    return findings


def _journey(travel: list[Read]) -> tuple[dt.date | None, dt.date | None, list[Finding]]:
    """The arrival and the return the travel documents agree on, and whether they agree."""
    outs = {r.kind: r.journey[0] for r in travel if r.journey[0]}
    backs = {r.kind: r.journey[1] for r in travel if r.journey[1]}
    findings = []
    for key, dates, label in (("outbound", outs, "departure"), ("return", backs, "return")):
        if len(dates) < 2:
            continue
        days = sorted(d for d in dates.values() if d)
        spread = (days[-1] - days[0]).days
        evidence = {kind: str(day) for kind, day in dates.items()}
        named = ", ".join(f"{kind.replace('_', ' ')} {_d(day)}" for kind, day in dates.items())
        if spread <= TRAVEL_SLACK_DAYS:
            findings.append(
                Finding(
                    f"travel_{key}_agrees", PASS, f"The travel documents agree: {named}.", evidence
                )
            )
        else:
            findings.append(
                Finding(
                    f"travel_{key}_agrees",
                    FAIL,
                    f"The travel documents disagree on the {label}: {named}.",
                    evidence,
                )
            )
    # The latest arrival and the earliest return bound the stay.
    arrived = max((d for d in outs.values() if d), default=None)
    left = min((d for d in backs.values() if d), default=None)
    return arrived, left, findings


AIRPORT_WORDS = re.compile(r"\b(havaliman\w*|havaalan\w*|airport|terminal)\b")
GENERIC_PLACE = frozenset({"havalimani", "havaalani", "airport", "international", "terminal"})


def _crossing(record: Read, direction: str, day: dt.date | None) -> dict[str, Any] | None:
    """The e-Devlet record's crossing of the journey: its direction, on the day it gave."""
    for c in record.crossings:
        if c.get("direction") == direction and c.get("date") == str(day):
            return c
    return None


def _border_leg(passes: Read, leaving: bool, day: dt.date) -> dict[str, Any] | None:
    """The flight that leaves Türkiye (or lands in it) within a day of ``day``."""
    for leg in passes.legs:
        here = airport(str(leg.get("from_airport" if leaving else "to_airport") or ""))
        there = airport(str(leg.get("to_airport" if leaving else "from_airport") or ""))
        try:
            flown = dt.date.fromisoformat(str(leg.get("flight_date")))
        except ValueError:
            continue
        turkish = here is not None and here.country == "TR"
        abroad = there is not None and there.country != "TR"
        if turkish and abroad and abs((flown - day).days) <= TRAVEL_SLACK_DAYS:
            return leg
    return None


def _same_place(gate: str, code: str) -> bool:
    """A border gate ("SABİHA GÖKÇEN HAVALİMANI") is this airport (SAW) by the words of its
    name or city, whatever the language."""
    place = airport(code)
    if place is None:
        return True  # nothing to compare with
    words = {w for w in fold(f"{place.name} {place.city}").split() if len(w) >= 4}
    return bool((set(fold(gate).split()) - GENERIC_PLACE) & (words - GENERIC_PLACE))


def _routes(record: Read | None, passes: Read | None) -> list[Finding]:
    """The e-Devlet record's gates against the flights: a land or sea crossing and a flight
    out of Türkiye on the same day do not agree, nor do a gate and a flight from another
    airport."""
    if record is None or passes is None:
        return []
    findings = []
    outbound, back = record.journey
    for key, direction, leaving, day in (
        ("outbound", "exit", True, outbound),
        ("return", "entry", False, back),
    ):
        crossing = _crossing(record, direction, day) if day else None
        leg = _border_leg(passes, leaving, day) if crossing and day else None
        if crossing is None or leg is None:
            continue
        gate = str(crossing.get("gate") or "")
        code = str(leg.get("from_airport" if leaving else "to_airport"))
        evidence = {"gate": gate, "airport": code, "date": str(day)}
        if not AIRPORT_WORDS.search(fold(gate)):
            message = (
                f"The e-Devlet record has the {key} crossing by land or sea at {gate} on "
                f"{_d(day)}, but the boarding passes have a flight {'from' if leaving else 'to'} "
                f"{code} that day."
            )
        elif not _same_place(gate, code):
            message = (
                f"The e-Devlet record has the {key} crossing at {gate} on {_d(day)}, but the "
                f"boarding passes have the flight {'from' if leaving else 'to'} {code}."
            )
        else:
            findings.append(
                Finding(
                    f"travel_{key}_route",
                    PASS,
                    f"The {key} flight and the record's gate agree ({gate}, {code}).",
                    evidence,
                )
            )
            continue
        findings.append(Finding(f"travel_{key}_route", FAIL, message, evidence))
    return findings


def reconcile(m: Mobility, reads: dict[str, Read]) -> Reconciliation:
    """``reads`` holds the documents of the dossier that were read (not rejected), by kind."""
    findings: list[Finding] = []
    letter = reads.get(Kind.ACCEPTANCE_LETTER)
    if letter is not None and (found := _letter(m, letter)):
        findings.append(found)
    cert = reads.get(Kind.CERTIFICATE_OF_ATTENDANCE)
    if cert is None or None in cert.period:
        findings.append(
            Finding(
                "certificate_dates",
                PENDING,
                "The actual stay needs a certificate of attendance whose dates could be read.",
            )
        )
        return Reconciliation(PENDING, tuple(findings), None, None, ())
    findings.extend(_certificate(m, cert, letter))
    travel = [reads[kind] for kind in TRAVEL_KINDS if kind in reads]
    arrived, left, agreement = _journey(travel)
    findings.extend(agreement)
    findings.extend(_routes(reads.get(Kind.ENTRY_EXIT_RECORD), reads.get(Kind.BOARDING_PASS)))
    start, end = cert.period
    assert start is not None and end is not None
    basis = ["certificate_of_attendance"]
    if arrived is not None or left is not None:
        basis.extend(r.kind for r in travel if any(r.journey))
        evidence = {
            "arrived": str(arrived),
            "left": str(left),
            "certificate": [str(start), str(end)],
        }
        late = arrived is not None and arrived > start
        early = left is not None and left < end
        if late or early:
            parts = []
            if late:
                parts.append(f"arrived on {_d(arrived)}, after the certified start {_d(start)}")
            if early:
                parts.append(f"left on {_d(left)}, before the certified end {_d(end)}")
            findings.append(
                Finding(
                    "travel_and_certificate",
                    FAIL,
                    "The certificate and the travel documents disagree: the participant "
                    + " and ".join(parts)
                    + ". The final grant counts only the days the participant was there.",
                    evidence,
                )
            )
        else:
            findings.append(
                Finding(
                    "travel_and_certificate",
                    PASS,
                    "The journey brackets the certified period.",
                    evidence,
                )
            )
    elif not travel:
        findings.append(
            Finding(
                "travel_and_certificate",
                PENDING,
                "No travel document has been read yet; the stay rests on the certificate alone.",
            )
        )
    actual_start = max(d for d in (start, arrived, m.start_date) if d)
    actual_end = min(d for d in (end, left, m.end_date) if d)
    if actual_end < actual_start:
        actual_start = actual_end = None  # type: ignore[assignment]
    worst = {f.status for f in findings}
    status = next((s for s in (FAIL, REVIEW, PENDING) if s in worst), PASS)
    return Reconciliation(status, tuple(findings), actual_start, actual_end, tuple(basis))
