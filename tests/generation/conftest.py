from __future__ import annotations

from collections.abc import Iterator

import pytest

from docservice.generation.pdf import BatchConverter
from docservice.generation.service import DocumentService
from docservice.grants.engine import GrantEngine
from tests.conftest import make_service


@pytest.fixture(scope="session")
def converter() -> Iterator[BatchConverter]:
    """One LibreOffice profile for the whole run (the first conversion creates it)."""
    c = BatchConverter()
    yield c
    c.close()


@pytest.fixture(scope="module")
def service(
    tmp_path_factory: pytest.TempPathFactory, engine: GrantEngine, converter: BatchConverter
) -> DocumentService:
    # One LibreOffice profile shared by every module
    return make_service(tmp_path_factory.mktemp("docs"), engine, converter)
