"""Fewer garbage collections while a file is read.

A page read makes some thirty thousand small objects (glyph dicts, cells, rows) that live until
the page's layout is assembled, and few cycles. At CPython's default youngest-generation
threshold (700 allocations) the collector walks them again and again: about 3% of a PDF read.
While any ``read`` runs, the threshold is raised to ``READ_THRESHOLD``; the last read to end
puts the caller's setting back. The collector still runs, so memory stays bounded.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The youngest generation's threshold while a file is read (CPython's default: 700).
READ_THRESHOLD = 20_000

_lock = threading.Lock()
_active = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's youngest threshold for the block (nested and threaded blocks
    share one raise; a caller's higher threshold is kept)."""
    global _active, _saved
    with _lock:
        if _active == 0:
            current = gc.get_threshold()
            if current[0] < READ_THRESHOLD:
                _saved = (current[0], current[1], current[2])
                gc.set_threshold(READ_THRESHOLD, current[1], current[2])
            else:
                _saved = None
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _saved is not None:
                if gc.get_threshold()[0] == READ_THRESHOLD:  # nobody changed it meanwhile
                    gc.set_threshold(*_saved)
                _saved = None
