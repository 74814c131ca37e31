"""Background checks and webhook deliveries, on a huey task queue.

The embedded default keeps the queue in SQLite beside the database (no server); with
``DOCSERVICE_QUEUE_URL=redis://…`` it is Redis, shared by any number of ``docservice worker``
processes on any number of machines. ``docservice serve`` runs worker threads in itself
(``DOCSERVICE_WORKERS``, 2 by default).

The queue only carries ids; the database says what is to be done. A worker *claims* an upload
before checking it (``DossierStore.claim``) and renews its lease while the check runs. Every
worker also looks, every few seconds, for work that a crashed worker left behind (a check whose
lease ran out, a queued upload or a webhook delivery whose queue message was lost) and puts it
back on the queue; the claim makes sure each is done once even if it is queued twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sqlite3
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import redis
from huey import Huey, RedisHuey, SqliteHuey

from docservice import checking
from docservice.background.jobs import BatchJobs
from docservice.background.mail import Mailer
from docservice.background.webhooks import Webhooks
from docservice.clock import utc_now
from docservice.dossier.claims import MAX_ATTEMPTS, Claims
from docservice.dossier.retention import expired_scans
from docservice.dossier.service import Dossiers
from docservice.dossier.store import REVIEW, DossierStore
from docservice.errors import ConfigurationError, DocserviceError
from docservice.messaging.notices import Notices
from docservice.mobility import parse_mobility
from docservice.settings import Settings

log = logging.getLogger(__name__)
# An idle worker of the embedded queue looks for work at least this often (huey's default backs
# off to 10 s, which a participant waiting for a text PDF's answer would notice); Redis blocks
# on the queue and wakes at once.
IDLE_POLL_S = 1.0
# How often a worker looks for passport scans whose retention period ended.
PURGE_EVERY_S = 3600.0
NOTICES_EVERY_S = 3600.0  # reminders and the digest are looked for hourly, made once a day


def make_huey(settings: Settings, *, immediate: bool = False) -> Huey:
    if settings.queue_url:
        try:
            return RedisHuey(
                settings.queue_name, url=settings.queue_url, results=False, immediate=immediate
            )
        except Exception as exc:  # redis-py raises several kinds for a bad URL
            raise ConfigurationError(f"Cannot use the queue URL: {exc}.") from None
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return SqliteHuey(
        settings.queue_name,
        filename=str((settings.data_dir / "queue.sqlite3").resolve()),
        results=False,
        immediate=immediate,
    )


def queue_label(settings: Settings) -> str:
    """Where the queue is, fit for a message or a log: a Redis URL without its password."""
    if not settings.queue_url:
        return f"the embedded queue ({settings.data_dir / 'queue.sqlite3'})"
    parts = urlsplit(settings.queue_url)
    if parts.password is None:
        return settings.queue_url
    netloc = f"{parts.username or ''}:***@{parts.hostname or ''}"
    netloc += f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=netloc).geturl()


class TaskQueue:
    """The queue's producing side (``queue.Queue``): ids put on huey under the two tasks'
    names. Made first and passed to what queues work (the dossier service, webhooks);
    the consuming side (``CheckQueue``) says, as it is made, who does the work."""

    def __init__(self, huey: Huey) -> None:
        self.huey = huey
        self._worker: CheckQueue | None = None
        self._check = huey.task(name="docservice.check_upload")(self._run_check)
        self._deliver = huey.task(name="docservice.deliver_webhook")(self._run_delivery)
        self._batch = huey.task(name="docservice.run_batch")(self._run_batch)
        self._mail = huey.task(name="docservice.send_mail")(self._run_mail)

    def enqueue_check(self, upload_id: int) -> None:
        try:
            self._check(upload_id)
        except Exception:
            # The upload is stored and queued in the database: a worker's sweep will find it.
            log.exception(
                "could not put upload %s on the queue; a worker will pick it up", upload_id
            )

    def enqueue_delivery(self, delivery_id: str) -> None:
        try:
            self._deliver(delivery_id)
        except Exception:
            log.exception("could not queue webhook delivery %s; a worker will send it", delivery_id)

    def enqueue_batch(self, job_id: str) -> None:
        try:
            self._batch(job_id)
        except Exception:
            log.exception("could not queue batch job %s; a worker will run it", job_id)

    def enqueue_mail(self, mail_id: str) -> None:
        try:
            self._mail(mail_id)
        except Exception:
            log.exception("could not queue e-mail %s; a worker will send it", mail_id)

    def worked_by(self, worker: CheckQueue) -> None:
        self._worker = worker

    def _run_check(self, upload_id: int) -> None:
        self._working().check_upload(upload_id)

    def _run_delivery(self, delivery_id: str) -> None:
        self._working().webhooks.deliver(delivery_id)

    def _run_batch(self, job_id: str) -> None:
        self._working().jobs.run(job_id)

    def _run_mail(self, mail_id: str) -> None:
        self._working().mailer.deliver(mail_id)

    def _working(self) -> CheckQueue:
        if self._worker is None:  # a programming mistake: services are built together
            raise RuntimeError("the task queue has no worker side")
        return self._worker


class CheckQueue:
    """The queue's consuming side: checks uploads, delivers webhooks and e-mail, sweeps for what
    crashed workers left behind; as threads of ``serve`` or as ``docservice worker``."""

    def __init__(
        self,
        queue: TaskQueue,
        dossiers: Dossiers,
        store: DossierStore,
        webhooks: Webhooks,
        jobs: BatchJobs,
        settings: Settings,
        mailer: Mailer,
        notices: Notices,
    ) -> None:
        self.queue = queue
        self.mailer = mailer
        self.notices = notices
        self._next_notices = 0.0  # the first sweep makes the day's notices
        self.jobs = jobs
        self.huey = queue.huey
        self.dossiers = dossiers
        self.store = store
        self.claims = Claims(store.sessions)
        self.webhooks = webhooks
        self.settings = settings
        self.worker_name = f"{socket.gethostname()}:{os.getpid()}"
        queue.worked_by(self)
        self._threads: list[threading.Thread] = []
        self._next_purge = 0.0  # the first sweep purges
        self._stop = threading.Event()
        self._consumer: Any = None

    def ensure_reachable(self) -> None:
        """Fail now, saying what to do, when the queue cannot be used (a Redis server that
        does not answer, an embedded queue file that cannot be opened)."""
        try:
            self.huey.storage.queue_size()
        except (redis.RedisError, sqlite3.Error, OSError) as exc:
            raise ConfigurationError(
                f"Cannot reach the queue at {queue_label(self.settings)}: {exc}. Start the "
                "queue's server, or correct DOCSERVICE_QUEUE_URL (unset, the embedded queue "
                "needs no server)."
            ) from None

    # -- consuming -------------------------------------------------------------------------
    def check_upload(self, upload_id: int) -> None:
        lease = self.settings.check_lease
        claim = self.claims.claim(upload_id, self.worker_name, lease)
        if claim is None:
            return  # done already, superseded, or another worker has it
        if claim.fence > MAX_ATTEMPTS:
            self.claims.finish(
                claim,
                REVIEW,
                None,
                f"The check was started {MAX_ATTEMPTS} times and never finished (its worker "
                "stopped each time); an officer should look at the document.",
            )
            self.dossiers.checked(claim.mobility_id, claim.kind)
            return
        try:
            mobility = parse_mobility(claim.record)
            travel = self.dossiers.grants.travel_rule(mobility)
            outcome = checking.background(
                claim.kind,
                self.store.blobs.path(claim.sha256),
                claim.filename,
                claim.record,
                travel,
                limits=checking.Limits.of(self.settings),
                heartbeat=lambda: self.claims.heartbeat(claim, lease),
                beat_every_s=max(0.2, min(5.0, lease / 3)),
            )
        except DocserviceError as exc:
            outcome = checking.Outcome(REVIEW, None, exc.message)
        if outcome is None:
            return
        evidence = self.store.blobs.put(outcome.evidence) if outcome.evidence else None
        if self.claims.finish(claim, outcome.status, outcome.report, outcome.error, evidence):
            self.dossiers.checked(claim.mobility_id, claim.kind)

    def sweep(self) -> int:
        """Queue again what crashed workers or lost messages left behind; now and then, delete
        the passport scans whose retention period ended."""
        again = self.claims.stale(queued_for_s=max(30.0, 2 * self.settings.check_lease))
        for upload_id in again:
            self.queue.enqueue_check(upload_id)
        due = self.webhooks.due()
        for delivery_id in due:
            self.queue.enqueue_delivery(delivery_id)
        jobs = self.jobs.left_behind(dt.timedelta(seconds=max(30.0, 2 * self.settings.check_lease)))
        for job_id in jobs:
            self.queue.enqueue_batch(job_id)
        mails = self.mailer.due()
        for mail_id in mails:
            self.queue.enqueue_mail(mail_id)
        if time.monotonic() >= self._next_purge:
            self._next_purge = time.monotonic() + PURGE_EVERY_S
            self.purge()
        if time.monotonic() >= self._next_notices:
            # the day's reminders and digest: each made once (its key), however often this runs
            self._next_notices = time.monotonic() + NOTICES_EVERY_S
            self.notices.daily(utc_now().date())
        return len(again) + len(due) + len(jobs) + len(mails)

    def purge(self) -> int | None:
        """Delete the passport scans past their retention period (None: no period is set)."""
        days = self.settings.passport_retention_days
        if days is None:
            return None
        deleted = expired_scans(self.store, dt.timedelta(days=days))
        if deleted:
            log.info("deleted %d passport scan(s) at the end of their retention period", deleted)
        return deleted

    def _sweeper(self) -> None:
        every = max(0.5, min(10.0, self.settings.check_lease / 3))
        while not self._stop.wait(every):
            try:
                self.sweep()
            except Exception:
                log.exception("the sweep for left-behind work failed; trying again")

    def start(self, threads: int) -> None:
        """Run ``threads`` workers and the sweeper as threads of this process (``serve``)."""
        self.huey.storage  # noqa: B018  (opened now, in this thread)
        consumer = self.huey.create_consumer(
            workers=threads,
            worker_type="thread",
            periodic=False,
            check_worker_health=False,
            max_delay=IDLE_POLL_S,
        )
        self._consumer = consumer
        consumer.scheduler.start()
        for _, worker in consumer.worker_threads:
            worker.start()
        self._start_sweeper()

    def _start_sweeper(self) -> None:
        sweeper = threading.Thread(target=self._sweeper, name="docservice-sweeper", daemon=True)
        sweeper.start()
        self._threads.append(sweeper)
        threading.Thread(target=self.sweep, name="docservice-first-sweep", daemon=True).start()

    def run_forever(self, threads: int) -> None:
        """``docservice worker``: the consumer in the foreground; SIGINT or SIGTERM stop it
        after the checks under way (a SIGKILL loses nothing either: their leases run out)."""
        consumer = self.huey.create_consumer(
            workers=threads,
            worker_type="thread",
            periodic=False,
            graceful_signal="TERM",
            max_delay=IDLE_POLL_S,
        )
        self._consumer = consumer
        self._start_sweeper()
        try:
            consumer.run()
        finally:
            self._stop.set()

    def stop(self) -> None:
        self._stop.set()
        if self._consumer is not None:
            self._consumer.stop_flag.set()
            for _, worker in self._consumer.worker_threads:
                worker.join(timeout=10)
