"""The ``docservice`` command (interface §2).

``--json`` prints exactly one JSON document on stdout; logs and messages go to stderr. Exit status:
0 when a result was produced, 2 for a usage error, 3 for an input that cannot be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from docservice import __version__
from docservice.errors import DocserviceError, UnreadableInput
from docservice.formatting import LANGS
from docservice.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def _emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def reports_errors(command: F) -> F:
    """Turn a DocserviceError into its exit status, as JSON on stdout when ``--json`` was asked."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DocserviceError as error:
            if kwargs.get("as_json"):
                _emit_json(error.to_dict())
            else:
                click.echo(f"docservice: {error.headline}", err=True)
                for problem in error.details:
                    click.echo(f"  - {problem.get('key')}: {problem.get('message')}", err=True)
            sys.exit(error.exit_status)

    return wrapper  # type: ignore[return-value]


def read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnreadableInput(f"{what} {path} does not exist.") from None
    except IsADirectoryError:
        raise UnreadableInput(f"{what} {path} is a folder; give a file.") from None
    except UnicodeDecodeError:
        raise UnreadableInput(f"{what} {path} is not UTF-8 text.") from None
    except OSError as exc:
        raise UnreadableInput(f"Cannot read {what} {path}: {exc.strerror}.") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docservice")
def main() -> None:
    """Erasmus+ mobility grants, documents and checks for international offices."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256))
@reports_errors
def serve(host: str, port: int, threads: int) -> None:
    """Run the web service on the embedded defaults (no external server needed)."""
    from waitress import serve as waitress_serve

    from docservice import create_app

    app = create_app()
    click.echo(
        f"docservice {__version__} on http://{host}:{port}/ "
        f"(API docs: http://{host}:{port}/api/v1/docs)",
        err=True,
    )
    waitress_serve(app, host=host, port=port, threads=threads, ident="docservice")


@main.command()
@click.argument("mobility_file", metavar="MOBILITY.json", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the breakdown as one JSON document.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(path_type=Path),
    help="An institution policy TOML file (default: DOCSERVICE_POLICY_FILE or the built-in one).",
)
@reports_errors
def grant(mobility_file: Path, as_json: bool, lang: str, policy_file: Path | None) -> None:
    """The grant breakdown of a mobility record (interface §3)."""
    from docservice.grants.engine import GrantEngine
    from docservice.grants.explain import to_dict
    from docservice.mobility import load_mobility_text

    settings = Settings.load()
    mobility = load_mobility_text(
        read_text(mobility_file, "The mobility record"), origin=str(mobility_file)
    )
    engine = GrantEngine.from_paths(settings.rates_dir, policy_file or settings.policy_file)
    breakdown = to_dict(engine.calculate(mobility), lang)  # type: ignore[arg-type]
    if as_json:
        _emit_json(breakdown)
    else:
        click.echo(_grant_text(breakdown, lang))


def _grant_text(b: dict[str, Any], lang: str) -> str:
    from docservice import formatting as fmt

    tr = lang == "tr"
    labels = (
        ("Bireysel destek", "Seyahat desteği", "Toplam", "Ön ödeme", "Kalan ödeme")
        if tr
        else ("Individual support", "Travel support", "Total", "Prefinancing", "Balance")
    )
    keys = ("individual_support", "travel", "total", "prefinancing", "balance")
    width = max(len(label) for label in labels)
    lines = [
        f"{label:<{width}}  {fmt.money(b[key], lang):>14}"  # type: ignore[arg-type]
        for label, key in zip(labels, keys, strict=True)
    ]
    lines.append("")
    lines.extend(f"- {line}" for line in b["trace"])
    for warning in b["warnings"]:
        lines.append(f"! {warning['message']}")
    return "\n".join(lines)
