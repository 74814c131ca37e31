"""The grant engine against domain.md's rules and worked examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from docservice.errors import GrantError, UnknownPlace
from docservice.grants.calculate import beneficiary_module_days, required_teaching_hours
from docservice.grants.engine import GrantEngine
from docservice.grants.explain import to_dict
from docservice.grants.policy import Policy
from docservice.mobility import parse_mobility

Record = Callable[..., dict[str, Any]]


def grant(
    engine: GrantEngine, data: dict[str, Any], policy: Policy | None = None
) -> dict[str, Any]:
    if policy is not None:
        engine = GrantEngine(tables=engine.tables, policy=policy, gazetteer=engine.gazetteer)
    return to_dict(engine.calculate(parse_mobility(data)))


def student(record: Record, **changes: Any) -> dict[str, Any]:
    base = {
        "activity": "studies",
        "call_year": 2024,
        "start_date": "2025-02-17",
        "end_date": "2025-06-30",
        "teaching_hours": None,
    }
    return record(**(base | changes))


def test_contract_example(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record())
    assert b["currency"] == "EUR"
    assert b["country_group"] == "2"
    assert b["distance_band"] == "2000-2999"
    assert 2500 < b["distance_km"] < 2700
    assert (b["funded_days"], b["daily_rate"]) == (5, 144.0)
    assert (b["individual_support"], b["travel"], b["total"]) == (720.0, 360.0, 1080.0)
    assert (b["prefinancing"], b["balance"]) == (864.0, 216.0)
    # No staff table for call 2024 is on file: the latest earlier one is used, and said so.
    assert b["rate_table"] == "TR-NA 2023 staff"
    assert [w["code"] for w in b["warnings"]] == ["fallback_table"]
    assert "monthly_rate" not in b and "months" not in b


def test_call_2022_uses_its_own_table_without_warning(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022))
    assert (b["rate_table"], b["total"], b["warnings"]) == ("TR-NA 2022 staff", 1080.0, [])


def test_travel_days_are_funded(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022, travel_days=2))
    assert (b["activity_days"], b["funded_days"], b["individual_support"]) == (5, 7, 1008.0)


def test_days_from_the_fifteenth_are_paid_at_70_percent(
    engine: GrantEngine, record: Record
) -> None:
    # 20 days in group 2: 14 × 144 + 6 × 100.80.
    b = grant(engine, record(call_year=2022, start_date="2025-03-01", end_date="2025-03-20"))
    assert (b["full_rate_days"], b["reduced_rate_days"], b["reduced_daily_rate"]) == (14, 6, 100.8)
    assert b["individual_support"] == 2620.80
    assert b["total"] == 2980.80


def test_fourteen_days_are_all_at_full_rate(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        record(call_year=2022, start_date="2025-03-01", end_date="2025-03-12", travel_days=2),
    )
    assert (b["funded_days"], b["full_rate_days"], b["reduced_rate_days"]) == (14, 14, 0)
    assert b["individual_support"] == 14 * 144


def test_programme_funds_at_most_sixty_days(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        record(call_year=2022, start_date="2025-03-01", end_date="2025-05-04", travel_days=2),
    )
    assert b["activity_days"] == 65 and b["funded_days"] == 60
    assert b["individual_support"] == round(14 * 144 + 46 * 100.8, 2)
    assert "days_capped" in [w["code"] for w in b["warnings"]]


def test_policy_caps_funded_days(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        record(call_year=2022, start_date="2025-03-03", end_date="2025-03-12", travel_days=2),
        Policy(staff_max_funded_days=7),
    )
    assert (b["funded_days"], b["individual_support"]) == (7, 7 * 144)
    assert "institution" in b["warnings"][0]["message"]


@pytest.mark.parametrize(("days", "eligible"), [(4, False), (5, True)])
def test_staff_minimum_days(engine: GrantEngine, record: Record, days: int, eligible: bool) -> None:
    end = dt.date(2025, 3, 10) + dt.timedelta(days=days - 1)
    b = grant(engine, record(call_year=2022, end_date=end.isoformat()))
    assert b["eligible"] is eligible
    assert (b["total"] > 0) is eligible
    if not eligible:
        assert b["warnings"][0]["code"] == "below_minimum"
        assert b["prefinancing"] == b["balance"] == 0


def test_minimum_is_a_policy_setting(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022, end_date="2025-03-11"), Policy(staff_min_days=2))
    assert b["eligible"] and b["total"] == 2 * 144 + 360


def test_zero_grant_pays_nothing_but_shows_the_rates(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022, zero_grant=True))
    assert (b["individual_support"], b["travel"], b["total"]) == (0, 0, 0)
    assert (b["prefinancing"], b["balance"]) == (0, 0)
    assert b["daily_rate"] == 144 and b["eligible"] and b["zero_grant"]
    assert any("Zero-grant" in line for line in b["trace"])


def test_green_travel_band_amount(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022, green_travel=True, travel_days=4))
    assert (b["travel"], b["funded_days"]) == (410.0, 9)


def test_green_travel_without_a_green_amount_gets_standard(
    engine: GrantEngine, record: Record
) -> None:
    # Trabzon – Lisbon is over 4,000 km: the 2021–2023 bands have no green amount there.
    b = grant(
        engine,
        record(call_year=2022, green_travel=True, receiving={"city": "Lisbon", "country": "PT"}),
    )
    assert (b["distance_band"], b["travel"]) == ("4000-7999", 820.0)
    assert any("no green amount" in line for line in b["trace"])


def test_below_ten_km_there_is_no_travel_support(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022, receiving={"city": "Trabzon", "country": "TR"}))
    assert (b["distance_band"], b["travel"]) == (None, 0)


def test_record_coordinates_override_the_gazetteer(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        record(
            call_year=2022, sending={"lat": 0.0, "lon": 0.0}, receiving={"lat": 0.0, "lon": 0.9}
        ),
    )
    assert b["home"]["source"] == b["host"]["source"] == "record"
    assert b["distance_band"] == "100-499" and b["travel"] == 180.0


@pytest.mark.parametrize(
    ("km_east", "band", "travel"),
    [
        (9.9, None, 0),
        (10.0, "10-99", 23),
        (99.9, "10-99", 23),
        (100.0, "100-499", 180),
        (1999.9, "500-1999", 275),
        (2000.0, "2000-2999", 360),
        (8000.0, "8000+", 1500),
    ],
)
def test_band_edges_through_the_engine(
    engine: GrantEngine, record: Record, km_east: float, band: str | None, travel: int
) -> None:
    # Along the equator one degree of longitude is 111.19508 km on the mean-radius sphere.
    lon = km_east / 111.195083724
    b = grant(
        engine,
        record(
            call_year=2022, sending={"lat": 0.0, "lon": 0.0}, receiving={"lat": 0.0, "lon": lon}
        ),
    )
    assert b["distance_km"] == km_east
    assert (b["distance_band"], b["travel"]) == (band, travel)


def test_partner_country_staff_rate(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        record(
            action="KA171",
            activity="training",
            call_year=2023,
            receiving={"city": "Tbilisi", "country": "GE"},
        ),
    )
    assert (b["country_group"], b["region"], b["daily_rate"]) == ("partner", 2, 180.0)
    assert b["individual_support"] == 900.0


@pytest.mark.parametrize(
    ("city", "country", "region", "group", "rate"),
    [
        ("Zürich", "CH", 14, "1", 162.0),
        ("London", "GB", 14, "1", 162.0),
        ("Andorra la Vella", "AD", 13, "2", 144.0),
    ],
)
def test_regions_13_and_14_take_group_rates(
    engine: GrantEngine,
    record: Record,
    city: str,
    country: str,
    region: int,
    group: str,
    rate: float,
) -> None:
    b = grant(engine, record(call_year=2022, receiving={"city": city, "country": country}))
    assert (b["region"], b["country_group"], b["daily_rate"]) == (region, group, rate)


def test_ka171_to_a_programme_country_is_refused(engine: GrantEngine, record: Record) -> None:
    with pytest.raises(GrantError, match="Use action KA131"):
        grant(engine, record(action="KA171", call_year=2023))


def test_ka103_call_2020_uses_the_old_rates_and_bands(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        record(action="KA103", call_year=2020, receiving={"city": "London", "country": "GB"}),
    )
    assert (b["rate_table"], b["country_group"], b["daily_rate"]) == (
        "TR-NA 2020 staff",
        "1",
        153.0,
    )
    assert (b["distance_band"], b["travel"]) == ("3000-3999", 530.0)


def test_ka103_to_a_partner_country_has_no_rate(engine: GrantEngine, record: Record) -> None:
    with pytest.raises(GrantError, match="no staff rate"):
        grant(
            engine,
            record(action="KA103", call_year=2020, receiving={"city": "Tbilisi", "country": "GE"}),
        )


def test_unknown_city_is_a_clear_error(engine: GrantEngine, record: Record) -> None:
    with pytest.raises(UnknownPlace, match="Did you mean Heidelberg"):
        grant(engine, record(receiving={"city": "Heidelbrg"}))


# Students ---------------------------------------------------------------------------------


def test_student_worked_example(engine: GrantEngine, record: Record) -> None:
    # domain.md §3: 17 Feb – 30 Jun = 134 days = 4 months 14 days.
    b = grant(engine, student(record, receiving={"city": "Lund", "country": "SE"}))
    assert (b["duration_days"], b["months"], b["extra_days"]) == (134, 4, 14)
    assert (b["monthly_rate"], b["individual_support"]) == (600.0, 2680.0)
    assert "daily_rate" not in b and "funded_days" not in b
    assert b["rate_table"] == "TR-NA 2024 student"
    assert b["total"] == 2680.0 + b["travel"]


@pytest.mark.parametrize(
    ("call", "country", "city", "rate"),
    [
        (2023, "CZ", "Prague", 450.0),
        (2024, "CZ", "Prague", 600.0),
        (2024, "PL", "Warsaw", 450.0),
        (2024, "JP", "Tokyo", 700.0),
        (2024, "CH", "Bern", 600.0),
        (2022, "US", "Boston", 700.0),
    ],
)
def test_student_monthly_rates(
    engine: GrantEngine, record: Record, call: int, country: str, city: str, rate: float
) -> None:
    action = "KA131" if country in ("CZ", "PL") else "KA171"
    b = grant(
        engine,
        student(
            record, action=action, call_year=call, receiving={"city": city, "country": country}
        ),
    )
    assert b["monthly_rate"] == rate


def test_student_partial_month_amount_rounds_to_the_cent(
    engine: GrantEngine, record: Record
) -> None:
    # 2 months 13 days at 700 €: 1400 + 13 × 700 / 30 = 1703.33.
    b = grant(
        engine,
        student(
            record,
            action="KA171",
            start_date="2025-01-01",
            end_date="2025-03-13",
            receiving={"city": "Tokyo", "country": "JP"},
        ),
    )
    assert (b["months"], b["extra_days"], b["individual_support"]) == (2, 13, 1703.33)


def test_student_travel_uses_the_2024_bands(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        student(
            record, call_year=2022, green_travel=True, receiving={"city": "Lund", "country": "SE"}
        ),
    )
    # Trabzon – Lund: 2000–2999 km; 2024+ green amount (the 2021–2023 bands would give 410).
    assert (b["distance_band"], b["travel"]) == ("2000-2999", 535.0)


def test_student_minimum_stay(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, student(record, start_date="2025-03-01", end_date="2025-04-29"))
    assert (b["duration_days"], b["eligible"], b["total"]) == (59, False, 0)


def test_student_month_cap_policy(engine: GrantEngine, record: Record) -> None:
    b = grant(
        engine,
        student(record, start_date="2024-09-01", end_date="2025-06-30"),
        Policy(student_max_months=5),
    )
    assert (b["duration_days"], b["months"], b["extra_days"]) == (300, 5, 0)
    assert b["individual_support"] == 3000.0


def test_student_programme_cap_is_twelve_months(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, student(record, start_date="2024-09-01", end_date="2025-09-30"))
    assert (b["months"], b["extra_days"]) == (12, 0)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2025-02-17", "2025-06-30", 134),  # domain.md's worked example
        ("2025-01-01", "2025-01-31", 30),  # the 31st counts as the 30th
        ("2025-02-01", "2025-02-28", 28),  # a short February is not lengthened
        ("2024-02-01", "2024-02-29", 29),  # leap year
        ("2024-01-15", "2024-03-14", 60),
        ("2024-12-31", "2025-01-01", 2),  # over a year end, from the 31st
        ("2024-09-01", "2025-08-31", 360),
        ("2025-03-10", "2025-03-10", 1),
    ],
)
def test_beneficiary_module_days(start: str, end: str, days: int) -> None:
    assert beneficiary_module_days(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == days


def test_staff_leap_day_counts(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2023, start_date="2024-02-26", end_date="2024-03-01"))
    assert b["activity_days"] == 5
    b = grant(engine, record(call_year=2023, start_date="2023-02-26", end_date="2023-03-01"))
    assert b["activity_days"] == 4 and not b["eligible"]


@pytest.mark.parametrize(("days", "hours"), [(1, 8), (5, 8), (7, 8), (10, 12), (14, 16)])
def test_required_teaching_hours(days: int, hours: int) -> None:
    assert required_teaching_hours(days) == hours


def test_too_few_teaching_hours_are_flagged(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022, teaching_hours=6))
    assert [w["code"] for w in b["warnings"]] == ["teaching_hours_low"]
    assert b["total"] == 1080.0  # a warning for the office, not a cut


def test_prefinancing_share_is_a_policy_setting(engine: GrantEngine, record: Record) -> None:
    b = grant(engine, record(call_year=2022), Policy(prefinancing_share=Decimal("0.7")))
    assert (b["prefinancing"], b["balance"], b["prefinancing_share"]) == (756.0, 324.0, 0.7)
