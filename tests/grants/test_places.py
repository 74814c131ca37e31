from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from docservice.errors import UnknownPlace
from docservice.grants.places import Gazetteer, Place, distance_km


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(
    ("spellings", "country", "name"),
    [
        (["İstanbul", "Istanbul", "ISTANBUL", "istanbul"], "TR", "Istanbul"),
        (["İzmir", "Izmir", "IZMIR"], "TR", "İzmir"),
        (["Eskişehir", "Eskisehir", "ESKİŞEHİR"], "TR", "Eskişehir"),
        (["München", "Munchen", "Munich", "Münih", "Muenchen"], "DE", "Munich"),
        (["Wien", "Vienna", "Viyana"], "AT", "Vienna"),
        (["Kraków", "Krakow", "Cracow"], "PL", "Kraków"),
        (["Köln", "Koln", "Cologne"], "DE", "Köln"),
    ],
)
def test_city_spellings(
    gazetteer: Gazetteer, spellings: list[str], country: str, name: str
) -> None:
    found = {gazetteer.find(s, country) for s in spellings}
    assert len(found) == 1
    assert found.pop().name == name


def test_country_decides_between_namesakes(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("Heidelberg", "DE").lat > 45
    assert gazetteer.find("Heidelberg", "ZA").lat < 0


def test_small_towns_come_from_the_larger_list(gazetteer: Gazetteer) -> None:
    # Furtwangen (about 9,000 people) is not among the cities of 15,000 or more.
    town = gazetteer.find("Furtwangen im Schwarzwald", "DE")
    assert 47.5 < town.lat < 48.5


def test_unknown_city_suggests_near_matches(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlace) as caught:
        gazetteer.find("Heidelbrg", "DE")
    assert "Heidelberg" in caught.value.message
    assert "Germany (DE)" in caught.value.message
    assert "lat and lon" in caught.value.message


def test_record_coordinates_override(gazetteer: Gazetteer) -> None:
    place = gazetteer.place("Campus Nord", "DE", 49.1, 8.4)
    assert (place.source, place.lat, place.lon) == ("record", 49.1, 8.4)


def test_lists_are_read_lazily_and_once() -> None:
    calls: list[int] = []

    def loader(tier: int) -> dict[str, dict[str, Any]]:
        calls.append(tier)
        return {
            "1": {
                "name": "Rize",
                "countrycode": "TR",
                "latitude": 41.0,
                "longitude": 40.5,
                "population": 100000,
                "alternatenames": ["Rizé"],
            },
        }

    g = Gazetteer(loader)
    assert calls == []
    g.find("RİZE", "TR")
    g.find("rize", "TR")
    assert calls == [15000]


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        # Commonly cited great-circle distances between city centres.
        (("Paris", "FR"), ("London", "GB"), Decimal("344")),
        (("Istanbul", "TR"), ("London", "GB"), Decimal("2498")),
        (("Istanbul", "TR"), ("Berlin", "DE"), Decimal("1737")),
    ],
)
def test_known_distances(
    gazetteer: Gazetteer, a: tuple[str, str], b: tuple[str, str], km: Decimal
) -> None:
    assert abs(distance_km(gazetteer.find(*a), gazetteer.find(*b)) - km) <= Decimal("3")


def test_distance_is_symmetric_and_zero_for_one_place() -> None:
    p = Place("A", "TR", 41.0, 29.0, "record")
    q = Place("B", "DE", 52.5, 13.4, "record")
    assert distance_km(p, q) == distance_km(q, p)
    assert distance_km(p, p) == 0
