"""Models of the dossier API's bodies, for the OpenAPI document and the request validation."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from docservice.dossier.checklist import ItemStatus

Status = ItemStatus
State = Literal[
    "documents_pending",
    "ready_for_prefinancing",
    "prefinancing_paid",
    "ready_for_balance",
    "to_recover",
    "closed",
]
PaymentKind = Literal["prefinancing", "balance", "recovery"]

# Bodies sent to us: a boolean is a JSON boolean, a string a JSON string; nothing is coerced
STRICT = ConfigDict(strict=True)


class UploadOut(BaseModel):
    id: int
    filename: str
    size: int
    sha256: str
    uploaded_at: str
    uploaded_by: str
    checked_at: str | None
    attempts: int
    file_deleted_at: str | None = Field(
        description="when the file was deleted at the end of its retention period (the report "
        "is kept)"
    )


class DecisionOut(BaseModel):
    decision: Literal["accepted", "rejected"]
    reason: str
    by: str
    at: str


class ChecklistEntry(BaseModel):
    kind: str
    phase: Literal["before", "after"]
    status: Status
    report: dict[str, Any] | None = Field(
        description="the check report: verdict, checks with evidence, fields read"
    )
    title: str
    title_tr: str
    required: bool
    group: str | None = Field(description="items of one group are alternatives")
    automatic: bool = Field(description="docservice checks this kind itself")
    error: str | None = Field(description="why a check ended in review without a report")
    upload: UploadOut | None
    decision: DecisionOut | None


class DocumentOut(ChecklistEntry):
    mobility_id: str
    history: list[dict[str, Any]] = Field(description="every upload of this kind, newest first")


class GrantOut(BaseModel):
    planned: dict[str, Any] | None = Field(
        description="the grant breakdown, as /grants/calculate gives it"
    )
    planned_error: str | None
    final: dict[str, Any] | None = Field(
        description="from the actual stay, once the return documents allow it: total, "
        "prefinancing_paid, balance (negative: to recover), to_recover, notes, breakdown"
    )


class GeneratedFileOut(BaseModel):
    format: Literal["docx", "pdf"]
    size: int
    signed: bool
    sha256: str
    download: str | None = Field(description="where to download it; null once it is deleted")


class GeneratedOut(BaseModel):
    code: str = Field(description="the verification code printed on it")
    template: str
    lang: str
    issued_at: str
    issued_by: str | None
    verify_url: str | None
    revoked: bool
    revoked_reason: str | None
    superseded_by: str | None = Field(
        description="the newer document of the same kind and language that replaced this one"
    )
    summary: dict[str, Any]
    files: list[GeneratedFileOut]


class PaymentOut(BaseModel):
    id: int
    kind: PaymentKind
    amount: float
    currency: Literal["EUR"]
    paid_on: str
    bank_reference: str | None
    recorded_by: str
    recorded_at: str
    cancelled: bool
    cancel_reason: str | None


class PaymentIn(BaseModel):
    model_config = STRICT
    kind: PaymentKind = Field(
        description="prefinancing or balance paid to the participant, or recovery (an amount "
        "paid back)"
    )
    amount: float | str = Field(description='in euros: 864, 864.00 or "864,00"')
    paid_on: str = Field(description="the day of the transfer, YYYY-MM-DD", examples=["2025-03-01"])
    bank_reference: str | None = Field(default=None, max_length=120)


class CancelIn(BaseModel):
    model_config = STRICT
    reason: str = Field(min_length=1, max_length=2000)


class DeadlineOut(BaseModel):
    kind: str
    due: str = Field(description="YYYY-MM-DD, from the policy's deadlines")
    status: Literal["met", "waiting", "open", "late"] = Field(
        description="met (passed or accepted), waiting (with the checks or an officer), open "
        "(not yet due), late (due and not sent, or failed or rejected)"
    )


class DossierOut(BaseModel):
    id: str
    reference: str
    state: State
    pending: list[str] = Field(description="what the dossier waits for, in words")
    record: dict[str, Any]
    record_version: int
    checklist: list[ChecklistEntry]
    reconciliation: dict[str, Any] = Field(
        description="status (pending, pass, review, fail), checks, actual stay, fingerprint "
        "and the officer's confirmation"
    )
    grant: GrantOut
    force_majeure: dict[str, Any]
    generated: list[GeneratedOut] = Field(
        description="the documents generated for the dossier, newest first"
    )
    deadlines: list[DeadlineOut] = Field(
        default_factory=list, description="each required document's deadline"
    )
    payments: list[PaymentOut] = Field(
        description="the payments officers recorded, cancelled ones included"
    )
    paid: dict[str, float] = Field(
        description="prefinancing, balance, recovered and net: what was paid, less what came back"
    )
    settled_at: str | None = Field(
        description="when the dossier became ready for the balance or to recover"
    )
    created_at: str
    updated_at: str


class DossierSummary(BaseModel):
    id: str
    reference: str
    state: State
    participant: str
    activity: str | None
    start_date: str | None
    end_date: str | None
    host: str | None
    updated_at: str


class DossierList(BaseModel):
    total: int
    items: list[DossierSummary]


class ImportOut(BaseModel):
    created: list[dict[str, Any]] = Field(description="Rows that became (or would become) dossiers")
    updated: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Rows whose dossier was (with `update`) or would be changed, with `changes`",
    )
    existing: list[dict[str, Any]] = Field(
        description="Rows whose dossier was left as it is (with `changes` when it differs)"
    )
    errors: list[dict[str, Any]] = Field(
        description="Wrong rows: `row`, `reference`, `message` and `problems` (key, message)"
    )


class DecisionIn(BaseModel):
    model_config = STRICT
    decision: Literal["accepted", "rejected"]
    reason: str = Field(
        default="",
        max_length=2000,
        description=(
            "Why: needed to reject a document, or to accept one the checks did not pass; "
            "accepting a document the checks passed may leave it out."
        ),
    )


class ForceMajeureIn(BaseModel):
    model_config = STRICT
    force_majeure: bool
    reason: str = Field(default="", max_length=2000)


class ConfirmIn(BaseModel):
    model_config = STRICT
    fingerprint: str = Field(
        description="the reconciliation's fingerprint, as last read", max_length=200
    )
    reason: str = Field(min_length=1, max_length=2000)


class LinkOut(BaseModel):
    url: str
    token: str | None = Field(
        default=None, description="the link's bearer token (not given when it was e-mailed)"
    )
    expires_at: str | None
    email: dict[str, Any] | None = Field(
        default=None,
        description='with {"send": "email"}: the outbox entry of the e-mail that carries the '
        "link to the address on the record (status queued, or unsent with no mail server)",
    )


class AuditOut(BaseModel):
    entries: list[dict[str, Any]]


class DeliveriesOut(BaseModel):
    deliveries: list[dict[str, Any]]
