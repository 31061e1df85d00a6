"""The Influence page: who opens doors to government, who is central, which circles form, whom to manage.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

import zlib

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from graphkit.analysis.influence import (
    QUADRANTS,
    Betweenness,
    Broker,
    Community,
    GridPlace,
    betweenness,
    brokers,
    communities,
    power_interest_grid,
    ranks,
    top,
)
from graphkit.app import state
from graphkit.app.views import saved_views_control
from graphkit.app.widgets import (
    OPEN_COLUMN,
    coalition_select,
    ids_by_name,
    on_explore,
    stakeholder_select,
    stored_graph,
)
from graphkit.graph.describe import country_of, current_employers, name, short_name
from graphkit.model import STAKEHOLDER_LABELS
from graphkit.store import store_url
from graphkit.viz.circles import circle_name
from graphkit.viz.colours import GROUP_COLOURS, UNKNOWN_GROUP_COLOUR

BROKERS = 50
INFLUENCE_RANK = st.column_config.NumberColumn(
    "Influence rank", format="%d", help="1: the best connected to the well connected (PageRank)"
)
BROKER_RANK = st.column_config.NumberColumn(
    "Broker rank",
    format="%d",
    help="1: on most shortest ways between two others (betweenness); none: on none",
)
#: The grid's points named on the chart: the most influential and interested.
NAMED_ON_GRID = 8
#: Vega shapes by stakeholder group (GROUP_COLOURS' order, then unknown), so a group reads without colour.
GRID_SHAPES = [
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "triangle-down",
    "cross",
    "triangle-right",
    "stroke",
]
HIGH = 3.0  # the grid's line between low and high, on the 1-5 scales of influence and interest
# Where each quadrant's name sits on the grid: (interest, influence).
QUADRANT_PLACES = {
    "manage closely": (5.2, 5.35),
    "keep satisfied": (0.8, 5.35),
    "keep informed": (5.2, 0.65),
    "monitor": (0.8, 0.65),
}


@st.cache_data(max_entries=8, show_spinner=False)
def _brokers(url: str, version: int, coalition: str) -> list[Broker]:
    return brokers(state.graph(url), coalition, n=BROKERS)


@st.cache_data(max_entries=2, show_spinner=False)
def _betweenness(url: str, version: int) -> Betweenness:
    return betweenness(state.graph(url))


@st.cache_data(max_entries=2, show_spinner=False)
def communities_of(url: str, version: int) -> list[Community]:
    """The communities of the stored graph, largest first (cached per ``version`` of the data)."""
    return communities(state.graph(url))


@st.cache_data(max_entries=16, show_spinner=False)
def _grid(url: str, version: int, areas: tuple[str, ...]) -> list[GridPlace]:
    return power_interest_grid(state.graph(url), areas or None, high=HIGH)


def _group(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n].get("stakeholder_group") or "unknown").replace("_", " ")


def _about(G: nx.MultiDiGraph, n: str) -> dict[str, str]:
    """Name, organisation, country and stakeholder group: the first columns of every table."""
    orgs = current_employers(G, n)[:1] if G.nodes[n].get("label") == "Person" else []
    country = country_of(G, n)
    return {
        "Name": name(G, n),
        "Organisation": short_name(G, orgs[0]) if orgs else "",
        "Country": name(G, country) if country else "",
        "Stakeholder group": _group(G, n),
        "Open": on_explore(n),
    }


EVERYONE, ONE, COALITION = "everyone", "one stakeholder", "a coalition"


def show_brokers(url: str, G: nx.MultiDiGraph, version: int) -> None:
    """Who opens doors: from a coalition or one stakeholder to government, or between everyone."""
    st.subheader("Brokers: who opens doors")
    initiatives = ids_by_name(G, ("Initiative",))
    start = st.radio(
        "Starting from",
        [COALITION, ONE, EVERYONE] if initiatives else [EVERYONE, ONE],
        horizontal=True,
        key="influence_brokers_from",
        bind="query-params",
    )
    if start == EVERYONE:
        show_brokers_between(url, G, version, bool(initiatives))
        return
    if start == COALITION:
        source = coalition_select(st, G, initiatives, "influence_coalition")
    else:
        people = ids_by_name(G, STAKEHOLDER_LABELS)
        source = stakeholder_select(G, people, "Stakeholder", "influence_broker_source")
        if source is None:
            st.info("Choose the person or organisation whose introductions to government you need.")
            return
    with st.spinner("Following the cheapest introductions to every government stakeholder…"):
        found = _brokers(url, version, source)
    st.caption(
        f"The people and organisations that most of the cheapest introduction paths from {name(G, source)} "
        "to government stakeholders pass through: ask them for introductions. *Share*: of all government "
        f"stakeholders {name(G, source)} reaches, those reached through them."
    )
    if not found:
        st.info(f"No broker: {name(G, source)} reaches no government stakeholder through someone else.")
        return
    df = pd.DataFrame(
        [{**_about(G, b.stakeholder), "Paths to government": b.paths, "Share": 100 * b.share} for b in found]
    )
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        column_config={
            "Open": OPEN_COLUMN,
            "Share": st.column_config.ProgressColumn("Share", format="%.0f%%", min_value=0, max_value=100),
        },
        key="influence_brokers",
    )


def show_brokers_between(url: str, G: nx.MultiDiGraph, version: int, has_coalition: bool) -> None:
    """With no starting point: the stakeholders on most of the shortest ways between two others."""
    with st.spinner("Counting who lies between whom (slow on large networks)…"):
        found = top(_betweenness(url, version).scores, BROKERS)
    st.caption(
        "People and organisations on most of the shortest ways between two others (*betweenness*): "
        "they can pass a message, or an introduction, across the network."
        + (
            ""
            if has_coalition
            else " Add an Initiative with its members to see who opens doors to government."
        )
    )
    rank = ranks(dict(found))
    df = pd.DataFrame([{**_about(G, v), "Broker rank": rank[v]} for v, _ in found])
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        column_config={"Open": OPEN_COLUMN, "Broker rank": BROKER_RANK},
        key="influence_brokers_between",
    )


def show_central(url: str, G: nx.MultiDiGraph, version: int) -> None:
    """PageRank and betweenness of every person and organisation, most influential first."""
    st.subheader("Most influential: PageRank and betweenness")
    scores = state.influence(url)
    with st.spinner("Counting who lies between whom (slow on large networks)…"):
        between = _betweenness(url, version)
    st.caption(
        "Ranks, 1 the highest. *Influence*: how well connected someone is to the well connected, weighted by "
        "how warm the ties are (PageRank). *Broker*: how often they sit on the shortest way between two others "
        "(betweenness); no rank: on none."
    )
    if between.sampled_sources:
        st.caption(
            f"Betweenness is **estimated** from {between.sampled_sources} sampled starting points "
            f"(the network is large); the same data always gives the same figures."
        )
    by = st.radio(
        "Most influential by",
        ["PageRank", "Betweenness"],
        horizontal=True,
        key="influence_sort",
        bind="query-params",
    )
    influence_rank, broker_rank = ranks(scores), ranks(between.scores)
    rows = [
        {**_about(G, n), "Influence rank": influence_rank[n], "Broker rank": broker_rank.get(n)}
        for n in scores
    ]
    df = pd.DataFrame(rows)
    if not df.empty:
        column = "Influence rank" if by == "PageRank" else "Broker rank"
        df = df.sort_values([column, "Name"], kind="stable", ignore_index=True, na_position="last")
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        height=420,
        column_config={"Open": OPEN_COLUMN, "Influence rank": INFLUENCE_RANK, "Broker rank": BROKER_RANK},
        key="influence_pagerank",
    )


def show_communities(url: str, G: nx.MultiDiGraph, version: int) -> None:
    """Each community's size, what it is made of, and its most influential members."""
    st.subheader("Communities: circles more tied to each other than to the rest")
    with st.spinner("Finding communities…"):
        found = communities_of(url, version)
    ranks = state.influence(url)
    rows = []
    for c in found:
        leaders = sorted(c.members, key=lambda m: -ranks.get(m, 0.0))[:3]
        rows.append(
            {
                "Circle": circle_name(G, c, leaders[0]),
                "Size": len(c.members),
                "Most influential members": "; ".join(short_name(G, m) for m in leaders),
                "Stakeholder groups": " · ".join(
                    f"{g.replace('_', ' ')} {k}" for g, k in c.stakeholder_groups if g
                ),
                "Policy areas": " · ".join(f"{name(G, p)} {k}" for p, k in c.policy_areas),
            }
        )
    df = pd.DataFrame(rows)
    st.caption(
        "Found in the introduction network (who knows, works with or meets whom). Counts after each group "
        "and policy area: members, and members engaged on it. Reach a circle through its most influential members."
    )
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        column_config={
            "Circle": st.column_config.TextColumn(width="medium"),
            "Size": st.column_config.NumberColumn(width="small"),
            "Policy areas": st.column_config.TextColumn(width="large"),
            "Most influential members": st.column_config.TextColumn(width="medium"),
        },
        key="influence_communities",
    )


def _jitter(n: str) -> float:
    """A small, stable offset per stakeholder so that equal scores do not hide each other."""
    return (zlib.crc32(n.encode()) % 1000 / 1000 - 0.5) * 0.3


def _named_on_grid(df: pd.DataFrame) -> list:
    """The rows to name on the grid: the most influential and interested first, each far enough from
    those already named (in grid units) for the names not to cover each other."""
    chosen: list = []
    for i, row in (
        df.assign(weight=df.Influence * df.Interest).sort_values("weight", ascending=False).iterrows()
    ):
        if all(abs(row.y - df.y[j]) > 0.22 or abs(row.x - df.x[j]) > 1.6 for j in chosen):
            chosen.append(i)
        if len(chosen) == NAMED_ON_GRID:
            break
    return chosen


def grid_chart(G: nx.MultiDiGraph, places: list[GridPlace]) -> alt.LayerChart:
    """The power-interest grid: interest across, influence up, a point per stakeholder coloured by group."""
    groups = [g.replace("_", " ") for g in GROUP_COLOURS]
    df = pd.DataFrame(
        [
            {
                "id": p.stakeholder,
                "Name": name(G, p.stakeholder),
                "Short": short_name(G, p.stakeholder)[:24],
                "Stakeholder group": _group(G, p.stakeholder),
                "Influence": p.influence,
                "Interest": p.interest,
                "Quadrant": p.quadrant,
                "x": p.interest + _jitter(p.stakeholder),
                "y": p.influence + _jitter(p.stakeholder[::-1]),
            }
            for p in places
        ]
    )
    scale = alt.Scale(domain=[0.5, 5.5], nice=False, zero=False)
    ticks = alt.Axis(values=[1, 2, 3, 4, 5], format="d")
    group = alt.Legend(orient="bottom", columns=4, title="Stakeholder group")
    domain = [*groups, "unknown"]
    points = (
        alt.Chart(df)
        .mark_point(size=90, opacity=0.85, filled=True, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("x:Q", scale=scale, axis=ticks, title="Interest in our policy areas →"),
            y=alt.Y("y:Q", scale=scale, axis=ticks, title="Influence on the decisions →"),
            # Shape as well as colour: the group reads without colour vision too.
            color=alt.Color(
                "Stakeholder group:N",
                scale=alt.Scale(domain=domain, range=[*GROUP_COLOURS.values(), UNKNOWN_GROUP_COLOUR]),
                legend=group,
            ),
            shape=alt.Shape(
                "Stakeholder group:N", scale=alt.Scale(domain=domain, range=GRID_SHAPES), legend=group
            ),
            tooltip=["Name", "Stakeholder group", "Influence", "Interest", "Quadrant"],
        )
    )
    ink = "#fafafa" if st.context.theme.type == "dark" else "#141312"
    chosen = df.loc[_named_on_grid(df)]
    # Names read away from the chart's right edge, so none is cut off there.
    named = [
        alt.Chart(part)
        .mark_text(align=align, dx=dx, fontSize=12, color=ink)
        .encode(x="x:Q", y="y:Q", text="Short:N")
        for part, align, dx in ((chosen[chosen.x <= 4], "left", 8), (chosen[chosen.x > 4], "right", -8))
    ]
    lines = alt.Chart(pd.DataFrame({"at": [HIGH]})).mark_rule(color="#555555", strokeDash=[6, 4])
    names = pd.DataFrame(
        [{"Quadrant": q, "x": QUADRANT_PLACES[q][0], "y": QUADRANT_PLACES[q][1]} for q in QUADRANTS]
    )
    labels = (
        alt.Chart(names)
        .mark_text(fontSize=14, fontWeight="bold", color=ink)
        .encode(x="x:Q", y="y:Q", text="Quadrant:N")
    )
    return (
        lines.encode(x="at:Q") + lines.encode(y="at:Q") + labels + points + named[0] + named[1]
    ).properties(height=520)


def show_grid(url: str, G: nx.MultiDiGraph, version: int) -> None:
    """The power-interest grid, for all policy areas or the chosen ones, and who sits in each quadrant."""
    st.subheader("Power-interest grid: whom to manage closely")
    areas = ids_by_name(G, ("PolicyArea",))
    chosen = st.multiselect(
        "Only their stances on these policy areas",
        areas,
        format_func=lambda n: name(G, n),
        placeholder="all policy areas",
        key="influence_areas",
        bind="query-params",
    )
    places = _grid(url, version, tuple(sorted(chosen)))
    if not places:
        st.info("Nobody has both influence and interest recorded on these policy areas.")
        return
    st.caption(
        "Each stakeholder's mean influence and interest (1 to 5) over their policy stances; the dashed lines "
        f"are at {HIGH:g}. Points are nudged a little apart so equal scores stay visible; hover for the figures."
    )
    left, right = st.columns([3, 2], gap="medium")
    left.altair_chart(grid_chart(G, places), width="stretch", key="influence_grid")
    order = {q: i for i, q in enumerate(QUADRANTS)}
    df = pd.DataFrame(
        [
            {
                "Quadrant": p.quadrant,
                **_about(G, p.stakeholder),
                "Influence": p.influence,
                "Interest": p.interest,
            }
            for p in sorted(places, key=lambda p: (order[p.quadrant], -p.influence, -p.interest))
        ]
    )
    right.dataframe(df, hide_index=True, width="stretch", height=520, key="influence_quadrants")


def render() -> None:
    """Draw the Influence page."""
    url = store_url()
    st.title("Influence")
    st.write(
        "Who opens doors to government, who is central in the network, which circles form, "
        "and whom to keep close."
    )
    G = stored_graph(url)
    if G is None:
        return
    saved_views_control(url, "influence")
    version = state.data_version(url)
    show_brokers(url, G, version)
    show_central(url, G, version)
    show_communities(url, G, version)
    show_grid(url, G, version)


if __name__ == "__main__":
    render()
