"""Each check's time in process beside plain tesseract reading the same pages, per kind and form.

Documents come from our own generators with seeds the tests never use: passport stamp pages
(scans, photos, scanned PDFs), acceptance letters and certificates (text PDFs, scans, photos)
and boarding passes (text PDFs). For each, the whole check (``checkers.check``: reading the
file, every reader, every judgement) is timed in this process, then ``tesseract PAGE stdout -l
tur+eng`` on the same pages at the resolution the check reads them (300 dpi for a PDF page
without text, the image as uploaded for a photo), one process a page as a plain user would:
once as installed (tesseract's OpenMP threads on every core) and once on one thread
(``OMP_THREAD_LIMIT=1``). On some machines the threads cost more than they give (a letter
page took 3 s with them and 0.6 s without), so the ratio is taken against the faster of the
two: the fastest plain tesseract runs here, not a slow one that flatters us.
The aims (issue 14): a stamp page at most 3× plain tesseract, a scanned letter at most 1.3×,
a text PDF under 0.3 s. A folder of documents of your own can be timed too (``--folder``,
with ``--kind``); ``--mobility`` names the record they are checked against.

Run: .venv/bin/python bench/against_tesseract.py [--count 4] [--folder DIR --kind KIND]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import checkers
from checkers.facts import kind_of
from checkers.facts.images import load_image
from checkers.facts.pdf import OCR_DPI, read_pdf, render
from docservice.mobility import Mobility, load_mobility_text, parse_mobility
from samples.letters import HOSTS, Spec
from samples.letters import render as render_letter
from samples.passport import Passport
from samples.passport import render as render_passport
from samples.travel import Trip, mobility
from samples.travel import render as render_pass
from tests.support import EXAMPLE

Case = tuple[str, str, bytes, str, Mobility]  # kind, form, file, filename, record


def generated(count: int) -> list[Case]:
    rng = random.Random(20261203)
    record = parse_mobility(EXAMPLE)
    cases: list[Case] = []
    for form in ("scan-jpg", "photo-jpg", "scan-pdf"):
        for _ in range(count):
            spec = Passport(identity=False, seed=5000 + rng.randrange(10**6))
            data, suffix = render_passport(spec, form)
            cases.append(("passport_stamps", form, data, f"p.{suffix}", record))
    for kind in ("acceptance_letter", "certificate_of_attendance"):
        for form in ("text-pdf", "scan-jpg", "photo-jpg"):
            for _ in range(count):
                spec = Spec(kind=kind, host=0, seed=5000 + rng.randrange(10**6))
                data, suffix = render_letter(spec, form)
                host = HOSTS[0]
                receiving = record.receiving.model_copy(
                    update={"institution": host.name, "city": host.city}
                )
                hosted = record.model_copy(update={"receiving": receiving})
                cases.append((kind, form, data, f"l.{suffix}", hosted))
    for _ in range(count):
        trip = Trip(seed=5000 + rng.randrange(10**6))
        data, suffix = render_pass(trip, "text-pdf")
        record_of_trip = parse_mobility(mobility(trip))
        cases.append(("boarding_pass", "text-pdf", data, f"b.{suffix}", record_of_trip))
    return cases


def from_folder(folder: Path, kind: str, record: Mobility) -> list[Case]:
    return [
        (kind, path.suffix.lstrip(".") or "file", path.read_bytes(), path.name, record)
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]


def plain_tesseract(data: bytes, filename: str) -> tuple[float, float, int]:
    """Seconds plain tesseract takes on the pages a check would read by OCR, as installed and
    on one thread, and how many pages."""
    if kind_of(data) == "image":
        images = [load_image(data, filename)]
    else:
        images = [
            render(data, page.number, OCR_DPI)
            for page in read_pdf(data, filename, 20)
            if not page.words
        ]
    installed = single = 0.0
    one_thread = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory() as folder:
        for number, image in enumerate(images):
            path = Path(folder) / f"{number}.png"
            cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
            command = ["tesseract", str(path), "stdout", "-l", "tur+eng"]
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            installed += time.perf_counter() - start
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False, env=one_thread)
            single += time.perf_counter() - start
    return installed, single, len(images)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=4, help="documents per kind and form")
    parser.add_argument("--folder", type=Path, help="time these files instead")
    parser.add_argument("--kind", choices=checkers.KINDS, help="the kind of the folder's files")
    parser.add_argument("--mobility", type=Path, help="the record to check them against")
    args = parser.parse_args()
    if args.folder:
        if not args.kind:
            parser.error("--folder needs --kind")
        record = (
            load_mobility_text(args.mobility.read_text())
            if args.mobility
            else parse_mobility(EXAMPLE)
        )
        cases = from_folder(args.folder, args.kind, record)
    else:
        cases = generated(args.count)
    rows: dict[tuple[str, str], list[tuple[float, float, float, int]]] = defaultdict(list)
    for kind, form, data, filename, record in cases:
        start = time.perf_counter()
        checkers.check(kind, data, record, filename=filename)
        ours = time.perf_counter() - start
        installed, single, pages = plain_tesseract(data, filename)
        rows[(kind, form)].append((ours, installed, single, pages))
    print(
        f"{'kind':27s} {'form':10s} {'docs':>4s} {'pages':>5s} {'ours':>7s} "
        f"{'tesseract':>9s} {'1 thread':>8s} ratio to the faster"
    )
    for (kind, form), times in rows.items():
        ours, installed, single = (statistics.median(t[i] for t in times) for i in range(3))
        pages = sum(t[3] for t in times)
        plain = min(installed, single)
        ratio = f"{ours / plain:5.2f}×" if plain > 0 else "  (no OCR)"
        print(
            f"{kind:27s} {form:10s} {len(times):4d} {pages:5d} {ours:6.2f}s "
            f"{installed:8.2f}s {single:7.2f}s {ratio}"
        )


if __name__ == "__main__":
    main()
