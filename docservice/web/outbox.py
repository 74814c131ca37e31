"""The office's e-mail: a participant's link sent by e-mail from the mobility page, and the
outbox, where every message docservice sends is listed with its state."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from docservice.web.office import act, signed_in, workflow

bp = Blueprint("office_mail", __name__)


@bp.post("/m/<mobility_id>/participant-link/email")
@signed_in
def email_link(mobility_id: str) -> Response:
    def action() -> str:
        flow = workflow()
        sent = flow.links.email(mobility_id, g.user.label)["email"]
        if flow.mailer.configured:
            return str(_("A new link is on its way to %(address)s.", address=sent["to"]))
        return str(
            _(
                "A new link was made, but no mail server is set up: the e-mail to %(address)s "
                "waits in the outbox unsent. Ask the administrator to set DOCSERVICE_SMTP_URL.",
                address=sent["to"],
            )
        )

    return act(mobility_id, "#participant", action)


@bp.get("/outbox/")
@signed_in
def outbox() -> Any:
    flow = workflow()
    return render_template(
        "outbox.html", mails=flow.mailer.outbox(), configured=flow.mailer.configured
    )
