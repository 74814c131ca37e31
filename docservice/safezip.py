"""ZIP files from outside (DOCX, XLSX), opened within bounds: every part's declared size, the
total, and how much a part inflates are checked before anything is read, and parts are read as
capped streams. A 1 MB DOCX that expands to 1 GiB is refused in milliseconds."""

from __future__ import annotations

import io
import zipfile

from docservice.errors import TooLarge, UnreadableInput

MAX_PARTS = 2_000
MAX_PART_BYTES = 64 * 2**20  # one XML part: a sheet of 5000 rows is a few MB
MAX_TOTAL_BYTES = 256 * 2**20
MAX_RATIO = 200  # XML compresses well (10–30 times), never this much
SMALL = 2**20  # a part this small may compress any amount
CHUNK = 2**20


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """The archive, once its declared sizes are within bounds (zipfile itself never reads a
    part past its declared size: a part that inflates further fails its check)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableInput(f"{what} is not a readable ZIP file ({exc}).") from None
    parts = archive.infolist()
    too_large = TooLarge(
        f"{what} unpacks to more than its parts may hold (at most {MAX_PART_BYTES // 2**20} MB "
        f"a part, {MAX_TOTAL_BYTES // 2**20} MB in all, {MAX_RATIO} times its packed size); "
        "save it again from Word or Excel, or send a PDF or CSV."
    )
    if len(parts) > MAX_PARTS:
        archive.close()
        raise too_large
    total = 0
    for part in parts:
        total += part.file_size
        inflates = part.file_size > SMALL and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        )
        if part.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or inflates:
            archive.close()
            raise too_large
    return archive


def read_part(archive: zipfile.ZipFile, name: str, limit: int = MAX_PART_BYTES) -> bytes:
    """One part, read a chunk at a time and refused past ``limit`` bytes."""
    out = io.BytesIO()
    with archive.open(name) as part:
        while chunk := part.read(CHUNK):
            if out.tell() + len(chunk) > limit:
                raise TooLarge(f"A part of the file ({name}) is larger than {limit // 2**20} MB.")
            out.write(chunk)
    return out.getvalue()
