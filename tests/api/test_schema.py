"""The API against its own OpenAPI document (schemathesis, its default checks, with
``schemathesis.toml``): every operation, with requests drawn from the document and broken on
purpose, then sequences that follow the document's links. A short pass: the full one is
``st run http://HOST:PORT/api/v1/openapi.json -H "Authorization: Bearer TOKEN"`` against a running
service (README)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from tests.support import ROOT, close_app, prepared_app

SHORT = settings(
    max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    data = tmp_path_factory.mktemp("instance")
    app = prepared_app({"DATA_DIR": str(data), "PDF_ENGINE": "batch", "SIGN_PDF": False})
    secret, _row = app.extensions["docservice"].flow.tokens.create("office", "schemathesis")
    yield app, secret
    close_app(app)


@pytest.fixture(scope="module")
def api_schema(served: tuple[Any, str]) -> Any:
    app, secret = served
    config = schemathesis.Config.from_path(str(ROOT / "schemathesis.toml"))
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=config)

    @loaded.auth()
    class Token:  # the office's bearer token, as schemathesis sends it (and leaves it out)
        def get(self, case: Any, ctx: Any) -> str:
            return secret

        def set(self, case: Any, data: str, ctx: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return loaded


def test_every_operation_answers_as_documented(api_schema: Any, served: tuple[Any, str]) -> None:
    """Each operation with requests that fit its description and requests that break it on
    purpose (schemathesis's positive and negative generation); every check must hold."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 25
    for operation in operations:
        for mode in schemathesis.GenerationMode:

            @given(case=operation.as_strategy(generation_mode=mode))
            @SHORT
            def answers(case: Any) -> None:
                case.call_and_validate()

            try:
                answers()
            except Unsatisfiable:
                if mode is not schemathesis.GenerationMode.NEGATIVE:
                    raise  # an operation without parameters or body has nothing to break


def test_sequences_of_calls_answer_as_documented(api_schema: Any, served: tuple[Any, str]) -> None:
    api_schema.as_state_machine().run(
        settings=settings(SHORT, max_examples=8, stateful_step_count=4)
    )
