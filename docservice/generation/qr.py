"""QR codes of addresses (a verify page, a participant's link), as PNG (segno: pure Python, no
imaging library needed)."""

from __future__ import annotations

import io

import segno


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()
