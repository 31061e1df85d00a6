"""A store's whole graph kept in a file beside it, so that a new app process starts from it and
replays only what changed since (``graphkit.graph.live.LiveGraph``) instead of reading every row.

At a million relationships, reading the rows and parsing their properties takes seconds; loading
the kept graph takes about one. The file is the store's own: it holds what the store holds, private
facts included, so it gets the store file's owner and no one else's access, it is believed only
when the feed entry it was kept at is still there unchanged, and an erasure deletes it (``discard``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

#: Bumped when the shape of what is kept changes, so that an older file is not believed.
FORMAT = 1


@dataclass
class Kept:
    """The graph as read at feed ``position`` (whose entry's batch was ``mark``), and figures
    computed from its shape then."""

    position: int
    mark: str
    G: nx.MultiDiGraph
    figures: dict[Hashable, object] = field(default_factory=dict)


class KeptGraph:
    """The file ``path`` that keeps one store's graph."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self, still_there: Callable[[int, str], bool]) -> Kept | None:
        """The kept graph, or None when there is none, it is unreadable or of another format, or the
        store no longer has its feed entry (``still_there(position, mark)`` says False: the store was
        replaced, or the entry was erased)."""
        try:
            if self.path.stat().st_uid != os.getuid() or self.path.stat().st_mode & 0o077:
                return None  # someone else could have written it: never unpickle it
            with open(self.path, "rb") as f:
                gc.disable()  # a million dicts: the collector would walk them again and again
                try:
                    kept_format, kept = pickle.load(f)
                finally:
                    gc.enable()
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            ValueError,
            TypeError,
            AttributeError,
            ImportError,
        ):
            return None
        if kept_format != FORMAT or not isinstance(kept, Kept) or not still_there(kept.position, kept.mark):
            return None
        return kept

    def save(self, kept: Kept, still_current: Callable[[int], bool]) -> Callable[[], None] | None:
        """Start keeping ``kept`` in place of what was kept, and return what waits until it is kept.

        A child process (``os.fork``) writes it: the child's memory is the graph as it is at this
        moment, so the caller need hold the graph still only until this returns, and the pickling's
        time and memory are the child's, not the app's. Once written, when ``still_current`` says the
        feed can no longer be replayed from its position (an erasure came meanwhile), the waiter
        deletes it again, so that nothing erased survives in it. None: nothing to wait for (this
        system cannot fork; the app starts the slow way).
        """
        if not hasattr(os, "fork"):
            return None
        pid = os.fork()
        if pid == 0:  # the child: write, and leave without running anything of the parent's
            os._exit(self._write(kept))

        def wait() -> None:
            _, status = os.waitpid(pid, 0)
            if status == 0 and not still_current(kept.position):
                self.discard()

        return wait

    def _write(self, kept: Kept) -> int:
        """Write ``kept`` atomically; the exit status of the child that does it."""
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                pickle.dump((FORMAT, kept), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            return 0
        except BaseException:  # a read-only folder, a full disk: the app starts the slow way next time
            with contextlib.suppress(OSError):
                temporary.unlink()
            return 1

    def discard(self) -> None:
        """Delete the kept graph, and any being written (after an erasure, or when it is stale)."""
        for path in (self.path, *self.path.parent.glob(f"{self.path.name}.*.tmp")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
