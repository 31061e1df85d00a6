"""The relationships a graph was built from, as columns, kept beside it until what is derived from
every relationship (the tie network) has been built from them in numpy rather than by a Python pass
over the graph's dicts."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np


@dataclass(frozen=True)
class EdgeColumns:
    """Relationship ``j`` joins ``ids[sources[j]]`` to ``ids[targets[j]]`` with the attributes
    ``kinds[kind[j]]`` (``{"type": ..., **props}``); the rows in the order the graph was built from,
    which is the order of its adjacency (``graphkit.store.base.graph_of_columns``)."""

    ids: list[str]
    sources: np.ndarray
    targets: np.ndarray
    kind: np.ndarray
    kinds: list[dict[str, Any]]


#: The columns of each graph, and how many changes had reshaped it when they were kept.
_kept: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[EdgeColumns, int]] = weakref.WeakKeyDictionary()


def keep(G: nx.MultiDiGraph, columns: EdgeColumns) -> None:
    """Keep ``columns`` beside ``G``, built from them, until ``taken``."""
    from graphkit.graph.feed import reshaped  # the feed reads filters, which read this module

    _kept[G] = columns, reshaped(G)


def without(G: nx.MultiDiGraph, gone: set[str]) -> None:
    """The columns kept for ``G`` made true to it again after the nodes ``gone`` (and so their
    relationships) were taken out of it in place (``graphkit.graph.filters.analysed``): the other
    rows, in their order, which is the order of ``G``'s adjacency still."""
    held = _kept.get(G)
    if held is None or not gone:
        return
    c, at = held
    kept = np.fromiter((i not in gone for i in c.ids), dtype=bool, count=len(c.ids))
    place = np.cumsum(kept) - 1
    rows = kept[c.sources] & kept[c.targets]
    ids = [i for i, k in zip(c.ids, kept.tolist(), strict=True) if k]
    _kept[G] = EdgeColumns(ids, place[c.sources[rows]], place[c.targets[rows]], c.kind[rows], c.kinds), at


def taken(G: nx.MultiDiGraph) -> tuple[EdgeColumns, frozenset[str]] | None:
    """The columns ``G`` was built from, forgotten here, and the nodes touched since by the changes
    from the feed that reshaped ``G`` (what is built from the columns is brought up to date by them;
    a changed title or note leaves them true). None when none were kept, when what changed since is
    no longer known, or when ``G`` was changed by hand (its size is not theirs)."""
    from graphkit.graph.feed import reshaped_since

    held = _kept.pop(G, None)
    if held is None:
        return None
    columns, at = held
    touched = reshaped_since(G, at)
    if touched is None:
        return None
    if not touched and not _sized_as(columns, G):
        return None
    return columns, touched


def degrees(G: nx.MultiDiGraph) -> tuple[list[str], np.ndarray] | None:
    """Each node's degree in ``G``, as ``G.degree()`` counts it, in the order of the ids given, from
    the columns kept beside ``G`` while they hold its shape (a pass over a graph's dicts at 10M
    relationships took 14 s); None when none are kept or they no longer do."""
    from graphkit.graph.feed import reshaped

    held = _kept.get(G)
    if held is None or held[1] != reshaped(G):
        return None
    c = held[0]
    if not _sized_as(c, G):
        return None
    n = len(c.ids)
    return c.ids, np.bincount(c.sources, minlength=n) + np.bincount(c.targets, minlength=n)


def _sized_as(columns: EdgeColumns, G: nx.MultiDiGraph) -> bool:
    """Whether ``G`` has as many nodes and relationships as ``columns`` (else it was changed by hand)."""
    return len(columns.ids) == len(G) and len(columns.sources) == len(G.edges)
