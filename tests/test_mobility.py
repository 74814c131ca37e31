from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from docservice.errors import InvalidRecord, UnreadableInput
from docservice.mobility import Activity, load_mobility_text, parse_mobility

Record = Callable[..., dict[str, Any]]


def keys_of(error: InvalidRecord) -> set[str]:
    return {p["key"] for p in error.details}


def test_contract_example_parses(record: Record) -> None:
    m = parse_mobility(record())
    assert m.participant.full_name == "Şükrü Öztürk"
    assert m.activity is Activity.TEACHING and m.is_staff
    assert m.start_date == dt.date(2025, 3, 10)
    assert m.calendar_days == 5
    assert m.receiving.country == "DE"


def test_unknown_keys_are_kept(record: Record) -> None:
    m = parse_mobility(record(office_note="room 12", participant={"staff_id": 42}))
    assert m.model_extra == {"office_note": "room 12"}
    assert m.participant.model_extra == {"staff_id": 42}
    assert m.model_dump()["office_note"] == "room 12"


@pytest.mark.parametrize(
    "key", ["reference", "action", "activity", "participant", "start_date", "end_date"]
)
def test_missing_required_key_is_named(record: Record, key: str) -> None:
    data = record()
    del data[key]
    with pytest.raises(InvalidRecord) as caught:
        parse_mobility(data)
    assert keys_of(caught.value) == {key}
    assert caught.value.details[0]["message"] == "is required"
    assert key in caught.value.message


def test_nested_keys_are_named(record: Record) -> None:
    data = record()
    del data["participant"]["surname"]
    data["receiving"]["country"] = "Germany"
    with pytest.raises(InvalidRecord) as caught:
        parse_mobility(data)
    assert keys_of(caught.value) == {"participant.surname", "receiving.country"}
    assert "ISO 3166-1" in caught.value.message


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"action": "KA999"}, "action"),
        ({"activity": "holiday"}, "activity"),
        ({"start_date": "2025-02-30"}, "start_date"),
        ({"end_date": "10/03/2025"}, "end_date"),
        ({"end_date": "2025-03-09"}, "end_date"),
        ({"travel_days": -1}, "travel_days"),
        ({"travel_days": 3}, "travel_days"),
        ({"green_travel": True, "travel_days": 7}, "travel_days"),
        ({"call_year": 1999}, "call_year"),
        ({"teaching_hours": -2}, "teaching_hours"),
        ({"reference": "  "}, "reference"),
        ({"receiving": {"lat": 49.4}}, "receiving.lon"),
        ({"receiving": {"lat": 95, "lon": 8}}, "receiving.lat"),
        ({"sending": {"country": "XX"}}, "sending.country"),
    ],
)
def test_bad_values_are_named(record: Record, changes: dict[str, Any], key: str) -> None:
    with pytest.raises(InvalidRecord) as caught:
        parse_mobility(record(**changes))
    assert keys_of(caught.value) == {key}


def test_green_travel_allows_six_travel_days(record: Record) -> None:
    assert parse_mobility(record(green_travel=True, travel_days=6)).travel_days == 6


@pytest.mark.parametrize(
    ("written", "code"), [("de", "DE"), ("EL", "GR"), ("UK", "GB"), ("xk", "XK")]
)
def test_country_codes_are_normalised(record: Record, written: str, code: str) -> None:
    assert parse_mobility(record(receiving={"country": written})).receiving.country == code


def test_every_problem_is_listed_at_once(record: Record) -> None:
    with pytest.raises(InvalidRecord) as caught:
        parse_mobility(record(action="X", activity="Y", start_date="nope"))
    assert keys_of(caught.value) == {"action", "activity", "start_date"}
    assert caught.value.headline == "The mobility record has 3 problems:"


def test_not_an_object_is_a_clear_error() -> None:
    with pytest.raises(InvalidRecord, match="must be a JSON object"):
        parse_mobility(["a", "list"])


def test_bad_json_text_says_where() -> None:
    with pytest.raises(UnreadableInput, match="line 1, column 2"):
        load_mobility_text("{oops", origin="m.json")
