"""OCR with tesseract (Turkish and English), words with boxes and confidence.

Each page is one tesseract process with ``OMP_THREAD_LIMIT=1``: pages are read in parallel by
running several processes, never by threads inside one. The engine sits behind a small
interface so tests can pass a fake, or one that crashes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Protocol

import cv2

from checkers.errors import EngineFailure
from checkers.facts.model import Image, Word

LANGUAGES = "tur+eng"
TIMEOUT_S = 120


class OcrEngine(Protocol):
    """Reads a page image, RGB or grey."""

    def words(self, image: Image, *, dpi: int) -> list[Word]: ...

    def orientation(self, image: Image) -> tuple[int, float] | None:
        """Degrees to turn the image clockwise to read it, with tesseract's confidence."""
        ...


def _pgm(image: Image) -> memoryview:
    """The page for tesseract: grey (it reads grey anyway), as an uncompressed PGM."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    ok, encoded = cv2.imencode(".pgm", gray)
    if not ok:
        raise EngineFailure("The page image could not be encoded for OCR.")
    return encoded.data


@dataclass(frozen=True)
class Tesseract:
    languages: str = LANGUAGES
    psm: int = 3
    executable: str = "tesseract"
    options: tuple[str, ...] = ()  # more "-c name=value" settings, e.g. a character whitelist

    def _run(self, image: Image, args: list[str]) -> str:
        path = shutil.which(self.executable)
        if path is None:
            raise EngineFailure(
                "tesseract is not installed; ./run setup installs it (Debian packages "
                "tesseract-ocr, tesseract-ocr-tur, tesseract-ocr-eng)."
            )
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        # A file is read faster than a pipe. It holds the page's pixels (a passport, perhaps): in
        # memory where the system has it, readable by this user only, deleted at once.
        shm = "/dev/shm"
        folder = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None
        with tempfile.NamedTemporaryFile(suffix=".pgm", dir=folder) as page:
            page.write(_pgm(image))
            page.flush()
            try:
                done = subprocess.run(
                    [path, page.name, "stdout", *args],
                    capture_output=True,
                    timeout=TIMEOUT_S,
                    env=env,
                    check=False,
                    stdin=subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired:
                raise EngineFailure(
                    f"tesseract did not finish a page within {TIMEOUT_S} s."
                ) from None
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
            raise EngineFailure(f"tesseract failed (exit {done.returncode}): {message[0]}")
        return done.stdout.decode("utf-8", errors="replace")

    def words(self, image: Image, *, dpi: int) -> list[Word]:
        settings = [arg for option in self.options for arg in ("-c", option)]
        tsv = self._run(
            image,
            ["-l", self.languages, "--psm", str(self.psm), "--dpi", str(dpi), *settings, "tsv"],
        )
        return parse_tsv(tsv)

    def orientation(self, image: Image) -> tuple[int, float] | None:
        try:
            out = self._run(image, ["--psm", "0", "-l", "osd"])
        except EngineFailure:
            return None  # too little text to tell; the caller keeps the page as it is
        rotate, confidence = None, 0.0
        for line in out.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Rotate":
                rotate = int(value.strip())
            elif key.strip() == "Orientation confidence":
                confidence = float(value.strip())
        return None if rotate is None else (rotate, confidence)


def parse_tsv(tsv: str) -> list[Word]:
    words: list[Word] = []
    lines = tsv.splitlines()
    for row in lines[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        left, top, width, height = (float(c) for c in cols[6:10])
        words.append(
            Word(
                text=text,
                box=(left, top, left + width, top + height),
                confidence=max(0.0, float(cols[10])),
                line=block * 10_000 + par * 100 + line,
            )
        )
    return words
