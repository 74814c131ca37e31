"""Deadlines in the pages: the office's list of what is late and what is due soon (and its
sheet), each dossier's own on its page, and the participant's on theirs, in both languages."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from openpyxl import load_workbook

from docservice.dossier.store import Actor
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, merge
from tests.web.test_pages import signed_in_client
from tests.web.test_records_pages import text_of


def a_mobility(app: Any, reference: str, given: str, start: dt.date, days: int = 5) -> str:
    record = merge(
        EXAMPLE,
        {
            "reference": reference,
            "participant": {"given_names": given, "surname": "Tarih"},
            "start_date": start.isoformat(),
            "end_date": (start + dt.timedelta(days=days - 1)).isoformat(),
        },
    )
    made = app.extensions["docservice"].flow.dossiers.create(
        parse_mobility(record), Actor("office:test")
    )
    return str(made["id"])


def test_the_office_sees_what_is_late_and_what_is_due_soon(app: Any) -> None:
    today = dt.datetime.now(dt.UTC).date()
    soon = a_mobility(app, "DUE-SOON", "Yakın", today + dt.timedelta(days=10))
    back = a_mobility(app, "DUE-BACK", "Dönmüş", today - dt.timedelta(days=45))
    later = a_mobility(app, "DUE-LATER", "Uzak", today + dt.timedelta(days=90))
    office = signed_in_client(app)

    page = office.get("/office/deadlines/?lang=tr")
    assert page.status_code == 200
    words = text_of(page.data)
    late, _, due = words.partition("Yakında dolacaklar")
    # starting in 10 days: the rectorate assignment was due 20 days ago, the rest by the start
    assert "Yakın Tarih" in late and "Rektörlük görevlendirme" in late
    assert "Yakın Tarih" in due and "Kabul mektubu" in due
    # back 41 days ago: the return documents and the EU Survey were due 11 days ago
    assert "Dönmüş Tarih" in late and "AB anketi (EU Survey)" in late
    assert "Pasaport giriş-çıkış / e-Devlet giriş-çıkış kaydı" in late  # either will do
    assert "Uzak Tarih" not in words  # nothing of it is due within 14 days
    wider = text_of(office.get("/office/deadlines/?lang=en&within=60").data)
    assert "Uzak Tarih" in wider and "Late" in wider and "Due soon" in wider

    sheet = office.get("/office/deadlines/?lang=tr&within=14&format=xlsx")
    rows = list(load_workbook(io.BytesIO(sheet.data)).active.iter_rows(values_only=True))
    assert rows[0] == ("Son tarih", "Gecikme (gün)", "Katılımcı", "Belge", "Hareketlilik numarası")
    assert any(r[2] == "Dönmüş Tarih" and r[1] == 11 for r in rows[1:])

    mobility = text_of(office.get(f"/office/m/{back}?lang=tr").data)
    assert re.search(r"gecikti: son tarih \d+ \w+ \d{4} idi", mobility)
    assert "due by" not in mobility and "late" not in mobility
    english = text_of(office.get(f"/office/m/{soon}?lang=en").data)
    assert "late: it was due by" in english and "due by" in english

    flow = app.extensions["docservice"].flow
    dossier = flow.dossiers.dossier(later)
    statuses = {d["kind"]: d["status"] for d in dossier["deadlines"]}
    assert statuses["acceptance_letter"] == "open" and "boarding_pass" in statuses


def test_the_participant_sees_their_own_deadlines(app: Any) -> None:
    today = dt.datetime.now(dt.UTC).date()
    mid = a_mobility(app, "DUE-MINE", "Kendi", today - dt.timedelta(days=45))
    token, _row = app.extensions["docservice"].flow.tokens.participant_link(
        mid, "DUE-MINE", valid_days=30, actor="office:test"
    )
    client = app.test_client()
    words = text_of(client.get(f"/p/{token}?lang=tr").data)
    assert "gecikti: son tarih" in words
    status = client.get(f"/p/{token}/status").json
    survey = next(i for i in status["items"] if i["kind"] == "eu_survey")
    assert survey["deadline_status"] == "late" and survey["deadline"]
