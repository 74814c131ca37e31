"""The error pages people see (the API answers JSON instead)."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError


def csrf_error(_error: CSRFError) -> tuple[str, int]:
    return render_template(
        "error.html",
        title=_("The form has expired"),
        message=_(
            "The page was open too long, or the form was sent from another site. Go back, "
            "reload the page and send the form again."
        ),
    ), 400


def not_found(_error: Exception) -> tuple[str, int]:
    return render_template(
        "error.html",
        title=_("Not found"),
        message=_(
            "This page does not exist, or the link is no longer valid (a participant's link "
            "ends when the office makes a new one). Ask the Erasmus+ office for a new link."
        ),
    ), 404
