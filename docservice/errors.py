"""One small hierarchy for failures of input or of the system (never for findings about a document).

Each error carries a stable ``code``, a message that says what is wrong, and, where the remedy is
not plain from the message, a ``hint`` that says what to do. Errors know nothing of HTTP or of
exit statuses: the API maps them to a status (``docservice.api.errors``) and the command line to
an exit status (``docservice.cli.common``), each once, at its edge.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class Phrase(str):
    """English text that a page or an answer can give in its reader's language.

    It is the English itself (the API, the logs and the command line use it as it is) and
    remembers how it was made: ``template``, a message the translators' catalogues hold, and
    the ``params`` put into it (a param may be a Phrase too). Made with :func:`say`, which
    ``./run messages`` extracts for translation.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Phrase:
        made = super().__new__(cls, template % params if params else template)
        made.template = template
        made.params = params
        return made


class Country(str):
    """A country a message names: its English name, and its ISO code for other languages."""

    code: str

    def __new__(cls, code: str) -> Country:
        from babel import Locale

        made = super().__new__(cls, str(Locale("en").territories.get(code, code)))
        made.code = code
        return made


def say(template: str, **params: Any) -> Phrase:
    """A message for people, with ``%(name)s`` places filled from ``params``."""
    return Phrase(template, **params)


def to_data(value: Any) -> Any:
    """A message as JSON can keep it (a job's record): its template and values, so a page can
    still say it in its reader's language."""
    if isinstance(value, Phrase):
        return {
            "phrase": value.template,
            "params": {k: to_data(v) for k, v in value.params.items()},
        }
    if isinstance(value, Country):
        return {"country": value.code}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def from_data(data: Any) -> Any:
    """The message :func:`to_data` kept."""
    if isinstance(data, dict):
        if "phrase" in data:
            params = {k: from_data(v) for k, v in (data.get("params") or {}).items()}
            try:
                return Phrase(str(data["phrase"]), **params)
            except (KeyError, ValueError, TypeError):
                return str(data["phrase"])
        if "country" in data:
            return Country(str(data["country"]))
        if "date" in data:
            return dt.date.fromisoformat(str(data["date"]))
    return data


def N_(template: str) -> str:
    """Marks a message where it is written, for ``./run messages`` to extract; :func:`say`
    fills it in later."""
    return template


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
