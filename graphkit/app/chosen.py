"""A node opened on a picture other than Explore's: who it is, and where to go from there."""

from __future__ import annotations

import networkx as nx
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from graphkit import app
from graphkit.app.briefing import briefing_pack_buttons
from graphkit.app.widgets import md, who_says
from graphkit.graph.describe import name
from graphkit.model import STAKEHOLDER_LABELS
from graphkit.viz.network import hover_text


def show_chosen(G: nx.MultiDiGraph, chosen: dict | None, shown: nx.MultiDiGraph) -> None:
    """Under a picture of ``shown``: the node last clicked (or opened by keyboard) on it, with links to
    its whole detail on Explore and to warm introductions to it, and its briefing pack."""
    node = str((chosen or {}).get("id", ""))
    if node not in shown or node not in G:
        return
    st.subheader(name(G, node), anchor=False)
    st.markdown("  \n".join(md(line) for line in hover_text(G, node).split("\n")[1:]))
    left, right = st.columns(2)
    left.page_link(
        app.page("explore"), label=f"All about {name(G, node)}, on Explore", query_params={"focus": node}
    )
    introductions_link(right, G, node)
    briefing_pack_buttons(G, node)


def introductions_link(where: DeltaGenerator, G: nx.MultiDiGraph, node: str) -> None:
    """For a person or organisation: a link to the Engagement paths page asking for warm introductions
    to them (the page's address holds its target, so the link is the question)."""
    if G.nodes[node].get("label") in STAKEHOLDER_LABELS:
        where.page_link(
            app.page("paths"),
            label=f"Find warm introductions to {name(G, node)}",
            query_params={"paths_target": who_says(G)(node)},
        )
