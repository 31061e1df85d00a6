"""A store's whole graph kept in a file beside it, so that a new app process starts from it and
replays only what changed since (``graphkit.graph.live.LiveGraph``) instead of reading every row.

At a million relationships, reading the rows and parsing their properties takes seconds; loading
the kept graph takes about one. The file is the store's own: it holds what the store holds, private
facts included, so it is its owner's alone; it is believed only while the store can replay its feed
from where the graph was kept (no erasure since, the same store); and an erasure deletes it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx

#: Bumped when the shape of what is kept changes, so that an older file is not believed.
FORMAT = 2
#: A child writing the kept graph for longer than this (seconds) is stuck: it is killed.
WRITING_AT_MOST = 600.0


@dataclass
class Kept:
    """The graph as read at feed ``position`` (whose entry's batch was ``mark``), and figures
    computed from its shape on the day ``day`` (ties fade by the day: figures of another day are
    not kept)."""

    position: int
    mark: str
    G: nx.MultiDiGraph
    figures: dict[Hashable, object] = field(default_factory=dict)
    day: str = field(default_factory=lambda: date.today().isoformat())


class KeptGraph:
    """The file ``path`` that keeps one store's graph."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self, believed: Callable[[int, str], bool]) -> Kept | None:
        """The kept graph, or None when there is none, it is unreadable, of another format or not
        only its owner's, or ``believed(position, mark)`` says the store cannot replay its feed
        from there (another store, or an erasure since): then the file is deleted."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as f:
            mode = os.fstat(fd)
            if mode.st_uid != os.getuid() or mode.st_mode & 0o077:
                return None  # someone else could have written it: never unpickle it
            try:
                kept_format, position, mark = pickle.load(f)  # a small header, before the graph
                if kept_format != FORMAT or not believed(position, mark):
                    self.discard()
                    return None
                gc.disable()  # a million dicts: the collector would walk them again and again
                try:
                    kept = pickle.load(f)
                finally:
                    gc.enable()
            except Exception:  # a truncated or damaged file: read the store instead, and keep anew
                self.discard()
                return None
        if not isinstance(kept, Kept) or (kept.position, kept.mark) != (position, mark):
            return None
        if kept.day != date.today().isoformat():
            kept.figures = {}
        return kept

    def save(self, kept: Kept, still_current: Callable[[int], bool]) -> Callable[[], bool] | None:
        """Start keeping ``kept`` in place of what was kept, and return what waits until it is
        kept (True) or failed (False).

        A child process (``os.fork``) writes it: the child's memory is the graph as it is at this
        moment, so the caller need hold the graph still only until this returns, and the pickling's
        time and memory are the child's, not the app's. Once written, when ``still_current`` says the
        feed can no longer be replayed from its position (an erasure came meanwhile), the waiter
        deletes it again, so that nothing erased survives in it. None: nothing to wait for (this
        system cannot fork; the app starts the slow way).
        """
        if not hasattr(os, "fork"):
            return None
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}-{id(kept)}.tmp")
        pid = os.fork()
        if pid == 0:  # the child: write, and leave without running anything of the parent's
            os._exit(_child_writes(kept, temporary, self.path))

        def wait() -> bool:
            status = _exit_status(pid, WRITING_AT_MOST)
            if status != 0:  # killed, say, for memory: leave no copy of the data behind
                with contextlib.suppress(OSError):
                    temporary.unlink()
                return False
            if not still_current(kept.position):
                self.discard()
                return False
            return True

        return wait

    def discard(self) -> None:
        """Delete the kept graph, and any being written (after an erasure, or when it is stale)."""
        for path in (self.path, *self.path.parent.glob(f"{self.path.name}.*.tmp")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _exit_status(pid: int, at_most: float) -> int:
    """The exit status of child ``pid``, waited for at most ``at_most`` seconds; then it is killed."""
    deadline = time.monotonic() + at_most
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def _child_writes(kept: Kept, temporary: Path, path: Path) -> int:
    """In the forked child: write ``kept`` to ``temporary``, then put it in place of ``path``; the
    exit status."""
    gc.disable()  # no finalizer of an object of the parent's may run here
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    with contextlib.suppress(OSError):  # if memory runs out, the kernel should take this child first
        Path("/proc/self/oom_score_adj").write_text("1000")
    try:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((FORMAT, kept.position, kept.mark), f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(kept, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        return 0
    except BaseException:  # a read-only folder, a full disk: the app starts the slow way next time
        with contextlib.suppress(OSError):
            temporary.unlink()
        return 1
