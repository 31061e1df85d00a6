"""Open pages follow the graph: no page polls. After each look at the store's feed, the process's feed
thread reruns exactly the open pages that a change concerns, the way Streamlit's own "run on save"
reruns a page when its file changes.

A page run says what it showed when it ends (``ended``); the feed thread compares that with the graph
(``stale``) and asks Streamlit to rerun the page's session. A session busy with a run is left alone:
that run reads the latest graph, and says again what it showed when it ends.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, replace
from functools import partial

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import get_script_run_ctx

from graphkit.app import state
from graphkit.errors import GraphkitError
from graphkit.live.graph import LiveGraph

#: Session state: the version of the graph this session's page last showed and how many figures were
#: up to date then, and why the store was unreadable then (None: it was readable).
SEEN, DOWN = "graphkit_seen_version", "graphkit_store_down"

#: How often an app process looks at the store's change feed (once for all its pages).
FEED_SECONDS = 0.5


@dataclass(frozen=True)
class Shown:
    """What one session's page showed on its last complete run."""

    url: str
    version: int
    figures: int
    updating: bool  # it showed a figure that was being brought up to date
    down: str | None  # why the store was unreadable (None: it was readable)
    ids: frozenset[str] | None  # the nodes it showed (None: it did not say, so any change concerns it)


_shown: dict[str, Shown] = {}  # session id -> what its page showed; absent while a run is under way
_lock = threading.Lock()


def stale(shown: Shown, graph: LiveGraph) -> bool:
    """Whether the page that showed ``shown`` must be drawn again for the graph as it is now: a change
    touched what it showed or reshaped the network, a figure it showed as updating is ready, or the
    store went away or came back."""
    if graph.unreadable != shown.down:
        return True
    if shown.updating and graph.figures != shown.figures:
        return True
    if graph.version == shown.version:
        return False
    return shown.ids is None or graph.affects(shown.version, shown.ids)


def began() -> None:
    """A page run begins: its session is busy until ``ended``."""
    session = _session_id()
    if session is not None:
        with _lock:
            _shown.pop(session, None)


def ended(url: str) -> None:
    """A page run ends: remember what it showed, keep the feed thread looking, and rerun the page at
    once if the graph changed while it ran."""
    session = _session_id()
    seen = st.session_state.get(SEEN)
    if session is None or seen is None:  # not served by a running app (AppTest), or never read
        return
    shown = Shown(
        url,
        *seen,
        updating=bool(st.session_state.get(state.UPDATING)),
        down=st.session_state.get(DOWN),
        ids=st.session_state.get(state.SHOWN),
    )
    with _lock:
        _shown[session] = shown
    try:
        graph = state.live(url)
    except GraphkitError:  # never read: the page says so, and the next run tries again
        return
    graph.follow(FEED_SECONDS, tick=partial(_tick, url, graph))
    _tick(url, graph)


def _tick(url: str, graph: LiveGraph) -> bool:
    """After a look at the feed of ``url``: rerun the sessions whose page is stale, and forget the ones
    that closed. Whether any session still watches ``url``."""
    if not _served():
        return False
    runtime = Runtime.instance()
    watching = False
    with _lock:
        for session_id, shown in list(_shown.items()):
            if shown.url != url:
                continue
            info = runtime._session_mgr.get_active_session_info(session_id)
            if info is None:  # closed
                del _shown[session_id]
            elif stale(shown, graph):
                del _shown[session_id]
                loop = runtime._get_async_objs().eventloop
                loop.call_soon_threadsafe(_rerun, info.session, session_id, loop)
            else:
                _shown[session_id] = replace(shown, version=graph.version)  # nothing it shows changed
                watching = True
    return watching


def _rerun(session: AppSession, session_id: str, loop: asyncio.AbstractEventLoop) -> None:
    """On Streamlit's event loop (where it handles a browser's rerun): rerun the session's page as it
    stands (its page and query string; widgets keep their values), once the session is not running."""
    if session_id in _shown:  # a run ended since this was asked, and had the latest graph
        return
    if session._scriptrunner is not None:  # a run is under way or finishing
        loop.call_later(0.1, _rerun, session, session_id, loop)
        return
    session.request_rerun(session._client_state)  # as run-on-save does


def _session_id() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None and _served() else None


def _served() -> bool:
    """Whether a Streamlit server runs this process (AppTest stands a mock in for its runtime)."""
    return Runtime.exists() and type(Runtime.instance()) is Runtime
