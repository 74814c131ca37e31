"""``/api/v1/checks``: check one uploaded document against a mobility (interface §4)."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import request

from docservice.api import services
from docservice.checking import check_stream, picture_uri
from docservice.errors import MalformedRequest
from docservice.mobility import load_mobility_text

bp = APIBlueprint("checks", __name__, tag="Checks")

CHECK_RESPONSES: Any = {
    200: "The report: verdict, checks with evidence, fields read",
    400: "No file, an unreadable file, or a mobility that is not JSON",
    413: "The file is past a limit: its size, pages, page size, pixels, or the memory one "
    "check may take",
    422: "The mobility record has wrong keys, or the check took longer than one check may",
    503: "The OCR engine failed",
}


@bp.post("/<kind>")
@bp.doc(summary="Check an uploaded document against a mobility", responses=CHECK_RESPONSES)
def check(kind: str) -> dict[str, Any]:
    """Multipart form: `file` (PDF, text or scanned, JPEG or PNG) and `mobility` (the record as
    JSON text). Kinds: `acceptance_letter`, `certificate_of_attendance`, `boarding_pass`,
    `passport_stamps`, `entry_exit_record`, `eu_survey`.
    Travel documents are judged against the sending and receiving cities (the gazetteer, or the
    record's `lat`/`lon`) and the office policy's travel window.

    The answer is the check report: `verdict` (`pass`, `fail`, `review`), each check
    with `id`, `status`, `message`, `hint` and `evidence` (`page`, `box` as page fractions x0, y0,
    x1, y1, `text`), and the `fields` read. Add `?annotate=1` for `annotation`, a PNG data URI of
    the evidence drawn on the page (each box numbered as the checks are listed, from 1). Add
    `?lang=tr` for the checks' messages and hints in Turkish.
    """
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise MalformedRequest(
            "Send the document as the multipart field 'file' (PDF, JPEG or PNG).",
            code="unreadable_input",
        )
    record = request.form.get("mobility")
    if not record:
        raise MalformedRequest(
            "Send the mobility record as the multipart field 'mobility' (JSON text).",
            code="invalid_input",
        )
    mobility = load_mobility_text(record, origin="The field 'mobility'")
    with_picture = request.args.get("annotate") in ("1", "true", "yes")
    report, png = check_stream(
        kind,
        upload.stream,
        upload.filename,
        mobility,
        services().settings,
        services().grants,
        with_picture=with_picture,
    )
    if png is not None:
        report["annotation"] = picture_uri(png)
    return report
