"""One store's graph kept up to date from its change feed, for a process that serves many readers."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Hashable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.graph.feed import apply_changes, reshapes, sync_shareable
from graphkit.graph.filters import analysed, shareable
from graphkit.graph.titles import titled
from graphkit.live import snapshot

if TYPE_CHECKING:  # the store layer imports this one
    from graphkit.model.changeset import Change
    from graphkit.store import Store

T = TypeVar("T")
log = logging.getLogger(__name__)
#: After this many changes since the graph was last kept, keep it again, so that a new process
#: replays a short feed.
KEEP_EVERY = 1000


class LiveGraph:
    """The whole graph of one store in this app process, and its shareable copy, kept up to date from
    the store's change feed at the cost of each change (a reread only when the feed says so).

    Pages read it under ``reading()``; ``refresh()`` changes it in place under the write side of the
    same lock, so no page ever sees half an update.
    """

    #: Keeping the graph for the next process (``snapshot.keep``) waits this long after what prompts
    #: it, so that it does not slow the page that prompted it.
    keep_delay = 5.0

    def __init__(
        self, store: Store, kept: int = 1000, warm: Collection[Callable[[nx.MultiDiGraph], object]] = ()
    ) -> None:
        """``kept``: how many versions back ``affects`` can tell what changed. ``warm``: what to build
        again in the background, for ``G`` and ``shared``, after a change reshapes the network (what
        caches itself by ``reshaped``, such as the tie network), so that no page waits for it."""
        self.store = store
        self.warm = tuple(warm)
        # Background builds wait this long, so that the pages a change reruns draw first: they share one
        # interpreter, and at a million relationships a build holds it for seconds.
        self.background_delay = 1.0
        self.version = 0
        self.shape = 0  # the version of the last change that reshaped the network (``reshapes``)
        # What each recent version changed: (version, ids touched or None for a whole reread, reshaped).
        self._log: deque[tuple[int, frozenset[str] | None, bool]] = deque(maxlen=kept)
        self.figures = 0  # how many figures were brought up to date in the background
        self._lock = threading.Condition()
        self._readers = 0  # pages reading the graph: no change may be applied meanwhile
        self._builders = 0  # background builds reading its shape: only descriptive changes go on
        self._derived: dict[Hashable, tuple[int, object]] = {}
        self._computing: set[Hashable] = set()
        self.unreadable: str | None = None  # why the last look at the feed failed, if it did
        self._following = False
        self.last_asked = 0.0
        self._sharing = threading.Lock()
        self._kept: tuple[int, frozenset[Hashable]] | None = None  # (position, figures) last kept
        self._reread_at = 0  # the version of the last whole read
        self._keeping = self._keep_asked = False
        self._start()

    def _start(self) -> None:
        """Read the graph: from the store's snapshot, with what changed since, else whole."""
        kept = snapshot.load(self.store)
        if kept is None:
            self._reread()
            return
        # As the store's read gives it (``Store.export``): interactions titled, app records left out.
        self.G, self.position = analysed(titled(kept.G)), kept.position
        self._shared: nx.MultiDiGraph | None = None  # made when a viewer first asks (see ``shared``)
        self.version = self.shape = 1
        self._log.append((self.version, None, True))
        figures = kept.fresh_figures
        self._derived = {key: (self.shape, value) for key, value in figures.items()}
        self._kept = (kept.position, frozenset(figures))
        self.refresh()

    def _reread(self) -> None:
        position = self.store.feed_position()  # first: what is written meanwhile is replayed, harmlessly
        self.G = analysed(self.store.export())
        self._shared = None
        self.position = position
        self.version += 1
        self.shape = self.version
        self._log.append((self.version, None, True))
        # Figures of the graph as it was may name what an erasure removed: none is shown again.
        self._derived = {}
        self._reread_at = self.version
        self._kept = None
        self._keep_later()

    def _keep_later(self) -> None:
        """Keep the graph and its figures for the next process, in the background (``snapshot.keep``);
        asked while keeping, once more after that."""
        if self.store.kept is None:
            return
        with self._lock:
            self._keep_asked = True
            if self._keeping:
                return
            self._keeping = True
        threading.Thread(target=self._keep, name="graphkit-keep", daemon=True).start()

    def _keep(self) -> None:
        while True:
            time.sleep(self.keep_delay)
            with self._lock:
                if not self._keep_asked:
                    self._keeping = False
                    return
                self._keep_asked = False
            try:
                self._keep_now()
            except GraphkitError as e:  # the store is down, say: the next process reads it the slow way
                log.warning("graphkit: the graph was not kept for the next process: %s", e)
            except Exception:
                log.exception("graphkit: keeping the graph for the next process failed")

    def _keep_now(self) -> None:
        with self._lock:
            figures = {key: value for key, (shape, value) in self._derived.items() if shape == self.shape}
            position = self.position
        if (
            self._kept is not None
            and figures.keys() <= self._kept[1]
            and position - self._kept[0] < KEEP_EVERY
        ):
            return
        written = snapshot.keep(self.store, figures, position)
        at = written() if written else None
        if at is not None:
            self._kept = (at, frozenset(snapshot.keepable(figures)) if at == position else frozenset())

    def refresh(self, wait: float | None = None) -> int:
        """Apply what changed since the last refresh; return the version of the graph now.

        Waits for the pages reading the graph to finish, at most ``wait`` seconds (None: as long as
        it takes); past that it leaves the changes for the next refresh."""
        page = self.store.changes_since(self.position)  # an index seek, outside the lock
        if page.changes == []:
            return self.version
        until = None if wait is None else time.monotonic() + wait
        with self._lock:
            while True:
                changes = page.changes
                left = None if until is None else max(0.0, until - time.monotonic())
                if not self._lock.wait_for(lambda: self._free_for(changes), timeout=left):  # noqa: B023
                    return self.version
                page = self.store.changes_since(self.position)  # again: another refresh may have come first
                if self._free_for(page.changes):
                    break
            if page.changes is None:
                self._reread()
            elif page.changes:
                touched = apply_changes(self.G, page.changes)
                if self._shared is not None:
                    self._shared = sync_shareable(self.G, self._shared, page.changes)
                self.position = page.position
                self.version += 1
                reshaped = any(map(reshapes, page.changes))
                if reshaped:
                    self.shape = self.version
                    if self.warm:
                        threading.Thread(target=self._warm, name="graphkit-warm", daemon=True).start()
                self._log.append((self.version, frozenset(touched), reshaped))
                if self._kept is None or self.position - self._kept[0] >= KEEP_EVERY:
                    self._keep_later()
            return self.version

    def _free_for(self, changes: list[Change] | None) -> bool:
        """Whether ``changes`` (None: a whole reread) may be applied now: no page is reading, and no
        background build is reading the network's shape unless they leave it alone (a changed title
        need not wait for a tie network's seconds at a million relationships)."""
        if self._readers:
            return False
        return not self._builders or (changes is not None and not any(map(reshapes, changes)))

    @property
    def shared(self) -> nx.MultiDiGraph:
        """The graph without private facts (``graphkit.graph.shareable``), as viewers see it: a copy
        made when first asked for, then kept up to date with ``G``. A process nobody views without
        private facts (one person on their own data, a team of editors) never holds it: at a million
        relationships it is a second graph's memory. Ask for it while reading (``reading()``)."""
        with self._sharing:
            if self._shared is None:
                # As a page reads (a background build may ask first): no change goes on while it is copied.
                with self.reading():
                    self._shared = shareable(self.G).copy()
            return self._shared

    def _warm(self) -> None:
        time.sleep(self.background_delay)
        for build in self.warm:
            for G in (self.G, self._shared):
                if G is not None:  # no viewer's copy yet: nothing to build for it
                    self._consistent(build, G)

    def affects(self, since: int, ids: Collection[str]) -> bool:
        """Whether what changed after version ``since`` touches one of ``ids`` or reshapes the network
        (``graphkit.graph.feed.reshapes``); True when that is no longer known.

        A page showing ``ids`` need only be drawn again when this says so."""
        with self._lock:
            log = list(self._log)
        if since >= self.version:
            return False
        if not log or log[0][0] > since + 1:
            return True
        return any(
            touched is None or reshaped or not touched.isdisjoint(ids)
            for version, touched, reshaped in log
            if version > since
        )

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

    def follow(self, every: float, idle: float = 30.0) -> None:
        """Look at the feed every ``every`` seconds in a thread of this process's own, so that the
        pages of a process cost one look per interval however many there are. The thread stops once
        nobody called ``follow`` for ``idle`` seconds, and starts again on the next call.
        ``unreadable`` says why the store could not be read (None when it could); a failure is
        logged and the next look tries again."""
        self.last_asked = time.monotonic()
        with self._lock:
            if self._following:
                return
            self._following = True
        threading.Thread(target=self._follow, args=(every, idle), name="graphkit-feed", daemon=True).start()

    def _follow(self, every: float, idle: float) -> None:
        while True:
            time.sleep(every)
            self._look(every)
            with self._lock:
                if time.monotonic() - self.last_asked >= idle:
                    self._following = False
                    return

    def _look(self, every: float) -> None:
        """One look at the feed; what went wrong is logged (once until it changes) and said in
        ``unreadable``, never raised: the thread must go on looking."""
        try:
            self.refresh(wait=every)
        except GraphkitError as e:  # the store is down, say
            if self.unreadable != str(e):
                log.warning("graphkit: the store cannot be read now: %s", e)
            self.unreadable = str(e)
        except Exception as e:
            if self.unreadable != f"{type(e).__name__}: {e}":
                log.exception("graphkit: following the store's feed failed; trying again")
            self.unreadable = f"{type(e).__name__}: {e}"
        else:
            self.unreadable = None

    def derived(
        self, key: Hashable, compute: Callable[[], T], finish: Callable[[T], object] | None = None
    ) -> tuple[Any, bool]:
        """A figure computed from the graph's shape (``compute()``, which reads ``G`` or ``shared`` but
        no descriptive field, see ``reshapes``) for the current shape, and whether it is being brought
        up to date. With ``finish``, the figure is ``finish(compute())``: ``finish`` reads nothing of
        the graph, so changes go on while it runs.

        The first time it is computed at once; after a change, the last value is returned while the
        new one is computed in a background thread (on the graph held still), so no page waits
        for it; ``figures`` counts those that finished. Call it from inside ``reading()``.
        """
        with self._lock:
            found = self._derived.get(key)
            if found is not None and found[0] == self.shape:
                return found[1], False
            stale = found is not None
            if stale and key not in self._computing:
                self._computing.add(key)
                threading.Thread(target=self._recompute, args=(key, compute, finish), daemon=True).start()
        if stale:
            return found[1], True  # type: ignore[index]
        value = compute() if finish is None else finish(compute())
        with self._lock:
            self._derived[key] = (self.shape, value)
        self._keep_later()
        return value, False

    def _consistent(self, compute: Callable[..., T], *args: object) -> T:
        """``compute(*args)`` in a background thread, on the network's shape held still, so that no
        figure is computed from a graph a change is tearing. Changes that reshape the network wait
        meanwhile (at a million relationships, the tie network's seconds, once per change that
        reshapes it, after the pages it reruns have drawn: ``background_delay``); a changed title or
        note goes on (``reshapes``: ``compute`` reads no descriptive field)."""
        with self._lock:
            self._builders += 1
        try:
            return compute(*args)
        finally:
            with self._lock:
                self._builders -= 1
                self._lock.notify_all()

    def _recompute(
        self, key: Hashable, compute: Callable[[], T], finish: Callable[[T], object] | None
    ) -> None:
        try:
            time.sleep(self.background_delay)
            version, held = self._consistent(lambda: (self.shape, compute()))
            value = held if finish is None else finish(held)
            with self._lock:
                if version >= self._reread_at:  # not a figure of the graph as it was before a reread
                    self._derived[key] = (version, value)
                    self.figures += 1
        except Exception:  # the last figure stays shown as updating; the next change tries again
            log.exception("graphkit: bringing the figure %r up to date failed", key)
        finally:
            with self._lock:
                self._computing.discard(key)
