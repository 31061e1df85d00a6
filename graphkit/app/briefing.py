"""The briefing pack buttons of the Explore page's detail panel: Markdown, printable HTML and PDF downloads."""

from __future__ import annotations

import weakref
from datetime import date

import networkx as nx
import streamlit as st

from graphkit.analysis.briefing import Briefing, briefing
from graphkit.analysis.paths import default_coalition
from graphkit.errors import GraphkitError
from graphkit.graph import changed
from graphkit.model import STAKEHOLDER_LABELS
from graphkit.viz.briefing import to_html, to_markdown, to_pdf

INCLUDE_PRIVATE = "explore_brief_private"  # session state: the checkbox

# Packs already built, per graph and change from the feed: the Markdown and the HTML button of one
# stakeholder share one pack.
_PACKS: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[tuple[str, bool, date, int], Briefing]] = (
    weakref.WeakKeyDictionary()
)


def _pack(G: nx.MultiDiGraph, node: str, include_private: bool) -> Briefing:
    packs = _PACKS.setdefault(G, {})
    key = (node, include_private, date.today(), changed(G))
    if key not in packs:
        if len(packs) >= 32:
            packs.clear()
        packs[key] = briefing(G, node, default_coalition(G), key[2], include_private)
    return packs[key]


def briefing_pack_buttons(G: nx.MultiDiGraph, node: str) -> None:
    """For a person or organisation: a checkbox for private facts and three downloads of their briefing
    pack (Markdown, HTML, PDF), built only when a button is clicked. Draws nothing for other nodes."""
    if G.nodes[node].get("label") not in STAKEHOLDER_LABELS:
        return
    st.markdown("#### Briefing pack")
    include_private = st.checkbox("Include private facts (not for sharing)", key=INCLUDE_PRIVATE)
    if not include_private and G.nodes[node].get("sensitivity") == "private":
        st.caption("This stakeholder is private: a pack for sharing cannot name them.")
        return
    try:
        coalition = default_coalition(G)
    except GraphkitError as e:
        st.caption(f"No briefing pack: {e}.")
        return
    if not include_private and G.nodes[coalition].get("sensitivity") == "private":
        st.caption("The coalition is private: a pack for sharing cannot name it.")
        return
    stem = f"briefing-{node}{'-private' if include_private else ''}"
    left, middle, right = st.columns(3)
    left.download_button(
        "Briefing pack (Markdown)",
        data=lambda: to_markdown(_pack(G, node, include_private)),
        file_name=f"{stem}.md",
        mime="text/markdown",
        key="explore_brief_md",
    )
    middle.download_button(
        "Briefing pack (HTML, to print)",
        data=lambda: to_html(_pack(G, node, include_private)),
        file_name=f"{stem}.html",
        mime="text/html",
        key="explore_brief_html",
    )
    right.download_button(
        "Briefing pack (PDF)",
        data=lambda: to_pdf(_pack(G, node, include_private)),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="explore_brief_pdf",
    )
