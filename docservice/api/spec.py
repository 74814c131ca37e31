"""The OpenAPI document, completed where the routes cannot say it themselves: the multipart
bodies read from forms, the query parameters read from the address, the allowed values of path
parameters, the error answers every operation can give (with the error's schema), the pages that
answer in HTML as well as JSON, and the bearer tokens. ``schemathesis`` holds the service to it
(``tests/api/test_schema.py``)."""

from __future__ import annotations

from typing import Any

import checkers
from docservice.api.spec_links import API_PREFIX, LINKS, ref_to
from docservice.dossier import checklist, view
from docservice.formatting import LANGS
from docservice.generation.service import FORMATS
from docservice.generation.templates import TEMPLATE_NAMES
from docservice.projects.model import NUMBER

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "stable machine-readable code"},
                "message": {"type": "string", "description": "what is wrong"},
                "hint": {"type": "string", "description": "what to do about it"},
                "details": {
                    "type": "array",
                    "description": "one entry per wrong key of a record",
                    "items": {"type": "object"},
                },
            },
        }
    },
}


def _file_field(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "binary", "description": description}


def _listed(values: tuple[str, ...] | list[str]) -> str:
    """A comma-separated list of these values, as a pattern."""
    one = "|".join(values)
    return f"^({one})(,({one}))*$"


# Routes that read multipart forms directly; their request bodies for the OpenAPI document.
MULTIPART: dict[tuple[str, str], dict[str, Any]] = {
    (f"{API_PREFIX}/documents/batch", "post"): {
        "required": ["file"],
        "properties": {
            "file": _file_field("a .csv or .xlsx of mobility records, one per row"),
            "templates": {
                "type": "string",
                "pattern": _listed(TEMPLATE_NAMES),
                "example": "grant_agreement,mobility_agreement",
            },
            "formats": {"type": "string", "pattern": _listed(FORMATS), "example": "docx,pdf"},
            "lang": {"type": "string", "enum": list(LANGS)},
        },
    },
    (f"{API_PREFIX}/checks/{{kind}}", "post"): {
        "required": ["file", "mobility"],
        "properties": {
            "file": _file_field("the uploaded document: PDF (text or scanned), JPEG or PNG"),
            "mobility": {"$ref": "#/components/schemas/Mobility"},
        },
        "encoding": {"mobility": {"contentType": "application/json"}},
    },
    (f"{API_PREFIX}/mobilities/{{mobility_id}}/documents/{{kind}}", "put"): {
        "required": ["file"],
        "properties": {
            "file": _file_field("the document: PDF (text or scanned), JPEG or PNG"),
        },
    },
    (f"{API_PREFIX}/mobilities/import", "post"): {
        "required": ["file"],
        "properties": {"file": _file_field("a .csv or .xlsx of mobility records, one per row")},
    },
    (f"{API_PREFIX}/calls/{{call_id}}/applications", "post"): {
        "required": ["file"],
        "properties": {
            "file": _file_field("a .csv or .xlsx of applications, one a row"),
            "dry_run": {"type": "string", "enum": ["true", "false"]},
        },
    },
    (f"{API_PREFIX}/calls/{{call_id}}/applications/{{application_id}}/letter", "put"): {
        "required": ["file"],
        "properties": {"file": _file_field("the acceptance letter: PDF, JPEG or PNG")},
    },
    (f"{API_PREFIX}/calls/{{call_id}}/partners", "put"): {
        "required": ["file"],
        "properties": {
            "file": _file_field("a sheet with erasmus_code and/or institution, or one a line")
        },
    },
    (f"{API_PREFIX}/projects/{{number}}/beneficiary-module", "post"): {
        "required": ["template"],
        "properties": {
            "template": _file_field("the Module's mobility import file, as exported (XLSX, CSV)")
        },
    },
    (f"{API_PREFIX}/projects/{{number}}/beneficiary-module/feedback", "post"): {
        "required": ["file"],
        "properties": {"file": _file_field("the Module's import error log (XLSX or CSV)")},
    },
    (f"{API_PREFIX}/history", "post"): {
        "required": ["file"],
        "properties": {
            "file": _file_field(
                "a .csv or .xlsx: given_names, surname, call_year, action, outcome, host_country"
            )
        },
    },
    ("/verify", "post"): {  # the page's form: a file, or a code alone to look it up
        "properties": {
            "file": _file_field("the document to verify (PDF or DOCX)"),
            "code": {
                "type": "string",
                "description": "the code printed on it; alone, the code's page is shown "
                "(neither a file nor a code: 422)",
            },
        },
    },
    ("/verify/{code}", "post"): {
        "required": ["file"],
        "properties": {"file": _file_field("the document to check against the code")},
    },
}


# Multipart routes that also take JSON.
JSON_TOO: dict[tuple[str, str], dict[str, Any]] = {
    (f"{API_PREFIX}/calls/{{call_id}}/applications", "post"): {
        "type": "object",
        "required": ["applications"],
        "additionalProperties": False,
        "properties": {
            "applications": {
                "type": "array",
                "minItems": 1,
                "maxItems": 5000,
                "items": {"type": "object", "description": "the sheet's columns as keys"},
            },
            "dry_run": {"type": "boolean"},
        },
    },
}


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"in": "query", "name": name, "required": False, "description": description,
            "schema": schema or {"type": "string"}}  # fmt: skip


LANG = _query("lang", "the language of the answer's words", type="string", enum=list(LANGS))
# the public pages take any ?lang= and fall back to the browser's language for one they lack
PAGE_LANG = _query("lang", "tr or en; another is ignored (the browser's language is used)")
AS_JSON = _query("format", "json: the answer as JSON (also: Accept: application/json); "
                 "another value is ignored")  # fmt: skip
# Query parameters the routes read from the address themselves.
QUERY: dict[tuple[str, str], list[dict[str, Any]]] = {
    (f"{API_PREFIX}/audit", "get"): [
        _query("limit", "entries at most", type="integer", minimum=1, maximum=1000),
        _query("mobility_id", "only this dossier's entries"),
        _query("before", "only entries before this id", type="integer", minimum=0, maximum=2**53),
    ],
    (f"{API_PREFIX}/webhooks/deliveries", "get"): [
        _query("limit", "deliveries at most", type="integer", minimum=1, maximum=1000),
        _query("mobility_id", "only this dossier's deliveries"),
    ],
    (f"{API_PREFIX}/checks/{{kind}}", "post"): [
        _query(
            "annotate",
            "1: add the evidence drawn on the page as a PNG data URI",
            type="string",
            enum=["0", "1", "true", "false", "yes", "no"],
        ),
    ],
    (f"{API_PREFIX}/documents/{{template}}", "post"): [
        _query("format", "the file's format", type="string", enum=list(FORMATS)),
        LANG,
    ],
    (f"{API_PREFIX}/grants/calculate", "post"): [LANG],
    (f"{API_PREFIX}/calls/{{call_id}}/ranking", "get"): [
        _query(
            "format",
            "json, or the lists as a file",
            type="string",
            enum=["json", "xlsx", "csv", "pdf"],
        ),
        _query(
            "public",
            "1: the anonymised list (application numbers only)",
            type="string",
            enum=["0", "1"],
        ),
        LANG,
    ],
    (f"{API_PREFIX}/calls/{{call_id}}/ranking", "post"): [LANG],
    (f"{API_PREFIX}/projects/{{number}}/report", "get"): [
        _query(
            "year",
            "only the mobilities starting that year",
            type="integer",
            minimum=2000,
            maximum=2100,
        ),
        LANG,
    ],
    (f"{API_PREFIX}/projects/{{number}}/beneficiary-module", "get"): [
        _query("format", "the file's format", type="string", enum=["xlsx", "csv"]),
    ],
    (f"{API_PREFIX}/projects/{{number}}/beneficiary-module", "post"): [
        _query("format", "the file's format", type="string", enum=["xlsx", "csv"]),
    ],
    (f"{API_PREFIX}/mobilities", "get"): [
        _query("limit", "dossiers at most", type="integer", minimum=1, maximum=500),
        _query("offset", "dossiers to skip", type="integer", minimum=0, maximum=2**53),
        _query("state", "only dossiers in this state", type="string", enum=list(view.STATES)),
        _query("q", "a name or reference to look for (Turkish letters and case ignored)"),
    ],
    (f"{API_PREFIX}/mobilities/{{mobility_id}}/generated/{{template}}", "post"): [
        _query("format", "the file's format", type="string", enum=list(FORMATS)),
        LANG,
    ],
    ("/verify", "get"): [_query("code", "a verification code to look up"), PAGE_LANG],
    ("/verify/{code}", "get"): [PAGE_LANG, AS_JSON],
    ("/verify", "post"): [PAGE_LANG, AS_JSON],
    ("/verify/{code}", "post"): [PAGE_LANG, AS_JSON],
}

# The values a path parameter may take, by the path's start and the parameter's name.
PATH_VALUES: list[tuple[str, str, list[str]]] = [
    (f"{API_PREFIX}/checks/", "kind", list(checkers.KINDS)),
    (f"{API_PREFIX}/mobilities/", "kind", list(checklist.KINDS)),
    (f"{API_PREFIX}/documents/", "template", list(TEMPLATE_NAMES)),
    (f"{API_PREFIX}/mobilities/", "template", list(TEMPLATE_NAMES)),
    (f"{API_PREFIX}/mobilities/", "fmt", list(FORMATS)),
]


# Where the verify pages send a browser on: a code typed in the form to its page (302), a file
# posted with a code to that code's page (303), a code written another way to its usual form
# (301).
REDIRECTS = {
    ("/verify", "get"): {"302": "On to the page of the code asked for"},
    ("/verify", "post"): {"303": "On to the page of the code given with the file"},
    ("/verify/{code}", "get"): {"301": "On to the code written its usual way"},
}

# The pages that answer in HTML to a browser and in JSON when asked.
HTML_TOO = {("/verify", "get"), ("/verify", "post"), ("/verify/{code}", "get"),
            ("/verify/{code}", "post")}  # fmt: skip

ERRORS = {
    "400": "The request cannot be read: a body that is not JSON, a missing form field, a query "
    "value out of its range",
    "401": "No valid token",
    "403": "This token's role may not do this",
    "404": "No such resource (a mobility, code, job or kind)",
    "413": "Past a limit: the request's size, a file's pages, page size or pixels",
    "422": "The record or file cannot be used as it is (the error's details say why)",
    "429": "Too many requests from this address; wait a minute",
}


ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _error(status: str) -> dict[str, Any]:
    return {"description": ERRORS[status], "content": ERROR_CONTENT}


def complete_spec(spec: dict[Any, Any] | str) -> dict[Any, Any] | str:
    if not isinstance(spec, dict):
        return spec
    components = spec.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    components.setdefault("securitySchemes", {})["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "docservice token create --role office|integration NAME",
    }
    paths = spec.get("paths", {})
    paths.pop("/", None)  # the root only sends a browser on to a page
    for path, operations in paths.items():
        for method, operation in operations.items():
            if isinstance(operation, dict):
                _complete(path, method, operation)
    return spec


def _complete(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    wanted: set[str] = set()
    if path.startswith(API_PREFIX):
        operation["security"] = [{"bearer": []}]
        wanted |= {"401", "403"}
    if (path, method) in MULTIPART:
        schema = dict(MULTIPART[(path, method)])
        encoding = schema.pop("encoding", None)
        content: dict[str, Any] = {"schema": {"type": "object", **schema}}
        if encoding:
            content["encoding"] = encoding
        operation["requestBody"] = {"required": True, "content": {"multipart/form-data": content}}
        if (path, method) in JSON_TOO:
            operation["requestBody"]["content"]["application/json"] = {
                "schema": JSON_TOO[(path, method)]
            }
    if "requestBody" in operation:
        operation["requestBody"]["required"] = True  # every body this API reads is needed
        wanted |= {"400", "413", "422"}
    if (path, method) in QUERY:
        known = {p["name"] for p in operation.get("parameters", [])}
        operation.setdefault("parameters", []).extend(
            p for p in QUERY[(path, method)] if p["name"] not in known
        )
        wanted.add("400")
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path":
            wanted.add("404")
            if parameter["name"] in ("mobility_id", "call_id"):  # new_id(): 16 hex digits
                parameter["schema"] = {"type": "string", "pattern": "^[0-9a-f]{16}$"}
            if parameter["name"] == "number" and path.startswith(f"{API_PREFIX}/projects"):
                parameter["schema"] = {"type": "string", "pattern": NUMBER.pattern}
            if parameter["name"] == "payment_id":
                parameter["schema"] = {"type": "integer", "minimum": 0, "maximum": 2**53}
            if parameter["name"] == "application_id":  # the office's own, as the sheet allows
                parameter["schema"] = {
                    "type": "string",
                    "pattern": "^[0-9A-Za-z][0-9A-Za-z._-]{0,99}$",
                }
            for start, name, values in PATH_VALUES:
                if path.startswith(start) and parameter["name"] == name:
                    parameter["schema"] = {"type": "string", "enum": values}
    if path.startswith("/verify"):
        wanted |= {"404", "429"}  # an unknown code; too many requests from one address
    for status in sorted(wanted):
        responses.setdefault(status, _error(status))
    for status, answer in responses.items():  # a described error gets the error's schema
        if status[0] in "45" and isinstance(answer, dict):
            answer["content"] = dict(ERROR_CONTENT)
    for (at, verb, status), links in LINKS.items():
        if (at, verb) == (path, method) and status in responses:
            responses[status]["links"] = {
                name: {"operationRef": ref_to(target, target_method), "parameters": parameters}
                for name, (target, target_method, parameters) in links.items()
            }
    for status, description in REDIRECTS.get((path, method), {}).items():
        responses.setdefault(
            status,
            {
                "description": description,
                "headers": {
                    "Location": {"schema": {"type": "string"}, "description": "where to go"}
                },
            },
        )
    if (path, method) in HTML_TOO:
        responses.setdefault("200", {"description": "The page; as JSON with ?format=json"})
        for status, answer in responses.items():
            if status[0] in "24":
                content = answer.setdefault("content", {})
                content["text/html"] = {"schema": {"type": "string"}}
                content.setdefault("application/json", {"schema": {"type": "object"}})
