"""The journey rule shared by boarding passes, passport stamps and the e-Devlet record.

The participant leaves on or shortly before the first day of the activity and comes back on or
shortly after the last: departures from ``days_before`` days before the start up to the start,
returns from the end up to ``days_after`` days after it (an office's policy setting). Flights go
from and to airports within ``radius_km`` of the home and host cities (Lund is served by
Copenhagen). Airports come from the ``airportsdata`` package (IATA codes with coordinates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import airportsdata
from geopy.distance import great_circle

from checkers.phrases import say


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Airport:
    code: str
    name: str
    city: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True)
class TravelRule:
    """Where and when the journey goes. Without ``home`` and ``host`` the route cannot be judged,
    only the dates."""

    home: Place | None = None
    host: Place | None = None
    days_before: int = 2
    days_after: int = 2
    radius_km: float = 200.0

    def outbound_window(self, start: dt.date) -> tuple[dt.date, dt.date]:
        return start - dt.timedelta(days=self.days_before), start

    def return_window(self, end: dt.date) -> tuple[dt.date, dt.date]:
        return end, end + dt.timedelta(days=self.days_after)


@cache
def _airports() -> dict[str, Any]:
    table: dict[str, Any] = dict(airportsdata.load("IATA"))
    return table


def airport(code: str) -> Airport | None:
    """The airport with that IATA code, or None for a code no airport has."""
    row = _airports().get(code.strip().upper())
    if row is None:
        return None
    return Airport(
        code=str(row["iata"]),
        name=str(row["name"]),
        city=str(row["city"]),
        country=str(row["country"]),
        lat=float(row["lat"]),
        lon=float(row["lon"]),
    )


def is_airport(code: str) -> bool:
    return code.strip().upper() in _airports()


def km(a: Airport | Place, b: Airport | Place) -> float:
    return float(great_circle((a.lat, a.lon), (b.lat, b.lon)).km)


def in_window(day: dt.date | None, window: tuple[dt.date, dt.date]) -> bool:
    return day is not None and window[0] <= day <= window[1]


def describe_window(window: tuple[dt.date, dt.date]) -> str:
    if window[0] == window[1]:
        return say("on %(day)s", day=window[0])
    return say("from %(first)s to %(last)s", first=window[0], last=window[1])
