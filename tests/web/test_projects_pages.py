"""The project pages in Turkish: a project made in the form, its ledger in Turkish money with
its charts, the Module's file and what it would refuse; a wrong form named field by field."""

from __future__ import annotations

from typing import Any

from docservice.dossier.store import Actor
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, merge
from tests.web.test_pages import signed_in_client, token_of
from tests.web.test_records_pages import text_of

NUMBER = "2025-1-TR01-KA131-HED-000327950"


def test_a_project_in_turkish(app: Any) -> None:
    office = signed_in_client(app)
    page = office.get("/office/projects/?lang=tr")
    assert "Projeler" in text_of(page.data)
    r = office.post(
        "/office/projects/?lang=tr",
        data={
            "csrf_token": token_of(page.data),
            "number": NUMBER,
            "action": "KA131",
            "call_year": "2025",
            "start_date": "2025-06-01",
            "end_date": "2027-07-31",
            "budget": "2.000,00",
            "lines": "DE=1.500,00; teaching=1800",
        },
    )
    assert r.status_code == 302, text_of(r.data)
    flow = app.extensions["docservice"].flow
    for reference, surname, start, end in (
        ("P-1", "Birinci", "2025-09-08", "2025-09-12"),
        ("P-2", "İkinci", "2025-10-06", "2025-10-06"),  # one day: the Module refuses it
    ):
        record = merge(
            EXAMPLE,
            {"reference": reference, "project": NUMBER, "call_year": 2024,
             "participant": {"surname": surname}, "start_date": start, "end_date": end},
        )  # fmt: skip
        flow.dossiers.create(parse_mobility(record), Actor("office:test"))
    text = text_of(office.get(f"/office/projects/{NUMBER}?lang=tr").data)
    assert "2.000,00 € Bütçe" in text
    assert "Bütçe kalemi" in text and "Almanya" in text
    # by hand: €1,080 for P-1 (5 days × €144 + €360); P-2's one day is under the policy's
    # minimum and gets nothing
    assert "1.080,00 € Taahhüt edilen" in text and "920,00 € Kalan" in text
    assert "Almanya 1.500,00 € 1.080,00 € 0,00 € 420,00 €" in text
    assert "ders verme 1.800,00 € 1.080,00 € 0,00 € 720,00 €" in text
    html = office.get(f"/office/projects/{NUMBER}?lang=tr").data.decode()
    assert html.count('<svg class="chart"') == 3
    assert "P-2 : personel hareketliliği 2 ile 60 gün arasında sürer, 1 değil" in text
    xlsx = office.get(f"/office/projects/{NUMBER}/beneficiary-module.xlsx?lang=tr")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_a_wrong_project_form_is_named_in_turkish(app: Any) -> None:
    office = signed_in_client(app)
    page = office.get("/office/projects/?lang=tr")
    r = office.post(
        "/office/projects/?lang=tr",
        data={
            "csrf_token": token_of(page.data),
            "number": "2025-KA171",
            "action": "KA131",
            "call_year": "2025",
            "start_date": "2025-06-01",
            "end_date": "2025-01-01",
            "budget": "abc",
        },
    )
    text = text_of(r.data)
    assert "Proje numarası: 2023-1-TR01-KA171-HED-000167432 gibi bir proje numarası değil" in text
    assert "Bütçe (€): bir sayı olmalı" in text or "Bütçe (€):" in text


def a_project(app: Any, number: str, budget: float) -> None:
    """A KA131 project of call 2024, from June 2024 to May 2026."""
    from docservice.projects.model import ProjectIn

    project = {"number": number, "action": "KA131", "call_year": 2024,
               "start_date": "2024-06-01", "end_date": "2026-05-31", "budget": budget}  # fmt: skip
    app.extensions["docservice"].flow.projects.create(
        ProjectIn.model_validate(project), Actor("office:test")
    )


def test_a_dossier_says_when_its_project_is_over_budget(app: Any) -> None:
    office = signed_in_client(app)
    flow = app.extensions["docservice"].flow
    number = "2024-1-TR01-KA131-HED-000555555"
    a_project(app, number, 1000)
    record = merge(EXAMPLE, {"reference": "OVER-1", "project": number, "call_year": 2024})
    made = flow.dossiers.create(parse_mobility(record), Actor("office:test"))
    text = text_of(office.get(f"/office/m/{made['id']}?lang=tr").data)
    assert f"{number} projesi bütçesini aşıyor" in text
    assert "1.000,00 € bütçenin 1.080,00 € tutarını" in text


def test_an_import_warns_before_new_dossiers_pass_a_projects_budget(app: Any) -> None:
    import io

    number = "2024-1-TR01-KA131-HED-000666666"
    a_project(app, number, 1500)
    sheet = (
        "reference,action,activity,call_year,project,participant.given_names,participant.surname,"
        "sending.institution,sending.city,sending.country,receiving.institution,receiving.city,"
        "receiving.country,start_date,end_date\n"
        f"BUD-1,KA131,teaching,2024,{number},Ali,Bir,KTÜ,Trabzon,TR,Heidelberg University,"
        "Heidelberg,DE,10.03.2025,14.03.2025\n"
        f"BUD-2,KA131,teaching,2024,{number},Veli,İki,KTÜ,Trabzon,TR,Heidelberg University,"
        "Heidelberg,DE,07.04.2025,11.04.2025\n"
    ).encode()
    office = signed_in_client(app)
    page = office.get("/office/import?lang=tr")
    r = office.post(
        "/office/import?lang=tr",
        data={"csrf_token": token_of(page.data), "file": (io.BytesIO(sheet), "s.csv")},
        content_type="multipart/form-data",
    )
    text = text_of(r.data)
    assert "2 yeni" in text
    assert f"Yeni dosyalar {number} projesini bütçesinin üstüne çıkarır" in text
    assert "2.160,00 €" in text and "1.500,00 €" in text
