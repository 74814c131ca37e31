"""The office's payments: each dossier's prefinancing and balance recorded as paid (or an excess
as recovered), what is due now recorded in one go, and the payments of a period as a sheet for
the bank."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from docservice.clock import utc_now
from docservice.dossier import view
from docservice.dossier.payments import bank_rows, period
from docservice.errors import DocserviceError
from docservice.formatting import Lang, as_lang
from docservice.served import send_table
from docservice.services import Workflow
from docservice.tabular import TABLE_FORMATS
from docservice.web.i18n import current_language
from docservice.web.labels import PAYMENT, PAYMENT_COLUMNS
from docservice.web.office import act, actor, flash_error, signed_in, workflow

bp = Blueprint("office_payments", __name__)


def _due(flow: Workflow, lang: Lang) -> list[tuple[view.Dossier, tuple[str, Decimal]]]:
    """The dossiers whose state says a payment is due, with what is due."""
    due = []
    for row in flow.store.payable():
        d = flow.dossiers.assemble(row.id, lang)
        owed = view.due_payment(d)
        if owed is not None:
            due.append((d, owed))
    return due


def _record_due(flow: Workflow, lang: Lang) -> int:
    """Record what is due on each dossier ticked on the page as paid on the day given."""
    done = 0
    for mobility_id in request.form.getlist("mobility")[:500]:
        owed = view.due_payment(flow.dossiers.assemble(mobility_id, lang))
        if owed is None:  # paid meanwhile, or its state moved on
            continue
        try:
            flow.dossiers.record_payment(
                mobility_id,
                owed[0],
                owed[1],
                request.form.get("paid_on", ""),
                request.form.get("bank_reference"),
                actor(),
            )
            done += 1
        except DocserviceError as error:
            flash_error(error)
    return done


@bp.route("/", methods=["GET", "POST"])
@signed_in
def listing() -> Any:
    """What is due now, recorded as paid in one go; and the payments of a period, for the bank."""
    flow = workflow()
    lang = as_lang(current_language()) or "tr"
    if request.method == "POST":
        done = _record_due(flow, lang)
        flash(ngettext("%(num)d payment recorded.", "%(num)d payments recorded.", done), "info")
        return redirect(request.full_path.rstrip("?") or url_for("office_payments.listing"))
    try:
        first, last = period(request.args.get("from"), request.args.get("to"))
    except DocserviceError as error:
        flash_error(error)
        first = last = utc_now().date()
    rows = bank_rows(flow.dossiers.payments.between(first, last))
    fmt = request.args.get("format")
    if fmt in TABLE_FORMATS:
        kinds = {key: str(label) for key, label in PAYMENT.items()}
        for line in rows:
            line["kind"] = kinds.get(line["kind"], line["kind"])
        headings = {key: str(label) for key, label in PAYMENT_COLUMNS.items()}
        return send_table(rows, fmt, f"{_('Payments')}-{first}-{last}", headings)
    return render_template(
        "payments.html",
        due=_due(flow, lang),
        rows=rows,
        first=first.isoformat(),
        last=last.isoformat(),
        today=utc_now().date().isoformat(),
    )


@bp.post("/m/<mobility_id>")
@signed_in
def record(mobility_id: str) -> Response:
    def action() -> str:
        workflow().dossiers.record_payment(
            mobility_id,
            request.form.get("kind", ""),
            request.form.get("amount", ""),
            request.form.get("paid_on", ""),
            request.form.get("bank_reference"),
            actor(),
        )
        return str(_("The payment is recorded."))

    return act(mobility_id, "#payments", action)


@bp.post("/m/<mobility_id>/<int:payment_id>/cancel")
@signed_in
def cancel(mobility_id: str, payment_id: int) -> Response:
    def action() -> str:
        workflow().dossiers.cancel_payment(
            mobility_id, payment_id, request.form.get("reason", ""), actor()
        )
        return str(_("The payment entry is cancelled."))

    return act(mobility_id, "#payments", action)
