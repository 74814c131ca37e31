"""Selection: ``select`` ranks one call's applications by a rule set (interface §6)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from docservice.cli.common import emit_json, main, read_bytes, reports_errors
from docservice.formatting import LANGS
from docservice.settings import Settings

if TYPE_CHECKING:
    from docservice.selection.ranking import Entry


@main.command()
@click.argument(
    "applications_file", metavar="APPLICATIONS.csv|.xlsx", type=click.Path(path_type=Path)
)
@click.option(
    "--rules",
    "rules_name",
    required=True,
    metavar="RULES",
    help="A rule-set TOML file, or the name of a shipped one (ktu-2025, atauni-2021).",
)
@click.option(
    "--quota",
    type=click.IntRange(0, 100_000),
    help="The call's total places (overrides the rule set's).",
)
@click.option(
    "--partners",
    "partners_file",
    type=click.Path(path_type=Path),
    help="The call's partner institutions (a sheet with erasmus_code/institution, or one a line):"
    " a letter given at application counts only from one of them.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print {'ranking': [...]} as one JSON document."
)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
@reports_errors
def select(
    applications_file: Path,
    rules_name: str,
    quota: int | None,
    partners_file: Path | None,
    as_json: bool,
    lang: str,
) -> None:
    """Rank one call's applications into main and reserve lists."""
    from docservice.grants.tables import load_tables
    from docservice.selection.applications import read_applications
    from docservice.selection.partners import read_partners
    from docservice.selection.ranking import partner_regions, rank
    from docservice.selection.rules import load_rules

    rules = load_rules(rules_name).with_quota(quota)
    applications = read_applications(read_bytes(applications_file), applications_file.name)
    if partners_file is not None:
        partners = read_partners(read_bytes(partners_file), partners_file.name)
        applications = [replace(a, partner=partners.knows(a)) for a in applications]
    settings = Settings.load()
    tables = load_tables([settings.rates_dir] if settings.rates_dir else [])
    entries = rank(applications, rules, region_of=partner_regions(tables))
    if as_json:
        emit_json(
            {
                "rules": {"name": rules.name, "source": rules.source, "quota": rules.quota},
                "ranking": [entry.to_dict() for entry in entries],
            }
        )
        return
    if rules.quota is None:
        click.echo(
            f"docservice: {rules.name} sets no number of places and --quota was not given; every "
            "eligible application is on the main list.",
            err=True,
        )
    click.echo(_table(entries, lang, rules.title_in(lang)))


def _table(entries: list[Entry], lang: str, title: str) -> str:
    from docservice.catalogue import localized
    from docservice.errors import say
    from docservice.selection import words

    heads = {
        "main": say("Main list"),
        "reserve": say("Reserve list"),
        "dropped": say("Dropped out"),
        "withdrawn": say("Withdrew"),
        "ineligible": say("Not eligible"),
    }
    lines: list[str] = [title]
    current = None
    for entry in entries:
        if entry.standing != current:
            current = entry.standing
            lines += ["", str(localized(heads[current], lang))]
        rank = f"{entry.rank:>3}" if entry.rank else "  -"
        score = f"{entry.score:6.2f}".rstrip("0").rstrip(".") if entry.score is not None else "-"
        parts = ", ".join(
            f"{localized(words.part(k), lang)} {_signed(v) if n else _signed(v).lstrip('+')}"
            for n, (k, v) in enumerate(entry.parts.items())
        )
        lines.append(
            f"{rank}  {entry.id:<12} {entry.application.name:<28} {score:>6}  "
            f"{localized(entry.reason, lang)}"
        )
        if parts:
            lines.append(f"       {parts}")
        for note in entry.notes:
            lines.append(f"       ! {localized(note, lang)}")
    return "\n".join(lines)


def _signed(value: Any) -> str:
    number = int(value) if float(value).is_integer() else value
    return f"{number}" if not isinstance(number, int) or number < 0 else f"+{number}"
