"""E-mail through the institution's SMTP server, with an outbox.

Every message is a row first (``outbox``) and an SMTP conversation after, so a crash between the
two loses nothing: a worker sends what is still queued. A server that refuses or cannot be
reached gets the message again later, with a growing pause, up to ``MAX_ATTEMPTS``; the office
sees each message's state. Without ``DOCSERVICE_SMTP_URL`` nothing is sent: the messages are kept
as ``unsent`` and the office's pages say so.

``DOCSERVICE_SMTP_URL`` is ``smtp://[user:password@]host[:port]`` (plain, or STARTTLS with
``?starttls=true``) or ``smtps://…`` (TLS from the start, port 465 by default). Each message has
a Message-ID of its own row, the same on every attempt, so a server or reader that saw it once
can tell a repeat.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import smtplib
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docservice.background.attempts import GAVE_UP, Attempts
from docservice.background.queue import Queue
from docservice.clock import iso_utc, utc_now
from docservice.errors import ConfigurationError, InputError, say
from docservice.storage.models import MailRow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
TIMEOUT_S = 20
QUEUED, SENT, FAILED, UNSENT = "queued", "sent", "failed", "unsent"


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool  # TLS from the start (smtps)
    starttls: bool
    user: str | None
    password: str | None

    @classmethod
    def parse(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ConfigurationError(
                f"DOCSERVICE_SMTP_URL must be smtp://host:port or smtps://host:port (with "
                f"user:password@ before the host when the server asks for a login), not {url!r}."
            )
        tls = parts.scheme == "smtps"
        query = parse_qs(parts.query)
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            tls=tls,
            starttls=query.get("starttls", ["false"])[0].lower() in ("1", "true", "yes"),
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


def checked_address(address: str | None) -> str:
    """An e-mail address as a message's To can hold it; an input error naming what is wrong."""
    _name, found = parseaddr(address or "")
    if not found or "@" not in found or any(c in found for c in " \r\n<>,;"):
        raise InputError(
            say(
                "The record has no usable e-mail address (%(address)s); add the participant's "
                "address to the record first.",
                address=repr(address or ""),
            )
        )
    return found


class Mailer:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        queue: Queue,
        smtp_url: str | None,
        sender: str,
        *,
        retry_base_s: float = 60,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.sessions = sessions
        self.queue = queue
        self.server = SmtpServer.parse(smtp_url) if smtp_url else None
        self.sender = sender
        self.retry_base_s = retry_base_s
        self.clock = clock

    @property
    def attempts(self) -> Attempts:
        """The messages' tries, at the retry pause and clock set now."""
        return Attempts(
            self.sessions,
            MailRow,
            waiting=QUEUED,
            done=SENT,
            failed=FAILED,
            done_at="sent_at",
            max_attempts=MAX_ATTEMPTS,
            hold=dt.timedelta(seconds=3 * TIMEOUT_S),
            retry_base_s=self.retry_base_s,
            clock=self.clock,
        )

    @property
    def configured(self) -> bool:
        return self.server is not None

    def send(
        self,
        *,
        kind: str,
        to: str,
        subject: str,
        body: str,
        lang: str,
        by: str,
        mobility_id: str | None = None,
        key: str | None = None,
        attachments: list[tuple[str, str, bytes]] | None = None,
    ) -> dict[str, Any] | None:
        """Keep the message in the outbox and queue it (kept as unsent with no server).
        ``key``: a notice made once; None when one with this key is in the outbox already."""
        row = MailRow(
            id=uuid.uuid4().hex[:24],
            kind=kind,
            key=key,
            mobility_id=mobility_id,
            to_address=checked_address(to),
            subject=subject.replace("\r", " ").replace("\n", " ")[:300],
            body=body,
            attachments=[
                {"filename": name, "type": kind, "data": base64.b64encode(data).decode()}
                for name, kind, data in attachments or []
            ]
            or None,
            lang=lang,
            status=QUEUED if self.configured else UNSENT,
            attempts=0,
            created_at=self.clock(),
            created_by=by,
            next_attempt_at=self.clock() if self.configured else None,
        )
        try:
            with self.sessions.begin() as session:
                session.add(row)
                out = _as_dict(row)
        except IntegrityError:
            if key is None:
                raise
            return None  # made already (by this worker or another)
        if self.configured:
            self.queue.enqueue_mail(row.id)
        return out

    def deliver(self, mail_id: str) -> None:
        """One try; a failure schedules the next (a worker's sweep picks it up when due)."""
        if self.server is None:
            return
        row = self.attempts.claim(mail_id)
        if row is None:
            return
        error = None
        try:
            self._transmit(self._message(row))
        except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
            error = f"{exc.__class__.__name__}: {exc}"
        outcome = self.attempts.record(mail_id, error)
        if outcome is not None and outcome[0] == GAVE_UP:
            log.warning("e-mail %s to the outbox's %s failed: %s", mail_id, row.kind, error)

    def _message(self, row: MailRow) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = row.to_address
        message["Subject"] = row.subject
        message["Date"] = format_datetime(row.created_at)
        domain = parseaddr(self.sender)[1].rpartition("@")[2] or "docservice"
        message["Message-ID"] = f"<{row.id}@{domain}>"
        message["Content-Language"] = row.lang
        message.set_content(row.body)
        for attached in row.attachments or []:
            maintype, _, subtype = attached["type"].partition("/")
            message.add_attachment(
                base64.b64decode(attached["data"]),
                maintype=maintype,
                subtype=subtype,
                filename=attached["filename"],
            )
        return message

    def _transmit(self, message: EmailMessage) -> None:
        server = self.server
        assert server is not None
        context = ssl.create_default_context()
        connect = smtplib.SMTP_SSL if server.tls else smtplib.SMTP
        kwargs: dict[str, Any] = {"timeout": TIMEOUT_S}
        if server.tls:
            kwargs["context"] = context
        with connect(server.host, server.port, **kwargs) as smtp:
            if server.starttls:
                smtp.starttls(context=context)
            if server.user:
                smtp.login(server.user, server.password or "")
            smtp.send_message(message)

    def due(self) -> list[str]:
        """Queued messages whose time has come (retries, and any a crash left behind)."""
        return self.attempts.due() if self.server is not None else []

    def outbox(self, *, mobility_id: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        query = select(MailRow).order_by(MailRow.created_at.desc()).limit(limit)
        if mobility_id:
            query = query.where(MailRow.mobility_id == mobility_id)
        with self.sessions() as session:
            return [_as_dict(row) for row in session.scalars(query)]


def _as_dict(row: MailRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "mobility_id": row.mobility_id,
        "to": row.to_address,
        "subject": row.subject,
        "lang": row.lang,
        "status": row.status,
        "attempts": row.attempts,
        "created_at": iso_utc(row.created_at),
        "created_by": row.created_by,
        "sent_at": iso_utc(row.sent_at),
        "last_error": row.last_error,
    }
