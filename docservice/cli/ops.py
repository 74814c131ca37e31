"""The operator's commands: ``docservice token`` and ``docservice worker`` (interface §2)."""

from __future__ import annotations

import logging
import sys

import click

from docservice.access.auth import INTEGRATION, OFFICE
from docservice.access.users import UserStore
from docservice.cli.common import emit_json, main, reports_errors, services
from docservice.settings import Settings


@main.group()
def token() -> None:
    """API tokens: make, list, revoke."""


@token.command("create")
@click.option(
    "--role",
    type=click.Choice([OFFICE, INTEGRATION]),
    required=True,
    help="office: everything; integration: a portal such as e-Belge (no decisions, no tokens).",
)
@click.argument("name")
@click.option("--days", type=click.FloatRange(min=0.001), help="Expire after this many days.")
@reports_errors
def token_create(role: str, name: str, days: float | None) -> None:
    """Print a new API token for NAME (a person or a system). It is shown once; only its hash
    is kept."""
    secret, row = services().flow.tokens.create(role, name, valid_days=days, actor="cli")
    click.echo(f"token {row.id} for {role}:{name}; send it as Authorization: Bearer …", err=True)
    click.echo(secret)


@token.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the list as one JSON document.")
@reports_errors
def token_list(as_json: bool) -> None:
    """The tokens of the office and of integrations (never the tokens themselves)."""
    rows = services().flow.tokens.listing()
    if as_json:
        emit_json({"tokens": rows})
        return
    for row in rows:
        state = "revoked" if row["revoked_at"] else "active"
        click.echo(
            f"{row['id']:>4}  {row['role']:<12} {row['name']:<30} {row['prefix']}…  {state}"
            f"  last used {row['last_used_at'] or 'never'}"
        )


@token.command("revoke")
@click.argument("token_id", type=int)
@reports_errors
def token_revoke(token_id: int) -> None:
    """Revoke the token with this id (see docservice token list)."""
    services().flow.tokens.revoke(token_id, actor="cli")
    click.echo(f"token {token_id} revoked", err=True)


@main.command()
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 64))
@reports_errors
def worker(threads: int) -> None:
    """Run background checks and webhook deliveries until stopped (SIGINT or SIGTERM finish the
    checks under way). Any number of workers may share one queue: the embedded one on this
    machine, or Redis (DOCSERVICE_QUEUE_URL) across machines."""
    from docservice.background.tasks import queue_label

    settings = Settings.load()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(name)s %(message)s")
    flow = services().flow
    flow.tasks.ensure_reachable()
    click.echo(f"docservice worker: {threads} thread(s) on {queue_label(settings)}", err=True)
    flow.tasks.run_forever(threads)


@main.command()
@reports_errors
def purge() -> None:
    """Delete now the passport scans whose retention period ended
    (DOCSERVICE_PASSPORT_RETENTION_DAYS after their dossier settled; workers also do it every
    hour). Their reports stay."""
    settings = services().settings
    deleted = services().flow.tasks.purge()
    if deleted is None:
        click.echo(
            "docservice purge: no retention period is set (DOCSERVICE_PASSPORT_RETENTION_DAYS); "
            "every passport scan is kept.",
            err=True,
        )
        return
    click.echo(
        f"docservice purge: deleted the files of {deleted} passport scan upload(s) of dossiers "
        f"settled more than {settings.passport_retention_days:g} days ago.",
        err=True,
    )


@main.group()
def user() -> None:
    """Office users of the web pages: make, list, disable."""


def _users() -> UserStore:
    return services().users


@user.command("create")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="The name the pages and the log show.")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input (for scripts) instead of asking for it.",
)
@click.option("--email", default=None, help="The user's address (for a password reset).")
@click.option("--admin", is_flag=True, help="The user manages the other users in the pages.")
@reports_errors
def user_create(
    username: str, full_name: str, password_stdin: bool, email: str | None, admin: bool
) -> None:
    """Make an office user who signs in to the web pages with USERNAME and a password (the
    first administrator is made here; administrators make the others in the pages)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    made = _users().create(username, full_name, password, actor="cli", is_admin=admin, email=email)
    click.echo(f"user {made.username} ({made.name}) can sign in at /office/login", err=True)


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the list as one JSON document.")
@reports_errors
def user_list(as_json: bool) -> None:
    """The office users."""
    rows = _users().listing()
    if as_json:
        emit_json({"users": rows})
        return
    for row in rows:
        state = "disabled" if row["disabled"] else "active"
        click.echo(f"{row['username']:<20} {row['name']:<30} {state}")


@user.command("disable")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Let a disabled user sign in again.")
@reports_errors
def user_disable(username: str, enable: bool) -> None:
    """Stop USERNAME from signing in (sessions already open end at their next request)."""
    _users().set_disabled(username, not enable, actor="cli")
    click.echo(f"user {username} {'enabled' if enable else 'disabled'}", err=True)
