"""A NetworkX view of the stored graph: whole, filtered, or without private facts."""

from graphkit.graph.filters import GraphFilter, filter_graph, shareable

__all__ = ["GraphFilter", "filter_graph", "shareable"]
