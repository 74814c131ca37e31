"""Deadlines from the policy: which day each document is due, per key action where the policy
says so, and when a document is met, waiting, open or late."""

from __future__ import annotations

import datetime as dt

import pytest

from docservice.dossier import checklist
from docservice.dossier.deadlines import LATE, MET, OPEN, WAITING, deadlines
from docservice.errors import ConfigurationError
from docservice.grants.policy import Policy
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, merge

STAFF = parse_mobility(EXAMPLE)  # KA131 teaching, 10 to 14 March 2025


def due(policy: Policy, mobility=STAFF, statuses=None, today=dt.date(2025, 1, 1)):  # type: ignore[no-untyped-def]
    items = checklist.items_for(mobility)
    return {d.kind: d for d in deadlines(mobility, items, statuses or {}, policy, today)}


def test_each_document_is_due_by_the_policys_days() -> None:
    found = due(Policy())
    assert found["rectorate_assignment"].due == dt.date(2025, 2, 8)  # 30 days before 10 March
    assert found["acceptance_letter"].due == dt.date(2025, 3, 10)
    assert found["certificate_of_attendance"].due == dt.date(2025, 4, 13)  # 30 days after 14 March
    assert found["eu_survey"].due == dt.date(2025, 4, 13)
    shorter = due(Policy(assignment_days_before_start=15, survey_days_after_end=10))
    assert shorter["rectorate_assignment"].due == dt.date(2025, 2, 23)
    assert shorter["eu_survey"].due == dt.date(2025, 3, 24)


def test_a_key_action_may_have_deadlines_of_its_own() -> None:
    policy = Policy.from_mapping(
        {"return_days_after_end": 20, "action": {"KA171": {"return_days_after_end": 10}}}
    )
    assert due(policy)["boarding_pass"].due == dt.date(2025, 4, 3)
    ka171 = parse_mobility(merge(EXAMPLE, {"action": "KA171"}))
    assert due(policy, ka171)["boarding_pass"].due == dt.date(2025, 3, 24)
    assert policy.to_dict()["action"] == {"KA171": {"return_days_after_end": 10}}
    for wrong in (
        {"action": {"KA171": {"staff_min_days": 3}}},
        {"action": {"KA171": {"return_days_after_end": -1}}},
        {"action": "KA171"},
    ):
        with pytest.raises(ConfigurationError):
            Policy.from_mapping(wrong)


def test_a_document_is_met_waiting_open_or_late() -> None:
    statuses = {
        "acceptance_letter": checklist.PASSED,
        "language_certificate": checklist.REVIEW,
        "mobility_agreement": checklist.REJECTED,
        "passport_stamps": checklist.QUEUED,  # one of the two border documents is enough
    }
    found = due(Policy(), statuses=statuses, today=dt.date(2025, 3, 1))
    assert found["acceptance_letter"].status == MET
    assert found["language_certificate"].status == WAITING
    assert found["mobility_agreement"].status == OPEN  # rejected, but not due until 10 March
    assert found["rectorate_assignment"].status == LATE  # due 8 February
    assert found["entry_exit_record"].status == WAITING
    assert found["rectorate_assignment"].days_left(dt.date(2025, 3, 1)) == -21
    green = parse_mobility(merge(EXAMPLE, {"green_travel": True}))
    assert "boarding_pass" not in due(Policy(), green)  # not required, no deadline
    student = parse_mobility(merge(EXAMPLE, {"activity": "studies"}))
    assert "rectorate_assignment" not in due(Policy(), student)
