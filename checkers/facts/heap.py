"""How the C library's heap hands out large blocks, set in one place.

A check's process asks for page images (tens of MB each) one after another: glibc would keep
each freed one in its heap, so ``give_back_large_blocks`` makes every block from 1 MB up a
mapping of its own, returned to the system when freed. The line reader
(``checkers.facts.lines``) allocates and frees blocks of a few MB many times a stamp: mapped
one by one, the kernel's work of zeroing them costs more than the network, so it reads
``roomy``: such blocks come from the heap while it runs, and the setting is put back after.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from collections.abc import Iterator

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
LARGE = 1 << 20  # a block this large or larger is mapped on its own and given back when freed
ROOMY = 32 << 20  # the most glibc allows: blocks up to this size come from the heap

_threshold: int | None = None  # None: glibc's own sliding threshold, never set here
_roomy = 0  # threads inside roomy(): the setting is put back when the last one leaves
_lock = threading.Lock()


def _set(threshold: int) -> bool:
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, threshold))
    except (OSError, AttributeError):
        return False  # another C library: its own habits


def give_back_large_blocks() -> None:
    """Every block from 1 MB up mapped on its own: a freed page image goes back at once."""
    global _threshold
    if _set(LARGE):
        _threshold = LARGE


@contextlib.contextmanager
def roomy() -> Iterator[None]:
    """Blocks of a few MB from the heap for a while, where ``give_back_large_blocks`` mapped
    them one by one; nothing changes where it was never called. Threads may be inside it at
    once: the setting is put back when the last leaves."""
    global _roomy
    if _threshold is None:
        yield
        return
    with _lock:
        _roomy += 1
        if _roomy == 1:
            _set(ROOMY)
    try:
        yield
    finally:
        with _lock:
            _roomy -= 1
            if _roomy == 0 and _threshold is not None:
                _set(_threshold)
