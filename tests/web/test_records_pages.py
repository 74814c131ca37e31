"""The office corrects its records in the pages: a mobility's record edited on its own page, and a
sheet imported after seeing what it does, every problem named by its field and row in the page's
language; and the same import through the API (dry run, update)."""

from __future__ import annotations

import io
import re
from typing import Any

from docservice.dossier.intake import iban_problem
from docservice.dossier.store import Actor
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, merge, signed_in
from tests.web.test_pages import signed_in_client, token_of

HEADER = (
    "reference,action,activity,participant.given_names,participant.surname,participant.iban,"
    "sending.institution,sending.city,sending.country,receiving.institution,receiving.city,"
    "receiving.country,start_date,end_date,teaching_hours\n"
)
HOME = "KTÜ,Trabzon,TR"
VALID_IBAN = "TR330006100519786457841326"


def a_person(app: Any, reference: str, given: str, surname: str, **changes: Any) -> str:
    record = merge(
        EXAMPLE,
        {"reference": reference, "participant": {"given_names": given, "surname": surname}},
    )
    made = app.extensions["docservice"].flow.dossiers.create(
        parse_mobility(merge(record, changes)), Actor("office:test")
    )
    return str(made["id"])


def text_of(page: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.decode()))


def test_ibans_are_checked_by_their_check_digits_and_the_policys_bank() -> None:
    assert iban_problem(VALID_IBAN) is None
    assert iban_problem("tr33 0006 1005 1978 6457 8413 26") is None  # as people write it
    assert "26" in iban_problem("TR00123") and "7 characters" in iban_problem("TR00123")
    wrong_digit = VALID_IBAN[:-1] + "7"
    assert "check digits" in iban_problem(wrong_digit)
    assert "TR and 24 digits" in iban_problem("12345")
    assert iban_problem("DE89370400440532013000") is None  # a German account is an IBAN too
    ziraat = "TR150001000000001234567890"  # an invented account at bank 00010
    assert iban_problem(ziraat, "00010", "Ziraat Bankası") is None
    at_bank = iban_problem(VALID_IBAN, "00010", "Ziraat Bankası")
    assert "Ziraat Bankası" in at_bank and "00010" in at_bank
    assert "Turkish account" in iban_problem("DE89370400440532013000", "00010")


def test_the_record_is_edited_on_its_page_with_errors_in_turkish(app: Any) -> None:
    office = signed_in_client(app)
    mid = a_person(app, "EDIT-1", "Ayşegül", "Kılıçarslan")
    page = office.get(f"/office/m/{mid}/record?lang=tr")
    assert page.status_code == 200
    words = text_of(page.data)
    assert "Soyadı" in words and "Ev sahibi kurum" in words and "Şehir" in words
    assert '<option value="DE" selected>Almanya</option>' in page.data.decode()
    form = {
        "csrf_token": token_of(page.data),
        "action": "KA131",
        "activity": "teaching",
        "participant.given_names": "Ayşegül",
        "participant.surname": "",
        "participant.iban": "TR00123",
        "sending.institution": "Karadeniz Technical University",
        "sending.city": "Trabzon",
        "sending.country": "TR",
        "receiving.institution": "Heidelberg University",
        "receiving.city": "Heidelbrg",
        "receiving.country": "DE",
        "start_date": "2025-03-10",
        "end_date": "2025-03-14",
        "teaching_hours": "8",
    }
    r = office.post(f"/office/m/{mid}/record", data=form)
    assert r.status_code == 422
    words = text_of(r.data)
    assert "Kayıt kaydedilmedi" in words
    assert "Soyadı: zorunludur" in words
    assert "IBAN: 7 karakter; Türkiye'deki bir IBAN 26 karakterdir" in words.replace("&#39;", "'")
    assert "Heidelberg, Heide mi demek istediniz" in words and "Almanya (DE)" in words
    for english in ("is required", "was not found", "characters", "Did you mean"):
        assert english not in words, english
    assert 'aria-invalid="true"' in r.data.decode()
    # nothing was stored
    stored = app.extensions["docservice"].flow.store.get(mid).record
    assert stored["participant"]["surname"] == "Kılıçarslan"

    # the same mistakes on the English page, in English
    r = office.post(f"/office/m/{mid}/record?lang=en", data=form)
    words = text_of(r.data)
    assert "Surname: is required" in words and "Did you mean Heidelberg, Heide?" in words

    form.update({"participant.surname": "Kılıçarslan-Öz", "participant.iban": VALID_IBAN})
    form.update({"receiving.city": "Heidelberg", "teaching_hours": "12,5"})
    r = office.post(f"/office/m/{mid}/record?lang=tr", data=form)
    assert r.status_code == 302 and r.location.endswith(f"/office/m/{mid}")
    shown = text_of(office.get(r.location).data)
    assert "Kayıt kaydedildi: 2 alan değişti." in shown
    stored = app.extensions["docservice"].flow.store.get(mid).record
    assert stored["participant"]["surname"] == "Kılıçarslan-Öz"
    assert stored["teaching_hours"] == 12.5 and stored["participant"]["iban"] == VALID_IBAN
    assert stored["reference"] == "EDIT-1"  # not a field of the form, and cannot change
    r = office.post(f"/office/m/{mid}/record?lang=en", data=form)
    assert "Nothing changed." in text_of(office.get(r.location).data)


def test_an_edit_that_makes_a_second_dossier_for_the_same_days_is_refused(app: Any) -> None:
    office = signed_in_client(app)
    a_person(app, "SAME-1", "Emre", "Çelik")
    mid = a_person(app, "SAME-2", "Emre", "Çelik", start_date="2025-05-05", end_date="2025-05-09")
    page = office.get(f"/office/m/{mid}/record?lang=tr")
    form = {k: v for k, v in re.findall(r'name="([^"]+)" value="([^"]*)"', page.data.decode())}
    form.update({"action": "KA131", "activity": "teaching", "sending.country": "TR"})
    form.update({"receiving.country": "DE", "start_date": "2025-03-11", "end_date": "2025-03-13"})
    r = office.post(f"/office/m/{mid}/record?lang=tr", data=form)
    assert r.status_code == 422
    assert "aynı kişinin bu günler için zaten bir dosyası var (SAME-1" in text_of(r.data)


def line(reference: str, given: str, surname: str, iban: str, city: str, *rest: object) -> str:
    """A sheet's row (HEADER's columns): the host is in Germany, the home is Trabzon."""
    cells = [reference, "KA131", "teaching", given, surname, iban, HOME]
    cells += ["Heidelberg University", city, "DE", *map(str, rest)]
    return ",".join(cells) + "\n"


def sheet(*lines: str) -> dict[str, Any]:
    return {"file": (io.BytesIO((HEADER + "".join(lines)).encode()), "mobilities.csv")}


def test_an_import_shows_what_it_will_do_and_names_wrong_rows(app: Any) -> None:
    office = signed_in_client(app)
    on_file = a_person(app, "IMP-OLD", "Zeynep", "Arslan")
    march = ("10.03.2025", "14.03.2025")
    lines = [
        line("IMP-NEW", "Mert", "Doğan", VALID_IBAN, "Heidelberg", *march, 8),
        line("IMP-CITY", "Can", "Ak", "", "Atlantis", *march, 8),
        line("IMP-IBAN", "Ece", "Su", "TR00123", "Heidelberg", *march, 8),
        line("IMP-TWICE", "MERT", "DOGAN", "", "Heidelberg", "12.03.2025", "20.03.2025", 8),
        line("IMP-OLD", "Zeynep", "Arslan", "", "Heidelberg", *march, 10),
    ]
    page = office.get("/office/import?lang=tr")
    r = office.post(
        "/office/import?lang=tr", data={"csrf_token": token_of(page.data), **sheet(*lines)}
    )
    assert r.status_code == 200
    words = text_of(r.data).replace("&#39;", "'")
    assert "1 yeni, 1 değişecek, 0 değişmeyecek, 3 hatalı." in words
    assert "3. satır (IMP-CITY)" in words and "Ev sahibi kurumun şehri: 'Atlantis' şehri" in words
    assert "4. satır (IMP-IBAN)" in words and "IBAN: 7 karakter" in words
    assert "5. satır (IMP-TWICE)" in words and "2. satırda bir hareketliliği var" in words
    assert "Ders saati" in words or "Teaching hours" not in words
    assert "is required" not in words and "Row" not in words
    # nothing is stored before the confirmation
    flow = app.extensions["docservice"].flow
    assert flow.store.find_reference("IMP-NEW") is None
    assert flow.store.get(on_file).record.get("teaching_hours") == 8

    token = re.search(r'name="token" value="([^"]+)"', r.data.decode()).group(1)
    confirm = {"csrf_token": token_of(r.data), "token": token, "update": "on"}
    done = office.post("/office/import/confirm?lang=tr", data=confirm)
    assert done.status_code == 200
    assert "1 yeni, 1 değişti, 0 olduğu gibi kaldı, 3 hatalı." in text_of(done.data)
    assert flow.store.find_reference("IMP-NEW") is not None
    assert flow.store.get(on_file).record["teaching_hours"] == 10
    # a confirmation is used once
    again = office.post("/office/import/confirm?lang=en", data=confirm)
    assert again.status_code == 302
    assert "waited too long" in text_of(office.get(again.location).data)


def test_a_sheet_waits_for_the_officer_who_sent_it_only(app: Any) -> None:
    users = app.extensions["docservice"].users
    users.create("mehmet", "Mehmet Kaya", "another long pass phrase")
    ayse = signed_in_client(app)
    line = "IMP-MINE,KA131,teaching,Derya,Ün,," + HOME + ",Heidelberg University,Heidelberg,DE,"
    page = ayse.get("/office/import")
    r = ayse.post(
        "/office/import",
        data={"csrf_token": token_of(page.data), **sheet(line + "10.03.2025,14.03.2025,8\n")},
    )
    token = re.search(r'name="token" value="([^"]+)"', r.data.decode()).group(1)
    mehmet = app.test_client()
    login = mehmet.get("/office/login")
    mehmet.post(
        "/office/login",
        data={
            "username": "mehmet",
            "password": "another long pass phrase",
            "csrf_token": token_of(login.data),
        },
    )
    page = mehmet.get("/office/import")
    r = mehmet.post(
        "/office/import/confirm", data={"csrf_token": token_of(page.data), "token": token}
    )
    assert r.status_code == 404
    assert app.extensions["docservice"].flow.store.find_reference("IMP-MINE") is None


def test_the_api_import_has_a_dry_run_and_an_update(app: Any) -> None:
    office = signed_in(app, "office")
    a_person(app, "API-OLD", "Selin", "Yurt")
    line = "API-OLD,KA131,teaching,Selin,Yurt,," + HOME + ",Heidelberg University,Heidelberg,DE,"
    body = sheet(line + "10.03.2025,14.03.2025,9\n")
    r = office.post("/api/v1/mobilities/import", data={**body, "dry_run": "true"})
    assert r.status_code == 200, r.json
    found = {c["key"]: (c["old"], c["new"]) for c in r.json["updated"][0]["changes"]}
    assert found == {
        "sending.institution": ("Karadeniz Technical University", "KTÜ"),
        "teaching_hours": (8, 9),
    }
    body = sheet(line + "10.03.2025,14.03.2025,9\n")
    r = office.post("/api/v1/mobilities/import", data=body)
    assert r.json["updated"] == [] and r.json["existing"][0]["changes"][-1]["new"] == 9
    body = sheet(line + "10.03.2025,14.03.2025,9\n")
    r = office.post("/api/v1/mobilities/import", data={**body, "update": "true"})
    assert r.json["updated"][0]["reference"] == "API-OLD"
    mid = r.json["updated"][0]["id"]
    assert office.get(f"/api/v1/mobilities/{mid}").json["record"]["teaching_hours"] == 9
    r = office.post("/api/v1/mobilities/import", data={**sheet(), "update": "maybe"})
    assert r.status_code == 400 and "update is true or false" in r.json["error"]["message"]
