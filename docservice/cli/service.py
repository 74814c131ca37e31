"""The service itself: ``serve``, ``setup`` and ``check`` (one uploaded file, interface §4)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from docservice import __version__
from docservice.cli.common import (
    emit_json,
    main,
    read_bytes,
    read_text,
    reports_errors,
    write_atomically,
)
from docservice.settings import Settings


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256))
@reports_errors
def serve(host: str, port: int, threads: int) -> None:
    """Run the web service on the embedded defaults (no external server needed)."""
    from waitress import serve as waitress_serve

    from docservice import create_app
    from docservice.services import Services, prepare

    # QR codes lead to this server unless DOCSERVICE_PUBLIC_URL names the public address
    overrides = {}
    if not os.environ.get("DOCSERVICE_PUBLIC_URL"):
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        overrides["PUBLIC_URL"] = f"http://{shown}:{port}"
    settings = Settings.load(overrides)
    prepare(settings)
    services = Services.build(settings)
    app = create_app(services=services)
    # A SIGTERM (systemd, docker stop) ends the process through the finally below, which stops
    # the check threads and LibreOffice
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        services.start()  # checks run in this process too, unless DOCSERVICE_WORKERS=0
        click.echo(
            f"docservice {__version__} on http://{host}:{port}/ "
            f"(API docs: http://{host}:{port}/api/v1/docs)",
            err=True,
        )
        waitress_serve(app, host=host, port=port, threads=threads, ident="docservice")
    finally:
        services.close()


@main.command()
@reports_errors
def setup() -> None:
    """Prepare the data folder: the database, the queue, the demo signing certificate, the
    session key; check LibreOffice. Run it once, and again after an upgrade (it is quick)."""
    from docservice.generation.pdf import soffice_path, uno_python
    from docservice.services import institution, prepare, signer

    settings = Settings.load()
    prepare(settings)
    click.echo(f"database ready in {settings.database_url or settings.data_dir}", err=True)
    pdf_signer = signer(settings, institution(settings))
    if pdf_signer is not None:
        click.echo(f"PDFs are signed with {pdf_signer.load().path}", err=True)
    click.echo(f"LibreOffice: {soffice_path()}; warm mode Python: {uno_python()}", err=True)


class DocumentKind(click.ParamType):  # type: ignore[type-arg]
    """One of the checkers' kinds (``checkers.Kind``), read when the command runs, so that
    ``docservice`` starts without importing the checkers."""

    name = "kind"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from checkers import KINDS

        if value in KINDS:
            return str(value)
        self.fail(f"{value!r} is not a document kind; choose from {', '.join(KINDS)}.", param, ctx)


@main.command("check")
@click.argument("kind", type=DocumentKind())
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--mobility",
    "mobility_file",
    required=True,
    type=click.Path(path_type=Path),
    help="The mobility record (JSON).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON document.")
@click.option(
    "--annotate",
    "picture",
    type=click.Path(path_type=Path),
    help="Also write the evidence drawn on the page, as PNG.",
)
@reports_errors
def check_command(
    kind: str, file: Path, mobility_file: Path, as_json: bool, picture: Path | None
) -> None:
    """Check an uploaded FILE (PDF, JPEG or PNG) as KIND against the mobility.
    KIND: acceptance_letter, certificate_of_attendance, boarding_pass, passport_stamps,
    entry_exit_record or eu_survey."""
    from docservice import checking
    from docservice.checking import check_file
    from docservice.grants.engine import GrantEngine
    from docservice.mobility import load_mobility_text

    settings = Settings.load()
    grants = GrantEngine.from_paths(settings.rates_dir, settings.policy_file)
    mobility = load_mobility_text(
        read_text(mobility_file, "The mobility record"), origin=str(mobility_file)
    )
    if not file.is_file():
        read_bytes(file)  # says what is wrong: missing, a folder, not readable
    travel = grants.travel_rule(mobility)
    del grants  # its gazetteer is not needed while the check runs
    checking.release_memory()
    report, png = check_file(
        kind,
        file,
        mobility,
        filename=file.name,
        with_picture=picture is not None,
        travel=travel,
        limits=checking.Limits.of(settings),
        fork=True,  # one thread, the checkers imported: no fork server needed
    )
    if picture is not None and png is not None:
        write_atomically(picture, png)
    if as_json:
        emit_json(report)
        return
    marks = {"pass": "✓", "fail": "✗", "review": "?"}
    click.echo(f"{kind}: {report['verdict'].upper()}")
    for c in report["checks"]:
        click.echo(f"  {marks[c['status']]} {c['id']}: {c['message']}")
        if c["status"] != "pass" and c.get("hint"):
            click.echo(f"      {c['hint']}")
    _echo_fields(report["fields"])


def _echo_fields(fields: dict[str, Any]) -> None:
    """What was read: plain values on one line, lists (legs, stamps, crossings) an item a line."""
    plain = {
        k: v
        for k, v in fields.items()
        if v not in (None, False, []) and not isinstance(v, list | dict)
    }
    if plain:
        click.echo("  read: " + ", ".join(f"{k}={v}" for k, v in plain.items()))
    for key, value in fields.items():
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for item in items:
            shown = ", ".join(f"{k}={v}" for k, v in item.items() if v not in (None, ""))
            click.echo(f"  {key}: {shown}")
