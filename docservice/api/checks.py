"""``/api/v1/checks``: check one uploaded document against a mobility (interface §4)."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import current_app, request

from docservice.checks import MAX_FILE_BYTES, picture_uri, run_check
from docservice.errors import InputError, UnreadableInput
from docservice.mobility import load_mobility_text

bp = APIBlueprint("checks", __name__, tag="Checks")

CHECK_RESPONSES: Any = {
    200: "The report: verdict, checks with evidence, fields read",
    400: "No file, an unreadable file, or a mobility that is not JSON",
    422: "The mobility record has wrong keys",
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

    The answer is the report of interface §4: `verdict` (`pass`, `fail`, `review`), each check
    with `id`, `status`, `message`, `hint` and `evidence` (`page`, `box` as page fractions x0, y0,
    x1, y1, `text`), and the `fields` read. Add `?annotate=1` for `annotation`, a PNG data URI of
    the evidence drawn on the page.
    """
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise UnreadableInput("Send the document as the multipart field 'file' (PDF, JPEG or PNG).")
    record = request.form.get("mobility")
    if not record:
        raise InputError("Send the mobility record as the multipart field 'mobility' (JSON text).")
    mobility = load_mobility_text(record, origin="The field 'mobility'")
    data = upload.read(MAX_FILE_BYTES + 1)
    with_picture = request.args.get("annotate") in ("1", "true", "yes")
    report, png = run_check(
        kind,
        data,
        mobility,
        filename=upload.filename,
        with_picture=with_picture,
        grants=current_app.extensions["docservice.grants"],
    )
    if png is not None:
        report["annotation"] = picture_uri(png)
    return report
