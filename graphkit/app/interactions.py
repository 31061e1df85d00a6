"""The advocacy log in the app: the Going cold page, and a stakeholder's timeline (on Explore's
detail panel). Interactions are logged on the Data page, and from Going cold's rows.

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
    ColdTie,
    FollowUp,
    age_in_words,
    going_cold,
    interactions,
    long_date,
    open_follow_ups,
    timeline,
)
from graphkit.analysis.paths import coalition_members, default_coalition
from graphkit.app import state
from graphkit.app.contact import contact_form
from graphkit.app.data_writes import show_flash, write
from graphkit.app.views import saved_views_control
from graphkit.app.widgets import ids_by_name, linked, md, stored_graph
from graphkit.edits import follow_up_done
from graphkit.graph.describe import name, short_name
from graphkit.store import store_url

_ICONS = {"interaction": "💬", "event": "📅", "role": "💼"}
#: Rows of cold ties drawn with their actions; past it, the first of them only (the chart shows the rest).
MOST_ROWS = 30
SECTION = "going-cold"  # where what an action did is said, with its Undo


def show_timeline(G: nx.MultiDiGraph, node: str, most: int = 15) -> None:
    """A stakeholder's dated history on the detail panel: interactions, events, roles."""
    entries = timeline(G, node)
    if not entries:
        return
    lines = [f"- {_ICONS[e.kind]} {md(e.date)} {md(e.text)}" for e in entries[:most]]
    if len(entries) > most:
        lines.append(f"- … and {len(entries) - most} earlier")
    st.markdown("#### Timeline\n" + "\n".join(lines))


def cold_chart(rows: list[dict]) -> alt.Chart:
    """Bars of years since last contact, one per cold tie, the coldest on top."""
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#3a6fb0")
        .encode(
            x=alt.X("years:Q", title="years since last contact"),
            y=alt.Y("tie:N", sort="-x", title=None, axis=alt.Axis(labelLimit=420)),
            tooltip=["tie:N", "untouched for:N", "strength:Q"],
        )
        .properties(height=min(30 * len(rows) + 40, 900))
    )


def show_cold_tie(G: nx.MultiDiGraph, url: str, tie: ColdTie) -> None:
    """One cold tie in a line, with a button that logs a contact on it."""
    text, action = st.columns([4, 1], vertical_alignment="center")
    since = "no contact logged" if tie.days is None else f"untouched for {age_in_words(tie.days)}"
    text.markdown(
        f"**{linked(G, tie.member)}** → **{linked(G, tie.official)}**  \n"
        f"strength {tie.strength} of 5 · {since} (last contact {long_date(tie.last_contact)})"
        + (
            f"  \n:material/event: **{md(short_name(G, tie.official))} will attend {md(name(G, tie.event))}** on "
            f"{long_date(tie.event_date)}: a chance to meet"
            if tie.event
            else ""
        )
    )
    with action.popover("Log a contact", width="stretch", key=f"cold-pop-{tie.member}-{tie.official}"):
        key = f"cold-log-{tie.member}-{tie.official}"
        contact_form(G, url, [tie.member, tie.official], key, section=SECTION, origin="Going cold")


def show_cold_ties(G: nx.MultiDiGraph, url: str, ties: list[ColdTie]) -> None:
    """The cold ties, each with its action, and a chart of how long each has been untouched."""
    st.header(f"Ties going cold: {len(ties)}")
    if not ties:
        st.success("No strong tie to an official has gone cold.")
        return
    st.caption(
        "What can be acted on soonest first: officials who will attend an event (:material/event:, the soonest first), "
        "then the strongest ties, then the least cold."
    )
    for tie in ties[:MOST_ROWS]:
        show_cold_tie(G, url, tie)
    if len(ties) > MOST_ROWS:
        st.caption(f"The first {MOST_ROWS} of {len(ties)}; narrow the ties above to act on the others.")
    dated = [
        {
            "tie": f"{name(G, t.member)} → {name(G, t.official)}",
            "years": round(t.days / 365.25, 1),
            "untouched for": age_in_words(t.days),
            "strength": t.strength,
        }
        for t in ties[:40]
        if t.days is not None
    ]
    if dated:
        st.altair_chart(cold_chart(dated), width="stretch")


def show_follow_up(G: nx.MultiDiGraph, url: str, f: FollowUp, today: date) -> None:
    """One open follow-up in a line, with a button that marks it done today."""
    text, action = st.columns([4, 1], vertical_alignment="center")
    people = ", ".join(name(G, p) for p in f.interaction.participants)
    outcome = f" · {md(f.interaction.outcome)}" if f.interaction.outcome else ""
    text.markdown(
        f"**{md(f.interaction.name)}** with {md(people)}, {long_date(f.interaction.date)}  \n"
        f"{f.when(today)}{outcome}"
    )
    if action.button(
        "Mark follow-up done",
        key=f"cold-done-{f.interaction.id}",
        disabled=not state.may_write(),
        width="stretch",
    ):
        done = f"Marked the follow-up of “{f.interaction.name}” done on {long_date(today.isoformat())}."
        store, logged = (
            state.store(url),
            str(f.interaction.id),
        )  # read from the graph, so logged: it has an id
        write(
            url,
            G,
            done,
            lambda by: store.apply(follow_up_done(store, logged, today.isoformat()), by=by),
            section=SECTION,
            undo_key=f.interaction.id,
        )


def show_follow_ups(G: nx.MultiDiGraph, url: str, as_of: date) -> None:
    """Open follow-ups, overdue ones first, each with a button that marks it done."""
    follow_ups = open_follow_ups(G, as_of=as_of)
    overdue = [f for f in follow_ups if f.overdue]
    st.header(f"Overdue follow-ups: {len(overdue)}")
    for title, shown in (("Overdue", overdue), ("Coming up", [f for f in follow_ups if not f.overdue])):
        if shown:
            st.subheader(title)
        for f in shown:
            show_follow_up(G, url, f, date.today())


def show_latest(G: nx.MultiDiGraph) -> None:
    """The ten latest interactions in a list."""
    recent = interactions(G)[:10]
    if not recent:
        return
    st.header("Latest interactions")
    st.markdown(
        "\n".join(
            f"- {md(long_date(i.date))} **{md(i.name)}** ({md(i.kind.replace('_', ' '))})"
            + (f": {md(i.outcome)}" if i.outcome else "")
            for i in recent
        )
    )


def choices(G: nx.MultiDiGraph) -> tuple[str | None, int, int, date]:
    """Draw the page's choices; return whose ties, after how many days, how strong, as of when."""
    initiatives = ids_by_name(G, ("Initiative",))
    left, mid, right, far = st.columns(4)
    coalition = left.selectbox(
        "Ties held by",
        [None, *initiatives],
        index=1 + initiatives.index(default_coalition(G)) if initiatives else 0,
        format_func=lambda n: "anyone" if n is None else name(G, n),
        key="cold_coalition",
    )
    after = mid.number_input(
        "Untouched for more than (days)", 1, 36500, COLD_AFTER_DAYS, key="cold_after", bind="query-params"
    )
    strength = right.slider("Strong means at least", 1, 5, STRONG, key="cold_strength", bind="query-params")
    as_of = far.date_input("As of", value=date.today(), key="cold_as_of")
    return coalition, int(after), strength, as_of


def render() -> None:
    """Draw the Going cold page."""
    url = store_url()
    st.title("Going cold")
    st.caption(
        "Strong ties to officials that nobody has touched for a while, and follow-ups that are overdue. "
        "Log a contact or mark a follow-up done right here."
    )
    G = stored_graph(url)
    if G is None:
        return
    show_flash(url, G, SECTION)
    saved_views_control(url, "going-cold")
    coalition, after, strength, as_of = choices(G)
    members = None if coalition is None else coalition_members(G, coalition)
    show_cold_ties(G, url, going_cold(G, members, as_of=as_of, after_days=after, min_strength=strength))
    show_follow_ups(G, url, as_of)
    show_latest(G)
    st.caption("Log any other interaction on the **Data** page; it moves the ties it proves forward at once.")


if __name__ == "__main__":
    render()
