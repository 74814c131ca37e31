"""Findings as data: each check has a stable id, a status, a message, a hint and its evidence.

A report's verdict (interface §4): ``fail`` when any check failed for sure, else ``review`` when
any could not be decided with confidence, else ``pass``. Rendering to JSON, HTML or a picture is
done elsewhere from these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from checkers.phrases import Phrase, to_data


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the page's pixels at 150 dpi


@dataclass(frozen=True)
class Evidence:
    page: int | None = None  # 1-based
    box: Box | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.page is not None:
            out["page"] = self.page
        if self.box is not None:
            out["box"] = [round(v, 1) for v in self.box]
        if self.text is not None:
            out["text"] = self.text
        return out


@dataclass(frozen=True)
class Check:
    id: str
    status: Status
    message: str
    hint: str | None = None
    evidence: tuple[Evidence, ...] = ()
    # The document shows the participant came home early: not for the participant to fix, for
    # the office to decide (force majeure or not)
    early_return: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status.value, "message": self.message}
        if self.hint:
            out["hint"] = self.hint
        # the message and hint as their templates and values, for a reader of another language
        words = {
            key: to_data(value)
            for key, value in (("message", self.message), ("hint", self.hint))
            if isinstance(value, Phrase)
        }
        if words:
            out["words"] = words
        if self.early_return:
            out["early_return"] = True
        if self.evidence:
            first, *more = self.evidence
            out["evidence"] = first.to_dict()
            if more:
                out["more_evidence"] = [e.to_dict() for e in more]
        else:
            out["evidence"] = {}
        return out


def for_the_office(checks: list[dict[str, Any]]) -> bool:
    """A report (as JSON) that fails only because the participant came home early: the office
    decides, the participant has nothing to fix."""
    failed = [c for c in checks if c.get("status") == Status.FAIL.value]
    return bool(failed) and all(c.get("early_return") for c in failed)


def verdict(checks: list[Check]) -> Status:
    statuses = {c.status for c in checks}
    if Status.FAIL in statuses:
        return Status.FAIL
    if Status.REVIEW in statuses or not checks:
        return Status.REVIEW
    return Status.PASS


@dataclass
class Report:
    kind: str
    checks: list[Check] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    pages: int = 0
    sources: tuple[str, ...] = ()  # "text" for a PDF's text layer, "ocr" for read pixels

    @property
    def verdict(self) -> Status:
        return verdict(self.checks)

    def add(self, check: Check) -> Check:
        self.checks.append(check)
        return check

    def extend(self, checks: list[Check]) -> None:
        self.checks.extend(checks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "verdict": self.verdict.value,
            "checks": [c.to_dict() for c in self.checks],
            "fields": self.fields,
            "document": {"pages": self.pages, "read_from": list(self.sources)},
        }
