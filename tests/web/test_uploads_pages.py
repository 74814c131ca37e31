"""The office uploads a document to a dossier itself, and every earlier upload stays listed with
what became of it, its file one click away."""

from __future__ import annotations

import io
import re
from typing import Any

from tests.support import SAMPLES
from tests.web.test_pages import signed_in_client, token_of
from tests.web.test_records_pages import a_person, text_of

LETTER = SAMPLES / "letters" / "acceptance-letter-good-text.pdf"


def send(office: Any, mid: str, kind: str, data: bytes, name: str, lang: str = "tr") -> str:
    page = office.get(f"/office/m/{mid}?lang={lang}")
    r = office.post(
        f"/office/m/{mid}/documents/{kind}/upload?lang={lang}",
        data={"csrf_token": token_of(page.data), "file": (io.BytesIO(data), name)},
    )
    assert r.status_code == 302 and r.location.endswith(f"#doc-{kind}")
    return text_of(office.get(r.location.split("#")[0]).data)


def test_the_office_uploads_and_every_earlier_upload_stays_listed(app: Any) -> None:
    office = signed_in_client(app)
    mid = a_person(app, "UP-1", "Oğuz", "Erdem")
    other = a_person(app, "UP-2", "Nil", "Erdem", start_date="2025-06-02", end_date="2025-06-06")

    words = send(office, mid, "rectorate_assignment", b"%PDF-1.4 first", "görev-1.pdf")
    assert "Dosya alındı; aşağıdan kabul edin ya da reddedin." in words
    words = send(office, mid, "rectorate_assignment", b"%PDF-1.4 second", "görev-2.pdf")
    assert "1 önceki yükleme" in words and "görev-1.pdf" in words
    assert "Ayşe Yılmaz" in words  # who uploaded, by name
    words = send(office, mid, "rectorate_assignment", b"%PDF-1.4 second", "again.pdf")
    assert "Bu dosya zaten yüklenmiş olanın aynısı" in words

    words = send(office, mid, "acceptance_letter", LETTER.read_bytes(), "letter.pdf")
    assert "Dosya alındı; kontrolü birazdan başlıyor." in words  # no worker runs here

    words = send(office, mid, "acceptance_letter", b"just some text", "notes.txt")
    assert "notes.txt bir PDF / JPEG / PNG dosyası değil" in words
    english = send(office, mid, "acceptance_letter", b"", "empty.pdf", lang="en")
    assert "The file is empty; send the document (PDF, JPEG or PNG)." in english

    page = office.get(f"/office/m/{mid}?lang=tr").data.decode()
    earlier = re.search(rf'href="(/office/m/{mid}/uploads/(\d+)/file)"', page)
    assert earlier is not None
    with office.get(earlier.group(1)) as r:
        assert r.status_code == 200 and r.data == b"%PDF-1.4 first"
        assert r.headers["Content-Type"] == "application/pdf"
    # an upload of this dossier is not to be had through another's address
    assert office.get(f"/office/m/{other}/uploads/{earlier.group(2)}/file").status_code == 404
    with office.get(f"/office/m/{mid}/documents/rectorate_assignment/file") as current:
        assert current.data == b"%PDF-1.4 second"
