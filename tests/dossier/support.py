"""What the dossier tests share: records, the return documents, uploads through the API, and a
dossier made ready for departure."""

from __future__ import annotations

import functools
import io
from typing import Any

from werkzeug.test import EnvironBuilder

from samples.records import Survey, render_survey
from tests.support import EXAMPLE, SAMPLES, merge

RETURN_DOCUMENTS = {
    "certificate_of_attendance": "letters/certificate-good-text.pdf",
    "boarding_pass": "travel/boarding-pass-good-text.pdf",
    "entry_exit_record": "records/entry-exit-record-good-text.pdf",
    "eu_survey": "records/eu-survey-good-text.pdf",
}
OFFICER_KINDS = (
    "language_certificate",
    "mobility_agreement",
    "rectorate_assignment",
    "grant_agreement",
)
_counter = iter(range(10_000))


def new_record(**changes: Any) -> dict[str, Any]:
    reference = f"2025-1-TR01-KA131-HED-000123-STA-{next(_counter):04d}"
    return merge(EXAMPLE, {"reference": reference, **changes})


@functools.cache
def survey(reference: str) -> bytes:
    """The sample EU Survey report, for the dossier's own reference."""
    data, _ = render_survey(Survey(reference=reference), "text-pdf")
    return data


def upload(client: Any, mid: str, kind: str, path: str, name: str | None = None) -> Any:
    if kind == "eu_survey" and path == RETURN_DOCUMENTS["eu_survey"]:
        reference = client.get(f"/api/v1/mobilities/{mid}").json["reference"]
        return upload_bytes(client, mid, kind, survey(reference), name or "survey.pdf")
    data = (SAMPLES / path).read_bytes()
    return upload_bytes(client, mid, kind, data, name or path.rsplit("/", 1)[-1])


def upload_bytes(client: Any, mid: str, kind: str, data: bytes, name: str) -> Any:
    # Built here so the spooled body of a large file is closed after the request.
    builder = EnvironBuilder(
        path=f"/api/v1/mobilities/{mid}/documents/{kind}",
        method="PUT",
        data={"file": (io.BytesIO(data), name)},
    )
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()  # a large body is spooled to a file werkzeug keeps open
        builder.close()


def before_departure(office: Any, mid: str) -> None:
    r = upload(office, mid, "acceptance_letter", "letters/acceptance-letter-good-text.pdf")
    assert r.status_code == 202
    for kind in OFFICER_KINDS:
        r = upload_bytes(office, mid, kind, b"%PDF-1.4 signed " + kind.encode(), f"{kind}.pdf")
        assert r.status_code == 202 and r.json["status"] == "review"
        r = office.post(
            f"/api/v1/mobilities/{mid}/documents/{kind}/decision",
            json={"decision": "accepted", "reason": "signed and complete"},
        )
        assert r.status_code == 200 and r.json["status"] == "accepted"


def pay(client: Any, mid: str, kind: str, amount: Any, paid_on: str = "2025-03-01") -> Any:
    """Record a payment as the office's treasury made it."""
    return client.post(
        f"/api/v1/mobilities/{mid}/payments",
        json={"kind": kind, "amount": amount, "paid_on": paid_on},
    )
