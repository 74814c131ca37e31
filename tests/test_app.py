"""Making the app wires it and does nothing else: ``setup`` prepares, ``serve`` starts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect

from docservice import create_app
from docservice.errors import ConfigurationError
from docservice.services import Services, open_database, prepare
from docservice.settings import Settings


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def _schema(settings: Settings) -> tuple[list[str], list[object]]:
    engine, _sessions = open_database(settings)
    with engine.connect() as connection:
        tables = sorted(inspect(connection).get_table_names())
        revision = list(connection.exec_driver_sql("SELECT version_num FROM alembic_version"))
    engine.dispose()
    return tables, revision


def test_making_the_app_starts_writes_and_migrates_nothing(tmp_path: Path) -> None:
    config = {"DATA_DIR": str(tmp_path / "data"), "PDF_ENGINE": "batch", "WORKERS": 2}
    settings = Settings.load(config, environ={})
    prepare(settings)
    files, schema = _files(settings.data_dir), _schema(settings)
    threads = set(threading.enumerate())
    app = create_app(services=Services.build(settings))
    with app.test_client() as client:  # it serves; still nothing started
        assert client.get("/health").status_code == 200
    # nothing keeps running (the rate limiter's in-memory store runs a 10 ms timer as it is
    # made, which ends by itself)
    for thread in set(threading.enumerate()) - threads:
        thread.join(timeout=1.0)
    assert [t.name for t in set(threading.enumerate()) - threads if t.is_alive()] == []
    assert _files(settings.data_dir) == files
    assert _schema(settings) == schema
    app.extensions["docservice"].close()


def test_an_app_on_a_folder_never_set_up_says_to_run_setup(tmp_path: Path) -> None:
    folder = tmp_path / "never"
    with pytest.raises(ConfigurationError) as raised:
        create_app({"DATA_DIR": str(folder)})
    assert "not set up" in raised.value.message
    assert raised.value.hint is not None and "docservice setup" in raised.value.hint
    assert not folder.exists()


def test_setup_is_quick_to_run_again_and_keeps_what_it_made(tmp_path: Path) -> None:
    settings = Settings.load({"DATA_DIR": str(tmp_path)}, environ={})
    prepare(settings)
    made = _files(tmp_path)
    assert {"docservice.sqlite3", "queue.sqlite3", "secret_key", "signing/demo.p12"} <= set(made)
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    prepare(settings)
    again = _files(tmp_path)
    for name in ("secret_key", "signing/demo.p12"):
        assert again[name] == made[name]
