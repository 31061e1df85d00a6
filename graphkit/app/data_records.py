"""The Data page's record forms: add, edit and delete a stakeholder (or any node) and its
relationships, each field the control its schema implies and checked as you type."""

from __future__ import annotations

import json

import networkx as nx
import streamlit as st

from graphkit.app import state
from graphkit.app.data_writes import READ, WRITES, show_flash, write
from graphkit.app.forms import schema_inputs, show_unfit, unfit
from graphkit.app.widgets import ONE_OF, graph_schema, ids_by_name, md, narrowed, who_says
from graphkit.edits import delete_stakeholder, edit_record, erase_person
from graphkit.graph.describe import RELATIONSHIP_WORDS, name, name_and_place, related, relationships
from graphkit.model import (
    NETWORK_LABELS,
    RELATIONSHIP_FIELDS,
    RELATIONSHIP_TYPES,
    Node,
    Relationship,
)
from graphkit.model.changeset import ChangeSet
from graphkit.model.ids import slug
from graphkit.store import Store
from graphkit.store.base import WriteSummary, node_record

NEW = ""  # in the pickers: a new record rather than a stored one
#: Ids are the label's prefix and the name's slug, as the seed and the contacts import make them.
ID_PREFIXES = {
    "Person": "person",
    "Organization": "org",
    "Country": "country",
    "Region": "region",
    "PolicyArea": "pa",
    "Event": "event",
    "Initiative": "init",
    "Interaction": "ix",
}
#: The record's form: a container with this key (its CSS class is st-key-data-record).
RECORD_FORM = "data-record"
#: Relationships an advocate thinks of as part of a stakeholder's record, offered in its form.
RECORD_LINKS = ("WORKS_FOR", "BASED_IN")


def propose_id(label: str, node_name: str) -> str:
    """The id a new node gets unless one is given: ``propose_id("Person", "Nia Okafor") == "person-nia-okafor"``."""
    return slug(ID_PREFIXES[label], node_name)


def _kinds_in_words(labels: tuple[str, ...]) -> str:
    """``("Person", "Organization")`` in words: "a person or an organisation"."""
    return " or ".join(("an " if ONE_OF[x][0] in "aeiou" else "a ") + ONE_OF[x] for x in labels)


def as_read(stored: Node | None) -> Node | None:
    """The version of the chosen record this session's form shows: the one stored when it was chosen
    (or saved, or reloaded here), kept while it stays chosen, so a save can say when someone else
    changed the record in between."""
    if stored is None:
        return None
    kept = st.session_state.get(READ)
    if kept is None or kept.id != stored.id:
        st.session_state[READ] = kept = stored
    return kept


def _reload(stored: Node) -> None:
    st.session_state[READ] = stored


def warn_if_changed(store: Store, stored: Node | None, node: Node | None) -> None:
    """Say so, with a button to reload it, when the record changed since this form read it."""
    if stored is None or node_record(stored) == node_record(node):
        return
    changed = next((c for c in store.history(stored.id, limit=50) if c.key == stored.id), None)
    by = f" by {changed.user}" if changed else ""
    st.warning(
        f"{stored.name} was changed{by} since you opened it here: saving or deleting it from this form would be refused."
    )
    st.button(f"Reload {stored.name} as it is now", on_click=_reload, args=(stored,), key="data_reload")


def record_links(G: nx.MultiDiGraph, node: Node | None, label: str, key: str) -> tuple[dict, dict]:
    """Selects for the record's own relationships (where they work, where they are based): what
    they are now, and what is chosen, by type."""
    links = [t for t in RECORD_LINKS if label in RELATIONSHIP_TYPES[t].sources]
    current = {t: related(G, node.id, t) if node and node.id in G else [] for t in links}
    chosen = {}
    say = who_says(G)
    columns = st.columns(2)
    for i, t in enumerate(links):
        targets = RELATIONSHIP_TYPES[t].targets
        with columns[i % 2]:
            offered = narrowed(G, ids_by_name(G, targets), RELATIONSHIP_WORDS[t][0], f"{key}-{t}", current[t])
            options = [None, *offered]
            now = current[t][0] if current[t] else None
            chosen[t] = st.selectbox(
                RELATIONSHIP_WORDS[t][0].capitalize(),
                options,
                index=options.index(now) if now in options else 0,
                format_func=lambda n: "—" if n is None else say(n),
                key=f"{key}-{t}",
                help=f"Type to search the {' and '.join(ONE_OF[x] for x in targets)} list.",
            )
    return current, chosen


def _label(node: Node | None) -> str:
    if node is not None:
        return node.label
    return (
        st.segmented_control(
            "Add a", NETWORK_LABELS, default="Person", format_func=ONE_OF.get, key="data_new_label"
        )
        or "Person"
    )


def node_form(store: Store, G: nx.MultiDiGraph, url: str, node_id: str) -> None:
    """The form to add a node (of a chosen label) or edit the chosen one, and the button to delete it.

    Values the model would refuse are said as they are entered, and Save waits until they are
    fixed. A save is refused, and says by whom, when the record changed since this form read it."""
    stored = store.get_node(node_id) if node_id != NEW else None
    node = as_read(stored)
    warn_if_changed(store, stored, node)
    with st.container(key=RECORD_FORM):
        record_form(store, G, url, node)


def record_form(store: Store, G: nx.MultiDiGraph, url: str, node: Node | None) -> None:
    """The fields of the record (new when ``node`` is None), Save, and Delete."""
    label = _label(node)
    st.header(f"Edit {node.name}" if node else f"Add {_kinds_in_words((label,))}")
    # Keyed by what the form shows, not by the store's write count: another user's write elsewhere
    # must not reset this form and drop what is being entered; a change to this record does.
    current_links = {t: related(G, node.id, t) if node.id in G else [] for t in RECORD_LINKS} if node else {}
    shown = (node.name, sorted(node.props.items()), current_links) if node else None
    key = f"node-{node.id if node else 'new-' + label}@{hash(repr(shown))}"
    left, right = st.columns(2)
    new_name = left.text_input("name *", value=node.name if node else "", key=f"{key}-name").strip()
    new_id = _id_input(right, node, label, key)
    current, chosen = record_links(G, node, label, key)
    fields = graph_schema(G).node_fields(label)  # the model's and the team's declared fields
    props = schema_inputs(fields, node.props if node else {}, key)
    problems = unfit(fields, props)
    if problems:
        show_unfit(problems)
    what = ONE_OF[label]
    if st.button(
        "Save" if node else f"Add the {what}",
        type="primary",
        disabled=bool(problems) or not state.may_write(),
        key=f"{key}-save",
    ):
        save_node(
            store,
            G,
            url,
            node,
            Node(node.id if node else new_id or propose_id(label, new_name), label, new_name, props),
            current,
            chosen,
        )
    if node is not None:
        delete_node(store, G, url, node, key)
        if node.label == "Person":
            person_rights(store, G, url, node)


def _id_input(column, node: Node | None, label: str, key: str) -> str:
    if node is not None:
        column.text_input("id", value=node.id, disabled=True, key=f"{key}-id")
        return node.id
    return column.text_input(
        "id",
        key=f"{key}-id",
        placeholder=f"{ID_PREFIXES[label]}-<name>, proposed from the name",
        help=f"A stable id, e.g. {propose_id('Person', 'Nia Okafor')}; leave empty to use the name's.",
    ).strip()


def save_node(
    store: Store, G: nx.MultiDiGraph, url: str, node: Node | None, record: Node, current: dict, chosen: dict
) -> None:
    """Save ``record`` (read as ``node``; None: new) with the relationships chosen in its form, as one change."""
    what = ONE_OF[record.label]
    record.origin = record.name or f"The new {what}"
    taken = store.get_node(record.id) if node is None and record.id else None
    if taken is not None:
        st.error(
            f"Nothing was saved:\n- {md(record.origin)}: **id**: {record.id} is already taken by {md(taken.name)}"
        )
        return
    added = [Relationship(t, record.id, c) for t, c in chosen.items() if c and c not in current[t]]
    dropped = [
        Relationship(t, record.id, old, {k: v for k, v in G.edges[record.id, old, t].items() if k != "type"})
        for t, c in chosen.items()
        for old in current[t][:1]
        if old != c
    ]

    def save(by: str) -> None:
        # One ChangeSet: the record and its relationships are saved together or not at all.
        store.apply(edit_record(node, record, added, dropped), by=by)
        st.session_state[READ] = store.get_node(record.id)  # what this form reads next

    said = f"Saved the {what} {record.name}."
    write(url, G, said, save, section="stakeholders", undo_key=record.id, next_search=record.name)


def person_rights(store: Store, G: nx.MultiDiGraph, url: str, person: Node) -> None:
    """For an admin, on a person's record: download everything held about them, or erase them entirely."""
    if not state.may_manage():
        return
    with st.expander(f"Data protection: {person.name}'s rights of access and erasure"):
        st.download_button(
            f"Everything held about {person.name} (JSON)",
            data=lambda: json.dumps(store.person_record(person.id), indent=2, ensure_ascii=False),
            file_name=f"{person.id}.json",
            mime="application/json",
            key=f"rights-export-{person.id}",
        )
        sure = st.checkbox(
            f"Erase {person.name}: the record, their relationships, their name in other records and their "
            "history. This cannot be undone.",
            key=f"rights-sure-{person.id}",
        )
        if st.button(f"Erase {person.name} entirely", disabled=not sure, key=f"rights-erase-{person.id}"):
            name = person.name

            def gone(done: WriteSummary) -> str:
                if (
                    done.remains
                ):  # the truth: the erasure is saved, some bytes beside the store are not cleared
                    return f"Erased {name} from the store, but {done.remains}"
                return f"Erased {name}: no record, relationship or history entry holds their name or id now."

            # Erasure is an admin's: state.manager() checks it here, on the server. No undo: it is gone.
            write(
                url,
                G,
                gone,
                lambda _: store.apply(erase_person(store, person.id), by=state.manager()),
                section="stakeholders",
                next_search="",
            )


def delete_node(store: Store, G: nx.MultiDiGraph, url: str, node: Node, key: str) -> None:
    """A confirmation box and a Delete button, saying how many relationships go too."""
    n = G.degree(node.id) if node.id in G else 0
    rels = "no relationships" if not n else f"their {n} relationship{'s' if n != 1 else ''}"
    readonly = not state.may_write()
    sure = st.checkbox(f"Delete {node.name} and {rels}", key=f"{key}-sure", disabled=readonly)
    if st.button("Delete", disabled=not sure or readonly, key=f"{key}-delete"):
        gone = (
            f"Deleted the {ONE_OF.get(node.label, node.label)} {node.name} and {rels.replace('their ', '')}."
        )
        write(
            url,
            G,
            gone,
            # The version this form read: a record changed since is not deleted (as Save is refused).
            lambda by: store.apply(delete_stakeholder(store, node.id, read=node), by=by),
            section="stakeholders",
            undo_key=node.id,
            next_search="",
            back_to=node.name,
        )


# -- relationships ----------------------------------------------------------------------------


def _rel_keys(G: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str]]:
    keys = [(k, node, t) for _, t, k in G.out_edges(node, keys=True)]
    keys += [(k, s, node) for s, _, k in G.in_edges(node, keys=True)]
    return sorted(keys, key=lambda r: (r[0], name(G, r[2] if r[1] == node else r[1]).casefold()))


def list_relationships(G: nx.MultiDiGraph, node_id: str) -> None:
    """The node's relationships, a heading per kind."""
    groups = relationships(G, node_id)
    if not groups:
        st.caption(f"{name(G, node_id)} has no relationships yet.")
    for said, pairs in groups.items():
        lines = [
            f"- {md(name_and_place(G, o))}" + (f" — {md(details)}" if details else "") for o, details in pairs
        ]
        st.markdown(f"### {md(said.capitalize())} ({len(pairs)})\n" + "\n".join(lines))


def render_relationships(store: Store, G: nx.MultiDiGraph, url: str, node_id: str) -> None:
    """The chosen node's relationships by type, and a form to add, edit or delete one."""
    if node_id == NEW or node_id not in G:
        return
    me = name(G, node_id)
    st.header(f"Relationships of {me}")
    show_flash(url, G, "relationships")
    listing, change = st.columns([2, 3], gap="large")
    with listing:
        list_relationships(G, node_id)

    def describe(r: tuple[str, str, str]) -> str:
        if r == (NEW, NEW, NEW):
            return "+ add a new relationship"
        t, s, o = r
        return (
            f"{RELATIONSHIP_WORDS[t][0 if s == node_id else 1]} {name_and_place(G, o if s == node_id else s)}"
        )

    with change:
        picked = st.selectbox(
            f"Add a relationship of {me}, or choose one to change",
            [(NEW, NEW, NEW), *_rel_keys(G, node_id)],
            format_func=describe,
            key=f"data_rel_pick-{node_id}",
        )
        if picked == (NEW, NEW, NEW):
            new_relationship(store, G, url, node_id)
        else:
            edit_relationship(store, G, url, node_id, picked)


def _kinds(G: nx.MultiDiGraph, node_id: str) -> tuple[str, int]:
    """Choose the type of a new relationship and which end ``node_id`` is (0: its source)."""
    label = G.nodes[node_id].get("label")
    kinds = [
        (t, side)
        for t, spec in RELATIONSHIP_TYPES.items()
        for side, ends in enumerate((spec.sources, spec.targets))
        if label in ends
    ]
    me = name(G, node_id)
    return st.selectbox(
        "Relationship",
        kinds,
        format_func=lambda k: (
            f"{me} {RELATIONSHIP_WORDS[k[0]][0]} …" if k[1] == 0 else f"… {RELATIONSHIP_WORDS[k[0]][0]} {me}"
        ),
        key=f"data_rel_type-{node_id}",
    )


def new_relationship(store: Store, G: nx.MultiDiGraph, url: str, node_id: str) -> None:
    """The form to add a relationship of ``node_id``: its type and direction, the other end, its properties."""
    t, side = _kinds(G, node_id)
    me, spec = name(G, node_id), RELATIONSHIP_TYPES[t]
    fits = spec.targets if side == 0 else spec.sources
    key = f"rel-{node_id}-{t}-{side}@{st.session_state.get(WRITES, 0)}"
    ends = narrowed(G, [n for n in ids_by_name(G, (), first=fits) if n != node_id], "the other end", key)
    st.caption(
        f"“{RELATIONSHIP_WORDS[t][0]}” joins {_kinds_in_words(spec.sources)} to {_kinds_in_words(spec.targets)}."
    )
    other = st.selectbox(
        f"{RELATIONSHIP_WORDS[t][0].capitalize()} whom or what"
        if side == 0
        else f"Who or what {RELATIONSHIP_WORDS[t][0]} {me}",
        ends,
        index=None,
        format_func=who_says(G),
        placeholder=f"type to search; {_kinds_in_words(fits)} fits",
        key=f"{key}-other",
    )
    props = schema_inputs(RELATIONSHIP_FIELDS[t], {}, key)
    problems = unfit(RELATIONSHIP_FIELDS[t], props)
    if problems:
        show_unfit(problems)
    if not st.button(
        "Add the relationship",
        type="primary",
        disabled=bool(problems) or not state.may_write(),
        key=f"{key}-add",
    ):
        return
    if other is None:
        end = "to" if side == 0 else "from"
        st.error(f"Nothing was saved:\n- {md(me)}: **{end}**: required: choose the other end")
        return
    add_relationship(store, G, url, t, (node_id, other) if side == 0 else (other, node_id), props)


def add_relationship(
    store: Store, G: nx.MultiDiGraph, url: str, t: str, ends: tuple[str, str], props: dict
) -> None:
    """Save a new relationship, refused when someone added the same one meanwhile."""
    source, target = ends
    said = f"{name(G, source)} {RELATIONSHIP_WORDS[t][0]} {name(G, target)}"
    rel = Relationship(t, source, target, props, origin=said)
    if G.has_edge(source, target, t):
        st.error(
            f"Nothing was saved:\n- {md(said)}: this relationship exists already: choose it above to change it"
        )
        return
    write(
        url,
        G,
        f"Saved: {said}.",
        lambda by: store.apply(ChangeSet(relationships=[rel], expected={rel.key: None}), by=by),
        section="relationships",
        undo_key=source,
    )


def edit_relationship(
    store: Store, G: nx.MultiDiGraph, url: str, node_id: str, picked: tuple[str, str, str]
) -> None:
    """The form to change one relationship's properties, and the button to delete it."""
    t, source, target = picked
    key = f"rel-{t}-{source}-{target}@{st.session_state.get(WRITES, 0)}"
    # What this form read, kept while it is open: a save is refused when someone changed it since.
    read = st.session_state.setdefault(
        f"{key}-read", {k: v for k, v in G.edges[source, target, t].items() if k != "type"}
    )
    said = f"{name(G, source)} {RELATIONSHIP_WORDS[t][0]} {name(G, target)}"
    st.subheader(said)
    props = schema_inputs(RELATIONSHIP_FIELDS[t], read, key)
    problems = unfit(RELATIONSHIP_FIELDS[t], props)
    if problems:
        show_unfit(problems)
    readonly = not state.may_write()
    if st.button(
        "Save the relationship", type="primary", disabled=bool(problems) or readonly, key=f"{key}-save"
    ):
        rel = Relationship(t, source, target, props, origin=said)
        was = {rel.key: Relationship(t, source, target, read)}
        write(
            url,
            G,
            f"Saved: {said}.",
            lambda by: store.upsert([], [rel], by=by, expected=was),
            section="relationships",
            undo_key=source,
        )
    sure = st.checkbox(f"Delete “{said}”", key=f"{key}-sure", disabled=readonly)
    if st.button("Delete the relationship", disabled=not sure or readonly, key=f"{key}-delete"):
        was = Relationship(t, source, target, read)
        gone = ChangeSet(delete_relationships=[was.key], expected={was.key: was})
        write(
            url,
            G,
            f"Deleted: {said}.",
            lambda by: store.apply(gone, by=by),
            section="relationships",
            undo_key=source,
        )
