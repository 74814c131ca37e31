"""A picture of the evidence for people: each check's boxes drawn on the page it found them on,
in the colour of its status and numbered as the report lists its checks (1 is the first), so a
page in any language names them beside the picture (the picture holds no words)."""

from __future__ import annotations

import cv2
import numpy as np

from checkers.facts.model import DocumentFacts, Image
from checkers.report import Report, Status

COLOURS = {Status.PASS: (22, 140, 60), Status.FAIL: (200, 30, 30), Status.REVIEW: (220, 140, 0)}
MAX_WIDTH = 1240


def annotate(report: Report, facts: DocumentFacts) -> bytes:
    """PNG of the pages that hold evidence (the first page when none does), stacked."""
    drawn: dict[int, Image] = {}
    for number, check in enumerate(report.checks, start=1):
        for ev in check.evidence:
            if ev.page is None or ev.box is None:
                continue
            page = facts.pages[ev.page - 1]
            image = drawn.setdefault(ev.page, page.image.copy())
            h, w = image.shape[:2]
            x0, y0, x1, y1 = ev.box
            p0, p1 = (int(x0 * w) - 4, int(y0 * h) - 4), (int(x1 * w) + 4, int(y1 * h) + 4)
            colour = COLOURS[check.status]
            cv2.rectangle(image, p0, p1, colour, 3)
            label = str(number)
            (tw, th), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, 0.6, 2)
            top = max(th + 6, p0[1])
            cv2.rectangle(image, (p0[0], top - th - 6), (p0[0] + tw + 6, top), colour, -1)
            cv2.putText(
                image,
                label,
                (p0[0] + 3, top - 4),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.6,
                (255, 255, 255),
                2,
            )
    pages = [drawn[n] for n in sorted(drawn)] or [facts.pages[0].image.copy()]
    width = min(MAX_WIDTH, max(p.shape[1] for p in pages))
    scaled = [cv2.resize(p, (width, round(p.shape[0] * width / p.shape[1]))) for p in pages]
    sheet = np.vstack(scaled)
    ok, png = cv2.imencode(".png", cv2.cvtColor(sheet, cv2.COLOR_RGB2BGR))
    if not ok:
        raise ValueError("the evidence picture could not be encoded")
    return bytes(png.tobytes())
