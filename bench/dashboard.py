"""How fast the office's pages answer with a year's dossiers: the dashboard (every dossier is
filtered in memory, so its time grows with their number), a search, and a mobility page.

Run: .venv/bin/python bench/dashboard.py [--dossiers 1000] [--runs 7]
Each figure is printed as it is measured; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docservice.dossier.store import Actor  # noqa: E402
from docservice.mobility import parse_mobility  # noqa: E402
from tests.support import EXAMPLE, merge, prepared_app  # noqa: E402

HOSTS = [
    ("Heidelberg University", "Heidelberg", "DE"),
    ("Lund University", "Lund", "SE"),
    ("Universidade do Porto", "Porto", "PT"),
    ("Jagiellonian University", "Kraków", "PL"),
]
NAMES = [
    ("Şükrü", "Öztürk"),
    ("Ayşegül", "Kılıçarslan"),
    ("İrem Nur", "Yıldırım"),
    ("Çağan", "Öğüt"),
]


def timed(label: str, fn: Callable[[], object], runs: int) -> None:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    print(f"{label:<52} median {statistics.median(seconds) * 1000:8.1f} ms (n={runs})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = prepared_app(
            {"DATA_DIR": tmp, "WORKERS": 0, "PDF_ENGINE": "batch", "LOG_LEVEL": "WARNING"}
        )
        flow = app.extensions["docservice"].flow
        app.extensions["docservice"].users.create("bench", "Bench Mark", "a long bench password")
        actor = Actor("office:bench")
        start = time.perf_counter()
        first = ""
        for n in range(args.dossiers):
            institution, city, country = HOSTS[n % len(HOSTS)]
            given, surname = NAMES[n % len(NAMES)]
            record = merge(
                EXAMPLE,
                {
                    "reference": f"2025-1-TR01-KA131-HED-{n:06d}-STA-01",
                    "participant": {"given_names": given, "surname": surname},
                    "receiving": {"institution": institution, "city": city, "country": country},
                },
            )
            made = flow.dossiers.create(parse_mobility(record), actor)
            first = first or made["id"]
            if n % 3 == 0:  # a third have an officer's kind waiting for review
                flow.dossiers.upload(
                    made["id"], "language_certificate", b"%PDF-1.4 B2", "b2.pdf", actor
                )
        print(f"{args.dossiers} dossiers made in {time.perf_counter() - start:.1f} s", flush=True)

        client = app.test_client()
        login = client.get("/office/login")
        token = login.data.split(b'name="csrf_token" value="')[1].split(b'"')[0].decode()
        client.post(
            "/office/login",
            data={"username": "bench", "password": "a long bench password", "csrf_token": token},
        )

        def page(path: str) -> None:
            response = client.get(path)
            assert response.status_code == 200, response.status_code

        timed(f"dashboard, first page of {args.dossiers}", lambda: page("/office/"), args.runs)
        timed("dashboard, filtered by host country", lambda: page("/office/?country=SE"), args.runs)
        timed("dashboard, search 'ozturk'", lambda: page("/office/?q=ozturk"), args.runs)
        timed("mobility page", lambda: page(f"/office/m/{first}"), args.runs)
        app.extensions["docservice"].close()


if __name__ == "__main__":
    main()
