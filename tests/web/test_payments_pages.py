"""The payments page and a mobility's payments, through Flask's test client in both languages:
what is due recorded in one go, one payment recorded and cancelled, the bank's sheet."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from docservice.dossier.store import Actor
from tests.support import SAMPLES
from tests.web.test_pages import a_dossier, signed_in_client, token_of

OFFICER_KINDS = ("language_certificate", "mobility_agreement", "rectorate_assignment")


def ready_for_prefinancing(app: Any, reference: str) -> str:
    """A dossier whose documents before departure are in: the letter checked here, in this
    process, and the office's own documents accepted."""
    flow = app.extensions["docservice"].flow
    mid = a_dossier(app, reference=reference)
    letter = (SAMPLES / "letters" / "acceptance-letter-good-text.pdf").read_bytes()
    made, _ = flow.dossiers.upload(mid, "acceptance_letter", letter, "letter.pdf", Actor("p:x"))
    flow.tasks.check_upload(made["upload"]["id"])
    for kind in (*OFFICER_KINDS, "grant_agreement"):
        flow.dossiers.upload(mid, kind, b"%PDF-1.4 signed", f"{kind}.pdf", Actor("p:x"))
        flow.dossiers.decide(mid, kind, "accepted", "signed", Actor("office:test"))
    state = flow.dossiers.dossier(mid)["state"]
    assert state == "ready_for_prefinancing", flow.dossiers.dossier(mid)["pending"]
    return mid


def test_what_is_due_is_recorded_in_one_go_and_listed_for_the_bank(app: Any) -> None:
    office = signed_in_client(app)
    mid = ready_for_prefinancing(app, "PAY-WEB-1")
    page = office.get("/office/payments/?lang=tr").data.decode()
    assert "Şimdi ödenecekler" in page and "Şükrü Öztürk" in page and "864,00 €" in page
    english = office.get("/office/payments/?lang=en").data.decode()
    assert "Due now" in english and "€864.00" in english
    done = office.post(
        "/office/payments/?lang=tr",
        data={
            "mobility": [mid],
            "paid_on": "2025-03-03",
            "bank_reference": "EFT 42",
            "csrf_token": token_of(page.encode()),
        },
        follow_redirects=True,
    ).data.decode()
    assert "1 ödeme kaydedildi." in done
    assert "Şu anda ödenecek bir şey yok." in done  # the only one due is paid
    dossier = app.extensions["docservice"].flow.dossiers.dossier(mid)
    assert dossier["state"] == "prefinancing_paid" and dossier["paid"]["net"] == 864.0

    listed = office.get("/office/payments/?lang=tr&from=2025-03-01&to=2025-03-31").data.decode()
    assert "3 Mart 2025" in listed and "EFT 42" in listed and "ön ödeme" in listed
    sheet = office.get("/office/payments/?lang=tr&from=2025-03-01&to=2025-03-31&format=xlsx")
    assert sheet.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(sheet.data)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Ödeme tarihi", "Ad soyad", "IBAN", "Tutar")
    assert rows[1][1] == "Şükrü Öztürk" and rows[1][3] == 864.0


def test_a_payment_on_the_mobility_page_is_recorded_and_cancelled(app: Any) -> None:
    office = signed_in_client(app)
    mid = a_dossier(app, reference="PAY-WEB-2")
    page = office.get(f"/office/m/{mid}?lang=tr").data.decode()
    assert "Henüz kayıtlı ödeme yok." in page
    token = token_of(page.encode())
    form = {"kind": "prefinancing", "paid_on": "2025-03-03", "csrf_token": token}
    wrong = office.post(
        f"/office/payments/m/{mid}?lang=en",
        data={**form, "amount": "lots"},
        follow_redirects=True,
    ).data.decode()
    assert "is not a number of euros" in wrong
    done = office.post(
        f"/office/payments/m/{mid}?lang=tr",
        data={**form, "amount": "864,00"},
        follow_redirects=True,
    ).data.decode()
    assert "Ödeme kaydedildi." in done and "3 Mart 2025 · ön ödeme · 864,00 €" in done
    assert "Ayşe Yılmaz" in done and "office:ayse" not in done  # who recorded it, by name
    payment = app.extensions["docservice"].flow.dossiers.dossier(mid)["payments"][0]["id"]
    cancelled = office.post(
        f"/office/payments/m/{mid}/{payment}/cancel?lang=tr",
        data={"reason": "yanlış tutar", "csrf_token": token},
        follow_redirects=True,
    ).data.decode()
    assert "iptal edildi" in cancelled and "yanlış tutar" in cancelled
    dossier = app.extensions["docservice"].flow.dossiers.dossier(mid)
    assert dossier["paid"]["net"] == 0.0 and dossier["payments"][0]["cancelled"]
