"""The acceptance-letter deadline's rules (a), (b), (c) of seed 004, and withdrawals."""

from __future__ import annotations

import pytest

from docservice.errors import InputError
from docservice.selection.ranking import Entry, rank
from docservice.selection.steps import letter_step, withdraw
from tests.selection.test_ranking import ATAUNI, KTU, app


def lists(entries: list[Entry]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for entry in entries:
        result.setdefault(entry.standing, []).append(entry.id)
    return result


def ranking(quota: int = 2) -> list[Entry]:
    # m1, m2 main; r1, r2, r3 reserves in that order
    return rank(
        [
            app("m1", language_score=90),
            app("m2", language_score=85),
            app("r1", language_score=80),
            app("r2", language_score=75),
            app("r3", language_score=70),
        ],
        KTU.with_quota(quota),
    )


def test_rule_a_every_main_candidate_delivered_no_reserve_moves_up() -> None:
    result = letter_step(ranking(), {"m1", "m2", "r1", "r3"}, KTU.with_quota(2))
    assert result.rule == "a"
    assert lists(result.entries) == {
        "main": ["m1", "m2"],
        "reserve": ["r1", "r3"],
        "dropped": ["r2"],
    }
    assert result.moved_up == []
    assert "no acceptance letter by the deadline" in next(
        e.reason for e in result.entries if e.id == "r2"
    )


def test_rule_b_as_many_reserves_delivered_as_places_are_empty() -> None:
    # m1 and m2 delivered nothing: two places empty; r2 and r3 delivered: both move up
    result = letter_step(ranking(), {"r2", "r3"}, KTU.with_quota(2))
    assert result.rule == "b"
    assert lists(result.entries) == {"main": ["r2", "r3"], "dropped": ["m1", "m2", "r1"]}
    assert result.moved_up == ["r2", "r3"]
    assert [e.rank for e in result.entries[:2]] == [1, 2]


def test_rule_b_moves_reserves_up_whatever_their_department() -> None:
    rules = ATAUNI.with_quota(2)
    entries = rank(
        [
            app(
                "m1", activity="training", host_country="AL", department="Fizik", language_score=90
            ),
            app(
                "m2", activity="training", host_country="BA", department="Kimya", language_score=85
            ),
            app(
                "r1", activity="training", host_country="BA", department="Fizik", language_score=80
            ),
        ],
        rules,
    )
    assert lists(entries)["reserve"] == ["r1"]
    result = letter_step(entries, {"m1", "r1"}, rules)
    assert result.rule == "b"
    assert lists(result.entries)["main"] == ["m1", "r1"]  # two from Fizik now


def test_rule_c_more_reserves_than_places_the_ranking_decides() -> None:
    result = letter_step(ranking(), {"m1", "r1", "r2", "r3"}, KTU.with_quota(2))
    assert result.rule == "c"
    assert lists(result.entries) == {
        "main": ["m1", "r1"],
        "reserve": ["r2", "r3"],
        "dropped": ["m2"],
    }
    assert "rule (c)" in next(e.reason for e in result.entries if e.id == "r1")


def test_a_letter_given_at_application_counts_as_delivered() -> None:
    entries = rank(
        [app("m1", language_score=60, claims="acceptance_letter"), app("m2", language_score=65)],
        KTU.with_quota(1),
    )
    assert lists(entries)["main"] == ["m1"]  # 60 + 10 beats 65
    result = letter_step(entries, set(), KTU.with_quota(1))
    assert lists(result.entries) == {"main": ["m1"], "dropped": ["m2"]}


def test_the_deadline_is_applied_once_and_knows_its_applications() -> None:
    rules = KTU.with_quota(2)
    result = letter_step(ranking(), {"m1", "m2"}, rules)
    with pytest.raises(InputError, match="already been applied"):
        letter_step(result.entries, {"m1"}, rules)
    with pytest.raises(InputError, match="No application 'zz'"):
        letter_step(ranking(), {"zz"}, rules)


def test_a_withdrawal_moves_the_next_reserve_up() -> None:
    rules = KTU.with_quota(2)
    result = withdraw(ranking(), "m1", rules)
    assert lists(result.entries) == {
        "main": ["m2", "r1"],
        "reserve": ["r2", "r3"],
        "withdrawn": ["m1"],
    }
    assert result.moved_up == ["r1"]
    assert "withdrew" in result.entries[1].reason


def test_after_the_deadline_only_a_reserve_with_a_letter_moves_up() -> None:
    rules = KTU.with_quota(2)
    after = letter_step(ranking(), {"m1", "m2", "r2"}, rules).entries
    result = withdraw(after, "m2", rules)
    assert lists(result.entries)["main"] == ["m1", "r2"]


def test_a_reserve_withdrawing_moves_nobody() -> None:
    rules = KTU.with_quota(2)
    result = withdraw(ranking(), "r1", rules)
    assert result.moved_up == []
    assert lists(result.entries)["reserve"] == ["r2", "r3"]
    with pytest.raises(InputError, match="only a candidate can withdraw"):
        withdraw(result.entries, "r1", rules)
