"""The same storage tests against the embedded SQLite and a real PostgreSQL server.

PostgreSQL is reached at DOCSERVICE_TEST_POSTGRES_URL (default: the local server of the machines
this project is built on, 127.0.0.1:5432, database test). Each run works in a schema of its own
and drops it. Where no server answers, the PostgreSQL cases are skipped and say why; with
CI=true they fail instead, since CI's machine has the server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

POSTGRES = os.environ.get(
    "DOCSERVICE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)


def _postgres_schema() -> Iterator[str]:
    schema = f"ds_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        reason = f"no PostgreSQL server at {POSTGRES}: {str(exc).splitlines()[0]}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        separator = "&" if "?" in POSTGRES else "?"
        yield f"{POSTGRES}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'docservice.sqlite3'}"
    else:
        yield from _postgres_schema()
