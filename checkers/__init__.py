"""Pure checking library: a document and a mobility in, a report out.

Nothing here imports Flask or reads configuration; the service calls in, never the reverse.
"""

from __future__ import annotations

from collections.abc import Callable

from checkers.errors import CheckerError, EngineFailure, UnreadableDocument
from checkers.facts import DocumentFacts, OcrEngine, read_document
from checkers.mobility import MobilityLike
from checkers.report import Report

KINDS = (
    "acceptance_letter",
    "certificate_of_attendance",
    "boarding_pass",
    "passport_stamps",
    "entry_exit_record",
    "eu_survey",
)


def _checker(kind: str) -> Callable[[DocumentFacts, MobilityLike], Report] | None:
    if kind == "acceptance_letter":
        from checkers import acceptance_letter

        return acceptance_letter.check
    if kind == "certificate_of_attendance":
        from checkers import certificate_of_attendance

        return certificate_of_attendance.check
    return None


def available(kind: str) -> bool:
    return _checker(kind) is not None


def check(
    kind: str,
    data: bytes,
    mobility: MobilityLike,
    *,
    filename: str = "",
    ocr: OcrEngine | None = None,
) -> tuple[Report, DocumentFacts]:
    """Read ``data`` once and check it as ``kind`` against the mobility."""
    checker = _checker(kind)
    if checker is None:
        raise CheckerError(
            f"There is no checker for {kind!r} yet; the kinds are {', '.join(KINDS)}."
        )
    facts = read_document(data, filename, ocr=ocr)
    return checker(facts, mobility), facts


__all__ = [
    "KINDS",
    "CheckerError",
    "EngineFailure",
    "Report",
    "UnreadableDocument",
    "available",
    "check",
]
