"""HTTP API blueprints, one module per resource (interface §5)."""

from __future__ import annotations

from flask import current_app

from docservice.documents import DocumentService
from docservice.grants.engine import GrantEngine


def grant_engine() -> GrantEngine:
    engine: GrantEngine = current_app.extensions["docservice.grants"]
    return engine


def document_service() -> DocumentService:
    service: DocumentService = current_app.extensions["docservice.documents"]
    return service
