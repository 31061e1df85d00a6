"""Python's cyclic garbage collector paused while a big graph is built or walked: the millions of
dicts and tuples of a graph at a million relationships set it off again and again, for nothing, and
each full pass walks the whole graph. The one place that pauses it, for every thread: a pause lasts
until the last thread that asked for one is done, and leaves the collector as it found it.

>>> import gc
>>> with paused():
...     with paused():
...         pass
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """The collector off until every ``paused()`` under way, in any thread, has ended."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
