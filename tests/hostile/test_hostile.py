"""Hostile files and bad input, sent as an attacker would: every one ends in a clean error that
names what is wrong (a 4xx with a JSON error, the command line's exit 3), within seconds, with
no traceback, and with the server's own memory untouched (the check runs in a child under
limits). The files are made at test time (``files.py``) and are small on disk."""

from __future__ import annotations

import io
import json
import os
import resource
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from werkzeug.test import EnvironBuilder

from checkers.travel import TravelRule
from docservice import checking
from docservice.cli import main
from docservice.safejson import MAX_DEPTH
from docservice.served import send_upload
from docservice.tabular import spreadsheet_text
from tests.dossier.conftest import close_app, make_app
from tests.dossier.support import new_record, upload_bytes
from tests.hostile import files
from tests.support import EXAMPLE, SAMPLES, signed_in
from tests.web.conftest import PASSWORD
from tests.web.test_pages import signed_in_client, token_of

STAFF = SAMPLES / "mobility" / "staff-teaching-ka131-heidelberg.json"

FILES: dict[str, tuple[Callable[[], bytes], int, str]] = {
    "a page of 70 m": (files.pdf_huge_page, 413, "too_large"),
    "a stream inflating to 1 GiB": (files.pdf_inflating_stream, 413, "too_large"),
    "a page tree in a loop": (files.pdf_circular_page_tree, 422, "unreadable_input"),
    "a PNG claiming 50000 × 50000": (lambda: files.png_claiming(50000, 50000), 413, "too_large"),
    "a JPEG claiming 65500 × 65500": (lambda: files.jpeg_claiming(65500, 65500), 413, "too_large"),
    "31 MB": (lambda: b"%PDF-1.4\n" + bytes(31 * 2**20), 413, "too_large"),
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    app = make_app(tmp_path_factory.mktemp("instance"), WORKERS=0, VERIFY_RATE_LIMIT="1000/minute")
    app.extensions["docservice"].users.create("ayse", "Ayşe Yılmaz", PASSWORD)
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def office(app: Any) -> Any:
    return signed_in(app, "office")


def post_form(client: Any, path: str, form: dict[str, Any], **headers: str) -> Any:
    """A multipart POST whose spooled body is closed afterwards (a large one is a file)."""
    builder = EnvironBuilder(path=path, method="POST", data=form, headers=headers)
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def clean(r: Any, status: int, code: str) -> dict[str, Any]:
    """The answer is the expected JSON error, and says something a person can act on."""
    body = r.get_data(as_text=True)
    assert "Traceback" not in body and 'File "/' not in body, body
    assert r.status_code == status, body
    error = r.json["error"]
    assert error["code"] == code and len(error["message"]) > 30, error
    return error


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("name", FILES)
def test_a_hostile_file_to_the_check_api_gets_a_clean_error(office: Any, name: str) -> None:
    make, status, code = FILES[name]
    data = make()
    before = peak_mb()
    began = time.monotonic()
    r = post_form(
        office,
        "/api/v1/checks/acceptance_letter",
        {"file": (io.BytesIO(data), "upload.pdf"), "mobility": json.dumps(EXAMPLE)},
    )
    assert time.monotonic() - began < 10
    clean(r, status, code)
    assert peak_mb() - before < 512  # the server's own memory: the child took the blow
    assert office.get("/health").status_code == 200


@pytest.mark.parametrize("name", ["a page of 70 m", "a page tree in a loop"])
def test_a_hostile_file_on_the_command_line_exits_3_with_a_json_error(
    tmp_path: Path, name: str
) -> None:
    make, _status, code = FILES[name]
    path = tmp_path / "upload.pdf"
    path.write_bytes(make())
    env = {"DOCSERVICE_DATA_DIR": str(tmp_path / "instance")}
    run = CliRunner().invoke(
        main, ["check", "acceptance_letter", str(path), "--mobility", str(STAFF), "--json"],
        env=env,
    )  # fmt: skip
    assert run.exit_code == 3, run.output
    assert json.loads(run.output)["error"]["code"] == code


def test_the_check_itself_stays_within_its_memory(tmp_path: Path) -> None:
    path = tmp_path / "upload.pdf"
    path.write_bytes(files.pdf_large_blank_pages())  # rendered at a lower resolution
    limits = checking.Limits()
    answer = checking.execute(
        "acceptance_letter", path, path.name, EXAMPLE, TravelRule(), limits=limits
    )
    assert answer is not None and answer.what == checking.OK and answer.peak_mb is not None
    assert answer.peak_mb < 200 + limits.memory_mb  # its libraries, and what it may add


def test_a_background_check_past_its_memory_fails_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "upload.pdf"
    path.write_bytes(files.pdf_inflating_stream())
    outcome = checking.background(
        "acceptance_letter", path, path.name, EXAMPLE, TravelRule(), limits=checking.Limits()
    )
    assert outcome is not None and outcome.status == "failed" and outcome.report is not None
    said = outcome.report["checks"][0]["message"]
    assert "memory" in said and "smaller scan" in said


def _fake_tesseract(folder: Path, body: str) -> None:
    script = folder / "tesseract"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.mark.parametrize(
    ("body", "what", "status"),
    [("kill -SEGV $$", checking.ENGINE, "review"), ("sleep 30", checking.TIMEOUT, "review")],
)
def test_a_crashed_or_hung_engine_goes_to_an_officer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, what: str, status: str
) -> None:
    _fake_tesseract(tmp_path, body)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    scan = SAMPLES / "letters" / "acceptance-letter-good-scan.jpg"
    limits = checking.Limits(timeout_s=4)
    answer = checking.execute(
        "acceptance_letter", scan, scan.name, EXAMPLE, TravelRule(), limits=limits, fork=True
    )
    assert answer is not None and answer.what == what, answer
    # in the background, either goes to an officer with the reason
    monkeypatch.setattr(checking.child, "execute", lambda *args, **kwargs: answer)
    outcome = checking.background(
        "acceptance_letter", scan, scan.name, EXAMPLE, TravelRule(), limits=limits
    )
    assert outcome is not None and outcome.status == status and outcome.error


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("[" * 100_000 + "]" * 100_000, 400, "unreadable_input"),
        (json.dumps({**EXAMPLE, "teaching_hours": float("inf")}), 400, "unreadable_input"),
        (json.dumps({**EXAMPLE, "x": "y" * 2_000_000}), 413, "too_large"),
        (json.dumps({**EXAMPLE, "travel_days": True}), 422, "invalid_record"),
        (json.dumps({**EXAMPLE, "call_year": "2024"}), 422, "invalid_record"),
        (json.dumps({**EXAMPLE, "ects_completed": False}), 422, "invalid_record"),
        (json.dumps({**EXAMPLE, "participant": {**EXAMPLE["participant"], "surname": "x" * 10**4}}),
         422, "invalid_record"),
    ],
)  # fmt: skip
def test_a_hostile_record_gets_a_clean_error(
    office: Any, body: str, status: int, code: str
) -> None:
    for path in ("/api/v1/grants/calculate", "/api/v1/mobilities"):
        r = office.post(path, data=body, content_type="application/json")
        clean(r, status, code)


def test_a_record_nested_too_deep_is_refused_everywhere(office: Any, tmp_path: Path) -> None:
    nested = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    r = post_form(
        office,
        "/api/v1/checks/acceptance_letter",
        {"file": (io.BytesIO(files.pdf_huge_page()), "a.pdf"), "mobility": nested},
    )
    # a form field that cannot be used is 422; the request body itself too deep is 400 (above)
    assert "32 deep" in clean(r, 422, "unreadable_input")["message"]
    record = tmp_path / "record.json"
    record.write_text("[" * 100_000 + "]" * 100_000)
    run = CliRunner().invoke(main, ["grant", str(record), "--json"])
    assert run.exit_code == 3 and "deep" in json.loads(run.output)["error"]["message"]


def test_a_decision_takes_only_a_boolean(office: Any) -> None:
    mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    for value in ("yes", 1, None):
        r = office.put(
            f"/api/v1/mobilities/{mid}/force-majeure", json={"force_majeure": value, "reason": "x"}
        )
        assert r.status_code == 422 and "force_majeure" in r.get_data(as_text=True)


def test_a_request_too_large_is_refused_as_it_arrives(office: Any) -> None:
    body = b"x" * (40 * 2**20)
    r = office.post("/api/v1/grants/calculate", data=body, content_type="application/json")
    assert "a document may be at most 30 MB" in clean(r, 413, "too_large")["message"]


@pytest.mark.parametrize(
    "query",
    ["/api/v1/audit?before=9223372036854775808", "/api/v1/mobilities?offset=99999999999999999999",
     "/api/v1/mobilities?limit=-1", "/api/v1/audit?limit=abc", "/api/v1/audit?before=+-5"],
)  # fmt: skip
def test_numbers_in_a_query_are_bounded(office: Any, query: str) -> None:
    assert "whole number from" in clean(office.get(query), 400, "invalid_input")["message"]


def test_zip_bombs_are_refused_before_they_are_read(app: Any, office: Any) -> None:
    docx = files.zip_bomb("word/document.xml", extra={"[Content_Types].xml": b"<x/>"})
    began = time.monotonic()
    r = post_form(
        app.test_client(),
        "/verify",
        {"file": (io.BytesIO(docx), "a.docx")},
        Accept="application/json",
    )
    clean(r, 413, "too_large")
    xlsx = files.zip_bomb("xl/worksheets/sheet1.xml", extra={"[Content_Types].xml": b"<x/>"})
    r = post_form(office, "/api/v1/mobilities/import", {"file": (io.BytesIO(xlsx), "a.xlsx")})
    clean(r, 413, "too_large")
    assert time.monotonic() - began < 10


def test_a_csv_cell_too_long_names_its_row(office: Any) -> None:
    sheet = b"reference,participant.surname\nA-1,Kaya\nA-2," + b"x" * 200_000 + b"\n"
    r = post_form(office, "/api/v1/mobilities/import", {"file": (io.BytesIO(sheet), "a.csv")})
    assert "Row 3" in clean(r, 422, "invalid_input")["message"]


@pytest.mark.parametrize(
    ("written", "safe"),
    [("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+90 555", "'+90 555"), ("-1", "'-1"),
     ("@SUM(A1)", "'@SUM(A1)"), ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
     ("\tx", "'\tx"), ("Öztürk", "Öztürk"), ("Kaya-Yılmaz", "Kaya-Yılmaz")],
)  # fmt: skip
def test_cells_we_write_never_run_as_formulas(written: str, safe: str) -> None:
    assert spreadsheet_text(written) == safe


def test_an_upload_is_served_as_what_it_is_never_as_a_page(
    app: Any, office: Any, tmp_path: Path
) -> None:
    mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    html = b"%PDF-1.4<html><script>alert(1)</script></html>"
    assert upload_bytes(office, mid, "acceptance_letter", html, "agreement.html").status_code == 202
    with office.get(f"/api/v1/mobilities/{mid}/documents/acceptance_letter/file") as r:
        assert r.status_code == 200 and r.mimetype == "application/pdf"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        disposition = r.headers["Content-Disposition"]
        assert "attachment" in disposition and ".html" not in disposition
    # a page of HTML is no document: refused at upload, and were one stored, it would be a
    # download of unknown type whatever its name
    html_page = b"<html><script>x</script>"
    assert upload_bytes(office, mid, "acceptance_letter", html_page, "a.pdf").status_code == 422
    stored = tmp_path / "stored"
    stored.write_bytes(html_page)
    with app.test_request_context(), send_upload(stored, "letter.pdf", inline=True) as r:
        assert r.mimetype == "application/octet-stream"
        assert r.headers["Content-Disposition"].startswith("attachment")


def test_a_form_sent_from_another_site_is_refused(app: Any) -> None:
    client = signed_in_client(app)
    page = client.get("/office/")
    token = token_of(page.data)
    r = client.post(
        "/office/logout", data={"csrf_token": token}, headers={"Origin": "http://evil.example"}
    )
    clean(r, 403, "forbidden")
    same = client.post(
        "/office/logout", data={"csrf_token": token}, headers={"Origin": "http://localhost"}
    )
    assert same.status_code == 302


def test_the_public_verify_page_answers_an_address_a_bounded_number_of_times(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, WORKERS=0, VERIFY_RATE_LIMIT="3 per minute")
    try:
        client = app.test_client()
        codes = [client.get("/verify/ABCD-EFGH-JKLM").status_code for _ in range(4)]
        assert codes[:3] == [404] * 3
        error = clean(client.get("/verify/ABCD-EFGH-JKLM"), 429, "too_many_requests")
        assert "3 per minute" in error["message"]
        assert client.get("/health").status_code == 200
    finally:
        close_app(app)
