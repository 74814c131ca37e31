"""The ``docservice`` command (interface §2).

``--json`` prints exactly one JSON document on stdout; logs and messages go to stderr. Exit status:
0 when a result was produced, 2 for a usage error, 3 for an input that cannot be read.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from docservice import __version__
from docservice.errors import DocserviceError, UnreadableInput
from docservice.formatting import LANGS, as_lang
from docservice.settings import Settings

if TYPE_CHECKING:
    from docservice.documents import DocumentService

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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256))
@reports_errors
def serve(host: str, port: int, threads: int) -> None:
    """Run the web service on the embedded defaults (no external server needed)."""
    from waitress import serve as waitress_serve

    from docservice import create_app

    # QR codes lead to this server unless DOCSERVICE_PUBLIC_URL names the public address
    overrides = {}
    if not os.environ.get("DOCSERVICE_PUBLIC_URL"):
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        overrides["PUBLIC_URL"] = f"http://{shown}:{port}"
    app = create_app(overrides)
    settings = app.extensions["docservice.settings"]
    tasks = app.extensions["docservice.workflow"].tasks
    tasks.ensure_reachable()
    if settings.workers:  # checks run in this process too, unless workers run apart
        tasks.start(settings.workers)
    documents = app.extensions["docservice.documents"]
    # Warm LibreOffice up now, so the first PDF does not wait for it
    threading.Thread(target=documents.warm_up, name="warm-up", daemon=True).start()
    # A SIGTERM (systemd, docker stop) ends the process through atexit, which stops LibreOffice
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
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


def _document_service(*, warm: bool = False) -> DocumentService:
    from docservice.grants.engine import GrantEngine
    from docservice.services import database, document_service

    settings = Settings.load()
    _engine, sessions = database(settings)
    grants = GrantEngine.from_paths(settings.rates_dir, settings.policy_file)
    return document_service(settings, grants, sessions, warm=warm)


@main.command()
@click.argument("template", metavar="TEMPLATE")
@click.argument("mobility_file", metavar="MOBILITY.json", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write the document; ending .docx or .pdf picks the format.",
)
@click.option(
    "--lang", type=click.Choice(LANGS), help="Language (default: Turkish when the template has it)."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print what was generated as one JSON document."
)
@reports_errors
def generate(
    template: str, mobility_file: Path, out: Path, lang: str | None, as_json: bool
) -> None:
    """Render TEMPLATE (grant_agreement, mobility_agreement, certificate_of_attendance,
    acceptance_letter) for a mobility record, with its verification code."""
    from docservice.documents import sha256
    from docservice.errors import InputError
    from docservice.mobility import load_mobility_text

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("docx", "pdf"):
        raise InputError(f"-o {out}: the file name must end in .docx or .pdf.")
    if out.is_dir():
        raise InputError(f"-o {out} is a folder; give a file name ending in .{fmt}.")
    mobility = load_mobility_text(
        read_text(mobility_file, "The mobility record"), origin=str(mobility_file)
    )
    service = _document_service()
    try:
        result = service.generate(template, mobility, fmt, as_lang(lang))
    finally:
        service.close()
    _write_atomically(out, result.data)
    info = {
        "file": str(out),
        "template": result.template,
        "lang": result.lang,
        "format": result.format,
        "verification_code": result.code,
        "verify_url": service.verify_url(result.code),
        "sha256": sha256(result.data),
        "signed": result.signed,
    }
    if as_json:
        _emit_json(info)
    else:
        signed = ", signed" if result.signed else ""
        click.echo(f"{out}: {result.template} ({result.lang}{signed})", err=True)
        click.echo(f"verification code {result.code} – {info['verify_url']}", err=True)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    tmp.replace(path)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--code", help="The verification code printed on the document, if the file lost it.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON document.")
@reports_errors
def verify(file: Path, code: str | None, as_json: bool) -> None:
    """Say whether FILE is a document docservice generated, authentic and unaltered."""
    from docservice.documents import TITLES

    data = read_bytes(file)
    service = _document_service()
    result = service.verify(data, expected_code=code)
    out = result.public_dict()
    if result.document is not None:  # the office's own command: it may see what the file states
        out["document"]["reference"] = result.document.reference
        out["document"]["summary"] = result.document.summary
    if as_json:
        _emit_json(out)
        return
    click.echo(result.message)
    if result.document is not None:
        d = result.document
        click.echo(f"  document:    {TITLES[d.template]['en']} ({d.template_file})")
        click.echo(f"  code:        {d.code}")
        click.echo(f"  participant: {d.participant_name}")
        click.echo(f"  reference:   {d.reference}")
        click.echo(f"  issued:      {d.issued_at:%Y-%m-%d %H:%M} UTC by {d.issuer}")
    if result.signature is not None:
        s = result.signature
        state = "valid" if s.ok else "NOT VALID"
        click.echo(
            f"  signature:   {state} – {s.signer}; intact {s.intact}, trusted {s.trusted}, "
            f"covers the whole file {s.whole_file}"
        )
    elif result.signature_error:
        click.echo(f"  signature:   {result.signature_error}")


@main.command()
@click.argument("code")
@click.option("--reason", required=True, help="Why the document is withdrawn (kept with it).")
@reports_errors
def revoke(code: str, reason: str) -> None:
    """Withdraw an issued document: its verify page and `verify` then say it is revoked."""
    doc = _document_service().revoke(code, reason)
    click.echo(f"{doc.code} revoked: {doc.revoked_reason}", err=True)


@main.group()
def templates() -> None:
    """The DOCX templates: list them, check an edited one."""


@templates.command("list")
def templates_list() -> None:
    """Every template in use, with where it comes from."""
    from docservice.generation.templates import TemplateStore

    settings = Settings.load()
    for t in TemplateStore.from_settings(settings.templates_dir).files():
        click.echo(f"{t.name:<27} {t.variant or '-':<9} {t.lang}  {t.path}")


@templates.command("check")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--all", "show_all", is_flag=True, help="Also list every variable a template could use."
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as one JSON document.")
@reports_errors
def templates_check(files: tuple[Path, ...], show_all: bool, as_json: bool) -> None:
    """Report unknown variables, Jinja mistakes and what a document must show but no longer does,
    for FILES or for every template in use. Exit status 1 when something is wrong."""
    from docservice.generation.templates import TemplateFile, TemplateStore, analyse, parse_name

    settings = Settings.load()
    if files:
        chosen: list[TemplateFile] = [parse_name(f) for f in files]
    else:
        chosen = TemplateStore.from_settings(settings.templates_dir).files()
    results = [analyse(t) for t in chosen]
    if as_json:
        _emit_json(
            [
                {
                    "file": str(a.template.path),
                    "ok": a.ok,
                    "syntax_error": a.syntax_error,
                    "unknown": list(a.unknown),
                    "unused": list(a.unused),
                    **({"available": list(a.available)} if show_all else {}),
                }
                for a in results
            ]
        )
    else:
        for a in results:
            click.echo(f"{a.template.path}: {'ok' if a.ok else 'PROBLEMS'}")
            if a.syntax_error:
                click.echo(f"  template mistake: {a.syntax_error}")
            for name in a.unknown:
                click.echo(f"  unknown variable: {name}")
            for name in a.unused:
                click.echo(f"  not used, but this document must show it: {name}")
            if show_all and a.available:
                click.echo(f"  also available: {', '.join(a.available)}")
    if not all(a.ok for a in results):
        sys.exit(1)


@main.command()
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The ZIP to write.",
)
@click.option(
    "-t",
    "--template",
    "template_names",
    multiple=True,
    default=("grant_agreement",),
    show_default=True,
    help="A template to generate for every row; repeat for several.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["docx", "pdf"]),
    default=("docx", "pdf"),
    show_default=True,
)
@click.option("--lang", type=click.Choice(LANGS))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON document.")
@reports_errors
def batch(
    sheet: Path,
    out: Path,
    template_names: tuple[str, ...],
    formats: tuple[str, ...],
    lang: str | None,
    as_json: bool,
) -> None:
    """Generate documents for every mobility of a CSV or XLSX SHEET into one ZIP."""
    from docservice.batch import run_batch
    from docservice.generation.templates import TEMPLATE_NAMES
    from docservice.tabular import read_rows

    for name in template_names:
        if name not in TEMPLATE_NAMES:
            raise click.BadParameter(
                f"{name!r}; choose from {', '.join(TEMPLATE_NAMES)}", param_hint="--template"
            )
    data = read_bytes(sheet)
    rows = read_rows(data, sheet.name)
    service = _document_service()
    with click.progressbar(length=1, label="Generating", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        summary = run_batch(
            service,
            rows,
            templates=list(template_names),
            formats=list(formats),
            lang=as_lang(lang),
            out_zip=out,
            progress=progress,
        )
    problems = [line for line in summary.manifest if line["status"] != "ok"]
    result = {
        "zip": str(out),
        "rows": summary.rows,
        "documents": summary.documents,
        "files": summary.files,
        "errors": summary.errors,
        "problems": problems,
    }
    if as_json:
        _emit_json(result)
        return
    click.echo(
        f"{out}: {summary.documents} documents ({summary.files} files) from {summary.rows} rows",
        err=True,
    )
    for line in problems:
        click.echo(f"  row {line['row']} {line['template'] or ''}: {line['message']}", err=True)


@main.command()
def setup() -> None:
    """Prepare the data folder: the database, the demo signing certificate; check LibreOffice."""
    from docservice.generation.pdf import soffice_path, uno_python
    from docservice.services import database, institution, signer

    settings = Settings.load()
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    database(settings)
    click.echo(f"database ready in {settings.database_url or settings.data_dir}", err=True)
    pdf_signer = signer(settings, institution(settings))
    if pdf_signer is not None:
        click.echo(f"PDFs are signed with {pdf_signer.path}", err=True)
    click.echo(f"LibreOffice: {soffice_path()}; warm mode Python: {uno_python()}", err=True)


@main.command("check")
@click.argument("kind", type=click.Choice(
    ["acceptance_letter", "certificate_of_attendance", "boarding_pass", "passport_stamps",
     "entry_exit_record", "eu_survey"]))  # fmt: skip
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
    """Check an uploaded FILE (PDF, JPEG or PNG) as KIND against the mobility (interface §4)."""
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
        _write_atomically(picture, png)
    if as_json:
        _emit_json(report)
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


from docservice import cli_ops  # noqa: E402, F401  (registers token and worker)
