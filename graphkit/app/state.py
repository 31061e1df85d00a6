"""What the app's pages share: the open store, and the graph read from it with its influence
figures, cached per store URL and data version.

Reads are cached until ``invalidate(url)`` is called after a write (the import section does),
not recomputed on every rerun. Writes made outside the app (the command line) show after the
sidebar's "Reload the data" button, which calls ``invalidate`` too.
"""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graphkit.analysis.influence import pagerank
from graphkit.graph import GraphFilter, filter_graph
from graphkit.store import Store, open_store
from graphkit.viz import layout, most_relevant

FilterKey = tuple[tuple[str, tuple[str, ...]], ...]


@st.cache_resource(show_spinner="Opening the store…")
def store(url: str) -> Store:
    """The store at ``url``, opened once per app process."""
    return open_store(url)


@st.cache_resource
def _versions() -> dict[str, int]:
    return {}


def data_version(url: str) -> int:
    """How many times the app has written to (or been told to reread) the store at ``url``."""
    return _versions().get(url, 0)


def invalidate(url: str) -> None:
    """Call after writing to the store: every page rereads the graph on its next run."""
    versions = _versions()
    versions[url] = versions.get(url, 0) + 1


def filter_key(where: GraphFilter) -> FilterKey:
    """A plain, ordered, hashable form of a filter, for cache keys."""
    return tuple((k, tuple(sorted(v))) for k, v in sorted(vars(where).items()) if v)


# The graph objects are shared by every session: callers must not change them.
@st.cache_resource(max_entries=2, show_spinner="Reading the graph…")
def _graph(url: str, version: int) -> nx.MultiDiGraph:
    return store(url).export()


@st.cache_resource(max_entries=2, show_spinner="Computing influence…")
def _influence(url: str, version: int) -> dict[str, float]:
    return pagerank(_graph(url, version))


@st.cache_resource(max_entries=16, show_spinner="Filtering…")
def _filtered(url: str, version: int, key: FilterKey) -> nx.MultiDiGraph:
    return filter_graph(_graph(url, version), GraphFilter.of(**dict(key)))


@st.cache_resource(max_entries=32, show_spinner="Laying out the picture…")
def _positions(
    url: str, version: int, key: FilterKey, focus: str | None, depth: int, max_nodes: int
) -> dict[str, tuple[float, float]]:
    G = view_graph(url, GraphFilter.of(**dict(key)), focus, depth)
    return layout(G, most_relevant(G, max_nodes, _influence(url, version)))


def graph(url: str) -> nx.MultiDiGraph:
    """The whole stored graph (shared: do not change it)."""
    return _graph(url, data_version(url))


def influence(url: str) -> dict[str, float]:
    """PageRank of every person and organisation over the whole graph."""
    return _influence(url, data_version(url))


def view_graph(url: str, where: GraphFilter, focus: str | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """The part of the graph a view shows: what ``where`` keeps, and when ``focus`` is given, only the
    nodes within ``depth`` hops of it (either direction). A focus the filter leaves out is looked
    for in the whole graph."""
    G = _filtered(url, data_version(url), filter_key(where))
    if focus is None:
        return G
    if focus not in G:
        G = graph(url)
    if focus not in G:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, cutoff=depth)
    return G.subgraph(near)


def positions(
    url: str, where: GraphFilter, focus: str | None, depth: int, max_nodes: int
) -> dict[str, tuple[float, float]]:
    """Where the nodes of a view sit: one seeded layout per view, so a view looks the same on every run."""
    return _positions(url, data_version(url), filter_key(where), focus, depth, max_nodes)
