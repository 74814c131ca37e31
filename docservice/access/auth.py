"""Who may call the API: bearer tokens, kept as SHA-256 hashes, with a role each.

- ``office``: the international office's staff and scripts: everything, including decisions,
  tokens and the audit log.
- ``integration``: a system such as the e-Belge portal: mobilities, uploads, reports, grants
  and documents; no decisions about documents, no tokens, no audit log.
- ``participant``: one mobility's participant, through the link the office sends: that
  dossier, and uploads to it; nothing else.

``docservice token create --role office NAME`` prints a new token once; only its hash is stored,
so a stolen database gives no usable token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, request
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from docservice.access import audit
from docservice.clock import aware, iso_utc, utc_now
from docservice.errors import Forbidden, InputError, NotFound, Unauthorized
from docservice.storage.models import TokenRow

OFFICE, INTEGRATION, PARTICIPANT = "office", "integration", "participant"
ROLES = (OFFICE, INTEGRATION, PARTICIPANT)
PREFIX = "ds_"
_PUBLIC = ("/api/v1/openapi.json", "/api/v1/docs")
# What a participant's token opens: their own dossier and its documents.
_PARTICIPANT_PATH = re.compile(
    r"^/api/v1/mobilities/(?P<id>[0-9a-f]+)"
    r"(/documents/[a-z_]+|/generated/[A-Za-z0-9-]+/(docx|pdf))?/?$"
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    role: str
    name: str
    token_id: int | None
    mobility_id: str | None = None

    @property
    def label(self) -> str:
        return f"{self.role}:{self.name}"


class TokenStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def create(
        self,
        role: str,
        name: str,
        *,
        mobility_id: str | None = None,
        valid_days: float | None = None,
        actor: str = "cli",
    ) -> tuple[str, TokenRow]:
        if role not in ROLES:
            raise InputError(f"A role is one of {', '.join(ROLES)}, not {role!r}.")
        name = name.strip()
        if not name or len(name) > 120:
            raise InputError("Name the token (who or what uses it), in at most 120 characters.")
        if (role == PARTICIPANT) != (mobility_id is not None):
            raise InputError("A participant's token belongs to one mobility, and only it does.")
        token = PREFIX + secrets.token_urlsafe(32)
        row = TokenRow(
            name=name,
            role=role,
            token_hash=token_hash(token),
            prefix=token[:10],
            mobility_id=mobility_id,
            created_at=utc_now(),
            expires_at=utc_now() + dt.timedelta(days=valid_days) if valid_days else None,
        )
        with self.sessions.begin() as session:
            session.add(row)
            session.flush()
            audit.record(
                session,
                actor,
                "token.create",
                mobility_id=mobility_id,
                subject=f"{role}:{name}",
                token=row.id,
            )
        return token, row

    def authenticate(self, token: str) -> Principal | None:
        if not token.startswith(PREFIX):
            return None
        digest = token_hash(token)
        moment = utc_now()
        with self.sessions() as session:
            row = session.scalars(select(TokenRow).where(TokenRow.token_hash == digest)).first()
            if row is None or row.revoked_at is not None:
                return None
            if row.expires_at is not None and aware(row.expires_at) < moment:
                return None
            principal = Principal(row.role, row.name, row.id, row.mobility_id)
            last = aware(row.last_used_at) if row.last_used_at else None
        if last is None or moment - last > dt.timedelta(minutes=1):
            with self.sessions.begin() as session:
                session.execute(
                    update(TokenRow)
                    .where(TokenRow.id == principal.token_id)
                    .values(last_used_at=moment)
                )
        return principal

    def revoke(self, token_id: int, actor: str = "cli") -> None:
        with self.sessions.begin() as session:
            row = session.get(TokenRow, token_id)
            if row is None:
                raise NotFound(f"There is no token {token_id}.")
            row.revoked_at = row.revoked_at or utc_now()
            audit.record(
                session,
                actor,
                "token.revoke",
                mobility_id=row.mobility_id,
                subject=f"{row.role}:{row.name}",
                token=row.id,
            )

    def revoke_participant_links(self, mobility_id: str, actor: str) -> int:
        with self.sessions.begin() as session:
            rows = session.scalars(
                select(TokenRow).where(
                    TokenRow.mobility_id == mobility_id, TokenRow.revoked_at.is_(None)
                )
            ).all()
            for row in rows:
                row.revoked_at = utc_now()
            if rows:
                audit.record(
                    session, actor, "token.revoke", mobility_id=mobility_id, count=len(rows)
                )
            return len(rows)

    def participant_link(
        self, mobility_id: str, reference: str, *, valid_days: float, actor: str
    ) -> tuple[str, TokenRow]:
        """A new participant's token for one dossier; the older ones stop working."""
        self.revoke_participant_links(mobility_id, actor)
        return self.create(
            PARTICIPANT, reference, mobility_id=mobility_id, valid_days=valid_days, actor=actor
        )

    def listing(self) -> list[dict[str, Any]]:
        with self.sessions() as session:
            rows = session.scalars(
                select(TokenRow).where(TokenRow.role != PARTICIPANT).order_by(TokenRow.id)
            ).all()
        return [
            {
                "id": row.id,
                "name": row.name,
                "role": row.role,
                "prefix": row.prefix,
                "created_at": iso_utc(row.created_at),
                "last_used_at": iso_utc(row.last_used_at),
                "revoked_at": iso_utc(row.revoked_at),
            }
            for row in rows
        ]


def current() -> Principal:
    principal: Principal | None = g.get("principal")
    if principal is None:
        raise Unauthorized("Send a token: Authorization: Bearer TOKEN.")
    return principal


def require(*roles: str) -> Principal:
    principal = current()
    if principal.role not in roles:
        raise Forbidden(
            f"A {principal.role} token may not do this; it needs a token of the role "
            f"{' or '.join(roles)}."
        )
    return principal


def remote_addr() -> str | None:
    return request.remote_addr


def install(app: Flask, tokens: TokenStore) -> None:
    """Every request under /api/v1 (but its documentation) needs a valid token."""

    @app.before_request
    def authenticate() -> None:
        path = request.path
        if not path.startswith("/api/v1") or path.startswith(_PUBLIC):
            return
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(
                "This API needs a token: send the header Authorization: Bearer TOKEN. An "
                "administrator makes one with: docservice token create --role office NAME."
            )
        principal = tokens.authenticate(token.strip())
        if principal is None:
            raise Unauthorized(
                "The token is not valid (mistyped, revoked or expired); ask the office for a "
                "new one."
            )
        if principal.role == PARTICIPANT:
            match = _PARTICIPANT_PATH.match(path)
            if match is None or match["id"] != principal.mobility_id:
                raise Forbidden("A participant's link opens their own dossier only.")
            if request.method not in ("GET", "PUT", "HEAD"):
                raise Forbidden("A participant may read their dossier and upload documents.")
        g.principal = principal
