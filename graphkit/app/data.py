"""The Data page: add, edit and delete stakeholders and their relationships with forms the model
checks as you type; log an interaction; upload a file, see what it would change, import it; download
the graph. One tab each; every save and delete can be undone from the message that says it was done.

Every write goes through ``state.writer()``, which refuses viewers; downloads leave private facts
out for everyone but admins.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import streamlit as st

from graphkit.app import state
from graphkit.app.contact import empty_after_save, not_a_repeat, saved
from graphkit.app.data_fields import render_fields
from graphkit.app.data_files import export_bytes, import_upload, render_export, render_import
from graphkit.app.data_records import NEW, node_form, render_relationships
from graphkit.app.data_writes import NEXT_SEARCH, forget_flash, show_flash, write
from graphkit.app.forms import search_box
from graphkit.app.history import render_restore
from graphkit.app.widgets import ONE_OF, ids_by_name, stakeholder_multiselect, who_says
from graphkit.edits import Logged, log_interaction
from graphkit.errors import GraphkitError
from graphkit.graph.describe import name
from graphkit.model import INTERACTION_KINDS, SENSITIVITIES, STAKEHOLDER_LABELS, Interaction
from graphkit.store import Store, store_url

__all__ = ["export_bytes", "import_upload", "render"]

SEARCH = "data_search"
TABS = ["Stakeholders", "Log an interaction", "Import and download", "Fields"]


def log_form(store: Store, G: nx.MultiDiGraph, url: str) -> None:
    """The form to log a meeting, call or e-mail; logging it warms (or creates) the ties between its people."""
    st.header("Log an interaction")
    st.caption(
        "Who met whom, when, about what. The ties between the people who took part get this date as "
        "their last contact (new ties start at strength 2), so engagement paths use it at once."
    )
    show_flash(url, G, "interactions")
    empty_after_save("log_")  # the form starts empty after a save, so a second click logs nothing twice
    stakeholders = ids_by_name(G, STAKEHOLDER_LABELS)
    people = stakeholder_multiselect(G, stakeholders, "Who took part *", key="log_participants")
    left, right = st.columns(2)
    kind = left.selectbox(
        "Kind", INTERACTION_KINDS, format_func=lambda k: k.replace("_", " "), key="log_kind"
    )
    when = right.date_input("Date", value=date.today(), key="log_date")
    title = left.text_input("Title", key="log_title", placeholder="default: “Meeting with …”")
    event = right.selectbox(
        "At an event",
        ids_by_name(G, ("Event",)),
        index=None,
        format_func=lambda n: name(G, n),
        key="log_event",
        placeholder="none",
    )
    areas = left.multiselect(
        "Policy areas discussed",
        ids_by_name(G, ("PolicyArea",)),
        format_func=lambda n: name(G, n),
        key="log_areas",
    )
    follow_up = right.date_input("Follow up by", value=None, key="log_follow_up")
    outcome = left.text_input("Outcome", key="log_outcome")
    sensitivity = right.selectbox("Sensitivity", SENSITIVITIES, key="log_sensitivity")
    notes = st.text_area("Notes", key="log_notes")
    asked = st.button("Log the interaction", type="primary", key="log_save", disabled=not state.may_write())
    if not not_a_repeat(G, people, when.isoformat(), asked, "log"):
        return
    entry = Interaction(
        kind=kind,
        date=when.isoformat(),
        participants=people,
        name=title.strip() or None,
        policy_areas=areas,
        event=event,
        outcome=outcome.strip() or None,
        follow_up=follow_up.isoformat() if follow_up else None,
        notes=notes.strip() or None,
        sensitivity=sensitivity,
    )

    def said(done: Logged) -> str:
        ties = [
            f"Warmer: {name(G, u)} and {name(G, v)} (last contact was {b or 'unknown'})."
            for u, v, b in done.warmed_ties
        ]
        ties += [f"New tie: {name(G, u)} knows {name(G, v)}." for u, v in done.new_ties]
        return " ".join([f"Logged: {done.name}.", *ties])

    write(
        url,
        G,
        said,
        lambda by: saved("log_", log_interaction(store, entry, origin="the interaction", by=by)),
        section="interactions",
        undo_key=lambda done: done.id,
    )


def pick_record(G: nx.MultiDiGraph) -> str:
    """Draw the one search (results as you type, best first) and the list of what it found; return
    the chosen node's id (the best match at first), or NEW."""
    if NEXT_SEARCH in st.session_state:
        st.session_state[SEARCH] = st.session_state.pop(NEXT_SEARCH)
    left, right = st.columns(2)
    with left:
        text, found = search_box(
            G, "Find a stakeholder, country, theme or event", SEARCH, on_change=forget_flash
        )
    if text.strip() and not found:
        left.caption(f"Nothing called “{text}”: add it below.")
    say = who_says(G)
    return right.selectbox(
        "Record",
        [NEW, *found],
        index=1 if found else 0,
        format_func=lambda n: "+ add a new record" if n == NEW else f"{say(n)} · {_kind(G, n)}",
    )


def _kind(G: nx.MultiDiGraph, node: str) -> str:
    label = G.nodes[node].get("label", "")
    return ONE_OF.get(label, label)


def render_stakeholders(store: Store, G: nx.MultiDiGraph, url: str) -> None:
    """The Stakeholders tab: find a record or start a new one, its form, its relationships, and
    the deleted stakeholders an admin can restore."""
    chosen = pick_record(G)
    state.shows([chosen, *nx.all_neighbors(G, chosen)] if chosen in G else ())
    said = st.container()  # what the last write did, filled once the store was read: not when it is down
    node_form(store, G, url, chosen)
    with said:
        show_flash(url, G, "stakeholders")
    render_relationships(store, G, url, chosen)
    render_restore(url)


def render() -> None:
    """Draw the Data page."""
    url = store_url()
    st.title("Data")
    state.shows(())  # rerun by itself only for changes to the record shown below, or to the shape
    st.caption(
        "Add, change and delete stakeholders and relationships; each value is checked as you enter it, "
        "and each change shows on every page at once and can be undone."
    )
    try:
        store = state.store(url)
        G = state.graph(url)
        if not state.may_write():
            st.info("Signed in as a viewer: you can read but not change the data.")
        if not G:
            st.info("The store is empty: add a stakeholder below, import a file, or run `graphkit seed`.")
        stakeholders, logging, files, fields = st.tabs(TABS, key="data_tab")
        with stakeholders:
            render_stakeholders(store, G, url)
        with logging:
            log_form(store, G, url)
        with files:
            render_import(store, G, url)
            render_export(store)
        with fields:
            render_fields(store, G, url)
    except GraphkitError as e:
        forget_flash()  # "Saved" from before the outage must not come back as if a later Save worked
        st.error(
            # A Save pressed while the store is down fails here, on a read before the write: say so.
            f"The store cannot be read: {e}\n\nNothing was saved. Check the store (`GRAPHKIT_STORE`, or start "
            "the Neo4j server); the page reads it again by itself."
        )


if __name__ == "__main__":
    render()
