"""The Data page's Fields tab: the fields a team declared per label, and for an admin, declaring,
renaming and removing one (``graphkit.edits.fields``, as ``graphkit fields`` does)."""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graphkit.app import state
from graphkit.app.contact import empty_after_save, saved
from graphkit.app.data_writes import show_flash, write
from graphkit.app.forms import words
from graphkit.app.widgets import ONE_OF, graph_schema
from graphkit.edits.fields import add_field, remove_field, rename_field
from graphkit.model import FIELD_TYPES, NETWORK_LABELS
from graphkit.model.schema import Field
from graphkit.store import Store

#: The types as the form says them.
TYPE_WORDS = {
    "text": "text",
    "number": "number",
    "date": "date",
    "list": "list (tags)",
    "choice": "choice (one of a list)",
    "yes_no": "yes / no",
}
SECTION = "fields"


def render_fields(store: Store, G: nx.MultiDiGraph, url: str) -> None:
    """The declared fields, and the forms an admin declares, renames and removes them with."""
    st.header("Your own fields")
    st.caption(
        "Fields your team keeps besides graphkit's own, per kind of record: the Stakeholders tab edits "
        "them, imports and exports carry them, Explore filters and colours by a choice or yes/no field. "
        "A private field's values are never shown to viewers or shared."
    )
    show_flash(url, G, SECTION)
    schema = graph_schema(G)
    declared = [(label, f) for label in NETWORK_LABELS for f in schema.declared(label)]
    if declared:
        st.table(
            [
                {
                    "record": ONE_OF.get(label, label),
                    "field": f.name,
                    "type": TYPE_WORDS.get(f.kind, f.kind),
                    "choices": ", ".join(f.choices),
                    "private": "private" if f.private else "",
                }
                for label, f in declared
            ],
        )
    else:
        st.info("No fields declared yet.")
    allowed = state.may_manage()
    if not allowed:
        st.caption("Only an admin can declare, rename or remove a field.")
    _declare_form(store, G, url, allowed)
    if declared:
        _change_form(store, G, url, declared, allowed)


def _declare_form(store: Store, G: nx.MultiDiGraph, url: str, allowed: bool) -> None:
    empty_after_save("fields_")  # a field declared: the form starts empty again
    with st.container(key="fields-add"):
        st.subheader("Declare a field")
        left, right = st.columns(2)
        label = left.selectbox(
            "For", NETWORK_LABELS, format_func=lambda x: ONE_OF.get(x, x), key="fields_label"
        )
        name = right.text_input("Name", key="fields_name", placeholder="such as languages").strip()
        kind: str = left.selectbox(
            "Type", FIELD_TYPES, format_func=lambda t: TYPE_WORDS[t], key="fields_type"
        )
        choices = right.text_input(
            "Choices", key="fields_choices", placeholder="a, b, c (a choice or list field)"
        )
        private = st.checkbox(
            "Private: its values are never shown to viewers or shared", key="fields_private"
        )
        if st.button(
            "Declare the field", type="primary", disabled=not allowed or not name, key="fields_declare"
        ):
            write(
                url,
                G,
                f"Declared {words(name)} for {ONE_OF.get(label, label)} records.",
                lambda by: saved(
                    "fields_",
                    _as_admin(store, add_field(store, label, name, kind, choices.split(","), private)),
                ),
                section=SECTION,
            )


def _change_form(
    store: Store, G: nx.MultiDiGraph, url: str, declared: list[tuple[str, Field]], allowed: bool
) -> None:
    with st.container(key="fields-change"):
        st.subheader("Rename or remove a field")
        which = st.selectbox(
            "Field",
            range(len(declared)),
            format_func=lambda i: f"{ONE_OF.get(declared[i][0], declared[i][0])} · {declared[i][1].name}",
            key="fields_which",
        )
        label, field = declared[which]
        left, right = st.columns(2)
        new_name = left.text_input("New name", key="fields_new_name").strip()
        if left.button("Rename", disabled=not allowed or not new_name, key="fields_rename"):
            write(
                url,
                G,
                f"Renamed {words(field.name)} to {words(new_name)}.",
                lambda by: saved(
                    "fields_", _as_admin(store, rename_field(store, label, field.name, new_name))
                ),
                section=SECTION,
            )
        force = right.checkbox("Also clear the values records hold", key="fields_force")
        if right.button("Remove", disabled=not allowed, key="fields_remove"):
            write(
                url,
                G,
                f"Removed {words(field.name)}.",
                lambda by: _as_admin(store, remove_field(store, label, field.name, force)),
                section=SECTION,
            )


def _as_admin(store: Store, changes) -> object:
    """Apply a change to the declared fields as the signed-in admin (``state.manager`` refuses others)."""
    return store.apply(changes, by=state.manager())
