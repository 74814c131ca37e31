from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from docservice.errors import ConfigurationError
from docservice.grants.policy import Policy


def test_defaults_follow_the_seeds() -> None:
    policy = Policy()
    assert policy.prefinancing_share == Decimal("0.80")
    assert (policy.staff_min_days, policy.student_min_days) == (5, 60)
    assert policy.staff_max_funded_days is None and policy.student_max_months is None


def test_from_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("prefinancing_share = 0.7\nstaff_max_funded_days = 7\n", encoding="utf-8")
    policy = Policy.from_file(path)
    assert (policy.prefinancing_share, policy.staff_max_funded_days) == (Decimal("0.7"), 7)
    assert policy.to_dict()["prefinancing_share"] == 0.7


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"prefinancing_share": 1.5}, "from 0 to 1"),
        ({"prefinancing_share": "abc"}, "from 0 to 1"),
        ({"prefinancing_share": True}, "from 0 to 1"),
        ({"staff_min_days": -1}, "cannot be negative"),
        ({"staff_min_days": 2.5}, "whole number"),
        ({"student_max_months": "five"}, "whole number"),
        ({"bonus": 1}, "unknown setting"),
    ],
)
def test_bad_settings_are_clear_errors(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Policy.from_mapping(values)


@pytest.mark.parametrize(
    ("text", "message"), [("share = [", "not valid TOML"), (None, "Cannot read")]
)
def test_bad_files_are_clear_errors(tmp_path: Path, text: str | None, message: str) -> None:
    path = tmp_path / "policy.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        Policy.from_file(path)
