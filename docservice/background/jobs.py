"""Batch generation jobs, on the same task queue as the checks: any worker takes them.

A job's sheet is stored under the data folder before it is accepted, its progress in the
database. The worker that runs a job claims it with a lease it renews as the job goes on; a job
whose queue message was lost, or whose worker stopped (its lease ran out), is queued again by
every worker's sweep, so an accepted sheet is never lost and no job runs twice at once.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from docservice.background.leases import left_behind, takeable
from docservice.background.queue import Queue
from docservice.clock import utc_now
from docservice.errors import DocserviceError, InputError, say, to_data
from docservice.generation.batch import run_batch
from docservice.generation.service import DocumentService
from docservice.mobility import parse_mobility
from docservice.storage.blobs import BlobStore
from docservice.storage.models import BatchJob, MobilityRow
from docservice.tabular import Row, read_rows

log = logging.getLogger(__name__)
DOSSIERS = "(dossiers)"  # the filename of a job on dossiers picked on the dashboard


@dataclass(frozen=True)
class JobOptions:
    templates: list[str]
    formats: list[str]
    lang: str | None
    filename: str
    # A job on dossiers picked on the dashboard: what it makes is attached to them, issued by
    # the officer who asked
    issued_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "templates": self.templates,
            "formats": self.formats,
            "lang": self.lang,
            "filename": self.filename,
            "issued_by": self.issued_by,
        }


def problems_of(rows: list[Row], manifest: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows a batch could not use and the documents it could not make, with why, kept as
    data (``errors.to_data``) so a page says them in its own language."""
    by_number = {row.number: row for row in rows}
    out = []
    for line in manifest:
        if line.get("status") == "ok":
            continue
        row = by_number.get(int(line["row"])) if str(line.get("row", "")).isdigit() else None
        problems = (row.problems if row is not None and row.mobility is None else []) or [
            {"key": "", "message": line.get("message", "")}
        ]
        out.append(
            {
                "row": line.get("row"),
                "reference": line.get("reference"),
                "template": line.get("template") or None,
                "problems": [
                    {"key": p.get("key", ""), "message": to_data(p.get("message"))}
                    for p in problems
                ],
            }
        )
    return out[:500]


class BatchJobs:
    def __init__(
        self,
        service: DocumentService,
        sessions: sessionmaker[Session],
        folder: Path,
        queue: Queue,
        *,
        retention: dt.timedelta = dt.timedelta(days=7),
        lease: dt.timedelta = dt.timedelta(seconds=60),
        blobs: BlobStore | None = None,
    ) -> None:
        self.blobs = blobs  # the dossiers' file store, for what a job on dossiers makes
        self.service = service
        self.sessions = sessions
        self.folder = folder
        self.queue = queue
        self.retention = retention
        self.lease = lease
        self.worker_name = f"{socket.gethostname()}:{os.getpid()}"

    def expire(self) -> int:
        """Delete the ZIPs (and sheets) of jobs finished longer ago than the retention period:
        they hold participants' bank accounts. The job's record stays, marked expired."""
        cutoff = utc_now() - self.retention
        with self.sessions.begin() as session:
            old = session.scalars(
                select(BatchJob).where(
                    BatchJob.status.in_(("done", "failed")), BatchJob.finished_at < cutoff
                )
            ).all()
            for job in old:
                self.result(job.id).unlink(missing_ok=True)
                self._input(job.id).unlink(missing_ok=True)
                job.status, job.result_path = "expired", None
        return len(old)

    def _input(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.input"

    def result(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.zip"

    def submit(self, data: bytes, options: JobOptions) -> BatchJob:
        rows = read_rows(data, options.filename)  # a bad sheet is refused now, not later
        valid = sum(row.mobility is not None for row in rows)
        return self._accept(data, options, valid * len(options.templates))

    def submit_dossiers(self, mobility_ids: list[str], options: JobOptions) -> BatchJob:
        """A job on dossiers: their records as they are when it runs, what it makes attached."""
        if not mobility_ids:
            raise InputError(say("Tick the dossiers to make the documents for."))
        data = json.dumps({"dossiers": mobility_ids}).encode()
        return self._accept(data, options, len(mobility_ids) * len(options.templates))

    def _rows(self, job_id: str, options: dict[str, Any]) -> list[Row]:
        data = self._input(job_id).read_bytes()
        if options.get("filename") != DOSSIERS:
            return read_rows(data, options["filename"])
        ids = json.loads(data)["dossiers"]
        with self.sessions() as session:
            found = {
                row.id: row
                for row in session.scalars(select(MobilityRow).where(MobilityRow.id.in_(ids)))
            }
        rows = []
        for number, mobility_id in enumerate(ids, start=1):
            stored = found.get(mobility_id)
            if stored is None:
                continue  # deleted since it was picked
            try:
                mobility, problems = parse_mobility(stored.record), []
            except InputError as exc:
                mobility, problems = None, exc.details
            rows.append(
                Row(number, mobility, None, stored.reference, stored.record, problems, mobility_id)
            )
        return rows

    def _accept(self, data: bytes, options: JobOptions, total: int) -> BatchJob:
        job_id = uuid.uuid4().hex
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        part = self._input(job_id).with_suffix(".part")
        part.touch(mode=0o600)
        part.write_bytes(data)
        part.replace(self._input(job_id))
        job = BatchJob(
            id=job_id,
            status="queued",
            created_at=utc_now(),
            total=total,
            done=0,
            failed=0,
            options=options.to_dict(),
        )
        with self.sessions.begin() as session:
            session.add(job)
        self.queue.enqueue_batch(job_id)
        return job

    def get(self, job_id: str) -> BatchJob | None:
        with self.sessions() as session:
            return session.get(BatchJob, job_id)

    def left_behind(self, queued_for: dt.timedelta) -> list[str]:
        """Jobs to queue again: queued this long without a worker taking them (the queue lost
        the message), or running on a worker whose lease ran out (it stopped)."""
        now = utc_now()
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(BatchJob.id).where(
                        left_behind(
                            BatchJob, "queued", "running", now, BatchJob.created_at, queued_for
                        )
                    )
                ).all()
            )

    def _claim(self, job_id: str) -> bool:
        """Take the job for this worker: only one worker gets a job that is queued, or running
        on a worker whose lease ran out."""
        now = utc_now()
        with self.sessions.begin() as session:
            taken = session.execute(
                update(BatchJob)
                .where(BatchJob.id == job_id, takeable(BatchJob, "queued", "running", now))
                .values(
                    status="running", worker=self.worker_name, lease_until=now + self.lease, done=0
                )
            )
            return bool(getattr(taken, "rowcount", 0))

    def _update(self, job_id: str, **values: Any) -> None:
        with self.sessions.begin() as session:
            job = session.get(BatchJob, job_id)
            if job is not None:
                for key, value in values.items():
                    setattr(job, key, value)

    def run(self, job_id: str) -> None:
        """Run the job, when this worker can claim it (a worker's task)."""
        if not self._claim(job_id):
            return  # done already, or another worker has it
        job = self.get(job_id)
        if job is None:
            return
        options = job.options
        last = [0.0]
        lock = threading.Lock()

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            with lock:
                if now - last[0] < 0.5 and done < total:
                    return
                last[0] = now
            self._update(job_id, done=done, total=total, lease_until=utc_now() + self.lease)

        try:
            rows = self._rows(job_id, options)
            summary = run_batch(
                self.service,
                rows,
                templates=options["templates"],
                formats=options["formats"],
                lang=options["lang"],
                out_zip=self.result(job_id),
                progress=progress,
                issued_by=options.get("issued_by"),
                keep=self.blobs.put if self.blobs is not None else None,
            )
        except DocserviceError as exc:
            self._update(job_id, status="failed", error=exc.message, finished_at=utc_now())
            return
        except Exception as exc:  # the job fails visibly; the service goes on
            log.exception("batch job %s failed", job_id)
            self._update(
                job_id,
                status="failed",
                error=f"The batch failed unexpectedly ({type(exc).__name__}); submit it again.",
                finished_at=utc_now(),
            )
            return
        self._update(
            job_id,
            status="done",
            failed=summary.errors,
            result_path=str(self.result(job_id)),
            finished_at=utc_now(),
            lease_until=None,
            options={
                **options,
                "documents": summary.documents,
                "files": summary.files,
                "problems": problems_of(rows, summary.manifest),
            },
        )
        self._input(job_id).unlink(missing_ok=True)
        self.expire()
