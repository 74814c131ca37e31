"""Uploaded files, stored by the SHA-256 of their content.

A file is written to a temporary name in the same folder, flushed to disk, then renamed into place,
and the folder itself is flushed: a process that dies mid-upload leaves a stray temporary file
(removed by ``sweep``), never a half-written file under a real name. The same content uploaded
twice is stored once. Files are readable by the service's user only: they are passport scans,
certificates, boarding passes.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from docservice.errors import NotFound

_TEMP_PREFIX = ".upload-"


@dataclass(frozen=True)
class BlobStore:
    root: Path

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise NotFound(f"There is no stored file {sha256!r}.")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` (once per content) and return its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = target.parent / f"{_TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _sync_folder(target.parent)
        return digest

    def read(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise NotFound(
                f"The stored file {sha256[:12]}… is gone (removed after its retention period, "
                "or the storage folder was changed); ask for the document again."
            ) from None

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def delete(self, sha256: str) -> bool:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def sweep(self, older_than_s: float = 3600) -> int:
        """Remove temporary files left by processes that died mid-write."""
        if not self.root.exists():
            return 0
        limit = time.time() - older_than_s
        removed = 0
        for temp in self.root.glob(f"*/*/{_TEMP_PREFIX}*"):
            if temp.stat().st_mtime < limit:
                temp.unlink(missing_ok=True)
                removed += 1
        return removed


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
