"""``/api/v1/mobilities``: dossiers, their documents, checks, decisions and grants (§5)."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, jsonify, request, send_file

from docservice.access import audit
from docservice.access.auth import INTEGRATION, OFFICE, PARTICIPANT, Principal, require
from docservice.api import services
from docservice.api.dossier_schemas import (
    AuditOut,
    ConfirmIn,
    DecisionIn,
    DocumentOut,
    DossierList,
    DossierOut,
    ForceMajeureIn,
    GeneratedOut,
    ImportOut,
    LinkOut,
)
from docservice.api.params import form_flag, lang_arg, query_int
from docservice.api.schemas import EXAMPLE_MOBILITY
from docservice.checking import MAX_FILE_BYTES
from docservice.dossier import view
from docservice.dossier.combine import MAX_FILES, Sent, combined
from docservice.dossier.store import Actor
from docservice.errors import MalformedRequest, NotFound
from docservice.generation.service import FORMATS
from docservice.mobility import Mobility
from docservice.served import send_upload
from docservice.services import Workflow
from docservice.tabular import read_rows

bp = APIBlueprint("mobilities", __name__, tag="Dossiers")

STAFF = (OFFICE, INTEGRATION)
ANYONE = (OFFICE, INTEGRATION, PARTICIPANT)


def _flow() -> Workflow:
    flow: Workflow = services().flow
    return flow


def _answer(body: dict[str, Any], status: int) -> Response:
    """A JSON answer with its status, passed through as built (apiflask serializes tuples)."""
    response = jsonify(body)
    response.status_code = status
    return response


def _actor(principal: Principal) -> Actor:
    return Actor(principal.label, request.remote_addr)


def _read(principal: Principal, mobility_id: str, action: str, subject: str | None = None) -> None:
    """Reading a dossier is reading personal data: it goes to the audit log."""
    _flow().store.record_access(mobility_id, _actor(principal), action, subject)


@bp.post("")
@bp.input(Mobility, location="json", arg_name="mobility", example=EXAMPLE_MOBILITY)
@bp.output(DossierOut, status_code=201)
@bp.doc(
    summary="Open a mobility's dossier",
    responses={409: "A dossier for this reference exists", 422: "The record has wrong keys"},
)
def create(mobility: Mobility) -> Response:
    """The body is a mobility record. The answer is the new dossier, with its
    `id` and its checklist, all `missing`."""
    principal = require(*STAFF)
    return _answer(_flow().dossiers.create(mobility, _actor(principal)), 201)


@bp.get("")
@bp.output(DossierList)
@bp.doc(summary="List dossiers")
def listing() -> Response:
    """Newest first. Filters: `state`, `q` (part of the reference); paging: `limit` (at most
    500), `offset`."""
    require(*STAFF)
    limit = query_int("limit", 50, 1, 500) or 50
    offset = query_int("offset", 0) or 0
    state = request.args.get("state")
    if state is not None and state not in view.STATES:
        raise MalformedRequest(
            f"state is one of {', '.join(view.STATES)}, not {state!r}.", code="invalid_input"
        )
    rows, total = _flow().store.listing(
        state=state, query=request.args.get("q"), limit=limit, offset=offset
    )
    return jsonify({"total": total, "items": [view.summary(r) for r in rows]})


@bp.post("/import")
@bp.output(ImportOut)
@bp.doc(summary="Open dossiers from a CSV or XLSX sheet")
def import_sheet() -> Response:
    """Multipart `file`: a .csv or .xlsx with one mobility per row (the columns of the batch
    sheet: `reference`, `participant.surname`, …). Every valid row gets a dossier. A row whose
    reference has one already is a change to it: listed under `existing` with its `changes`,
    or applied and listed under `updated` when `update` is true (an empty cell never clears
    what the dossier holds). A wrong row is under `errors` with its row number and every
    problem by key: the record's rules, a city the gazetteer does not know, an IBAN whose check
    digits fail (or at another bank than the policy's `payment_bank`), the same person on the
    same days as another dossier or row. `dry_run` true: what it would do, nothing stored."""
    principal = require(*STAFF)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise MalformedRequest(
            "Send the sheet as the multipart field 'file' (.csv or .xlsx).", code="unreadable_input"
        )
    update, dry_run = form_flag("update"), form_flag("dry_run")
    rows = read_rows(upload.read(MAX_FILE_BYTES + 1), upload.filename)
    result = _flow().dossiers.import_rows(rows, _actor(principal), update=update, dry_run=dry_run)
    return jsonify(result)


@bp.get("/<string(length=16):mobility_id>")
@bp.output(DossierOut)
@bp.doc(summary="A dossier", responses={404: "No such mobility"})
def get(mobility_id: str) -> Response:
    """The record, the `checklist` (each entry: `kind`, `phase`, `status`, `report`, the upload
    and the officer's decision), the `reconciliation` of the documents' dates with the actual
    stay, the `grant` (`planned`, and `final` once the return documents allow it), the `state`
    and what it is `pending` on."""
    principal = require(*ANYONE)
    dossier = _flow().dossiers.dossier(mobility_id)
    _read(principal, mobility_id, "dossier.read")
    return jsonify(dossier)


@bp.put("/<string(length=16):mobility_id>")
@bp.input(Mobility, location="json", arg_name="mobility", example=EXAMPLE_MOBILITY)
@bp.output(DossierOut)
@bp.doc(summary="Change a dossier's mobility record", responses={409: "The reference differs"})
def replace(mobility_id: str, mobility: Mobility) -> Response:
    """The whole record again, changed (dates, `ects_completed` after return, …). The documents
    already uploaded are checked again against it."""
    principal = require(*STAFF)
    return jsonify(_flow().dossiers.replace(mobility_id, mobility, _actor(principal)))


@bp.put("/<string(length=16):mobility_id>/documents/<kind>")
@bp.output(DocumentOut, status_code=202)
@bp.doc(
    summary="Upload a document to a dossier",
    responses={
        200: "The same file was uploaded before: nothing new to check",
        400: "No file, an empty or unreadable file, or not a PDF, JPEG or PNG",
        404: "No such mobility, or the kind is not on its checklist",
    },
)
def upload(mobility_id: str, kind: str) -> Response:
    """Multipart `file`: PDF (text or scanned), JPEG or PNG; several `file` fields (at most 12:
    boarding passes as separate files, photos of a letter's pages) are checked as one PDF, in
    the order sent. The answer is `202` and the
    document with status `queued`: the check runs in the background; read its status and
    report with GET. Kinds an officer checks (`language_certificate`, `mobility_agreement`,
    `rectorate_assignment`, `grant_agreement`) are stored with status `review`."""
    principal = require(*ANYONE)
    files = [f for f in request.files.getlist("file") if f.filename][: MAX_FILES + 1]
    if not files:
        raise MalformedRequest(
            "Send the document as the multipart field 'file' (PDF, JPEG or PNG).",
            code="unreadable_input",
        )
    sent = combined([Sent(f.read(MAX_FILE_BYTES + 1), f.filename or "") for f in files])
    document, created = _flow().dossiers.upload(
        mobility_id, kind, sent.data, sent.filename, _actor(principal)
    )
    return _answer(document, 202 if created else 200)


@bp.get("/<string(length=16):mobility_id>/documents/<kind>")
@bp.output(DocumentOut)
@bp.doc(summary="A document's status and report", responses={404: "No such mobility or kind"})
def document(mobility_id: str, kind: str) -> Response:
    """`status` (`missing`, `queued`, `checking`, `passed`, `failed`, `review`, `accepted`,
    `rejected`), the `report` once checked, the officer's `decision`, and the `history` of
    uploads."""
    principal = require(*ANYONE)
    out = _flow().dossiers.document(mobility_id, kind)
    _read(principal, mobility_id, "document.read", kind)
    return jsonify(out)


@bp.get("/<string(length=16):mobility_id>/documents/<kind>/file")
@bp.doc(summary="Download the uploaded file", responses={404: "Nothing uploaded"})
def document_file(mobility_id: str, kind: str) -> Response:
    """The current upload's file, for the office (every download is in the audit log)."""
    principal = require(*STAFF)
    flow = _flow()
    flow.store.get(mobility_id)
    upload = flow.store.current(mobility_id).get(kind)
    if upload is None:
        raise NotFound(f"Nothing has been uploaded for {kind}.")
    if upload.file_deleted_at is not None:
        raise NotFound(
            f"The {kind} file was deleted on {upload.file_deleted_at:%Y-%m-%d}, at the end of "
            "its retention period; its report (what was read from it) is kept.",
            code="file_deleted",
        )
    path = flow.store.blobs.path(upload.sha256)
    if not path.exists():
        raise NotFound(
            f"The stored {kind} file is missing from the file store; ask for the document again."
        )
    _read(principal, mobility_id, "document.download", kind)
    return send_upload(path, upload.filename)


@bp.post("/<string(length=16):mobility_id>/documents/<kind>/decision")
@bp.input(DecisionIn, location="json", arg_name="body")
@bp.output(DocumentOut)
@bp.doc(summary="Accept or reject a document", responses={409: "Nothing to decide yet"})
def decide(mobility_id: str, kind: str, body: DecisionIn) -> Response:
    """An officer's decision on the current upload, with the reason; every decision is kept.
    A new upload of the kind starts without one."""
    principal = require(OFFICE)
    return jsonify(
        _flow().dossiers.decide(mobility_id, kind, body.decision, body.reason, _actor(principal))
    )


@bp.put("/<string(length=16):mobility_id>/force-majeure")
@bp.input(ForceMajeureIn, location="json", arg_name="body")
@bp.output(DossierOut)
@bp.doc(summary="Record (or withdraw) force majeure")
def force_majeure(mobility_id: str, body: ForceMajeureIn) -> Response:
    """With force majeure a stay cut below the minimum is paid for the days it lasted."""
    principal = require(OFFICE)
    return jsonify(
        _flow().dossiers.set_force_majeure(
            mobility_id, body.force_majeure, body.reason, _actor(principal)
        )
    )


@bp.post("/<string(length=16):mobility_id>/reconciliation/confirm")
@bp.input(ConfirmIn, location="json", arg_name="body")
@bp.output(DossierOut)
@bp.doc(summary="Confirm the reconciliation's findings", responses={409: "They changed"})
def confirm(mobility_id: str, body: ConfirmIn) -> Response:
    """When the documents' dates disagree, an officer looks and confirms, with a reason, so
    the final grant can be computed from the actual stay. The confirmation names the findings'
    `fingerprint`; when they change, it lapses."""
    principal = require(OFFICE)
    return jsonify(
        _flow().dossiers.confirm_reconciliation(
            mobility_id, body.fingerprint, body.reason, _actor(principal)
        )
    )


@bp.post("/<string(length=16):mobility_id>/generated/<template>")
@bp.output(GeneratedOut, status_code=201)
@bp.doc(
    summary="Generate a document for the dossier",
    responses={
        404: "No such mobility or template",
        422: "The record's grant cannot be computed",
        503: "LibreOffice could not make the PDF",
    },
)
def generate(mobility_id: str, template: str) -> Response:
    """`grant_agreement`, `mobility_agreement`, `certificate_of_attendance` or
    `acceptance_letter`, from the dossier's record. Query: `format=docx|pdf` (default pdf),
    `lang=tr|en`. The file is kept: the answer lists it with its verification code and the
    address to download it from (the participant may download it too, to sign it)."""
    principal = require(*STAFF)
    fmt = request.args.get("format", "pdf")
    if fmt not in FORMATS:
        raise MalformedRequest(f"format must be docx or pdf, not {fmt!r}.", code="invalid_input")
    lang = lang_arg(request.args.get("lang"))
    entry = _flow().dossiers.generate(mobility_id, template, fmt, lang, _actor(principal))
    return _answer(entry, 201)


@bp.get("/<string(length=16):mobility_id>/generated/<code>/<fmt>")
@bp.doc(summary="Download a document generated for the dossier", responses={404: "Not found"})
def generated_file(mobility_id: str, code: str, fmt: str) -> Response:
    """The file as it was generated (every download is in the audit log)."""
    principal = require(*ANYONE)
    path, name = _flow().dossiers.generated_file(mobility_id, code, fmt, _actor(principal))
    return send_file(path, as_attachment=True, download_name=name)


@bp.post("/<string(length=16):mobility_id>/participant-link")
@bp.output(LinkOut, status_code=201)
@bp.doc(summary="Make the participant's link (and revoke older ones)")
def participant_link(mobility_id: str) -> Response:
    """A link for the participant to see their own dossier and upload to it; the token in it
    works as a bearer token for this dossier's routes only. Making a new one revokes the old.
    With the JSON body `{"send": "email"}` the link is e-mailed to the participant's address on
    the record instead of returned (in the participant's language; `email` is its outbox
    entry)."""
    principal = require(*STAFF)
    flow = _flow()
    flow.store.get(mobility_id)  # an unknown dossier is a 404 whatever the body says
    asked = request.get_json(silent=True) if request.is_json else None
    if isinstance(asked, dict) and asked.get("send") not in (None, "email"):
        raise MalformedRequest('send is "email" or absent.', code="invalid_input")
    if isinstance(asked, dict) and asked.get("send") == "email":
        return _answer(flow.links.email(mobility_id, principal.label), 201)
    link = flow.links.make(mobility_id, principal.label)
    return _answer({"url": link.url, "token": link.token, "expires_at": link.expires_at}, 201)


@bp.get("/<string(length=16):mobility_id>/audit")
@bp.output(AuditOut)
@bp.doc(summary="Who read or changed this dossier")
def dossier_audit(mobility_id: str) -> Response:
    require(OFFICE)
    _flow().store.get(mobility_id)
    return jsonify({"entries": audit.entries(_flow().store.sessions, mobility_id=mobility_id)})
