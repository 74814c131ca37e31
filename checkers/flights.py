"""A journey by air from a boarding pass's legs (domain §6): chains of connecting flights from
near one place to near another (connections within a day, at one airport or two that serve one
city), and the chains that depart in a travel window; as ``crossings`` does for border crossings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checkers.facts.legs import Leg, Reading
from checkers.mobility import MobilityLike
from checkers.travel import TravelRule, airport, in_window, km

CONNECTION_KM = 80.0  # two airports this close serve one city (IST and SAW are 70 km apart)
MAX_CONNECTION_DAYS = 1


@dataclass
class Chain:
    legs: list[Leg]

    @property
    def departs(self) -> dt.date | None:
        return self.legs[0].flight_date

    def text(self) -> str:
        return " + ".join(leg.label for leg in self.legs)


def _near(code: str | None, place: object, radius: float) -> bool | None:
    if code is None:
        return False
    found = airport(code)
    if found is None:
        return False
    if place is None:
        return None
    return km(found, place) <= radius  # type: ignore[arg-type]


def _connects(a: Leg, b: Leg) -> bool:
    if a.flight_date is None or b.flight_date is None or not a.to_airport or not b.from_airport:
        return False
    days = (b.flight_date - a.flight_date).days
    if not 0 <= days <= MAX_CONNECTION_DAYS:
        return False
    if a.to_airport == b.from_airport:
        return True
    x, y = airport(a.to_airport), airport(b.from_airport)
    return x is not None and y is not None and km(x, y) <= CONNECTION_KM


def chains(legs: list[Leg], origin: object, destination: object, radius: float) -> list[Chain]:
    """Every chain of connecting legs from an airport near ``origin`` to one near
    ``destination`` (each a ``travel.Place``; None accepts any airport)."""
    dated = sorted((leg for leg in legs if leg.flight_date), key=lambda x: x.flight_date)  # type: ignore[arg-type, return-value]
    out: list[Chain] = []

    def extend(path: list[Leg]) -> None:
        if _near(path[-1].to_airport, destination, radius) is not False:
            out.append(Chain(list(path)))
            return
        if len(path) >= 4:
            return
        for nxt in dated:
            if nxt not in path and _connects(path[-1], nxt):
                extend([*path, nxt])

    for leg in dated:
        if _near(leg.from_airport, origin, radius) is not False:
            extend([leg])
    return out


def journey(
    reading: Reading, m: MobilityLike, rule: TravelRule, outbound: bool
) -> tuple[list[Chain], list[Chain]]:
    """The chains of the outbound (or return) journey, and those of them in the travel window."""
    origin, destination = (rule.home, rule.host) if outbound else (rule.host, rule.home)
    window = rule.outbound_window(m.start_date) if outbound else rule.return_window(m.end_date)
    found = chains(reading.legs, origin, destination, rule.radius_km)
    return found, [c for c in found if in_window(c.departs, window)]


def journey_dates(reading: Reading, m: MobilityLike, rule: TravelRule) -> dict[str, str | None]:
    """The report fields ``outbound_date`` (the outbound journey's arrival at the host) and
    ``return_date`` (the return journey's departure), for the dossier's reconciliation."""
    dates: dict[str, str | None] = {}
    for key, outbound in (("outbound_date", True), ("return_date", False)):
        found, good = journey(reading, m, rule, outbound)
        chain = (good or found)[0] if (good or found) else None
        day = None
        if chain is not None:
            day = chain.legs[-1].flight_date if outbound else chain.departs
        dates[key] = day.isoformat() if day else None
    return dates
