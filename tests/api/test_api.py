from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support import SAMPLES, prepared_app, signed_in

Record = Callable[..., dict[str, Any]]
CALCULATE = "/api/v1/grants/calculate"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return prepared_app({"DATA_DIR": str(tmp_path_factory.mktemp("instance"))})


@pytest.fixture
def client(app: Any) -> Iterator[FlaskClient]:
    with signed_in(app) as client:
        yield client


def test_health(client: FlaskClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json["status"] == "ok" and r.json["rate_tables"] >= 9


def test_calculate_example(client: FlaskClient, record: Record) -> None:
    r = client.post(CALCULATE, json=record())
    assert r.status_code == 200
    b = r.json
    assert (b["total"], b["prefinancing"], b["balance"]) == (1080.0, 864.0, 216.0)
    assert (b["country_group"], b["distance_band"], b["daily_rate"]) == ("2", "2000-2999", 144.0)
    assert "months" not in b


def test_an_estimate_needs_no_reference(app: Any, client: FlaskClient, record: Record) -> None:
    """An application's planned mobility has no reference yet (issue 19)."""
    data = record()
    del data["reference"]
    r = client.post(CALCULATE, json=data)
    assert r.status_code == 200
    assert r.json["total"] == 1080.0
    # creating a dossier still needs one
    r = signed_in(app).post("/api/v1/mobilities", json=data)
    assert r.status_code == 422
    assert r.json["error"]["details"][0]["key"] == "reference"


def test_calculate_in_turkish(client: FlaskClient, record: Record) -> None:
    r = client.post(f"{CALCULATE}?lang=tr", json=record(call_year=2022))
    assert r.status_code == 200
    assert any("1.080,00 €" in line for line in r.json["trace"])


def test_bad_record_names_each_key(client: FlaskClient, record: Record) -> None:
    data = record(travel_days=5, end_date="2025-03-01")
    del data["participant"]["surname"]
    r = client.post(CALCULATE, json=data)
    assert r.status_code == 422
    error = r.json["error"]
    assert error["code"] == "invalid_record"
    assert {d["key"] for d in error["details"]} == {
        "participant.surname",
        "end_date",
        "travel_days",
    }
    assert "participant.surname: is required" in error["message"]


@pytest.mark.parametrize("body", ["{", "not json", ""])
def test_body_that_is_not_json(client: FlaskClient, body: str) -> None:
    r = client.post(CALCULATE, data=body, content_type="application/json")
    assert r.status_code == 400
    assert r.json["error"]["code"] == "unreadable_input"
    assert "not valid JSON" in r.json["error"]["message"]


def test_body_that_is_not_an_object(client: FlaskClient) -> None:
    r = client.post(CALCULATE, json=[1, 2])
    assert r.status_code == 422 and r.json["error"]["details"][0]["key"] == "(record)"


def test_unknown_city(client: FlaskClient, record: Record) -> None:
    r = client.post(CALCULATE, json=record(receiving={"city": "Heidelbrg"}))
    assert r.status_code == 422
    assert r.json["error"]["code"] == "unknown_city"
    assert "Heidelberg" in r.json["error"]["message"]


def test_unknown_language(client: FlaskClient, record: Record) -> None:
    r = client.post(f"{CALCULATE}?lang=fr", json=record())
    assert r.status_code == 400 and "lang must be" in r.json["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [("get", "/nowhere", 404, "not_found"), ("get", CALCULATE, 405, "method_not_allowed")],
)
def test_http_errors_are_json(
    client: FlaskClient, method: str, path: str, status: int, code: str
) -> None:
    r = getattr(client, method)(path)
    assert r.status_code == status and r.json["error"]["code"] == code


def test_a_crash_is_a_json_500_not_a_traceback(
    app: Any, client: FlaskClient, record: Record, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = app.extensions["docservice"].grants

    def crash(_mobility: Any) -> Any:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(engine, "calculate", crash)
    r = client.post(CALCULATE, json=record())
    assert r.status_code == 500
    assert r.json["error"]["code"] == "internal_error"
    assert "incident" in r.json["error"]["message"]
    assert b"Traceback" not in r.data and b"exploded" not in r.data


def test_rate_tables_listing(client: FlaskClient) -> None:
    tables = client.get("/api/v1/grants/tables").json["tables"]
    names = [t["name"] for t in tables]
    assert "TR-NA 2022 staff" in names and "TR-NA 2024 student" in names
    assert all(t["source"] for t in tables)


def test_openapi_document(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    operation = spec["paths"][CALCULATE]["post"]
    body = operation["requestBody"]["content"]["application/json"]
    # an estimate's record: the mobility record, its reference optional (issue 19)
    assert body["schema"]["$ref"].endswith("/Estimate")
    estimate = spec["components"]["schemas"]["Estimate"]
    assert "reference" not in estimate["required"] and "participant" in estimate["required"]
    assert body["example"]["participant"]["surname"] == "Öztürk"
    assert {"200", "400", "422"} <= set(operation["responses"])
    schemas = spec["components"]["schemas"]
    assert {"reference", "action", "start_date"} <= set(schemas["Mobility"]["required"])
    assert "prefinancing" in schemas["GrantBreakdown"]["properties"]


@pytest.mark.parametrize(
    "sample", ["staff-teaching-ka131-heidelberg.json", "student-studies-ka131-lund.json"]
)
def test_documented_schema_lists_every_key_returned(client: FlaskClient, sample: str) -> None:
    documented = client.get("/api/v1/openapi.json").json["components"]["schemas"]["GrantBreakdown"]
    data = json.loads((SAMPLES / "mobility" / sample).read_text(encoding="utf-8"))
    returned = client.post(CALCULATE, json=data).json
    assert set(returned) <= set(documented["properties"])
    assert set(documented["required"]) <= set(returned)


def test_docs_page_works_offline(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "//unpkg" not in html
    with client.get("/api/v1/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200 and len(asset.data) > 100_000


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    (tmp_path / "policy.toml").write_text("prefinancing_share = 0.5\n", encoding="utf-8")
    monkeypatch.setenv("DOCSERVICE_POLICY_FILE", str(tmp_path / "policy.toml"))
    app = prepared_app({"DATA_DIR": str(tmp_path)})
    assert app.extensions["docservice"].grants.policy.prefinancing_share == 0.5


def test_a_payment_number_past_any_there_is_not_found(app: Any, record: Record) -> None:
    """schemathesis sent a payment number of 29 digits: a 404, never the database's overflow."""
    made = signed_in(app).post("/api/v1/mobilities", json=record(reference="PAY-HUGE-1"))
    assert made.status_code == 201
    r = signed_in(app).post(
        f"/api/v1/mobilities/{made.json['id']}/payments/18515683888235657877103050752/cancel",
        json={"reason": "typo"},
    )
    assert r.status_code == 404
