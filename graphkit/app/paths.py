"""The Engagement paths page: warm introductions from the coalition (or chosen people) to a target.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graphkit.analysis.paths import (
    EngagementAnswer,
    EngagementPath,
    engagement_paths,
)
from graphkit.app import state
from graphkit.app.chosen import show_chosen
from graphkit.app.contact import contact_form
from graphkit.app.data_writes import show_flash
from graphkit.app.views import saved_views_control
from graphkit.app.widgets import (
    MAX_OPTIONS,
    coalition_select,
    ids_by_name,
    md,
    stakeholder_multiselect,
    stakeholder_select,
    stored_graph,
)
from graphkit.errors import GraphkitError
from graphkit.graph.describe import name
from graphkit.graph.search import OFFICIAL_GROUPS, find_stakeholders
from graphkit.io.spreadsheet import csv_bytes
from graphkit.model import STAKEHOLDER_LABELS
from graphkit.store import store_url
from graphkit.viz import network_view, path_layout
from graphkit.viz.component import network_component

#: How many neighbours of each node on the paths the picture adds, most influential first.
CONTEXT_PER_NODE = 3
PICTURE_NODES = 120
#: Paths of more hops than this are drawn across the whole page, above their words.
LONG_PATH = 3
SECTION = "paths"  # where a contact logged on this page is said, with its Undo


@st.cache_resource(max_entries=64, show_spinner="Finding the warmest introductions…")
def cached_answer(
    url: str,
    version: int,
    sources: tuple[str, ...],
    target: str,
    k: int,
    max_hops: int,
    avoid: tuple[str, ...],
) -> EngagementAnswer:
    return engagement_paths(state.graph(url), sources, target, k=k, max_hops=max_hops, avoid=avoid)


def choose(G: nx.MultiDiGraph) -> tuple[tuple[str, ...], str | None, int, int, tuple[str, ...]]:
    """Draw the question: from whom, to whom, how many paths, how long, avoiding whom."""
    stakeholders = ids_by_name(G, ("Person", "Organization"))
    initiatives = ids_by_name(G, ("Initiative",))
    left, right = st.columns(2)
    with left:
        mode = st.radio(
            "From",
            ["a coalition", "chosen people or organisations"],
            horizontal=True,
            key="paths_mode",
            bind="query-params",
            disabled=not initiatives,
            index=0 if initiatives else 1,
        )
        if mode == "a coalition" and initiatives:
            coalition = coalition_select(
                st, G, initiatives, "paths_coalition", label="Coalition (all its members)"
            )
            sources: tuple[str, ...] = (coalition,)
        else:
            sources = tuple(
                stakeholder_multiselect(
                    G,
                    stakeholders,
                    "People or organisations to start from",
                    "paths_sources",
                    placeholder="type a name",
                )
            )
    with right:
        target = _whom_to_reach(G)
        k_col, hops_col = st.columns(2)
        k = k_col.slider("How many paths", 1, 10, 5, bind="query-params", key="paths_k")
        max_hops = hops_col.slider(
            "At most this many hops", 1, 8, 6, bind="query-params", key="paths_max_hops"
        )
    avoid = stakeholder_multiselect(
        G,
        stakeholders,
        "Never pass through",
        "paths_avoid",
        placeholder="nobody",
        help="People or organisations not to ask for an introduction. Stakeholders opposed on every "
        "policy area they engage on are never asked anyway.",
    )
    return sources, target, k, max_hops, tuple(avoid)


def _whom_to_reach(G: nx.MultiDiGraph) -> str | None:
    """The target: a search by name, title, organisation, kind or country narrows the list, officials first."""
    looking = st.text_input(
        "Narrow by title, organisation or country",
        key="paths_find",
        bind="query-params",
        placeholder="a name, title, organisation or country: minister ICT Kenya",
        help="Every word must describe them: their name, title, where they work, the kind of "
        "organisation, their group ('official', 'ngo') or their country. Officials are listed first.",
    )
    options = ids_by_name(G, ("Person", "Organization"), groups_first=OFFICIAL_GROUPS)
    if looking.strip():
        chosen = st.session_state.get("paths_target")
        found = find_stakeholders(G, looking, limit=MAX_OPTIONS)
        options = [*found, *([chosen] if chosen in G and chosen not in found else [])]
        st.caption(f"{len(found)} match “{md(looking.strip())}”" if found else "Nobody matches every word.")
    return stakeholder_select(
        G, options, "Whom to reach", "paths_target", placeholder="choose from the list, or type a name"
    )


def paths_csv(G: nx.MultiDiGraph, answer: EngagementAnswer) -> bytes:
    """The paths as CSV, one row per hop, to take to a meeting or a spreadsheet."""
    head = ["path", "path warmth", "path cost", "hop", "from", "to", "relationship", "hop cost"]
    rows = [[*head, "explanation", "check first"]]
    for i, p in enumerate(answer.paths, 1):
        for j, h in enumerate(p.hops, 1):
            cells = [i, p.warmth(), f"{p.cost:.2f}", j, name(G, h.source), name(G, h.target)]
            rows.append([*cells, h.relationship, f"{h.cost:.2f}", h.explanation, h.check_first or ""])
    return csv_bytes(rows)


def picture_graph(
    G: nx.MultiDiGraph, paths: list[EngagementPath], chosen: EngagementPath, sizes: dict[str, float]
) -> nx.MultiDiGraph:
    """The paths' nodes and, for context, the most influential few neighbours of the chosen path's."""
    keep = {v for p in paths for v in p.nodes}
    for v in chosen.nodes:
        near = [u for u in nx.all_neighbors(G, v) if G.nodes[u].get("label") in ("Person", "Organization")]
        keep.update(sorted(set(near), key=lambda u: (-sizes.get(u, 0.0), u))[:CONTEXT_PER_NODE])
    return G.subgraph(keep)


def show_path(G: nx.MultiDiGraph, url: str, title: str, p: EngagementPath) -> None:
    """A path's warmth and its hops, each hop to check first saying why, with a "Log a contact" on it."""
    st.subheader(title, anchor=False)
    st.markdown(p.warmth())
    for i, h in enumerate(p.hops, 1):
        st.markdown(f"{i}. {md(h.said)}")
        people = [h.source, h.target]
        if h.check_first and all(G.nodes[n].get("label") in STAKEHOLDER_LABELS for n in people):
            key = f"paths-log-{title}-{i}".replace(" ", "-")
            with st.popover("Log a contact", key=f"{key}-pop"):
                contact_form(G, url, people, key, section=SECTION, origin="Engagement paths")


def show_paths(
    G: nx.MultiDiGraph, url: str, answer: EngagementAnswer, shown: list[tuple[str, EngagementPath]]
) -> None:
    """Each path in words, and the download of them all."""
    for title, p in shown:
        show_path(G, url, title, p)
    if answer.paths:
        st.download_button(
            "Download the paths (CSV)",
            paths_csv(G, answer),
            file_name=f"paths-to-{answer.target}.csv",
            mime="text/csv",
        )


def render() -> None:
    """Draw the Engagement paths page."""
    url = store_url()
    st.title("Engagement paths")
    state.shows(())  # rerun by itself only for changes to the nodes drawn below, or to the shape
    st.caption(
        "Warm introductions, cheapest first: a strong, recent acquaintance costs least; colleagues, "
        "co-members and people met at the same event cost more."
    )
    G = stored_graph(url)
    if G is None:
        return
    saved_views_control(url, "paths")
    sources, target, k, max_hops, avoid = choose(G)
    if target is None or not sources:
        st.info("Choose whom to reach (and, if not the coalition, whom to start from) to see the paths.")
        return
    try:
        answer = cached_answer(url, state.data_version(url), sources, target, k, max_hops, avoid)
    except GraphkitError as e:
        st.error(str(e))
        return
    shown = [(f"Path {i}", p) for i, p in enumerate(answer.paths, 1)]
    show_flash(url, G, SECTION)
    if answer.paths:
        st.success(answer.summary)
    else:
        st.warning(answer.summary)
        if answer.nearest:
            shown.append((f"Nearest in the same {answer.nearest_relation}", answer.nearest))
    if not shown:
        return
    if max(len(p.hops) for _, p in shown) > LONG_PATH:  # a long path reads across the whole width, first
        picture, words = st.container(), st.container()
    else:
        words, picture = st.columns([2, 3], gap="medium")
    with words:
        show_paths(G, url, answer, shown)
    with picture:
        chosen = st.radio(
            "Show on the picture",
            range(len(shown)),
            format_func=lambda i: shown[i][0],
            horizontal=True,
            key="paths_shown",
            bind="query-params",
        )
        which, path = shown[chosen if chosen is not None and chosen < len(shown) else 0]
        sizes = state.influence(url)
        around = picture_graph(G, [p for _, p in shown], path, sizes)
        state.shows([*around, *(n for _, p in shown for n in p.nodes)])
        view = network_view(
            around,
            highlight_path=path.nodes,
            positions=path_layout(around, path.nodes),
            max_nodes=PICTURE_NODES,
            sizes=sizes,
            height="460px" if len(path.hops) > LONG_PATH else "560px",  # a long path is wide, not tall
            about=G,
        )
        st.caption(
            f"{name(G, path.start)} → {name(G, target)}: the path in red, with the best connected "
            "people and organisations around it for context."
        )
        clicked = network_component(
            view,
            selected=(st.session_state.get("paths_network") or {}).get("id"),
            viewport=repr((sources, target, k, max_hops, avoid)),
            title=f"Network picture of {which.lower()} to {name(G, target)}",
            opened="Its details are below the picture.",
            key="paths_network",
        )
        show_chosen(G, clicked, around)


if __name__ == "__main__":
    render()
