"""Templates and their variables: every shipped template is clean, and a broken one is caught."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from docservice.cli import main
from docservice.errors import TemplateError, UnknownTemplate
from docservice.generation.catalogue import ESSENTIAL, VARIABLES
from docservice.generation.context import Verification, build_context
from docservice.generation.institution import demo_institution
from docservice.generation.templates import (
    SHIPPED_DIR,
    TEMPLATE_NAMES,
    TemplateStore,
    analyse,
    parse_name,
    template_text,
    used_variables,
)
from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility
from tests.support import EXAMPLE, ROOT, SAMPLES

SHIPPED = TemplateStore.from_settings(None).files()


def test_every_kind_is_shipped_in_the_languages_offices_need() -> None:
    names = {t.path.name for t in SHIPPED}
    assert names == {
        "grant_agreement.tr.docx",
        "grant_agreement.en.docx",
        "mobility_agreement.teaching.en.docx",
        "mobility_agreement.training.en.docx",
        "mobility_agreement.student.en.docx",
        "certificate_of_attendance.en.docx",
        "acceptance_letter.en.docx",
    }
    assert {t.name for t in SHIPPED} == set(TEMPLATE_NAMES)


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.path.name)
def test_shipped_template_has_no_unknown_or_missing_variables(template: Any) -> None:
    analysis = analyse(template)
    assert analysis.syntax_error is None
    assert analysis.unknown == ()
    assert analysis.unused == ()
    assert analysis.ok
    assert "verification.code" in analysis.used


def _flatten(value: Any, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            out.add(path)
            out |= _flatten(inner, path)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        out.add(f"{prefix}[]")
        out |= _flatten(value[0], f"{prefix}[]")
    elif isinstance(value, list):
        out.add(f"{prefix}[]")
    return out


def test_catalogue_lists_exactly_what_the_context_holds(engine: GrantEngine) -> None:
    m = parse_mobility(EXAMPLE)
    context = build_context(
        m,
        lang="en",
        institution=demo_institution(),
        verification=Verification("DS-0000-0000-0000", "http://x/verify/DS", b"png"),
        breakdown=engine.calculate(m),
        today=dt.date(2026, 1, 5),
    )
    paths = _flatten(context)
    leaves = {p for p in paths if not any(q.startswith((p + ".", p + "[]")) for q in paths)}
    assert set(VARIABLES) <= paths
    assert leaves <= set(VARIABLES)


def test_templates_readme_documents_every_variable() -> None:
    readme = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    missing = [name for name in VARIABLES if f"`{name}`" not in readme]
    assert missing == []
    for kind, choices in ESSENTIAL.items():
        needs = ", ".join(" or ".join(f"`{v}`" for v in choice) for choice in choices)
        assert f"- **{kind}**: {needs}\n" in readme  # what `templates check` asks, as it asks it


# What each shipped document says, beside its variables: the clauses an office relies on. The
# .docx files are the sources (an office edits them in Word and nothing rebuilds them), so a
# change that drops one of these is caught here.
CLAUSES = {
    "grant_agreement.tr.docx": [
        "HİBE SÖZLEŞMESİ", "TARAFLAR", "Madde 1", "Madde 2 – Hibe", "Madde 3 – Ödeme",
        "ön ödeme", "EU Survey", "mücbir sebep", "Türk hukukuna", "Doğrulama kodu",
        "Erasmus kodu",
    ],
    "grant_agreement.en.docx": [
        "GRANT AGREEMENT", "THE PARTIES", "Article 1", "Article 2 – The grant", "Article 3",
        "prefinanc", "EU Survey", "force majeure", "Verification code",
    ],
    "mobility_agreement.teaching.en.docx": [
        "STAFF MOBILITY FOR TEACHING", "MOBILITY AGREEMENT", "The staff member",
        "The sending institution", "The receiving institution", "Content of the mobility",
    ],
    "mobility_agreement.training.en.docx": [
        "STAFF MOBILITY FOR TRAINING", "MOBILITY AGREEMENT", "The training programme",
    ],
    "mobility_agreement.student.en.docx": ["LEARNING AGREEMENT", "The student"],
    "certificate_of_attendance.en.docx": ["CERTIFICATE OF ATTENDANCE", "We hereby confirm"],
    "acceptance_letter.en.docx": ["LETTER OF ACCEPTANCE", "we are pleased to confirm"],
}  # fmt: skip


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.path.name)
def test_shipped_template_says_what_its_document_must(template: Any) -> None:
    text = template_text(template.path)
    missing = [clause for clause in CLAUSES[template.path.name] if clause not in text]
    assert missing == []
    if template.lang == "tr":  # a Turkish document holds no English words of ours
        for english in ("Erasmus code", "Agreement", "Article", "Verification", "Date:"):
            assert english not in text


def test_template_text_reads_in_order_with_tables_and_footer(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["templates", "text", "grant_agreement.tr"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ERASMUS+")
    assert lines.index("Madde 1 – Sözleşmenin konusu") < lines.index("Madde 2 – Hibe")
    assert "| Faaliyet başlangıç tarihi | {{ mobility.start_date }} |" in lines
    footer = lines.index("--- footer (section 1) ---")
    assert "{{ verification.code }}" in "\n".join(lines[footer:])
    # an office's own file by its path, and a clear error for what is not a template
    shutil.copy(SHIPPED_DIR / "acceptance_letter.en.docx", tmp_path / "mine.docx")
    mine = CliRunner().invoke(main, ["templates", "text", str(tmp_path / "mine.docx")])
    assert "LETTER OF ACCEPTANCE" in mine.stdout
    unknown = CliRunner().invoke(main, ["templates", "text", "grant_agreement.fr"])
    assert unknown.exit_code == 3
    assert "grant_agreement.tr" in unknown.output and "Traceback" not in unknown.output


def test_loop_variables_and_filters_are_resolved() -> None:
    source = (
        "{% for day in mobility.days %}{{ day.date|upper }} {{ loop.index }}{% endfor %}"
        "{% set x = 3 %}{{ x }}{{ participant['surname'] }}{% if grant.trace %}{% endif %}"
    )
    assert used_variables(source) == {
        "mobility.days",
        "mobility.days[].date",
        "participant.surname",
        "grant.trace",
    }


def _edited(tmp_path: Path, name: str, replace: dict[str, str]) -> Path:
    """A copy of a shipped template with some text replaced, as an office's Word edit would."""
    doc = Document(str(SHIPPED_DIR / name))
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            for old, new in replace.items():
                if old in run.text:
                    run.text = run.text.replace(old, new)
    path = tmp_path / name
    doc.save(str(path))
    return path


def test_check_reports_an_unknown_variable_and_a_dropped_essential(tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        "certificate_of_attendance.en.docx",
        {"{{ mobility.start_date }}": "{{ mobility.begin }}"},
    )
    analysis = analyse(parse_name(path))
    assert analysis.unknown == ("mobility.begin",)
    assert analysis.unused == ()  # the table still shows the start date
    result = CliRunner().invoke(main, ["templates", "check", str(path), "--json"])
    assert result.exit_code == 1
    (found,) = json.loads(result.stdout)
    assert found["unknown"] == ["mobility.begin"] and not found["ok"]


def test_check_reports_a_jinja_mistake_with_its_text(tmp_path: Path) -> None:
    path = _edited(
        tmp_path, "acceptance_letter.en.docx", {"Dear {{ participant.full_name }}": "Dear {{ x"}
    )
    result = CliRunner().invoke(main, ["templates", "check", str(path)])
    assert result.exit_code == 1
    assert "template mistake" in result.stdout and "Dear" in result.stdout


def test_check_of_the_shipped_templates_passes() -> None:
    result = CliRunner().invoke(main, ["templates", "check", "--all"], env={})
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count(": ok") == len(SHIPPED)


def test_an_office_folder_overrides_one_template(tmp_path: Path) -> None:
    shutil.copy(SHIPPED_DIR / "grant_agreement.en.docx", tmp_path / "grant_agreement.en.docx")
    store = TemplateStore.from_settings(tmp_path)
    chosen = store.find("grant_agreement", None, "en")
    assert chosen.path == tmp_path / "grant_agreement.en.docx"
    assert store.find("grant_agreement", None, "tr").path.parent == SHIPPED_DIR


def test_template_choice_and_errors() -> None:
    store = TemplateStore.from_settings(None)
    assert store.find("grant_agreement", None, None).lang == "tr"  # Turkish first
    assert store.find("certificate_of_attendance", None, None).lang == "en"
    with pytest.raises(UnknownTemplate, match="exists in en, not in 'tr'"):
        store.find("certificate_of_attendance", None, "tr")
    with pytest.raises(UnknownTemplate, match="grant_agreement, mobility_agreement"):
        store.find("invoice", None, "en")
    with pytest.raises(TemplateError, match="No mobility_agreement"):
        TemplateStore((SAMPLES,)).find("mobility_agreement", "teaching", "en")
