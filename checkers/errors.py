"""Failures of the system or of the input, never findings about a document.

A missing stamp is a finding (a check that fails). A file that is not a PDF or an image, a PDF
that cannot be opened, or an OCR engine that crashed is one of these exceptions: the caller
reports it as an error, it never turns into an empty "pass".
"""

from __future__ import annotations


class CheckerError(Exception):
    code = "checker_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnreadableDocument(CheckerError):
    """The file cannot be read as a document: say what it is and what to send instead."""

    code = "unreadable_document"


class EngineFailure(CheckerError):
    """An engine (tesseract, the PDF renderer) failed or is missing: an administrator acts."""

    code = "engine_failure"


class OverLimit(UnreadableDocument):
    """The file is past one of the limits that keep a check's memory and time bounded (its
    size, pages, page size, pixels): say which, and what to send instead."""

    code = "over_limit"

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit
