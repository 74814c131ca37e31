"""``POST /api/v1/checks/{kind}`` and ``docservice check`` on generated letters."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from docservice.cli import main
from samples.letters import Spec, render
from samples.travel import Trip
from samples.travel import render as render_trip
from tests.support import EXAMPLE, SAMPLES, prepared_app, signed_in

STAFF = SAMPLES / "mobility" / "staff-teaching-ka131-heidelberg.json"
LETTER, _ = render(Spec(), "text-pdf")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    app = prepared_app(
        {"DATA_DIR": str(tmp_path_factory.mktemp("instance")), "PDF_ENGINE": "batch"}
    )
    with signed_in(app) as client:
        yield client


def post(
    client: FlaskClient, kind: str, data: bytes, record: Any = EXAMPLE, query: str = ""
) -> Any:
    form: dict[str, Any] = {"file": (io.BytesIO(data), "letter.pdf")}
    if record is not None:
        form["mobility"] = record if isinstance(record, str) else json.dumps(record)
    return client.post(f"/api/v1/checks/{kind}{query}", data=form)


def test_a_good_letter_passes_with_evidence(client: FlaskClient) -> None:
    r = post(client, "acceptance_letter", LETTER, query="?annotate=1")
    assert r.status_code == 200, r.json
    report = r.json
    assert report["kind"] == "acceptance_letter" and report["verdict"] == "pass"
    stamp = next(c for c in report["checks"] if c["id"] == "stamp")
    assert stamp["evidence"]["page"] == 1 and len(stamp["evidence"]["box"]) == 4
    assert all(0 <= v <= 1 for v in stamp["evidence"]["box"])
    assert report["annotation"].startswith("data:image/png;base64,")


def test_another_persons_certificate_fails(client: FlaskClient) -> None:
    data, _ = render(
        dataclasses.replace(
            Spec(), kind="certificate_of_attendance", given="Mehmet", surname="Kaya"
        ),
        "text-pdf",
    )
    report = post(client, "certificate_of_attendance", data).json
    assert report["verdict"] == "fail"
    assert {c["id"] for c in report["checks"] if c["status"] == "fail"} == {"participant_name"}


def test_boarding_passes_checked_against_the_gazetteers_cities(client: FlaskClient) -> None:
    """Trabzon and Heidelberg from the gazetteer: TZX is at home, Frankfurt serves Heidelberg."""
    data, _ = render_trip(Trip(), "text-pdf")
    report = post(client, "boarding_pass", data).json
    assert report["verdict"] == "pass", report
    legs = report["fields"]["legs"]
    assert [(x["from_airport"], x["to_airport"], x["source"]) for x in legs] == [
        ("TZX", "IST", "barcode"),
        ("IST", "FRA", "barcode"),
        ("FRA", "IST", "barcode"),
        ("IST", "TZX", "barcode"),
    ]
    assert legs[0]["passenger_name"] == "OZTURK/SUKRU DR" and legs[0]["flight_date"] == "2025-03-09"
    late = post(client, "boarding_pass", render_trip(Trip(out_offset=1), "text-pdf")[0]).json
    assert late["verdict"] == "fail"
    outbound = next(c for c in late["checks"] if c["id"] == "outbound")
    assert "near Trabzon" not in outbound["message"] and "2025-03-08" in outbound["message"]


def test_bad_requests(client: FlaskClient) -> None:
    assert post(client, "acceptance_letter", b"not a document").status_code == 422
    assert post(client, "acceptance_letter", LETTER, record=None).status_code == 400
    bad_json = post(client, "acceptance_letter", LETTER, record="{nope")
    assert bad_json.status_code == 422 and "not valid JSON" in bad_json.json["error"]["message"]
    incomplete = post(client, "acceptance_letter", LETTER, record={"reference": "x"})
    assert incomplete.status_code == 422 and incomplete.json["error"]["code"] == "invalid_record"
    assert post(client, "invoice", LETTER).status_code == 404  # no such kind
    no_file = client.post(
        "/api/v1/checks/acceptance_letter", data={"mobility": json.dumps(EXAMPLE)}
    )
    assert no_file.status_code == 400


def test_cli_check(tmp_path: Path) -> None:
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(LETTER)
    picture = tmp_path / "evidence.png"
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "check",
            "acceptance_letter",
            str(letter),
            "--mobility",
            str(STAFF),
            "--json",
            "--annotate",
            str(picture),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["verdict"] == "pass" and report["fields"]["stamp"] is True
    assert picture.read_bytes().startswith(b"\x89PNG")
    text = runner.invoke(
        main, ["check", "certificate_of_attendance", str(letter), "--mobility", str(STAFF)]
    )
    assert text.exit_code == 0 and "FAIL" in text.stdout  # a letter is not a certificate
    missing = runner.invoke(
        main,
        [
            "check",
            "acceptance_letter",
            str(tmp_path / "nope.pdf"),
            "--mobility",
            str(STAFF),
            "--json",
        ],
    )
    assert (
        missing.exit_code == 3 and json.loads(missing.stdout)["error"]["code"] == "unreadable_input"
    )
    unknown = runner.invoke(main, ["check", "invoice", str(letter), "--mobility", str(STAFF)])
    assert unknown.exit_code == 2 and "passport_stamps" in unknown.stderr
