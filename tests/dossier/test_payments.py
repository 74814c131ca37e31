"""Payments recorded by the office: what they change in a dossier, what is refused, and the
sheet the treasury takes to the bank."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl

from tests.dossier.support import new_record, pay


def _new(office: Any, surname: str) -> str:
    record = new_record(reference=f"pay-{surname.lower()}")
    record["participant"]["surname"] = surname
    r = office.post("/api/v1/mobilities", json=record)
    assert r.status_code == 201, r.json
    return str(r.json["id"])


def test_a_payment_is_recorded_once_and_cancelled_with_a_reason(office: Any) -> None:
    mid = _new(office, "Öztürk")
    r = pay(office, mid, "prefinancing", "1.080,00")
    assert r.status_code == 201
    # nothing before departure is in yet: the dossier still waits for its documents
    assert r.json["state"] == "documents_pending"
    assert r.json["paid"] == {
        "prefinancing": 1080.0,
        "balance": 0.0,
        "recovered": 0.0,
        "net": 1080.0,
    }
    [entry] = r.json["payments"]
    assert (entry["kind"], entry["amount"], entry["paid_on"]) == (
        "prefinancing",
        1080.0,
        "2025-03-01",
    )

    again = pay(office, mid, "prefinancing", 864)
    assert again.status_code == 409 and "cancel it first" in again.json["error"]["message"]

    url = f"/api/v1/mobilities/{mid}/payments/{entry['id']}/cancel"
    assert office.post(url, json={"reason": ""}).status_code in (400, 422)
    r = office.post(url, json={"reason": "typed 1.080 for 864"})
    assert r.status_code == 200 and r.json["paid"]["net"] == 0.0
    assert r.json["payments"][0]["cancelled"] and r.json["payments"][0]["cancel_reason"]
    assert pay(office, mid, "prefinancing", 864).status_code == 201

    log = office.get(f"/api/v1/mobilities/{mid}/audit").json["entries"]
    actions = [e["action"] for e in log]
    assert actions.count("payment.recorded") == 2 and "payment.cancelled" in actions


def test_wrong_payments_get_clear_errors(app: Any, office: Any, portal: Any) -> None:
    mid = _new(office, "Yılmaz")
    cases = [
        (pay(office, mid, "prefinancing", "eight hundred"), 422, "not a number of euros"),
        (pay(office, mid, "prefinancing", -5), 422, "more than 0"),
        (pay(office, mid, "prefinancing", "86.4123"), 422, "two decimals"),
        (pay(office, mid, "prefinancing", 864, "01.03.2025"), 422, "2025-03-01"),
        (pay(office, mid, "prefinancing", 864, "2999-01-01"), 422, "future"),
        (pay(office, mid, "bonus", 864), 422, "The request has a problem: kind"),
        (pay(office, "0" * 16, "prefinancing", 864), 404, "no mobility"),
        (
            office.post(f"/api/v1/mobilities/{mid}/payments/999999/cancel", json={"reason": "x"}),
            404,
            "no payment",
        ),
        (office.get("/api/v1/payments?format=pdf"), 400, "format"),
        (office.get("/api/v1/payments?from=2025-03-31&to=2025-03-01"), 422, "ends before"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.json
        assert words in response.json["error"]["message"], response.json
    # payments are the office's: the e-Belge portal's token records none
    assert pay(portal, mid, "prefinancing", 864).status_code == 403
    assert office.get(f"/api/v1/mobilities/{mid}").json["payments"] == []


def test_the_payments_of_a_period_as_json_csv_and_xlsx(office: Any) -> None:
    first, second, third = (_new(office, name) for name in ("Şahin", "Çelik", "Güneş"))
    assert pay(office, first, "prefinancing", 864, "2024-11-04").status_code == 201
    assert pay(office, second, "prefinancing", "700,50", "2024-11-29").status_code == 201
    assert pay(office, third, "prefinancing", 500, "2024-12-01").status_code == 201  # after
    entries = pay(office, third, "balance", 10, "2024-11-15").json["payments"]
    wrong = next(e["id"] for e in entries if e["kind"] == "balance")
    office.post(f"/api/v1/mobilities/{third}/payments/{wrong}/cancel", json={"reason": "mistake"})

    query = "/api/v1/payments?from=2024-11-01&to=2024-11-30"
    listed = office.get(query).json
    assert (listed["from"], listed["to"]) == ("2024-11-01", "2024-11-30")
    assert [(p["paid_on"], p["amount"], p["kind"]) for p in listed["payments"]] == [
        ("2024-11-04", 864.0, "prefinancing"),
        ("2024-11-29", 700.5, "prefinancing"),
    ]
    assert listed["payments"][0]["name"].endswith("Şahin") and listed["payments"][0]["iban"]

    r = office.get(query + "&format=csv")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    text = r.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [row["reference"] for row in rows] == ["pay-şahin", "pay-çelik"]

    r = office.get(query + "&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(r.data), read_only=True).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3 and "amount" in values[0]
    assert values[2][values[0].index("amount")] == 700.5
