"""HTTP API blueprints, one module per resource (interface §5)."""

from __future__ import annotations

from flask import current_app

from docservice.services import Services


def services() -> Services:
    """The running app's services (``create_app`` puts them in one place)."""
    found: Services = current_app.extensions["docservice"]
    return found
