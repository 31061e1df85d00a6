"""Logging a contact from any page (Going cold, Paths, Explore): a small form that logs an interaction
between stakeholders, warns of a same-day duplicate before logging it again, empties itself once saved,
and says what it did with an Undo (``data_writes``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

import networkx as nx
import streamlit as st

from graphkit.analysis.interactions import logged_on, long_date
from graphkit.app import state
from graphkit.app.data_writes import write
from graphkit.edits import log_interaction
from graphkit.graph.describe import name
from graphkit.model import INTERACTION_KINDS, Interaction

T = TypeVar("T")

REPEAT = "contact_repeat"  # session state: [form key, people, date] of the log just warned of as a repeat
EMPTY = "contact_empty"  # session state: the prefix of the widget keys to empty on the next run


def empty_after_save(prefix: str) -> None:
    """Empty the widgets whose keys start with ``prefix`` if the last run saved their form (call it
    before drawing them: a widget's value cannot change once it is drawn)."""
    if st.session_state.get(EMPTY) != prefix:
        return
    del st.session_state[EMPTY]
    for k in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[k]


def saved(prefix: str, logged: T) -> T:
    """After a save: the form of ``prefix`` starts empty on the next run, and no warning stands."""
    st.session_state[EMPTY] = prefix
    st.session_state.pop(REPEAT, None)
    return logged


def not_a_repeat(G: nx.MultiDiGraph, people: Sequence[str], day: str, asked: bool, key: str) -> bool:
    """Whether to log now. When ``asked`` and something is already logged on ``day`` with exactly the
    same people, say so and log only once "Log it again" is pressed (on this run or a later one)."""
    said = [key, sorted(people), day]
    if not asked and st.session_state.get(REPEAT) != said:
        return False
    same = logged_on(G, people, day)
    if not same:
        st.session_state.pop(REPEAT, None)
        return asked
    st.session_state[REPEAT] = said
    st.warning(
        f"Already logged on {long_date(day)} with the same people: “{same[0].name}”. "
        "Log it again only if it is another meeting."
    )
    return st.button("Log it again", key=f"{key}-again")


def logged_words(G: nx.MultiDiGraph, kind: str, people: Sequence[str], day: str) -> str:
    """ "Logged a call of Marco Reyes with Rohan Thapa on 5 December 2026." """
    others = ", ".join(name(G, p) for p in people[1:]) or "nobody else"
    return f"Logged a {kind.replace('_', ' ')} of {name(G, people[0])} with {others} on {long_date(day)}."


def contact_form(
    G: nx.MultiDiGraph,
    url: str,
    people: Sequence[str],
    key: str,
    *,
    section: str,
    origin: str,
    others: Sequence[str] = (),
    kind: str = "call",
) -> None:
    """A form that logs a contact between ``people`` (two stakeholders or more; with ``others``, the
    ones of them chosen in the form too): its kind, date, topic, outcome and follow-up date. What it did
    is said (with an Undo) where ``show_flash(url, G, section)`` is drawn; ``origin`` says in the
    record where it was logged from."""
    empty_after_save(f"{key}-")
    with st.form(key, border=False):
        if others:
            chosen = st.multiselect(
                "With", others, format_func=lambda n: name(G, n), key=f"{key}-with", placeholder="type a name"
            )
            people = [*people, *chosen]
        kind = st.selectbox(
            "Kind",
            INTERACTION_KINDS,
            INTERACTION_KINDS.index(kind),
            format_func=lambda k: k.replace("_", " "),
            key=f"{key}-kind",
        )
        when = st.date_input("On", value=date.today(), max_value=date.today(), key=f"{key}-date")
        topic = st.text_input("Topic (optional)", key=f"{key}-topic", placeholder="e.g. the library budget")
        outcome = st.text_input("Outcome (optional)", key=f"{key}-outcome")
        follow_up = st.date_input("Follow up by (optional)", value=None, key=f"{key}-follow-up")
        asked = st.form_submit_button("Log the contact", type="primary", disabled=not state.may_write())
    if not not_a_repeat(G, people, when.isoformat(), asked, key):
        return
    topic = topic.strip()
    entry = Interaction(
        kind,
        when.isoformat(),
        tuple(people),
        name=f"{kind.replace('_', ' ').capitalize()} on {topic}" if topic else None,
        outcome=outcome.strip() or None,
        follow_up=follow_up.isoformat() if follow_up else None,
    )
    store = state.store(url)
    write(
        url,
        G,
        logged_words(G, kind, people, when.isoformat()),
        lambda by: saved(f"{key}-", log_interaction(store, entry, origin=origin, by=by)),
        section=section,
        undo_key=lambda done: done.id,  # type: ignore[attr-defined]
    )
