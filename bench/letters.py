"""The letter checkers on a held-out set, and their speed beside plain tesseract.

The held-out set is made with seeds, hosts and two layouts (3: a coloured band; 4: the crest on
the right) that the tests never use, as text PDFs, scans (JPEG and PDF) and phone photos, good
and with every defect. It prints, per kind and form, how many good documents pass and how many
defective ones pass (the aim: at least 95 % and none), then the time per document.

Run: .venv/bin/python bench/letters.py [--good 6] [--workers 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import checkers
from docservice.mobility import parse_mobility
from samples.letters import DEFECTS, Spec, layout, render
from samples.paper import draw
from tests.support import EXAMPLE, merge

FORMS = ("text-pdf", "scan-jpg", "scan-pdf", "photo-jpg")
KINDS = ("acceptance_letter", "certificate_of_attendance")
GIVEN = [("Şükrü", "Öztürk"), ("İrem Nur", "Yıldırım"), ("Çağla", "Güneş"), ("Hüseyin", "Aydoğan")]


def held_out(good: int, defects: int = 1) -> list[tuple[str, str, str, Spec, dict[str, object]]]:
    rng = random.Random(20261121)
    cases = []
    for kind in KINDS:
        for form in FORMS:
            for _ in range(good):
                given, surname = GIVEN[rng.randrange(len(GIVEN))]
                start = dt.date(2025, rng.randint(1, 11), rng.randint(1, 20))
                spec = Spec(
                    kind=kind,
                    given=given,
                    surname=surname,
                    title=rng.choice(["Dr.", "Prof. Dr.", "Assoc. Prof.", ""]),
                    start=start,
                    end=start + dt.timedelta(days=rng.choice([4, 5, 6])),
                    host=rng.randrange(8),
                    layout=rng.choice([3, 4, 3, 4, 0, 1, 2]),
                    font=rng.choice(["sans", "serif", "dejavu", "dejavu-serif"]),
                    name_form=rng.choice(["natural", "upper", "surname_first", "comma", "ascii"]),
                    date_form=rng.randrange(8),
                    stamp=rng.choice(["round", "rect"]),
                    stamp_ink=rng.choice(["blue", "violet", "red", "black"]),
                    signature_ink=rng.choice(["blue", "black"]),
                    hours=rng.choice([8, 10, 12]),
                    seed=1000 + rng.randrange(10**6),
                )
                record = {
                    "participant": {"given_names": given, "surname": surname},
                    "start_date": spec.start.isoformat(),
                    "end_date": spec.end.isoformat(),
                }
                cases.append((kind, form, "good", spec, record))
            for defect, change in DEFECTS.items():
                if kind == "acceptance_letter" and defect == "too-few-hours":
                    continue
                for _ in range(defects):
                    options: dict[str, object] = {
                        "host": rng.randrange(8),
                        "font": rng.choice(["sans", "serif", "dejavu", "dejavu-serif"]),
                        "name_form": rng.choice(["natural", "upper", "surname_first", "comma"]),
                        "date_form": rng.randrange(8),
                        "stamp": rng.choice(["round", "rect"]),
                        "stamp_ink": rng.choice(["blue", "red", "black", "violet"]),
                        "signature_ink": rng.choice(["blue", "black"]),
                    }
                    options |= change  # the defect wins
                    spec = dataclasses.replace(
                        Spec(
                            kind=kind, seed=2000 + rng.randrange(10**6), layout=rng.choice([3, 4])
                        ),
                        **options,  # type: ignore[arg-type]
                    )
                    cases.append((kind, form, defect, spec, {}))
    return cases


def run_one(
    case: tuple[str, str, str, Spec, dict[str, object]],
) -> tuple[str, str, str, str, float, list[str]]:
    kind, form, label, spec, changes = case
    mobility = parse_mobility(merge(EXAMPLE, changes))
    data, suffix = render(spec, form)
    start = time.perf_counter()
    report, _ = checkers.check(kind, data, mobility, filename=f"x.{suffix}")
    elapsed = time.perf_counter() - start
    not_passed = [f"{c.id}:{c.status.value}" for c in report.checks if c.status.value != "pass"]
    return kind, form, label, report.verdict.value, elapsed, not_passed


def plain_tesseract_seconds(repeat: int = 3) -> tuple[float, float]:
    """Plain tesseract on a 300 dpi scanned page beside our whole check of the same page."""
    page = draw(layout(Spec()), "sans", dpi=300)
    import cv2

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        cv2.imwrite(str(path), cv2.cvtColor(page, cv2.COLOR_RGB2BGR))
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        plain = []
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run(
                ["tesseract", str(path), "stdout", "-l", "tur+eng", "tsv"],
                capture_output=True,
                env=env,
                check=True,
            )
            plain.append(time.perf_counter() - t)
        data = path.read_bytes()
    ours = []
    mobility = parse_mobility(EXAMPLE)
    for _ in range(repeat):
        t = time.perf_counter()
        checkers.check("acceptance_letter", data, mobility, filename="page.png")
        ours.append(time.perf_counter() - t)
    return statistics.median(plain), statistics.median(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--good", type=int, default=6, help="good documents per kind and form")
    parser.add_argument(
        "--defects", type=int, default=1, help="documents per defect, kind and form"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--speed-only", action="store_true", help="only the timing beside tesseract"
    )
    args = parser.parse_args()
    if args.speed_only:
        plain, ours = plain_tesseract_seconds(repeat=5)
        print(f"plain tesseract {plain:.2f} s, our check {ours:.2f} s ({ours / plain:.2f}×)")
        return
    cases = held_out(args.good, args.defects)
    results = []
    with ProcessPoolExecutor(args.workers) as pool:
        for result in pool.map(run_one, cases):
            results.append(result)
            kind, form, label, verdict, _, not_passed = result
            wrong = (label == "good" and verdict != "pass") or (
                label != "good" and verdict == "pass"
            )
            if wrong:
                what = "MISSED" if label == "good" else "LET THROUGH"
                print(f"  {what}: {kind} {form} {label} → {verdict} {not_passed}", flush=True)
    print(f"\n{'kind':<26} {'form':<10} {'good passed':>12} {'defective passed':>17} {'review':>7}")
    totals: Counter[str] = Counter()
    for kind in KINDS:
        for form in FORMS:
            rows = [r for r in results if r[0] == kind and r[1] == form]
            good = [r for r in rows if r[2] == "good"]
            bad = [r for r in rows if r[2] != "good"]
            good_ok = sum(r[3] == "pass" for r in good)
            bad_through = sum(r[3] == "pass" for r in bad)
            review = sum(r[3] == "review" for r in rows)
            totals.update(good=len(good), good_ok=good_ok, bad=len(bad), bad_through=bad_through)
            passed, through = f"{good_ok}/{len(good)}", f"{bad_through}/{len(bad)}"
            print(f"{kind:<26} {form:<10} {passed:>12} {through:>17} {review:>7}")
    print(
        f"\nall: {totals['good_ok']}/{totals['good']} good passed "
        f"({100 * totals['good_ok'] / max(1, totals['good']):.1f} %), "
        f"{totals['bad_through']}/{totals['bad']} defective passed"
    )
    for form in FORMS:
        times = [r[4] for r in results if r[1] == form]
        print(f"time per document, {form:<10} median {statistics.median(times):.2f} s")
    plain, ours = plain_tesseract_seconds()
    print(
        f"scanned page (300 dpi): plain tesseract {plain:.2f} s, "
        f"our whole check {ours:.2f} s ({ours / plain:.2f}×)"
    )


if __name__ == "__main__":
    main()
