"""Rankings worked by hand from seed 004's rules (KTÜ 2025) and seed 003's (Atatürk 2021)."""

from __future__ import annotations

from typing import Any

import pytest

from docservice.selection.applications import Application, parse_application
from docservice.selection.ranking import Entry, rank
from docservice.selection.rules import load_rules

KTU = load_rules("ktu-2025")
ATAUNI = load_rules("atauni-2021")


def app(application_id: str, **cells: Any) -> Application:
    base = {
        "application_id": application_id,
        "given_names": f"Given{application_id}",
        "surname": f"Surname{application_id}",
        "category": "academic",
        "activity": "teaching",
        "host_country": "DE",
        "citizenship": "TR",
        "language_score": "70",
    }
    return parse_application({**base, **{k: str(v) for k, v in cells.items()}})


def by_id(entries: list[Entry]) -> dict[str, Entry]:
    return {e.id: e for e in entries}


def order(entries: list[Entry]) -> list[tuple[str, str, int | None]]:
    return [(e.id, e.standing, e.rank) for e in entries]


def one(application: Application, rules: Any = KTU) -> Entry:
    return rank([application], rules)[0]


@pytest.mark.parametrize(
    ("cells", "part", "points"),
    [
        ({"category": "administrative", "activity": "training"}, "administrative_training", 10),
        ({"claims": "disability"}, "disability", 10),
        ({"claims": "veteran_family"}, "veteran_family", 15),
        ({"claims": "disaster_victim"}, "disaster_victim", 10),
        ({"claims": "acceptance_letter"}, "acceptance_letter", 10),
        (
            {"activity": "training", "claims": "acceptance_letter;digital_skills"},
            "digital_skills",
            5,
        ),
        ({"claims": "acceptance_letter;artificial_intelligence"}, "artificial_intelligence", 5),
        ({"host_country": "GE", "citizenship": "GE"}, "own_country", -10),
        ({"claims": "no_show"}, "no_show", -10),
    ],
)
def test_each_bonus_and_penalty_of_seed_004(cells: dict[str, str], part: str, points: int) -> None:
    entry = one(app("X", language_score=60, **cells))
    assert entry.parts["language"] == 60
    assert entry.parts[part] == points
    assert entry.score == 60 + sum(v for k, v in entry.parts.items() if k != "language")
    assert entry.standing == "main"


def test_points_that_do_not_apply_say_why_and_add_nothing() -> None:
    academic_training = one(app("A", activity="training"))
    assert "administrative_training" not in academic_training.parts
    teaching_digital = one(app("B", claims="acceptance_letter;digital_skills"))
    assert "digital_skills" not in teaching_digital.parts
    assert any("only in a training mobility" in n for n in teaching_digital.notes)
    no_letter = one(app("C", activity="training", claims="digital_skills"))
    assert "digital_skills" not in no_letter.parts
    assert any("acceptance letter given at application" in n for n in no_letter.notes)
    assert no_letter.score == 70
    other_country = one(app("D", host_country="DE", citizenship="GE"))
    assert "own_country" not in other_country.parts


def test_the_letter_must_say_digital_skills_or_ai_once_it_was_checked() -> None:
    base = app("A", activity="training", claims="acceptance_letter;digital_skills")
    said = one(base.changed(letter={"digital_skills": True, "artificial_intelligence": False}))
    assert said.parts["digital_skills"] == 5
    silent = one(base.changed(letter={"digital_skills": False}))
    assert "digital_skills" not in silent.parts
    assert any("does not mention digital skills" in n for n in silent.notes)


def test_a_letter_at_application_counts_only_from_a_partner() -> None:
    base = app("A", claims="acceptance_letter", host_institution="Universität Nowhere")
    assert one(base.changed(partner=True)).parts["acceptance_letter"] == 10
    refused = one(base.changed(partner=False))
    assert "acceptance_letter" not in refused.parts
    assert any("not one of the call's partner institutions" in n for n in refused.notes)
    unknown = one(base)
    assert unknown.parts["acceptance_letter"] == 10
    assert any("not checked" in n for n in unknown.notes)


def test_language_score_minimum_and_the_degree_abroad_75() -> None:
    entries = by_id(
        rank(
            [
                app("low", language_score=49.5),
                app("edge", language_score=50),
                app("abroad", language_score="", degree_abroad="evet"),
                app("exam", language_score=60, degree_abroad="yes"),
                app("none", language_score=""),
            ],
            KTU,
        )
    )
    assert entries["low"].standing == "ineligible"
    assert "49.5 is below the minimum of 50" in entries["low"].reason
    assert entries["edge"].standing == "main"
    assert entries["abroad"].parts == {"degree_abroad": 75}
    assert entries["abroad"].score == 75
    # an exam result was given: it counts, even lower than 75, and the entry says so
    assert entries["exam"].parts == {"language": 60}
    assert any("only when no exam result is given" in n for n in entries["exam"].notes)
    assert entries["none"].standing == "ineligible"
    assert entries["none"].rank is None and entries["none"].score is None


def test_first_timers_first_then_fewer_before_then_the_score() -> None:
    entries = rank(
        [
            app("twice", language_score=99, previous_mobilities=2),
            app("once", language_score=95, previous_mobilities=1),
            app("new_low", language_score=55),
            app("new_high", language_score=90),
        ],
        KTU.with_quota(3),
    )
    assert order(entries) == [
        ("new_high", "main", 1),
        ("new_low", "main", 2),
        ("once", "main", 3),
        ("twice", "reserve", 1),
    ]
    assert "the 3 places go to applicants ranked higher" in entries[3].reason


def test_ties_go_to_more_years_of_service_and_a_full_tie_is_flagged() -> None:
    entries = rank(
        [
            app("junior", years_of_service=3),
            app("senior", years_of_service=12),
            app("twin1", language_score=65, years_of_service=5),
            app("twin2", language_score=65, years_of_service=5),
        ],
        KTU.with_quota(1),
    )
    assert [e.id for e in entries] == ["senior", "junior", "twin1", "twin2"]
    assert entries[0].standing == "main"
    assert not entries[0].notes
    assert any("tied with Giventwin2 Surnametwin2" in n for n in entries[2].notes)
    assert any("tied with Giventwin1 Surnametwin1" in n for n in entries[3].notes)


def test_a_no_show_loses_ten_points_and_its_place() -> None:
    entries = rank(
        [app("kept", language_score=65), app("noshow", language_score=70, claims="no_show")],
        KTU.with_quota(1),
    )
    assert order(entries) == [("kept", "main", 1), ("noshow", "reserve", 1)]
    assert entries[1].score == 60


def test_without_a_quota_every_eligible_application_is_main() -> None:
    entries = rank([app("a"), app("b", language_score=40)], KTU)
    assert order(entries) == [("a", "main", 1), ("b", "ineligible", None)]
    assert "sets no number of places" in entries[0].reason


def test_category_and_activity_decide_eligibility() -> None:
    entry = one(app("adm", category="administrative", activity="teaching"))
    assert entry.standing == "ineligible"
    assert "administrative staff cannot apply for teaching" in entry.reason


def test_atauni_one_person_per_department_and_places_per_country() -> None:
    entries = by_id(
        rank(
            [
                app(
                    "p1",
                    activity="training",
                    host_country="AL",
                    department="Fizik",
                    language_score=80,
                ),
                app(
                    "p2",
                    activity="training",
                    host_country="BA",
                    department="fizik",
                    language_score=85,
                ),
                app(
                    "c1",
                    activity="training",
                    host_country="AL",
                    department="Kimya",
                    language_score=70,
                ),
                app(
                    "m1",
                    activity="training",
                    host_country="AL",
                    department="Matematik",
                    language_score=60,
                ),
                app("de", activity="training", host_country="DE", department="Biyoloji"),
            ],
            ATAUNI,
        )
    )
    assert entries["p2"].standing == "main"
    assert entries["p1"].standing == "reserve"
    assert "1 place per department" in entries["p1"].reason
    assert "Givenp2 Surnamep2" in entries["p1"].reason
    assert entries["c1"].standing == "main"
    assert entries["m1"].standing == "main"  # Albania has 2 places: p1 (a reserve) holds none
    assert entries["de"].standing == "ineligible"
    assert "no places in Germany" in entries["de"].reason


def test_atauni_ties_by_score_then_language_then_years() -> None:
    entries = rank(
        [
            app(
                "bonus",
                activity="training",
                host_country="TW",
                language_score=60,
                claims="veteran_family",
            ),
            app(
                "lang",
                activity="training",
                host_country="TW",
                language_score=75,
                years_of_service=1,
            ),
            app(
                "years",
                activity="training",
                host_country="TW",
                language_score=75,
                years_of_service=9,
            ),
        ],
        ATAUNI,
    )
    # bonus and the two 75s all score 75; the language score breaks the tie, then the years
    assert [e.id for e in entries] == ["years", "lang", "bonus"]
    assert [e.score for e in entries] == [75, 75, 75]


def test_country_places_fill_in_rank_order() -> None:
    rules = ATAUNI.with_quota(17)
    entries = by_id(
        rank(
            [
                app(
                    f"u{n}",
                    activity="training",
                    host_country="UA",
                    department=f"D{n}",
                    language_score=90 - n,
                )
                for n in range(3)
            ],
            rules,
        )
    )
    assert [entries[f"u{n}"].standing for n in range(3)] == ["main", "reserve", "reserve"]
    assert "the 1 places in Ukraine" in entries["u1"].reason


def test_a_score_in_a_reason_is_written_as_each_language_writes_numbers() -> None:
    from docservice.catalogue import localized
    from docservice.errors import from_data, to_data

    entry = one(app("low", language_score="49,5"))
    kept = from_data(to_data(entry.reason))  # as the database keeps it
    assert str(kept) == "the language score 49.5 is below the minimum of 50"
    assert localized(kept, "tr") == "dil puanı 49,5, en az 50 olması gereken puanın altında"
