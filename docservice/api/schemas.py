"""Response models for the OpenAPI document (requests use :mod:`docservice.mobility` directly)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

EXAMPLE_MOBILITY: dict[str, Any] = {
    "reference": "2025-1-TR01-KA131-HED-000123-STA-07",
    "action": "KA131",
    "activity": "teaching",
    "call_year": 2024,
    "participant": {
        "given_names": "Şükrü",
        "surname": "Öztürk",
        "title": "Dr.",
        "email": "sukru.ozturk@example.edu.tr",
        "category": "academic",
        "nationality": "TR",
    },
    "sending": {
        "institution": "Karadeniz Technical University",
        "erasmus_code": "TR TRABZON01",
        "city": "Trabzon",
        "country": "TR",
    },
    "receiving": {
        "institution": "Heidelberg University",
        "erasmus_code": "D HEIDELB01",
        "city": "Heidelberg",
        "country": "DE",
    },
    "start_date": "2025-03-10",
    "end_date": "2025-03-14",
    "travel_days": 0,
    "green_travel": False,
    "zero_grant": False,
    "teaching_hours": 8,
}


class PlaceOut(BaseModel):
    name: str
    country: str
    lat: float
    lon: float
    source: Literal["gazetteer", "record"]


class NoticeOut(BaseModel):
    code: str
    message: str


class GrantBreakdown(BaseModel):
    """Interface §3. Staff carry ``funded_days``/``daily_rate``; students ``monthly_rate``,
    ``months`` and ``extra_days``."""

    currency: Literal["EUR"]
    rate_table: str
    country_group: str = Field(description='"1", "2", "3", or "partner" (regions 1–12)')
    distance_km: float = Field(description="one-way great-circle distance")
    distance_band: str | None
    green_travel: bool
    funded_days: int | None = None
    daily_rate: float | None = None
    monthly_rate: float | None = None
    months: int | None = None
    extra_days: int | None = None
    individual_support: float
    travel: float
    total: float
    prefinancing: float
    balance: float
    category: Literal["staff", "student"]
    call_year: int
    rate_table_source: str
    region: int | None = Field(description="partner region (1–14) of the host country")
    prefinancing_share: float
    eligible: bool = Field(description="false when the period is below the policy's minimum")
    zero_grant: bool
    home: PlaceOut
    host: PlaceOut
    activity_days: int | None = None
    travel_days: int
    full_rate_days: int | None = None
    reduced_rate_days: int | None = None
    reduced_daily_rate: float | None = None
    duration_days: int | None = Field(None, description="students: Beneficiary Module days")
    warnings: list[NoticeOut]
    trace: list[str] = Field(description="the calculation in words, in the requested language")


class RateTableOut(BaseModel):
    name: str
    category: Literal["staff", "student"]
    call: int
    actions: list[str]
    rates: dict[str, float]
    country_groups: str
    travel_bands: str
    source: str


class RateTablesOut(BaseModel):
    tables: list[RateTableOut]
