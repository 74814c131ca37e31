"""E-mail through a real SMTP server (aiosmtpd, in this process): a participant's link sent from
the mobility page, the dashboard and the API, in the participant's language; the outbox with
each message's state; a server that is down gets the message again later, and nothing arrives
twice; without a server the messages wait unsent and the pages say so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.dossier.conftest import close_app, make_app
from tests.support import signed_in
from tests.web.conftest import PASSWORD
from tests.web.smtp import Server
from tests.web.test_pages import signed_in_client, token_of
from tests.web.test_records_pages import a_person, text_of


@pytest.fixture(scope="module")
def smtp() -> Iterator[Server]:
    server = Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, smtp: Server) -> Iterator[Any]:
    app = make_app(
        tmp_path_factory.mktemp("instance"),
        WORKERS=0,
        SMTP_URL=f"smtp://127.0.0.1:{smtp.port}",
        MAIL_FROM="KTÜ Erasmus+ <erasmus@ktu.example.edu.tr>",
    )
    app.extensions["docservice"].users.create("ayse", "Ayşe Yılmaz", PASSWORD)
    yield app
    close_app(app)


def work(app: Any) -> None:
    """What a worker does with the outbox: send what is due."""
    mailer = app.extensions["docservice"].flow.mailer
    for mail_id in mailer.due():
        mailer.deliver(mail_id)


def test_a_link_is_emailed_in_the_participants_language_and_works(app: Any, smtp: Server) -> None:
    inbox = smtp.inbox
    mid = a_person(app, "MAIL-1", "Büşra", "Şahin", participant={"email": "busra@example.com"})
    office = signed_in_client(app)
    page = office.get(f"/office/m/{mid}?lang=tr")
    assert "Yeni bağlantıyı busra@example.com adresine gönder" in text_of(page.data)
    r = office.post(
        f"/office/m/{mid}/participant-link/email?lang=tr",
        data={"csrf_token": token_of(page.data)},
    )
    assert r.status_code == 302
    assert "Yeni bağlantı busra@example.com adresine gönderiliyor." in text_of(
        office.get(r.location.split("#")[0]).data
    )
    before = len(inbox.messages)
    work(app)
    assert len(inbox.messages) == before + 1
    sent = inbox.messages[-1]
    assert sent["To"] == "busra@example.com"
    assert sent["Subject"] == "Erasmus+ belgeleriniz: size özel bağlantınız"
    body = sent.get_body(preferencelist=("plain",)).get_content()
    assert "Sayın Büşra," in body and "Heidelberg University" in body
    qr = next(part for part in sent.iter_attachments())
    assert qr.get_content_type() == "image/png" and qr.get_filename() == "erasmus-link.png"
    assert qr.get_content().startswith(b"\x89PNG")
    link = re.search(r"https?://\S+/p/\S+", body)
    assert link is not None
    participant = app.test_client().get(urlsplit(link.group(0)).path)
    assert participant.status_code == 200
    outbox = text_of(office.get("/office/outbox/?lang=tr").data)
    assert "busra@example.com" in outbox and "gönderildi" in outbox
    work(app)  # nothing is due any more: nothing is sent again
    assert len(inbox.messages) == before + 1


def test_an_english_speaker_gets_english_and_the_api_can_send(app: Any, smtp: Server) -> None:
    inbox = smtp.inbox
    mid = a_person(
        app, "MAIL-2", "Anna", "Berg", participant={"email": "anna@example.se", "language": "en"}
    )
    api = signed_in(app, "office")
    r = api.post(f"/api/v1/mobilities/{mid}/participant-link", json={"send": "email"})
    assert r.status_code == 201, r.json
    assert r.json["email"]["status"] == "queued" and r.json["email"]["to"] == "anna@example.se"
    work(app)
    sent = inbox.messages[-1]
    assert sent["Subject"] == "Your Erasmus+ documents: your own link"
    assert "Dear Anna," in sent.get_body(preferencelist=("plain",)).get_content()
    nobody = a_person(app, "MAIL-3", "Can", "Ok", participant={"email": None})
    r = api.post(f"/api/v1/mobilities/{nobody}/participant-link?lang=tr", json={"send": "email"})
    assert r.status_code == 422 and "e-posta adresi yok" in r.json["error"]["message"]
    r = api.post(f"/api/v1/mobilities/{nobody}/participant-link", json={"send": "fax"})
    assert r.status_code == 400


def test_a_server_that_is_down_gets_the_message_again_once(app: Any, smtp: Server) -> None:
    inbox = smtp.inbox
    mailer = app.extensions["docservice"].flow.mailer
    mid = a_person(app, "MAIL-4", "Ece", "Tan", participant={"email": "ece@example.com"})
    mailer.retry_base_s = 0  # the next attempt is due at once (the service waits a minute)
    smtp.stop()
    try:
        api = signed_in(app, "office")
        api.post(f"/api/v1/mobilities/{mid}/participant-link", json={"send": "email"})
        work(app)
        entry = mailer.outbox(mobility_id=mid)[0]
        assert entry["status"] == "queued" and entry["attempts"] == 1 and entry["last_error"]
    finally:
        smtp.start()
    before = len(inbox.messages)
    work(app)
    work(app)
    assert mailer.outbox(mobility_id=mid)[0]["status"] == "sent"
    assert len(inbox.messages) == before + 1


def test_the_ticked_dossiers_get_their_links_by_email(app: Any, smtp: Server) -> None:
    inbox = smtp.inbox
    ids = [
        a_person(app, "MAIL-5", "Ali", "Kurt", participant={"email": "ali@example.com"}),
        a_person(app, "MAIL-6", "Su", "Ak", participant={"email": None}),
    ]
    office = signed_in_client(app)
    page = office.get("/office/?lang=tr&q=MAIL-")
    r = office.post(
        "/office/bulk/?lang=tr",
        data={"csrf_token": token_of(page.data), "action": "email", "mobility": ids},
    )
    assert r.status_code == 302
    words = text_of(office.get("/office/?lang=tr").data)
    assert (
        "1 bağlantı e-postayla gönderildi" in words and "Su Ak kaydında e-posta adresi yok" in words
    )
    work(app)
    assert inbox.messages[-1]["To"] == "ali@example.com"


def test_without_a_mail_server_nothing_is_sent_and_the_office_is_told(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    app = make_app(tmp_path_factory.mktemp("instance"), WORKERS=0)
    try:
        app.extensions["docservice"].users.create("ayse", "Ayşe Yılmaz", PASSWORD)
        mid = a_person(app, "MAIL-7", "Nur", "Er", participant={"email": "nur@example.com"})
        office = signed_in_client(app)
        page = office.get(f"/office/m/{mid}?lang=en")
        r = office.post(
            f"/office/m/{mid}/participant-link/email?lang=en",
            data={"csrf_token": token_of(page.data)},
        )
        shown = text_of(office.get(r.location.split("#")[0]).data)
        assert "no mail server is set up" in shown and "DOCSERVICE_SMTP_URL" in shown
        outbox = text_of(office.get("/office/outbox/?lang=tr").data)
        assert "E-posta sunucusu ayarlanmadığı için" in outbox and "gönderilmedi" in outbox
    finally:
        close_app(app)


def test_a_failed_or_rejected_document_is_explained_to_the_participant(
    app: Any, smtp: Server
) -> None:
    from docservice.dossier.store import Actor
    from tests.support import SAMPLES

    inbox = smtp.inbox
    flow = app.extensions["docservice"].flow
    mid = a_person(app, "MAIL-8", "Zeynep", "Kaya", participant={"email": "zeynep@example.com"})
    letter = (SAMPLES / "letters" / "acceptance-letter-good-text.pdf").read_bytes()
    made, _ = flow.dossiers.upload(mid, "acceptance_letter", letter, "letter.pdf", Actor("p:x"))
    flow.tasks.check_upload(made["upload"]["id"])  # the letter names someone else: it fails
    work(app)
    sent = inbox.messages[-1]
    assert sent["To"] == "zeynep@example.com"
    assert sent["Subject"] == "Erasmus+ belgeleriniz: Kabul mektubu ile ilgilenmeniz gerekiyor"
    body = sent.get_content()
    assert "kontrolünde bir sorun bulundu" in body and "Belgede Zeynep Kaya adı yazmıyor." in body
    flow.dossiers.upload(mid, "language_certificate", b"%PDF-1.4 x", "dil.pdf", Actor("p:x"))
    flow.dossiers.decide(mid, "language_certificate", "rejected", "B1 yetmez", Actor("office:a"))
    work(app)
    body = inbox.messages[-1].get_content()
    assert "kabul edemedi" in body and "- B1 yetmez" in body


def test_reminders_go_once_a_day_and_the_office_gets_its_digest(app: Any, smtp: Server) -> None:
    import datetime as dt

    inbox = smtp.inbox
    flow = app.extensions["docservice"].flow
    today = dt.datetime.now(dt.UTC).date()
    start = today + dt.timedelta(days=5)
    mid = a_person(
        app,
        "MAIL-9",
        "Deniz",
        "Ay",
        participant={"email": "deniz@example.com"},
        start_date=start.isoformat(),
        end_date=(start + dt.timedelta(days=4)).isoformat(),
    )
    notices = flow.tasks.notices
    notices.daily(today)
    notices.daily(today)  # a second look the same day makes nothing new
    work(app)
    to_deniz = [m for m in inbox.messages if m["To"] == "deniz@example.com"]
    assert len(to_deniz) == 1
    body = to_deniz[0].get_content()
    assert to_deniz[0]["Subject"] == "Erasmus+ belgeleriniz: hâlâ gerekenler"
    assert "Kabul mektubu: son tarih" in body and "Rektörlük görevlendirme: son tarih" in body
    assert "idi" in body  # the assignment was due 30 days before the start: late
    office = app.extensions["docservice"].documents.institution
    digests = [
        m for m in inbox.messages if m["Subject"] == "docservice: bugün ilgilenilmesi gerekenler"
    ]
    assert len(digests) == 1 and digests[0]["To"] == (office.contact_email or office.email)
    assert "geciken" in digests[0].get_content()
    assert flow.mailer.outbox(mobility_id=mid)[0]["status"] == "sent"


def test_a_forgotten_password_is_reset_through_an_emailed_link(app: Any, smtp: Server) -> None:
    users = app.extensions["docservice"].users
    users.create("zehra", "Zehra Ay", "zehra's first long password", email="zehra@example.com")
    client = app.test_client()
    form = client.get("/office/password/?lang=tr")
    client.post(
        "/office/password/?lang=tr",
        data={"csrf_token": token_of(form.data), "who": "ZEHRA@example.com"},
    )
    work(app)
    sent = smtp.inbox.messages[-1]
    assert sent["To"] == "zehra@example.com"
    assert sent["Subject"] == "docservice: parolanızı belirleyin"
    link = re.search(r"https?://\S+/office/password/\S+", sent.get_content()).group(0)
    path = urlsplit(link).path
    page = client.get(path)
    new = "zehra's second long password"
    r = client.post(path, data={"csrf_token": token_of(page.data), "password": new, "again": new})
    assert r.status_code == 302
    assert users.authenticate("zehra", new) is not None
    assert users.authenticate("zehra", "zehra's first long password") is None
