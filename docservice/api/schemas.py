"""Response models for the OpenAPI document (requests use :mod:`docservice.mobility` directly)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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

# Bodies sent to us: a boolean is a JSON boolean, a string a JSON string; nothing is coerced
STRICT = ConfigDict(strict=True)


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


class IssuedFileOut(BaseModel):
    format: str
    sha256: str
    size: int
    signed: bool


class IssuedDocumentOut(BaseModel):
    code: str = Field(description="the verification code, DS-XXXX-XXXX-XXXX")
    type: str = Field(description="the template: grant_agreement, mobility_agreement, …")
    title: str
    title_tr: str
    participant_name: str
    issuer: str
    issued_at: str
    valid: bool = Field(description="false once revoked")
    revoked_at: str | None
    template_file: str
    lang: str
    reference: str
    revoked_reason: str | None
    summary: dict[str, Any] = Field(description="what the document states: dates, host, total")
    files: list[IssuedFileOut]


class RevokeIn(BaseModel):
    model_config = STRICT
    reason: str = Field(min_length=1, max_length=2000, description="why the document is withdrawn")


class BatchJobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed", "expired"]
    done: int = Field(description="steps done (rendering, conversion, signing)")
    total: int
    percent: int
    created_at: str
    finished_at: str | None
    templates: list[str] | None
    formats: list[str] | None
    documents: int | None = Field(description="documents in the ZIP, once done")
    row_errors: int | None = Field(description="rows or documents that could not be made")
    error: str | None = Field(description="why the whole job failed")
    status_url: str
    download_url: str | None
