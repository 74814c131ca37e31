"""The ``docservice`` command (interface §2): its group and what every command shares.

``--json`` prints exactly one JSON document on stdout; logs and messages go to stderr. Exit status:
0 when a result was produced, 2 for a usage error (or a setting to fix), 3 for an input that
cannot be read, 1 for a failure of the system; an error becomes its exit status here, once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from docservice import __version__
from docservice import errors as e
from docservice.errors import DocserviceError, UnreadableInput

if TYPE_CHECKING:
    from docservice.services import Services

F = TypeVar("F", bound=Callable[..., Any])


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


# The first class along the error's own class hierarchy decides.
EXIT_STATUS: dict[type[DocserviceError], int] = {
    e.UnknownTemplate: 2,
    e.UnknownRuleSet: 2,
    e.ConfigurationError: 2,
    e.InputError: 3,
    e.DocserviceError: 1,
}


def exit_status(error: DocserviceError) -> int:
    return next((EXIT_STATUS[c] for c in type(error).__mro__ if c in EXIT_STATUS), 1)


def report(error: DocserviceError, as_json: bool) -> None:
    """An error as the command line shows it: JSON on stdout with ``--json``, else the message,
    its details and what to do on stderr."""
    if as_json:
        emit_json(error.to_dict())
        return
    click.echo(f"docservice: {error.headline}", err=True)
    for problem in error.details:
        click.echo(f"  - {problem.get('key')}: {problem.get('message')}", err=True)
    if error.hint:
        click.echo(f"  what to do: {error.hint}", err=True)


def reports_errors(command: F) -> F:
    """Turn a DocserviceError into its exit status, as JSON on stdout when ``--json`` was asked."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DocserviceError as error:
            report(error, bool(kwargs.get("as_json")))
            sys.exit(exit_status(error))

    return wrapper  # type: ignore[return-value]


def services(*, warm: bool = False) -> Services:
    """This command's services: the data folder prepared and the parts built the first time a
    command asks (``warm``: PDFs through a LibreOffice kept running, for many documents), closed
    when the command ends. Commands that need none (``check``, ``templates``) build none."""
    from docservice.services import Services, prepare
    from docservice.settings import Settings

    root = click.get_current_context().find_root()
    built: Services | None = root.meta.get("docservice.services")
    if built is None:
        settings = Settings.load()
        prepare(settings)
        built = Services.build(settings, warm=warm)
        root.meta["docservice.services"] = built
        root.call_on_close(built.close)
    return built


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


class _Group(click.Group):
    """The command group: an error no command reported itself (a setting read before the
    command's own work) still ends as its message and exit status, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocserviceError as error:
            report(error, "--json" in sys.argv[1:])
            sys.exit(exit_status(error))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docservice")
def main() -> None:
    """Erasmus+ mobility grants, documents and checks for international offices."""


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    tmp.replace(path)
