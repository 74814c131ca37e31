"""The office's own uploads to a dossier (the rectorate assignment it issues, a scan a
participant sent by e-mail) and every earlier upload's file, kept with its report."""

from __future__ import annotations

from flask import Blueprint, abort, request, send_file
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from docservice.checking import MAX_FILE_BYTES
from docservice.dossier import checklist
from docservice.dossier.combine import MAX_FILES, Sent, combined
from docservice.errors import InputError
from docservice.served import send_upload
from docservice.web.office import act, actor, signed_in, workflow

bp = Blueprint("office_uploads", __name__)


@bp.post("/m/<mobility_id>/documents/<kind>/upload")
@signed_in
def upload(mobility_id: str, kind: str) -> Response:
    def action() -> str:
        files = [f for f in request.files.getlist("file") if f.filename][: MAX_FILES + 1]
        if not files:
            raise InputError(_("Choose the file to upload first."))
        sent = combined([Sent(f.read(MAX_FILE_BYTES + 1), f.filename or "") for f in files])
        document, created = workflow().dossiers.upload(
            mobility_id, kind, sent.data, sent.filename, actor()
        )
        if not created:
            return str(_("This file is the one already uploaded; nothing changed."))
        if document["status"] in checklist.BUSY:
            return str(_("The file is received; its check starts in a moment."))
        return str(_("The file is received; accept or reject it below."))

    return act(mobility_id, f"#doc-{kind}", action)


@bp.get("/m/<mobility_id>/documents/<kind>/file")
@signed_in
def current_file(mobility_id: str, kind: str) -> Response:
    """The file a document has now."""
    flow = workflow()
    upload = flow.store.current(mobility_id).get(kind)
    if upload is None or upload.file_deleted_at is not None:
        abort(404)
    path = flow.store.blobs.path(upload.sha256)
    if not path.exists():
        abort(404)
    flow.store.record_access(mobility_id, actor(), "document.download", kind)
    return send_upload(path, upload.filename, inline=True)


@bp.get("/m/<mobility_id>/documents/<kind>/evidence.png")
@signed_in
def evidence(mobility_id: str, kind: str) -> Response:
    flow = workflow()
    upload = flow.store.current(mobility_id).get(kind)
    if upload is None or not upload.evidence_sha256:
        abort(404)
    path = flow.store.blobs.path(upload.evidence_sha256)
    if not path.exists():
        abort(404)
    flow.store.record_access(mobility_id, actor(), "document.evidence", kind)
    response = send_file(path, mimetype="image/png")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/m/<mobility_id>/uploads/<int:upload_id>/file")
@signed_in
def upload_file(mobility_id: str, upload_id: int) -> Response:
    """Any upload of the dossier, the current one or an earlier one."""
    flow = workflow()
    found = flow.store.upload(upload_id)
    if found is None or found.mobility_id != mobility_id or found.file_deleted_at is not None:
        abort(404)
    path = flow.store.blobs.path(found.sha256)
    if not path.exists():
        abort(404)
    flow.store.record_access(
        mobility_id, actor(), "document.download", found.kind, upload=upload_id
    )
    return send_upload(path, found.filename, inline=True)
