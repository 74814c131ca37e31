"""A project in the pages, in headless Chromium: made in the Turkish form, its ledger and its
charts (committed month by month against the budget, by country, by activity), in Turkish and
English, with the accessibility check of every page."""

from __future__ import annotations

from typing import Any

import pytest

from docservice.dossier.store import Actor
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, merge
from tests.web.conftest import shoot
from tests.web.test_browser import sign_in

pytestmark = [pytest.mark.browser]
NUMBER = "2024-1-TR01-KA131-HED-000111222"
STAYS = [
    ("B-1", "Kaya", "DE", "Heidelberg", "teaching", "2024-10-07", "2024-10-11"),
    ("B-2", "Demir", "PL", "Kraków", "teaching", "2024-11-04", "2024-11-08"),
    ("B-3", "Şahin", "ES", "Granada", "training", "2025-02-10", "2025-02-14"),
    ("B-4", "Çelik", "DE", "Berlin", "training", "2025-03-17", "2025-03-21"),
    ("B-5", "Öztürk", "IT", "Bologna", "teaching", "2025-05-05", "2025-05-09"),
]


def test_a_project_and_its_charts(service: dict[str, Any], browser: Any) -> None:
    url = service["url"]
    problems: list[str] = []
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, url, "tr")
    page.click("header >> text=Projeler")
    page.fill("#number", NUMBER)
    page.select_option("#p-action", "KA131")
    page.fill("#p-year", "2024")
    page.fill("#p-start", "2024-06-01")
    page.fill("#p-end", "2026-05-31")
    page.fill("#p-budget", "5.000,00")
    page.fill("#p-lines", "DE=2.000,00; teaching=3.500,00")
    problems += shoot(page, "projects-tr")
    page.click("#h-new + form button[type=submit]")
    assert NUMBER in page.inner_text("h1")
    flow = service["app"].extensions["docservice"].flow
    for reference, surname, country, city, activity, start, end in STAYS:
        record = merge(
            EXAMPLE,
            {"reference": reference, "project": NUMBER, "activity": activity,
             "participant": {"surname": surname}, "start_date": start, "end_date": end,
             "receiving": {"country": country, "city": city,
                           "institution": f"{city} Üniversitesi"}},
        )  # fmt: skip
        flow.dossiers.create(parse_mobility(record), Actor("office:test"))
    page.reload()
    ledger = page.inner_text("#h-ledger + ul")
    assert "5.000,00 €" in ledger and "Taahhüt edilen" in ledger
    assert page.locator("svg.chart").count() == 3
    assert page.locator("svg.chart polyline").count() == 1
    problems += shoot(page, "project-tr")
    page.goto(page.url.split("?")[0] + "?lang=en")
    assert "Committed by host country" in page.inner_text("#h-charts + .charts")
    problems += shoot(page, "project-en")
    assert not problems, "\n".join(problems)
