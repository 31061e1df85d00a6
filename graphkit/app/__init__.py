"""The Streamlit app. ``app.py`` at the top of the repository and ``graphkit serve`` both run ``main``.

``main`` lists the pages (``st.navigation``); each page is a function here or a file next to this one.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from graphkit.app import state
from graphkit.app.data import render_import_export, render_people
from graphkit.errors import GraphkitError
from graphkit.store import shown_url, store_url

HERE = Path(__file__).parent


def main() -> None:
    """Render the app: the sidebar's store line, then the chosen page."""
    st.set_page_config(page_title="graphkit", page_icon="🕸️", layout="wide")
    pages = [
        st.Page(home, title="Home", icon=":material/home:", default=True),
        st.Page(HERE / "explore.py", title="Explore", icon=":material/hub:", url_path="explore"),
        st.Page(HERE / "coverage.py", title="Coverage gaps", icon=":material/grid_on:", url_path="coverage"),
        st.Page(
            HERE / "influence.py", title="Influence", icon=":material/trending_up:", url_path="influence"
        ),
    ]
    page = st.navigation(pages)
    url = store_url()
    st.sidebar.caption(f"Store: `{shown_url(url)}`")
    st.sidebar.button(
        "Reload the data",
        on_click=state.invalidate,
        args=(url,),
        help="Read the store again, e.g. after a `graphkit import` on the command line.",
    )
    page.run()


def home() -> None:
    """The Home page: what is stored, find people, import and export."""
    url = store_url()
    st.title("graphkit")
    st.write(
        "Who can introduce library advocates to the officials they need to reach, "
        "and where the coalition has no allies yet."
    )
    try:
        store = state.store(url)
        counts = store.counts()
    except GraphkitError as e:
        st.error(f"The store cannot be read: {e}")
        return
    if counts["nodes"]:
        _show_counts(counts)
    else:
        st.warning("The store is empty. Load the seed data with `graphkit seed`, then reload this page.")
    render_people(store)
    render_import_export(store)


def _show_counts(counts: dict[str, dict[str, int]]) -> None:
    nodes, rels = counts["nodes"], counts["relationships"]
    c1, c2 = st.columns(2)
    c1.metric("Stakeholders, places, themes and events", f"{sum(nodes.values()):,}")
    c2.metric("Relationships", f"{sum(rels.values()):,}")
    c1.dataframe({"label": list(nodes), "nodes": list(nodes.values())}, hide_index=True)
    c2.dataframe({"type": list(rels), "relationships": list(rels.values())}, hide_index=True)
    st.info(
        "Explore the network on the Explore page. Until their pages arrive, engagement paths and coverage "
        "gaps are on the command line: `graphkit path`, `graphkit gaps`, `graphkit brokers`."
    )
