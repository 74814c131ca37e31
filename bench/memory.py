"""Peak memory and time of one check, its child processes included, as a user runs it.

It makes a 10-page scanned PDF (300 dpi pages, a certificate drawn by ``samples/letters.py``
and nine more pages of it) and the hostile files of ``tests/hostile/files.py``, runs
``docservice check`` on each and samples the resident memory of the whole process tree
(the command, the check's child, its OCR processes; shared pages split among them) every
20 ms. It prints each file's peak
and time, and the exit status with the error code for the hostile ones.

Run: .venv/bin/python bench/memory.py [--pages 10]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader, PdfWriter

from samples.letters import Spec, layout
from samples.paper import draw, image_pdf, jpeg, scan
from tests.hostile import files as hostile

ROOT = Path(__file__).resolve().parents[1]
MOBILITY = ROOT / "samples" / "mobility" / "staff-teaching-ka131-heidelberg.json"


def scanned_pdf(pages: int) -> bytes:
    """A certificate scanned at 300 dpi, its first page and ``pages - 1`` copies of it."""
    rng = random.Random(7)
    page = scan(draw(layout(Spec(kind="certificate_of_attendance", seed=7)), "sans", 300), rng)
    one = PdfReader(io.BytesIO(image_pdf(jpeg(page, 85)))).pages[0]
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_page(one)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pss(pid: int) -> int:
    """A process's proportional share of memory (shared pages split among the processes that
    share them: a forked child is not counted twice), in bytes."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _tree_memory(root: int) -> int:
    """The memory of ``root`` and all its descendants, in bytes."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    return sum(_pss(pid) for pid in tree)


def measure(kind: str, path: Path) -> tuple[int, float, int, str]:
    """Peak resident memory of the tree (bytes), seconds, exit status, and the error code or
    verdict."""
    began = time.perf_counter()
    command = [str(ROOT / ".venv" / "bin" / "docservice"), "check", kind, str(path)]
    command += ["--mobility", str(MOBILITY), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_memory(process.pid))
        time.sleep(0.02)
    out, _ = process.communicate()
    seconds = time.perf_counter() - began
    try:
        answer = json.loads(out)
        said = answer.get("verdict") or answer.get("error", {}).get("code", "?")
    except json.JSONDecodeError:
        said = "not JSON"
    return peak, seconds, process.returncode, said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    files = {
        f"scanned certificate, {args.pages} pages at 300 dpi": (
            "certificate_of_attendance",
            scanned_pdf(args.pages),
        ),
        "PDF page of 70 × 70 m": ("acceptance_letter", hostile.pdf_huge_page()),
        "3 blank PDF pages of 1.76 × 1.76 m": (
            "acceptance_letter",
            hostile.pdf_large_blank_pages(),
        ),
        "PDF stream inflating to 1 GiB": ("acceptance_letter", hostile.pdf_inflating_stream()),
        "PDF page tree in a loop": ("acceptance_letter", hostile.pdf_circular_page_tree()),
        "PNG claiming 50000 × 50000": ("passport_stamps", hostile.png_claiming(50000, 50000)),
        "JPEG claiming 65500 × 65500": ("passport_stamps", hostile.jpeg_claiming(65500, 65500)),
    }
    print(f"{'file':45} {'peak MB':>8} {'seconds':>8}  exit  answer")
    with tempfile.TemporaryDirectory() as folder:
        for label, (kind, data) in files.items():
            path = Path(folder) / "upload.pdf"
            path.write_bytes(data)
            peak, seconds, status, said = measure(kind, path)
            print(f"{label:45} {peak / 2**20:8.0f} {seconds:8.1f}  {status:4}  {said}")


if __name__ == "__main__":
    main()
