"""One store's graph kept up to date from its change feed, for a process that serves many readers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from graphkit.graph.feed import apply_changes, sync_shareable
from graphkit.graph.filters import shareable

if TYPE_CHECKING:  # the store layer imports this one
    from graphkit.store import Store


class LiveGraph:
    """The whole graph of one store in this app process, and its shareable copy, kept up to date from
    the store's change feed at the cost of each change (a reread only when the feed says so).

    Pages read it under ``reading()``; ``refresh()`` changes it in place under the write side of the
    same lock, so no page ever sees half an update.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.version = 0
        self._lock = threading.Condition()
        self._readers = 0
        self._reread()

    def _reread(self) -> None:
        position = self.store.feed_position()  # first: what is written meanwhile is replayed, harmlessly
        self.G = self.store.export()
        self.shared = shareable(self.G).copy()
        self.position = position
        self.version += 1

    def refresh(self) -> int:
        """Apply what changed since the last refresh; return the version of the graph now."""
        page = self.store.changes_since(self.position)  # an index seek, outside the lock
        if page.changes == []:
            return self.version
        with self._lock:
            self._lock.wait_for(lambda: self._readers == 0)
            page = self.store.changes_since(self.position)  # again: another refresh may have come first
            if page.changes is None:
                self._reread()
            elif page.changes:
                apply_changes(self.G, page.changes)
                self.shared = sync_shareable(self.G, self.shared, page.changes)
                self.position = page.position
                self.version += 1
            return self.version

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the graph still while a page reads it (many pages at once)."""
        with self._lock:
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                self._lock.notify_all()
