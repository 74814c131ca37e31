"""Payments: an officer records the prefinancing and the balance as paid (or an amount as
recovered), and takes the payments of a period to the bank as a sheet."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, jsonify, request

from docservice.access.auth import OFFICE, require
from docservice.api import services
from docservice.api.dossier_schemas import CancelIn, DossierOut, PaymentIn
from docservice.api.params import LARGEST
from docservice.dossier.payments import bank_rows, period
from docservice.dossier.store import Actor
from docservice.errors import MalformedRequest, NotFound
from docservice.served import send_table
from docservice.services import Workflow
from docservice.tabular import TABLE_FORMATS

bp = APIBlueprint("payments", __name__, tag="Payments")


def _flow() -> Workflow:
    flow: Workflow = services().flow
    return flow


def _actor() -> Actor:
    return Actor(require(OFFICE).label, request.remote_addr)


@bp.post("/mobilities/<string(length=16):mobility_id>/payments")
@bp.input(PaymentIn, location="json", arg_name="body")
@bp.output(DossierOut, status_code=201)
@bp.doc(summary="Record a payment", responses={409: "One of this kind is already recorded"})
def record(mobility_id: str, body: PaymentIn) -> Response:
    """The prefinancing or the balance as paid, or an amount as recovered; the dossier's state
    and its final balance follow. One of each kind per dossier: cancel a wrong one first."""
    actor = _actor()
    dossier = _flow().dossiers.record_payment(
        mobility_id, body.kind, body.amount, body.paid_on, body.bank_reference, actor
    )
    response = jsonify(dossier)
    response.status_code = 201
    return response


@bp.post("/mobilities/<string(length=16):mobility_id>/payments/<int:payment_id>/cancel")
@bp.input(CancelIn, location="json", arg_name="body")
@bp.output(DossierOut)
@bp.doc(summary="Cancel a payment recorded by mistake", responses={404: "No such payment"})
def cancel(mobility_id: str, payment_id: int, body: CancelIn) -> Response:
    """The entry stays listed, marked cancelled with the reason."""
    actor = _actor()
    if payment_id > LARGEST:  # no payment has a number past what the database holds
        raise NotFound(f"There is no payment {payment_id} in this dossier.", code="not_found")
    return jsonify(_flow().dossiers.cancel_payment(mobility_id, payment_id, body.reason, actor))


@bp.get("/payments")
@bp.doc(
    summary="The payments of a period, for the bank",
    responses={200: "JSON, CSV or XLSX", 400: "A date or the format is wrong"},
)
def listing() -> Any:
    """Query: `from`, `to` (YYYY-MM-DD, both included; this month by default), `format=json`
    (default), `csv` or `xlsx`. Each payment: day, name, IBAN, amount, kind and the mobility's
    reference."""
    require(OFFICE)
    first, last = period(request.args.get("from"), request.args.get("to"))
    fmt = request.args.get("format", "json")
    if fmt != "json" and fmt not in TABLE_FORMATS:
        raise MalformedRequest(f"format must be json, csv or xlsx, not {fmt!r}.")
    rows = bank_rows(_flow().dossiers.payments.between(first, last))
    if fmt == "json":
        return jsonify({"from": first.isoformat(), "to": last.isoformat(), "payments": rows})
    return send_table(rows, fmt, f"payments-{first.isoformat()}-{last.isoformat()}")
