"""The operator's commands: ``docservice token create|list|revoke`` and ``docservice worker``'s
refusals of a bad configuration."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docservice.cli import main
from tests.support import close_app, prepared_app


def run(data_dir: Path, *args: str, **env: str) -> Any:
    environ = {"DOCSERVICE_DATA_DIR": str(data_dir), **env}
    return CliRunner().invoke(main, list(args), env=environ)


@pytest.fixture
def app(tmp_path: Path) -> Any:
    app = prepared_app(
        {"DATA_DIR": str(tmp_path), "PDF_ENGINE": "batch", "SIGN_PDF": False, "WORKERS": 0}
    )
    yield app
    close_app(app)


def as_bearer(app: Any, token: str) -> Any:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def test_a_created_token_opens_the_api_until_revoked(tmp_path: Path, app: Any) -> None:
    made = run(tmp_path, "token", "create", "--role", "integration", "e-Belge portal")
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("ds_") and "\n" not in token  # the token alone on stdout
    assert "integration:e-Belge portal" in made.stderr

    client = as_bearer(app, token)
    assert client.get("/api/v1/mobilities").status_code == 200
    assert client.get("/api/v1/audit").status_code == 403  # the office's only

    listed = run(tmp_path, "token", "list", "--json")
    tokens = json.loads(listed.stdout)["tokens"]
    assert [(t["name"], t["role"]) for t in tokens] == [("e-Belge portal", "integration")]
    assert token not in listed.stdout and tokens[0]["prefix"] == token[:10]
    assert tokens[0]["last_used_at"] is not None

    revoked = run(tmp_path, "token", "revoke", str(tokens[0]["id"]))
    assert revoked.exit_code == 0
    assert client.get("/api/v1/mobilities").status_code == 401
    assert "revoked" in run(tmp_path, "token", "list").stdout


def test_an_expiring_office_token(tmp_path: Path, app: Any) -> None:
    made = run(tmp_path, "token", "create", "--role", "office", "alice", "--days", "30")
    client = as_bearer(app, made.stdout.strip())
    assert client.get("/api/v1/audit").status_code == 200


def test_token_mistakes_are_clear(tmp_path: Path) -> None:
    bad_role = run(tmp_path, "token", "create", "--role", "participant", "x")
    assert bad_role.exit_code == 2 and "participant" in bad_role.output
    no_name = run(tmp_path, "token", "create", "--role", "office", "  ")
    assert no_name.exit_code == 3 and "Name the token" in no_name.stderr
    unknown = run(tmp_path, "token", "revoke", "999")
    assert unknown.exit_code == 3 and "no token 999" in unknown.stderr


def test_a_worker_with_a_wrong_queue_url_says_so(tmp_path: Path) -> None:
    result = run(tmp_path, "worker", DOCSERVICE_QUEUE_URL="http://127.0.0.1:6379")
    assert result.exit_code == 2 and "Redis URL" in result.stderr
    result = run(tmp_path, "worker", DOCSERVICE_QUEUE_URL="redis://:s3cret@127.0.0.1:1/0")
    assert result.exit_code == 2 and "Cannot reach the queue" in result.stderr
    assert "redis://:***@127.0.0.1:1/0" in result.stderr and "s3cret" not in result.stderr


def test_purge_says_what_it_did(tmp_path: Path, app: Any) -> None:
    kept = run(tmp_path, "purge")
    assert kept.exit_code == 0 and "every passport scan is kept" in kept.stderr
    purged = run(tmp_path, "purge", DOCSERVICE_PASSPORT_RETENTION_DAYS="30")
    assert purged.exit_code == 0 and "deleted the files of 0 passport scan" in purged.stderr
    wrong = run(tmp_path, "purge", DOCSERVICE_PASSPORT_RETENTION_DAYS="a year")
    assert wrong.exit_code == 2 and "PASSPORT_RETENTION_DAYS" in wrong.stderr
