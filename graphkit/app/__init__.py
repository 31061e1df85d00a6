"""The Streamlit app. ``app.py`` at the top of the repository and ``graphkit serve`` both run ``main``."""

from __future__ import annotations

import streamlit as st

from graphkit.errors import GraphkitError
from graphkit.store import Store, open_store, shown_url, store_url


@st.cache_resource(show_spinner="Opening the store…")
def _store(url: str) -> Store:
    return open_store(url)


def main() -> None:
    """Render the app."""
    st.set_page_config(page_title="graphkit", page_icon="🕸️", layout="wide")
    url = store_url()
    st.sidebar.caption(f"Store: `{shown_url(url)}`")
    st.title("graphkit")
    st.write(
        "Who can introduce library advocates to the officials they need to reach, "
        "and where the coalition has no allies yet."
    )
    try:
        counts = _store(url).counts()
    except GraphkitError as e:
        st.error(f"The store cannot be read: {e}")
        return
    if not counts["nodes"]:
        st.warning("The store is empty. Load the seed data with `graphkit seed`, then reload this page.")
        return
    nodes, rels = counts["nodes"], counts["relationships"]
    c1, c2 = st.columns(2)
    c1.metric("Stakeholders, places, themes and events", f"{sum(nodes.values()):,}")
    c2.metric("Relationships", f"{sum(rels.values()):,}")
    c1.dataframe({"label": list(nodes), "nodes": list(nodes.values())}, hide_index=True)
    c2.dataframe({"type": list(rels), "relationships": list(rels.values())}, hide_index=True)
    st.info("The network views, engagement paths and coverage gaps are on their way.")
