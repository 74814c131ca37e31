"""Migrations, the issued-documents registry and verification on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import inspect

from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility
from docservice.storage.db import migrate, open_engine
from tests.conftest import make_service
from tests.support import EXAMPLE

MOBILITY = parse_mobility(EXAMPLE)


def test_migrations_create_the_tables_and_run_twice(database_url: str) -> None:
    engine = open_engine(database_url)
    migrate(engine)
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"issued_documents", "issued_files", "batch_jobs", "alembic_version"} <= tables
    engine.dispose()


def test_the_migrations_build_what_the_models_describe(database_url: str) -> None:
    """A model changed without a migration (or the reverse) shows up here, not in production."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from docservice.storage.models import Base

    engine = open_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_generate_and_verify(database_url: str, tmp_path: Path, engine: GrantEngine) -> None:
    service = make_service(tmp_path, engine, DATABASE_URL=database_url)
    out = service.generate("grant_agreement", MOBILITY, "docx", "tr")
    result = service.verify(out.data)
    assert result.status == "authentic" and result.document is not None
    assert result.document.participant_name == "Şükrü Öztürk"
    assert result.document.summary["total"] == 1080.0
    changed = bytearray(out.data)
    changed[100] ^= 1
    assert service.verify(bytes(changed)).status == "altered"


def test_concurrent_generation_loses_nothing(
    database_url: str, tmp_path: Path, engine: GrantEngine
) -> None:
    service = make_service(tmp_path, engine, DATABASE_URL=database_url)
    made: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(4):
                made.append(service.generate("acceptance_letter", MOBILITY, "docx").code)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(made)) == 16
    assert all(service.lookup(code) is not None for code in made)
