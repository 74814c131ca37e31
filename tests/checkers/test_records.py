"""The e-Devlet entry/exit record and the EU Survey participant report on generated documents:
good ones pass, each defect fails on the check it breaks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

import checkers
from checkers.crossings import ENTRY, EXIT, Crossing, journey_checks
from checkers.report import Status, for_the_office
from checkers.travel import TravelRule
from docservice.mobility import parse_mobility
from samples.records import (
    RECORD_DEFECTS,
    SURVEY_DEFECTS,
    Record,
    Survey,
    render_record,
    render_survey,
)
from tests.support import EXAMPLE, SAMPLES

MOBILITY = parse_mobility(EXAMPLE)  # Şükrü Öztürk, 10-14 March 2025, Heidelberg


def run(kind: str, data: bytes, **rule: object) -> checkers.Report:
    travel = TravelRule(**rule)  # type: ignore[arg-type]
    report, _ = checkers.check(kind, data, MOBILITY, filename="doc.pdf", travel=travel)
    return report


def not_passed(report: checkers.Report) -> list[str]:
    return sorted(c.id for c in report.checks if c.status is not Status.PASS)


# --- the journey rule for crossings -----------------------------------------------------------


def crossing(day: str, direction: str) -> Crossing:
    return Crossing(dt.date.fromisoformat(day), direction)


@pytest.mark.parametrize(
    ("crossings", "failing"),
    [
        ([("2025-03-09", EXIT), ("2025-03-15", ENTRY)], []),
        ([("2025-03-10", EXIT), ("2025-03-14", ENTRY)], []),  # on the first and last days
        ([("2025-03-11", EXIT), ("2025-03-15", ENTRY)], ["outbound"]),  # left late
        ([("2025-03-09", EXIT), ("2025-03-12", ENTRY)], ["return"]),  # back early
        ([("2025-03-09", EXIT), ("2025-03-19", ENTRY)], ["return"]),  # back too late
        ([("2025-03-09", EXIT)], ["return"]),
        ([("2025-01-09", EXIT), ("2025-01-15", ENTRY)], ["outbound", "return"]),  # another trip
        # an earlier trip listed as well changes nothing
        ([("2024-11-01", EXIT), ("2024-11-06", ENTRY), ("2025-03-08", EXIT),
          ("2025-03-16", ENTRY)], []),
        # back home in the middle of the activity and out again: the return is early
        ([("2025-03-09", EXIT), ("2025-03-11", ENTRY), ("2025-03-12", EXIT),
          ("2025-03-15", ENTRY)], ["return"]),
    ],
)  # fmt: skip
def test_journey_rule(crossings: list[tuple[str, str]], failing: list[str]) -> None:
    checks = journey_checks(
        [crossing(d, w) for d, w in crossings], MOBILITY, TravelRule(), what="the record"
    )
    assert sorted(c.id for c in checks if c.status is Status.FAIL) == failing


def test_window_from_policy() -> None:
    crossings = [crossing("2025-03-07", EXIT), crossing("2025-03-17", ENTRY)]
    assert [c.status for c in journey_checks(crossings, MOBILITY, TravelRule(), what="x")] == [
        Status.FAIL,
        Status.FAIL,
    ]
    wide = TravelRule(days_before=3, days_after=3)
    assert {c.status for c in journey_checks(crossings, MOBILITY, wide, what="x")} == {Status.PASS}


# --- the e-Devlet record ----------------------------------------------------------------------


@pytest.mark.parametrize("n", range(4))
def test_good_records_pass(n: int) -> None:
    record = Record(
        gate=n, seed=n + 2, out_offset=-(n % 3), back_offset=n % 3, font=("sans", "serif")[n % 2]
    )
    report = run("entry_exit_record", render_record(record, "text-pdf")[0])
    assert report.verdict is Status.PASS, [c.message for c in report.checks]
    fields = report.fields
    assert fields["holder"] == "ŞÜKRÜ ÖZTÜRK"
    assert fields["verification_code"] == record.verification()
    assert {c["direction"] for c in fields["crossings"]} == {"exit", "entry"}
    assert len(fields["crossings"]) == 4


RECORD_BROKEN_BY = {
    "another-person": ["participant_name"],
    "late-exit": ["outbound"],
    "early-return": ["return"],
    "no-return": ["return"],
    "another-trip": ["outbound", "return"],
    "edited-code": ["verification_code"],
    "no-code": ["verification_code"],
    "another-document": ["document_type"],
}


@pytest.mark.parametrize("defect", sorted(RECORD_DEFECTS))
def test_each_record_defect_fails_where_it_should(defect: str) -> None:
    assert set(RECORD_BROKEN_BY) == set(RECORD_DEFECTS)
    record = dataclasses.replace(Record(seed=5), **RECORD_DEFECTS[defect])  # type: ignore[arg-type]
    report = run("entry_exit_record", render_record(record, "text-pdf")[0])
    assert report.verdict is Status.FAIL
    assert not_passed(report) == RECORD_BROKEN_BY[defect]


@pytest.mark.ocr
def test_a_scanned_record_passes() -> None:
    report = run("entry_exit_record", render_record(Record(seed=9, gate=3), "scan-pdf")[0])
    assert report.verdict is Status.PASS, [c.message for c in report.checks]


# --- the EU Survey participant report ---------------------------------------------------------


@pytest.mark.parametrize("n", range(3))
def test_good_surveys_pass(n: int) -> None:
    survey = Survey(date_form=n, seed=n + 3, submitted_after=(0, 6, 29)[n])
    report = run("eu_survey", render_survey(survey, "text-pdf")[0])
    assert report.verdict is Status.PASS, [c.message for c in report.checks]
    assert report.fields["submitted"] is True
    assert report.fields["start_date"] == "2025-03-10" and report.fields["end_date"] == "2025-03-14"
    assert report.fields["submitted_at"].startswith(
        (dt.date(2025, 3, 14) + dt.timedelta(days=(0, 6, 29)[n])).isoformat()
    )


SURVEY_BROKEN_BY = {
    "draft": ["submitted"],
    "before-the-end": ["submitted"],
    "other-dates": ["activity_dates", "submitted"],
    "other-host": ["host_institution"],
    "another-questionnaire": ["document_type"],
    "another-mobility": ["mobility_reference"],
}


@pytest.mark.parametrize("defect", sorted(SURVEY_DEFECTS))
def test_each_survey_defect_fails_where_it_should(defect: str) -> None:
    assert set(SURVEY_BROKEN_BY) == set(SURVEY_DEFECTS)
    survey = dataclasses.replace(Survey(seed=4), **SURVEY_DEFECTS[defect])  # type: ignore[arg-type]
    report = run("eu_survey", render_survey(survey, "text-pdf")[0])
    assert report.verdict is Status.FAIL
    assert not_passed(report) == SURVEY_BROKEN_BY[defect]


def test_a_late_survey_goes_to_review() -> None:
    report = run("eu_survey", render_survey(Survey(submitted_after=45), "text-pdf")[0])
    assert report.verdict is Status.REVIEW
    assert "45 days after the end" in next(c.message for c in report.checks if c.id == "submitted")


def test_committed_samples_give_their_expected_reports() -> None:
    expected = json.loads((SAMPLES / "records" / "expected.json").read_text())
    for name, want in expected.items():
        if "scan" in name:
            continue  # read by OCR: below
        report = run(want["kind"], (SAMPLES / "records" / name).read_bytes())
        assert (report.verdict.value, not_passed(report)) == (want["verdict"], want["not_passed"])


@pytest.mark.ocr
def test_committed_scanned_samples_give_their_expected_reports() -> None:
    expected = json.loads((SAMPLES / "records" / "expected.json").read_text())
    for name, want in expected.items():
        if "scan" in name:
            report = run(want["kind"], (SAMPLES / "records" / name).read_bytes())
            assert (report.verdict.value, not_passed(report)) == (
                want["verdict"],
                want["not_passed"],
            )


def test_an_early_return_is_for_the_office_to_decide() -> None:
    early = {"id": "return", "status": "fail", "early_return": True}
    other = {"id": "participant_name", "status": "fail"}
    assert for_the_office([early, {"id": "outbound", "status": "pass"}])
    assert not for_the_office([early, other])  # another fault is still the participant's
    assert not for_the_office([{"id": "outbound", "status": "pass"}])
