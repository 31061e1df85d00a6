"""The Events page: plan an event, with who attends, who introduces whom there, and the allies to meet
where the coalition has gaps.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import streamlit as st

from graphkit.analysis.events import EventPlan, Meeting, event_plan, events_by_date
from graphkit.analysis.paths import warmth_of
from graphkit.app import state
from graphkit.app.chosen import show_chosen
from graphkit.app.views import saved_views_control
from graphkit.app.widgets import coalition_select, ids_by_name, linked, md, stored_graph
from graphkit.errors import GraphkitError
from graphkit.graph.describe import name, name_and_place
from graphkit.io.spreadsheet import csv_bytes
from graphkit.store import store_url
from graphkit.viz import network_view, path_layout
from graphkit.viz.component import network_component

KINDS = {"direct": "meets directly", "introduction": "introduction", "ally": "ally on a gap"}
STATUS = {"gap": "gap: no ally", "weak": "weak: few allies", "covered": "covered"}


@st.cache_resource(max_entries=64, show_spinner="Planning the event…")
def _plan(url: str, version: int, event: str, coalition: str, max_hops: int) -> EventPlan:
    return event_plan(state.graph(url), event, coalition, max_hops=max_hops)


def event_label(G: nx.MultiDiGraph, event: str, today: str) -> str:
    """An event as the select shows it: "IGF 2027 · 2027-11-09 · upcoming"."""
    when = str(G.nodes[event].get("date") or "")
    parts = [name(G, event), when] if when else [name(G, event), "no date"]
    if when >= today:
        parts.append("upcoming")
    return " · ".join(parts)


def meetings_csv(G: nx.MultiDiGraph, plan: EventPlan) -> bytes:
    """The suggested meetings as CSV, one row per meeting, to take to the event."""
    rows = [["meeting", "kind", "whom", "member", "introduced by", "warmth", "suggestion", "hops"]]
    for i, m in enumerate(plan.meetings, 1):
        warmth = warmth_of(m.hops) if m.hops else ""
        member = name(G, m.member) if m.member else ""
        by = "; ".join(name(G, p) for p in m.introducers)
        hops = " | ".join(h.said for h in m.hops)
        rows.append([i, KINDS[m.kind], name(G, m.whom), member, by, warmth, m.text, hops])
    return csv_bytes(rows)


def show_attendees(G: nx.MultiDiGraph, plan: EventPlan) -> None:
    members, officials = set(plan.members_attending), set(plan.officials_attending)
    others = [a for a in plan.attendees if a not in members and a not in officials]
    for title, ids in (
        ("Coalition members", plan.members_attending),
        ("Officials", plan.officials_attending),
        ("Others attending", others),
    ):
        with st.expander(f"{title} ({len(ids)})", expanded=title != "Others attending"):
            st.markdown("\n".join(f"- {linked(G, a)}" for a in ids) or "Nobody.")


def show_meeting(i: int, m: Meeting) -> None:
    warmth = f" · {warmth_of(m.hops)}" if m.hops else ""
    st.markdown(f"**{i}.** {md(m.text)}{warmth}")
    if m.kind == "introduction":
        st.markdown("\n".join(f"   {j}. {md(h.said)}" for j, h in enumerate(m.hops, 1)))


def show_areas(G: nx.MultiDiGraph, plan: EventPlan) -> None:
    st.dataframe(
        {
            "policy area": [name(G, a.policy_area) for a in plan.areas],
            "coalition": [STATUS[a.status] for a in plan.areas],
            "coalition allies": [a.coalition_allies for a in plan.areas],
            "allies attending": [", ".join(name(G, s) for s in a.attending_allies) for a in plan.areas],
        },
        hide_index=True,
    )


def show_picture(G: nx.MultiDiGraph, url: str, plan: EventPlan, key: str) -> None:
    """The introductions on a picture: the chosen one left to right in red, the others around it."""
    intros = [m for m in plan.meetings if m.kind != "ally"]
    if not intros:
        return
    chosen = st.radio(
        "Show on the picture",
        range(len(intros)),
        format_func=lambda i: f"Meeting {i + 1}: {name(G, intros[i].whom)}",
        key="events_shown",
        bind="query-params",
    )
    m = intros[chosen if chosen is not None and chosen < len(intros) else 0]
    path = (m.member, *m.introducers, m.whom)
    around = G.subgraph({p for i in intros for p in (i.member, *i.introducers, i.whom)})
    view = network_view(
        around,
        highlight_path=path,
        positions=path_layout(around, path),
        sizes=state.influence(url),
        height="480px",
        about=G,
    )
    st.caption("The chosen introduction in red, the event's other introductions around it.")
    clicked = network_component(
        view,
        selected=(st.session_state.get("events_network") or {}).get("id"),
        viewport=key,
        title=f"Network picture of meeting {chosen + 1}: {name(G, m.whom)}",
        opened="Its details are below the picture.",
        key="events_network",
    )
    show_chosen(G, clicked, around)


def render() -> None:
    """Draw the Events page."""
    url = store_url()
    st.title("Events")
    st.caption(
        "Who from the coalition attends, which officials attend, who can introduce whom there, and "
        "the allies to meet on the event's themes where the coalition has none."
    )
    G = stored_graph(url)
    if G is None:
        return
    saved_views_control(url, "events")
    events = events_by_date(G)
    initiatives = ids_by_name(G, ("Initiative",))
    if not events or not initiatives:
        st.info("The graph needs events and a coalition (an Initiative) to plan for.")
        return
    today = date.today().isoformat()
    left, middle, right = st.columns([3, 2, 1])
    event = left.selectbox(
        "Event",
        events,
        format_func=lambda e: event_label(G, e, today),
        key="events_event",
        bind="query-params",
    )
    coalition = coalition_select(middle, G, initiatives, "events_coalition", label="Coalition")
    max_hops = right.slider(
        "Longest chain",
        1,
        4,
        2,
        key="events_max_hops",
        bind="query-params",
        help="Hops from a member to an official, all at the event.",
    )
    try:
        plan = _plan(url, state.data_version(url), event, coalition, max_hops)
    except GraphkitError as e:
        st.error(str(e))
        return
    (st.success if plan.members_attending else st.warning)(plan.summary)
    words, side = st.columns([3, 2], gap="medium")
    with words:
        st.subheader("Suggested meetings")
        for i, m in enumerate(plan.meetings, 1):
            show_meeting(i, m)
        if not plan.meetings:
            st.write("None at this event.")
        if plan.out_of_reach:
            st.caption(
                "Officials attending whom no chain of attendees reaches: "
                + "; ".join(md(name_and_place(G, o)) for o in plan.out_of_reach)
            )
        if plan.meetings:
            st.download_button(
                "Download the meetings (CSV)",
                meetings_csv(G, plan),
                file_name=f"meetings-at-{event}.csv",
                mime="text/csv",
            )
        st.subheader("Policy areas the event covers")
        show_areas(G, plan)
    with side:
        st.subheader("Attending")
        show_attendees(G, plan)
        show_picture(G, url, plan, repr((event, coalition, max_hops)))


if __name__ == "__main__":
    render()
