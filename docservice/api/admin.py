"""``/api/v1/audit``, ``/api/v1/webhooks`` and ``/api/v1/tokens``: for the office only."""

from __future__ import annotations

from apiflask import APIBlueprint
from flask import Response, jsonify, request

from docservice.access import audit
from docservice.access.auth import OFFICE, require
from docservice.api import services
from docservice.api.dossier_schemas import AuditOut, DeliveriesOut
from docservice.api.params import query_int
from docservice.services import Workflow

bp = APIBlueprint("admin", __name__, tag="Administration")


def _flow() -> Workflow:
    flow: Workflow = services().flow
    return flow


@bp.get("/audit")
@bp.output(AuditOut)
@bp.doc(summary="The audit log, newest first")
def audit_log() -> Response:
    """Every access to personal data and every decision. Filters: `mobility_id`; paging:
    `limit` (at most 1000) and `before` (an entry id)."""
    require(OFFICE)
    limit = query_int("limit", 200, 1, 1000) or 200
    return jsonify(
        {
            "entries": audit.entries(
                _flow().store.sessions,
                mobility_id=request.args.get("mobility_id") or None,
                limit=limit,
                before=query_int("before", None),
            )
        }
    )


@bp.get("/webhooks/deliveries")
@bp.output(DeliveriesOut)
@bp.doc(summary="The webhook delivery log, newest first")
def deliveries() -> Response:
    """Each event sent to each configured URL: `status` (`pending`, `delivered`, `failed`),
    attempts, the receiver's last answer and the next attempt."""
    require(OFFICE)
    limit = query_int("limit", 100, 1, 1000) or 100
    return jsonify(
        {
            "deliveries": _flow().webhooks.log(
                mobility_id=request.args.get("mobility_id") or None, limit=limit
            )
        }
    )


@bp.get("/tokens")
@bp.doc(summary="The API tokens (never the tokens themselves)")
def tokens() -> Response:
    require(OFFICE)
    return jsonify({"tokens": _flow().tokens.listing()})
