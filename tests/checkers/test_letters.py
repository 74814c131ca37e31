"""The acceptance letter and certificate checkers on generated letters: good ones pass, each
defect fails on the check it breaks and nowhere else."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import checkers
from checkers.dates import find_period
from checkers.issuer import dated, find_issuer
from checkers.report import Status
from docservice.mobility import Mobility, parse_mobility
from samples.letters import DEFECTS, HOSTS, Spec, render
from tests.checkers.support import facts
from tests.support import EXAMPLE, merge

MOBILITY = parse_mobility(EXAMPLE)
BASE = Spec()
GOOD = [
    dataclasses.replace(
        BASE,
        seed=n + 1,
        host=n,
        layout=n % 3,
        font=("sans", "serif", "dejavu", "dejavu-serif")[n % 4],
        name_form=("natural", "upper", "surname_first", "comma", "ascii")[n % 5],
        date_form=n,
        stamp=("round", "rect")[n % 2],
        stamp_ink=("blue", "violet", "red", "black")[n % 4],
        signature_ink=("blue", "black")[n % 2],
    )
    for n in range(8)
]
BROKEN_BY = {
    "no-signature": "signature",
    "no-stamp": "stamp",
    "no-letterhead": "letterhead",
    "another-person": "participant_name",
    "other-dates": "activity_dates",
    "no-erasmus": "erasmus_mention",
    "too-few-hours": "teaching_hours",
}


def hosted_by(spec: Spec, mobility: Mobility = MOBILITY) -> Mobility:
    """The mobility whose host wrote the letter."""
    host = HOSTS[spec.host % len(HOSTS)]
    receiving = mobility.receiving.model_copy(update={"institution": host.name, "city": host.city})
    return mobility.model_copy(update={"receiving": receiving})


def run(
    kind: str, spec: Spec, form: str = "text-pdf", mobility: Mobility = MOBILITY
) -> checkers.Report:
    data, suffix = render(dataclasses.replace(spec, kind=kind), form)
    report, _facts = checkers.check(
        kind, data, hosted_by(spec, mobility), filename=f"letter.{suffix}"
    )
    return report


@pytest.mark.parametrize("kind", ["acceptance_letter", "certificate_of_attendance"])
@pytest.mark.parametrize("spec", GOOD, ids=lambda s: f"seed{s.seed}-{s.name_form}-{s.stamp}")
def test_good_text_letters_pass(kind: str, spec: Spec) -> None:
    report = run(kind, spec)
    assert report.verdict is Status.PASS, [c for c in report.checks if c.status is not Status.PASS]
    fields = report.fields
    assert fields["start_date"] == "2025-03-10" and fields["end_date"] == "2025-03-14"
    assert fields["letterhead"] and fields["signature"] and fields["stamp"]
    assert fields["erasmus_mention"] is True


DEFECT_CASES = [
    (kind, defect)
    for kind in ("acceptance_letter", "certificate_of_attendance")
    for defect in DEFECTS
    if not (kind == "acceptance_letter" and defect == "too-few-hours")  # a letter need not say
]


@pytest.mark.parametrize(("kind", "defect"), DEFECT_CASES)
def test_each_defect_fails_on_its_own_check(kind: str, defect: str) -> None:
    spec = dataclasses.replace(BASE, seed=11, **DEFECTS[defect])  # type: ignore[arg-type]
    report = run(kind, spec)
    assert report.verdict is Status.FAIL
    failed = {c.id for c in report.checks if c.status is Status.FAIL}
    assert failed == {BROKEN_BY[defect]}


def test_early_return_is_named() -> None:
    spec = dataclasses.replace(BASE, end=dt.date(2025, 3, 12))
    report = run("certificate_of_attendance", spec)
    dates = next(c for c in report.checks if c.id == "activity_dates")
    assert dates.status is Status.FAIL and "early return" in dates.message
    assert dates.evidence and dates.evidence[0].page == 1 and dates.evidence[0].box is not None


def test_training_needs_no_hours_and_names_training() -> None:
    training = parse_mobility(merge(EXAMPLE, {"activity": "training", "teaching_hours": None}))
    spec = dataclasses.replace(BASE, activity="training", hours=None)
    report = run("certificate_of_attendance", spec, mobility=training)
    assert report.verdict is Status.PASS
    assert "teaching_hours" not in {c.id for c in report.checks}
    wrong = run("certificate_of_attendance", dataclasses.replace(BASE), mobility=training)
    erasmus = next(c for c in wrong.checks if c.id == "erasmus_mention")
    assert erasmus.status is Status.REVIEW  # a teaching letter for a training mobility


def test_topics_are_reported() -> None:
    report = run("acceptance_letter", dataclasses.replace(BASE, topics=("digital", "ai")))
    assert (
        report.fields["digital_skills"] is True and report.fields["artificial_intelligence"] is True
    )
    plain = run("acceptance_letter", BASE)
    assert (
        plain.fields["digital_skills"] is False and plain.fields["artificial_intelligence"] is False
    )


def test_report_matches_the_contract() -> None:
    report = run("acceptance_letter", BASE).to_dict()
    assert set(report) >= {"kind", "verdict", "checks", "fields"}
    assert set(report["fields"]) >= {
        "participant_name", "host_institution", "start_date", "end_date", "letterhead",
        "signature", "stamp", "erasmus_mention", "digital_skills", "artificial_intelligence",
        "teaching_hours",
    }  # fmt: skip
    for c in report["checks"]:
        assert set(c) >= {"id", "status", "message", "evidence"}
        assert c["status"] in ("pass", "fail", "review")


@pytest.mark.ocr
@pytest.mark.parametrize("form", ["scan-jpg", "scan-pdf", "photo-jpg"])
@pytest.mark.parametrize("kind", ["acceptance_letter", "certificate_of_attendance"])
def test_scans_and_photos(kind: str, form: str) -> None:
    assert run(kind, GOOD[1], form).verdict is Status.PASS
    stampless = dataclasses.replace(GOOD[2], stamp=None)
    report = run(kind, stampless, form)
    # a mark not found on a scan is for a person to look at: a pale one is missed now and then
    assert {c.id for c in report.checks if c.status is not Status.PASS} == {"stamp"}
    assert report.verdict is Status.REVIEW


def test_a_mark_missing_from_a_pdf_made_with_its_text_fails() -> None:
    stampless = dataclasses.replace(GOOD[2], stamp=None)
    failed = {c.id for c in run("acceptance_letter", stampless).checks if c.status is Status.FAIL}
    assert failed == {"stamp"}


def test_a_two_page_certificate_signed_and_stamped_on_its_last_page() -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    first, _ = render(
        dataclasses.replace(BASE, kind="certificate_of_attendance", signature=False, stamp=None),
        "text-pdf",
    )
    last, _ = render(
        dataclasses.replace(BASE, kind="certificate_of_attendance", letterhead=False, seed=4),
        "text-pdf",
    )
    writer = PdfWriter()
    for part in (first, last):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    report, facts = checkers.check("certificate_of_attendance", buffer.getvalue(), MOBILITY)
    assert len(facts.pages) == 2 and report.pages == 2
    assert report.verdict is Status.PASS
    by_id = {c.id: c for c in report.checks}
    assert by_id["letterhead"].evidence[0].page == 1
    assert by_id["signature"].evidence[0].page == 2
    assert by_id["stamp"].evidence[0].page == 2


def test_a_letter_from_another_host_fails_on_its_host() -> None:
    lund = dataclasses.replace(GOOD[1], kind="acceptance_letter")  # Lund University's letter
    data, _ = render(lund, "text-pdf")
    report, _facts = checkers.check("acceptance_letter", data, MOBILITY)  # Heidelberg's mobility
    failed = {c.id for c in report.checks if c.status is Status.FAIL}
    assert failed == {"host_institution"}


@pytest.mark.parametrize(
    ("letterhead", "named", "other"),
    [
        ("Ruprecht-Karls-Universität Heidelberg", True, None),
        ("HEIDELBERG UNIVERSITY\nInternational Office", True, None),
        ("Lund University\nInternational Relations Office", False, "Lund University"),
        ("International Relations Office", False, None),  # nobody named: a person looks
    ],
)
def test_the_host_in_any_form_of_its_name(letterhead: str, named: bool, other: str | None) -> None:
    page = f"{letterhead}\n\n\n\n\n\n\n\n\n\n\nWe confirm the stay.\n" + "\n" * 30
    found = find_issuer(facts(page), "Heidelberg University", "Heidelberg")
    assert (found.named, found.other) == (named, other)


@pytest.mark.parametrize(
    ("text", "issued"),
    [
        ("Lund, 31.05.2025\nStart date: 10.03.2025\nEnd date: 14.03.2025", "2025-05-31"),
        ("Date: 14/03/2025\nfrom 10 March 2025 to 14 March 2025", "2025-03-14"),
        ("from 10 March 2025 to 14 March 2025", None),
    ],
)
def test_a_certificate_bears_its_own_date(text: str, issued: str | None) -> None:
    found = dated(find_period(facts(text)))
    assert (found.date.isoformat() if found else None) == issued


def test_a_certificate_dated_before_the_last_day_fails() -> None:
    early = dataclasses.replace(GOOD[0], kind="certificate_of_attendance")
    data, _ = render(early, "text-pdf")
    record = hosted_by(early, parse_mobility(merge(EXAMPLE, {"end_date": "2025-03-28"})))
    report, _facts = checkers.check("certificate_of_attendance", data, record)
    statuses = {c.id: c.status for c in report.checks}
    assert statuses["issued"] is Status.FAIL
