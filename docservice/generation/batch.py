"""Generate documents for a whole sheet of mobilities into one ZIP.

Rendering (Python) and LibreOffice's conversion (its own process) overlap: DOCX files are
rendered in chunks, each chunk goes to one LibreOffice run while the next is rendered, and PDFs
are signed as LibreOffice writes them. A row that cannot be used is listed with its reason in
the ZIP's ``manifest.csv``; the other rows go on. Nothing is recorded as issued unless the ZIP
was written.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import queue
import tempfile
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from docservice.errors import InputError
from docservice.formatting import Lang
from docservice.generation.pdf import BatchConverter
from docservice.generation.service import (
    DocumentService,
    GeneratedFile,
    Prepared,
    check_format,
    file_stem,
)
from docservice.generation.templates import variant_for
from docservice.tabular import Row, spreadsheet_text

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # units done, units in all
FIRST_CHUNK = 8
MANIFEST_COLUMNS = (
    "row",
    "reference",
    "participant",
    "template",
    "status",
    "code",
    "files",
    "message",
)


@dataclass
class BatchSummary:
    rows: int = 0
    documents: int = 0
    files: int = 0
    errors: int = 0
    manifest: list[dict[str, str]] = field(default_factory=list)


@dataclass
class _Item:
    row: Row
    prepared: Prepared
    docx_path: Path
    outputs: list[GeneratedFile] = field(default_factory=list)


class _Counter:
    """Counts the steps of the work (render, convert, sign) and reports whole documents."""

    def __init__(self, total: int, progress: Progress | None, per: int = 1) -> None:
        self.total, self.done, self.progress, self.per = total, 0, progress, per
        self._lock = threading.Lock()

    def step(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
            if self.progress is not None:
                self.progress(self.done // self.per, self.total // self.per)


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{stem}-{n}{dot}{ext}"
        n += 1
    taken.add(candidate)
    return candidate


def chunk_sizes(total: int, processes: int, first: int = FIRST_CHUNK) -> list[int]:
    """How many documents each LibreOffice run converts, in the order they are rendered.

    A run costs LibreOffice's start (about a second of CPU) however many files it converts, so
    there are few runs: a small first round, one a process, so that every process starts while
    the rest is still being rendered, then one round that shares the rest. The runs of that
    round start one after another as their documents are rendered, so an earlier one takes a
    larger share (a fifth more for the first than for the last) and they end together.
    """
    if total <= 0:
        return []
    opening = min(first, total // (2 * processes))
    sizes = [opening] * processes if opening else []
    rest = total - sum(sizes)
    runs = min(processes, rest)
    weights = [1 + 0.2 * (runs - 1 - n) / max(1, runs - 1) for n in range(runs)]
    shares = [int(rest * w / sum(weights)) for w in weights]
    for n in range(rest - sum(shares)):  # what rounding left, to the earliest
        shares[n % runs] += 1
    return sizes + shares


def run_batch(
    service: DocumentService,
    rows: list[Row],
    *,
    templates: list[str],
    formats: list[str],
    lang: Lang | None,
    out_zip: Path,
    progress: Progress | None = None,
    chunk: int = FIRST_CHUNK,
    converters: int | None = None,
    issued_by: str | None = None,
    keep: Callable[[bytes], object] | None = None,
) -> BatchSummary:
    """Every document of every row into ``out_zip``; a row made from a dossier
    (``Row.mobility_id``) also has its documents attached to the dossier: ``keep`` stores
    their files, and each replaces the dossier's older one of its kind and language."""
    formats = sorted({check_format(f) for f in formats})
    if not templates:
        raise InputError("Name at least one template to generate.")
    want_pdf = "pdf" in formats
    valid = [r for r in rows if r.mobility is not None]
    steps = 1 + (2 if want_pdf else 0)  # render, then convert and sign
    counter = _Counter(len(valid) * len(templates) * steps, progress, per=steps)
    summary = BatchSummary(rows=len(rows))
    items: list[_Item] = []
    # as many LibreOffice processes as cores, each with its own profile (one profile cannot be
    # used by two at once), taking the chunks as they are rendered
    processes = converters if converters is not None else max(1, os.cpu_count() or 1)
    idle: queue.SimpleQueue[BatchConverter] = queue.SimpleQueue()
    # a profile each; LibreOffice a little below the rendering it waits for, so that the
    # documents are ready before a process needs them
    made = [BatchConverter(niceness=10) for _ in range(processes)] if want_pdf else []
    for one in made:
        idle.put(one)
    sizes = chunk_sizes(len(valid) * len(templates), processes, first=chunk)
    with (
        tempfile.TemporaryDirectory(prefix="docservice-batch-") as tmp,
        ThreadPoolExecutor(processes, thread_name_prefix="convert") as convert_pool,
        ThreadPoolExecutor(1, thread_name_prefix="sign") as sign_pool,
    ):
        work = Path(tmp)
        conversions: list[Future[None]] = []
        signings: list[Future[None]] = []

        def sign(item: _Item, pdf_path: Path) -> None:
            pdf, signed = service.finish_pdf(pdf_path.read_bytes(), item.prepared)
            item.outputs.append(service.output(item.prepared, "pdf", pdf, signed))
            counter.step()

        def convert(batch: list[_Item]) -> None:
            by_pdf = {work / "pdf" / (i.docx_path.stem + ".pdf"): i for i in batch}

            def converted(path: Path) -> None:
                counter.step()
                item = by_pdf.get(work / "pdf" / path.name)
                if item is not None:
                    signings.append(sign_pool.submit(sign, item, work / "pdf" / path.name))

            converter = idle.get()
            try:
                converter.convert_many(
                    [i.docx_path for i in batch], work / "pdf", on_file=converted
                )
            finally:
                idle.put(converter)

        pending: list[_Item] = []
        for row in rows:
            if row.mobility is None:
                summary.errors += 1
                summary.manifest.append(_line(row, "", "invalid_row", row.error or ""))
                continue
            for template in templates:
                # A language a template lacks falls back to the template's own (the host's
                # drafts exist in English only)
                variant = variant_for(template, row.mobility)
                chosen = lang if lang in service.templates.languages(template, variant) else None
                try:
                    prepared = service.prepare(template, row.mobility, chosen)
                except InputError as exc:
                    summary.errors += 1
                    summary.manifest.append(_line(row, template, "error", exc.message))
                    counter.step(steps)
                    continue
                path = work / "docx" / f"{len(items):05d}.docx"
                path.parent.mkdir(exist_ok=True)
                path.write_bytes(prepared.docx)
                item = _Item(row, prepared, path)
                if "docx" in formats:
                    item.outputs.append(service.output(prepared, "docx", prepared.docx, False))
                items.append(item)
                counter.step()
                if want_pdf:
                    pending.append(item)
                    if sizes and len(pending) >= sizes[0]:
                        sizes.pop(0)
                        conversions.append(convert_pool.submit(convert, pending))
                        pending = []
        if want_pdf and pending:
            conversions.append(convert_pool.submit(convert, pending))
        try:
            for future in conversions:
                future.result()
            convert_pool.shutdown(wait=True)
            for future in list(signings):
                future.result()
        finally:
            for one in made:
                one.close()
        _write_zip(out_zip, items, summary)
    service.record_many([(i.prepared, i.outputs) for i in items if i.row.mobility_id is None])
    for item in items:
        if item.row.mobility_id is not None:
            if keep is not None:
                for output in item.outputs:
                    keep(output.data)
            service.record(
                item.prepared, item.outputs, mobility_id=item.row.mobility_id, issued_by=issued_by
            )
    summary.documents = len(items)
    summary.files = sum(len(i.outputs) for i in items)
    return summary


def _line(row: Row, template: str, status: str, message: str, **extra: str) -> dict[str, str]:
    m = row.mobility
    return {
        "row": str(row.number),
        "reference": (m.reference if m else row.reference) or "",
        "participant": m.participant.full_name if m else "",
        "template": template,
        "status": status,
        "code": extra.get("code", ""),
        "files": extra.get("files", ""),
        "message": message,
    }


def _write_zip(out_zip: Path, items: list[_Item], summary: BatchSummary) -> None:
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_zip.with_name(out_zip.name + ".part")
    tmp.touch(mode=0o600)  # it holds bank accounts: readable by the service's user only
    taken: set[str] = {"manifest.csv"}
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as z:
        for item in items:
            names = []
            for output in sorted(item.outputs, key=lambda o: o.format):
                stem = file_stem(item.prepared.template.name, item.prepared.mobility)
                name = _unique(f"{stem}.{output.format}", taken)
                z.writestr(name, output.data)
                names.append(name)
            summary.manifest.append(
                _line(
                    item.row,
                    item.prepared.template.name,
                    "ok",
                    "",
                    code=item.prepared.code,
                    files=" ".join(names),
                )
            )
        summary.manifest.sort(key=lambda line: (int(line["row"]), line["template"]))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerows(
            {key: spreadsheet_text(str(value)) for key, value in line.items()}
            for line in summary.manifest
        )
        z.writestr("manifest.csv", "\ufeff" + buffer.getvalue())
    tmp.replace(out_zip)
