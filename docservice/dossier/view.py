"""A dossier as the API shows it (interface §5): the record, the checklist with each document's
status and report, the reconciliation, the planned and final grant, and the dossier's state.

States, in the order a dossier goes through them:

- ``documents_pending``: documents before departure are missing or not yet accepted;
- ``ready_for_prefinancing``: those are complete; the 80 % can be paid; the return documents,
  their reconciliation or the final grant are still open;
- ``prefinancing_paid``: as before, and an officer recorded the prefinancing as paid;
- ``ready_for_balance``: everything is complete and the final grant is more than what was paid;
- ``to_recover``: everything is complete and more was paid than the final grant;
- ``closed``: everything is complete and what was paid is the final grant (the balance paid,
  the excess recovered, or nothing paid for nothing due).

What was paid is what officers recorded (``payments.py``), never what was planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docservice.clock import iso_utc, utc_now
from docservice.dossier import checklist
from docservice.dossier.deadlines import Deadline, deadlines
from docservice.dossier.final import final_grant
from docservice.dossier.payments import (
    BALANCE,
    PREFINANCING,
    RECOVERY,
    Paid,
    paid,
    payment_dict,
)
from docservice.dossier.reconcile import Read, Reconciliation, reconcile
from docservice.dossier.records import STORED
from docservice.errors import GrantError
from docservice.formatting import Lang
from docservice.grants.calculate import Breakdown
from docservice.grants.engine import GrantEngine
from docservice.grants.explain import to_dict
from docservice.mobility import Mobility, parse_mobility
from docservice.storage.models import (
    DecisionRow,
    IssuedDocument,
    MobilityRow,
    PaymentRow,
    UploadRow,
)

DOCUMENTS_PENDING = "documents_pending"
READY_FOR_PREFINANCING = "ready_for_prefinancing"
READY_FOR_BALANCE = "ready_for_balance"
TO_RECOVER = "to_recover"
PREFINANCING_PAID = "prefinancing_paid"
CLOSED = "closed"
STATES = (
    DOCUMENTS_PENDING,
    READY_FOR_PREFINANCING,
    PREFINANCING_PAID,
    READY_FOR_BALANCE,
    TO_RECOVER,
    CLOSED,
)
PAYABLE = (READY_FOR_PREFINANCING, READY_FOR_BALANCE, TO_RECOVER)


@dataclass
class Dossier:
    row: MobilityRow
    mobility: Mobility
    items: list[checklist.Item]
    uploads: dict[str, UploadRow]
    decisions: dict[int, DecisionRow]  # the latest decision per upload
    statuses: dict[str, str]
    reconciliation: Reconciliation
    planned: Breakdown | None
    planned_error: str | None
    final: dict[str, Any] | None
    state: str
    pending: list[str] = field(default_factory=list)
    # The documents generated for the dossier (grant agreement, mobility agreement, …), as
    # ``generated_dict`` shows them; filled in by the workflow, which knows the file store.
    generated: list[dict[str, Any]] = field(default_factory=list)
    payments: list[PaymentRow] = field(default_factory=list)
    paid: Paid = field(default_factory=Paid)
    deadlines: list[Deadline] = field(default_factory=list)


def due_payment(d: Dossier) -> tuple[str, Decimal] | None:
    """What the office pays (or recovers) next, as its state says: the planned prefinancing,
    the final balance, or the excess to recover."""
    if d.state == READY_FOR_PREFINANCING and d.planned is not None and d.planned.prefinancing:
        return PREFINANCING, d.planned.prefinancing
    if d.final is not None and d.state == READY_FOR_BALANCE:
        return BALANCE, Decimal(str(d.final["balance"]))
    if d.final is not None and d.state == TO_RECOVER:
        return RECOVERY, Decimal(str(d.final["to_recover"]))
    return None


def item_status(upload: UploadRow | None, decision: DecisionRow | None) -> str:
    if upload is None:
        return checklist.MISSING
    if decision is not None:
        return decision.decision
    return checklist.REVIEW if upload.status == STORED else upload.status


# Checks by which a document proves whose it is
WHOSE = frozenset({"participant_name", "passenger_name", "identity"})


def belongs(report: dict[str, Any], status: str) -> bool:
    """A document counts for the participant's dates unless its report proved it another
    person's (an officer who accepted it anyway has the last word)."""
    if status == checklist.ACCEPTED:
        return True
    return not any(
        c.get("id") in WHOSE and c.get("status") == "fail" for c in report.get("checks") or []
    )


def assemble(
    row: MobilityRow,
    uploads: dict[str, UploadRow],
    decisions: list[DecisionRow],
    grants: GrantEngine,
    lang: Lang = "en",
    payments: list[PaymentRow] | None = None,
) -> Dossier:
    mobility = parse_mobility(row.record)
    so_far = paid(payments or [])
    items = checklist.items_for(mobility)
    latest = {d.upload_id: d for d in decisions}
    statuses = {
        item.kind: item_status(
            uploads.get(item.kind), latest.get(getattr(uploads.get(item.kind), "id", -1))
        )
        for item in items
    }
    reads = {
        kind: Read(kind, statuses[kind], dict(upload.report.get("fields") or {}))
        for kind, upload in uploads.items()
        if kind in statuses
        and upload.report
        and statuses[kind] != checklist.REJECTED
        and belongs(upload.report, statuses[kind])
    }
    recon = reconcile(mobility, reads)
    planned: Breakdown | None = None
    planned_error = None
    try:
        planned = grants.calculate(mobility)
    except GrantError as exc:
        planned_error = exc.message
    final = None
    pending: list[str] = []
    if not checklist.phase_complete(items, statuses, checklist.BEFORE):
        state = DOCUMENTS_PENDING
        pending = checklist.pending(items, statuses, checklist.BEFORE)
    else:
        state = PREFINANCING_PAID if so_far.prefinancing else READY_FOR_PREFINANCING
        ack = row.reconciliation_ack or {}
        if not checklist.phase_complete(items, statuses, checklist.AFTER):
            pending = checklist.pending(items, statuses, checklist.AFTER)
        elif recon.needs_officer and ack.get("fingerprint") != recon.fingerprint:
            pending = ["an officer's confirmation of the reconciliation findings"]
        elif planned is None:
            pending = [f"a computable grant ({planned_error})"]
        else:
            final, pending = final_grant(
                grants,
                mobility,
                planned,
                recon,
                paid=so_far,
                force_majeure=row.force_majeure,
                lang=lang,
            )
            if final is not None:
                state = (
                    TO_RECOVER
                    if final["balance"] < 0
                    else READY_FOR_BALANCE
                    if final["balance"] > 0
                    else CLOSED
                )
    return Dossier(
        row,
        mobility,
        items,
        uploads,
        latest,
        statuses,
        recon,
        planned,
        planned_error,
        final,
        state,
        pending,
        payments=list(payments or []),
        paid=so_far,
        deadlines=deadlines(mobility, items, statuses, grants.policy, utc_now().date()),
    )


def earlier_uploads(
    d: Dossier, history: list[UploadRow], decisions: list[DecisionRow]
) -> dict[str, list[tuple[UploadRow, str, DecisionRow | None]]]:
    """The uploads each document had before its current one, newest first: each with the
    status it ended with and the decision on it."""
    latest = {x.upload_id: x for x in decisions}
    current = {u.id for u in d.uploads.values()}
    out: dict[str, list[tuple[UploadRow, str, DecisionRow | None]]] = {}
    for upload in history:
        if upload.id not in current:
            said = latest.get(upload.id)
            out.setdefault(upload.kind, []).append((upload, item_status(upload, said), said))
    return out


def upload_dict(upload: UploadRow) -> dict[str, Any]:
    return {
        "id": upload.id,
        "filename": upload.filename,
        "size": upload.size,
        "sha256": upload.sha256,
        "uploaded_at": iso_utc(upload.uploaded_at),
        "uploaded_by": upload.uploaded_by,
        "checked_at": iso_utc(upload.checked_at),
        "attempts": upload.attempts,
        "file_deleted_at": iso_utc(upload.file_deleted_at),
    }


def decision_dict(decision: DecisionRow) -> dict[str, Any]:
    return {
        "decision": decision.decision,
        "reason": decision.reason,
        "by": decision.decided_by,
        "at": iso_utc(decision.decided_at),
    }


def generated_dict(
    doc: IssuedDocument, mobility_id: str, stored: set[str], verify_url: str | None
) -> dict[str, Any]:
    """A document generated for the dossier: what it is, its code, and its files (``stored``
    holds the hashes the file store still has)."""
    base = f"/api/v1/mobilities/{mobility_id}/generated/{doc.code}"
    return {
        "code": doc.code,
        "template": doc.template,
        "lang": doc.lang,
        "issued_at": iso_utc(doc.issued_at),
        "issued_by": doc.issued_by,
        "verify_url": verify_url,
        "revoked": doc.revoked_at is not None,
        "revoked_reason": doc.revoked_reason,
        "superseded_by": doc.superseded_by,
        "summary": doc.summary,
        "files": [
            {
                "format": f.format,
                "size": f.size,
                "signed": f.signed,
                "sha256": f.sha256,
                "download": f"{base}/{f.format}" if f.sha256 in stored else None,
            }
            for f in doc.files
        ],
    }


def entry(d: Dossier, item: checklist.Item) -> dict[str, Any]:
    upload = d.uploads.get(item.kind)
    decision = d.decisions.get(upload.id) if upload else None
    return {
        "kind": item.kind,
        "phase": item.phase,
        "status": d.statuses[item.kind],
        "report": upload.report if upload else None,
        "title": item.title,
        "title_tr": item.title_tr,
        "required": item.required,
        "group": item.group,
        "automatic": item.checked,
        "error": upload.error if upload else None,
        "upload": upload_dict(upload) if upload else None,
        "decision": decision_dict(decision) if decision else None,
    }


def to_json(d: Dossier) -> dict[str, Any]:
    recon = d.reconciliation.to_dict()
    ack = d.row.reconciliation_ack
    recon["fingerprint"] = d.reconciliation.fingerprint
    recon["confirmed"] = (
        ack if ack and ack.get("fingerprint") == d.reconciliation.fingerprint else None
    )
    return {
        "id": d.row.id,
        "reference": d.row.reference,
        "state": d.state,
        "pending": d.pending,
        "record": d.row.record,
        "record_version": d.row.record_version,
        "checklist": [entry(d, item) for item in d.items],
        "reconciliation": recon,
        "grant": {
            "planned": to_dict(d.planned) if d.planned else None,
            "planned_error": d.planned_error,
            "final": d.final,
        },
        "force_majeure": {
            "recorded": d.row.force_majeure,
            "reason": d.row.force_majeure_reason,
        },
        "generated": d.generated,
        "deadlines": [x.to_dict() for x in d.deadlines],
        "payments": [payment_dict(r) for r in d.payments],
        "paid": {
            "prefinancing": float(d.paid.prefinancing),
            "balance": float(d.paid.balance),
            "recovered": float(d.paid.recovered),
            "net": float(d.paid.net),
        },
        "settled_at": iso_utc(d.row.settled_at),
        "created_at": iso_utc(d.row.created_at),
        "updated_at": iso_utc(d.row.updated_at),
    }


def summary(row: MobilityRow) -> dict[str, Any]:
    """A dossier in a list: enough to find it, without the personal details."""
    record = row.record
    participant = record.get("participant", {})
    return {
        "id": row.id,
        "reference": row.reference,
        "state": row.state,
        "participant": " ".join(
            str(participant.get(key, "")) for key in ("given_names", "surname")
        ).strip(),
        "activity": record.get("activity"),
        "start_date": record.get("start_date"),
        "end_date": record.get("end_date"),
        "host": record.get("receiving", {}).get("institution"),
        "updated_at": iso_utc(row.updated_at),
    }
