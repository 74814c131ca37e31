"""The identity-zone reader on real specimen passports, identity cards and visas nobody here made.

The images are the public test images of PassportEye (MIT, listed with their commit in
``bench/mrz_specimens.json``, which holds only what a person reads in each zone: surname, given
names, document number). They are not kept here: clone that repository at that commit and name
the clone with ``--repo``. For each image the zone is looked for and read as a passport stamp
page's identity page is (``checkers.facts.zones.read_zone``, tesseract's views and the
line reader), then judged by the identity check
(``checkers.passport_stamps.check_identity``) twice: for its holder, and for another person (the
next specimen's holder, and a Turkish name). The aims (issue 14): the zone found on at least 90 %
of the images, surname, given names and number right on at least 90 %, and another person never
passing.

Run: .venv/bin/python bench/mrz_specimens.py --repo DIR
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checkers.facts.images import load_image
from checkers.facts.lines import PaddleLines
from checkers.facts.model import PageFacts
from checkers.facts.zones import read_zone
from checkers.passport_stamps import check_identity
from checkers.report import Status

TRUTH = Path(__file__).with_name("mrz_specimens.json")
STRANGER = ("ÖZTÜRK", "ŞÜKRÜ")


def _person(surname: str, given_names: str) -> SimpleNamespace:
    return SimpleNamespace(participant=SimpleNamespace(surname=surname, given_names=given_names))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, required=True, help="a clone of the source")
    args = parser.parse_args()
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    documents = truth["documents"]
    found = surname = given = number = 0
    holder: dict[Status, int] = {}
    strangers_passed = 0
    times = []
    for index, doc in enumerate(documents):
        path = args.repo / doc["path"]
        if not path.exists():
            print(f"{doc['path']}: not in {args.repo} (clone {truth['source']['repository']} "
                  f"at {truth['source']['commit']})")  # fmt: skip
            return 2
        image = load_image(path.read_bytes(), path.name)
        started = time.perf_counter()
        zone = read_zone(np.asarray(image), lines=PaddleLines()).zone
        times.append(time.perf_counter() - started)
        other = documents[(index + 1) % len(documents)]
        row = f"{path.name:22s} {times[-1]:5.1f} s  "
        if zone is None:
            holder[Status.REVIEW] = holder.get(Status.REVIEW, 0) + 1
            print(row + "no zone read")
            continue
        found += 1
        surname += zone.surname == doc["surname"]
        given += zone.given_names == doc["given_names"]
        number += zone.number == doc["number"]
        page = PageFacts(number=1, image=image, words=[], source="ocr")
        mine = check_identity(zone, page, _person(doc["surname"], doc["given_names"])).status
        holder[mine] = holder.get(mine, 0) + 1
        for name in ((other["surname"], other["given_names"]), STRANGER):
            if name[0] != doc["surname"]:
                theirs = check_identity(zone, page, _person(*name)).status
                strangers_passed += theirs is Status.PASS
        print(
            row + f"{zone.kind} {'valid' if zone.valid else 'fails ' + ','.join(zone.failed):18s} "
            f"{zone.surname}/{zone.given_names}/{zone.number}  holder: {mine.value}"
        )
    n = len(documents)
    print(
        f"\n{n} specimens: zone read {found}/{n} ({found / n:.0%}); surname right {surname}/{n}, "
        f"given names {given}/{n}, number {number}/{n}; identity for the holder: "
        + ", ".join(f"{s.value} {c}" for s, c in sorted(holder.items()))
        + f"; another person passed {strangers_passed} times; "
        f"median {sorted(times)[n // 2]:.1f} s, slowest {max(times):.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
