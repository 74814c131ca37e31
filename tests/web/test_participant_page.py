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
