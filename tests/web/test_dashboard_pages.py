"""The dashboard as an office works with it: sorted by any column, the planned grant, statuses in
words, country names, the filtered list as a sheet, pages with previous and next, and what it
does to the ticked dossiers (participant links; documents generated into each dossier)."""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from docservice.dossier.store import Actor
from docservice.mobility import parse_mobility
from docservice.web import dashboard
from tests.support import EXAMPLE, merge
from tests.web.test_pages import signed_in_client, token_of
from tests.web.test_records_pages import text_of

PEOPLE = [  # surname, host city, country, start (each a week)
    ("Ceylan", "Heidelberg", "DE", "2025-03-10"),
    ("Aydın", "Porto", "PT", "2025-05-05"),
    ("Bulut", "Lund", "SE", "2025-04-07"),
]


@pytest.fixture(scope="module")
def people(app: Any) -> dict[str, str]:
    """The three dossiers, by surname."""
    ids = {}
    for surname, city, country, start in PEOPLE:
        day = int(start[-2:]) + 4
        record = merge(
            EXAMPLE,
            {
                "reference": f"DASH-{surname}",
                "participant": {"given_names": "Deniz", "surname": surname},
                "receiving": {
                    "institution": f"University of {city}",
                    "city": city,
                    "country": country,
                },
                "start_date": start,
                "end_date": f"{start[:-2]}{day:02d}",
            },
        )
        flow = app.extensions["docservice"].flow
        ids[surname] = flow.dossiers.create(parse_mobility(record), Actor("office:test"))["id"]
    return ids


def order(page: bytes) -> list[str]:
    return re.findall(r">Deniz (\w+)</a>", page.decode())


def test_sorting_grant_words_countries_and_the_sheet(app: Any, people: dict[str, str]) -> None:
    office = signed_in_client(app)
    names = office.get("/office/?lang=tr&q=DASH&sort=participant").data
    assert order(names) == ["Aydın", "Bulut", "Ceylan"]
    assert order(office.get("/office/?q=DASH&sort=participant&desc=1").data) == [
        "Ceylan",
        "Bulut",
        "Aydın",
    ]
    assert order(office.get("/office/?q=DASH&sort=start").data) == ["Ceylan", "Bulut", "Aydın"]
    assert 'aria-sort="ascending"' in office.get("/office/?q=DASH&sort=start").data.decode()
    by_grant = office.get("/office/?q=DASH&sort=grant&lang=tr")
    words = text_of(by_grant.data)
    assert "Planlanan hibe" in words and "€" in words
    assert "Almanya" in words and "Portekiz" in words and "İsveç" in words  # not DE, PT, SE
    assert "gidiş öncesi: 0/5" in words and "dönüş sonrası: 0/4" in words

    sheet = office.get("/office/?q=DASH&sort=participant&format=xlsx&lang=tr")
    rows = list(load_workbook(io.BytesIO(sheet.data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Hareketlilik numarası", "Katılımcı", "Ana eylem")
    assert [r[1] for r in rows[1:]] == ["Deniz Aydın", "Deniz Bulut", "Deniz Ceylan"]
    heading = dict(zip(rows[0], rows[1], strict=True))
    assert heading["Ev sahibi ülke"] == "Portekiz" and heading["Durum"] == "belgeler bekleniyor"
    assert heading["Planlanan hibe (€)"] > 0  # a number, not text
    csv = office.get("/office/?q=DASH&format=csv&lang=en").data.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Mobility reference;Participant;Key action")
    assert len(csv.splitlines()) == 4


def test_pages_have_previous_and_next(app: Any, people: dict[str, str], monkeypatch: Any) -> None:
    monkeypatch.setattr(dashboard, "PAGE", 1)
    office = signed_in_client(app)
    first = text_of(office.get("/office/?q=DASH&lang=en").data)
    assert "Next →" in first and "← Previous" not in first
    second = office.get("/office/?q=DASH&lang=en&page=2").data.decode()
    assert 'rel="prev"' in second and 'rel="next"' in second and 'aria-current="page">2<' in second


def test_ticked_dossiers_get_links_and_documents(app: Any, people: dict[str, str]) -> None:
    ids = people
    office = signed_in_client(app)
    page = office.get("/office/?q=DASH&lang=tr")
    token = token_of(page.data)
    nothing = office.post("/office/bulk/", data={"csrf_token": token, "action": "links"})
    assert nothing.status_code == 302
    assert "Önce dosyaları işaretleyin" in text_of(office.get("/office/?lang=tr").data)

    picked = [ids["Aydın"], ids["Bulut"]]
    r = office.post(
        "/office/bulk/?lang=tr",
        data={"csrf_token": token, "action": "links", "mobility": picked},
    )
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    links = re.findall(r'value="(http[^"]+/p/[^"]+)"', r.data.decode())
    assert len(links) == 2
    participant = app.test_client().get(urlsplit(links[0]).path + "?lang=tr")
    assert participant.status_code == 200 and "Erasmus+ belgeleriniz" in participant.data.decode()

    def generate(**more: str) -> Any:
        form = {"csrf_token": token, "action": "generate", "template": "grant_agreement"}
        form.update(lang="tr", format="docx", **more)
        return office.post("/office/bulk/?lang=tr", data={**form, "mobility": picked})

    r = generate()
    assert r.status_code == 302 and "/office/batch/" not in r.location  # call 2024: no table
    refused = text_of(office.get("/office/?lang=tr").data)
    assert "Deniz Aydın, Deniz Bulut" in refused and "eski tabloyla" in refused
    r = generate(confirm_fallback="yes")
    assert r.status_code == 302 and "/office/batch/" in r.location
    job_id = r.location.rstrip("/").split("/")[-1]
    jobs = app.extensions["docservice"].jobs
    assert jobs.get(job_id).total == 2
    jobs.run(job_id)  # what a worker does (this app runs none)
    state = office.get(f"/office/batch/{job_id}", headers={"Accept": "application/json"}).json
    assert state["status"] == "done" and state["done"] == 2 and state["total"] == 2
    assert state["dossiers"] and state["problems"] == []
    flow = app.extensions["docservice"].flow
    for mobility_id in picked:
        generated = flow.dossiers.dossier(mobility_id)["generated"]
        assert [g["template"] for g in generated] == ["grant_agreement"]
        assert generated[0]["files"][0]["format"] == "docx"
    assert flow.dossiers.dossier(ids["Ceylan"])["generated"] == []
