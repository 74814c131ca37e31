"""The travel checkers on a held-out set, and their time per page.

Boarding passes: seeds, travellers, dates and the kiosk-slip layout the tests never use, with
every symbol (PDF417, Aztec, QR, DataMatrix) as text PDFs, scans, phone photos and screenshots
pasted into a PDF. E-Devlet entry/exit records and EU Survey reports: other seeds, gates, fonts,
date forms and windows, as text PDFs and scans. Each good and with every defect. It prints how
many good documents pass and how many defective ones pass (the aim: at least 95 % and none),
then the time per page.

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
from samples.passport import DEFECTS as STAMP_DEFECTS
from samples.passport import Passport
from samples.passport import render as render_passport
from samples.records import (
    RECORD_DEFECTS,
    SURVEY_DEFECTS,
    Record,
    Survey,
    render_record,
    render_survey,
)
from samples.travel import DEFECTS, ROUTES, Trip, mobility, pages, render
from tests.support import EXAMPLE

FORMS = ("text-pdf", "scan-pdf", "photo-jpg", "screenshot-pdf")
PEOPLE = [("Şükrü", "Öztürk"), ("İrem Nur", "Yıldırım"), ("Çağla", "Güneş"),
          ("Hüseyin", "Aydoğan"), ("Ayşegül", "Kılıçarslan")]  # fmt: skip


Case = tuple[str, str, str, object]  # kind, label ("good" or the defect), form, spec


def held_out_records(good: int, defects: int) -> list[Case]:
    rng = random.Random(20261122)
    cases: list[Case] = []

    def record() -> Record:
        return Record(
            out_offset=rng.choice([0, -1, -2]),
            back_offset=rng.choice([0, 1, 2]),
            older_trip=rng.random() < 0.7,
            gate=rng.randrange(5),
            font=rng.choice(["sans", "serif", "dejavu", "dejavu-serif"]),
            seed=1000 + rng.randrange(10**6),
        )

    def survey() -> Survey:
        return Survey(
            submitted_after=rng.randint(0, 30),
            date_form=rng.randrange(3),
            font=rng.choice(["sans", "serif", "dejavu", "dejavu-serif"]),
            seed=1000 + rng.randrange(10**6),
        )

    for form in ("text-pdf", "scan-pdf"):
        for _ in range(good):
            cases.append(("entry_exit_record", "good", form, record()))
            cases.append(("eu_survey", "good", form, survey()))
        for _ in range(defects):
            for name, change in RECORD_DEFECTS.items():
                cases.append(
                    ("entry_exit_record", name, form, dataclasses.replace(record(), **change))
                )  # type: ignore[arg-type]
            for name, change in SURVEY_DEFECTS.items():
                cases.append(("eu_survey", name, form, dataclasses.replace(survey(), **change)))  # type: ignore[arg-type]
    return cases


def held_out_passports(good: int, defects: int) -> list[Case]:
    rng = random.Random(20261123)
    faces = random.Random(20261205)  # drawn apart, so the cases before it stay as they were
    cases: list[Case] = []

    def passport() -> Passport:
        return Passport(
            out_offset=rng.choice([0, -1, -2]),
            back_offset=rng.choice([0, 1, 2]),
            schengen=rng.random() < 0.8,
            older_trip=rng.random() < 0.5,
            identity=rng.random() < 0.5,
            seed=1000 + rng.randrange(10**6),
            pictograms=rng.random() < 0.5,  # the host's stamps with an arrow, no word
            pattern=rng.choice(["lines", "strokes"]),  # a guilloche, or broad strokes under ink
            mono_dates=faces.random() < 0.5,  # dates in fixed pitch, their zeros dotted
        )

    for form in ("scan-jpg", "photo-jpg", "scan-pdf"):
        for _ in range(good):
            cases.append(("passport_stamps", "good", form, passport()))
        for _ in range(defects):
            for name, change in STAMP_DEFECTS.items():
                spec = dataclasses.replace(passport(), **change)  # type: ignore[arg-type]
                if name in ("another-holder", "altered-identity"):
                    spec = dataclasses.replace(spec, identity=True)
                    if form != "scan-pdf":
                        continue  # the identity page comes as a second page of a PDF
                cases.append(("passport_stamps", name, form, spec))
    return cases


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


def run_record(case: Case) -> tuple[str, str, str, str, float, int, str]:
    kind, label, form, spec = case
    if isinstance(spec, Record):
        data, _ = render_record(spec, form)
    elif isinstance(spec, Passport):
        data, _ = render_passport(spec, form)
    else:
        data, _ = render_survey(spec, form)  # type: ignore[arg-type]
    m = parse_mobility(EXAMPLE)
    began = time.perf_counter()
    report, facts = checkers.check(kind, data, m, filename="x.pdf", travel=checkers.TravelRule())
    seconds = time.perf_counter() - began
    failing = "; ".join(f"{c.id}: {c.message}" for c in report.checks if c.status.value != "pass")
    return kind, label, form, report.verdict.value, seconds, len(facts.pages), failing


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
    parser.add_argument(
        "--kinds",
        default="boarding_pass,entry_exit_record,eu_survey,passport_stamps",
        help="which kinds to run, comma-separated",
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    kinds = set(args.kinds.split(","))
    cases = held_out(args.good, args.defects) if "boarding_pass" in kinds else []
    others = held_out_records(args.good, args.defects) + held_out_passports(args.good, args.defects)
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_one, cases))
        records = list(pool.map(run_record, [c for c in others if c[0] in kinds]))
    if results:
        report_passes(results, args.verbose)
    report_records(records, args.verbose)


def report_passes(results: list[tuple[str, str, str, float, int, str]], verbose: bool) -> None:
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
            if verdict != "pass" and verbose:
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


def report_records(
    results: list[tuple[str, str, str, str, float, int, str]], verbose: bool
) -> None:
    for kind in ("entry_exit_record", "eu_survey", "passport_stamps"):
        mine = [r for r in results if r[0] == kind]
        good = [r for r in mine if r[1] == "good"]
        passed = sum(r[3] == "pass" for r in good)
        share = 100 * passed / max(len(good), 1)
        print(f"{kind}: good that pass {passed}/{len(good)} ({share:.1f} %)")
        for r in mine:
            if r[1] != "good" and r[3] == "pass":
                print(f"  DEFECT PASSED {r[1]} {r[2]}")
        for r in good:
            if r[3] != "pass" and verbose:
                print(f"  good {r[2]} {r[3]}: {r[6]}")
        labels = sorted({r[1] for r in mine} - {"good"})
        counts = {x: [r[3] == "pass" for r in mine if r[1] == x] for x in labels}
        bad = ", ".join(f"{x} {sum(v)}/{len(v)}" for x, v in counts.items())
        print(f"  defective that pass (aim: none): {bad}")
        for form in sorted({r[2] for r in mine}):
            times = [r[4] / max(r[5], 1) for r in mine if r[2] == form]
            middle, worst = statistics.median(times), max(times)
            print(f"  seconds per page, {form}: median {middle:.2f}, max {worst:.2f}")


if __name__ == "__main__":
    main()
