"""A NetworkX view of the stored graph: whole, filtered, or without private facts."""

from graphkit.graph.feed import apply_changes, changed, sync_shareable
from graphkit.graph.filters import GraphFilter, analysed, filter_graph, shareable

__all__ = [
    "GraphFilter",
    "analysed",
    "apply_changes",
    "changed",
    "filter_graph",
    "shareable",
    "sync_shareable",
]
