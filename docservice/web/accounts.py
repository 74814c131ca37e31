"""The office's users in the pages: an administrator adds, disables and enables users and sends
a password link; anyone with an account who forgot their password asks for a link by username
or e-mail address. A link works once and for a short while (a new user's for a day); it goes
by e-mail, or, without a mail server, is shown once to the administrator who made it. The
forgot-password page answers the same whether the account exists or not."""

from __future__ import annotations

import functools
import secrets
from typing import Any, TypeVar

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from docservice.access.users import User, UserStore
from docservice.api import services
from docservice.errors import DocserviceError, InputError
from docservice.formatting import Lang
from docservice.messaging import texts
from docservice.web.i18n import current_language
from docservice.web.office import flash_error, signed_in

bp = Blueprint("office_users", __name__)
F = TypeVar("F")
NEW_USER_HOURS = 24.0


def _users() -> UserStore:
    users: UserStore = services().users
    return users


def admin_only(view: F) -> F:
    @functools.wraps(view)  # type: ignore[arg-type]
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not g.user.is_admin:
            abort(403)
        return view(*args, **kwargs)  # type: ignore[operator]

    return wrapper  # type: ignore[return-value]


def _send_link(user: User, token: str, *, new: bool, by: str) -> str | None:
    """E-mail the user's link to set a password; the link itself when it cannot be e-mailed
    (no address, or no mail server), for the administrator to pass on."""
    settings = services().settings
    link = f"{settings.public_url}/office/password/{token}"
    mailer = services().flow.mailer
    if not user.email or not mailer.configured:
        return link
    lang: Lang = "en" if current_language() == "en" else "tr"
    mailer.send(
        kind="password",
        to=user.email,
        subject=texts.subject("password", lang),
        body=texts.body("password", lang, name=user.name, link=link, new=new),
        lang=lang,
        by=by,
    )
    return None


@bp.route("/users/", methods=["GET", "POST"])
@signed_in
@admin_only
def listing() -> Any:
    shown_link = None
    if request.method == "POST":
        try:
            made = _users().create(
                request.form.get("username", ""),
                request.form.get("name", ""),
                secrets.token_urlsafe(24),  # never used: the user sets their own
                actor=g.user.label,
                is_admin=request.form.get("admin") == "on",
                email=request.form.get("email"),
            )
            started = _users().start_reset(made.username, actor=g.user.label, hours=NEW_USER_HOURS)
            assert started is not None
            shown_link = _send_link(made, started[1], new=True, by=g.user.label)
            flash(
                _("%(name)s is added.", name=made.name)
                + " "
                + (
                    _("Pass on the link below: it sets their password, once, within a day.")
                    if shown_link
                    else _(
                        "A link to set their password is on its way to %(address)s.",
                        address=made.email,
                    )
                ),
                "info",
            )
        except DocserviceError as error:
            flash_error(error)
    return render_template("users.html", users=_users().listing(), shown_link=shown_link)


@bp.post("/users/<username>/<action>")
@signed_in
@admin_only
def change(username: str, action: str) -> Any:
    users = _users()
    shown_link = None
    try:
        if action in ("disable", "enable"):
            if username == g.user.username:
                raise InputError(_("You cannot disable yourself."))
            users.set_disabled(username, action == "disable", actor=g.user.label)
            flash(_("Done."), "info")
        elif action == "password":
            started = users.start_reset(username, actor=g.user.label)
            if started is None:
                abort(404)
            shown_link = _send_link(started[0], started[1], new=False, by=g.user.label)
            if not shown_link:
                flash(
                    _(
                        "A link to set a new password is on its way to %(address)s.",
                        address=started[0].email,
                    ),
                    "info",
                )
        else:
            abort(404)
    except DocserviceError as error:
        flash_error(error)
    if shown_link:
        return render_template("users.html", users=users.listing(), shown_link=shown_link)
    return redirect(url_for("office_users.listing"))


@bp.route("/password/", methods=["GET", "POST"])
def forgot() -> Any:
    """Anyone asks for a link; the answer is the same whether the account exists or not."""
    if request.method == "POST":
        who = request.form.get("who", "")[:320]
        started = _users().start_reset(who, actor="anonymous") if who.strip() else None
        if started is not None and started[0].email:
            _send_link(started[0], started[1], new=False, by="anonymous")
        flash(
            _(
                "If an account has this username or address and an e-mail address, a link to "
                "set a new password is on its way to it. It works for two hours."
            ),
            "info",
        )
        return redirect(url_for("office.login"))
    return render_template("password_forgot.html")


@bp.route("/password/<token>", methods=["GET", "POST"])
def reset(token: str) -> Any:
    users = _users()
    user = users.reset_user(token)
    if user is None:
        return render_template("password_reset.html", user=None), 404
    if request.method == "POST":
        first, second = request.form.get("password", ""), request.form.get("again", "")
        if first != second:
            flash(_("The two passwords differ; type the same one twice."), "error")
        else:
            try:
                users.finish_reset(token, first)
            except DocserviceError as error:
                flash_error(error)
            else:
                flash(_("Your password is set: sign in with it."), "info")
                return redirect(url_for("office.login"))
    return render_template("password_reset.html", user=user)
