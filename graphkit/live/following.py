"""Open pages follow the graph, through Streamlit's public API: each page holds a small fragment
(``st.fragment(run_every=...)``) that compares, in memory, what the page showed with the process's
graph (``LiveGraph.affects``), and reruns the page (``st.rerun()``) only when a change concerns it.
It asks no store: the process's feed thread (``LiveGraph.follow``) looks at the store's feed, once
for all its pages, while any page is open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

import streamlit as st

from graphkit.live.graph import LiveGraph

#: How often an app process looks at the store's change feed (once for all its pages: a look is one
#: indexed query, far cheaper than a page's fragment run, so it looks often and the pages less).
FEED_SECONDS = 0.2
#: How often an open page compares what it showed with the graph in memory
#: (``$GRAPHKIT_FOLLOW_SECONDS``; 0: pages show changes on their next run only). A fragment run per
#: open page per interval is most of what idle pages cost; with the feed's look and the page's rerun
#: a change still shows within two seconds.
FOLLOW_SECONDS = float(os.environ.get("GRAPHKIT_FOLLOW_SECONDS", "1.3"))
#: Session state: what this session's page showed on its last complete run (``Shown``).
FOLLOWED = "graphkit_followed"


@dataclass(frozen=True)
class Shown:
    """What one session's page showed on its last complete run."""

    version: int
    figures: int
    updating: bool  # it showed a figure that was being brought up to date
    down: str | None  # why the store was unreadable (None: it was readable)
    ids: frozenset[str] | None  # the nodes it showed (None: it did not say, so any change concerns it)


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


def follow(graph: LiveGraph) -> None:
    """At the start of a page run: follow ``graph`` from now on (the fragment, in the sidebar), once
    the run says what it showed (``showed``)."""
    st.session_state[FOLLOWED] = None  # a run is under way: nothing to compare yet
    if FOLLOW_SECONDS > 0:
        with st.sidebar:
            _following(graph)


def showed(shown: Shown) -> None:
    """At the end of a page run: what it showed, for the fragment to compare the graph with."""
    st.session_state[FOLLOWED] = shown


@st.fragment(run_every=FOLLOW_SECONDS or None)
def _following(graph: LiveGraph) -> None:
    """Rerun the page when the graph moved in a way that concerns what it showed; else remember that
    it showed the graph as it is now. Keeps the process's feed thread looking while the page is open."""
    shown = st.session_state.get(FOLLOWED)
    if shown is None:
        return
    graph.follow(FEED_SECONDS)
    if stale(shown, graph):
        st.rerun()
    if graph.version != shown.version:
        st.session_state[FOLLOWED] = replace(shown, version=graph.version)  # nothing it shows changed
