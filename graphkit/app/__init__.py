"""The Streamlit app. ``app.py`` at the top of the repository and ``graphkit serve`` both run ``main``.

``main`` lists the pages (``st.navigation``): Home is a function here, each other page a file next to this one.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from graphkit.app import state
from graphkit.errors import GraphkitError
from graphkit.store import shown_url, store_url

HERE = Path(__file__).parent


#: The pages after Home, in menu order: (file, title, icon, url path, what it is for).
PAGES = [
    (
        "paths.py",
        "Engagement paths",
        "route",
        "paths",
        "Find a warm introduction to an official, each hop explained.",
    ),
    (
        "coverage.py",
        "Coverage gaps",
        "grid_on",
        "coverage",
        "See the policy areas, regions and stakeholder groups where the coalition has no allies, and who could fill them.",
    ),
    (
        "influence.py",
        "Influence",
        "trending_up",
        "influence",
        "See who brokers introductions, who is most influential, the communities, and the power-interest grid.",
    ),
    (
        "events.py",
        "Events",
        "event",
        "events",
        "Plan an event: who attends, who can introduce whom there, and the allies to meet where the coalition has none.",
    ),
    (
        "interactions.py",
        "Going cold",
        "ac_unit",
        "going-cold",
        "See strong ties to officials nobody has touched for a while, and overdue follow-ups.",
    ),
    (
        "explore.py",
        "Explore",
        "hub",
        "explore",
        "Filter the network, find a stakeholder, see whom they know.",
    ),
    (
        "data.py",
        "Data",
        "edit",
        "data",
        "Add, change and delete stakeholders and relationships; import and download whole graphs.",
    ),
]


def main() -> None:
    """Render the app: the sidebar's store line, then the chosen page."""
    st.set_page_config(page_title="graphkit", page_icon="🕸️", layout="wide")
    pages = [
        st.Page(HERE / file, title=title, icon=f":material/{icon}:", url_path=path)
        for file, title, icon, path, _ in PAGES
    ]
    st.session_state["graphkit_pages"] = pages
    page = st.navigation([st.Page(home, title="Home", icon=":material/home:", default=True), *pages])
    url = store_url()
    st.sidebar.caption(f"Store: `{shown_url(url)}`")
    st.sidebar.button(
        "Reload the data",
        on_click=state.invalidate,
        args=(url,),
        help="Read the store again, e.g. after a `graphkit import` on the command line.",
    )
    page.run()


def page(url_path: str) -> st.Page:
    """The page at ``url_path`` (e.g. "paths"), for ``st.switch_page`` from another page."""
    return next(p for p in st.session_state["graphkit_pages"] if p.url_path == url_path)


def home() -> None:
    """The Home page: what the app is for, where to go, and what is stored."""
    url = store_url()
    st.title("graphkit")
    st.write(
        "Who can introduce library advocates to the officials they need to reach, "
        "and where the coalition has no allies yet."
    )
    for link, (*_, what) in zip(st.session_state["graphkit_pages"], PAGES, strict=True):
        st.page_link(link, label=f"**{link.title}**: {what}")
    try:
        counts = state.store(url).counts()
    except GraphkitError as e:
        st.error(f"The store cannot be read: {e}")
        return
    if counts["nodes"]:
        _show_counts(counts)
    else:
        st.warning("The store is empty. Load the seed data with `graphkit seed`, then reload this page.")


def _show_counts(counts: dict[str, dict[str, int]]) -> None:
    nodes, rels = counts["nodes"], counts["relationships"]
    c1, c2 = st.columns(2)
    c1.metric("Stakeholders, places, themes and events", f"{sum(nodes.values()):,}")
    c2.metric("Relationships", f"{sum(rels.values()):,}")
    c1.dataframe({"label": list(nodes), "nodes": list(nodes.values())}, hide_index=True)
    c2.dataframe({"type": list(rels), "relationships": list(rels.values())}, hide_index=True)
