"""One small hierarchy for failures of input or of the system (never for findings about a document).

Each error carries a stable ``code``, a message that says what is wrong, and, where the remedy is
not plain from the message, a ``hint`` that says what to do. Errors know nothing of HTTP or of
exit statuses: the API maps them to a status (``docservice.api.errors``) and the command line to
an exit status (``docservice.cli.common``), each once, at its edge.
"""

from __future__ import annotations

from typing import Any

# The messages people read, kept as their template and values so that each reader gets them in
# their own language; the checkers' findings are made of them too.
from checkers.phrases import N_, Country, Day, Joined, Number, Phrase, from_data, say, to_data

__all__ = ["N_", "Country", "Day", "Joined", "Number", "Phrase", "from_data", "say", "to_data"]


class DocserviceError(Exception):
    code = "error"

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        details: list[dict[str, Any]] | None = None,
        headline: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []
        # A short first line for people, when ``details`` lists the rest (the command line).
        self.headline = headline or message

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.hint:
            error["hint"] = self.hint
        if self.details:
            error["details"] = self.details
        return {"error": error}


class InputError(DocserviceError):
    """The caller's input cannot be used as it is."""

    code = "invalid_input"


class MalformedRequest(InputError):
    """The request itself cannot be read as the API describes it: a body that is not JSON, a
    form field or a query value missing, of the wrong form or out of its range (HTTP 400). An
    input that can be read but not used (a file that is no document, a record whose rules do
    not hold) is an ``InputError`` of another kind (HTTP 422)."""

    code = "bad_request"

    def __init__(self, message: str, *, code: str = "bad_request", hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code = code


class UnreadableInput(InputError):
    """A file or body that is not what it should be (missing, not JSON, not a PDF...)."""

    code = "unreadable_input"


class InvalidRecord(InputError):
    """A mobility record with missing or wrong keys; ``details`` names each key."""

    code = "invalid_record"


class GrantError(InputError):
    """A valid record whose grant cannot be computed by the rules on file."""

    code = "grant_not_computable"


class UnknownPlace(GrantError):
    code = "unknown_city"


class NoRateTable(GrantError):
    code = "no_rate_table"


class UnknownRuleSet(InputError):
    """A selection rule set that is neither a shipped one nor a readable file (a usage error)."""

    code = "unknown_rule_set"


class ConfigurationError(DocserviceError):
    """The service's own configuration or data files are wrong: an administrator must act."""

    code = "configuration_error"


class UnknownTemplate(InputError):
    code = "unknown_template"


class TemplateError(ConfigurationError):
    """A template an office edited cannot be rendered: a Jinja mistake or an unknown variable."""

    code = "template_error"


class ConversionError(DocserviceError):
    """LibreOffice could not turn a DOCX into a PDF."""

    code = "pdf_conversion_failed"


class SigningError(ConfigurationError):
    code = "signing_error"


class NotFound(InputError):
    """What the caller asked for does not exist (an unknown code, job or template)."""

    code = "not_found"

    def __init__(self, message: str, *, code: str = "not_found", hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code = code


class Conflict(InputError):
    """The request contradicts what is stored (a reference already used, a stale decision)."""

    code = "conflict"


class AccessError(DocserviceError):
    """The caller is not who may do this: not signed in, not allowed, or locked out for now."""


class Forbidden(AccessError):
    """The caller is known but may not do this."""

    code = "forbidden"


class Unauthorized(AccessError):
    """No valid token came with the request."""

    code = "unauthorized"


class TooManyAttempts(AccessError):
    """Wrong passwords too often: signing in waits a while."""

    code = "too_many_attempts"


class NotReady(InputError):
    code = "not_ready"


class EngineUnavailable(DocserviceError):
    """OCR or PDF rendering failed: the administrator must look at the engine."""

    code = "engine_failure"


class TooLarge(InputError):
    """An input past one of the service's limits (size, pages, pixels, memory, depth); the
    message names the limit and what to send instead."""

    code = "too_large"


class CheckTimedOut(InputError):
    """A check that did not finish within the time one check may take."""

    code = "check_timeout"


class CheckCrashed(DocserviceError):
    """A check that failed in a way that is our fault: logged, never a silent pass."""

    code = "check_failed"
