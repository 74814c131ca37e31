"""Background checking throughput: how many uploaded documents a minute one ``docservice worker``
process checks, and how many two check together, through the real queue and the real API.

Each round opens fresh dossiers (``--dossiers`` sets of them, each sample in a dossier of the
mobility it was made for, so the good documents pass), starts the worker processes, uploads
every dossier's documents through ``PUT /api/v1/mobilities/{id}/documents/{kind}`` and waits
until none is queued or being checked. The figure is documents checked per minute of wall
time, from the first upload to the last report, so it includes queueing, claiming, the check's
own process and storing the report.

Mixes: ``text`` (text PDFs: certificate, boarding pass, e-Devlet record, EU Survey, acceptance
letter), ``scans`` (a JPEG scan of a letter, phone photos of a certificate and a boarding pass, a
scanned passport page, a scanned e-Devlet record: everything read by OCR), ``both``.

Run: .venv/bin/python bench/workers.py [--dossiers 6] [--mix both] [--workers 1 2]
     [--threads 1] [--redis redis://127.0.0.1:6379/15 --postgres postgresql+psycopg://…/db]
The embedded queue (SQLite) is the default; ``--redis`` and ``--postgres`` use those servers
(the PostgreSQL tables go into a scratch schema that is dropped at the end). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from samples.records import Survey, render_survey  # noqa: E402
from tests.support import EXAMPLE, SAMPLES, prepared_app  # noqa: E402

WORKER = str(Path(sys.executable).parent / "docservice")
MIXES: dict[str, dict[str, str]] = {
    "text": {
        "acceptance_letter": "letters/acceptance-letter-good-text.pdf",
        "certificate_of_attendance": "letters/certificate-good-text.pdf",
        "boarding_pass": "travel/boarding-pass-good-text.pdf",
        "entry_exit_record": "records/entry-exit-record-good-text.pdf",
        "eu_survey": "",  # rendered for each dossier's own reference
    },
    "scans": {
        "acceptance_letter": "letters/acceptance-letter-good-scan.jpg",
        "certificate_of_attendance": "letters/certificate-good-photo.jpg",
        "boarding_pass": "travel/boarding-pass-good-photo.jpg",
        "passport_stamps": "passport/passport-stamps-good-scan.pdf",
        "entry_exit_record": "records/entry-exit-record-good-scan.pdf",
    },
}


@contextmanager
def scratch_schema(url: str) -> Iterator[str]:
    """A PostgreSQL schema of its own for the run, dropped after it."""
    schema = f"ds_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        separator = "&" if "?" in url else "?"
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def office_client(app: Any) -> Any:
    secret, _row = app.extensions["docservice"].flow.tokens.create("office", "bench")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def sample_record(path: str) -> dict[str, Any]:
    """The mobility a sample was made for (its ``expected.json`` says, when not the example)."""
    expected = json.loads((SAMPLES / Path(path).parent / "expected.json").read_text())
    return dict(expected.get(Path(path).name, {}).get("mobility") or EXAMPLE)


def dossier_plan(mix: str) -> list[tuple[dict[str, Any], list[tuple[str, str]]]]:
    """The dossiers one round opens for each ``--dossiers``: a record and its (kind, sample)
    pairs, each sample in a dossier of the mobility it was made for, so good documents pass."""
    groups: dict[str, tuple[dict[str, Any], list[tuple[str, str]]]] = {}
    for name in ("text", "scans") if mix == "both" else (mix,):
        for kind, path in MIXES[name].items():
            record = sample_record(path) if path else dict(EXAMPLE)
            key = json.dumps(record, sort_keys=True)
            group = groups.setdefault(key, (record, []))
            if kind not in {k for k, _ in group[1]}:
                group[1].append((kind, path))
            else:  # one upload a kind in a dossier: the same record again, another dossier
                groups[key + kind] = (record, [(kind, path)])
    return list(groups.values())


def document(kind: str, path: str, reference: str) -> tuple[str, bytes]:
    if kind == "eu_survey":
        data, _ = render_survey(Survey(reference=reference), "text-pdf")
        return "survey.pdf", data
    return Path(path).name, (SAMPLES / path).read_bytes()


def start_workers(count: int, threads: int, env: dict[str, str], log: Path) -> list[Any]:
    procs = []
    with log.open("ab") as handle:
        for _ in range(count):
            procs.append(
                subprocess.Popen(
                    [WORKER, "worker", "--threads", str(threads)],
                    env={**os.environ, **env},
                    stdout=handle,
                    stderr=handle,
                    start_new_session=True,
                )
            )
    return procs


def stop_workers(procs: list[Any]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def one_round(
    workers: int, threads: int, dossiers: int, mix: str, config: dict[str, Any], tmp: Path
) -> None:
    data_dir = tmp / f"round-{workers}"
    settings_in = {
        "DATA_DIR": str(data_dir),
        "WORKERS": 0,  # the checks run in the worker processes only
        "PDF_ENGINE": "batch",
        "SIGN_PDF": False,
        "QUEUE_NAME": f"ds-bench-{uuid.uuid4().hex[:8]}",
        "LOG_LEVEL": "WARNING",
        **config,
    }
    app = prepared_app(settings_in)
    settings = app.extensions["docservice"].settings
    client = office_client(app)
    env = {
        "DOCSERVICE_DATA_DIR": str(settings.data_dir),
        "DOCSERVICE_QUEUE_NAME": settings.queue_name,
        "DOCSERVICE_LOG_LEVEL": "WARNING",
        **{f"DOCSERVICE_{k}": str(v) for k, v in config.items()},
    }
    ids = []
    uploads = []
    for n in range(dossiers):
        for g, (record, samples) in enumerate(dossier_plan(mix)):
            reference = f"BENCH-{workers}-{n:04d}-{g}"
            created = client.post("/api/v1/mobilities", json={**record, "reference": reference})
            ids.append(created.json["id"])
            for kind, path in samples:
                uploads.append((ids[-1], kind, *document(kind, path, reference)))
    log = tmp / f"workers-{workers}.log"
    procs = start_workers(workers, threads, env, log)
    time.sleep(3)  # the workers import the checkers and open the queue before work arrives
    try:
        start = time.perf_counter()
        for mid, kind, name, data in uploads:
            r = client.put(
                f"/api/v1/mobilities/{mid}/documents/{kind}",
                data={"file": (io.BytesIO(data), name)},
            )
            if r.status_code != 202:
                raise SystemExit(f"upload of {kind} answered {r.status_code}: {r.json}")
        sent = time.perf_counter() - start
        outcomes: Counter[str] = Counter()
        while True:
            outcomes.clear()
            for mid in ids:
                for entry in client.get(f"/api/v1/mobilities/{mid}").json["checklist"]:
                    if entry["upload"] is not None and entry["automatic"]:
                        outcomes[entry["status"]] += 1
            if not outcomes["queued"] and not outcomes["checking"]:
                break
            if any(p.poll() is not None for p in procs):
                raise SystemExit(f"a worker stopped; its log: {log}")
            time.sleep(0.25)
        elapsed = time.perf_counter() - start
    finally:
        stop_workers(procs)
        app.extensions["docservice"].close()
    count = len(uploads)
    print(
        f"{workers} worker(s) x {threads} thread(s): {count} documents in {elapsed:6.1f} s "
        f"(uploads sent in {sent:4.1f} s) = {count / elapsed * 60:6.1f} documents/minute; "
        + ", ".join(f"{status} {n}" for status, n in sorted(outcomes.items())),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=6)
    parser.add_argument("--mix", choices=("text", "scans", "both"), default="both")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--threads", type=int, default=1, help="threads in each worker")
    parser.add_argument("--redis", help="a Redis URL for the queue (default: embedded SQLite)")
    parser.add_argument("--postgres", help="a PostgreSQL URL (default: embedded SQLite)")
    args = parser.parse_args()
    per = sum(len(samples) for _, samples in dossier_plan(args.mix))
    print(
        f"{args.dossiers} x {per} documents ({args.mix}); queue "
        f"{args.redis or 'embedded (SQLite)'}; database "
        f"{'PostgreSQL' if args.postgres else 'SQLite'}; {os.cpu_count()} cores",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        for workers in args.workers:
            config: dict[str, Any] = {}
            if args.redis:
                config["QUEUE_URL"] = args.redis
            if args.postgres:
                with scratch_schema(args.postgres) as url:
                    config["DATABASE_URL"] = url
                    one_round(workers, args.threads, args.dossiers, args.mix, config, Path(tmp))
            else:
                one_round(workers, args.threads, args.dossiers, args.mix, config, Path(tmp))


if __name__ == "__main__":
    main()
