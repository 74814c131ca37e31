from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from docservice.documents import DocumentService
from docservice.generation.pdf import BatchConverter
from docservice.grants.engine import GrantEngine
from docservice.services import database, document_service
from docservice.settings import Settings


@pytest.fixture(scope="session")
def converter() -> Iterator[BatchConverter]:
    """One LibreOffice profile for the whole run (the first conversion creates it)."""
    c = BatchConverter()
    yield c
    c.close()


def make_service(
    data_dir: Path,
    engine: GrantEngine,
    converter: BatchConverter | None = None,
    **settings: object,
) -> DocumentService:
    s = Settings.load({"DATA_DIR": str(data_dir), "PDF_ENGINE": "batch", **settings}, environ={})
    _engine, sessions = database(s)
    return document_service(
        s, engine, sessions, converter=(lambda: converter) if converter else None
    )


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, engine: GrantEngine, converter: BatchConverter
) -> DocumentService:
    # One LibreOffice profile shared by every module
    return make_service(tmp_path_factory.mktemp("docs"), engine, converter)
