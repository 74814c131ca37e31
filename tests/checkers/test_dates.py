from __future__ import annotations

import datetime as dt

import pytest

from checkers.dates import dates_in, find_period, month_names, ranges_in
from tests.checkers.support import facts

D = dt.date
MARCH = (D(2025, 3, 10), D(2025, 3, 14))


@pytest.mark.parametrize(
    "written",
    [
        "10 March 2025 – 14 March 2025",
        "10-14 March 2025",
        "10 – 14 March 2025",
        "March 10–14, 2025",
        "March 10, 2025 - March 14, 2025",
        "from 10th to 14th of March 2025",
        "between 10 and 14 March 2025",
        "10.03.2025 - 14.03.2025",
        "10/03/2025 to 14/03/2025",
        "10.-14.03.2025",
        "10-14 Mart 2025 tarihleri arasında",
        "10 Mart 2025 ile 14 Mart 2025 tarihleri arasında",
        "vom 10. bis 14. März 2025",
        "du 10 au 14 mars 2025",
        "dal 10 al 14 marzo 2025",
        "del 10 al 14 de marzo de 2025",
        "2025-03-10 to 2025-03-14",
        "10 Mar. 2025 - 14 Mar. 2025",
        "10th March 2025 until 14th March 2025",
    ],
)
def test_ranges_in_every_usual_form(written: str) -> None:
    found = ranges_in(f"The visit will take place {written}, as agreed.")
    assert [(r.start, r.end) for r, _ in found] == [MARCH], written


def test_an_ordinal_day_read_with_a_letter_for_its_digit() -> None:
    # OCR of a photo: "5th" read "Sth", "1st" read "lst"; only where an ordinal ending says so
    found = ranges_in("carried out a mobility from Sth to 9th of January 2026.")
    assert [(r.start, r.end) for r, _ in found] == [(dt.date(2026, 1, 5), dt.date(2026, 1, 9))]
    found = ranges_in("from lst to 5th of May 2025")
    assert [(r.start, r.end) for r, _ in found] == [(dt.date(2025, 5, 1), dt.date(2025, 5, 5))]
    assert ranges_in("both of them, on the 12 March 2025") == []


def test_ranges_over_months_and_years() -> None:
    assert [(r.start, r.end) for r, _ in ranges_in("28 February – 4 March 2025")] == [
        (D(2025, 2, 28), D(2025, 3, 4))
    ]
    assert [(r.start, r.end) for r, _ in ranges_in("February 28 - March 4, 2025")] == [
        (D(2025, 2, 28), D(2025, 3, 4))
    ]
    assert [(r.start, r.end) for r, _ in ranges_in("28 December 2024 - 3 January 2025")] == [
        (D(2024, 12, 28), D(2025, 1, 3))
    ]


def test_single_dates_day_first() -> None:
    found = [m.date for m, _ in dates_in("Trabzon, 03.02.2025 and 2/3/2025 and 10 Şubat 2025")]
    assert found == [D(2025, 2, 3), D(2025, 3, 2), D(2025, 2, 10)]
    assert dates_in("31.02.2025") == []  # no such day


def test_not_dates() -> None:
    assert ranges_in("Room 10-14, building 2025") == []
    assert ranges_in("tel 0462 377 10 14 2025") == []


def test_the_activity_period_is_told_apart_from_the_letter_date() -> None:
    letter = facts(
        "Heidelberg, 2 December 2024\n"
        "Dear Dr. Öztürk,\n"
        "we are pleased to host you from 10 to 14 March 2025 for teaching.\n"
    )
    period = find_period(letter)
    assert period.activity is not None
    assert (period.activity.start, period.activity.end) == MARCH
    assert [s.date for s in period.singles] == [D(2024, 12, 2)]


def test_labelled_start_and_end() -> None:
    certificate = facts(
        "Date of issue: 20.03.2025\nFirst day of the activity 10.03.2025\n"
        "Last day of the activity 14.03.2025\n"
    )
    period = find_period(certificate)
    assert period.activity is not None
    assert (period.activity.start, period.activity.end) == MARCH


def test_a_range_over_two_lines() -> None:
    period = find_period(facts("The stay runs from 10 March 2025\nto 14 March 2025 inclusive."))
    assert period.activity is not None and (period.activity.start, period.activity.end) == MARCH


def test_the_expected_range_is_preferred_when_several_are_written() -> None:
    text = facts("Application period 1-28 February 2025.\nVisit: 10-14 March 2025.")
    assert find_period(text).activity.start == D(2025, 2, 1)  # type: ignore[union-attr]
    chosen = find_period(text, MARCH).activity
    assert chosen is not None and chosen.start == D(2025, 3, 10)


def test_month_names_cover_the_languages() -> None:
    names = month_names()
    expected = {"mart": 3, "subat": 2, "marz": 3, "mars": 3, "maggio": 5, "kwietnia": 4}
    expected |= {"agustos": 8, "sept": 9, "dec": 12, "eki": 10}
    for word, month in expected.items():
        assert names[word] == month, word
