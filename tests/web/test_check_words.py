"""A check's findings in the reader's language: the report keeps each message's template and
values, so the Turkish pages say what was read in Turkish (names and dates included) and the
English ones in English, from one catalogue."""

from __future__ import annotations

from typing import Any

from docservice.dossier.store import Actor
from tests.support import SAMPLES
from tests.web.test_pages import signed_in_client
from tests.web.test_records_pages import a_person, text_of


def test_a_letter_for_someone_else_is_explained_in_turkish(app: Any) -> None:
    flow = app.extensions["docservice"].flow
    mid = a_person(app, "WORDS-1", "Zeynep", "Kaya")
    letter = (SAMPLES / "letters" / "acceptance-letter-good-text.pdf").read_bytes()
    made, _ = flow.dossiers.upload(mid, "acceptance_letter", letter, "letter.pdf", Actor("p:x"))
    flow.tasks.check_upload(made["upload"]["id"])  # what a worker does
    report = flow.dossiers.document(mid, "acceptance_letter")["report"]
    name = next(c for c in report["checks"] if c["id"] == "participant_name")
    assert name["status"] == "fail"
    assert name["message"] == "Zeynep Kaya is not named in the document."
    assert name["words"]["message"]["params"]["name"] == "Zeynep Kaya"  # kept for any language

    office = signed_in_client(app)
    turkish = text_of(office.get(f"/office/m/{mid}?lang=tr").data)
    assert "Belgede Zeynep Kaya adı yazmıyor." in turkish
    assert "Belgede katılımcının adı yazmalı." in turkish
    assert "Katılımcının adı" in turkish  # the check's name, not participant_name
    for english in ("is not named", "must name the participant", "participant_name"):
        assert english not in turkish, english
    english = text_of(office.get(f"/office/m/{mid}?lang=en").data)
    assert "Zeynep Kaya is not named in the document." in english


def test_the_api_answers_in_the_language_asked_for(app: Any) -> None:
    import io

    from tests.support import signed_in

    flow = app.extensions["docservice"].flow
    mid = a_person(app, "WORDS-2", "Emre", "Yıldız")
    letter = (SAMPLES / "letters" / "acceptance-letter-good-text.pdf").read_bytes()
    made, _ = flow.dossiers.upload(mid, "acceptance_letter", letter, "letter.pdf", Actor("p:x"))
    flow.tasks.check_upload(made["upload"]["id"])
    office = signed_in(app, "office")
    url = f"/api/v1/mobilities/{mid}/documents/acceptance_letter"

    def name_check(answer: Any) -> dict[str, Any]:
        return next(c for c in answer.json["report"]["checks"] if c["id"] == "participant_name")

    assert name_check(office.get(url)).get("message") == "Emre Yıldız is not named in the document."
    turkish = name_check(office.get(url + "?lang=tr"))
    assert turkish["message"] == "Belgede Emre Yıldız adı yazmıyor."
    assert turkish["hint"] == "Belgede katılımcının adı yazmalı."
    empty = {"file": (io.BytesIO(b""), "empty.pdf")}
    r = office.put(url + "?lang=tr", data=empty)
    assert r.status_code == 422 and r.json["error"]["message"].startswith("Dosya boş")
    r = office.put(url, data={"file": (io.BytesIO(b""), "empty.pdf")})
    assert r.json["error"]["message"].startswith("The file is empty")
