"""NetworkX views of the stored graph."""

from graphkit.graph.filters import GraphFilter, filter_graph

__all__ = ["GraphFilter", "filter_graph"]
