"""The C heap of a worker: kept between parse batches, handed back when much lies free.

A worker parses one batch after another, and each batch needs a few hundred MB of
arrays for a moment. glibc's defaults suit a program that allocates once: blocks
over 128 KB (a threshold it raises as it goes, up to 32 MB) get a mapping of their
own, unmapped when freed, and the heap's top is trimmed past 128 KB. Every batch then
faulted its memory in afresh: on the benchmark corpus 350,000 page faults in one
worker, where the bare parser (one long `nlp.pipe`) takes 47,000, and a tenth more
time, since every fresh page is zeroed by the kernel and missed by the caches. So
blocks up to MMAP_THRESHOLD come from the heap, and the heap keeps up to KEEP_FREE
unused for the next batch (a worker settles at about 350 MB free; its parses then
take 26,000 faults).
Past that, as after a long article, the rest goes back to the system at the end
of the chunk, so a worker does not stay as large as the longest article it parsed.

Only glibc has these knobs; elsewhere both functions do nothing.
"""
from __future__ import annotations

import ctypes
from functools import lru_cache

__all__ = ["MMAP_THRESHOLD", "KEEP_FREE", "keep_heap", "release_free_heap"]

MMAP_THRESHOLD = 64 << 20
KEEP_FREE = 512 << 20

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


@lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        libc.mallopt, libc.malloc_trim  # noqa: B018 — the three functions used here, or none
    except (OSError, AttributeError):
        return None
    return libc


@lru_cache(maxsize=1)  # once per process; a forked worker inherits the setting
def keep_heap() -> None:
    """Serve blocks up to MMAP_THRESHOLD from the heap, and let free() trim its top
    only past KEEP_FREE."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        libc.mallopt(_M_TRIM_THRESHOLD, KEEP_FREE)


def release_free_heap() -> None:
    """Hand free heap memory back to the system when more than KEEP_FREE lies unused."""
    libc = _glibc()
    if libc is not None and libc.mallinfo2().fordblks > KEEP_FREE:
        libc.malloc_trim(0)
