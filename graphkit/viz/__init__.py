"""Pictures of the stakeholder graph: the palette, and the vis-network view."""

from graphkit.viz.network import NetworkView, layout, most_relevant, network_view, path_layout

__all__ = ["NetworkView", "layout", "most_relevant", "network_view", "path_layout"]
