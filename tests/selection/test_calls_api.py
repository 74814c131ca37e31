"""A whole call through /api/v1/calls: created, applications imported (whole or not at all),
ranked, lists exported, the letter deadline, a withdrawal, the budget and the dossiers."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.selection.test_select_cli import APPLICATIONS, PARTNERS
from tests.support import close_app, prepared_app, signed_in


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    app = prepared_app(
        {"DATA_DIR": str(tmp_path_factory.mktemp("instance")), "PDF_ENGINE": "batch", "WORKERS": 0}
    )
    yield app
    close_app(app)


@pytest.fixture
def api(app: Any) -> Any:
    return signed_in(app)


def new_call(api: Any, **values: Any) -> str:
    body = {
        "name": "KA131 personel hareketliliği 2025",
        "action": "KA131",
        "call_year": 2025,
        "rules": "ktu-2025",
        "quota": 6,
        "budget": 6000,
        **values,
    }
    r = api.post("/api/v1/calls", json=body)
    assert r.status_code == 201, r.json
    return str(r.json["id"])


def upload(api: Any, path: str, file: Any, name: str, method: str = "post", **form: str) -> Any:
    send = getattr(api, method)
    return send(
        path, data={"file": (io.BytesIO(file), name), **form}, content_type="multipart/form-data"
    )


def lists(ranking: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in ranking:
        out.setdefault(entry["list"], []).append(entry["application_id"])
    return out


def test_a_whole_call_from_sheet_to_dossiers(api: Any) -> None:
    call = new_call(api)
    base = f"/api/v1/calls/{call}"
    sheet = APPLICATIONS.read_bytes()
    dry = upload(api, f"{base}/applications", sheet, "apps.csv", dry_run="true")
    assert dry.json["dry_run"] is True and len(dry.json["new"]) == 12
    assert api.get(base).json["applications"] == 0
    done = upload(api, f"{base}/applications", sheet, "apps.csv")
    assert len(done.json["new"]) == 12 and done.json["unchanged"] == 0
    assert upload(api, f"{base}/applications", sheet, "apps.csv").json["unchanged"] == 12
    r = upload(api, f"{base}/partners", PARTNERS.read_bytes(), "partners.csv", "put")
    assert r.json["partners"] == 12  # six codes and six names

    ranked = api.post(f"{base}/ranking?lang=tr")
    assert ranked.status_code == 200
    ranking = ranked.json["ranking"]
    assert ranked.json["counts"]["main"] == 6
    assert ranking[0]["application_id"] == "2025-STA-002"  # Çağrı's letter is not a partner's
    assert ranking[0]["reason"] == "6 kontenjan içinde"
    assert lists(ranking)["ineligible"] == ["2025-STA-007", "2025-STT-012"]

    # the lists for the office and the anonymised list for publication
    xlsx = api.get(f"{base}/ranking?format=xlsx&lang=tr")
    sheet_rows = list(load_workbook(io.BytesIO(xlsx.data)).active.iter_rows(values_only=True))
    assert sheet_rows[0][:4] == ("Liste", "Sıra", "Başvuru", "Puan")
    assert sheet_rows[1][4] == "Şükrü Öztürk"
    public = api.get(f"{base}/ranking?format=csv&public=1").data.decode("utf-8-sig")
    assert "2025-STA-002" in public and "Öztürk" not in public and "Fizik" not in public
    pdf = api.get(f"{base}/ranking?format=pdf&lang=tr")
    assert pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"

    # applications are fixed once the call is ranked
    late = upload(api, f"{base}/applications", sheet, "apps.csv")
    assert late.status_code == 409

    fit = api.get(f"{base}/budget").json
    assert fit["main"] == 6 and fit["budget"] == 6000
    # the first five cost €5,855 as estimated; the sixth would pass the budget
    assert fit["funded"] == 5
    assert [r["funded"] for r in fit["rows"] if r["list"] == "main"] == [True] * 5 + [False]
    assert all(r["total"] for r in fit["rows"])
    assert fit["rows"][0]["assumption"] is None  # the sheet gives Kraków and the dates
    burak = next(r for r in fit["rows"] if r["application_id"] == "2025-STA-011")
    assert burak["assumption"] == "host city assumed: Budapest, the capital; 5 days assumed"

    # letters: STA-010 and STT-003 (main) missed the deadline; reserves 011 and 008 delivered
    main = lists(ranking)["main"]
    delivered = [a for a in main if a not in ("2025-STA-010", "2025-STT-003")]
    step = api.post(
        f"{base}/letters", json={"delivered": [*delivered, "2025-STA-011", "2025-STA-008"]}
    )
    assert step.status_code == 200, step.json
    assert step.json["step"]["rule"] == "b"
    after = lists(step.json["ranking"]["ranking"])
    assert {"2025-STA-011", "2025-STA-008"} <= set(after["main"])
    assert set(after["dropped"]) >= {"2025-STA-010", "2025-STT-003"}

    # a withdrawal without force majeure: nobody is left to move up; it is on record
    r = api.post(
        f"{base}/withdrawals",
        json={"application_id": "2025-STA-001", "no_show": True, "note": "vazgeçti"},
    )
    assert r.status_code == 200
    assert "2025-STA-001" in lists(r.json["ranking"]["ranking"])["withdrawn"]

    # dossiers: Burak Yıldız (moved up) has no host city or dates in the sheet yet
    made = api.post(f"{base}/dossiers").json
    main_now = lists(api.get(f"{base}/ranking").json["ranking"])["main"]
    assert {m["application_id"] for m in made["made"]} == set(main_now) - {"2025-STA-011"}
    assert made["waiting"] == [
        {"application_id": "2025-STA-011", "missing": ["host_city", "start_date", "end_date"]}
    ]
    first = "2025-STA-011"
    r = api.patch(
        f"{base}/applications/{first}",
        json={"host_city": "Szeged", "start_date": "10.03.2026", "end_date": "2026-03-14"},
    )
    assert r.status_code == 200, r.json
    made = api.post(f"{base}/dossiers").json
    assert [m["application_id"] for m in made["made"]] == [first] and made["waiting"] == []
    dossier = api.get(f"/api/v1/mobilities/{made['made'][0]['mobility_id']}").json
    assert dossier["record"]["reference"] == first
    assert dossier["record"]["receiving"]["city"] == "Szeged"
    assert dossier["record"]["start_date"] == "2026-03-10"
    assert dossier["grant"]["planned"]["total"] > 0
    # nothing changes a ranked application's scores
    r = api.patch(f"{base}/applications/{first}", json={"email": "x@example.edu.tr"})
    assert r.status_code == 200
    steps = [s["kind"] for s in api.get(base).json["steps"]]
    assert steps == ["ranked", "letters", "withdrawal", "dossiers", "dossiers"]
    assert api.post(f"{base}/ranking").status_code == 409


def test_a_bad_sheet_is_refused_whole_with_rows_and_columns(api: Any) -> None:
    call = new_call(api)
    bad = (
        b"application_id,given_names,surname,category,activity,host_country,language_score,claims\n"
        b"X1,Ali,Veli,academic,teaching,DE,120,\n"
        b"X2,Ali,Deli,academic,teaching,DE,70,magic\n"
        b"X1,Ali,Celi,academic,teaching,DE,70,\n"
    )
    r = upload(api, f"/api/v1/calls/{call}/applications", bad, "apps.csv")
    assert r.status_code == 422
    details = r.json["error"]["details"]
    assert [(d["row"], d["column"]) for d in details] == [
        (2, "language_score"),
        (3, "claims"),
        (4, "application_id"),
    ]
    assert api.get(f"/api/v1/calls/{call}").json["applications"] == 0
    missing = upload(api, f"/api/v1/calls/{call}/applications", b"application_id\nA\n", "a.csv")
    assert missing.status_code == 422
    assert {d["column"] for d in missing.json["error"]["details"]} >= {"surname", "category"}


def test_history_makes_a_first_timer_a_returner_and_records_no_shows(api: Any) -> None:
    history = (
        "given_names,surname,call_year,action,outcome,host_country\n"
        "Ayşe,YILMAZ,2023,KA103,took_part,DE\n"
        "Hatice,Erdoğan,2024,KA131,no_show,AT\n"
    ).encode()
    r = upload(api, "/api/v1/history", history, "earlier.csv")
    assert r.status_code == 201 and r.json["imported"] == 2
    call = new_call(api)
    upload(api, f"/api/v1/calls/{call}/applications", APPLICATIONS.read_bytes(), "a.csv")
    ranking = {
        e["application_id"]: e for e in api.post(f"/api/v1/calls/{call}/ranking").json["ranking"]
    }
    ayse = ranking["2025-STA-001"]
    assert ayse["previous_mobilities"] == 1
    assert any("record holds 1 earlier mobilities (2023 KA103 DE)" in n for n in ayse["notes"])
    assert ayse["list"] == "reserve"
    hatice = ranking["2025-STA-010"]
    assert hatice["parts"]["no_show"] == -10
    assert any("no-show" in n for n in hatice["notes"])
    wrong = upload(
        api, "/api/v1/history", b"given_names,surname,call_year,action\nA,B,99,KA1\n", "h.csv"
    )
    assert wrong.status_code == 422
    assert [d["column"] for d in wrong.json["error"]["details"]] == ["call_year", "action"]


def test_an_office_rule_set_and_unknown_calls(api: Any) -> None:
    rules = 'name = "ours-2026"\ntitle = "Ours"\nsource = "Senate decision 2026/4"\n'
    r = api.post(
        "/api/v1/calls",
        json={"name": "Ours", "action": "KA171", "call_year": 2026, "rules_toml": rules},
    )
    assert r.status_code == 201 and r.json["rules"] == "ours-2026"
    bad = api.post(
        "/api/v1/calls",
        json={"name": "Bad", "action": "KA171", "call_year": 2026, "rules_toml": "quota = ["},
    )
    assert bad.status_code >= 400 and "not valid TOML" in bad.json["error"]["message"]
    assert api.get("/api/v1/calls/0123456789abcdef").status_code == 404
    assert api.get("/api/v1/calls").json["calls"][0]["name"]
    assert json.loads(api.get(f"/api/v1/calls/{r.json['id']}").data)["quota"] is None


def test_a_letter_at_application_is_checked_and_decides_its_points(api: Any) -> None:
    """The sample letter for Şükrü Öztürk says nothing of AI: his +5 AI claim earns nothing;
    a letter naming another person earns no +10 for the letter."""
    from tests.support import SAMPLES

    call = new_call(api)
    base = f"/api/v1/calls/{call}"
    sheet = (
        "application_id,given_names,surname,category,activity,host_country,language_score,"
        "claims,host_institution,host_city\n"
        "L1,Şükrü,Öztürk,academic,teaching,DE,70,acceptance_letter;artificial_intelligence,"
        "Universität Heidelberg,Heidelberg\n"
        "L2,Zeynep,Kurt,academic,teaching,DE,70,acceptance_letter,"
        "Universität Heidelberg,Heidelberg\n"
    ).encode()
    assert upload(api, f"{base}/applications", sheet, "a.csv").status_code == 200
    letters = SAMPLES / "letters"
    good = letters / "acceptance-letter-good-text.pdf"
    r = upload(api, f"{base}/applications/L1/letter", good.read_bytes(), "letter.pdf", "put")
    assert r.status_code == 200, r.json
    assert r.json["fields"]["artificial_intelligence"] is False
    assert r.json["fields"]["for_applicant"] is True
    r = upload(api, f"{base}/applications/L2/letter", good.read_bytes(), "letter.pdf", "put")
    assert r.json["fields"]["for_applicant"] is False  # the letter is Şükrü Öztürk's
    ranking = {e["application_id"]: e for e in api.post(f"{base}/ranking").json["ranking"]}
    assert ranking["L1"]["parts"] == {"language": 70, "acceptance_letter": 10}
    assert any("does not mention artificial intelligence" in n for n in ranking["L1"]["notes"])
    assert ranking["L2"]["parts"] == {"language": 70}
    assert any("names another person" in n for n in ranking["L2"]["notes"])
    late = upload(api, f"{base}/applications/L1/letter", good.read_bytes(), "l.pdf", "put")
    assert late.status_code == 409


def test_applications_as_json_from_a_portal(api: Any) -> None:
    call = new_call(api)
    path = f"/api/v1/calls/{call}/applications"
    one = {
        "application_id": "J1",
        "given_names": "Deniz",
        "surname": "Çınar",
        "category": "academic",
        "activity": "teaching",
        "host_country": "FR",
        "language_score": 64,
        "claims": "disability",
    }
    r = api.post(path, json={"applications": [one], "dry_run": True})
    assert r.status_code == 200 and r.json["new"] == ["J1"] and r.json["dry_run"] is True
    r = api.post(path, json={"applications": [one, {**one, "language_score": 101}]})
    assert r.status_code == 422
    assert [(d["row"], d["column"]) for d in r.json["error"]["details"]] == [
        (2, "application_id"),
        (2, "language_score"),
    ]
    assert api.post(path, json={"applications": [one]}).json["new"] == ["J1"]
    assert api.post(path, json={"applications": "J1"}).status_code == 400
    assert api.post(path, json={"applications": []}).status_code == 400


def test_a_call_sets_its_own_places_per_country(api: Any) -> None:
    call = new_call(api, quota=3, places={"country": {"pl": 1, "DE": 2}})
    base = f"/api/v1/calls/{call}"
    assert api.get(base).json["places"] == {"country": {"PL": 1, "DE": 2}}
    upload(api, f"{base}/applications", APPLICATIONS.read_bytes(), "a.csv")
    ranking = api.post(f"{base}/ranking").json["ranking"]
    assert lists(ranking)["main"] == ["2025-STA-002", "2025-STA-001"]
    # the hosts elsewhere have no places in this call
    spain = next(e for e in ranking if e["application_id"] == "2025-STT-003")
    assert spain["list"] == "ineligible" and spain["reason"] == "this call has no places in Spain"
    bad = api.post(
        "/api/v1/calls",
        json={"name": "x", "action": "KA171", "call_year": 2025, "places": {"country": {"XX": 1}}},
    )
    assert bad.status_code == 422


def test_what_schemathesis_found_is_refused(api: Any) -> None:
    """A boolean for a number, an application id that could not be addressed, a flag that is
    neither 0 nor 1, and an unknown call are refused, never taken for something else."""
    r = api.post(
        "/api/v1/calls",
        json={"name": "x", "action": "KA103", "call_year": 2024, "travel_days": False},
    )
    assert r.status_code == 422 and "not true or false" in r.json["error"]["message"]
    call = new_call(api)
    odd = {
        "application_id": "2025/STA 1",
        "given_names": "A",
        "surname": "B",
        "category": "academic",
        "activity": "teaching",
        "host_country": "DE",
    }
    r = api.post(f"/api/v1/calls/{call}/applications", json={"applications": [odd]})
    assert r.status_code == 422
    assert r.json["error"]["details"][0]["column"] == "application_id"
    assert api.get(f"/api/v1/calls/{call}/ranking?public=yes").status_code == 400
    assert api.get("/api/v1/calls/0000000000000000/ranking").status_code == 404
    assert api.get("/api/v1/calls/0000000000000000/applications").status_code == 404
