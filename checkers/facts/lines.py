"""A second reader of short printed lines, for what tesseract reads worst: the worn, dotted and
slashed digits of a border stamp. RapidOCR runs PaddleOCR's PP-OCRv4 detection and recognition
models (shipped inside the ``rapidocr-onnxruntime`` wheel) on onnxruntime: a network trained on
photographed text, where tesseract's models learnt clean print. Its alphabet has no Turkish
letters (``GİRİŞ`` comes back as ``GiriS``), so it reads stamps beside tesseract, never instead
of it, and its mistakes are not tesseract's: where both read one date, the date is sure.

The models are loaded once per process, on first use, and run on one thread (pages are read in
parallel by processes, as with tesseract), with the heap set for their blocks
(``checkers.facts.heap``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from checkers.errors import EngineFailure
from checkers.facts import heap
from checkers.facts.model import Box, Image, Word

_engine: Any = None
_lock = threading.Lock()
DETECT_SIDE = 640  # pixels the longer side of an image is detected at


def _loaded() -> Any:
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]
            except ImportError as exc:  # pragma: no cover - a broken installation
                raise EngineFailure(
                    "rapidocr-onnxruntime is not installed; ./run setup installs it."
                ) from exc
            _engine = RapidOCR(
                intra_op_num_threads=1,
                inter_op_num_threads=1,
                det_limit_side_len=DETECT_SIDE,
                det_limit_type="max",
                use_cls=False,
                print_verbose=False,
            )
        return _engine


@dataclass(frozen=True)
class PaddleLines:
    """Lines of text found and read on an image, each as one ``Word`` on a line of its own,
    top to bottom; ``dpi`` is not needed (the network sees pixels)."""

    least_score: float = 0.3  # what the recogniser must be this sure of to count

    def words(self, image: Image, *, dpi: int = 300) -> list[Word]:
        rgb = image if image.ndim == 3 else np.repeat(image[:, :, None], 3, axis=2)
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])
        engine = _loaded()
        try:
            with heap.roomy():
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
