"""``/api/v1/documents``: generate one document, or a whole sheet of them into a ZIP."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, request, send_file, url_for

from docservice.api import services
from docservice.api.params import lang_arg
from docservice.api.schemas import EXAMPLE_MOBILITY, BatchJobOut, IssuedDocumentOut, RevokeIn
from docservice.background.jobs import BatchJobs, JobOptions
from docservice.clock import iso_utc
from docservice.errors import InputError, MalformedRequest, NotFound, NotReady
from docservice.generation.service import FORMATS, MEDIA_TYPES
from docservice.generation.templates import TEMPLATE_NAMES
from docservice.generation.verification import public_document
from docservice.mobility import Mobility

bp = APIBlueprint("documents", __name__, tag="Documents")

MAX_SHEET_BYTES = 20 * 1024 * 1024


def _jobs() -> BatchJobs:
    jobs: BatchJobs = services().jobs
    return jobs


def _job(job_id: str) -> Any:
    job = _jobs().get(job_id)
    if job is None:
        raise NotFound(f"There is no batch job {job_id!r}.", code="unknown_job")
    return job


def _job_dict(job: Any) -> dict[str, Any]:
    percent = round(100 * job.done / job.total) if job.total else 0
    out = {
        "id": job.id,
        "status": job.status,
        "done": job.done,
        "total": job.total,
        "percent": percent if job.status != "done" else 100,
        "created_at": iso_utc(job.created_at),
        "finished_at": iso_utc(job.finished_at) if job.finished_at else None,
        "templates": job.options.get("templates"),
        "formats": job.options.get("formats"),
        "documents": job.options.get("documents"),
        "row_errors": job.failed if job.status == "done" else None,
        "error": job.error,
        "status_url": url_for("documents.batch_status", job_id=job.id),
        "download_url": (
            url_for("documents.batch_download", job_id=job.id) if job.status == "done" else None
        ),
    }
    return out


GENERATE_RESPONSES: Any = {
    200: {
        "description": "The document; its verification code is in X-Verification-Code",
        "content": {
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            MEDIA_TYPES["docx"]: {"schema": {"type": "string", "format": "binary"}},
        },
    },
    404: "No such template",
    422: "The record has wrong keys, or its grant cannot be computed",
    503: "LibreOffice could not make the PDF",
}


@bp.post("/<template>")
@bp.input(Mobility, location="json", arg_name="mobility", example=EXAMPLE_MOBILITY)
@bp.doc(summary="Generate a document for a mobility", responses=GENERATE_RESPONSES)
def generate(template: str, mobility: Mobility) -> Response:
    """Render `grant_agreement`, `mobility_agreement`, `certificate_of_attendance` or
    `acceptance_letter` for the record.

    Query: `format=docx|pdf` (default docx), `lang=tr|en` (default: Turkish where the template
    has it). The answer is the file; `X-Verification-Code` carries its code and `X-Verify-URL`
    the address its QR code leads to.
    """
    fmt = request.args.get("format", "docx")
    if fmt not in FORMATS:
        raise MalformedRequest(f"format must be docx or pdf, not {fmt!r}.", code="invalid_input")
    service = services().documents
    result = service.generate(template, mobility, fmt, lang_arg(request.args.get("lang")))
    response = Response(result.data, mimetype=result.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response.headers["X-Verification-Code"] = result.code
    response.headers["X-Verify-URL"] = service.verify_url(result.code)
    response.headers["Access-Control-Expose-Headers"] = "X-Verification-Code, X-Verify-URL"
    return response


@bp.get("/issued/<code>")
@bp.output(IssuedDocumentOut)
@bp.doc(summary="What an issued document is (for the office)", responses={404: "Unknown code"})
def issued(code: str) -> dict[str, Any]:
    """The record of a generated document: what it is, for whom, when, what it states (dates,
    host, amount) and the SHA-256 of each file handed out."""
    doc = services().documents.lookup(code)
    if doc is None:
        raise NotFound(
            f"No document was issued with the code {code!r}; check it for typos.",
            code="unknown_code",
        )
    return _issued(doc)


@bp.post("/issued/<code>/revoke")
@bp.input(RevokeIn, location="json", arg_name="body")
@bp.output(IssuedDocumentOut)
@bp.doc(summary="Withdraw an issued document", responses={404: "Unknown code"})
def revoke(code: str, body: RevokeIn) -> dict[str, Any]:
    """The document stays on record with the reason; its verify page says it is revoked."""
    return _issued(services().documents.revoke(code, body.reason))


def _issued(doc: Any) -> dict[str, Any]:
    return {
        **public_document(doc),
        "template_file": doc.template_file,
        "lang": doc.lang,
        "reference": doc.reference,
        "revoked_reason": doc.revoked_reason,
        "summary": doc.summary,
        "files": [
            {"format": f.format, "sha256": f.sha256, "size": f.size, "signed": f.signed}
            for f in doc.files
        ],
    }


@bp.post("/batch")
@bp.output(BatchJobOut, status_code=202)
@bp.doc(
    summary="Generate documents for a sheet of mobilities (CSV or XLSX) into a ZIP",
    responses={400: "The sheet cannot be read"},
)
def batch() -> tuple[dict[str, Any], int]:
    """Multipart form: `file` (a .csv or .xlsx whose columns are the record's keys, nested keys
    dotted: `participant.surname`), `templates` (comma-separated, default `grant_agreement`),
    `formats` (comma-separated, default `docx,pdf`), `lang` (optional).

    Answers `202` with the job; poll `status_url` for progress and fetch `download_url` when the
    status is `done`. The ZIP holds the files and `manifest.csv` (one line per document or
    unusable row, with its verification code or the reason).
    """
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise MalformedRequest(
            "Send the sheet as the multipart field 'file' (.csv or .xlsx).", code="unreadable_input"
        )
    data = upload.read(MAX_SHEET_BYTES + 1)
    if len(data) > MAX_SHEET_BYTES:
        raise InputError(f"The sheet is larger than {MAX_SHEET_BYTES // 2**20} MB; split it.")
    templates = [t.strip() for t in request.form.get("templates", "grant_agreement").split(",")]
    templates = [t for t in templates if t]
    for name in templates:
        if name not in TEMPLATE_NAMES:
            raise MalformedRequest(
                f"Unknown template {name!r}; choose from {', '.join(TEMPLATE_NAMES)}.",
                code="invalid_input",
            )
    formats = [f.strip() for f in request.form.get("formats", "docx,pdf").split(",") if f.strip()]
    for fmt in formats:
        if fmt not in FORMATS:
            raise MalformedRequest(
                f"formats may name docx and pdf, not {fmt!r}.", code="invalid_input"
            )
    options = JobOptions(
        templates=templates or ["grant_agreement"],
        formats=formats or ["docx", "pdf"],
        lang=lang_arg(request.form.get("lang")),
        filename=upload.filename,
    )
    job = _jobs().submit(data, options)
    return _job_dict(job), 202


@bp.get("/batch/<job_id>")
@bp.output(BatchJobOut)
@bp.doc(summary="A batch job's progress", responses={404: "Unknown job"})
def batch_status(job_id: str) -> dict[str, Any]:
    return _job_dict(_job(job_id))


ZIP_RESPONSES: Any = {
    200: {
        "description": "The ZIP",
        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    },
    404: "Unknown job",
    409: "Not finished",
}


@bp.get("/batch/<job_id>/download")
@bp.doc(summary="The ZIP of a finished batch job", responses=ZIP_RESPONSES)
def batch_download(job_id: str) -> Response:
    job = _job(job_id)
    if job.status != "done":
        raise NotReady(f"The batch job is {job.status}; download it once it is done.")
    return send_file(
        _jobs().result(job_id),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"documents-{job_id[:8]}.zip",
    )
