"""Models of the selection API's answers (``/api/v1/calls``, ``/api/v1/history``), for the
OpenAPI document."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ListName = Literal["main", "reserve", "dropped", "withdrawn", "ineligible"]


class CallOut(BaseModel):
    id: str
    name: str
    action: str
    call_year: int
    rules: str = Field(description="the rule set's name (its file is kept with the call)")
    quota: int | None
    places: dict[str, Any] = Field(description="the call's own places per country or region")
    budget: float | None = Field(description="EUR")
    applications_close: str | None
    letters_due: str | None
    project: str | None
    plan: dict[str, Any] = Field(description="the planned mobility: days, start_date, travel_days")
    partners: int = Field(description="partner institutions on file (codes and names)")
    applications: int
    steps: list[dict[str, Any]] | None = Field(
        description="the recorded steps: kind (ranked, letters, withdrawal, dossiers), at, "
        "actor, summary and what each did"
    )


class CallsOut(BaseModel):
    calls: list[CallOut]


class ApplicationsImportOut(BaseModel):
    dry_run: bool
    new: list[str]
    updated: list[str]
    unchanged: int
    total: int


class ApplicationsOut(BaseModel):
    applications: list[dict[str, Any]]


class ApplicationOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    application_id: str


class LetterOut(BaseModel):
    verdict: Literal["pass", "fail", "review"] | None
    checks: dict[str, str]
    fields: dict[str, Any]


class PartnersOut(BaseModel):
    partners: int


class EntryOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    application_id: str
    standing: ListName = Field(alias="list")
    rank: int | None
    score: float | None
    parts: dict[str, float] = Field(description="each point added or taken away, by its id")
    reason: str
    notes: list[str]
    name: str
    host_country: str
    department: str | None
    previous_mobilities: int
    years_of_service: float
    letter: bool | None = Field(description="an acceptance letter by the deadline, once known")


class RankingOut(BaseModel):
    ranking: list[EntryOut]
    counts: dict[str, int]


class StepOut(BaseModel):
    step: dict[str, Any]
    ranking: RankingOut


class BudgetOut(BaseModel):
    budget: float | None
    main_total: float
    main: int
    funded: int = Field(description="main candidates the budget funds, in rank order")
    remaining: float | None
    rows: list[dict[str, Any]]


class DossiersOut(BaseModel):
    made: list[dict[str, str]]
    waiting: list[dict[str, Any]]


class HistoryOut(BaseModel):
    imported: int


FILE_RESPONSES: Any = {
    200: {
        "description": "The lists: JSON, or a file with ?format=",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/RankingOut"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {"type": "string", "format": "binary"}
            },
        },
    },
    404: "No such call",
}
