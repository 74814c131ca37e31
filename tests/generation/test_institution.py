"""The institution on every document comes from the office's file; mistakes in it are clear."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docservice.errors import ConfigurationError
from docservice.generation.institution import DEMO_FILE, InstitutionProfile
from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility
from docservice.settings import Settings
from tests.conftest import make_service
from tests.generation.support import docx_text
from tests.support import EXAMPLE


def office_file(tmp_path: Path, **changes: str) -> Path:
    text = DEMO_FILE.read_text(encoding="utf-8")
    for key, value in changes.items():
        lines = [
            f'{key} = "{value}"' if line.startswith(f"{key} =") else line
            for line in text.splitlines()
        ]
        text = "\n".join(lines) + "\n"
    shutil.copy(DEMO_FILE.parent / "logo.png", tmp_path / "logo.png")
    path = tmp_path / "institution.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_documents_name_the_configured_institution(tmp_path: Path, engine: GrantEngine) -> None:
    path = office_file(
        tmp_path,
        name_tr="Karadeniz Teknik Üniversitesi",
        name_en="Karadeniz Technical University",
        erasmus_code="TR TRABZON01",
        signatory_name="Prof. Dr. Işıl Güçlü",
    )
    service = make_service(tmp_path / "data", engine, INSTITUTION_FILE=str(path))
    out = service.generate("grant_agreement", parse_mobility(EXAMPLE), "docx", "tr")
    text = docx_text(out.data)
    assert "Karadeniz Teknik Üniversitesi" in text and "TR TRABZON01" in text
    assert "Prof. Dr. Işıl Güçlü" in text and "Anadolu Demo" not in text
    assert service.lookup(out.code).issuer == "Karadeniz Technical University"  # type: ignore[union-attr]


def test_institution_file_mistakes(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="does not exist"):
        InstitutionProfile.from_file(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text('name_en = "X"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="erasmus_code"):
        InstitutionProfile.from_file(bad)
    no_logo = office_file(tmp_path, logo="missing.png")
    with pytest.raises(ConfigurationError, match=r"missing\.png"):
        InstitutionProfile.from_file(no_logo)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("PDF_ENGINE", "fast", "PDF_ENGINE must be one of warm, batch"),
        ("PUBLIC_URL", "verify.example.edu.tr", "must start with http"),
        ("SIGN_PDF", "maybe", "must be true or false"),
        ("BATCH_RETENTION_DAYS", "0", "must be above 0, not .0."),
        ("WORKERS", "two", "WORKERS must be a whole number"),
        ("QUEUE_URL", "amqp://x", "must be a Redis URL"),
    ],
)
def test_settings_mistakes_are_named(key: str, value: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Settings.load(environ={f"DOCSERVICE_{key}": value})
