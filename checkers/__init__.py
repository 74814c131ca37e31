"""Pure checking library: a document and a mobility in, a report out.

Nothing here imports Flask or reads configuration; the service calls in, never the reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from checkers.errors import CheckerError, EngineFailure, OverLimit, UnreadableDocument
from checkers.facts import DocumentFacts, OcrEngine, Tesseract, read_document
from checkers.mobility import MobilityLike
from checkers.report import Report, Status
from checkers.travel import Place, TravelRule


class Kind(StrEnum):
    """The kinds of document a checker reads, defined here once: the service's checklist,
    routes, reconciliation and command line take them from here."""

    ACCEPTANCE_LETTER = "acceptance_letter"
    CERTIFICATE_OF_ATTENDANCE = "certificate_of_attendance"
    BOARDING_PASS = "boarding_pass"
    PASSPORT_STAMPS = "passport_stamps"
    ENTRY_EXIT_RECORD = "entry_exit_record"
    EU_SURVEY = "eu_survey"


KINDS: tuple[str, ...] = tuple(Kind)


READ_OWN_WAY = frozenset({"passport_stamps"})
Checker = Callable[[DocumentFacts, MobilityLike, TravelRule], Report]


def _checker(kind: str) -> Checker | None:
    if kind == "acceptance_letter":
        from checkers import acceptance_letter

        return lambda facts, m, _: acceptance_letter.check(facts, m)
    if kind == "certificate_of_attendance":
        from checkers import certificate_of_attendance

        return lambda facts, m, _: certificate_of_attendance.check(facts, m)
    if kind == "boarding_pass":
        from checkers import boarding_pass

        return boarding_pass.check
    if kind == "entry_exit_record":
        from checkers import entry_exit_record

        return entry_exit_record.check
    if kind == "passport_stamps":
        from checkers import passport_stamps

        return passport_stamps.check
    if kind == "eu_survey":
        from checkers import eu_survey

        return eu_survey.check
    return None


def check(
    kind: str,
    data: bytes,
    mobility: MobilityLike,
    *,
    filename: str = "",
    ocr: OcrEngine | None = None,
    second_ocr: OcrEngine | None = None,
    travel: TravelRule | None = None,
) -> tuple[Report, DocumentFacts]:
    """Read ``data`` once and check it as ``kind`` against the mobility. A scan that fails only
    on what OCR read is read a second time (``second_ocr``, by default tesseract taking the page
    as one block of text) and the better report is kept. ``travel`` says where and when the
    journey goes, for the kinds that prove it."""
    checker = _checker(kind)
    if checker is None:
        raise CheckerError(
            f"There is no checker for {kind!r} yet; the kinds are {', '.join(KINDS)}."
        )
    rule = travel or TravelRule()
    # stamps and identity zones are read by their own readers, not as a page of text
    facts = read_document(data, filename, ocr=ocr, read_text=kind not in READ_OWN_WAY)
    report = checker(facts, mobility, rule)
    if second_ocr is None and ocr is None:
        second_ocr = Tesseract(psm=6)
    if second_ocr is not None and _worth_a_second_look(report, facts):
        # OCR may lose a line a second reading, laid out as one block of text, finds. Only what
        # was read changes: a document that does not say the thing still fails.
        second = read_document(data, filename, ocr=second_ocr)
        again = checker(second, mobility, rule)
        if _rank(again) > _rank(report):
            return again, second
    return report, facts


READ_FROM_TEXT = frozenset(
    {
        "readable",
        "document_type",
        "participant_name",
        "erasmus_mention",
        "activity_dates",
        "teaching_hours",
    }
)


# Kinds whose every check rests on the words read (no stamps or signatures to find)
READ_ONLY_FROM_TEXT = frozenset({"entry_exit_record", "eu_survey"})


def _worth_a_second_look(report: Report, facts: DocumentFacts) -> bool:
    """A scan or photo whose marks are all there, failing only on what OCR read."""
    if "ocr" not in facts.sources:
        return False
    not_passed = {c.id for c in report.checks if c.status is not Status.PASS}
    if report.kind in READ_ONLY_FROM_TEXT:
        return bool(not_passed)
    return bool(not_passed) and not_passed <= READ_FROM_TEXT


def _rank(report: Report) -> tuple[int, int]:
    order = {Status.FAIL: 0, Status.REVIEW: 1, Status.PASS: 2}
    passed = sum(1 for c in report.checks if c.status is Status.PASS)
    return order[report.verdict], passed


__all__ = [
    "KINDS",
    "CheckerError",
    "EngineFailure",
    "OverLimit",
    "Place",
    "Report",
    "TravelRule",
    "UnreadableDocument",
    "check",
]
