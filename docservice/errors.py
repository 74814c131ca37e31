"""One small hierarchy for failures of input or of the system (never for findings about a document).

Each error carries a stable ``code``, a message that says what is wrong and what to do, the HTTP
status the API answers with, and the exit status the command line ends with (interface §2: 2 for
a usage error, 3 for an input that cannot be read).
"""

from __future__ import annotations

from typing import Any


class DocserviceError(Exception):
    code = "error"
    http_status = 500
    exit_status = 1

    def __init__(
        self,
        message: str,
        *,
        details: list[dict[str, Any]] | None = None,
        headline: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
        # A short first line for people, when ``details`` lists the rest (the command line).
        self.headline = headline or message

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return {"error": error}


class InputError(DocserviceError):
    """The caller's input cannot be used as it is."""

    code = "invalid_input"
    http_status = 400
    exit_status = 3


class UnreadableInput(InputError):
    """A file or body that is not what it should be (missing, not JSON, not a PDF...)."""

    code = "unreadable_input"


class InvalidRecord(InputError):
    """A mobility record with missing or wrong keys; ``details`` names each key."""

    code = "invalid_record"
    http_status = 422


class GrantError(InputError):
    """A valid record whose grant cannot be computed by the rules on file."""

    code = "grant_not_computable"
    http_status = 422


class UnknownPlace(GrantError):
    code = "unknown_city"


class NoRateTable(GrantError):
    code = "no_rate_table"


class ConfigurationError(DocserviceError):
    """The service's own configuration or data files are wrong: an administrator must act."""

    code = "configuration_error"
    http_status = 500
    exit_status = 2


class UnknownTemplate(InputError):
    code = "unknown_template"
    http_status = 404
    exit_status = 2


class TemplateError(ConfigurationError):
    """A template an office edited cannot be rendered: a Jinja mistake or an unknown variable."""

    code = "template_error"


class ConversionError(DocserviceError):
    """LibreOffice could not turn a DOCX into a PDF."""

    code = "pdf_conversion_failed"
    http_status = 503
    exit_status = 1


class SigningError(ConfigurationError):
    code = "signing_error"


class NotFound(InputError):
    """What the caller asked for does not exist (an unknown code, job or template)."""

    code = "not_found"
    http_status = 404

    def __init__(self, message: str, *, code: str = "not_found") -> None:
        super().__init__(message)
        self.code = code


class Conflict(InputError):
    """The request contradicts what is stored (a reference already used, a stale decision)."""

    code = "conflict"
    http_status = 409


class Forbidden(InputError):
    """The caller is known but may not do this."""

    code = "forbidden"
    http_status = 403


class Unauthorized(InputError):
    """No valid token came with the request."""

    code = "unauthorized"
    http_status = 401


class NotReady(InputError):
    code = "not_ready"
    http_status = 409


class EngineUnavailable(DocserviceError):
    """OCR or PDF rendering failed: the administrator must look at the engine."""

    code = "engine_failure"
    http_status = 503
    exit_status = 1


class TooLarge(InputError):
    """An input past one of the service's limits (size, pages, pixels, memory, depth); the
    message names the limit and what to send instead."""

    code = "too_large"
    http_status = 413


class CheckTimedOut(InputError):
    """A check that did not finish within the time one check may take."""

    code = "check_timeout"
    http_status = 422


class CheckCrashed(DocserviceError):
    """A check that failed in a way that is our fault: logged, never a silent pass."""

    code = "check_failed"
    http_status = 500
    exit_status = 1
