"""Dossier tests run against SQLite with the embedded queue, and against PostgreSQL with Redis.

Redis is reached at DOCSERVICE_TEST_REDIS_URL (default: the local server of the machines this
project is built on, redis://127.0.0.1:6379/15). Where it does not answer, the Redis cases are
skipped and say why; with CI=true they fail instead.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.storage.conftest import _postgres_schema
from tests.support import close_app, prepared_app, signed_in

REDIS = os.environ.get("DOCSERVICE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        reason = f"no Redis server at {REDIS}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return REDIS


def make_app(data_dir: Path, **config: Any) -> Any:
    settings = {
        "DATA_DIR": str(data_dir),
        "PDF_ENGINE": "batch",
        "SIGN_PDF": False,
        "CHECK_LEASE": 5,
        "QUEUE_NAME": f"ds-test-{uuid.uuid4().hex[:8]}",
        **config,
    }
    return prepared_app(settings)


@pytest.fixture(scope="module", params=["sqlite", "postgresql+redis"])
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The service with two embedded worker threads: SQLite and the SQLite queue, or PostgreSQL
    and Redis."""
    data_dir = tmp_path_factory.mktemp("instance")
    if request.param == "sqlite":
        app = make_app(data_dir)
        app.extensions["docservice"].flow.tasks.start(2)
        yield app
        close_app(app)
        return
    redis_url = redis_or_skip()
    for url in _postgres_schema():
        app = make_app(data_dir, DATABASE_URL=url, QUEUE_URL=redis_url)
        app.extensions["docservice"].flow.tasks.start(2)
        yield app
        close_app(app)


def wait_checked(client: Any, mobility_id: str, timeout: float = 90) -> dict[str, Any]:
    """The dossier once no document is queued or being checked."""
    deadline = time.monotonic() + timeout
    while True:
        dossier = client.get(f"/api/v1/mobilities/{mobility_id}").json
        busy = [e["kind"] for e in dossier["checklist"] if e["status"] in ("queued", "checking")]
        if not busy:
            return dict(dossier)
        assert time.monotonic() < deadline, f"still checking after {timeout} s: {busy}"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def office(app: Any) -> Any:
    """A client with an office token, for the module's app."""
    return signed_in(app, "office")


@pytest.fixture(scope="module")
def portal(app: Any) -> Any:
    """A client with an integration (e-Belge portal) token."""
    return signed_in(app, "integration")
