"""The worker's C heap: big blocks reused from the heap, free memory handed back past a limit.

Each check runs in a fresh interpreter, since the allocator's settings last for a process."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from dyadwatch import heap

pytestmark = pytest.mark.skipif(heap._glibc() is None, reason="glibc's allocator only")


def _run(body: str) -> list[str]:
    script = textwrap.dedent("""
        import ctypes
        from dyadwatch import heap
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc.restype = ctypes.c_void_p
        libc.free.argtypes = [ctypes.c_void_p]
        def rss_mb():
            return int(open("/proc/self/statm").read().split()[1]) * 4096 >> 20
    """) + textwrap.dedent(body)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    return out.stdout.split()


def test_a_block_of_a_parse_batch_comes_from_the_heap_not_a_mapping_of_its_own():
    body = """
        def mapped_after_malloc():
            before = heap._glibc().mallinfo2().hblks
            block = libc.malloc(8 << 20)
            mapped = heap._glibc().mallinfo2().hblks - before
            libc.free(block)
            return mapped
        print(mapped_after_malloc())
        heap.keep_heap()
        print(mapped_after_malloc())
    """
    by_default, kept = map(int, _run(body))
    assert by_default == 1 and kept == 0


def test_free_memory_goes_back_to_the_system_only_past_the_limit():
    body = """
        heap.keep_heap()
        blocks = [libc.malloc(32 << 20) for _ in range(24)]  # 768 MB
        for b in blocks:
            ctypes.memset(b, 1, 32 << 20)
        pin = libc.malloc(64)  # above them, so free() cannot trim the top
        for b in blocks[:8]:
            libc.free(b)  # 256 MB free: less than KEEP_FREE
        heap.release_free_heap()
        print(rss_mb())
        for b in blocks[8:]:
            libc.free(b)  # 768 MB free
        heap.release_free_heap()
        print(rss_mb())
    """
    below_limit, past_limit = map(int, _run(body))
    assert below_limit > 700 and past_limit < 200
