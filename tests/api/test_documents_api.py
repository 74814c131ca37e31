"""The documents and verify routes, as the e-Belge portal and a verifying host call them."""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.generation.support import docx_text
from tests.generation.test_batch import ROWS, sheet_csv
from tests.support import close_app, prepared_app, signed_in

Record = Any
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    app = prepared_app(
        {"DATA_DIR": str(tmp_path_factory.mktemp("instance")), "PDF_ENGINE": "batch"}
    )
    app.extensions["docservice"].flow.tasks.start(1)  # batch jobs run on the task queue
    yield app
    close_app(app)


@pytest.fixture
def client(app: Any) -> Iterator[FlaskClient]:
    with signed_in(app) as client:
        yield client


def generate(
    client: FlaskClient, record: dict[str, Any], template: str = "grant_agreement", query: str = ""
) -> Any:
    return client.post(f"/api/v1/documents/{template}{query}", json=record)


def test_generate_docx(client: FlaskClient, record: Record) -> None:
    r = generate(client, record(), query="?lang=en")
    assert r.status_code == 200 and r.mimetype == DOCX
    code = r.headers["X-Verification-Code"]
    assert r.headers["X-Verify-URL"].endswith(f"/verify/{code}")
    assert "attachment" in r.headers["Content-Disposition"]
    assert "grant_agreement-2025-1-TR01" in r.headers["Content-Disposition"]
    text = docx_text(r.data)
    assert "€1,080.00" in text and code in text


def test_generate_errors_are_json(client: FlaskClient, record: Record) -> None:
    r = generate(client, record(), template="invoice")
    assert r.status_code == 404 and r.json["error"]["code"] == "unknown_template"
    r = generate(client, record(), query="?format=odt")
    assert r.status_code == 400 and "docx or pdf" in r.json["error"]["message"]
    r = generate(client, record(), query="?lang=de")
    assert r.status_code == 400
    bad = record()
    del bad["participant"]
    r = generate(client, bad)
    assert r.status_code == 422 and r.json["error"]["code"] == "invalid_record"
    r = generate(client, record(receiving={"city": "Atlantis"}))
    assert r.status_code == 422 and r.json["error"]["code"] == "unknown_city"


def test_verify_page_and_json(client: FlaskClient, record: Record) -> None:
    r = generate(client, record(), template="certificate_of_attendance")
    code = r.headers["X-Verification-Code"]
    page = client.get(f"/verify/{code}", headers={"Accept-Language": "tr"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Geçerli belge" in html and "Şükrü Öztürk" in html and "Katılım belgesi" in html
    assert "sukru.ozturk@example.edu.tr" not in html and "Heidelberg" not in html
    as_json = client.get(f"/verify/{code}", headers={"Accept": "application/json"})
    assert as_json.json["valid"] is True and as_json.json["participant_name"] == "Şükrü Öztürk"
    typed = client.get(f"/verify/{code.lower().replace('-', '')}")
    assert typed.status_code == 301 and typed.headers["Location"].endswith(f"/verify/{code}")


def test_verify_unknown_codes(client: FlaskClient) -> None:
    page = client.get("/verify/DS-0000-0000-0001?lang=en")  # wrong check symbol
    assert page.status_code == 404 and "not a valid verification code" in page.get_data(True)
    page = client.get("/verify/DS-0000-0000-0000?lang=en")
    assert page.status_code == 404 and "No document was issued" in page.get_data(True)
    missing = client.get("/verify/DS-0000-0000-0000", headers={"Accept": "application/json"})
    assert missing.status_code == 404 and missing.json["error"]["code"] == "unknown_code"
    assert client.get("/verify").status_code == 200
    assert client.get("/verify?code=abc").status_code == 302


def test_uploaded_file_is_checked(client: FlaskClient, record: Record) -> None:
    r = generate(client, record())
    code, data = r.headers["X-Verification-Code"], r.data
    ok = client.post(
        f"/verify/{code}",
        data={"file": (io.BytesIO(data), "ga.docx")},
        headers={"Accept": "application/json"},
    )
    assert ok.json["status"] == "authentic" and ok.json["matches_code"] is True
    changed = bytearray(data)
    changed[len(changed) // 3] ^= 1
    bad = client.post("/verify", data={"file": (io.BytesIO(bytes(changed)), "ga.docx")})
    assert bad.status_code == 200
    assert "Altered" in bad.get_data(as_text=True) or "Değiştirilmiş" in bad.get_data(True)
    as_json = client.post(
        "/verify?format=json", data={"file": (io.BytesIO(bytes(changed)), "ga.docx")}
    )
    assert as_json.json["status"] == "altered" and as_json.json["code"] == code
    empty = client.post("/verify", data={}, headers={"Accept": "application/json"})
    assert empty.status_code == 422 and "the code printed" in empty.json["error"]["hint"]


def test_verify_page_never_calls_an_altered_file_valid(client: FlaskClient, record: Record) -> None:
    r = generate(client, record())
    code, data = r.headers["X-Verification-Code"], bytearray(r.data)
    data[len(data) // 3] ^= 1
    page = client.post(
        f"/verify/{code}?lang=tr", data={"file": (io.BytesIO(bytes(data)), "ga.docx")}
    ).get_data(as_text=True)
    assert "Geçerli belge" not in page and page.count("Değiştirilmiş") == 2, page
    assert "en az bir bayt farklı" in page and "ALTERED" not in page  # said in Turkish
    # the issuer and the date as Turkish writes them
    assert "Anadolu Demo Üniversitesi" in page and "Anatolia" not in page
    assert re.search(
        r"<dd>\d{1,2} (Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|"
        r"Ekim|Kasım|Aralık) \d{4}</dd>",
        page,
    ), page
    english = client.post(
        f"/verify/{code}?lang=en", data={"file": (io.BytesIO(bytes(r.data)), "ga.docx")}
    ).get_data(as_text=True)
    assert "Valid document" in english and "Anatolia Demo University" in english


def test_issued_document_for_the_office(client: FlaskClient, record: Record) -> None:
    r = generate(client, record())
    code = r.headers["X-Verification-Code"]
    info = client.get(f"/api/v1/documents/issued/{code}").json
    assert info["summary"]["total"] == 1080.0 and info["reference"].startswith("2025-1-TR01")
    assert info["files"][0]["format"] == "docx" and len(info["files"][0]["sha256"]) == 64
    assert client.get("/api/v1/documents/issued/DS-0000-0000-0000").status_code == 404


def test_batch_job(client: FlaskClient) -> None:
    r = client.post(
        "/api/v1/documents/batch",
        data={
            "file": (io.BytesIO(sheet_csv(ROWS)), "mobilities.csv"),
            "templates": "grant_agreement,acceptance_letter",
            "formats": "docx",
            "lang": "tr",
        },
    )
    assert r.status_code == 202, r.json
    job = r.json
    deadline = time.monotonic() + 60
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(job["status_url"]).json
    assert job["status"] == "done", job
    assert job["documents"] == 5 and job["row_errors"] == 2 and job["percent"] == 100
    with client.get(job["download_url"]) as z:
        assert z.status_code == 200 and z.mimetype == "application/zip"
        with zipfile.ZipFile(io.BytesIO(z.data)) as archive:
            names = archive.namelist()
    assert "manifest.csv" in names and sum(n.endswith(".docx") for n in names) == 5


def test_batch_refuses_bad_input(client: FlaskClient) -> None:
    r = client.post("/api/v1/documents/batch", data={})
    assert r.status_code == 400
    r = client.post("/api/v1/documents/batch", data={"file": (io.BytesIO(b"a,b\n1,2\n"), "x.csv")})
    assert r.status_code == 422 and "reference" in r.json["error"]["message"]
    r = client.post(
        "/api/v1/documents/batch",
        data={"file": (io.BytesIO(sheet_csv()), "x.csv"), "templates": "invoice"},
    )
    assert r.status_code == 400
    assert client.get("/api/v1/documents/batch/nope").status_code == 404


def test_openapi_describes_documents_and_verify(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    paths = spec["paths"]
    assert "/api/v1/documents/{template}" in paths and "/verify/{code}" in paths
    batch = paths["/api/v1/documents/batch"]["post"]["requestBody"]["content"]
    assert "file" in batch["multipart/form-data"]["schema"]["properties"]


@pytest.mark.pdf
def test_generate_pdf_warm(tmp_path: Path, record: Record) -> None:
    app = prepared_app({"DATA_DIR": str(tmp_path), "PDF_ENGINE": "warm"})
    try:
        with signed_in(app) as client:
            first = generate(client, record(), query="?format=pdf")
            assert first.status_code == 200 and first.mimetype == "application/pdf"
            again = generate(client, record(), query="?format=pdf&lang=en")
            assert again.data.startswith(b"%PDF-")
            code = again.headers["X-Verification-Code"]
            check = client.post(
                f"/verify/{code}",
                data={"file": (io.BytesIO(again.data), "ga.pdf")},
                headers={"Accept": "application/json"},
            )
            assert check.json["status"] == "authentic"
            assert check.json["signature"]["intact"] is True
    finally:
        app.extensions["docservice"].documents.close()


def test_revoke_an_issued_document(client: FlaskClient, record: Record) -> None:
    r = generate(client, record(), template="acceptance_letter")
    code, data = r.headers["X-Verification-Code"], r.data
    no_reason = client.post(f"/api/v1/documents/issued/{code}/revoke", json={"reason": ""})
    assert no_reason.status_code == 422
    done = client.post(f"/api/v1/documents/issued/{code}/revoke", json={"reason": "wrong dates"})
    assert done.status_code == 200
    assert done.json["valid"] is False and done.json["revoked_reason"] == "wrong dates"
    page = client.get(f"/verify/{code}?lang=en").get_data(as_text=True)
    assert "Revoked document" in page
    check = client.post(
        "/verify?format=json", data={"file": (io.BytesIO(data), "letter.docx")}
    ).json
    assert check["status"] == "revoked" and check["valid"] is False
    missing = client.post("/api/v1/documents/issued/DS-0000-0000-0000/revoke", json={"reason": "x"})
    assert missing.status_code == 404


def test_finished_batches_expire(tmp_path: Path) -> None:
    import datetime as dt

    from docservice.background.jobs import BatchJobs, JobOptions

    app = prepared_app({"DATA_DIR": str(tmp_path), "PDF_ENGINE": "batch"})
    app.extensions["docservice"].flow.tasks.start(1)
    jobs: BatchJobs = app.extensions["docservice"].jobs
    job = jobs.submit(
        sheet_csv(ROWS[:1]), JobOptions(["acceptance_letter"], ["docx"], None, "s.csv")
    )
    deadline = time.monotonic() + 30
    while (state := jobs.get(job.id)) is not None and state.status != "done":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    zip_path = jobs.result(job.id)
    assert zip_path.exists() and (zip_path.stat().st_mode & 0o077) == 0
    jobs.retention = dt.timedelta(0)
    assert jobs.expire() == 1
    assert not zip_path.exists()
    state = jobs.get(job.id)
    assert state is not None and state.status == "expired"
    with signed_in(app) as client:
        r = client.get(f"/api/v1/documents/batch/{job.id}/download")
        assert r.status_code == 409 and "expired" in r.json["error"]["message"]
    close_app(app)


def test_a_batch_job_runs_once_and_a_stopped_workers_job_is_taken_over(tmp_path: Path) -> None:
    import datetime as dt

    from sqlalchemy import update

    from docservice.background.jobs import BatchJobs, JobOptions
    from docservice.background.queue import Unqueued
    from docservice.clock import utc_now
    from docservice.storage.models import BatchJob

    app = prepared_app({"DATA_DIR": str(tmp_path), "PDF_ENGINE": "batch"})
    services = app.extensions["docservice"]
    # a queue that lost every message: the job waits in the database for a sweep
    jobs = BatchJobs(services.documents, services.sessions, tmp_path / "batches", Unqueued())
    options = JobOptions(["acceptance_letter"], ["docx"], None, "s.csv")
    job = jobs.submit(sheet_csv(ROWS[:1]), options)
    assert jobs.get(job.id).status == "queued"  # type: ignore[union-attr]
    assert jobs.left_behind(dt.timedelta(0)) == [job.id]
    jobs.run(job.id)
    assert jobs.get(job.id).status == "done"  # type: ignore[union-attr]
    jobs.run(job.id)  # queued twice: the second message finds it done
    assert jobs.left_behind(dt.timedelta(0)) == []
    # a job whose worker stopped mid-way: taken over once its lease ran out, never before
    other = jobs.submit(sheet_csv(ROWS[:1]), options)
    with services.sessions.begin() as session:
        session.execute(
            update(BatchJob)
            .where(BatchJob.id == other.id)
            .values(status="running", worker="gone:1", lease_until=utc_now() + dt.timedelta(60))
        )
    jobs.run(other.id)
    assert jobs.get(other.id).status == "running"  # type: ignore[union-attr]
    assert jobs.left_behind(dt.timedelta(0)) == []
    with services.sessions.begin() as session:
        session.execute(
            update(BatchJob).where(BatchJob.id == other.id).values(lease_until=utc_now())
        )
    assert jobs.left_behind(dt.timedelta(0)) == [other.id]
    jobs.run(other.id)
    finished = jobs.get(other.id)
    assert finished is not None and finished.status == "done" and finished.worker != "gone:1"
    close_app(app)
