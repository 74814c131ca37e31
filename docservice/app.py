"""The application factory's body: configuration, engines, blueprints, error handling, API docs."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import flask_swagger_ui
from apiflask import APIFlask, HTTPError
from flask import Blueprint, Request, Response, jsonify, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import HTTPException

from checkers.facts import MAX_FILE_BYTES
from docservice import __version__, safejson
from docservice.access.auth import install as install_auth
from docservice.api.errors import http_status
from docservice.api.spec import ERROR_SCHEMA, complete_spec
from docservice.api.spec_links import API_PREFIX
from docservice.catalogue import localized
from docservice.errors import ConfigurationError, DocserviceError, MalformedRequest, UnreadableInput
from docservice.formatting import LANGS
from docservice.mobility import Mobility, invalid_record, record_problem
from docservice.services import Services
from docservice.settings import Settings
from docservice.web import install as install_web
from docservice.web.i18n import localized_words
from docservice.web.labels import install as install_labels

log = logging.getLogger("docservice")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_error",
}


# Werkzeug's words for a status, as a person would rather read them
_PLAIN = {
    "Not Found": "There is nothing at this address: check it against the API's operations "
    "(/api/v1/docs); a mobility's id is 16 letters and digits.",
    "Method Not Allowed": "This address does not take this method; the API's operations are "
    "listed at /api/v1/docs.",
}

MAX_REQUEST_BYTES = MAX_FILE_BYTES + 2 * 2**20  # one document and its form fields


class BoundedJSON(DefaultJSONProvider):
    """Request bodies parsed within bounds (``safejson``: size, depth, no NaN or Infinity)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return safejson.loads(s, what="The request body", expect="one JSON object")
        except UnreadableInput as error:  # the request itself: 400, not a document's 422
            raise MalformedRequest(error.message, code=error.code) from None


class JSONRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        raise MalformedRequest(
            "The request body is not valid JSON"
            + (f" ({e})" if e else "")
            + "; send one JSON object with Content-Type: application/json.",
            code="unreadable_input",
        )


def _docs_assets() -> Blueprint:
    """Swagger UI's files, served by the app itself so the docs page works offline."""
    dist = Path(flask_swagger_ui.__file__).parent / "dist"
    return Blueprint(
        "docs_assets",
        __name__,
        static_folder=str(dist),
        static_url_path=f"{API_PREFIX}/docs/assets",
    )


def build_app(
    config: Mapping[str, Any] | None = None, services: Services | None = None
) -> APIFlask:
    """The application around ``services`` (built from the settings when not given): routes,
    pages, error handlers and API docs. It starts no thread, writes no file and migrates
    nothing: ``docservice setup`` prepares the data folder, ``serve`` starts the work."""
    settings = services.settings if services is not None else Settings.load(config)
    app = APIFlask(
        "docservice",
        title="docservice API",
        version=__version__,
        spec_path=f"{API_PREFIX}/openapi.json",
        docs_path=f"{API_PREFIX}/docs",
        docs_ui="swagger-ui",
    )
    app.request_class = JSONRequest
    assets = f"{API_PREFIX}/docs/assets"
    app.config.update(
        DESCRIPTION=(
            "Erasmus+ mobility grants, generated documents and automatic checks of uploaded "
            'evidence. Errors are JSON objects `{"error": {"code", "message"}}`.'
        ),
        HTTP_ERROR_SCHEMA=ERROR_SCHEMA,
        VALIDATION_ERROR_SCHEMA=ERROR_SCHEMA,
        SWAGGER_UI_CSS=f"{assets}/swagger-ui.css",
        SWAGGER_UI_BUNDLE_JS=f"{assets}/swagger-ui-bundle.js",
        SWAGGER_UI_STANDALONE_PRESET_JS=f"{assets}/swagger-ui-standalone-preset.js",
        DOCS_FAVICON=f"{assets}/favicon-32x32.png",
        SWAGGER_UI_CONFIG={"tryItOutEnabled": True},
        JSON_SORT_KEYS=False,
    )
    # a body past this is refused as it arrives (413), never spooled to disk whole
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.json = BoundedJSON(app)
    app.json.sort_keys = False
    app.json.ensure_ascii = False  # Şükrü, not \u015e\u00fckr\u00fc
    logging.basicConfig(level=settings.log_level)
    if services is None:
        services = Services.build(settings)
    app.extensions["docservice"] = services  # reached through docservice.api.services()
    flow = services.flow
    install_auth(app, flow.tokens)

    from docservice.api import (
        admin,
        calls,
        checks,
        grants,
        health,
        mobilities,
        payments,
        projects,
        verify,
    )
    from docservice.api import documents as documents_api

    app.register_blueprint(_docs_assets())
    app.register_blueprint(health.bp)
    app.register_blueprint(grants.bp, url_prefix=f"{API_PREFIX}/grants")
    app.register_blueprint(documents_api.bp, url_prefix=f"{API_PREFIX}/documents")
    app.register_blueprint(checks.bp, url_prefix=f"{API_PREFIX}/checks")
    app.register_blueprint(mobilities.bp, url_prefix=f"{API_PREFIX}/mobilities")
    app.register_blueprint(payments.bp, url_prefix=API_PREFIX)
    app.register_blueprint(admin.bp, url_prefix=API_PREFIX)
    app.register_blueprint(calls.bp, url_prefix=API_PREFIX)
    app.register_blueprint(projects.bp, url_prefix=API_PREFIX)
    app.register_blueprint(verify.bp)
    _limit_verify(app, settings, verify.bp)
    install_web(app, settings)
    install_labels(app.jinja_env.globals)
    app.spec_processor(complete_spec)
    _register_errors(app)
    return app


def _limit_verify(app: APIFlask, settings: Settings, verify: Blueprint) -> None:
    """The public ``/verify`` pages answer each client address a bounded number of times
    (Flask-Limiter; the counts kept in the queue's Redis when there is one, so every process
    of the service shares them, else in this process)."""
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address
    from limits import parse_many

    try:
        parse_many(settings.verify_rate_limit)
    except ValueError:
        raise ConfigurationError(
            f"DOCSERVICE_VERIFY_RATE_LIMIT must be a rate such as '60 per minute', not "
            f"{settings.verify_rate_limit!r}."
        ) from None
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=settings.queue_url or "memory://",
        strategy="moving-window",
    )
    limiter.limit(
        settings.verify_rate_limit,
        error_message=f"Too many requests from this address (at most {settings.verify_rate_limit} "
        "on the verify pages); wait a minute and try again.",
    )(verify)


def _register_errors(app: APIFlask) -> None:
    @app.errorhandler(413)
    def too_large(error: HTTPException) -> Any:
        message = (
            f"The request is larger than {MAX_REQUEST_BYTES // 2**20} MB; a document may be at "
            f"most {MAX_FILE_BYTES // 2**20} MB: send a smaller scan (300 dpi, only this "
            "document's pages)."
        )
        return jsonify({"error": {"code": "too_large", "message": message}}), 413

    @app.errorhandler(429)
    def too_many(error: HTTPException) -> Any:
        message = error.description or "Too many requests; wait a minute and try again."
        return jsonify({"error": {"code": "too_many_requests", "message": message}}), 429

    @app.error_processor
    def http_error(error: HTTPError) -> tuple[dict[str, Any], int, Any]:
        body_errors = error.detail.get("json") if isinstance(error.detail, dict) else None
        if error.status_code == 422 and isinstance(body_errors, dict):
            # A request body that the view's model rejected: word it as the command line does.
            problems = [
                record_problem("" if key == "_schema" else key, message)
                for key, messages in body_errors.items()
                for message in messages
            ]
            view = app.view_functions.get(request.endpoint or "")
            schema = getattr(view, "_spec", {}).get("body")
            subject = "The mobility record" if schema is Mobility else "The request"
            return invalid_record(problems, subject).to_dict(), 422, error.headers
        code = _STATUS_CODES.get(error.status_code, "error")
        message = _PLAIN.get(error.message or "", error.message)
        body: dict[str, Any] = {"code": code, "message": message}
        if error.detail:
            body["details"] = error.detail
        return {"error": body}, error.status_code, error.headers

    @app.errorhandler(DocserviceError)
    def docservice_error(error: DocserviceError) -> Any:
        status = http_status(error)
        if status >= 500:
            log.error("%s: %s", error.code, error.message)
        body = error.to_dict()
        lang = request.args.get("lang")
        if lang in LANGS:  # the API answers in the language asked for, where it can
            for key in ("message", "hint"):
                said = getattr(error, key)
                if said:
                    body["error"][key] = str(localized(said, lang))
        if status == 401:
            challenge = {"WWW-Authenticate": 'Bearer realm="docservice"'}
            return jsonify(body), 401, challenge
        return jsonify(body), status

    @app.after_request
    def in_language(response: Response) -> Response:
        """An API answer with reports says their checks in ``?lang=`` (tr or en)."""
        lang = request.args.get("lang")
        if lang in LANGS and request.path.startswith("/api/") and response.is_json:
            data = response.get_json(silent=True)
            if data is not None:
                response.set_data(json.dumps(localized_words(data, lang), ensure_ascii=False))
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Any:
        if isinstance(error, HTTPException):
            return error
        incident = uuid.uuid4().hex[:12]
        log.exception("unexpected error, incident %s", incident)
        body = {
            "error": {
                "code": "internal_error",
                "message": (
                    "The service failed unexpectedly; nothing was changed. Try again, and if it "
                    f"happens again give the administrator incident {incident}."
                ),
            }
        }
        return jsonify(body), 500
