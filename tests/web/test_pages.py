"""The pages through Flask's test client: signing in, CSRF on every form, who sees what, both
languages, and the Turkish catalogue in step with the pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docservice.dossier.store import Actor
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, ROOT, merge
from tests.web.conftest import PASSWORD

CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')


def token_of(page: bytes) -> str:
    found = CSRF.search(page)
    assert found is not None, "the form carries no CSRF token"
    return found.group(1).decode()


def signed_in_client(app: Any) -> Any:
    client = app.test_client()
    login = client.get("/office/login")
    r = client.post(
        "/office/login",
        data={"username": "Ayse", "password": PASSWORD, "csrf_token": token_of(login.data)},
    )
    assert r.status_code == 302
    return client


def a_dossier(app: Any, **changes: Any) -> str:
    record = merge(EXAMPLE, {"reference": f"WEB-{id(changes)}-{len(changes)}", **changes})
    made = app.extensions["docservice"].flow.dossiers.create(
        parse_mobility(record), Actor("office:test")
    )
    return str(made["id"])


def test_pages_need_a_signed_in_officer(app: Any) -> None:
    client = app.test_client()
    r = client.get("/office/?q=x")
    assert r.status_code == 302 and "/office/login?next=/office/?q%3Dx" in r.location
    assert client.get("/").location.endswith("/office/")
    login = client.get("/office/login?lang=en")
    wrong = client.post(
        "/office/login",
        data={"username": "ayse", "password": "nope", "csrf_token": token_of(login.data)},
    )
    assert wrong.status_code == 401 and b"The username or the password is wrong." in wrong.data
    unknown = client.post(
        "/office/login",
        data={"username": "nobody", "password": "nope", "csrf_token": token_of(login.data)},
    )
    assert unknown.status_code == 401 and b"The username or the password is wrong." in unknown.data


def test_every_form_needs_its_csrf_token(app: Any) -> None:
    client = app.test_client()
    r = client.post("/office/login", data={"username": "ayse", "password": PASSWORD})
    assert r.status_code == 400 and "Formun süresi doldu" in r.data.decode()  # Turkish first
    office = signed_in_client(app)
    mid = a_dossier(app)
    r = office.post(f"/office/m/{mid}/participant-link")
    assert r.status_code == 400
    page = office.get(f"/office/m/{mid}")
    r = office.post(f"/office/m/{mid}/participant-link", data={"csrf_token": token_of(page.data)})
    assert r.status_code == 302


def test_the_next_address_stays_on_this_site(app: Any) -> None:
    client = app.test_client()
    login = client.get("/office/login")
    r = client.post(
        "/office/login?next=https://evil.example/",
        data={"username": "ayse", "password": PASSWORD, "csrf_token": token_of(login.data)},
    )
    assert r.location == "/office/"


def test_dashboard_filters_and_searches_in_both_languages(app: Any) -> None:
    office = signed_in_client(app)
    a_dossier(app)
    a_dossier(app, receiving={"institution": "Lund University", "city": "Lund", "country": "SE"})
    tr = office.get("/office/?lang=tr").data.decode()
    assert "Hareketlilikler" in tr and "belgeler bekleniyor" in tr and "10 Mart 2025" in tr
    en = office.get("/office/?lang=en&country=SE").data.decode()
    assert "Lund University" in en and "Heidelberg University" not in en
    assert "10 March 2025" in en
    found = office.get("/office/?q=SUKRU+OZTURK").data.decode()
    assert "Şükrü Öztürk" in found
    assert "No mobility matches" in office.get("/office/?q=nobody-at-all").data.decode()


def test_mobility_page_shows_the_grant_and_decides(app: Any) -> None:
    office = signed_in_client(app)
    mid = a_dossier(app)
    flow = app.extensions["docservice"].flow
    flow.dossiers.upload(mid, "language_certificate", b"%PDF-1.4 B2", "b2.pdf", Actor("p:x"))
    page = office.get(f"/office/m/{mid}?lang=tr").data.decode()
    assert "1.080,00 €" in page and "Dr. Şükrü Öztürk" in page and "incelenecek" in page
    assert "Beklenenler: Kabul mektubu; Dil belgesi;" in page  # what it waits for, named
    assert "Tarihleri okunabilen bir katılım belgesi gerekiyor." in page  # a finding, in Turkish
    english = office.get(f"/office/m/{mid}?lang=en").data.decode()
    assert "€1,080.00" in english and "Individual support: 5 days × €144.00" in english
    token = token_of(english.encode())
    empty = office.post(
        f"/office/m/{mid}/documents/language_certificate/decision",
        data={"decision": "accepted", "reason": " ", "csrf_token": token},
        follow_redirects=True,
    )
    assert b"Give the reason for the decision" in empty.data
    done = office.post(
        f"/office/m/{mid}/documents/language_certificate/decision",
        data={"decision": "accepted", "reason": "B2, signed", "csrf_token": token},
        follow_redirects=True,
    )
    assert b"Your decision is recorded." in done.data and b"B2, signed" in done.data
    assert office.get("/office/m/0000").status_code == 404


def test_participant_page_is_theirs_only(app: Any) -> None:
    mid = a_dossier(app)
    flow = app.extensions["docservice"].flow
    token, _row = flow.tokens.create("participant", "x", mobility_id=mid, valid_days=1)
    client = app.test_client()
    page = client.get(f"/p/{token}?lang=en")
    assert page.status_code == 200 and b"Your Erasmus+ documents" in page.data
    assert client.get("/p/ds_not-a-link").status_code == 404
    office_token, _ = flow.tokens.create("office", "not a link")
    assert client.get(f"/p/{office_token}").status_code == 404
    r = client.post(
        f"/p/{token}/upload/eu_survey",
        data={"csrf_token": token_of(page.data)},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 404 and "Choose the file" in r.json["error"]["message"]
    status = client.get(f"/p/{token}/status").json
    assert {item["kind"] for item in status["items"]} >= {"eu_survey", "boarding_pass"}


def test_the_turkish_catalogue_covers_every_message() -> None:
    """A message added to a page without its Turkish shows up here (``./run messages`` adds it
    to the .po for a translator)."""
    from docservice.web.translations import update

    wanted = update.extracted()
    assert len(wanted) > 100
    for path in update.catalogues():
        with path.open("rb") as handle:
            catalogue = update.read_po(handle, locale=path.parents[1].name)
        assert update.problems(catalogue, wanted) == []


def test_messages_update_adds_marks_and_drops_for_the_translator(tmp_path: Path) -> None:
    from babel.messages.catalog import Catalog

    from docservice.web.translations import update

    po = tmp_path / "tr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    old = Catalog(locale="tr")
    old.add("Upload", "Yükle")
    old.add("%(count)d files were sent", "%(count)d dosya gönderildi")
    old.add("Gone", "Gitti")
    with po.open("wb") as handle:
        update.write_po(handle, old)
    wanted = Catalog()
    wanted.add("Upload")
    wanted.add("%(count)d files were sent.")  # the English changed a little
    wanted.add("A new message")
    update.update(po, wanted)
    with po.open("rb") as handle:  # as written for the translator
        updated = update.read_po(handle, locale="tr")
    assert updated.get("Upload").string == "Yükle"  # kept, and not marked
    changed = updated.get("%(count)d files were sent.")
    assert changed.fuzzy and changed.string == "%(count)d dosya gönderildi"  # a suggestion
    assert updated.get("Gone") is None and not updated.get("A new message").string
    assert update.problems(updated, wanted) == [
        "fuzzy (the English changed; check the translation): '%(count)d files were sent.'",
        "no translation: 'A new message'",
    ]
    # a translation that lost a placeholder is caught
    updated.get("A new message").string = "Yeni"
    updated.add("Hello %(name)s", "Merhaba")
    wanted.add("Hello %(name)s")
    changed.flags.discard("fuzzy")
    assert update.problems(updated, wanted) == [
        "placeholders differ from the English: 'Hello %(name)s'"
    ]


def test_pages_send_their_security_headers(app: Any) -> None:
    client = app.test_client()
    page = client.get("/office/login")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert client.get("/p/ds_whatever").headers["Referrer-Policy"] == "no-referrer"
    assert "Content-Security-Policy" not in client.get("/health").headers


def test_repeated_wrong_passwords_lock_the_username_for_a_while(app: Any) -> None:
    users = app.extensions["docservice"].users
    users.create("mehmet", "Mehmet Demir", PASSWORD)
    client = app.test_client()
    token = token_of(client.get("/office/login").data)
    for _ in range(5):
        wrong = client.post(
            "/office/login?lang=en",
            data={"username": "mehmet", "password": "guess", "csrf_token": token},
        )
        assert wrong.status_code == 401
    locked = client.post(
        "/office/login?lang=en",
        data={"username": "mehmet", "password": PASSWORD, "csrf_token": token},
    )
    assert locked.status_code == 429 and b"wait 15 minutes" in locked.data
    assert signed_in_client(app) is not None  # another username is not locked


def test_a_students_credits_are_entered_on_the_page(app: Any) -> None:
    office = signed_in_client(app)
    student = {
        "activity": "studies",
        "start_date": "2025-02-17",
        "end_date": "2025-06-30",
        "participant": {"category": "student"},
        "teaching_hours": None,
    }
    mid = a_dossier(app, **student)
    page = office.get(f"/office/m/{mid}?lang=en")
    token = token_of(page.data)
    wrong = office.post(
        f"/office/m/{mid}/ects?lang=en",
        data={"ects_completed": "many", "csrf_token": token},
        follow_redirects=True,
    )
    assert b"Write the ECTS credits as a number" in wrong.data
    done = office.post(
        f"/office/m/{mid}/ects?lang=tr",
        data={"ects_completed": "27,5", "csrf_token": token},
        follow_redirects=True,
    )
    assert "AKTS kredisi kaydedildi." in done.data.decode()
    row = app.extensions["docservice"].flow.store.get(mid)
    assert row.record["ects_completed"] == 27.5
    assert row.record_version == 1  # nothing to check again for the credits
    staff = a_dossier(app)
    refused = office.post(
        f"/office/m/{staff}/ects?lang=en",
        data={"ects_completed": "30", "csrf_token": token},
        follow_redirects=True,
    )
    assert b"Only a student" in refused.data


def test_every_status_has_its_words_and_the_api_names_them_all(app: Any) -> None:
    from docservice.dossier.checklist import ItemStatus
    from docservice.web.labels import PARTICIPANT_STATUS, STATUS

    assert set(STATUS) == set(PARTICIPANT_STATUS) == set(ItemStatus)
    spec = app.test_client().get("/api/v1/openapi.json").json
    schemas = spec["components"]["schemas"]
    listed = [s["enum"] for s in schemas.values() if set(s.get("enum", [])) >= {"queued", "review"}]
    assert listed and all(sorted(e) == sorted(ItemStatus) for e in listed)


def test_an_older_rate_table_is_shown_and_confirmed_before_an_agreement(app: Any) -> None:
    office = signed_in_client(app)
    mid = a_dossier(app, call_year=2024)  # no staff table for 2024: the 2023 one is used
    page = office.get(f"/office/m/{mid}?lang=tr").data.decode()
    assert "KA131 2024 çağrısı için oran tablosu kayıtlı değil" in page  # the officer's note
    assert 'name="confirm_fallback"' in page
    form = {"template": "grant_agreement", "format": "docx", "lang": "tr"}
    refused = office.post(
        f"/office/m/{mid}/generate",
        data={**form, "csrf_token": token_of(page.encode())},
        follow_redirects=True,
    ).data.decode()
    assert "kutuyu işaretleyip" in refused and "güncel" not in refused
    made = office.post(
        f"/office/m/{mid}/generate",
        data={**form, "confirm_fallback": "yes", "csrf_token": token_of(page.encode())},
        follow_redirects=True,
    ).data.decode()
    assert "Hibe sözleşmesi · Türkçe" in made and "güncel" in made
    # a call with its own table asks nothing
    own = a_dossier(app, call_year=2023)
    assert 'name="confirm_fallback"' not in office.get(f"/office/m/{own}").data.decode()


def test_every_phrase_the_code_says_is_in_the_catalogue() -> None:
    """A phrase written inside another's values is not extracted by pybabel: every say("…")
    and N_("…") of the code must be a message of the Turkish catalogue all the same."""
    import ast

    from babel.messages.pofile import read_po

    po = ROOT / "docservice" / "web" / "translations" / "tr" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    missing = []
    for folder in ("checkers", "docservice"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) in ("say", "N_")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and node.args[0].value not in known
                ):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []
