"""The committed sample letters give the reports samples/letters/expected.json records."""

from __future__ import annotations

import json

import pytest

import checkers
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, SAMPLES, merge

EXPECTED = {
    name: value
    for name, value in json.loads((SAMPLES / "letters" / "expected.json").read_text()).items()
    if not name.startswith("_")
}


def test_every_committed_letter_has_an_expectation() -> None:
    files = {p.name for p in (SAMPLES / "letters").iterdir() if p.suffix in (".pdf", ".jpg")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_report(name: str) -> None:
    expected = EXPECTED[name]
    if name.endswith(".jpg") or "scan" in name:
        pytest.importorskip("cv2")
    data = (SAMPLES / "letters" / name).read_bytes()
    record = merge(EXAMPLE, {"receiving": expected.get("receiving", {})})
    report, _ = checkers.check(expected["kind"], data, parse_mobility(record), filename=name)
    assert report.verdict.value == expected["verdict"]
    assert sorted(c.id for c in report.checks if c.status.value != "pass") == expected["not_passed"]
