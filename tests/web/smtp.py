"""A real SMTP server in this process (aiosmtpd), for the tests to read what docservice sent."""

from __future__ import annotations

import email
import email.policy
import socket
import time
from typing import Any

from aiosmtpd.controller import Controller


class Inbox:
    """What the SMTP server received, parsed."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """The SMTP server, which a test may stop and start again (a new one on the same port)."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, subject: str, timeout: float = 20) -> Any:
        """The newest message with this subject, once it arrived (a worker thread sends it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.inbox.messages if m["Subject"] == subject]
            if found:
                return found[-1]
            time.sleep(0.1)
        raise AssertionError(f"no e-mail {subject!r} arrived")
