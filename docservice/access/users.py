"""Office users of the web pages: made with ``docservice user create``, signed in with a password.

Passwords are kept as salted scrypt hashes (werkzeug.security), never in clear. A wrong username
and a wrong password get the same answer, and the check costs the same time for both, so the
login page does not tell which usernames exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.security import check_password_hash, generate_password_hash

from docservice.access import audit
from docservice.clock import aware, iso_utc, utc_now
from docservice.errors import Conflict, InputError, NotFound, TooManyAttempts, say
from docservice.storage.models import AuditRow, UserRow

MIN_PASSWORD = 10
# Wrong passwords for one username within LOCKOUT that stop further tries until it has passed.
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
RESET_HOURS = 2.0  # a link to set a password works this long (a new user's: a day)
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
# Compared against when the username is unknown, so that case takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("docservice-no-such-user")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    name: str
    is_admin: bool = False
    email: str | None = None

    @property
    def label(self) -> str:
        """As the audit log names an office user."""
        return f"office:{self.username}"


class UserStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def create(
        self,
        username: str,
        name: str,
        password: str,
        *,
        actor: str = "cli",
        is_admin: bool = False,
        email: str | None = None,
    ) -> User:
        username = username.strip().lower()
        if not _USERNAME.match(username):
            raise InputError(
                "A username is 2 to 80 lower-case letters, digits, dots, dashes or underscores "
                f"(not {username!r})."
            )
        if not name.strip():
            raise InputError("Give the user's full name, as the pages and the audit log show it.")
        if len(password) < MIN_PASSWORD:
            raise InputError(f"A password has at least {MIN_PASSWORD} characters.")
        row = UserRow(
            username=username,
            name=name.strip()[:160],
            password_hash=generate_password_hash(password),
            created_at=utc_now(),
            is_admin=is_admin,
            email=(email or "").strip() or None,
        )
        try:
            with self.sessions.begin() as session:
                session.add(row)
                session.flush()
                audit.record(session, actor, "user.create", subject=f"office:{username}")
        except IntegrityError:
            raise Conflict(f"There is a user {username!r} already.") from None
        return _user(row)

    def authenticate(
        self, username: str, password: str, *, remote_addr: str | None = None
    ) -> User | None:
        """The user, or None for a wrong username or password. After ``MAX_FAILURES`` wrong
        tries for one username within ``LOCKOUT``, :class:`TooManyAttempts` until it passes."""
        username = username.strip().lower()
        since = utc_now() - LOCKOUT
        with self.sessions() as session:
            failures = session.scalar(
                select(func.count())
                .select_from(AuditRow)
                .where(
                    AuditRow.action == "user.login_failed",
                    AuditRow.subject == f"office:{username}",
                    AuditRow.at >= since,
                )
            )
            row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
        if (failures or 0) >= MAX_FAILURES:
            raise TooManyAttempts(
                f"Too many wrong passwords for this username; wait "
                f"{int(LOCKOUT.total_seconds() // 60)} minutes and try again."
            )
        if row is None or row.disabled_at is not None:
            check_password_hash(_DUMMY_HASH, password)
            ok = False
        else:
            ok = check_password_hash(row.password_hash, password)
        with self.sessions.begin() as session:
            if not ok or row is None:
                audit.record(
                    session,
                    "anonymous",
                    "user.login_failed",
                    subject=f"office:{username[:80]}",
                    remote_addr=remote_addr,
                )
                return None
            found = session.get(UserRow, row.id)
            if found is not None:
                found.last_login_at = utc_now()
            audit.record(session, f"office:{row.username}", "user.login", remote_addr=remote_addr)
        return _user(row)

    def names(self) -> dict[str, str]:
        """Every user's name by username, disabled ones too (they are still named in the
        record of what they did)."""
        with self.sessions() as session:
            return {u: n for u, n in session.execute(select(UserRow.username, UserRow.name))}

    def get(self, user_id: int) -> User | None:
        """The user of a session, while the user is not disabled."""
        with self.sessions() as session:
            row = session.get(UserRow, user_id)
        if row is None or row.disabled_at is not None:
            return None
        return _user(row)

    def set_disabled(self, username: str, disabled: bool, *, actor: str = "cli") -> None:
        with self.sessions.begin() as session:
            row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
            if row is None:
                raise NotFound(f"There is no user {username!r}.")
            row.disabled_at = utc_now() if disabled else None
            audit.record(
                session,
                actor,
                "user.disable" if disabled else "user.enable",
                subject=f"office:{username}",
            )

    def listing(self) -> list[dict[str, Any]]:
        with self.sessions() as session:
            rows = session.scalars(select(UserRow).order_by(UserRow.username)).all()
        return [
            {
                "username": row.username,
                "name": row.name,
                "created_at": iso_utc(row.created_at),
                "last_login_at": iso_utc(row.last_login_at),
                "disabled": row.disabled_at is not None,
                "is_admin": row.is_admin,
                "email": row.email,
            }
            for row in rows
        ]

    def start_reset(
        self, who: str, *, actor: str, hours: float = RESET_HOURS
    ) -> tuple[User, str] | None:
        """A password reset for the user named by username or e-mail address: the user and the
        link's token (kept only as its hash, working for ``hours``); None when no active user
        is found (the caller answers the same either way)."""
        key = who.strip().lower()
        with self.sessions.begin() as session:
            row = session.scalars(
                select(UserRow).where(
                    (UserRow.username == key) | (func.lower(UserRow.email) == key)
                )
            ).first()
            if row is None or row.disabled_at is not None:
                return None
            token = secrets.token_urlsafe(32)
            row.reset_hash = hashlib.sha256(token.encode()).hexdigest()
            row.reset_expires_at = utc_now() + dt.timedelta(hours=hours)
            audit.record(session, actor, "user.reset_started", subject=f"office:{row.username}")
            return _user(row), token

    def reset_user(self, token: str) -> User | None:
        """The user a reset link is for, while it works."""
        digest = hashlib.sha256(token.encode()).hexdigest()
        with self.sessions() as session:
            row = session.scalars(select(UserRow).where(UserRow.reset_hash == digest)).first()
        if row is None or row.disabled_at is not None or row.reset_expires_at is None:
            return None
        if aware(row.reset_expires_at) < utc_now():
            return None
        return _user(row)

    def finish_reset(self, token: str, password: str) -> User:
        """Set the new password through a reset link; the link works once."""
        if len(password) < MIN_PASSWORD:
            raise InputError(
                say("A password has at least %(count)d characters.", count=MIN_PASSWORD)
            )
        found = self.reset_user(token)
        if found is None:
            raise NotFound(
                say("This link to set a password has ended or was used; ask for a new one.")
            )
        with self.sessions.begin() as session:
            row = session.get(UserRow, found.id)
            assert row is not None
            row.password_hash = generate_password_hash(password)
            row.reset_hash = row.reset_expires_at = None
            audit.record(session, f"office:{row.username}", "user.password_set")
        return found

    def set_admin(self, username: str, admin: bool, *, actor: str) -> None:
        with self.sessions.begin() as session:
            row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
            if row is None:
                raise NotFound(say("There is no user %(name)s.", name=repr(username)))
            row.is_admin = admin
            audit.record(
                session,
                actor,
                "user.admin" if admin else "user.not_admin",
                subject=f"office:{username}",
            )


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.name, bool(row.is_admin), row.email)
