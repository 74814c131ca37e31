"""Document generation speed: DOCX per document, PDF per document (warm and cold), and a batch
of grant agreements end to end beside LibreOffice's own batch conversion of the same files.

Run: .venv/bin/python bench/documents.py [--docx 50] [--pdf 30] [--batch 200]
Each figure is printed as it is measured; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docservice.generation.batch import run_batch
from docservice.generation.pdf import BatchConverter, WarmConverter
from docservice.grants.engine import GrantEngine
from docservice.mobility import parse_mobility
from docservice.services import document_service, open_database, prepare
from docservice.settings import Settings
from docservice.tabular import Row

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "mobility"
HOSTS = [("Heidelberg", "DE"), ("Lund", "SE"), ("Kraków", "PL"), ("Porto", "PT"), ("Graz", "AT")]


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def report(label: str, seconds: list[float]) -> None:
    seconds = sorted(seconds)
    p95 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.95))]
    print(
        f"{label:<44} median {statistics.median(seconds) * 1000:8.1f} ms   "
        f"p95 {p95 * 1000:8.1f} ms   (n={len(seconds)})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docx", type=int, default=50)
    parser.add_argument("--pdf", type=int, default=30)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    base = json.loads((SAMPLES / "staff-teaching-ka131-heidelberg.json").read_text())
    mobility = parse_mobility(base)

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load({"DATA_DIR": tmp, "PDF_ENGINE": "batch"}, environ={})
        prepare(settings)  # as `docservice setup` does: the database, the demo certificate
        _engine, sessions = open_database(settings)
        grants = GrantEngine.from_paths(None, None)
        grants.calculate(mobility)  # the gazetteer's cold start is measured in bench/grants.py
        service = document_service(settings, grants, sessions)

        report(
            "DOCX, grant agreement (render + record)",
            timed(lambda: service.generate("grant_agreement", mobility, "docx"), args.docx),
        )
        docx = service.prepare("grant_agreement", mobility, "tr").docx

        cold = BatchConverter()
        report("PDF, one cold LibreOffice run per document", timed(lambda: cold.convert(docx), 3))
        cold.close()

        warm = WarmConverter()
        start = time.perf_counter()
        warm.start()
        print(f"{'LibreOffice warm-up (unoserver), once':<44} {time.perf_counter() - start:8.2f} s")
        warm.convert(docx)
        report("PDF conversion only, warm", timed(lambda: warm.convert(docx), args.pdf))
        warm_service = document_service(settings, grants, sessions, converter=lambda: warm)
        report(
            "PDF, grant agreement warm (render+convert+sign)",
            timed(lambda: warm_service.generate("grant_agreement", mobility, "pdf"), args.pdf),
        )
        warm.close()

        rows = []
        for i in range(args.batch):
            city, country = HOSTS[i % len(HOSTS)]
            record = dict(base, reference=f"BENCH-{i:04d}")
            record["receiving"] = dict(base["receiving"], city=city, country=country)
            rows.append(Row(i + 2, parse_mobility(record), None, record["reference"]))
        out = Path(tmp) / "batch.zip"
        start = time.perf_counter()
        summary = run_batch(
            service,
            rows,
            templates=["grant_agreement"],
            formats=["docx", "pdf"],
            lang="tr",
            out_zip=out,
        )
        ours = time.perf_counter() - start
        assert summary.documents == args.batch and summary.errors == 0
        print(
            f"{'batch: ' + str(args.batch) + ' grant agreements, DOCX+PDF, signed':<44} "
            f"{ours:8.2f} s  ({ours / args.batch * 1000:.0f} ms per document, ZIP "
            f"{out.stat().st_size / 2**20:.1f} MB)",
            flush=True,
        )

        # LibreOffice alone, converting the same DOCX files in one run with a fresh profile
        folder = Path(tmp) / "docx"
        folder.mkdir()
        files = []
        for i, row in enumerate(rows):
            assert row.mobility is not None
            path = folder / f"{i:05d}.docx"
            path.write_bytes(service.prepare("grant_agreement", row.mobility, "tr").docx)
            files.append(path)
        alone = BatchConverter()
        start = time.perf_counter()
        alone.convert_many(files, Path(tmp) / "pdf")
        baseline = time.perf_counter() - start
        alone.close()
        print(
            f"{'LibreOffice alone, same files, one run':<44} {baseline:8.2f} s  "
            f"({baseline / args.batch * 1000:.0f} ms per document)"
        )
        print(f"{'batch end to end ÷ LibreOffice alone':<44} {ours / baseline:8.2f}×")
        service.close()


if __name__ == "__main__":
    main()
