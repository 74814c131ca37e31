"""Real worker processes: ``docservice worker`` on Redis with PostgreSQL and on the embedded
queue, a worker killed in the middle of a check, a check past its time limit, webhooks."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from docservice import checking
from docservice.background.queue import Unqueued
from docservice.background.webhooks import verify_signature
from docservice.storage.blobs import BlobStore
from tests.dossier.conftest import close_app, make_app, redis_or_skip, wait_checked
from tests.dossier.support import (
    RETURN_DOCUMENTS,
    before_departure,
    new_record,
    pay,
    upload,
)
from tests.storage.conftest import _postgres_schema
from tests.support import SAMPLES, signed_in

WORKER = [str(Path(sys.executable).parent / "docservice"), "worker"]


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as handle:
        return subprocess.Popen(
            [*WORKER, "--threads", "1"],
            env={**os.environ, **env},
            stdout=handle,
            stderr=handle,
            start_new_session=True,  # killed with its check processes, as a crash would
        )


def stop(worker: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(5)


@pytest.fixture(params=["sqlite", "postgresql+redis"])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """An app that runs no checks itself, and the environment its workers need."""
    config: dict[str, Any] = {"CHECK_LEASE": 2, "WORKERS": 0}
    schemas = None
    if request.param != "sqlite":
        config["QUEUE_URL"] = redis_or_skip()
        schemas = _postgres_schema()
        config["DATABASE_URL"] = next(schemas)
    app = make_app(tmp_path / "instance", **config)
    settings = app.extensions["docservice"].settings
    env = {
        "DOCSERVICE_DATA_DIR": str(settings.data_dir),
        "DOCSERVICE_QUEUE_NAME": settings.queue_name,
        "DOCSERVICE_CHECK_LEASE": "2",
        "DOCSERVICE_LOG_LEVEL": "WARNING",
        **{f"DOCSERVICE_{k}": str(v) for k, v in config.items() if k.endswith("_URL")},
    }
    yield {"app": app, "env": env, "log": tmp_path / "workers.log"}
    close_app(app)
    if schemas is not None:
        next(schemas, None)


@pytest.mark.workers
def test_two_worker_processes_check_a_whole_dossier(setup: dict[str, Any]) -> None:
    app = setup["app"]
    office = signed_in(app)
    workers = [start_worker(setup["env"], setup["log"]) for _ in range(2)]
    try:
        mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
        before_departure(office, mid)
        assert pay(office, mid, "prefinancing", 864).status_code == 201
        for kind, path in RETURN_DOCUMENTS.items():
            assert upload(office, mid, kind, path).status_code == 202
        dossier = wait_checked(office, mid, timeout=120)
    finally:
        for worker in workers:
            stop(worker)
    assert dossier["state"] == "ready_for_balance", setup["log"].read_text()[-3000:]
    assert dossier["grant"]["final"]["balance"] == 216.0
    checked_by = {
        entry["upload"]["attempts"]
        for entry in dossier["checklist"]
        if entry["automatic"] and entry["upload"]
    }
    assert checked_by == {1}


@pytest.mark.workers
def test_a_killed_workers_check_runs_again(setup: dict[str, Any]) -> None:
    app = setup["app"]
    office = signed_in(app)
    store = app.extensions["docservice"].flow.store
    mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
    first = start_worker(setup["env"], setup["log"])
    try:
        upload(office, mid, "passport_stamps", "passport/passport-stamps-good-scan.pdf")
        deadline = time.monotonic() + 60
        while store.current(mid)["passport_stamps"].status != "checking":
            assert time.monotonic() < deadline, setup["log"].read_text()[-3000:]
            time.sleep(0.05)
    finally:
        stop(first, signal.SIGKILL)  # mid-check, as a crash or an OOM kill would
    assert store.current(mid)["passport_stamps"].status == "checking"
    second = start_worker(setup["env"], setup["log"])
    try:
        dossier = wait_checked(office, mid, timeout=120)
    finally:
        stop(second)
    entry = next(e for e in dossier["checklist"] if e["kind"] == "passport_stamps")
    assert entry["upload"]["attempts"] == 2
    assert entry["status"] == "passed", entry["report"]


def test_a_check_past_its_time_becomes_review(tmp_path: Path) -> None:
    from checkers.travel import TravelRule
    from tests.support import EXAMPLE

    path = SAMPLES / "passport" / "passport-stamps-good-scan.pdf"
    outcome = checking.background(
        "passport_stamps",
        path,
        path.name,
        EXAMPLE,
        TravelRule(),
        limits=checking.Limits(timeout_s=0.3),
    )
    assert outcome is not None and outcome.status == "review" and outcome.report is None
    assert outcome.error is not None and "did not finish within 0.3 s" in outcome.error
    # a worker that lost its claim stops and writes nothing
    gone = checking.background(
        "passport_stamps",
        path,
        path.name,
        EXAMPLE,
        TravelRule(),
        limits=checking.Limits(timeout_s=60),
        heartbeat=lambda: False,
        beat_every_s=0.1,
    )
    assert gone is None


class Receiver(http.server.BaseHTTPRequestHandler):
    events: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    fail_first = 1

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Receiver.fail_first > 0:
            Receiver.fail_first -= 1
            self.send_response(503)
            self.end_headers()
            return
        Receiver.events.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_webhooks_are_signed_retried_and_logged(tmp_path: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    app = make_app(
        tmp_path,
        WEBHOOK_URLS=url,
        WEBHOOK_SECRET="s3cret",
        WEBHOOK_RETRY_SECONDS=0.2,
        CHECK_LEASE=1,
    )
    app.extensions["docservice"].flow.tasks.start(2)
    office = signed_in(app)
    try:
        mid = office.post("/api/v1/mobilities", json=new_record()).json["id"]
        before_departure(office, mid)
        wait_checked(office, mid)
        deadline = time.monotonic() + 30
        while True:  # every event emitted so far delivered (the first after a retry)
            log = office.get("/api/v1/webhooks/deliveries").json["deliveries"]
            if log and all(d["status"] != "pending" for d in log):
                break
            assert time.monotonic() < deadline, log
            time.sleep(0.1)
    finally:
        close_app(app)
        server.shutdown()
        server.server_close()
    events = {}
    for headers, body in Receiver.events:
        assert verify_signature("s3cret", headers["X-Docservice-Signature"], body)
        assert not verify_signature("other", headers["X-Docservice-Signature"], body)
        events.setdefault(headers["X-Docservice-Event"], []).append(json.loads(body))
    assert set(events) == {"document.decided", "document.checked", "dossier.ready_for_payment"}
    payment = events["dossier.ready_for_payment"][0]["data"]
    assert payment["state"] == "ready_for_prefinancing" and payment["amount"] == 864.0
    assert events["document.checked"][0]["data"]["kind"] == "acceptance_letter"
    assert all(d["status"] == "delivered" for d in log)
    assert max(d["attempts"] for d in log) == 2  # the receiver's first 503 was retried


def test_a_webhook_is_signed_with_the_services_clock(tmp_path: Path) -> None:
    import datetime as dt

    import httpx

    from docservice.background.webhooks import Webhooks

    moment = dt.datetime(2026, 3, 9, 12, 0, tzinfo=dt.UTC)
    seen: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(204)

    app = make_app(tmp_path)
    try:
        sessions = app.extensions["docservice"].flow.webhooks.sessions
        hooks = Webhooks(
            sessions,
            ("https://receiver.example/hook",),
            "s3cret",
            Unqueued(),
            retry_base_s=60,
            transport=httpx.MockTransport(receiver),
            clock=lambda: moment,
        )
        hooks.emit("document.checked", {"kind": "eu_survey"})
        (delivery,) = hooks.due()
        hooks.deliver(delivery)  # refused: tried again a minute later by the service's clock
        first = hooks.log()[0]
        assert first["status"] == "pending" and "ConnectError" in first["last_error"]
        assert first["next_attempt_at"].startswith("2026-03-09T12:01:00")
        moment += dt.timedelta(minutes=1)
        hooks.deliver(delivery)
        assert hooks.log()[0]["status"] == "delivered"
    finally:
        close_app(app)
    header = seen[-1].headers["X-Docservice-Signature"]
    assert header.startswith(f"t={int(moment.timestamp())},")
    assert verify_signature("s3cret", header, seen[-1].content, now=moment)
    assert not verify_signature(
        "s3cret", header, seen[-1].content, now=moment + dt.timedelta(hours=1)
    )


def test_files_are_stored_once_and_atomically(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "files")
    sha = blobs.put(b"%PDF-1.4 one")
    assert blobs.put(b"%PDF-1.4 one") == sha
    path = blobs.path(sha)
    assert path.read_bytes() == b"%PDF-1.4 one" and (path.stat().st_mode & 0o077) == 0
    stray = path.parent / ".upload-1-2"
    stray.write_bytes(b"half")
    os.utime(stray, (0, 0))
    assert blobs.sweep() == 1 and not stray.exists()
    assert blobs.read(sha) == b"%PDF-1.4 one"
    assert blobs.delete(sha) and not blobs.exists(sha)
    with pytest.raises(Exception, match="gone"):
        blobs.read(sha)
