"""A whole call in the pages, in Turkish, in headless Chromium: the call made, the applications
sheet read and confirmed, the partner list, the ranking with its parts, the budget, the letter
deadline, a withdrawal, an application completed, the main list's dossiers opened; and the
English page of the same call."""

from __future__ import annotations

from typing import Any

import pytest

from tests.selection.test_select_cli import APPLICATIONS, PARTNERS
from tests.web.conftest import shoot
from tests.web.test_browser import sign_in

pytestmark = [pytest.mark.browser]


def test_a_whole_call_in_turkish(service: dict[str, Any], browser: Any) -> None:
    url = service["url"]
    problems: list[str] = []
    office = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = office.new_page()
    sign_in(page, url, "tr")

    page.click("header >> text=Çağrılar")
    assert "Çağrılar ve seçim" in page.inner_text("h1")
    page.fill("#name", "2025 KA131 personel hareketliliği")
    page.fill("#quota", "6")
    page.fill("#budget", "6.000")
    page.fill("#project", "2025-1-TR01-KA131-HED-000123")
    problems += shoot(page, "calls-tr")
    page.click("#h-new + form button[type=submit]")
    assert "KTÜ Erasmus+ personel hareketliliği, 2025 çağrısı" in page.inner_text("main")

    # the sheet: first what it will do, then stored
    page.set_input_files("#apps-sheet", str(APPLICATIONS))
    page.click("form[action$='/applications'] button")
    assert "12 yeni, 0 değişecek, 0 değişmeyecek." in page.inner_text("main")
    problems += shoot(page, "call-preview-tr")
    page.click("form[action$='/applications/confirm'] button")
    assert "Başvurular 12" in page.inner_text("#h-apps")
    page.set_input_files("#partners-file", str(PARTNERS))
    page.click("form[action$='/partners'] button")
    assert "kayıtlı 12 anlaşmalı kurum" in page.inner_text("#applications")

    # the ranking, each score with its parts and why each stands where it does
    page.click("form[action$='/ranking'] button")
    lists = page.inner_text("#lists")
    assert "Asil liste" in lists and "Yedek liste" in lists
    assert (
        "dil puanı 58, eğitim alma faaliyetinde idari personel +10, engelli personel +10" in lists
    )
    assert "Universidade de Lisboa çağrının anlaşmalı kurumlarından değil" in lists
    assert "dil puanı 47, en az 50 olması gereken puanın altında" in lists
    budget = page.inner_text("#budget")
    assert "6.000,00 € bütçe 6 asil adaydan 5 tanesini karşılıyor" in budget
    assert "bütçeyi aşıyor" in budget
    problems += shoot(page, "call-ranked-tr")
    with page.expect_download() as pdf:
        page.click("text=İlan için anonim liste (PDF)")
    assert pdf.value.suggested_filename.endswith(".pdf")

    # the letter deadline: Ayşe Yılmaz (main) sent nothing, Burak Yıldız (reserve) did
    page.uncheck("input[name=delivered][value='2025-STA-001']")
    page.check("input[name=delivered][value='2025-STA-010']")
    page.check("input[name=delivered][value='2025-STT-003']")
    page.check("input[name=delivered][value='2025-STA-005']")
    page.check("input[name=delivered][value='2025-STA-011']")
    page.click("form[action$='/letters'] button")
    lists = page.inner_text("#lists")
    assert "Değerlendirme dışı kalanlar" in lists
    assert "(b) kuralıyla yedek listeden asil listeye alındı" in lists

    # a withdrawal: the next reserve who delivered moves up (none did: nobody moves)
    page.select_option("#withdrawer", "2025-STA-005")
    page.fill("#note", "sağlık nedeniyle")
    page.click("form[action$='/withdrawals'] button")
    assert "Feragat edenler" in page.inner_text("#lists")
    assert "sağlık nedeniyle" in page.inner_text("#h-steps + ol")

    # Burak Yıldız's application has no host city or dates: the dossiers wait for him
    page.click("#h-dossiers + p + form button")
    assert "1 adayın karşı kurumu, şehri veya tarihleri henüz eksik." in page.inner_text("main")
    page.click("#lists >> text=2025-STA-011")
    page.fill("#host_city", "Szeged")
    page.fill("#start_date", "2026-03-16")
    page.fill("#end_date", "2026-03-20")
    problems += shoot(page, "call-application-tr")
    page.click("#h-plan + p + form button[type=submit]")
    assert "Kaydedildi." in page.inner_text(".flash")
    page.click("main >> text=2025 KA131 personel hareketliliği")
    page.click("#h-dossiers + p + form button")
    assert "1 dosya açıldı." in page.inner_text("main")
    page.click("#applications summary")
    page.click("#applications tr:has-text('2025-STA-011') >> text=aç")
    assert "Burak Yıldız" in page.inner_text("main")
    assert "2025-1-TR01-KA131-HED-000123-2025-STA-011" in page.inner_text("main")

    # earlier years' participations, and the English page of the same call
    page.goto(f"{url}/office/calls/history?lang=tr")
    problems += shoot(page, "history-tr")
    page.goto(f"{url}/office/calls/?lang=en")
    page.click("main >> text=2025 KA131 personel hareketliliği")
    english = page.inner_text("main")
    assert "Main list" in english and "moved up from the reserve list by rule (b)" in english
    problems += shoot(page, "call-en")
    assert not problems, "\n".join(problems)
