"""``docservice generate``, ``verify`` and ``batch`` as an office runs them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docservice.cli import main
from tests.generation.support import docx_text
from tests.generation.test_batch import ROWS, sheet_csv
from tests.support import SAMPLES

STAFF = SAMPLES / "mobility" / "staff-teaching-ka131-heidelberg.json"


@pytest.fixture
def run(tmp_path: Path) -> Any:
    env = {"DOCSERVICE_DATA_DIR": str(tmp_path / "instance"), "DOCSERVICE_PDF_ENGINE": "batch"}

    def invoke(*args: str | Path) -> Any:
        return CliRunner().invoke(main, [str(a) for a in args], env=env)

    return invoke


def test_generate_then_verify(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "ga.docx"
    made = run("generate", "grant_agreement", STAFF, "-o", out, "--json")
    assert made.exit_code == 0, made.output
    info = json.loads(made.stdout)
    assert info["format"] == "docx" and info["lang"] == "tr"
    assert info["verify_url"].endswith(f"/verify/{info['verification_code']}")
    assert "1.080,00 €" in docx_text(out.read_bytes())

    checked = run("verify", out)
    assert checked.exit_code == 0
    assert "Authentic and unaltered" in checked.stdout and "Şükrü Öztürk" in checked.stdout

    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 1
    altered = tmp_path / "altered.docx"
    altered.write_bytes(bytes(data))
    result = run("verify", altered, "--json")
    assert result.exit_code == 0  # a result was produced, whatever its verdict
    body = json.loads(result.stdout)
    assert body["status"] == "altered" and body["valid"] is False
    assert body["code"] == info["verification_code"]


def test_generate_in_english_names_the_file_format(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "letter.docx"
    result = run("generate", "acceptance_letter", STAFF, "-o", out, "--lang", "en")
    assert result.exit_code == 0
    assert "verification code DS-" in result.stderr
    assert "LETTER OF ACCEPTANCE" in docx_text(out.read_bytes())


def test_generate_errors(run: Any, tmp_path: Path) -> None:
    unknown = run("generate", "invoice", STAFF, "-o", tmp_path / "x.docx", "--json")
    assert unknown.exit_code == 2
    assert json.loads(unknown.stdout)["error"]["code"] == "unknown_template"
    wrong_suffix = run("generate", "grant_agreement", STAFF, "-o", tmp_path / "x.odt")
    assert wrong_suffix.exit_code == 3 and "must end in .docx or .pdf" in wrong_suffix.stderr
    missing = run("generate", "grant_agreement", tmp_path / "nope.json", "-o", tmp_path / "x.pdf")
    assert missing.exit_code == 3 and "does not exist" in missing.stderr
    no_lang = run(
        "generate", "certificate_of_attendance", STAFF, "-o", tmp_path / "c.docx", "--lang", "tr"
    )
    assert no_lang.exit_code == 2 and "exists in en" in no_lang.stderr
    assert not (tmp_path / "c.docx").exists()


def test_verify_errors_and_strangers(run: Any, tmp_path: Path) -> None:
    assert run("verify", tmp_path / "nope.pdf").exit_code == 3
    stranger = tmp_path / "other.pdf"
    stranger.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    result = run("verify", stranger)
    assert result.exit_code == 0 and result.stdout.startswith("Not recognised")


@pytest.mark.pdf
def test_generate_pdf(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "certificate.pdf"
    result = run("generate", "certificate_of_attendance", STAFF, "-o", out, "--json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["signed"] is True and out.read_bytes().startswith(b"%PDF-")
    verified = json.loads(run("verify", out, "--json").stdout)
    assert verified["status"] == "authentic" and verified["signature"]["intact"]


def test_batch_command(run: Any, tmp_path: Path) -> None:
    sheet = tmp_path / "mobilities.csv"
    sheet.write_bytes(sheet_csv(ROWS))
    out = tmp_path / "out.zip"
    result = run("batch", sheet, "-o", out, "-f", "docx", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["rows"], summary["documents"], summary["errors"]) == (4, 2, 2)
    assert {p["row"] for p in summary["problems"]} == {"4", "5"}
    with zipfile.ZipFile(out) as z:
        assert "manifest.csv" in z.namelist()
    bad = run("batch", sheet, "-o", out, "-t", "invoice")
    assert bad.exit_code == 2 and "invoice" in bad.output


def test_templates_list(run: Any) -> None:
    result = run("templates", "list")
    assert result.exit_code == 0
    assert "grant_agreement" in result.stdout and "training" in result.stdout


def test_revoke(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    info = json.loads(run("generate", "acceptance_letter", STAFF, "-o", out, "--json").stdout)
    revoked = run("revoke", info["verification_code"], "--reason", "issued twice")
    assert revoked.exit_code == 0 and "revoked" in revoked.stderr
    assert "revoked" in run("verify", out).stdout
    assert run("revoke", "DS-0000-0000-0000", "--reason", "x").exit_code == 3
