"""How the app writes (the Data page, and what Going cold, Paths and Explore log): every save and delete
as the session's user, said in names rather than ids, and undone (through the edit history) from the
message that says it was done."""

from __future__ import annotations

import re
from collections.abc import Callable

import networkx as nx
import streamlit as st

from graphkit.app import state
from graphkit.app.forms import words
from graphkit.app.widgets import ONE_OF, md
from graphkit.edits import last_batch, undo
from graphkit.errors import GraphkitError, Problem, ValidationError
from graphkit.graph.describe import RELATIONSHIP_WORDS, name

NEXT_SEARCH = "data_next_search"  # what the search box shows on the next run (set after a write)
# Session state: how many writes this session made here. Relationship forms are keyed by it, so
# that they start afresh after this session's own save, but not after another user's write elsewhere.
WRITES = "data_writes"
READ = "data_read"  # session state: the chosen record as this session's form read it
FLASH = "data_flash"  # what the last write did: {"section", "text", "batch"}, shown until the next
#: An id in a message: quoted ('org-kla'), or bare with a hyphen or colon inside (person-amara).
_ID = re.compile(r"'([^'\s]+)'|\b([A-Za-z0-9_]+(?:[-:.][A-Za-z0-9_]+)+)\b")
_LABEL = re.compile(r"\ba (" + "|".join(ONE_OF) + r")\b")
#: A relationship in a message: KNOWS 'person-amara' -> 'person-lucas'.
_KEY = re.compile(r"\b([A-Z_]+) '([^']+)' -> '([^']+)'")
_TYPE = re.compile(r"\b(" + "|".join(RELATIONSHIP_WORDS) + r")\b")


def in_words(G: nx.MultiDiGraph, text: str) -> str:
    """``text`` with each id of a node of ``G`` replaced by its name, each label and relationship type
    by its words: "KNOWS needs a Person here, but 'org-kla' is a Organization" -> "“knows” needs a
    person here, but Kenya Library Association is an organisation"."""

    def named(m: re.Match) -> str:
        node = m.group(1) or m.group(2)
        return name(G, node) if node in G else m.group(0)

    def one(m: re.Match) -> str:
        word = ONE_OF[m.group(1)]
        return ("an " if word[0] in "aeiou" else "a ") + word

    def said(m: re.Match) -> str:
        t, a, b = m.groups()
        told = RELATIONSHIP_WORDS.get(t, (t.lower(),))[0]
        return f"{name(G, a) if a in G else a} {told} {name(G, b) if b in G else b}"

    text = _LABEL.sub(one, _ID.sub(named, _KEY.sub(said, text)))
    return _TYPE.sub(lambda m: f"“{RELATIONSHIP_WORDS[m.group(1)][0]}”", text)


def show_problems(G: nx.MultiDiGraph, problems: list[Problem]) -> None:
    """The model's messages, one line per problem naming the record and field, in names."""
    lines = "\n".join(
        f"- {md(in_words(G, p.where))}: **{md(words(p.field))}**: {md(in_words(G, p.message))}"
        for p in problems
    )
    st.error(f"Nothing was saved:\n{lines}")


def write(
    url: str,
    G: nx.MultiDiGraph,
    done: str | Callable[[object], str],
    action: Callable[[str], object],
    *,
    section: str,
    undo_key: str | Callable[[object], str] | None = None,
    undo_batch: Callable[[object], str | None] | None = None,
    next_search: str | None = None,
    back_to: str | None = None,
) -> None:
    """Run ``action(by)`` (a write as user ``by``, from ``state.writer()``, which refuses viewers)
    under a spinner; on success leave ``done`` to show in ``section`` with an Undo button, and rerun.

    ``done`` is the message, or a function of what ``action`` returned that makes it; ``undo_key``
    (or a function of that result) is a node the write touched, to find it in the edit history, or
    ``undo_batch`` (a function of that result) the write's batch there (None: it cannot be undone);
    ``next_search`` is what the search box holds next, ``back_to`` what it holds after an undo. A ValidationError shows the model's messages
    (the store wrote nothing); other errors a message. Every message names records by their names.
    """
    try:
        by = state.writer()
        with st.spinner("Saving…"):
            result = action(by)
    except ValidationError as e:
        forget_flash()  # what the write before did is no longer the news
        show_problems(G, e.problems)
        return
    except GraphkitError as e:
        forget_flash()
        st.error(f"Nothing was saved: {in_words(G, str(e))}")
        return
    st.session_state[WRITES] = st.session_state.get(WRITES, 0) + 1
    key = undo_key(result) if callable(undo_key) else undo_key
    st.session_state[FLASH] = {
        "section": section,
        "text": done(result) if callable(done) else done,
        "batch": undo_batch(result) if undo_batch else key and last_batch(state.store(url), key, by),
        "back_to": back_to,
    }
    if next_search is not None:
        st.session_state[NEXT_SEARCH] = next_search
    st.rerun()


def forget_flash() -> None:
    """Stop saying what the last write did (the person moved on to another record)."""
    st.session_state.pop(FLASH, None)


def show_flash(url: str, G: nx.MultiDiGraph, section: str) -> None:
    """Say what the last write did, in the section it was made from, with a button that undoes it."""
    flash = st.session_state.get(FLASH)
    if not flash or flash["section"] != section:
        return
    said, button = st.columns([5, 1], vertical_alignment="center")
    said.success(flash["text"])
    if flash["batch"] and button.button("Undo", key=f"data_undo-{flash['batch']}", width="stretch"):
        store = state.store(url)
        again = flash["text"].removesuffix(".")
        write(
            url,
            G,
            f"Undone: {again[0].lower()}{again[1:]}.",
            lambda by: _undo(store, flash["batch"], by),
            section=section,
            next_search=flash.get("back_to"),
        )


def _undo(store, batch: str, by: str) -> None:
    """Undo one write; the chosen record's form then reads it as it is again."""
    store.apply(undo(store, batch), by=by)
    st.session_state.pop(READ, None)
