from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from docservice.grants.engine import GrantEngine
from docservice.grants.tables import load_tables
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
