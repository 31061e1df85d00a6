"""The Explore page: filter the network, find a stakeholder and their neighbourhood, see who they are.

The address holds every choice: the filters, the search's focus, the node whose details are open
(``node``), the other end of a path drawn to it (``path_from``), the nodes whose neighbours were added
(``expand``) or that were taken off (``dismiss``), and the nodes dragged, kept where they were dropped
(``pins``, ``id@x,y``); a saved view keeps them all.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any

import networkx as nx
import streamlit as st

from graphkit.analysis.paths import EngagementAnswer, coalition_members, default_coalition
from graphkit.app import state
from graphkit.app.briefing import briefing_pack_buttons
from graphkit.app.chosen import introductions_link
from graphkit.app.contact import contact_form
from graphkit.app.data_writes import show_flash
from graphkit.app.forms import words as field_words
from graphkit.app.history import show_history
from graphkit.app.influence import communities_of
from graphkit.app.interactions import show_timeline
from graphkit.app.paths import cached_answer, show_path
from graphkit.app.views import saved_views_control
from graphkit.app.widgets import (
    LABEL_NAMES,
    MAX_OPTIONS,
    ONE_OF,
    events_latest_first,
    found_in_store,
    graph_schema,
    ids_by_name,
    md,
    name_order,
    narrowed,
    own_fields,
    stored_graph,
)
from graphkit.errors import GraphkitError
from graphkit.graph import GraphFilter
from graphkit.graph.describe import name, name_and_place, relationships
from graphkit.graph.filters import value_texts
from graphkit.model import NETWORK_LABELS, STAKEHOLDER_GROUPS, STAKEHOLDER_LABELS
from graphkit.model.views import pin_places
from graphkit.store import store_url
from graphkit.viz import circles, network_view, path_layout
from graphkit.viz.component import network_component
from graphkit.viz.network import (
    Position,
    coalition_and_officials,
    layout,
    most_relevant,
)

MAX_NODES_CHOICES = (100, 250, 500, 1000)
NODE, PATH_FROM, EXPAND, DISMISS, PINS = "node", "path_from", "expand", "dismiss", "pins"  # the address's
REVEAL = "explore_reveal"  # session state: the click whose answer the page scrolls to, once
#: Neighbours a node's "Add its neighbours" adds, most influential first.
MAX_EXPANDED = 15
#: The longest path drawn between two chosen nodes, in hops (Paths' longest).
ROUTE_HOPS = 8
LAST_CLICK = "explore_last_click"
LAST_FOCUS = "explore_last_focus"
URL_FOCUS = "explore_url_focus"  # the ?focus= of the address, once taken
START = "explore_start"
COALITION_START, WHOLE_START = "The coalition and its nearest officials", "The most influential of all"
COLOUR_BY = "explore_colour"
BY_GROUP, BY_CIRCLE = "stakeholder group", "circle (community)"
FIELD_COLOUR = "field:"  # Colour by "field:<name>": a declared field's values
FIELD, FIELD_IS = "explore_field", "explore_field_is"


def filters(G: nx.MultiDiGraph) -> tuple[GraphFilter, int]:
    """Draw the filters in the sidebar; return the filter and the most nodes to draw."""
    bar = st.sidebar
    bar.header("Filters")
    if START not in st.session_state and st.query_params.get("start") == "influential":
        st.session_state[START] = WHOLE_START
    bar.radio(
        "Start with",
        (COALITION_START, WHOLE_START),
        key=START,
        help="What the picture shows while no filter is set and nobody is searched for.",
    )
    own = own_fields(G)
    bar.radio(
        "Colour by",
        (BY_GROUP, BY_CIRCLE, *(FIELD_COLOUR + name for name in own)),
        format_func=lambda c: field_words(c.removeprefix(FIELD_COLOUR)),
        key=COLOUR_BY,
        bind="query-params",
        help="Circles: the communities of the Influence page, people more tied to each other than to the rest.",
    )
    labels = bar.multiselect(
        "Show",
        NETWORK_LABELS,
        format_func=LABEL_NAMES.get,
        placeholder="everything",
        key="explore_show",
        bind="query-params",
    )
    groups = bar.multiselect(
        "Stakeholder groups",
        STAKEHOLDER_GROUPS,
        format_func=lambda g: g.replace("_", " "),
        placeholder="all",
        key="explore_groups",
        bind="query-params",
    )

    regions = _nodes_filter(G, "Regions", ids_by_name(G, ("Region",)), "all", "explore_regions")
    countries = _nodes_filter(G, "Countries", ids_by_name(G, ("Country",)), "all", "explore_countries")
    areas = _nodes_filter(G, "Policy areas", ids_by_name(G, ("PolicyArea",)), "all", "explore_areas")
    with bar:  # the latest events, or those a search finds: naming 55,000 on every rerun took 0.2 s
        offered = narrowed(
            G,
            events_latest_first(G),
            "Events attended",
            "explore_events",
            st.session_state.get("explore_events") or [],
        )
    events = _nodes_filter(G, "Events attended", offered, "any", "explore_events")
    by_field = _field_filter(own)
    max_nodes = bar.select_slider(
        "Most nodes to draw", MAX_NODES_CHOICES, value=250, key="explore_max_nodes", bind="query-params"
    )
    chosen = {
        "explore_show": labels,
        "explore_groups": groups,
        "explore_regions": regions,
        "explore_countries": countries,
        "explore_areas": areas,
        "explore_events": events,
        **by_field,
    }
    return chosen_filter(chosen), max_nodes


def chosen_filter(chosen: Mapping[str, Any]) -> GraphFilter:
    """The filter that Explore's choices (its widgets' values, or a saved view's parameters) ask for."""
    field = chosen.get(FIELD)
    return GraphFilter.of(
        labels=chosen.get("explore_show"),
        stakeholder_groups=chosen.get("explore_groups"),
        regions=chosen.get("explore_regions"),
        countries=chosen.get("explore_countries"),
        policy_areas=chosen.get("explore_areas"),
        events=chosen.get("explore_events"),
        field_values=[f"{field}={v}" for v in chosen.get(FIELD_IS) or ()] if field else (),
    )


def _field_filter(own: dict[str, list[str]]) -> dict[str, Any]:
    """The sidebar's filter by one of the team's own fields, kept in the address: the field and its values
    chosen (``FIELD``, ``FIELD_IS``), or nothing."""
    if not own:
        return {}
    bar = st.sidebar
    if st.session_state.get(FIELD) not in (None, *own):  # a field removed since the link was made
        st.session_state.pop(FIELD, None)
    field = bar.selectbox(
        "Your own field",
        list(own),
        index=None,
        format_func=field_words,
        placeholder="none",
        key=FIELD,
        bind="query-params",
        help="Keep only the records with one of the values chosen below.",
    )
    if field is None:
        return {}
    chosen = bar.multiselect(
        f"{field_words(field)} is",
        own[field],
        placeholder="any value",
        key=FIELD_IS,
        bind="query-params",
    )
    return {FIELD: field, FIELD_IS: chosen}


def _nodes_filter(G: nx.MultiDiGraph, label: str, ids: list[str], anything: str, key: str) -> list[str]:
    """A sidebar filter choosing some of ``ids`` by name, kept in the page's address."""
    return st.sidebar.multiselect(
        label, ids, format_func=lambda n: name(G, n), placeholder=anything, key=key, bind="query-params"
    )


def find_stakeholder(url: str, G: nx.MultiDiGraph) -> tuple[str | None, int]:
    """Draw the search box; return the node to focus on (or None) and how many hops around them.
    Every kind of node can be found, so that none is reachable only by clicking the picture."""
    wanted = st.query_params.get("focus")
    pinned = None
    if wanted in G and wanted != st.session_state.get(URL_FOCUS):  # a shared link: ?focus=<id>
        st.session_state[URL_FOCUS] = pinned = wanted
        _focus_on(wanted, name(G, wanted), select=NODE not in st.query_params)
        st.session_state["explore_focus"] = wanted
    left, mid, right = st.columns([2, 2, 1])
    text = left.text_input(
        "Find a stakeholder, organisation, event, policy area or country",
        key="explore_search",
        placeholder="part of a name or acronym",
    )
    if not text.strip():
        st.query_params.pop("focus", None)
        st.session_state[LAST_FOCUS] = None  # the next search's result is new, even if it is the last one
        return None, 1
    found = found_in_store(url, G, text)
    if pinned is not None and pinned not in found:
        found.insert(0, pinned)
    if not found:
        mid.info(f"Nothing called “{text}”.")
        return None, 1
    # Each choice its own words: Streamlit takes back a choice by its words (streamlit#11949), so of two
    # "Amara Costa (KLA, Kenya)" a rerun would focus on the last. The id tells them apart.
    said = {n: found_as(G, n) for n in found}
    twice = {w for w, k in Counter(said.values()).items() if k > 1}
    focus = mid.selectbox(
        "Focus on",
        found,
        format_func=lambda n: f"{said[n]} · {n}" if said[n] in twice else said[n],
        key="explore_focus",
    )
    depth = right.slider("Hops around them", 1, 3, 1, key="explore_depth", bind="query-params")
    # A new search result takes the detail panel; a click on the picture may take it next.
    if focus != st.session_state.get(LAST_FOCUS):
        st.session_state[LAST_FOCUS] = st.query_params[NODE] = focus
    # The address says whom the view is about, so that it can be shared (not taken as a new link).
    st.query_params["focus"] = st.session_state[URL_FOCUS] = focus
    return focus, depth


def found_as(G: nx.MultiDiGraph, node: str) -> str:
    """A search result in the list: a stakeholder with where they sit, anything else with what it is."""
    label = G.nodes[node].get("label", "")
    return (
        name_and_place(G, node)
        if label in STAKEHOLDER_LABELS
        else f"{name(G, node)} ({ONE_OF.get(label, label)})"
    )


def _clear_search() -> None:
    st.session_state["explore_search"] = ""
    st.session_state[LAST_FOCUS] = None
    for key in ("focus", NODE):
        st.query_params.pop(key, None)


def _focus_on(node: str, label: str, select: bool = True) -> None:
    st.session_state["explore_search"] = label
    st.session_state.pop("explore_focus", None)
    st.session_state[LAST_FOCUS] = node
    if select:
        st.query_params[NODE] = node


def show_details(G: nx.MultiDiGraph, node: str) -> None:
    """The detail panel: who the node is, its properties, policy stances, events and relationships."""
    d = G.nodes[node]
    st.subheader(name(G, node))
    kind = [ONE_OF.get(d.get("label", ""), str(d.get("label", "")))]
    if d.get("stakeholder_group"):
        kind.append(str(d["stakeholder_group"]).replace("_", " "))
    st.caption(" · ".join(kind))
    picture_actions(G, node)
    fields = [
        f.name for f in graph_schema(G).node_fields(d.get("label", "")) if f.name != "stakeholder_group"
    ]
    shown = [f for f in fields if d.get(f) not in (None, "") and (f, d[f]) != ("sensitivity", "public")]
    props = [f"**{f.replace('_', ' ')}**: {md(', '.join(sorted(value_texts(d[f]))))}" for f in shown]
    if props:
        st.markdown("  \n".join(props))
    groups = relationships(G, node)
    sections = []
    stances = groups.pop("engages on", [])
    if stances:
        lines = [f"- {md(name(G, p))}" + (f" — {md(details)}" if details else "") for p, details in stances]
        sections.append("#### Policy stances\n" + "\n".join(lines))
    attended = groups.pop("attended", [])
    if attended:
        attended.sort(key=lambda pair: str(G.nodes[pair[0]].get("date", "")), reverse=True)
        today = date.today().isoformat()
        lines = [
            f"- {md(G.nodes[e].get('date', ''))} {md(name(G, e))}"
            + (f" ({md(details)})" if details else "")
            + (" — to come" if str(G.nodes[e].get("date", "")) > today else "")
            for e, details in attended
        ]
        sections.append("#### Events\n" + "\n".join(lines))
    for words, pairs in groups.items():
        lines = [
            f"- {md(name_and_place(G, o))}" + (f" — {md(details)}" if details else "")
            for o, details in pairs[:12]
        ]
        if len(pairs) > 12:
            lines.append(f"- … and {len(pairs) - 12} more")
        sections.append(f"#### {words.capitalize()} ({len(pairs)})\n" + "\n".join(lines))
    for section in sections:
        st.markdown(section)
    show_timeline(G, node)
    show_history(store_url(), node)
    left, right = st.columns(2)
    left.button(
        f"Focus on {name(G, node)}'s neighbourhood",
        on_click=_focus_on,
        args=(node, name(G, node)),
        key="explore_focus_here",
    )
    introductions_link(right, G, node)
    log_meeting(G, node)
    briefing_pack_buttons(G, node)


def who_met_them(G: nx.MultiDiGraph) -> list[str]:
    """Whom a meeting may be logged with: the coalition's members first, then everyone else; people
    before organisations, by name (at most ``MAX_OPTIONS`` more than the members)."""
    try:
        member = set(coalition_members(G, default_coalition(G)))
    except GraphkitError:
        member = set()
    nodes = G.nodes
    # In the order of ids_by_name, without a pass over everyone on every rerun (1.8M at 10M relationships).
    members = [n for n in member if n in nodes and nodes[n].get("label") in STAKEHOLDER_LABELS]
    members.sort(key=name_order(G, first=("Person",)))
    everyone = ids_by_name(G, STAKEHOLDER_LABELS, first=("Person",))
    return members + [n for n in everyone[:MAX_OPTIONS] if n not in member]


def log_meeting(G: nx.MultiDiGraph, node: str) -> None:
    """For a person or organisation: "Log a meeting with X", and what the last one logged here did, with
    its Undo."""
    if G.nodes[node].get("label") not in STAKEHOLDER_LABELS:
        return
    url = store_url()
    show_flash(url, G, "explore")
    others = [n for n in who_met_them(G) if n != node]
    with st.popover(f"Log a meeting with {name(G, node)}", key="explore_log_pop"):
        key = f"explore-log-{node}"
        contact_form(G, url, [node], key, section="explore", origin="Explore", others=others, kind="meeting")


def asked(G: nx.MultiDiGraph, where: GraphFilter, focus: str | None) -> nx.MultiDiGraph:
    """What the filters asked for: when they narrow the stakeholders (by group, place, policy area or
    event) and "Show" names no kind, the people and organisations they keep, the places, policy areas
    and events chosen, and the focus; not every country, region and theme besides."""
    narrows = (
        where.stakeholder_groups
        or where.regions
        or where.countries
        or where.policy_areas
        or where.events
        or where.field_values
    )
    if where.labels or not narrows:
        return G
    chosen = where.regions | where.countries | where.policy_areas | where.events | {focus}
    return G.subgraph(v for v, d in G.nodes(data=True) if d.get("label") in STAKEHOLDER_LABELS or v in chosen)


@st.cache_resource(max_entries=4, show_spinner=False)
def _first_view(url: str, shape: state.DataVersion, figures: int) -> list[str]:
    G = state.graph(url)
    try:
        return coalition_and_officials(G, default_coalition(G), sizes=state.influence(url))
    except GraphkitError:  # no coalition (no Initiative) to start from
        return []


def view_of(
    url: str, G: nx.MultiDiGraph, where: GraphFilter, focus: str | None, depth: int, max_nodes: int
) -> tuple[nx.MultiDiGraph, dict | None]:
    """The graph to draw and its positions (None: laid out with the picture). With no filter and no
    search, the start chosen in the sidebar: the coalition and its nearest officials, or everything."""
    first = not where and focus is None and st.session_state.get(START, COALITION_START) == COALITION_START
    start = _first_view(url, state.shape_version(url), state.figures_version(url)) if first else []
    if start:  # the coalition first
        st.caption(
            f"**{name(G, start[0])}, its members and the government officials nearest to them**, with "
            "who links them. Find a stakeholder, set a filter, or start with the most influential of all "
            "(in the sidebar) to see more."
        )
        return G.subgraph(start), None
    view_graph = state.view_graph(url, where, focus, depth)
    if focus is not None and focus not in state.view_graph(url, where):
        st.info(f"{name(G, focus)} is outside the filters: showing their neighbourhood in the whole network.")
    shown = asked(view_graph, where, focus)
    if shown is not view_graph:
        return shown, None
    return view_graph, state.positions(url, where, focus, depth, max_nodes)


def show_picture(
    url: str,
    G: nx.MultiDiGraph,
    view: tuple[nx.MultiDiGraph, dict | None],
    selected: str | None,
    viewport: str,
    added: list[str],
    path: list[str],
) -> dict | None:
    """The picture, as tall as the window, with ``added`` (expanded) nodes kept, ``path`` in red and
    the nodes the user dragged where they dropped them; return its last chosen (or moved) node.
    Coloured by circle, each circle's members are laid out together, outlined and named."""
    (view_graph, positions), focus = view, st.session_state.get(LAST_FOCUS)
    found = (
        communities_of(url, state.shape_version(url))
        if st.session_state.get(COLOUR_BY) == BY_CIRCLE
        else None
    )
    drawn = network_view(
        view_graph,
        highlight_path=path,
        selected=selected if selected in view_graph else None,
        max_nodes=st.session_state.get("explore_max_nodes", MAX_NODES_CHOICES[1]),
        sizes=state.influence(url),
        positions=positions if found is None else None,
        about=G,
        together=None if found is None else circles.membership(found),
        always=added,
        pinned=pins(G),
    )
    state.shows(n["id"] for n in drawn.nodes)
    if drawn.hidden:
        st.caption(
            f"**{drawn.shown:,} shown, {drawn.hidden:,} hidden** — narrow the view with the filters "
            "or find a stakeholder; the most influential and best connected are drawn first."
        )
    else:
        st.caption(f"**All {drawn.shown:,} shown.**")
    title = (
        f"Network picture around {name(G, focus)}" if focus in G else "Network picture of the stakeholders"
    )
    legend = None
    if found is not None:
        drawn, legend = circles.by_circle(drawn, G, found, state.influence(url))
    colour = str(st.session_state.get(COLOUR_BY) or "")
    own = own_fields(G)
    if colour.startswith(FIELD_COLOUR) and colour.removeprefix(FIELD_COLOUR) in own:
        field = colour.removeprefix(FIELD_COLOUR)
        drawn, legend = circles.by_field(drawn, G, field, own[field])
    clicked = network_component(
        drawn,
        selected=selected,
        legend=legend,
        viewport=viewport,
        title=title,
        fill=True,
        opened="Its details are beside the picture (below it on a narrow screen).",
        key="explore_network",
    )
    picture_changes(G)
    return clicked


def pins(G: nx.MultiDiGraph) -> dict[str, Position]:
    """The nodes the user dragged and where they dropped them (the address's ``pins=id@x,y``)."""
    return {v: at for v, at in pin_places(st.query_params.get_all(PINS)).items() if v in G}


def _pin(G: nx.MultiDiGraph, moved: object) -> None:
    """Keep the nodes ``moved`` (the component's ``{id: [x, y]}``) where they were dropped."""
    kept = pins(G)
    for node, at in moved.items() if isinstance(moved, dict) else ():
        try:
            x, y = (max(-999_999, min(999_999, round(float(v)))) for v in at)
        except (TypeError, ValueError):
            continue
        if node in G:
            kept[node] = (x, y)
    _set_ids(PINS, [f"{n}@{round(x)},{round(y)}" for n, (x, y) in kept.items()])


def _set_ids(key: str, ids: list[str]) -> None:
    ids = list(dict.fromkeys(ids))
    if ids:
        st.query_params[key] = ids
    else:
        st.query_params.pop(key, None)


def _expand(node: str) -> None:
    _set_ids(EXPAND, [*st.query_params.get_all(EXPAND), node])
    _set_ids(DISMISS, [n for n in st.query_params.get_all(DISMISS) if n != node])


def _dismiss(node: str) -> None:
    _set_ids(DISMISS, [*st.query_params.get_all(DISMISS), node])
    _set_ids(EXPAND, [n for n in st.query_params.get_all(EXPAND) if n != node])
    for key in (NODE, PATH_FROM):
        if st.query_params.get(key) == node:
            st.query_params.pop(key)


def _path_from(node: str | None) -> None:
    if node is None:
        st.query_params.pop(PATH_FROM, None)
    else:
        st.query_params[PATH_FROM] = node


def picture_actions(G: nx.MultiDiGraph, node: str) -> None:
    """What a node can do to the picture: add its neighbours, be taken off it, start a path."""
    row = st.container(horizontal=True)
    who = name(G, node)
    row.button(
        "Add their neighbours",
        on_click=_expand,
        args=(node,),
        key="explore_expand",
        icon=":material/add_circle:",
        help=f"Adds the {MAX_EXPANDED} most influential around {who} to the picture; do it again on one "
        "of them to go a step further.",
    )
    row.button(
        "Take off the picture",
        on_click=_dismiss,
        args=(node,),
        key="explore_dismiss",
        icon=":material/close:",
    )
    if st.query_params.get(PATH_FROM) != node:
        row.button(
            "Path from here",
            on_click=_path_from,
            args=(node,),
            key="explore_path_from",
            icon=":material/route:",
            help=f"Then click another node to see the warmest path from {who} to it.",
        )


def picture_changes(G: nx.MultiDiGraph) -> None:
    """Under the picture: what the user did to it (added, taken off, moved), each with its way back."""
    changes = [
        (EXPAND, "Remove the neighbours added"),
        (DISMISS, "Put back {n} taken off"),
        (PINS, "Let {n} moved nodes go back"),
    ]
    row = st.container(horizontal=True)
    for key, words in changes:
        n = len(st.query_params.get_all(key))
        if n:
            row.button(
                words.format(n=n),
                on_click=_set_ids,
                args=(key, []),
                key=f"explore_undo_{key}",
                type="tertiary",
            )


def reshaped(
    G: nx.MultiDiGraph, view_graph: nx.MultiDiGraph, sizes: dict[str, float]
) -> tuple[nx.MultiDiGraph, dict[str, list[str]]]:
    """``view_graph`` with the expanded nodes' most influential neighbours added (``MAX_EXPANDED``
    each) and the dismissed taken off; and each expanded node's neighbours, which the picture keeps."""
    dismissed = set(st.query_params.get_all(DISMISS))
    added: dict[str, list[str]] = {}
    for v in st.query_params.get_all(EXPAND):
        if v in G:
            near = sorted(set(nx.all_neighbors(G, v)) - dismissed, key=lambda u: (-sizes.get(u, 0.0), u))
            added[v] = near[:MAX_EXPANDED]
    if not added and not dismissed.intersection(view_graph):
        return view_graph, {}
    shown = set(view_graph).union(added, *added.values())
    return G.subgraph(shown - dismissed), added


def around(positions: dict[str, Position], added: dict[str, list[str]]) -> dict[str, Position]:
    """``positions`` and places for the neighbours an expansion added: on an arc beyond their node,
    facing away from the picture's centre, so that the picture grows outwards a step at a time.

    >>> around({"a": (0.0, 0.0), "b": (100.0, 0.0)}, {"b": ["c"]})["c"]
    (300.0, 0.0)
    """
    pos = dict(positions)
    if not pos:
        return pos
    cx, cy = (sum(p[i] for p in positions.values()) / len(positions) for i in (0, 1))
    for v, near in added.items():
        new = [u for u in near if u not in pos]
        if v not in pos or not new:
            continue
        x, y = pos[v]
        away, r = math.atan2(y - cy, x - cx), max(200.0, 30.0 * len(new))
        for i, u in enumerate(new):
            a = away + math.pi * ((i + 0.5) / len(new) - 0.5)
            pos[u] = (round(x + r * math.cos(a), 1), round(y + r * math.sin(a), 1))
    return pos


def route_to(url: str, G: nx.MultiDiGraph, node: str | None) -> tuple[str, EngagementAnswer] | None:
    """The warmest path from the address's ``path_from`` to ``node`` (Paths' own analysis), or None."""
    start = st.query_params.get(PATH_FROM)
    if start not in G or node is None or node == start:
        return None
    try:
        return start, cached_answer(url, state.data_version(url), (start,), node, 1, ROUTE_HOPS, ())
    except GraphkitError:  # not a stakeholder at either end
        return None


def show_route(url: str, G: nx.MultiDiGraph, node: str, route: tuple[str, EngagementAnswer] | None) -> None:
    """The path drawn in red, in words with a reason on each hop; or how to draw one."""
    start = st.query_params.get(PATH_FROM)
    if start == node:
        st.info(f"Now click another node, or find one, to see the warmest path from {name(G, node)} to it.")
    elif route is not None and route[1].paths:
        show_path(G, url, f"Warmest path from {name(G, route[0])}", route[1].paths[0])
    elif route is not None:
        st.warning(route[1].summary)
    elif start in G:
        st.warning(f"No path from {name(G, start)} to {name(G, node)}: paths join people and organisations.")
    if start in G:
        st.button(
            "Clear the path",
            on_click=_path_from,
            args=(None,),
            key="explore_clear_path",
            icon=":material/close:",
        )


def reveal(at: object) -> None:
    """Scroll to the answer of a click when it is out of sight (on a phone, below the picture)."""
    mark = f"explore-answer-{int(at) if isinstance(at, int | float) else 0}"
    st.html(
        f"""<div id="{mark}" style="scroll-margin-top: 4.5rem"></div><script>
(() => {{
  const go = (tries) => {{
    const el = document.getElementById("{mark}");
    if (!el) {{ if (tries < 60) setTimeout(() => go(tries + 1), 50); return; }}
    const top = el.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) el.scrollIntoView({{block: "start", behavior: "smooth"}});
  }};
  go(0);
  setTimeout(() => go(60), 900);
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def render() -> None:
    """Draw the Explore page: the picture, and beside it (below it on a phone) the chosen node."""
    url = store_url()
    st.title("Explore the network")
    state.shows(())  # rerun by itself only for changes to the nodes drawn below, or to the shape
    G = stored_graph(url)
    if G is None:
        return
    saved_views_control(url, "explore")  # before the widgets: it may open a saved view, which sets them
    where, max_nodes = filters(G)
    focus, depth = find_stakeholder(url, G)
    wanted = st.query_params.get(NODE)
    selected = wanted if wanted in G else None
    route = route_to(url, G, selected)
    path = route[1].paths[0].nodes if route and route[1].paths else []
    base, positions = view_of(url, G, where, focus, depth, max_nodes)
    view_graph, added = reshaped(G, base, state.influence(url))
    if path:
        view_graph = G.subgraph(set(view_graph) | set(path))
    if path:  # laid out along the path, as on Paths, and fitted to the frame
        positions = path_layout(view_graph, path)
    elif view_graph is not base:  # keep the places of the nodes already drawn
        if positions is None:
            positions = layout(base, most_relevant(base, max_nodes, state.influence(url)))
        positions = around(positions, added)
    viewport = repr(
        (state.filter_key(where), focus, depth, max_nodes, st.session_state.get(START), path, list(added))
    )
    picture, side = st.columns([3, 2], gap="medium")
    with picture:
        kept = [v for v, near in added.items() for v in (v, *near)]
        clicked = show_picture(url, G, (view_graph, positions), selected, viewport, kept, path)
    take_click(G, clicked, selected)
    with side:
        if at := st.session_state.pop(REVEAL, None):
            reveal(at)
        if selected is None:
            st.info(
                "That record is no longer in the graph: someone deleted it meanwhile."
                if wanted
                else "Click a node, or choose one in the list of nodes shown, to see who they are and "
                "whom they know."
            )
        else:
            state.shows([selected, *nx.all_neighbors(G, selected)])
            show_route(url, G, selected, route)
            show_details(G, selected)
        if focus is not None:
            st.button("Show the whole network again", on_click=_clear_search, key="explore_clear")


def take_click(G: nx.MultiDiGraph, clicked: dict | None, selected: str | None) -> None:
    """A new click opens its node (and has the page scroll to it); a drag pins the nodes dropped."""
    if not clicked or clicked.get("at") == st.session_state.get(LAST_CLICK):
        return
    st.session_state[LAST_CLICK] = clicked.get("at")
    if "moved" in clicked:
        _pin(G, clicked["moved"])
        st.rerun()
    elif clicked.get("id") in G:
        st.session_state[REVEAL] = clicked.get("at")
        if clicked["id"] != selected:
            st.query_params[NODE] = clicked["id"]
            st.rerun()


if __name__ == "__main__":
    render()
