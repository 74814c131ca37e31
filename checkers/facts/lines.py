"""A second reader of short printed lines, for what tesseract reads worst: the worn, dotted and
slashed digits of a border stamp. RapidOCR runs PaddleOCR's PP-OCRv4 detection and recognition
models (shipped inside the ``rapidocr-onnxruntime`` wheel) on onnxruntime: a network trained on
photographed text, where tesseract's models learnt clean print. Its alphabet has no Turkish
letters (``GİRİŞ`` comes back as ``GiriS``), so it reads stamps beside tesseract, never instead
of it, and its mistakes are not tesseract's: where both read one date, the date is sure.

Each network runs on one thread, with the heap set for its blocks (``checkers.facts.heap``).
A page's stamps are read side by side by a few threads of the process (``side_by_side``),
each thread with models of its own while it reads (loaded once, then kept for the next):
onnxruntime lets go of Python while it computes, so the stamps keep both cores busy where one
would wait on the other. An image's reading does not depend on the others read beside it.

Each line is recognised alone, at its own width: recognised six at a time, every line is padded
to the widest of the six, and a stamp's short date then costs what its longest line does.
Where lines are looked for on a smaller copy (``detect_side``: the lines of a stamp are large,
and finding them costs as many pixels as it is shown), each is still recognised from the image
as given.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import cv2
import numpy as np

from checkers.errors import EngineFailure
from checkers.facts import heap
from checkers.facts.model import Box, Image, Word

THREADS = max(1, min(4, os.cpu_count() or 1))  # images read side by side (side_by_side)

_idle: list[Any] = []  # loaded models not in use: RapidOCR keeps state between its steps, so
# each thread reading at one time has its own, and as many are loaded as ever read at once
_pool: tuple[int, ThreadPoolExecutor] | None = None  # (the process it was made in, the pool)
_lock = threading.Lock()

T = TypeVar("T")
R = TypeVar("R")


def _load() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise EngineFailure(
            "rapidocr-onnxruntime is not installed; ./run setup installs it."
        ) from exc
    return RapidOCR(
        intra_op_num_threads=1,
        inter_op_num_threads=1,
        det_limit_type="max",  # lines found at the image's own size (up to 960 px)
        use_cls=False,
        print_verbose=False,
        rec_batch_num=1,
    )


@contextlib.contextmanager
def _models() -> Iterator[Any]:
    """Models no other thread is using, for as long as one image is read."""
    with _lock:
        engine = _idle.pop() if _idle else None
    if engine is None:
        engine = _load()
    try:
        yield engine
    finally:
        with _lock:
            _idle.append(engine)


def side_by_side(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``work`` done on each item by the process's few reading threads, results in order (a
    single item on the calling thread). The pool is made on first use (again in a process
    forked from the one that made it: threads do not survive a fork). ``work`` may read with
    ``PaddleLines.words``, never with ``side_by_side`` itself: the pool would wait on itself."""
    global _pool
    if len(items) <= 1:
        return [work(item) for item in items]
    with _lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (os.getpid(), ThreadPoolExecutor(THREADS, thread_name_prefix="lines"))
        pool = _pool[1]
    with heap.roomy():
        return list(pool.map(work, items))


@dataclass(frozen=True)
class PaddleLines:
    """Lines of text found and read on an image, each as one ``Word`` on a line of its own,
    top to bottom; ``dpi`` is not needed (the network sees pixels). With ``detect_side``, the
    lines are looked for on a copy no longer than that on its longer side."""

    least_score: float = 0.3  # what the recogniser must be this sure of to count
    detect_side: int | None = None

    def read_each(self, images: Sequence[Image]) -> list[list[Word]]:
        """Each image's lines, the images read side by side (``side_by_side``)."""
        return side_by_side(self.words, images)

    def words(self, image: Image, *, dpi: int = 300) -> list[Word]:
        rgb = image if image.ndim == 3 else np.repeat(image[:, :, None], 3, axis=2)
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])
        scale = 1.0 if not self.detect_side else self.detect_side / max(bgr.shape[:2])
        try:
            with heap.roomy(), _models() as engine:
                if scale < 1.0:
                    found = _read_at(engine, bgr, scale, self.least_score)
                else:
                    found, _ = engine(bgr, use_cls=False, text_score=self.least_score)
        except Exception as exc:  # onnxruntime's own errors carry no common base
            raise EngineFailure(f"The line reader failed: {exc}") from exc
        words = []
        for corners, text, score in found or []:
            xs = [float(p[0]) for p in corners]
            ys = [float(p[1]) for p in corners]
            box: Box = (min(xs), min(ys), max(xs), max(ys))
            words.append((box, str(text).strip(), float(score)))
        words.sort(key=lambda w: ((w[0][1] + w[0][3]) / 2, w[0][0]))
        out: list[Word] = []
        for box, text, score in words:
            if not text:
                continue
            middle = (box[1] + box[3]) / 2
            same = next(
                (w for w in reversed(out) if w.box[1] <= middle <= w.box[3]),
                None,
            )
            line = same.line if same is not None else len(out)
            out.append(Word(text, box, 100 * score, line))
        return out

    def orientation(self, image: Image) -> tuple[int, float] | None:
        return None


def _read_at(engine: Any, bgr: np.ndarray, scale: float, least: float) -> list[Any]:
    """RapidOCR's own steps, its lines found on a copy ``scale`` times the size and each read
    from the image as given: (corners, text, score) for each line read surely enough."""
    small = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    boxes, _ = engine.text_det(small)
    if boxes is None or len(boxes) == 0:
        return []
    height, width = bgr.shape[:2]
    corners = [
        np.clip(np.asarray(box, np.float32) / scale, 0, [width - 1, height - 1]).astype(np.float32)
        for box in engine.sorted_boxes(boxes)
    ]
    read, _ = engine.text_rec(engine.get_crop_img_list(bgr, corners))
    return [
        (box, result[0], result[1])
        for box, result in zip(corners, read, strict=True)
        if float(result[1]) >= least
    ]
