"""What queues background work needs of the queue: put an id on it. The dossier service, the
webhooks and the mailer are given one in their constructors; ``tasks.TaskQueue`` puts the ids
on huey, ``Unqueued`` keeps them in the database only (a worker's sweep finds them there)."""

from __future__ import annotations

from typing import Protocol


class Queue(Protocol):
    def enqueue_check(self, upload_id: int) -> None:
        """Check this stored upload in the background."""

    def enqueue_delivery(self, delivery_id: str) -> None:
        """Send this stored webhook delivery in the background."""

    def enqueue_batch(self, job_id: str) -> None:
        """Run this stored batch generation job in the background."""

    def enqueue_mail(self, mail_id: str) -> None:
        """Send this stored e-mail in the background."""


class Unqueued:
    """Nothing put on a queue: the work waits in the database for a worker's sweep (a tool
    that stores without a queue at hand)."""

    def enqueue_check(self, upload_id: int) -> None:
        return None

    def enqueue_delivery(self, delivery_id: str) -> None:
        return None

    def enqueue_batch(self, job_id: str) -> None:
        return None

    def enqueue_mail(self, mail_id: str) -> None:
        return None
