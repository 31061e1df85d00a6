"""The advocacy log in the app: the Going cold page, and a stakeholder's timeline (on Explore's
detail panel). Interactions are logged on the Data page.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import networkx as nx
import streamlit as st

from graphkit.analysis.interactions import (
    COLD_AFTER_DAYS,
    STRONG,
    going_cold,
    interactions,
    open_follow_ups,
    timeline,
)
from graphkit.analysis.paths import coalition_members, default_coalition
from graphkit.app.widgets import ids_by_name, md, stored_graph
from graphkit.graph.describe import name, who
from graphkit.store import store_url

_ICONS = {"interaction": "💬", "event": "📅", "role": "💼"}


def show_timeline(G: nx.MultiDiGraph, node: str, most: int = 15) -> None:
    """A stakeholder's dated history on the detail panel: interactions, events, roles."""
    entries = timeline(G, node)
    if not entries:
        return
    lines = [f"- {_ICONS[e.kind]} {md(e.date)} {md(e.text)}" for e in entries[:most]]
    if len(entries) > most:
        lines.append(f"- … and {len(entries) - most} earlier")
    st.markdown("**Timeline**\n" + "\n".join(lines))


def cold_chart(rows: list[dict]) -> alt.Chart:
    """Bars of days since last contact, one per cold tie, the coldest on top."""
    data = [
        {"tie": f"{r['Member']} → {r['Official']}", "days": r["Days since"], "strength": r["Strength"]}
        for r in rows
    ]
    return (
        alt.Chart(alt.Data(values=data))
        .mark_bar(color="#3a6fb0")
        .encode(
            x=alt.X("days:Q", title="days since last contact"),
            y=alt.Y("tie:N", sort="-x", title=None, axis=alt.Axis(labelLimit=420)),
            tooltip=["tie:N", "days:Q", "strength:Q"],
        )
        .properties(height=min(30 * len(data) + 40, 900))
    )


def render() -> None:
    """Draw the Going cold page."""
    url = store_url()
    st.title("Going cold")
    st.caption(
        "Strong ties to officials that nobody has touched for a while, and follow-ups that are overdue."
    )
    G = stored_graph(url)
    if G is None:
        return
    initiatives = ids_by_name(G, ("Initiative",))
    left, mid, right, far = st.columns(4)
    coalition = left.selectbox(
        "Ties held by",
        [None, *initiatives],
        index=1 + initiatives.index(default_coalition(G)) if initiatives else 0,
        format_func=lambda n: "anyone" if n is None else name(G, n),
        key="cold_coalition",
    )
    after = mid.number_input("Untouched for more than (days)", 1, 36500, COLD_AFTER_DAYS, key="cold_after")
    strength = right.slider("Strong means at least", 1, 5, STRONG, key="cold_strength")
    as_of = far.date_input("As of", value=date.today(), key="cold_as_of")
    members = None if coalition is None else coalition_members(G, coalition)
    ties = going_cold(G, members, as_of=as_of, after_days=int(after), min_strength=strength)
    st.subheader(f"Ties going cold: {len(ties)}")
    rows = [
        {
            "Member": who(G, t.member),
            "Official": who(G, t.official),
            "Strength": t.strength,
            "Last contact": t.last_contact or "unknown",
            "Days since": t.days,
        }
        for t in ties
    ]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
        dated = [r for r in rows if r["Days since"] is not None][:40]
        if dated:
            st.altair_chart(cold_chart(dated), width="stretch")
    else:
        st.success("No strong tie to an official has gone cold.")
    follow_ups = open_follow_ups(G, as_of=as_of)
    overdue = [f for f in follow_ups if f.overdue]
    st.subheader(f"Overdue follow-ups: {len(overdue)}")
    for title, shown in (("Overdue", overdue), ("Coming up", [f for f in follow_ups if not f.overdue])):
        if not shown:
            continue
        st.markdown(f"**{title}**")
        st.dataframe(
            [
                {
                    "Due": f.due,
                    "Interaction": f.interaction.name,
                    "On": f.interaction.date,
                    "With": ", ".join(name(G, p) for p in f.interaction.participants),
                    "Outcome": f.interaction.outcome or "",
                }
                for f in shown
            ],
            hide_index=True,
            width="stretch",
        )
    recent = interactions(G)[:10]
    if recent:
        st.subheader("Latest interactions")
        st.markdown(
            "\n".join(
                f"- {md(i.date)} **{md(i.name)}** ({md(i.kind.replace('_', ' '))})"
                + (f": {md(i.outcome)}" if i.outcome else "")
                for i in recent
            )
        )
    st.caption("Log a new interaction on the **Data** page; it moves the ties it proves forward at once.")


if __name__ == "__main__":
    render()
