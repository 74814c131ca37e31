"""Shared test data: the contract's example record and a nested merge."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXAMPLE = json.loads((SAMPLES / "mobility" / "staff-teaching-ka131-heidelberg.json").read_text())


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def prepared_app(config: dict[str, Any] | None = None) -> Any:
    """The app as ``docservice serve`` makes it, its background work not started: the data
    folder prepared (``docservice setup``), then the app built around the services."""
    from docservice import create_app
    from docservice.services import Services, prepare
    from docservice.settings import Settings

    settings = Settings.load(config)
    prepare(settings)
    return create_app(services=Services.build(settings))


def close_app(app: Any) -> None:
    app.extensions["docservice"].close()


def signed_in(app: Any, role: str = "office", **token: Any) -> Any:
    """A test client that sends a new token of ``role`` with every request."""
    secret, _row = app.extensions["docservice"].flow.tokens.create(role, f"test-{role}", **token)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client
