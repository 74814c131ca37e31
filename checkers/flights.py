"""A journey by air from a boarding pass's legs (domain §6): chains of connecting flights from
near one place to near another (connections within a day, at one airport or two that serve one
city), the chains that depart in a travel window, and the boarding pass's ``outbound`` and
``return`` checks made of them; as ``crossings`` does for border crossings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checkers.facts.legs import Leg, Reading
from checkers.mobility import MobilityLike
from checkers.phrases import Joined, say
from checkers.report import Check, Status
from checkers.travel import TravelRule, airport, describe_window, in_window, km

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


def check_journey(reading: Reading, m: MobilityLike, rule: TravelRule, outbound: bool) -> Check:
    """The ``outbound`` or ``return`` check: a chain of the passes' flights from near one city to
    near the other, departing in the travel window."""
    cid = "outbound" if outbound else "return"
    origin, destination = (rule.home, rule.host) if outbound else (rule.host, rule.home)
    window = rule.outbound_window(m.start_date) if outbound else rule.return_window(m.end_date)
    when = describe_window(window)
    found, good = journey(reading, m, rule, outbound)
    route_known = origin is not None and destination is not None
    where = (
        say(
            "from near %(origin)s to near %(destination)s",
            origin=origin.name,  # type: ignore[union-attr]
            destination=destination.name,  # type: ignore[union-attr]
        )
        if route_known
        else say("between the home and host cities")
    )
    if good:
        chain = good[0]
        status = Status.PASS if route_known else Status.REVIEW
        journey_said = Joined((leg.label for leg in chain.legs), " + ")
        message = (
            say(
                "Outbound journey %(journey)s, departing %(when)s.", journey=journey_said, when=when
            )
            if outbound
            else say(
                "Return journey %(journey)s, departing %(when)s.", journey=journey_said, when=when
            )
        )
        if not route_known:
            message = say(
                "%(said)s The airports could not be compared with the cities (no coordinates).",
                said=message,
            )
        return Check(cid, status, message, evidence=tuple(leg.evidence() for leg in chain.legs))
    what = say("outbound journey") if outbound else say("return journey")
    if found:
        chain = found[0]
        late = chain.departs is not None and chain.departs > window[1]
        early = chain.departs is not None and chain.departs < window[0]
        if outbound:
            why = say("departs after the activity began") if late else say("departs too early")
        else:
            why = say("returns before the activity ended") if early else say("returns too late")
        home_early = not outbound and early
        return Check(
            cid,
            Status.FAIL,
            say(
                "The %(what)s %(journey)s %(why)s: it must depart %(when)s.",
                what=what,
                journey=Joined((leg.label for leg in chain.legs), " + "),
                why=why,
                when=when,
            ),
            hint=say("An early return needs the office's decision (force majeure).")
            if home_early
            else say("Upload the passes of the flights actually taken for this mobility."),
            evidence=tuple(leg.evidence() for leg in chain.legs),
            early_return=home_early,
        )
    legs = Joined(leg.label for leg in reading.legs)
    return Check(
        cid,
        Status.FAIL,
        say(
            "No %(what)s %(where)s departing %(when)s is among the passes (%(legs)s).",
            what=what,
            where=where,
            when=when,
            legs=legs,
        )
        if reading.legs
        else say(
            "No %(what)s %(where)s departing %(when)s is among the passes.",
            what=what,
            where=where,
            when=when,
        ),
        hint=say("Upload the boarding passes of the %(what)s too, all in one PDF.", what=what),
    )
