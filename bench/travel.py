"""The boarding pass checker on a held-out set, and its time per page.

The held-out set uses seeds, travellers, dates and the kiosk-slip layout the tests never use, with
every symbol (PDF417, Aztec, QR, DataMatrix) as text PDFs, scans, phone photos and screenshots
pasted into a PDF, good and with every defect. It prints how many good documents pass and how
many defective ones pass (the aim: at least 95 % and none), then the time per page.

Run: .venv/bin/python bench/travel.py [--good 40] [--defects 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import checkers
from docservice.mobility import parse_mobility
from samples.travel import DEFECTS, ROUTES, Trip, mobility, pages, render

FORMS = ("text-pdf", "scan-pdf", "photo-jpg", "screenshot-pdf")
PEOPLE = [("Şükrü", "Öztürk"), ("İrem Nur", "Yıldırım"), ("Çağla", "Güneş"),
          ("Hüseyin", "Aydoğan"), ("Ayşegül", "Kılıçarslan")]  # fmt: skip


def held_out(good: int, defects: int) -> list[tuple[str, str, Trip]]:
    rng = random.Random(20261121)
    cases = []

    def trip(form: str) -> Trip:
        given, surname = PEOPLE[rng.randrange(len(PEOPLE))]
        start = dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))
        layout = rng.choice([0, 1, 2, 2])
        if form == "photo-jpg":
            layout = rng.choice([1, 2])  # a photo is of one page: passes that fit on it
        return Trip(
            given=given,
            surname=surname,
            title=rng.choice(["DR", "PROF", "MR", "MS", ""]),
            route=rng.randrange(len(ROUTES)),
            start=start,
            end=start + dt.timedelta(days=rng.choice([4, 5, 6])),
            out_offset=rng.choice([0, -1, -2]),
            back_offset=rng.choice([0, 1, 2]),
            symbol=rng.choice(["pdf417", "aztec", "qr", "datamatrix"]),
            layout=layout,
            font=rng.choice(["sans", "serif", "dejavu"]),
            name_form=rng.randrange(3),
            date_form=rng.randrange(4),
            seed=1000 + rng.randrange(10**6),
        )

    for form in FORMS:
        for _ in range(good):
            t = trip(form)
            if form == "photo-jpg" and len(pages(t)) > 1:
                t = dataclasses.replace(t, route=1)  # one page: a direct flight each way
            cases.append(("good", form, t))
        for name, change in DEFECTS.items():
            for _ in range(defects):
                t = dataclasses.replace(trip(form), **change)  # type: ignore[arg-type]
                if form == "photo-jpg" and len(pages(t)) > 1:
                    t = dataclasses.replace(t, route=1)
                cases.append((name, form, t))
    return cases


def run_one(case: tuple[str, str, Trip]) -> tuple[str, str, str, float, int, str]:
    label, form, trip = case
    data, suffix = render(trip, form)
    m = parse_mobility(mobility(trip))
    r = ROUTES[trip.route % len(ROUTES)]
    rule = checkers.TravelRule(
        checkers.Place(r.home.name, r.home.lat, r.home.lon),
        checkers.Place(r.host.name, r.host.lat, r.host.lon),
    )
    began = time.perf_counter()
    report, facts = checkers.check("boarding_pass", data, m, filename=f"x.{suffix}", travel=rule)
    seconds = time.perf_counter() - began
    failing = "; ".join(f"{c.id}: {c.message}" for c in report.checks if c.status.value != "pass")
    return label, form, report.verdict.value, seconds, len(facts.pages), failing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--good", type=int, default=40, help="good documents per form")
    parser.add_argument("--defects", type=int, default=3, help="documents per defect and form")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="say why each miss missed")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    cases = held_out(args.good, args.defects)
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_one, cases))
    good = Counter[str]()
    good_total = Counter[str]()
    bad_passed = Counter[str]()
    bad_total = Counter[str]()
    per_page: dict[str, list[float]] = {}
    for label, form, verdict, seconds, page_count, failing in results:
        per_page.setdefault(form, []).append(seconds / max(page_count, 1))
        if label == "good":
            good_total[form] += 1
            good[form] += verdict == "pass"
            if verdict != "pass" and args.verbose:
                print(f"  good {form} {verdict}: {failing}")
        else:
            bad_total[label] += 1
            bad_passed[label] += verdict == "pass"
            if verdict == "pass":
                print(f"  DEFECT PASSED {label} {form}")
    print("good boarding passes that pass:")
    for form in FORMS:
        share = 100 * good[form] / max(good_total[form], 1)
        print(f"  {form:15} {good[form]:3}/{good_total[form]:<3} {share:5.1f} %")
    total_good = sum(good.values())
    print(
        f"  {'all':15} {total_good:3}/{sum(good_total.values()):<3} "
        f"{100 * total_good / max(sum(good_total.values()), 1):5.1f} %"
    )
    print("defective boarding passes that pass (aim: none):")
    for label in DEFECTS:
        print(f"  {label:20} {bad_passed[label]}/{bad_total[label]}")
    print("seconds per page (median, max):")
    for form in FORMS:
        times = per_page.get(form, [])
        if times:
            print(f"  {form:15} {statistics.median(times):5.2f} {max(times):5.2f}")


if __name__ == "__main__":
    main()
