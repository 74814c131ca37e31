"""Hostile files, made at test time and small on disk: each is what an attacker (or a broken
scanner) sends, and each must end in a clean error, within bounded memory and time."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of these objects (numbered from 1), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _pages(media_boxes: list[str], content: bytes = b"") -> bytes:
    kids = " ".join(f"{3 + i} 0 R" for i in range(len(media_boxes))).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(media_boxes),
    ]
    stream = len(objects) + len(media_boxes) + 1
    for box in media_boxes:
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [" + box.encode() + b"] "
            b"/Contents %d 0 R >>" % stream
        )
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return _pdf(objects)


def pdf_huge_page() -> bytes:
    """One page of 200 000 × 200 000 points (70 m a side): gigabytes if rendered."""
    return _pages(["0 0 200000 200000"])


def pdf_large_blank_pages(count: int = 3) -> bytes:
    """Pages of 5000 × 5000 points (1.76 m a side): legal in size, heavy at 300 dpi."""
    return _pages(["0 0 5000 5000"] * count)


def pdf_inflating_stream(megabytes: int = 1024) -> bytes:
    """A page whose content stream inflates to ``megabytes`` of spaces (a few MB on disk)."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    return _pdf(objects)


def pdf_circular_page_tree() -> bytes:
    """A page tree whose node names itself as its own kid."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    ]
    return _pdf(objects)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with a little data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    data = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A JPEG whose frame header claims ``width`` × ``height`` pixels (at most 65 535)."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    quant = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    return b"\xff\xd8" + quant + sof + b"\xff\xd9"


def zip_bomb(inner: str, megabytes: int = 1024, extra: dict[str, bytes] | None = None) -> bytes:
    """A ZIP (a DOCX or an XLSX) whose part ``inner`` inflates to ``megabytes`` of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, body in (extra or {}).items():
            archive.writestr(name, body)
        with archive.open(inner, "w", force_zip64=True) as part:
            chunk = b"0" * (1 << 20)
            for _ in range(megabytes):
                part.write(chunk)
    return out.getvalue()


def nested_json(depth: int) -> str:
    return "[" * depth + "]" * depth
