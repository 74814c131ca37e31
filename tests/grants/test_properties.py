"""Invariants of the grant engine over generated records (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docservice.grants.calculate import beneficiary_module_days
from docservice.grants.engine import GrantEngine
from docservice.grants.explain import to_dict
from docservice.grants.policy import Policy
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, merge

HOSTS = [
    ("Heidelberg", "DE"),
    ("Lund", "SE"),
    ("Kraków", "PL"),
    ("Porto", "PT"),
    ("Tbilisi", "GE"),
    ("Tokyo", "JP"),
    ("Zürich", "CH"),
    ("Vienna", "AT"),
]
PARTNER = {"GE", "JP"}

common = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    staff = draw(st.booleans())
    city, country = draw(st.sampled_from(HOSTS))
    start = draw(st.dates(dt.date(2021, 1, 1), dt.date(2027, 12, 31)))
    length = draw(st.integers(1, 80) if staff else st.integers(1, 420))
    green = draw(st.booleans())
    return merge(
        EXAMPLE,
        {
            "action": "KA171" if country in PARTNER else "KA131",
            "activity": draw(
                st.sampled_from(["teaching", "training"] if staff else ["studies", "traineeship"])
            ),
            "call_year": draw(st.sampled_from([None, 2021, 2022, 2023, 2024, 2025])),
            "receiving": {"city": city, "country": country},
            "start_date": start.isoformat(),
            "end_date": (start + dt.timedelta(days=length - 1)).isoformat(),
            "green_travel": green,
            "travel_days": draw(st.integers(0, 6 if green else 2)),
            "zero_grant": draw(st.booleans()),
            "teaching_hours": None,
        },
    )


policies = st.builds(
    Policy,
    prefinancing_share=st.decimals(0, 1, places=2),
    staff_max_funded_days=st.none() | st.integers(1, 60),
    student_max_months=st.none() | st.integers(1, 12),
)


def breakdown(engine: GrantEngine, data: dict[str, Any], policy: Policy) -> dict[str, Any]:
    engine = GrantEngine(tables=engine.tables, policy=policy, gazetteer=engine.gazetteer)
    return to_dict(engine.calculate(parse_mobility(data)))


@common
@given(data=records(), policy=policies)
def test_prefinancing_plus_balance_is_total(
    engine: GrantEngine, data: dict[str, Any], policy: Policy
) -> None:
    b = breakdown(engine, data, policy)
    total = Decimal(str(b["total"]))
    assert Decimal(str(b["prefinancing"])) + Decimal(str(b["balance"])) == total
    assert total == Decimal(str(b["individual_support"])) + Decimal(str(b["travel"]))
    assert 0 <= b["prefinancing"] <= b["total"]
    for key in ("total", "prefinancing", "balance", "individual_support", "travel"):
        assert Decimal(str(b[key])) == Decimal(str(b[key])).quantize(Decimal("0.01"))


@common
@given(data=records(), policy=policies)
def test_nothing_is_paid_without_a_grant(
    engine: GrantEngine, data: dict[str, Any], policy: Policy
) -> None:
    b = breakdown(engine, data, policy)
    if data["zero_grant"] or not b["eligible"]:
        assert b["total"] == 0
    else:
        assert b["total"] > 0


@common
@given(data=records())
def test_funded_time_respects_the_caps(engine: GrantEngine, data: dict[str, Any]) -> None:
    b = breakdown(engine, data, Policy())
    if b["category"] == "staff":
        assert b["funded_days"] == min(b["activity_days"] + b["travel_days"], 60)
        assert b["full_rate_days"] == min(b["funded_days"], 14)
        expected = (
            b["full_rate_days"] * b["daily_rate"] + b["reduced_rate_days"] * b["daily_rate"] * 0.7
        )
        assert (
            abs(
                b["individual_support"] * (not data["zero_grant"] and b["eligible"])
                - round(expected, 2) * (not data["zero_grant"] and b["eligible"])
            )
            < 0.006
        )
    else:
        funded = min(b["duration_days"] + b["travel_days"], 360)
        assert b["months"] * 30 + b["extra_days"] == funded
        assert 0 <= b["extra_days"] < 30


@common
@given(data=records())
def test_a_longer_staff_stay_never_pays_less(engine: GrantEngine, data: dict[str, Any]) -> None:
    data = merge(data, {"activity": "training", "zero_grant": False})
    longer = merge(
        data,
        {"end_date": (dt.date.fromisoformat(data["end_date"]) + dt.timedelta(days=1)).isoformat()},
    )
    assert (
        breakdown(engine, longer, Policy())["total"] >= breakdown(engine, data, Policy())["total"]
    )


@given(start=st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)), length=st.integers(0, 800))
def test_beneficiary_module_days_track_calendar_days(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    days = beneficiary_module_days(start, end)
    # 30-day months drift from the calendar by at most a few days a year, never below one day.
    assert days >= 1
    assert abs(days - (length + 1)) <= 3 + 6 * (length // 365 + 1)
    later = end + dt.timedelta(days=1)
    assert beneficiary_module_days(start, later) >= days
