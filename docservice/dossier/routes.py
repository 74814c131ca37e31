"""Does the e-Devlet record's border gate fit the flight the boarding passes show? A land or sea
crossing, or another airport, on the day of the flight means the two documents tell different
journeys."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from checkers.phrases import say
from checkers.text import fold
from checkers.travel import airport
from docservice.dossier.findings import FAIL, PASS, TRAVEL_SLACK_DAYS, Finding, Read, day_said

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


def routes(record: Read | None, passes: Read | None) -> list[Finding]:
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
                say(
                    "The e-Devlet record has the outbound crossing by land or sea at %(gate)s on "
                    "%(day)s, but the boarding passes have a flight from %(code)s that day.",
                    gate=gate,
                    day=day_said(day),
                    code=code,
                )
                if leaving
                else say(
                    "The e-Devlet record has the return crossing by land or sea at %(gate)s on "
                    "%(day)s, but the boarding passes have a flight to %(code)s that day.",
                    gate=gate,
                    day=day_said(day),
                    code=code,
                )
            )
        elif not _same_place(gate, code):
            message = (
                say(
                    "The e-Devlet record has the outbound crossing at %(gate)s on %(day)s, but "
                    "the boarding passes have the flight from %(code)s.",
                    gate=gate,
                    day=day_said(day),
                    code=code,
                )
                if leaving
                else say(
                    "The e-Devlet record has the return crossing at %(gate)s on %(day)s, but the "
                    "boarding passes have the flight to %(code)s.",
                    gate=gate,
                    day=day_said(day),
                    code=code,
                )
            )
        else:
            findings.append(
                Finding(
                    f"travel_{key}_route",
                    PASS,
                    say(
                        "The outbound flight and the record's gate agree (%(gate)s, %(code)s).",
                        gate=gate,
                        code=code,
                    )
                    if leaving
                    else say(
                        "The return flight and the record's gate agree (%(gate)s, %(code)s).",
                        gate=gate,
                        code=code,
                    ),
                    evidence,
                )
            )
            continue
        findings.append(Finding(f"travel_{key}_route", FAIL, message, evidence))
    return findings
