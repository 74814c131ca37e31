"""The office and a participant through the pages, in headless Chromium: sign in, import,
generate a grant agreement, the participant's uploads and their answers, an officer's decision
after review, and the public verify page confirming the generated agreement."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from samples.records import Survey, render_survey
from tests.support import EXAMPLE, SAMPLES
from tests.web.conftest import PASSWORD, shoot

pytestmark = [pytest.mark.browser, pytest.mark.pdf]
REFERENCE = EXAMPLE["reference"]  # the sheet's first row, the samples' mobility


def sign_in(page: Any, url: str, lang: str) -> None:
    page.goto(f"{url}/office/?lang={lang}")
    assert "/office/login" in page.url
    page.fill("#username", "ayse")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/office/(\?.*)?$"))


def test_office_and_participant_end_to_end(
    service: dict[str, Any], browser: Any, tmp_path: Any
) -> None:
    url = service["url"]
    problems: list[str] = []
    office = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = office.new_page()

    # Signing in: a wrong password is refused, in Turkish first.
    page.goto(f"{url}/office/login?lang=tr")
    problems += shoot(page, "login-tr")
    page.fill("#username", "ayse")
    page.fill("#password", "wrong password")
    page.click("button[type=submit]")
    assert "Kullanıcı adı veya parola yanlış" in page.inner_text("main")
    page.goto(f"{url}/office/login?lang=en")
    problems += shoot(page, "login-en")
    sign_in(page, url, "en")

    # Import the sample sheet: first what it will do (its row in Atlantis is named, with why),
    # then, confirmed, the other rows become dossiers.
    def read_sample_sheet(lang: str) -> str:
        page.goto(f"{url}/office/import?lang={lang}")
        page.set_input_files("#sheet", str(SAMPLES / "mobility" / "mobilities.csv"))
        page.click("main button[type=submit]")
        return page.inner_text("main")

    result = read_sample_sheet("en")
    assert "6 new, 0 to change, 0 unchanged, 1 with mistakes." in result, result
    assert "Row 8" in result and "Atlantis" in result
    problems += shoot(page, "import-preview-en")
    page.click("form[action$='/import/confirm'] button")
    result = page.inner_text("main")
    assert "6 new, 0 changed, 0 left as they were, 1 with mistakes." in result, result
    problems += shoot(page, "import-en")
    result = read_sample_sheet("tr")
    assert "0 yeni, 0 değişecek, 6 değişmeyecek, 1 hatalı." in result, result
    assert "8. satır" in result and "bulunamadı" in result
    problems += shoot(page, "import-preview-tr")

    # Batch generation: the sheet's grant agreements as DOCX, with progress, into a ZIP.
    page.goto(f"{url}/office/batch?lang=tr")
    problems += shoot(page, "batch-tr")
    page.goto(f"{url}/office/batch?lang=en")
    problems += shoot(page, "batch-en")
    page.set_input_files("#sheet", str(SAMPLES / "mobility" / "mobilities.csv"))
    page.uncheck("input[name=formats][value=pdf]")
    page.check("input[name=formats][value=docx]")
    page.click("main button[type=submit]")
    page.locator("#job-download:not([hidden])").wait_for(timeout=60_000)
    with page.expect_download() as zipped:
        page.click("#job-download")
    assert zipped.value.suggested_filename.endswith(".zip")
    problems += shoot(page, "batch-job-en")
    page.goto(page.url.split("?")[0] + "?lang=tr")
    page.locator("#job-download:not([hidden])").wait_for()
    assert "7 belgeden 7 tanesi hazır" in page.inner_text("#job-status")
    problems += shoot(page, "batch-job-tr")
    page.goto(page.url.split("?")[0] + "?lang=en")  # back to English for what follows

    # The dashboard lists them; search by a name written without Turkish letters.
    page.click("header >> text=Mobilities")
    assert page.locator("tbody tr").count() == 6
    page.fill("#q", "ozturk")
    page.click("form.filters button")
    assert page.locator("tbody tr").count() == 1
    problems += shoot(page, "dashboard-en")
    page.goto(f"{url}/office/?lang=tr")
    assert "Hareketlilikler" in page.inner_text("h1")
    problems += shoot(page, "dashboard-tr")

    # Sorted by the planned grant; two dossiers ticked get their participants' links at once.
    page.click("th >> text=Planlanan hibe")
    assert page.locator("th[aria-sort=ascending]").count() == 1
    page.locator("tbody input[type=checkbox]").nth(0).check()
    page.locator("tbody input[type=checkbox]").nth(1).check()
    page.click("button[value=links]")
    assert page.locator("input.link-field").count() == 2
    problems += shoot(page, "links-tr")

    # One dossier ticked gets its mobility agreement generated into it, by a batch job.
    page.goto(f"{url}/office/?lang=en&q=ozturk")
    page.locator("tbody input[type=checkbox]").first.check()
    page.select_option("#b-template", "mobility_agreement")
    page.select_option("#b-format", "docx")
    page.click("button[value=generate]")
    page.locator("#job-download:not([hidden])").wait_for(timeout=60_000)
    assert "1 of 1 documents" in page.inner_text("#job-status")
    assert "attached to its dossier" in page.inner_text("#job")
    problems += shoot(page, "batch-dossiers-en")

    # The payments page, with the bank's sheet of a period; the outbox (the e-mailed link);
    # the users, whom Ayşe manages.
    for path, lang, words, name in (
        ("payments/", "en", "Due now", "payments-en"),
        ("payments/", "tr", "Şimdi ödenecekler", "payments-tr"),
        ("outbox/", "en", "Outbox", "outbox-en"),
        ("users/", "en", "Add a user", "users-en"),
    ):
        page.goto(f"{url}/office/{path}?lang={lang}")
        assert words in page.inner_text("main")
        problems += shoot(page, name)
    page.goto(f"{url}/office/users/?lang=tr")
    page.fill("#u-name", "Mehmet Kaya")
    page.fill("#u-username", "mehmet")
    page.click("#h-add + form button[type=submit]")
    assert "Mehmet Kaya eklendi." in page.inner_text(".flash")
    assert page.locator("input.link-field").count() == 1
    problems += shoot(page, "users-tr")

    # What is late across the dossiers (the sample mobilities are all in the past).
    page.click("header >> text=Son tarihler")
    assert "Gecikenler" in page.inner_text("main")
    problems += shoot(page, "deadlines-tr")
    page.goto(f"{url}/office/deadlines/?lang=en&within=30")
    assert "Late" in page.inner_text("main")
    problems += shoot(page, "deadlines-en")

    # The mobility page: generate the grant agreement as a PDF, and the participant's link.
    page.goto(f"{url}/office/?lang=en&q=ozturk")
    page.click("tbody tr a")
    mobility_url = page.url
    assert "€1,080.00" in page.inner_text("#grant")
    page.select_option("#g-template", "grant_agreement")
    page.select_option("#g-format", "pdf")
    page.select_option("#g-lang", "tr")
    fallback = page.locator("input[name=confirm_fallback]")
    if fallback.count():  # the call has no table of its own: the officer confirms the older one
        assert "older one" in page.inner_text("#generated .flash.warn")
        fallback.check()
    page.click("#generated button[type=submit]")
    flash = page.inner_text(".flash")
    code = re.search(r"DS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", flash)
    assert code is not None, flash
    with page.expect_download() as download:
        page.click("#generated >> text=download PDF")
    agreement = tmp_path / "agreement.pdf"
    download.value.save_as(agreement)
    assert agreement.read_bytes()[:5] == b"%PDF-"
    # The participant's link goes by e-mail, to the address on the record, in Turkish.
    page.click("#participant button[formaction]")
    assert "sukru.ozturk@example.edu.tr" in page.inner_text(".flash")
    sent = service["smtp"].wait_for("Erasmus+ belgeleriniz: size özel bağlantınız")
    assert sent["To"] == "sukru.ozturk@example.edu.tr"
    found = re.search(r"https?://\S+/p/\S+", sent.get_body(preferencelist=("plain",)).get_content())
    assert found is not None
    link = found.group(0)
    problems += shoot(page, "mobility-en")

    # The participant, on a phone, uploads the return documents and reads the answers.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    participant = phone.new_page()
    participant.goto(url + urlsplit(link).path + "?lang=tr")
    assert "Erasmus+ belgeleriniz" in participant.inner_text("h1")
    survey, _ = render_survey(Survey(reference=REFERENCE), "text-pdf")
    survey_path = tmp_path / "eu-survey.pdf"
    survey_path.write_bytes(survey)
    uploads = {
        "certificate_of_attendance": SAMPLES / "letters" / "certificate-good-text.pdf",
        "boarding_pass": SAMPLES / "travel" / "boarding-pass-good-text.pdf",
        "entry_exit_record": SAMPLES / "records" / "entry-exit-record-early-return-text.pdf",
        "eu_survey": survey_path,
        "language_certificate": agreement,  # any PDF: an officer checks this kind
    }
    second_pass = tmp_path / "return-flight.pdf"  # the boarding passes as two files, one set
    second_pass.write_bytes(uploads["boarding_pass"].read_bytes())
    for kind, path in uploads.items():
        files = [str(path), str(second_pass)] if kind == "boarding_pass" else str(path)
        participant.set_input_files(f"#file-{kind}", files)  # sent on choosing, by script
    for kind in ("certificate_of_attendance", "boarding_pass", "eu_survey"):
        badge = participant.locator(f"#doc-{kind} [data-role=badge]")
        badge.filter(has_text="uygun").wait_for(timeout=60_000)
        assert badge.inner_text() == "uygun"
    assert "(boarding-pass-good-text.pdf + return-flight.pdf)" in participant.inner_text(
        "#doc-boarding_pass"
    )
    # A passed document may still be replaced, until the office accepts it.
    passes = participant.locator("#doc-boarding_pass")
    assert "Yerine yeni bir dosya göndermek için" in passes.inner_text()
    participant.set_input_files("#file-boarding_pass", str(uploads["boarding_pass"]))
    passes.filter(has_text="(boarding-pass-good-text.pdf)").wait_for(timeout=60_000)
    passes.locator("[data-role=badge]").filter(has_text="uygun").wait_for(timeout=60_000)
    assert "Tamamlanan: 9 belgeden" in participant.inner_text("main")
    assert "gecikti: son tarih" in participant.inner_text("#doc-acceptance_letter")
    # An early return is the office's to decide (force majeure), not the participant's to fix
    record = participant.locator("#doc-entry_exit_record")
    record.locator("[data-role=badge]").filter(has_text="incelenecek").wait_for(timeout=60_000)
    assert "Alındı: ofis inceleyecek." in record.inner_text()
    assert "Kontrolde bir sorun bulundu" not in record.inner_text()
    language = participant.locator("#doc-language_certificate [data-role=badge]")
    language.filter(has_text="incelenecek").wait_for(timeout=30_000)
    problems += shoot(participant, "participant-tr")
    participant.goto(url + urlsplit(link).path + "?lang=en")
    assert "Your Erasmus+ documents" in participant.inner_text("h1")
    shown = participant.inner_text("main")
    assert "Done: " in shown and "late: it was due by" in shown and "Choose a file" in shown
    problems += shoot(participant, "participant-en")

    # The officer reviews the language certificate and accepts it, with the reason.
    page.goto(mobility_url + "?lang=tr")
    document = page.locator("#doc-language_certificate")
    assert "incelenecek" in document.inner_text()
    document.locator("textarea").fill("B2 düzeyi, imzalı ve mühürlü")
    document.locator("button[value=accepted]").click()
    document = page.locator("#doc-language_certificate")
    assert "kabul edildi" in document.inner_text()
    assert "B2 düzeyi, imzalı ve mühürlü" in page.inner_text("#h-history + ul")
    problems += shoot(page, "mobility-tr")

    # The evidence drawn on the certificate's page loads for the officer.
    certificate = page.locator("#doc-certificate_of_attendance")
    certificate.locator("summary").first.click()
    picture = certificate.locator(".evidence img")
    picture.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )

    # The public verify page confirms the generated agreement.
    verify = browser.new_context().new_page()
    verify.goto(f"{url}/verify?lang=en")
    verify.fill("input[name=code]", code.group(0))
    verify.set_input_files("input[type=file]", str(agreement))
    verify.click("button[type=submit]")
    text = verify.inner_text("main")
    assert "Valid document" in text and "Authentic and unaltered" in text, text
    assert "Şükrü Öztürk" in text
    problems += shoot(verify, "verify-en")
    verify.goto(f"{url}/verify/{code.group(0)}?lang=tr")
    assert "Geçerli belge" in verify.inner_text("main")
    problems += shoot(verify, "verify-tr")

    # The office uploads the rectorate assignment it issued itself.
    page.goto(mobility_url + "?lang=tr")
    assignment = page.locator("#doc-rectorate_assignment")
    assignment.locator("summary", has_text="katılımcı yerine").click()
    assignment.locator("input[type=file]").set_input_files(str(agreement))
    assignment.locator("form[enctype] button").click()
    assert "Dosya alındı; aşağıdan kabul edin ya da reddedin." in page.inner_text(".flash")
    assert "Ayşe Yılmaz" in page.inner_text("#doc-rectorate_assignment")

    # The officer corrects the record: a mistake is named by its field in the page's language,
    # and nothing is saved until it is right.
    page.goto(mobility_url + "?lang=tr")
    page.click("text=Kaydı düzenle")
    problems += shoot(page, "record-tr")
    page.fill("#f-participant-iban", "TR00123")
    page.fill("#f-receiving-city", "Heidelbrg")
    page.click("main form button[type=submit]")
    alert = page.inner_text("#record-problems")
    assert "IBAN: 7 karakter" in alert and "Heidelberg, Heide mi demek istediniz?" in alert
    problems += shoot(page, "record-errors-tr")
    page.goto(page.url.split("?")[0] + "?lang=en")
    problems += shoot(page, "record-en")
    page.fill("#f-participant-iban", "TR15 0001 0000 0000 1234 5678 90")
    page.fill("#f-teaching_hours", "10")
    page.click("main form button[type=submit]")
    assert "The record is saved: 2 fields changed." in page.inner_text(".flash")
    assert "TR15" in page.inner_text("#h-record + dl")
    assert problems == [], "\n".join(problems)
