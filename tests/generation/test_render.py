"""Every template renders for staff and students, KA131 and KA171: no leftover tags, the right
names, dates and amounts in each language. Compared by text, never by bytes."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from docservice import formatting as fmt
from docservice.generation.service import DocumentService
from docservice.generation.templates import TemplateStore, variant_for
from docservice.grants.engine import GrantEngine
from docservice.mobility import Mobility, parse_mobility
from tests.generation.support import LEFTOVER, docx_pictures, docx_text, squash
from tests.support import SAMPLES, merge

SAMPLE = {
    name: json.loads((SAMPLES / "mobility" / f"{name}.json").read_text())
    for name in (
        "staff-teaching-ka131-heidelberg",
        "staff-training-ka171-tbilisi",
        "student-studies-ka131-lund",
    )
}
# A KA171 student on a traineeship and a KA171 teacher, made from the samples
SAMPLE["student-traineeship-ka171-tbilisi"] = merge(
    SAMPLE["staff-training-ka171-tbilisi"],
    {
        "reference": "2023-1-TR01-KA171-HED-000167432-SMP-04",
        "activity": "traineeship",
        "participant": {"given_names": "Çağrı", "surname": "Işıkgöz", "category": "master"},
        "start_date": "2024-02-05",
        "end_date": "2024-05-03",
        "travel_days": 0,
    },
)
SAMPLE["staff-teaching-ka171-tbilisi"] = merge(
    SAMPLE["staff-training-ka171-tbilisi"],
    {"activity": "teaching", "teaching_hours": 8, "participant": {"title": "Doç. Dr."}},
)
MOBILITIES = {name: parse_mobility(data) for name, data in SAMPLE.items()}
TEMPLATES = TemplateStore.from_settings(None).files()
CASES = [
    (name, t)
    for name, m in MOBILITIES.items()
    for t in TEMPLATES
    if t.variant == variant_for(t.name, m)
]


def _render(service: DocumentService, m: Mobility, name: str, lang: Any) -> tuple[str, bytes]:
    prepared = service.prepare(name, m, lang)
    return prepared.code, prepared.docx


@pytest.mark.parametrize(("sample", "template"), CASES, ids=lambda v: getattr(v, "label", v))
def test_renders_clean_with_names_dates_and_code(
    service: DocumentService, sample: str, template: Any
) -> None:
    m = MOBILITIES[sample]
    code, docx = _render(service, m, template.name, template.lang)
    text = docx_text(docx)
    assert not LEFTOVER.search(text), LEFTOVER.search(text)
    assert m.participant.full_name in text  # Turkish letters intact
    assert m.receiving.institution in text
    assert fmt.date(m.start_date, template.lang) in text
    assert fmt.date(m.end_date, template.lang) in text
    assert code in text
    assert service.verify_url(code) in text
    assert docx_pictures(docx) >= 1  # the QR code (and our logo on our own documents)


@pytest.mark.parametrize("sample", list(MOBILITIES))
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_grant_agreement_states_the_engine_amounts(
    service: DocumentService, engine: GrantEngine, sample: str, lang: Any
) -> None:
    m = MOBILITIES[sample]
    b = engine.calculate(m)
    _code, docx = _render(service, m, "grant_agreement", lang)
    text = docx_text(docx)
    for amount in (b.total, b.prefinancing, b.balance, b.travel, b.individual_support):
        assert fmt.money(amount, lang) in text
    assert b.table.title(lang) in text and b.table.name not in text  # its title, not its id
    if b.staff is not None:
        assert fmt.money(b.staff.daily_rate, lang) in text
    else:
        assert b.student is not None
        assert fmt.money(b.student.monthly_rate, lang) in text
        assert (f"{b.student.months} ay" if lang == "tr" else f"{b.student.months} months") in text
    # the calculation is printed step by step
    assert ("Hesaplama" if lang == "tr" else "Calculation") in text
    assert ("%80" if lang == "tr" else "80 %") in text


def test_contract_example_in_turkish_and_english(service: DocumentService) -> None:
    m = MOBILITIES["staff-teaching-ka131-heidelberg"]
    tr = docx_text(_render(service, m, "grant_agreement", "tr")[1])
    en = docx_text(_render(service, m, "grant_agreement", "en")[1])
    assert "1.080,00 €" in tr and "864,00 €" in tr and "216,00 €" in tr
    assert "€1,080.00" in en and "€864.00" in en and "€216.00" in en
    assert "10 Mart 2025" in tr and "10 March 2025" in en
    assert "Almanya" in tr and "Germany" in en
    assert "Dr. Şükrü Öztürk" in tr and "Dr. Şükrü Öztürk" in en
    assert "HİBE SÖZLEŞMESİ" in tr
    assert "Ders saati" in tr  # teaching only


def test_training_programme_has_a_row_per_day(service: DocumentService) -> None:
    m = MOBILITIES["staff-training-ka171-tbilisi"]
    text = docx_text(_render(service, m, "mobility_agreement", "en")[1])
    assert "STAFF MOBILITY FOR TRAINING" in text
    for day in ("6 May 2024", "7 May 2024", "8 May 2024", "9 May 2024", "10 May 2024"):
        assert day in text
    assert "Monday" in text and "Friday" in text


def test_students_get_the_learning_agreement_and_no_teaching_hours(
    service: DocumentService,
) -> None:
    m = MOBILITIES["student-studies-ka131-lund"]
    text = docx_text(_render(service, m, "mobility_agreement", "en")[1])
    assert "LEARNING AGREEMENT" in text and "Table A – Study programme" in text
    certificate = docx_text(_render(service, m, "certificate_of_attendance", "en")[1])
    assert "student mobility for studies" in certificate
    assert "hours of teaching" not in certificate
    grant = docx_text(_render(service, m, "grant_agreement", "tr")[1])
    assert "ÖĞRENCİ HAREKETLİLİĞİ" in grant and "Ders saati" not in grant


def test_agreement_text_from_the_record_and_blanks_without_it(service: DocumentService) -> None:
    base = SAMPLE["staff-teaching-ka131-heidelberg"]
    given = parse_mobility(
        merge(base, {"agreement": {"subject_area": "Marine Engineering", "isced_code": "0716"}})
    )
    text = docx_text(_render(service, given, "mobility_agreement", "en")[1])
    assert "Marine Engineering" in text and "0716" in text
    blank = docx_text(
        _render(service, MOBILITIES["staff-teaching-ka131-heidelberg"], "mobility_agreement", "en")[
            1
        ]
    )
    assert "………" in blank


def test_values_with_markup_characters_are_escaped(service: DocumentService) -> None:
    m = parse_mobility(
        merge(
            SAMPLE["staff-teaching-ka131-heidelberg"],
            {"receiving": {"institution": 'Q&A <Institute> of "Arts"'}},
        )
    )
    text = docx_text(_render(service, m, "acceptance_letter", "en")[1])
    assert 'Q&A <Institute> of "Arts"' in text


def test_zero_grant_and_missing_iban_are_written_out(service: DocumentService) -> None:
    data = merge(SAMPLE["staff-teaching-ka131-heidelberg"], {"zero_grant": True})
    data["participant"].pop("iban", None)
    text = docx_text(_render(service, parse_mobility(data), "grant_agreement", "en")[1])
    assert fmt.money(Decimal(0), "en") in text
    assert "to be given by the participant before payment" in text


# What a participant's copy must never say: the office's notes, the tables' sources and ids,
# file names, and (in Turkish) English.
INTERNAL = ("seed", ".md", "TR-NA", "kaynak", "source", "Notlar", "Notes", "ekleyin", "Add a table")
ENGLISH = re.compile(r"\b(the|and|of|for|rates?|table|call|grant|restating|agency)\b", re.I)


@pytest.mark.parametrize("call_year", [2023, 2024])  # 2024 has no staff table: an older one
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_grant_agreement_pdf_holds_no_internal_text(
    service: DocumentService, engine: GrantEngine, call_year: int, lang: Any
) -> None:
    m = parse_mobility(merge(SAMPLE["staff-teaching-ka131-heidelberg"], {"call_year": call_year}))
    assert engine.calculate(m).selection.fallback is (call_year == 2024)
    pdf = PdfReader(io.BytesIO(service.generate("grant_agreement", m, "pdf", lang).data))
    pages = [squash(page.extract_text() or "") for page in pdf.pages]
    text = " ".join(pages)
    assert not [word for word in INTERNAL if word in text], text
    if lang == "tr":  # the record's own names (the institutions) are what they are
        for own in (m.sending.institution, m.receiving.institution):
            text = text.replace(own, "")
        assert not ENGLISH.findall(text), ENGLISH.findall(text)
    # the calculation's heading stays with its first line
    heading, first = ("Hesaplama:", "Oranlar:") if lang == "tr" else ("Calculation:", "Rates:")
    assert [heading in page for page in pages] == [first in page for page in pages]
