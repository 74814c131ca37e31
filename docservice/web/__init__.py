"""Pages for people: the office's dashboard and mobility pages, the participant's upload page and
the public verify page, in Turkish and English.

Office staff sign in with a username and password (``docservice user create``); the session is a
signed cookie (HttpOnly, SameSite=Lax, Secure behind https). Every form that changes something
carries a CSRF token (Flask-WTF); the JSON API under ``/api/v1`` uses bearer tokens instead and is
exempt.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, Flask, redirect, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.wrappers import Response

from docservice.errors import Forbidden
from docservice.services import stored_session_key
from docservice.settings import Settings
from docservice.web import i18n
from docservice.web.errors import csrf_error


def install(app: Flask, settings: Settings) -> None:
    from docservice.web import (
        accounts,
        bulk,
        call_steps,
        calls,
        deadlines,
        office,
        outbox,
        participant,
        payments,
        projects,
        records,
        uploads,
    )

    app.secret_key = stored_session_key(settings)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_url.startswith("https://"),
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=10),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        MAX_FORM_MEMORY_SIZE=1024 * 1024,
    )
    i18n.install(app)
    csrf = CSRFProtect(app)
    for name, blueprint in app.blueprints.items():
        if name not in ("office", "participant"):
            csrf.exempt(blueprint)  # the API (bearer tokens) and the public verify page
    app.register_blueprint(office.bp, url_prefix="/office")
    app.register_blueprint(payments.bp, url_prefix="/office/payments")
    app.register_blueprint(records.bp, url_prefix="/office")
    app.register_blueprint(deadlines.bp, url_prefix="/office/deadlines")
    app.register_blueprint(uploads.bp, url_prefix="/office")
    app.register_blueprint(bulk.bp, url_prefix="/office/bulk")
    app.register_blueprint(outbox.bp, url_prefix="/office")
    app.register_blueprint(accounts.bp, url_prefix="/office")
    app.register_blueprint(calls.bp, url_prefix="/office/calls")
    app.register_blueprint(call_steps.bp, url_prefix="/office/calls")
    app.register_blueprint(projects.bp, url_prefix="/office/projects")
    app.register_blueprint(participant.bp, url_prefix="/p")
    app.add_url_rule("/", "root", _root)
    app.register_error_handler(CSRFError, csrf_error)
    app.before_request(partial(_same_origin, settings.public_url))
    app.after_request(_page_headers)
    app.register_blueprint(
        Blueprint("assets", __name__, static_folder=str(Path(__file__).parent / "static")),
        url_prefix="/assets",
    )


# The pages load scripts from this site only (no inline script), are never framed by another
# site, and a participant's page (its address holds their token) sends no Referer anywhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
PAGES = ("/office", "/p/", "/verify", "/assets/")


def _page_headers(response: Response) -> Response:
    path = request.path
    if path == "/" or path.startswith(PAGES):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        referrer = "no-referrer" if path.startswith("/p/") else "same-origin"
        response.headers.setdefault("Referrer-Policy", referrer)
    return response


FORMS = ("/office", "/p/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _same_origin(public_url: str) -> None:
    """A form of the office's or a participant's pages is accepted only from those pages: a
    browser says where a form was sent from (``Origin``, else ``Referer``), and a form sent
    from another site is refused even with a valid token. A client that says neither (not a
    browser) still needs the token."""
    if request.method in SAFE_METHODS or not request.path.startswith(FORMS):
        return
    sent_from = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent_from:
        return
    allowed = {_origin(request.host_url), _origin(public_url)}
    if _origin(sent_from) not in allowed:
        raise Forbidden(
            f"This form was sent from another site ({_origin(sent_from)}); open the page at "
            f"{_origin(public_url)} and send the form from there."
        )


def _root() -> Response:
    return redirect(url_for("office.home"))
