"""The grant engine: a mobility record in, a breakdown out (domain.md §2–4, interface §3).

Pure: the rate tables, the gazetteer and the policy are passed in; nothing here reads a file of
its own or the environment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from checkers.rules import required_teaching_hours
from docservice.errors import GrantError
from docservice.grants.places import Gazetteer, Place, distance_km
from docservice.grants.policy import Policy
from docservice.grants.tables import Classification, RateTable, Selection, TableSet, TravelBand
from docservice.mobility import Action, Activity, Mobility, country_name

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def beneficiary_module_days(start: dt.date, end: dt.date) -> int:
    """Duration as the EU Beneficiary Module counts long-term student stays: every month 30 days.

    ``(Y2−Y1)·360 + (M2−M1)·30 + (min(D2,30) − min(D1,30)) + 1``; 17 Feb – 30 Jun is 134 days.
    """
    return (
        (end.year - start.year) * 360
        + (end.month - start.month) * 30
        + (min(end.day, 30) - min(start.day, 30))
        + 1
    )


@dataclass(frozen=True)
class Notice:
    """Something the office should know about a breakdown: a code and its values, rendered later."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StaffDays:
    activity_days: int
    travel_days: int
    funded_days: int
    daily_rate: Decimal
    full_rate_days: int
    reduced_rate_days: int
    reduced_daily_rate: Decimal | None
    capped_by: str | None  # "programme" or "policy" when funded days were cut


@dataclass(frozen=True)
class StudentMonths:
    duration_days: int  # Beneficiary Module days of the activity
    travel_days: int
    funded_days: int  # after caps, travel days included
    monthly_rate: Decimal
    months: int
    extra_days: int
    capped_by: str | None


@dataclass(frozen=True)
class Breakdown:
    mobility: Mobility
    selection: Selection
    classification: Classification
    home: Place
    host: Place
    distance_km: Decimal
    band: TravelBand | None
    policy: Policy
    staff: StaffDays | None
    student: StudentMonths | None
    rated_support: Decimal  # what the rates give, before zero-grant or ineligibility
    individual_support: Decimal  # what is paid
    travel: Decimal
    total: Decimal
    prefinancing: Decimal
    balance: Decimal
    ineligible: Notice | None = None
    warnings: tuple[Notice, ...] = field(default=())

    @property
    def eligible(self) -> bool:
        return self.ineligible is None

    @property
    def table(self) -> RateTable:
        return self.selection.table

    @property
    def category(self) -> str:
        return self.table.category


def _classify(mobility: Mobility, table: RateTable) -> Classification:
    country = mobility.receiving.country
    found = table.classify(country)
    name = f"{country_name(country)} ({country})"
    if found is None:
        raise GrantError(
            f"{name} has no {table.category} rate in {table.name}: it is neither in a country "
            f"group nor a partner region that {mobility.action} funds. Check receiving.country "
            "and action."
        )
    if mobility.action in (Action.KA171, Action.KA107) and found.region is None:
        raise GrantError(
            f"{mobility.action} funds mobility with partner countries; {name} is a programme "
            "country (country group "
            f"{found.group}). Use action KA131 (KA103 before 2021) for it."
        )
    return found


def _staff_days(
    mobility: Mobility, table: RateTable, rate: Decimal, policy: Policy, warnings: list[Notice]
) -> StaffDays:
    activity = mobility.calendar_days
    funded = activity + mobility.travel_days
    limit, capped_by = table.long_stay.max_days, None
    if funded > limit:
        capped_by = "programme"
    if policy.staff_max_funded_days is not None and policy.staff_max_funded_days < limit:
        limit = policy.staff_max_funded_days
        if funded > limit:
            capped_by = "policy"
    if capped_by is not None:
        warnings.append(Notice("days_capped", {"days": funded, "limit": limit, "by": capped_by}))
        funded = limit
    stay = table.long_stay
    if stay.reduced_from_day is not None and stay.reduced_share is not None:
        full = min(funded, stay.reduced_from_day - 1)
        reduced_rate: Decimal | None = rate * stay.reduced_share
    else:
        full, reduced_rate = funded, None
    return StaffDays(
        activity_days=activity,
        travel_days=mobility.travel_days,
        funded_days=funded,
        daily_rate=rate,
        full_rate_days=full,
        reduced_rate_days=funded - full,
        reduced_daily_rate=reduced_rate,
        capped_by=capped_by,
    )


def _student_months(
    mobility: Mobility, table: RateTable, rate: Decimal, policy: Policy, warnings: list[Notice]
) -> StudentMonths:
    duration = beneficiary_module_days(mobility.start_date, mobility.end_date)
    funded = duration + mobility.travel_days
    limit, capped_by = table.long_stay.max_days, None
    if funded > limit:
        capped_by = "programme"
    if policy.student_max_months is not None and policy.student_max_months * 30 < limit:
        limit = policy.student_max_months * 30
        if funded > limit:
            capped_by = "policy"
    if capped_by is not None:
        warnings.append(
            Notice("months_capped", {"days": funded, "months": limit // 30, "by": capped_by})
        )
        funded = limit
    months, extra = divmod(funded, 30)
    return StudentMonths(duration, mobility.travel_days, funded, rate, months, extra, capped_by)


def _eligibility(mobility: Mobility, policy: Policy) -> Notice | None:
    if mobility.is_staff:
        days, minimum = mobility.calendar_days, policy.staff_min_days
    else:
        days = beneficiary_module_days(mobility.start_date, mobility.end_date)
        minimum = policy.student_min_days
    if days < minimum:
        return Notice("below_minimum", {"days": days, "minimum": minimum})
    return None


def calculate(
    mobility: Mobility,
    tables: TableSet,
    gazetteer: Gazetteer,
    policy: Policy,
    *,
    force_majeure: bool = False,
) -> Breakdown:
    """The breakdown of interface §3. ``force_majeure`` (an officer's decision after the
    mobility) pays a stay shorter than the minimum for the days it lasted."""
    category = "staff" if mobility.is_staff else "student"
    selection = tables.select(category, mobility.action, mobility.call_year)
    table = selection.table
    warnings: list[Notice] = []
    if selection.fallback:
        warnings.append(Notice("fallback_table", {"call_year": selection.call_year}))
    classification = _classify(mobility, table)
    rate = table.rates.get(classification.rate_key)
    if rate is None:
        raise GrantError(
            f"{table.name} ({table.path.name}) has no rate '{classification.rate_key}'."
        )

    home = gazetteer.place(
        mobility.sending.city, mobility.sending.country, mobility.sending.lat, mobility.sending.lon
    )
    host = gazetteer.place(
        mobility.receiving.city,
        mobility.receiving.country,
        mobility.receiving.lat,
        mobility.receiving.lon,
    )
    km = distance_km(home, host)
    band = table.travel.band_for(km)
    travel = money(band.amount(mobility.green_travel)) if band else ZERO

    staff = student = None
    if mobility.is_staff:
        staff = _staff_days(mobility, table, rate, policy, warnings)
        support = staff.full_rate_days * staff.daily_rate
        if staff.reduced_daily_rate is not None:
            support += staff.reduced_rate_days * staff.reduced_daily_rate
        required = required_teaching_hours(staff.activity_days)
        hours = mobility.teaching_hours
        if mobility.activity is Activity.TEACHING and hours is not None and hours < required:
            warnings.append(
                Notice(
                    "teaching_hours_low",
                    {"hours": hours, "days": staff.activity_days, "required": required},
                )
            )
    else:
        student = _student_months(mobility, table, rate, policy, warnings)
        support = student.months * rate + student.extra_days * rate / 30
    rated_support = money(support)

    ineligible = None if force_majeure else _eligibility(mobility, policy)
    support = rated_support
    if ineligible is not None or mobility.zero_grant:
        support = travel = ZERO
    total = support + travel
    prefinancing = money(total * policy.prefinancing_share)
    return Breakdown(
        mobility=mobility,
        selection=selection,
        classification=classification,
        home=home,
        host=host,
        distance_km=km,
        band=band,
        policy=policy,
        staff=staff,
        student=student,
        rated_support=rated_support,
        individual_support=support,
        travel=travel,
        total=total,
        prefinancing=prefinancing,
        balance=total - prefinancing,
        ineligible=ineligible,
        warnings=tuple(warnings),
    )
