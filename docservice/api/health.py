"""``GET /health``: is the service up, and can it compute grants."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint

from docservice import __version__
from docservice.api import services

bp = APIBlueprint("health", __name__, tag="Service")


@bp.get("/health")
@bp.doc(summary="Service health", security=[])
def health() -> dict[str, Any]:
    """Public: the service's version and what it has loaded."""
    engine = services().grants
    return {
        "status": "ok",
        "version": __version__,
        "rate_tables": len(engine.tables.rate_tables),
    }
