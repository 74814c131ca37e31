"""Grant engine speed: the gazetteer's cold start and breakdowns per second when warm.

Run: .venv/bin/python bench/grants.py [--n 2000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from docservice.grants.engine import GrantEngine
from docservice.grants.explain import to_dict
from docservice.grants.tables import load_tables
from docservice.mobility import parse_mobility

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "mobility"
HOSTS = [
    ("Heidelberg", "DE"),
    ("Lund", "SE"),
    ("Kraków", "PL"),
    ("Porto", "PT"),
    ("Graz", "AT"),
    ("Ghent", "BE"),
    ("Brno", "CZ"),
    ("Bologna", "IT"),
    ("Tartu", "EE"),
    ("Oulu", "FI"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="breakdowns to time")
    n = parser.parse_args().n
    base = json.loads((SAMPLES / "staff-teaching-ka131-heidelberg.json").read_text())

    start = time.perf_counter()
    tables = load_tables()
    loaded = time.perf_counter()
    engine = GrantEngine(tables=tables)
    first = dict(base, call_year=2022)
    to_dict(engine.calculate(parse_mobility(first)))
    cold = time.perf_counter()
    print(f"rate tables load            {1000 * (loaded - start):8.1f} ms")
    print(f"first breakdown (cold)      {1000 * (cold - loaded):8.1f} ms  (gazetteer read)")

    records = [
        parse_mobility(
            dict(
                base,
                call_year=2022,
                receiving={
                    "institution": "Host",
                    "city": HOSTS[i % len(HOSTS)][0],
                    "country": HOSTS[i % len(HOSTS)][1],
                },
            )
        )
        for i in range(n)
    ]
    for record in records[: len(HOSTS)]:
        engine.calculate(record)  # index every host country once
    timings = []
    for record in records:
        t0 = time.perf_counter()
        to_dict(engine.calculate(record))
        timings.append(time.perf_counter() - t0)
    total = sum(timings)
    print(f"warm breakdowns             {n / total:8.0f} per second ({n} records)")
    print(f"warm breakdown median       {1e6 * statistics.median(timings):8.1f} µs")
    print(f"warm breakdown p99          {1e6 * sorted(timings)[int(0.99 * n)]:8.1f} µs")


if __name__ == "__main__":
    main()
