"""Grants and documents: ``grant``, ``generate``, ``verify``, ``revoke``, ``templates``,
``batch``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from docservice.cli.common import (
    emit_json,
    main,
    read_bytes,
    read_text,
    reports_errors,
    services,
    write_atomically,
)
from docservice.formatting import LANGS, as_lang
from docservice.settings import Settings

if TYPE_CHECKING:
    from docservice.generation.service import DocumentService


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
    """The grant breakdown of a mobility record."""
    from docservice.grants.engine import GrantEngine
    from docservice.grants.explain import to_dict
    from docservice.mobility import load_mobility_text

    settings = Settings.load()
    # an estimate needs no reference yet (an application has none)
    mobility = load_mobility_text(
        read_text(mobility_file, "The mobility record"), origin=str(mobility_file), estimate=True
    )
    engine = GrantEngine.from_paths(settings.rates_dir, policy_file or settings.policy_file)
    breakdown = to_dict(engine.calculate(mobility), lang)  # type: ignore[arg-type]
    if as_json:
        emit_json(breakdown)
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
    return services(warm=warm).documents


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
    from docservice.errors import InputError
    from docservice.generation.verification import sha256
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
    write_atomically(out, result.data)
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
        emit_json(info)
    else:
        signed = ", signed" if result.signed else ""
        click.echo(f"{out}: {result.template} ({result.lang}{signed})", err=True)
        click.echo(f"verification code {result.code} – {info['verify_url']}", err=True)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--code", help="The verification code printed on the document, if the file lost it.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON document.")
@reports_errors
def verify(file: Path, code: str | None, as_json: bool) -> None:
    """Say whether FILE is a document docservice generated, authentic and unaltered."""
    from docservice.generation.verification import TITLES

    data = read_bytes(file)
    service = _document_service()
    result = service.verify(data, expected_code=code)
    out = result.public_dict()
    if result.document is not None:  # the office's own command: it may see what the file states
        out["document"]["reference"] = result.document.reference
        out["document"]["summary"] = result.document.summary
    if as_json:
        emit_json(out)
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
    """The DOCX templates: list them, check an edited one, read one as text."""


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
        emit_json(
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


@templates.command("text")
@click.argument("template")
@reports_errors
def templates_text(template: str) -> None:
    """Print what TEMPLATE says (a .docx file, or a name such as grant_agreement.tr), one
    paragraph a line and tables as rows, to review an edit or to diff two versions."""
    from docservice.errors import InputError
    from docservice.generation.templates import TemplateStore, template_text

    path = Path(template)
    if not path.exists() and not template.endswith(".docx"):
        store = TemplateStore.from_settings(Settings.load().templates_dir)
        named = {t.path.name.removesuffix(".docx"): t.path for t in store.files()}
        if template not in named:
            raise InputError(
                f"No template {template!r}: give a .docx file, or one of "
                f"{', '.join(sorted(named))} (docservice templates list)."
            )
        path = named[template]
    click.echo(template_text(path), nl=False)


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
    from docservice.generation.batch import run_batch
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
        emit_json(result)
        return
    click.echo(
        f"{out}: {summary.documents} documents ({summary.files} files) from {summary.rows} rows",
        err=True,
    )
    for line in problems:
        click.echo(f"  row {line['row']} {line['template'] or ''}: {line['message']}", err=True)
