"""The participant's phone page: what is done of all, whom to ask, a file chosen in Turkish words,
and a document replaced until the office accepted it."""

from __future__ import annotations

import re
from typing import Any

from docservice.dossier.store import Actor
from tests.support import SAMPLES
from tests.web.test_records_pages import a_person, text_of


def page_of(app: Any, mid: str, lang: str) -> str:
    flow = app.extensions["docservice"].flow
    token, _row = flow.tokens.participant_link(mid, "x", valid_days=1, actor="office:test")
    return app.test_client().get(f"/p/{token}?lang={lang}").data.decode()


def test_the_page_says_what_is_done_whom_to_ask_and_lets_a_passed_file_be_replaced(
    app: Any,
) -> None:
    flow = app.extensions["docservice"].flow
    mid = a_person(app, "PHONE-1", "Şükrü", "Öztürk")  # the sample letter's own participant
    letter = (SAMPLES / "letters" / "acceptance-letter-good-text.pdf").read_bytes()
    made, _ = flow.dossiers.upload(mid, "acceptance_letter", letter, "letter.pdf", Actor("p:x"))
    flow.tasks.check_upload(made["upload"]["id"])
    flow.dossiers.upload(mid, "language_certificate", b"%PDF-1.4 x", "dil.pdf", Actor("p:x"))
    flow.dossiers.decide(mid, "language_certificate", "accepted", "B2", Actor("office:a"))
    html = page_of(app, mid, "tr")
    words = text_of(html.encode())
    assert "Tamamlanan: 9 belgeden 2" in words  # the border documents count once
    profile = app.extensions["docservice"].documents.institution
    assert f"Sorularınız için: {profile.office('tr')}" in words
    assert "Dosya seç" in words and "Dosya seçilmedi" in words
    letter_part = html[html.index('id="doc-acceptance_letter"') :]
    letter_form = re.search(r"<form[^>]*>", letter_part).group(0)
    assert "hidden" not in letter_form  # passed: still replaceable
    assert "Yerine yeni bir dosya göndermek için" in letter_part.split("</form>")[0]
    language_part = html[html.index('id="doc-language_certificate"') :]
    assert "hidden" in re.search(r"<form[^>]*>", language_part).group(0)  # accepted: done
    english = text_of(page_of(app, mid, "en").encode())
    assert "Done: 2 of 9" in english and "Choose a file" in english


def test_several_files_for_one_document_are_checked_as_one_set(app: Any) -> None:
    import io

    from tests.web.test_pages import token_of

    flow = app.extensions["docservice"].flow
    mid = a_person(app, "PHONE-2", "Şükrü", "Öztürk")
    token, _row = flow.tokens.participant_link(mid, "x", valid_days=1, actor="office:test")
    client = app.test_client()
    page = client.get(f"/p/{token}?lang=tr")
    assert "birlikte seçilebilir" in text_of(page.data)
    one = (SAMPLES / "travel" / "boarding-pass-good-text.pdf").read_bytes()
    r = client.post(
        f"/p/{token}/upload/boarding_pass",
        data={
            "csrf_token": token_of(page.data),
            "file": [(io.BytesIO(one), "gidis.pdf"), (io.BytesIO(one), "donus.pdf")],
        },
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 200 and r.json == {"ok": True}
    upload = flow.dossiers.document(mid, "boarding_pass")["upload"]
    assert upload["filename"] == "gidis.pdf + donus.pdf"
    flow.tasks.check_upload(upload["id"])
    assert flow.dossiers.document(mid, "boarding_pass")["status"] == "passed"


def test_a_check_that_waits_says_about_how_long(app: Any) -> None:
    import datetime as dt

    from docservice.storage.models import UploadRow

    flow = app.extensions["docservice"].flow
    mid = a_person(app, "PHONE-3", "Şükrü", "Öztürk")
    letter = (SAMPLES / "letters" / "acceptance-letter-good-text.pdf").read_bytes()
    done, _ = flow.dossiers.upload(mid, "acceptance_letter", letter, "a.pdf", Actor("p:x"))
    flow.tasks.check_upload(done["upload"]["id"])
    with flow.store.sessions.begin() as session:  # that check took 40 s from queue to answer
        row = session.get(UploadRow, done["upload"]["id"])
        row.queued_at = row.checked_at - dt.timedelta(seconds=40)
    flow.dossiers.upload(mid, "acceptance_letter", letter + b"\n", "b.pdf", Actor("p:x"))
    token, _row = flow.tokens.participant_link(mid, "x", valid_days=1, actor="office:test")
    status = app.test_client().get(f"/p/{token}/status?lang=tr").json
    letter_item = next(i for i in status["items"] if i["kind"] == "acceptance_letter")
    assert letter_item["busy"] and re.fullmatch(
        r"Yaklaşık \d+ saniye daha\.", letter_item["estimate"]
    )
