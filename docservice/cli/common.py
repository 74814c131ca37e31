"""The ``docservice`` command (interface §2): its group and what every command shares.

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

F = TypeVar("F", bound=Callable[..., Any])


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def reports_errors(command: F) -> F:
    """Turn a DocserviceError into its exit status, as JSON on stdout when ``--json`` was asked."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DocserviceError as error:
            if kwargs.get("as_json"):
                emit_json(error.to_dict())
            else:
                click.echo(f"docservice: {error.headline}", err=True)
                for problem in error.details:
                    click.echo(f"  - {problem.get('key')}: {problem.get('message')}", err=True)
            sys.exit(error.exit_status)

    return wrapper  # type: ignore[return-value]


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise UnreadableInput(f"{path} is a folder; give a file.") from None
    except OSError as exc:
        raise UnreadableInput(f"Cannot read {path}: {exc.strerror}.") from None


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


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    tmp.replace(path)
