"""HTTP API blueprints, one module per resource (interface §5)."""

from __future__ import annotations

from flask import current_app

from docservice.grants.engine import GrantEngine


def grant_engine() -> GrantEngine:
    engine: GrantEngine = current_app.extensions["docservice.grants"]
    return engine
