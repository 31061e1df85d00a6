"""The edit history in the app: a stakeholder's changes on Explore's detail panel, and the deleted
stakeholders an admin can restore on the Data page."""

from __future__ import annotations

import streamlit as st

from graphkit.app import state
from graphkit.app.widgets import md
from graphkit.auth import NotAllowed
from graphkit.edits import restore_stakeholder
from graphkit.errors import GraphkitError
from graphkit.graph.filters import schema_of
from graphkit.model.changeset import Change
from graphkit.model.privacy import change_is_private, change_without_private_fields

#: How far back the Data page looks for deleted stakeholders.
RECENT = 2000
RESTORED = "history_restored"  # session state: what the last restore did, said on the next run


def _visible(url: str, changes: list[Change]) -> list[Change]:
    """The changes this session may see: for those who see no private facts, none that is private by
    the model's rule (a private record, or one naming a node their view leaves out)."""
    if not state.hides_private():
        return changes
    shown = state.graph(url)
    private = schema_of(shown).private_fields()
    return [
        change_without_private_fields(c, private)
        for c in changes
        if not change_is_private(c, lambda n: n not in shown)
    ]


def show_history(url: str, node: str, most: int = 10) -> None:
    """Who changed this stakeholder and its relationships, when, from what to what (newest first)."""
    try:
        changes = _visible(url, state.store(url).history(node, limit=most))
    except GraphkitError as e:
        st.caption(f"The history cannot be read: {e}")
        return
    if not changes:
        return
    shown = state.graph(url)  # entries refer to records by id: named as this session sees them now
    names = {
        i: str(shown.nodes[i].get("name")) for c in changes for i in (c.node, c.other) if i and i in shown
    }
    with st.expander(f"History ({len(changes)}{'+' if len(changes) == most else ''} changes)"):
        st.text("\n".join(c.describe(names) for c in changes))


def deleted_stakeholders(url: str) -> list[Change]:
    """The latest deletion of each node deleted recently and not back since, newest first."""
    return _visible(url, _deletions(url, state.live(url).position))


@st.cache_data(max_entries=8, show_spinner=False)
def _deletions(url: str, position: int) -> list[Change]:
    """``deleted_stakeholders`` for everyone, as of the feed's ``position``: read once per change,
    not on every run of every Data page (it reads the last RECENT entries of the history)."""
    store = state.store(url)
    latest: dict[str, Change] = {}
    for c in store.history(limit=RECENT):
        if c.action == "delete" and c.rel_type is None and c.node not in latest:
            latest[c.node] = c
    back = store.get_nodes(latest)
    return [c for c in latest.values() if c.node not in back]


def render_restore(url: str) -> None:
    """The Data page's section where an admin brings back a deleted stakeholder with its relationships."""
    if RESTORED in st.session_state:
        st.success(st.session_state.pop(RESTORED))
    gone = deleted_stakeholders(url)
    if not gone:
        return
    st.header("Deleted stakeholders")
    allowed = state.may_manage()
    st.caption(
        "Bring one back as it was, with the relationships deleted with it."
        + ("" if allowed else " Only an admin can restore.")
    )
    for c in gone[:20]:
        left, right = st.columns([4, 1])
        left.markdown(
            f"**{md((c.before or {}).get('name', c.node))}** · deleted by {md(c.user)} on {md(c.at[:10])}"
        )
        if right.button("Restore", key=f"restore-{c.node}", disabled=not allowed):
            try:
                store = state.store(url)
                done = store.apply(restore_stakeholder(store, c.node), by=state.manager())
            except (NotAllowed, GraphkitError) as e:
                st.error(f"Nothing was restored: {e}")
                return
            was = (c.before or {}).get("name", c.node)
            st.session_state[RESTORED] = f"Restored {was} with {done.relationships} relationships."
            st.rerun()
