"""Projects through /api/v1/projects: a ledger worked by hand, and the records a project
refuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import EXAMPLE, close_app, merge, prepared_app, signed_in

NUMBER = "2024-1-TR01-KA131-HED-000123456"
PROJECT = {
    "number": NUMBER,
    "action": "KA131",
    "call_year": 2024,
    "start_date": "2024-06-01",
    "end_date": "2026-07-31",
    "budget": 5000,
    "lines": {"DE": 2500, "teaching": 4000},
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    app = prepared_app(
        {"DATA_DIR": str(tmp_path_factory.mktemp("instance")), "PDF_ENGINE": "batch", "WORKERS": 0}
    )
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def api(app: Any) -> Any:
    client = signed_in(app)
    assert client.post("/api/v1/projects", json=PROJECT).status_code == 201
    return client


def dossier(api: Any, reference: str, surname: str, **changes: Any) -> Any:
    record = merge(
        EXAMPLE,
        {"reference": reference, "project": NUMBER, "participant": {"surname": surname}, **changes},
    )
    return api.post("/api/v1/mobilities", json=record)


def test_a_ledger_worked_by_hand(api: Any) -> None:
    # two teaching mobilities to Heidelberg of €1,080 each (5 days × €144 + €360 travel)
    first = dossier(api, "L-1", "Birinci")
    assert first.status_code == 201, first.json
    second = dossier(api, "L-2", "İkinci", start_date="2025-04-07", end_date="2025-04-11")
    assert second.status_code == 201
    outside = merge(EXAMPLE, {"reference": "L-3", "participant": {"surname": "Dışarıda"}})
    assert api.post("/api/v1/mobilities", json=outside).status_code == 201  # no project
    paid = api.post(
        f"/api/v1/mobilities/{first.json['id']}/payments",
        json={"kind": "prefinancing", "amount": "864,00", "paid_on": "2025-03-01"},
    )
    assert paid.status_code == 201, paid.json
    project = api.get(f"/api/v1/projects/{NUMBER}").json
    assert project["number"] == NUMBER and project["budget"] == 5000
    ledger = project["ledger"]
    assert ledger["budget"] == 5000 and ledger["mobilities"] == 2
    assert ledger["committed"] == 2160.0
    assert ledger["paid"] == 864.0
    assert ledger["to_recover"] == 0
    assert ledger["remaining"] == 2840.0
    assert ledger["lines"]["DE"] == {
        "budget": 2500.0,
        "committed": 2160.0,
        "paid": 864.0,
        "to_recover": 0.0,
        "remaining": 340.0,
        "mobilities": 2,
    }
    assert ledger["lines"]["teaching"]["remaining"] == 1840.0
    listed = api.get("/api/v1/projects").json["projects"]
    assert [p["number"] for p in listed] == [NUMBER]


def test_a_record_must_fit_its_project(api: Any) -> None:
    unknown = dossier(api, "E-1", "Bilinmeyen", project="2024-1-TR01-KA131-HED-000999999")
    assert unknown.status_code == 422
    assert unknown.json["error"]["details"][0]["key"] == "project"
    late = dossier(api, "E-2", "Geç", start_date="2026-07-27", end_date="2026-08-03")
    assert late.status_code == 422
    assert [d["key"] for d in late.json["error"]["details"]] == ["end_date"]
    assert "after the project ends" in late.json["error"]["message"]
    wrong_action = dossier(api, "E-3", "Başka", action="KA171")
    assert wrong_action.status_code == 422
    assert wrong_action.json["error"]["details"][0]["key"] == "action"


def test_a_project_is_refused_whole(api: Any) -> None:
    twice = api.post("/api/v1/projects", json=PROJECT)
    assert twice.status_code == 409
    bad = api.post(
        "/api/v1/projects",
        json={**PROJECT, "number": "2024-1-TR01-KA171-HED-000123457", "end_date": "2024-01-01"},
    )
    assert bad.status_code == 422
    message = bad.json["error"]["message"]
    assert "ends before it starts" in message
    assert api.get("/api/v1/projects/2024-1-TR01-KA131-HED-000000001").status_code == 404
    over = api.post(
        "/api/v1/projects",
        json={**PROJECT, "number": "2024-1-TR01-KA131-HED-000123458", "lines": {"DE": 9000}},
    )
    assert over.status_code == 422 and "is more than the budget" in over.json["error"]["message"]


def test_a_project_pays_by_its_own_policy(api: Any) -> None:
    """Seed 003: a project that pays at most 3 days of a 5-day teaching stay."""
    own = {**PROJECT, "number": "2024-1-TR01-KA131-HED-000123999", "policy": {
        "staff_max_funded_days": 3}}  # fmt: skip
    assert api.post("/api/v1/projects", json=own).status_code == 201
    record = merge(
        EXAMPLE,
        {"reference": "POL-1", "project": own["number"], "participant": {"surname": "Üç"}},
    )
    made = api.post("/api/v1/mobilities", json=record)
    assert made.status_code == 201, made.json
    planned = made.json["grant"]["planned"]
    assert (planned["funded_days"], planned["total"]) == (3, 3 * 144 + 360)
    # the same stay outside the project: the institution's policy, five days
    alone = api.post("/api/v1/grants/calculate", json={**record, "project": None})
    assert alone.json["funded_days"] == 5
    wrong = api.post(
        "/api/v1/projects",
        json={**own, "number": "2024-1-TR01-KA131-HED-000123998", "policy": {"colour": 1}},
    )
    assert wrong.status_code == 422 and "a project may set only" in wrong.json["error"]["message"]


def test_the_yearly_report(api: Any) -> None:
    import io

    from openpyxl import load_workbook

    made = dossier(api, "R-1", "Rapor", start_date="2025-05-12", end_date="2025-05-16")
    assert made.status_code == 201
    made = api.get(f"/api/v1/projects/{NUMBER}/report?year=2025&lang=tr")
    assert made.status_code == 200
    book = load_workbook(io.BytesIO(made.data))
    assert book.sheetnames == ["Özet", "Ev sahibi ülkeye göre", "Faaliyete göre", "Hareketlilikler"]
    summary = {row[0]: row[1] for row in book["Özet"].iter_rows(values_only=True)}
    assert summary["Proje"] == NUMBER and summary["Yıl"] == 2025
    by_country = list(book["Ev sahibi ülkeye göre"].iter_rows(values_only=True))
    assert by_country[0] == ("Ev sahibi ülke", "Hareketlilikler", "Gün", "Taahhüt edilen", "Ödenen")
    germany = next(row for row in by_country if row[0] == "Almanya")
    assert germany[1] == summary["Hareketlilikler"] and germany[2] == 5 * germany[1]
    assert api.get(f"/api/v1/projects/{NUMBER}/report?year=1999").status_code == 400
