from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from docservice.generation.pdf import BatchConverter
from docservice.generation.service import DocumentService
from docservice.grants.engine import GrantEngine
from docservice.grants.tables import load_tables
from docservice.services import document_service, open_database, prepare
from docservice.settings import Settings
from tests.support import EXAMPLE, merge


@pytest.fixture
def record() -> Callable[..., dict[str, Any]]:
    """The contract's example record with nested changes, e.g. ``record(receiving={...})``."""

    def make(**changes: Any) -> dict[str, Any]:
        return merge(EXAMPLE, changes)

    return make


@pytest.fixture(scope="session")
def engine() -> GrantEngine:
    return GrantEngine(tables=load_tables())


ENGINES: list[Engine] = []


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    """Close every database connection a test opened (PostgreSQL's would outlive it)."""
    yield
    while ENGINES:
        ENGINES.pop().dispose()


def make_service(
    data_dir: Path,
    engine: GrantEngine,
    converter: BatchConverter | None = None,
    **settings: object,
) -> DocumentService:
    s = Settings.load({"DATA_DIR": str(data_dir), "PDF_ENGINE": "batch", **settings}, environ={})
    prepare(s)
    db, sessions = open_database(s)
    ENGINES.append(db)
    return document_service(
        s, engine, sessions, converter=(lambda: converter) if converter else None
    )
