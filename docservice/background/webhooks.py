"""Webhooks: signed POSTs to the office's systems when something happens to a dossier.

Events: ``document.checked`` (a check finished), ``document.decided`` (an officer accepted or
rejected a document) and ``dossier.ready_for_payment`` (a dossier became ready for the
prefinancing, the balance, or a recovery). Each delivery is a row first and a POST after, so a
crash between the two loses nothing: the row is still pending and a worker sends it. A receiver
that does not answer 2xx gets the event again later, with a growing pause, up to ``MAX_ATTEMPTS``.

The body is JSON: ``{"id", "event", "created_at", "data"}``. The headers carry
``X-Docservice-Event``, ``X-Docservice-Delivery`` and ``X-Docservice-Signature:
t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the shared secret>``; a receiver
recomputes it, compares in constant time and refuses old timestamps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from docservice import __version__
from docservice.background.attempts import GAVE_UP, Attempts
from docservice.background.queue import Queue
from docservice.clock import iso_utc, utc_now
from docservice.storage.models import DeliveryRow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
TIMEOUT_S = 10
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_signature(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance_s: int = 300,
    now: dt.datetime | None = None,
) -> bool:
    """What a receiver does (and the tests): recompute the signature and compare; a signature
    older or newer than ``tolerance_s`` seconds (by ``now``, the receiver's clock) fails."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs((now or utc_now()).timestamp() - timestamp) > tolerance_s:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


class Webhooks:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        urls: tuple[str, ...],
        secret: str | None,
        queue: Queue,
        *,
        retry_base_s: float = 30,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        """``transport``: how POSTs go out (httpx's own by default; a test passes a mock);
        ``clock``: the service's clock, for the signature's time and the retries."""
        self.sessions = sessions
        self.urls = urls
        self.secret = secret
        self.retry_base_s = retry_base_s
        self.transport = transport
        self.clock = clock
        self.queue = queue
        self.listeners: list[Callable[[str, dict[str, Any], str | None], None]] = []

    @property
    def attempts(self) -> Attempts:
        """The deliveries' tries, at the retry pause and clock set now."""
        return Attempts(
            self.sessions,
            DeliveryRow,
            waiting=PENDING,
            done=DELIVERED,
            failed=FAILED,
            done_at="delivered_at",
            max_attempts=MAX_ATTEMPTS,
            hold=dt.timedelta(seconds=3 * TIMEOUT_S),
            retry_base_s=self.retry_base_s,
            clock=self.clock,
        )

    def listen(self, listener: Callable[[str, dict[str, Any], str | None], None]) -> None:
        """Tell ``listener`` of every event too, in this process (the e-mail notices)."""
        self.listeners.append(listener)

    def emit(self, event: str, data: dict[str, Any], *, mobility_id: str | None = None) -> None:
        for listener in self.listeners:
            try:
                listener(event, data, mobility_id)
            except Exception:  # a notice that fails never stops the event
                log.exception("a listener of %s failed", event)
        if not self.urls:
            return
        ids = []
        with self.sessions.begin() as session:
            for url in self.urls:
                delivery = DeliveryRow(
                    id=uuid.uuid4().hex[:24],
                    event=event,
                    url=url,
                    body="",
                    mobility_id=mobility_id,
                    status=PENDING,
                    attempts=0,
                    created_at=self.clock(),
                    next_attempt_at=self.clock(),
                )
                delivery.body = json.dumps(
                    {
                        "id": delivery.id,
                        "event": event,
                        "created_at": iso_utc(delivery.created_at),
                        "data": data,
                    },
                    ensure_ascii=False,
                )
                session.add(delivery)
                ids.append(delivery.id)
        for delivery_id in ids:
            self.queue.enqueue_delivery(delivery_id)

    def deliver(self, delivery_id: str) -> None:
        """One try; a failure schedules the next one (a worker picks it up when due)."""
        row = self.attempts.claim(delivery_id)
        if row is None:
            return
        url, event = row.url, row.event
        body = row.body.encode()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"docservice/{__version__}",
            "X-Docservice-Event": event,
            "X-Docservice-Delivery": delivery_id,
            "X-Docservice-Signature": signature(
                self.secret or "", int(self.clock().timestamp()), body
            ),
        }
        status: int | None = None
        error: str | None = None
        try:
            with httpx.Client(transport=self.transport, timeout=TIMEOUT_S) as client:
                answer = client.post(url, content=body, headers=headers)
            status = answer.status_code
            if not answer.is_success:
                error = f"HTTP {status} {answer.reason_phrase}"
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            error = f"{exc.__class__.__name__}: {exc}"
        outcome = self.attempts.record(delivery_id, error, last_status=status)
        if outcome is not None and outcome[0] == GAVE_UP:
            log.warning("webhook %s to %s failed %d times: %s", event, url, outcome[1], error)

    def due(self) -> list[str]:
        """Pending deliveries whose time has come (retries, and any a crash left behind)."""
        return self.attempts.due()

    def log(self, *, mobility_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        query = select(DeliveryRow).order_by(DeliveryRow.created_at.desc()).limit(limit)
        if mobility_id:
            query = query.where(DeliveryRow.mobility_id == mobility_id)
        with self.sessions() as session:
            return [
                {
                    "id": row.id,
                    "event": row.event,
                    "url": row.url,
                    "mobility_id": row.mobility_id,
                    "status": row.status,
                    "attempts": row.attempts,
                    "created_at": iso_utc(row.created_at),
                    "next_attempt_at": iso_utc(row.next_attempt_at),
                    "delivered_at": iso_utc(row.delivered_at),
                    "last_status": row.last_status,
                    "last_error": row.last_error,
                }
                for row in session.scalars(query)
            ]
