"""A whole dossier through the API, from the first upload to the final grant, on SQLite with
the embedded queue and on PostgreSQL with Redis (two worker threads each)."""

from __future__ import annotations

import hashlib
import io
import threading
from typing import Any

from tests.dossier.conftest import wait_checked
from tests.dossier.support import (
    OFFICER_KINDS,
    RETURN_DOCUMENTS,
    before_departure,
    new_record,
    pay,
    upload,
    upload_bytes,
)
from tests.support import EXAMPLE, signed_in


def test_a_whole_dossier_from_upload_to_final_grant(office: Any, portal: Any) -> None:
    r = portal.post("/api/v1/mobilities", json=new_record())
    assert r.status_code == 201
    dossier = r.json
    mid = dossier["id"]
    assert dossier["state"] == "documents_pending"
    assert {e["status"] for e in dossier["checklist"]} == {"missing"}
    assert dossier["grant"]["planned"]["total"] == 1080.0 and dossier["grant"]["final"] is None

    before_departure(office, mid)
    dossier = wait_checked(office, mid)
    assert dossier["state"] == "ready_for_prefinancing", dossier["pending"]
    assert dossier["pending"] == [
        "certificate_of_attendance",
        "boarding_pass",
        "passport_stamps or entry_exit_record",
        "eu_survey",
    ]
    # The treasury pays the 80 %; the dossier says so, and the balance is what is left.
    r = pay(office, mid, "prefinancing", "864,00")
    assert r.status_code == 201 and r.json["state"] == "prefinancing_paid"
    assert r.json["paid"]["prefinancing"] == 864.0

    for kind, path in RETURN_DOCUMENTS.items():
        r = upload(portal, mid, kind, path)
        assert r.status_code == 202 and r.json["status"] in ("queued", "checking", "passed")
    dossier = wait_checked(office, mid)
    statuses = {e["kind"]: e["status"] for e in dossier["checklist"]}
    assert statuses == {
        "acceptance_letter": "passed",
        **dict.fromkeys(OFFICER_KINDS, "accepted"),
        **dict.fromkeys(RETURN_DOCUMENTS, "passed"),
        "passport_stamps": "missing",
    }
    assert dossier["reconciliation"]["status"] == "pass"
    assert dossier["reconciliation"]["actual"] == {
        "start_date": "2025-03-10",
        "end_date": "2025-03-14",
        "days": 5,
        "from": ["certificate_of_attendance", "boarding_pass", "entry_exit_record"],
    }
    assert dossier["state"] == "ready_for_balance"
    final = dossier["grant"]["final"]
    assert (final["total"], final["prefinancing_paid"], final["balance"]) == (1080.0, 864.0, 216.0)
    # The balance paid, the dossier is closed: nothing more to pay or to recover.
    r = pay(office, mid, "balance", 216, "2025-04-02")
    assert r.json["state"] == "closed" and r.json["grant"]["final"]["balance"] == 0.0

    doc = office.get(f"/api/v1/mobilities/{mid}/documents/boarding_pass").json
    assert doc["status"] == "passed" and doc["report"]["verdict"] == "pass"
    assert doc["report"]["fields"]["legs"][0]["source"] == "barcode"
    assert doc["upload"]["attempts"] == 1 and len(doc["history"]) == 1


def test_an_early_return_accepted_by_the_office_is_to_recover(office: Any) -> None:
    mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    before_departure(office, mid)
    assert pay(office, mid, "prefinancing", 864).status_code == 201
    upload(office, mid, "certificate_of_attendance", RETURN_DOCUMENTS["certificate_of_attendance"])
    upload(office, mid, "boarding_pass", RETURN_DOCUMENTS["boarding_pass"])
    upload(office, mid, "eu_survey", RETURN_DOCUMENTS["eu_survey"])
    upload(office, mid, "entry_exit_record", "records/entry-exit-record-early-return-text.pdf")
    dossier = wait_checked(office, mid)
    record = next(e for e in dossier["checklist"] if e["kind"] == "entry_exit_record")
    # an early return is the office's to decide (force majeure?), not the participant's to fix
    assert record["status"] == "review"
    assert dossier["state"] == "prefinancing_paid"

    # The office accepts the record as true: the stay was cut short.
    r = office.post(
        f"/api/v1/mobilities/{mid}/documents/entry_exit_record/decision",
        json={"decision": "accepted", "reason": "the participant came back early"},
    )
    assert r.json["status"] == "accepted"
    dossier = office.get(f"/api/v1/mobilities/{mid}").json
    recon = dossier["reconciliation"]
    assert recon["status"] == "fail"
    assert dossier["pending"] == ["an officer's confirmation of the reconciliation findings"]

    r = office.post(
        f"/api/v1/mobilities/{mid}/reconciliation/confirm",
        json={"fingerprint": "stale", "reason": "x"},
    )
    assert r.status_code == 409
    r = office.post(
        f"/api/v1/mobilities/{mid}/reconciliation/confirm",
        json={"fingerprint": recon["fingerprint"], "reason": "e-Devlet record is authoritative"},
    )
    dossier = r.json
    assert dossier["reconciliation"]["confirmed"]["reason"] == "e-Devlet record is authoritative"
    assert dossier["reconciliation"]["actual"]["days"] < 5
    assert dossier["state"] == "to_recover"
    assert dossier["grant"]["final"]["to_recover"] == 864.0

    # Force majeure: the days spent are paid.
    r = office.put(
        f"/api/v1/mobilities/{mid}/force-majeure",
        json={"force_majeure": True, "reason": "a death in the family"},
    )
    final = r.json["grant"]["final"]
    assert final["force_majeure"] and 0 < final["total"] < 1080.0
    assert r.json["state"] == "to_recover" and final["to_recover"] == 864.0 - final["total"]
    r = pay(office, mid, "recovery", final["to_recover"], "2025-04-02")
    assert r.json["state"] == "closed" and r.json["paid"]["net"] == final["total"]

    log = office.get(f"/api/v1/mobilities/{mid}/audit").json["entries"]
    actions = [entry["action"] for entry in log]
    assert "decision.accepted" in actions and "decision.reconciliation" in actions
    assert "decision.force_majeure" in actions and "dossier.read" in actions


def test_the_same_file_twice_is_checked_once(office: Any) -> None:
    mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    first = upload(office, mid, "eu_survey", RETURN_DOCUMENTS["eu_survey"])
    assert first.status_code == 202
    again = upload(office, mid, "eu_survey", RETURN_DOCUMENTS["eu_survey"], "renamed.pdf")
    assert again.status_code == 200
    assert again.json["upload"]["id"] == first.json["upload"]["id"]
    wait_checked(office, mid)
    doc = office.get(f"/api/v1/mobilities/{mid}/documents/eu_survey").json
    assert doc["status"] == "passed" and doc["upload"]["attempts"] == 1
    assert len(doc["history"]) == 1


def test_a_changed_record_checks_the_documents_again(office: Any) -> None:
    record = new_record()
    mid = office.post("/api/v1/mobilities", json=record).json["id"]
    upload(office, mid, "eu_survey", RETURN_DOCUMENTS["eu_survey"])
    assert wait_checked(office, mid)["checklist"][-1]["status"] == "passed"
    r = office.put(
        f"/api/v1/mobilities/{mid}",
        json={**record, "start_date": "2025-04-07", "end_date": "2025-04-11"},
    )
    assert r.status_code == 200 and r.json["record_version"] == 2
    dossier = wait_checked(office, mid)
    survey = next(e for e in dossier["checklist"] if e["kind"] == "eu_survey")
    assert survey["status"] == "failed"  # the survey is for March, the mobility now April
    r = office.put(f"/api/v1/mobilities/{mid}", json={**record, "reference": "other"})
    assert r.status_code == 409


def test_bad_requests_get_clear_errors(office: Any) -> None:
    record = new_record()
    mid = office.post("/api/v1/mobilities", json=record).json["id"]
    r = office.post("/api/v1/mobilities", json=record)
    assert r.status_code == 409 and mid in r.json["error"]["message"]
    r = office.post("/api/v1/mobilities", json={**record, "start_date": "10.03.2025"})
    assert r.status_code == 422 and r.json["error"]["details"][0]["key"] == "start_date"
    cases = [
        # a request that breaks the API's description: 400; a file that is no document: 422
        (upload_bytes(office, mid, "eu_survey", b"", "empty.pdf"), 422, "empty"),
        (upload_bytes(office, mid, "eu_survey", b"hello", "notes.txt"), 422, "PDF"),
        (upload_bytes(office, mid, "visa", b"%PDF-1.4", "v.pdf"), 404, "checklist"),
        (upload_bytes(office, "0" * 16, "eu_survey", b"%PDF-1.4", "v.pdf"), 404, "no mobility"),
        (upload_bytes(office, "0000", "eu_survey", b"%PDF-1.4", "v.pdf"), 404, "16 letters"),
        (office.put(f"/api/v1/mobilities/{mid}/documents/eu_survey"), 400, "'file'"),
        (office.get("/api/v1/mobilities/" + "f" * 16), 404, "no mobility"),
        (
            office.post(
                f"/api/v1/mobilities/{mid}/documents/eu_survey/decision",
                json={"decision": "accepted", "reason": "ok"},
            ),
            409,
            "Nothing has been uploaded",
        ),
        (office.get("/api/v1/mobilities?state=paid"), 400, "state is one of"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.json
        assert words in response.json["error"]["message"], response.json
    # A PDF the checker cannot read is a finding about the document, not a crash.
    upload_bytes(office, mid, "eu_survey", b"%PDF-1.4\n%broken", "broken.pdf")
    doc = wait_checked(office, mid)["checklist"][-1]
    assert doc["status"] == "failed" and doc["report"]["checks"][0]["id"] == "readable"


def test_tokens_and_roles(app: Any, office: Any, portal: Any) -> None:
    anonymous = app.test_client()
    r = anonymous.get("/api/v1/mobilities")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    assert "token create" in r.json["error"]["message"]
    bad = app.test_client()
    bad.environ_base["HTTP_AUTHORIZATION"] = "Bearer ds_not-a-token"
    assert bad.get("/api/v1/mobilities").status_code == 401
    assert anonymous.get("/health").status_code == 200
    assert anonymous.get("/api/v1/openapi.json").status_code == 200

    mid = portal.post("/api/v1/mobilities", json=new_record()).json["id"]
    upload_bytes(portal, mid, "language_certificate", b"%PDF-1.4 B2", "b2.pdf")
    r = portal.post(
        f"/api/v1/mobilities/{mid}/documents/language_certificate/decision",
        json={"decision": "accepted", "reason": "ok"},
    )
    assert r.status_code == 403 and "office" in r.json["error"]["message"]
    assert portal.get("/api/v1/audit").status_code == 403

    link = portal.post(f"/api/v1/mobilities/{mid}/participant-link").json
    assert link["url"].endswith(link["token"])
    participant = app.test_client()
    participant.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {link['token']}"
    assert participant.get(f"/api/v1/mobilities/{mid}").status_code == 200
    r = upload(participant, mid, "eu_survey", RETURN_DOCUMENTS["eu_survey"])
    assert r.status_code == 202 and r.json["upload"]["uploaded_by"].startswith("participant:")
    other = portal.post("/api/v1/mobilities", json=new_record()).json["id"]
    assert participant.get(f"/api/v1/mobilities/{other}").status_code == 403
    assert participant.get("/api/v1/mobilities").status_code == 403
    assert participant.post("/api/v1/grants/calculate", json=EXAMPLE).status_code == 403
    r = participant.post(
        f"/api/v1/mobilities/{mid}/documents/eu_survey/decision",
        json={"decision": "accepted", "reason": "mine"},
    )
    assert r.status_code == 403
    # A new link revokes the old one.
    portal.post(f"/api/v1/mobilities/{mid}/participant-link")
    assert participant.get(f"/api/v1/mobilities/{mid}").status_code == 401
    wait_checked(office, mid)


def test_import_a_sheet(office: Any) -> None:
    header = "reference,action,activity,participant.given_names,participant.surname,"
    header += "sending.institution,sending.city,sending.country,receiving.institution,"
    header += "receiving.city,receiving.country,start_date,end_date\n"
    rest = "KTÜ,Trabzon,TR,Heidelberg University,Heidelberg,DE"
    people = ("Şükrü,Öztürk-İmport", "İrem,Işık", "Gökçe,Ünal")
    sheet = (
        header
        + "".join(
            f"IMPORT-{n},KA131,teaching,{who},{rest},10.03.2025,14.03.2025\n"
            for n, who in enumerate(people)
        )
        + "IMPORT-bad,KA131,teaching,A,B,KTÜ,Trabzon,TR,X,Y,DE,2025-13-01,2025-03-14\n"
        + f"IMPORT-again,KA131,teaching,IREM,ISIK,{rest},2025-03-12,2025-03-20\n"
    )
    files = {"file": (io.BytesIO(sheet.encode()), "mobilities.csv")}
    r = office.post("/api/v1/mobilities/import", data=files)
    assert r.status_code == 200
    assert [c["reference"] for c in r.json["created"]] == ["IMPORT-0", "IMPORT-1", "IMPORT-2"]
    bad, again = r.json["errors"]
    assert bad["row"] == 5 and "start_date" in bad["message"]
    assert {p["key"] for p in bad["problems"]} >= {"start_date", "receiving.city"}
    assert again["row"] == 6 and "same person" in again["message"] and "row 3" in again["message"]
    files = {"file": (io.BytesIO(sheet.encode()), "mobilities.csv")}
    again = office.post("/api/v1/mobilities/import", data=files).json
    assert again["created"] == [] and len(again["existing"]) == 3
    listed = office.get("/api/v1/mobilities?q=IMPORT-").json
    assert listed["total"] == 3
    assert {item["participant"] for item in listed["items"]} >= {"İrem Işık", "Gökçe Ünal"}


def test_concurrent_uploads_to_many_dossiers_lose_nothing(app: Any, office: Any) -> None:
    ids = [office.post("/api/v1/mobilities", json=new_record()).json["id"] for _ in range(8)]
    errors: list[str] = []

    def send(mid: str) -> None:
        client = signed_in(app, "integration")
        for kind in ("eu_survey", "certificate_of_attendance", "entry_exit_record"):
            r = upload(client, mid, kind, RETURN_DOCUMENTS[kind])
            if r.status_code != 202:
                errors.append(f"{mid} {kind}: {r.status_code} {r.json}")

    threads = [threading.Thread(target=send, args=(mid,)) for mid in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for mid in ids:
        dossier = wait_checked(office, mid, timeout=180)
        statuses = {e["kind"]: e["status"] for e in dossier["checklist"]}
        assert statuses["eu_survey"] == statuses["certificate_of_attendance"] == "passed"
        assert statuses["entry_exit_record"] == "passed"


def test_the_openapi_document_lists_the_dossier_routes(app: Any) -> None:
    spec = app.test_client().get("/api/v1/openapi.json").json
    paths = spec["paths"]
    for path, method in [
        ("/api/v1/mobilities", "post"),
        ("/api/v1/mobilities/{mobility_id}", "get"),
        ("/api/v1/mobilities/{mobility_id}/documents/{kind}", "put"),
        ("/api/v1/mobilities/{mobility_id}/documents/{kind}", "get"),
        ("/api/v1/mobilities/{mobility_id}/documents/{kind}/decision", "post"),
    ]:
        assert method in paths[path], path
    upload_op = paths["/api/v1/mobilities/{mobility_id}/documents/{kind}"]["put"]
    assert "multipart/form-data" in upload_op["requestBody"]["content"]
    assert "202" in upload_op["responses"]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_documents_generated_for_the_dossier(app: Any, office: Any, portal: Any) -> None:
    mid = portal.post("/api/v1/mobilities", json=new_record()).json["id"]
    r = portal.post(f"/api/v1/mobilities/{mid}/generated/grant_agreement?format=docx&lang=tr")
    assert r.status_code == 201, r.json
    made = r.json
    assert made["template"] == "grant_agreement" and made["lang"] == "tr"
    assert made["verify_url"].endswith(f"/verify/{made['code']}")
    assert made["issued_by"] == "integration:test-integration"
    (file,) = made["files"]
    assert file["format"] == "docx" and file["download"].endswith(f"/{made['code']}/docx")

    got = portal.get(file["download"])
    assert got.status_code == 200 and got.data[:2] == b"PK"
    assert "attachment" in got.headers["Content-Disposition"]
    assert hashlib.sha256(got.data).hexdigest() == file["sha256"]
    got.close()
    documents = app.extensions["docservice"].documents
    assert documents.verify(got.data).status == "authentic"

    dossier = office.get(f"/api/v1/mobilities/{mid}").json
    assert [g["code"] for g in dossier["generated"]] == [made["code"]]

    # The participant downloads it to sign it, and may not make documents.
    link = office.post(f"/api/v1/mobilities/{mid}/participant-link").json
    participant = app.test_client()
    participant.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {link['token']}"
    mine = participant.get(file["download"])
    assert mine.status_code == 200
    mine.close()
    assert (
        participant.post(f"/api/v1/mobilities/{mid}/generated/grant_agreement").status_code == 403
    )

    log = office.get(f"/api/v1/mobilities/{mid}/audit").json["entries"]
    actions = [(e["action"], e["actor"].split(":")[0]) for e in log]
    assert ("document.generate", "integration") in actions
    assert ("document.download_generated", "participant") in actions

    cases = [
        (portal.post(f"/api/v1/mobilities/{mid}/generated/visa"), 404, "visa"),
        (portal.post(f"/api/v1/mobilities/{mid}/generated/grant_agreement?format=odt"), 400, "odt"),
        (portal.post(f"/api/v1/mobilities/{mid}/generated/grant_agreement?lang=de"), 400, "lang"),
        (portal.get(f"/api/v1/mobilities/{mid}/generated/DS-0000-0000-0000/pdf"), 404, "No pdf"),
        (portal.get(f"/api/v1/mobilities/{mid}/generated/{made['code']}/pdf"), 404, "No pdf"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.json
        assert words in response.json["error"]["message"], response.json


def test_a_document_generated_again_replaces_the_older_one_of_its_language(
    app: Any, portal: Any
) -> None:
    mid = portal.post("/api/v1/mobilities", json=new_record()).json["id"]
    make = f"/api/v1/mobilities/{mid}/generated/grant_agreement?format=docx&lang="
    first, english, second = (portal.post(make + lang).json for lang in ("tr", "en", "tr"))
    shown = {g["code"]: g for g in portal.get(f"/api/v1/mobilities/{mid}").json["generated"]}
    assert (
        shown[first["code"]]["revoked"]
        and shown[first["code"]]["superseded_by"] == (second["code"])
    )
    assert not shown[second["code"]]["revoked"] and not shown[english["code"]]["revoked"]
    verify = app.test_client().get(f"/verify/{first['code']}", headers={"Accept": "text/html"})
    assert "Revoked document" in verify.get_data(as_text=True) or "İptal" in verify.get_data(True)


def test_a_passed_document_is_accepted_without_a_reason_but_rejected_with_one(
    office: Any,
) -> None:
    mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    upload(office, mid, "eu_survey", RETURN_DOCUMENTS["eu_survey"])
    assert wait_checked(office, mid)["checklist"][-1]["status"] == "passed"
    decide = f"/api/v1/mobilities/{mid}/documents/eu_survey/decision"
    refused = office.post(decide, json={"decision": "rejected", "reason": " "})
    assert refused.status_code in (400, 422) and "reason" in refused.json["error"]["message"]
    accepted = office.post(decide, json={"decision": "accepted", "reason": ""})
    assert accepted.status_code == 200 and accepted.json["status"] == "accepted", accepted.json
    # a document the checks did not pass needs a reason either way
    upload_bytes(office, mid, "language_certificate", b"%PDF-1.4 B2", "b2.pdf")
    review = f"/api/v1/mobilities/{mid}/documents/language_certificate/decision"
    assert office.post(review, json={"decision": "accepted", "reason": ""}).status_code in (
        400,
        422,
    )
