"""The one place an error becomes an HTTP status: the API's handlers and the pages' upload
answers look it up here, and the errors themselves know nothing of HTTP."""

from __future__ import annotations

from docservice import errors as e

# The first class along the error's own class hierarchy decides.
STATUS: dict[type[e.DocserviceError], int] = {
    e.TooManyAttempts: 429,
    e.Unauthorized: 401,
    e.Forbidden: 403,
    e.AccessError: 403,
    e.NotFound: 404,
    e.UnknownTemplate: 404,
    e.Conflict: 409,
    e.NotReady: 409,
    e.TooLarge: 413,
    e.InvalidRecord: 422,
    e.GrantError: 422,
    e.MalformedRequest: 400,
    e.InputError: 422,
    e.ConversionError: 503,
    e.EngineUnavailable: 503,
    e.ConfigurationError: 500,
    e.CheckCrashed: 500,
    e.DocserviceError: 500,
}


def http_status(error: e.DocserviceError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500
