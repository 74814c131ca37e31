"""The participant's page, reached by the link the office sends: what is still needed, uploads
(drag and drop, or the plain form without JavaScript), each check's answer in plain words, and
the documents the office made for them to sign."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from docservice.access.auth import PARTICIPANT, Principal
from docservice.api import services
from docservice.api.errors import http_status
from docservice.checking import MAX_FILE_BYTES
from docservice.dossier import checklist, view
from docservice.dossier.combine import MAX_FILES, Sent, combined
from docservice.dossier.store import Actor
from docservice.errors import DocserviceError, NotFound
from docservice.formatting import as_lang
from docservice.services import Workflow
from docservice.web.errors import error_text, not_found
from docservice.web.i18n import current_language
from docservice.web.labels import (
    PARTICIPANT_STATUS,
    STATUS,
    check_hint,
    deadline_of,
    deadline_text,
    explain,
    title,
)

bp = Blueprint("participant", __name__, template_folder="templates")
bp.register_error_handler(404, not_found)
# The documents the office makes that the participant signs and uploads back.
TO_SIGN = ("grant_agreement", "mobility_agreement")


def _flow() -> Workflow:
    flow: Workflow = services().flow
    return flow


def _principal(token: str) -> Principal:
    principal = _flow().tokens.authenticate(token)
    if principal is None or principal.role != PARTICIPANT or principal.mobility_id is None:
        abort(404)
    g.principal = principal
    return principal


def _actor(principal: Principal) -> Actor:
    return Actor(principal.label, request.remote_addr)


def problems(report: dict[str, Any] | None) -> list[dict[str, str]]:
    """What to fix: each check that did not pass, in plain words with its detail and hint."""
    if not report:
        return []
    out = []
    for check in report.get("checks", []):
        if check.get("status") == "pass":
            continue
        summary, detail = explain(check)
        hint = check_hint(check)
        out.append({"message": summary, "detail": detail or "", "hint": hint})
    return out


def _estimate(d: view.Dossier, kind: str) -> str:
    """About how long until the check answers, in words; nothing without a history."""
    upload = d.uploads.get(kind)
    seconds = _flow().store.estimate_s(upload, services().settings.workers or 1) if upload else None
    if seconds is None:
        return ""
    if seconds < 90:
        return str(_("About %(num)d seconds more.", num=max(5, round(seconds / 5) * 5)))
    return str(_("About %(num)d minutes more.", num=round(seconds / 60)))


def _items(d: view.Dossier) -> list[dict[str, Any]]:
    out = []
    for item in d.items:
        entry = view.entry(d, item)
        status = entry["status"]
        deadline = deadline_of(d, item.kind)
        out.append(
            {
                "kind": item.kind,
                "phase": item.phase,
                "title": title(item),
                "required": item.required,
                "group": item.group,
                "status": status,
                "status_label": str(STATUS[status]),
                "explanation": str(PARTICIPANT_STATUS[status]),
                "problems": problems(entry["report"]) if status == "failed" else [],
                "reason": (entry["decision"] or {}).get("reason") if status == "rejected" else None,
                "filename": (entry["upload"] or {}).get("filename"),
                "busy": status in checklist.BUSY,
                "estimate": _estimate(d, item.kind) if status in checklist.BUSY else "",
                "deadline": deadline_text(deadline),
                "deadline_status": deadline.status if deadline else None,
            }
        )
    return out


@bp.get("/<token>")
def page(token: str) -> str:
    principal = _principal(token)
    flow = _flow()
    d = flow.dossiers.assemble(principal.mobility_id or "", as_lang(current_language()) or "tr")
    flow.store.record_access(d.row.id, _actor(principal), "dossier.read", "participant page")
    lang = as_lang(current_language()) or "tr"
    profile = services().documents.institution
    return render_template(
        "participant.html",
        token=token,
        d=d,
        items=_items(d),
        summary=checklist.progress(d.items, d.statuses),
        contact={
            "office": profile.office(lang),
            "email": profile.contact_email or profile.email,
            "phone": profile.phone,
        },
        generated=[
            g
            for g in d.generated
            if g["template"] in ("grant_agreement", "mobility_agreement") and not g["revoked"]
        ],
        max_mb=MAX_FILE_BYTES // 2**20,
    )


@bp.get("/<token>/status")
def status(token: str) -> Response:
    principal = _principal(token)
    d = _flow().dossiers.assemble(principal.mobility_id or "")
    return jsonify({"items": _items(d)})


@bp.post("/<token>/upload/<kind>")
def upload(token: str, kind: str) -> Any:
    principal = _principal(token)
    wants_json = request.accept_mimetypes.best == "application/json"
    files = [f for f in request.files.getlist("file") if f.filename][: MAX_FILES + 1]
    try:
        if not files:
            raise NotFound(_("Choose the file to upload first."), code="no_file")
        sent = combined([Sent(f.read(MAX_FILE_BYTES + 1), f.filename or "") for f in files])
        _flow().dossiers.upload(
            principal.mobility_id or "", kind, sent.data, sent.filename, _actor(principal)
        )
    except DocserviceError as error:
        said = error_text(error)  # in the page's language
        if wants_json:
            body = error.to_dict()
            body["error"]["message"] = said
            body["error"].pop("hint", None)  # said holds it
            return jsonify(body), http_status(error)
        flash(said, "error")
        return redirect(url_for("participant.page", token=token) + f"#doc-{kind}")
    if wants_json:
        return jsonify({"ok": True})
    flash(_("Thank you: the document is received and is being checked."), "info")
    return redirect(url_for("participant.page", token=token) + f"#doc-{kind}")


@bp.get("/<token>/generated/<code>/<fmt>")
def generated_file(token: str, code: str, fmt: str) -> Response:
    principal = _principal(token)
    try:
        path, name = _flow().dossiers.generated_file(
            principal.mobility_id or "", code, fmt, _actor(principal)
        )
    except NotFound:
        abort(404)
    return send_file(path, as_attachment=True, download_name=name)
