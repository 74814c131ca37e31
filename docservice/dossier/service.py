"""The dossier workflow the API, the command line and the workers share."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from docservice.checks import MAX_FILE_BYTES
from docservice.dossier import checklist, view
from docservice.dossier.store import Actor, DossierStore
from docservice.errors import Conflict, InputError, NotFound, UnreadableInput
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility, parse_mobility
from docservice.webhooks import Webhooks

log = logging.getLogger(__name__)

# What an upload may be: the checkers read PDF, JPEG and PNG; an officer's kinds may also be
# the Word file of an agreement.
_MAGIC = {
    b"%PDF": "PDF",
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"PK\x03\x04": "DOCX",
}


def sniff(data: bytes) -> str | None:
    head = data[:1024].lstrip()
    return next((name for magic, name in _MAGIC.items() if head.startswith(magic)), None)


class Dossiers:
    def __init__(self, store: DossierStore, grants: GrantEngine, webhooks: Webhooks) -> None:
        self.store = store
        self.grants = grants
        self.webhooks = webhooks
        self.enqueue: Callable[[int], None] | None = None  # set by the queue

    def _queue(self, upload_ids: list[int]) -> None:
        if self.enqueue is None:
            return
        for upload_id in upload_ids:
            self.enqueue(upload_id)

    def assemble(self, mobility_id: str) -> view.Dossier:
        row = self.store.get(mobility_id)
        return view.assemble(
            row, self.store.current(mobility_id), self.store.decisions(mobility_id), self.grants
        )

    def dossier(self, mobility_id: str) -> dict[str, Any]:
        return view.to_json(self.assemble(mobility_id))

    def create(self, mobility: Mobility, actor: Actor) -> dict[str, Any]:
        row = self.store.create(mobility, actor)
        return self.refresh(row.id)

    def replace(self, mobility_id: str, mobility: Mobility, actor: Actor) -> dict[str, Any]:
        self._queue(self.store.replace_record(mobility_id, mobility, actor))
        return self.refresh(mobility_id)

    def upload(
        self, mobility_id: str, kind: str, data: bytes, filename: str, actor: Actor
    ) -> tuple[dict[str, Any], bool]:
        row = self.store.get(mobility_id)
        item = checklist.item_for(parse_mobility(row.record), kind)
        if item is None:
            kinds = [i.kind for i in checklist.items_for(parse_mobility(row.record))]
            raise NotFound(
                f"This dossier has no document {kind!r}; its checklist is {', '.join(kinds)}.",
                code="unknown_kind",
            )
        if not data:
            raise UnreadableInput("The file is empty; send the document (PDF, JPEG or PNG).")
        if len(data) > MAX_FILE_BYTES:
            raise InputError(
                f"The file is larger than {MAX_FILE_BYTES // 2**20} MB; send a smaller scan."
            )
        found = sniff(data)
        allowed = ("PDF", "JPEG", "PNG") if item.checked else ("PDF", "JPEG", "PNG", "DOCX")
        if found not in allowed:
            raise UnreadableInput(
                f"{filename or 'The file'} is not a {', '.join(allowed[:-1])} or {allowed[-1]} "
                "file; scan or export the document to PDF and upload that."
            )
        upload, created = self.store.add_upload(
            mobility_id, kind, data, filename, actor, checked=item.checked
        )
        if created and item.checked:
            self._queue([upload.id])
        if created:
            self.refresh(mobility_id)
        return self.document(mobility_id, kind), created

    def document(self, mobility_id: str, kind: str) -> dict[str, Any]:
        d = self.assemble(mobility_id)
        item = next((i for i in d.items if i.kind == kind), None)
        if item is None:
            raise NotFound(
                f"This dossier has no document {kind!r}; its checklist is "
                f"{', '.join(i.kind for i in d.items)}.",
                code="unknown_kind",
            )
        out = view.entry(d, item)
        out["mobility_id"] = mobility_id
        decisions = [x for x in self.store.decisions(mobility_id) if x.kind == kind]
        out["history"] = [
            {
                **view.upload_dict(u),
                "status": u.status,
                "decisions": [view.decision_dict(x) for x in decisions if x.upload_id == u.id],
            }
            for u in self.store.history(mobility_id, kind)
        ]
        return out

    def decide(
        self, mobility_id: str, kind: str, decision: str, reason: str, actor: Actor
    ) -> dict[str, Any]:
        self.store.decide(mobility_id, kind, decision, reason, actor)
        self.webhooks.emit(
            "document.decided",
            {"mobility_id": mobility_id, "kind": kind, "status": decision, "reason": reason},
            mobility_id=mobility_id,
        )
        self.refresh(mobility_id)
        return self.document(mobility_id, kind)

    def set_force_majeure(
        self, mobility_id: str, value: bool, reason: str, actor: Actor
    ) -> dict[str, Any]:
        if value and not reason.strip():
            raise InputError("Say what the force majeure was (it is kept with the decision).")
        self.store.set_force_majeure(mobility_id, value, reason.strip(), actor)
        return self.refresh(mobility_id)

    def confirm_reconciliation(
        self, mobility_id: str, fingerprint: str, reason: str, actor: Actor
    ) -> dict[str, Any]:
        d = self.assemble(mobility_id)
        if not reason.strip():
            raise InputError("Give the reason for confirming the findings (it is kept).")
        if fingerprint != d.reconciliation.fingerprint:
            raise Conflict(
                "The reconciliation changed since it was shown (a document came in or was "
                "decided); read the dossier again and confirm what it says now."
            )
        self.store.confirm_reconciliation(mobility_id, fingerprint, reason.strip(), actor)
        return self.refresh(mobility_id)

    def refresh(self, mobility_id: str) -> dict[str, Any]:
        """Recompute the dossier, store its state, and tell the office's systems when it became
        ready for a payment. Returns the dossier."""
        d = self.assemble(mobility_id)
        old = d.row.state
        if d.state != old and self.store.move_state(mobility_id, old, d.state):
            d.row.state = d.state
            # Back from a later state to ready_for_prefinancing is no new payment.
            if d.state in view.PAYABLE and (
                d.state != view.READY_FOR_PREFINANCING or old == view.DOCUMENTS_PENDING
            ):
                self.webhooks.emit(
                    "dossier.ready_for_payment",
                    {**_payment(d), "previous_state": old},
                    mobility_id=mobility_id,
                )
        return view.to_json(d)

    def checked(self, mobility_id: str, kind: str) -> None:
        """A worker finished a check: tell, and move the dossier on."""
        doc = self.document(mobility_id, kind)
        report = doc.get("report") or {}
        self.webhooks.emit(
            "document.checked",
            {
                "mobility_id": mobility_id,
                "kind": kind,
                "status": doc["status"],
                "verdict": report.get("verdict"),
                "upload": (doc.get("upload") or {}).get("id"),
            },
            mobility_id=mobility_id,
        )
        self.refresh(mobility_id)


def _payment(d: view.Dossier) -> dict[str, Any]:
    payment: dict[str, Any] = {
        "mobility_id": d.row.id,
        "reference": d.row.reference,
        "state": d.state,
        "currency": "EUR",
    }
    if d.state == view.READY_FOR_PREFINANCING and d.planned is not None:
        payment["amount"] = float(d.planned.prefinancing)
    elif d.final is not None:
        payment["amount"] = d.final["balance"]
        payment["total"] = d.final["total"]
    return payment
