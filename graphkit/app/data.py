"""The Data page: add, edit and delete stakeholders and their relationships with forms the model
validates; find people; upload a file, see what it would change, import it; download the graph.

Every write goes through ``state.writer()``, which refuses viewers; downloads leave private facts
out for everyone but admins.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import networkx as nx
import streamlit as st

from graphkit.app import state
from graphkit.app.history import render_restore
from graphkit.app.widgets import ONE_OF, ids_by_name, md, narrowed, stakeholder_multiselect
from graphkit.edits import (
    InteractionLog,
    Logged,
    delete_stakeholder,
    edit_record,
    erase_person,
    log_interaction,
)
from graphkit.errors import GraphkitError, Problem, ValidationError
from graphkit.graph.describe import RELATIONSHIP_WORDS, name, related, relationships, who
from graphkit.io import EXPORT_FORMATS, export_graph, open_source
from graphkit.io.importer import ImportReport, import_sources
from graphkit.model import (
    INTERACTION_KINDS,
    NODE_FIELDS,
    NODE_LABELS,
    RELATIONSHIP_FIELDS,
    RELATIONSHIP_TYPES,
    SENSITIVITIES,
    Field,
    Node,
    Relationship,
)
from graphkit.model.changeset import ChangeSet
from graphkit.model.ids import slug
from graphkit.store import Store, store_url
from graphkit.store.base import node_record

UPLOAD_TYPES = ["csv", "graphml", "gexf", "json", "xml"]
DOWNLOADS = {
    "csv": ("graphkit-csv.zip", "application/zip"),
    "contacts": ("graphkit-contacts.csv", "text/csv"),
    "graphml": ("graphkit.graphml", "application/xml"),
    "gexf": ("graphkit.gexf", "application/xml"),
    "json": ("graphkit.json", "application/json"),
    "cypher": ("graphkit.cypher", "text/plain"),
}


def import_upload(
    store: Store, data: bytes, filename: str, dry_run: bool = True, by: str | None = None
) -> ImportReport:
    """Import an uploaded file (its bytes and its name) into ``store`` as written ``by`` a user;
    ``dry_run`` only reports.

    Raises a GraphkitError whose problems name ``filename`` (not a temporary path); nothing is
    written then.
    """
    name = Path(filename).name or "upload"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return import_sources(store, [open_source(path, store)], dry_run=dry_run, by=by)
        except ValidationError as e:
            problems = [Problem(p.where.replace(str(path), name), p.field, p.message) for p in e.problems]
            raise ValidationError(problems, e.truncated) from None


def export_bytes(store: Store, fmt: str, private: bool = True) -> bytes:
    """The whole graph in format ``fmt`` as bytes to download (the CSV folder as a zip file);
    without its private nodes and relationships unless ``private``."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "graphkit"
        export_graph(store, fmt, out, shared=not private)
        if fmt != "csv":
            return out.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(out.rglob("*.csv")):
                z.write(f, f.relative_to(out).as_posix())
        return buffer.getvalue()


def _show_report(report: ImportReport) -> None:
    rows = report.rows()
    if not rows:
        st.info("The file holds no records.")
        return
    st.dataframe(
        {
            "what": [f"{name} ({kind})" for kind, name, *_ in rows],
            "added": [a for *_, a, _, _ in rows],
            "changed": [c for *_, c, _ in rows],
            "unchanged": [u for *_, u in rows],
        },
        hide_index=True,
    )


def render_import_export(store: Store, url: str) -> None:
    """Draw the section: upload -> dry-run report -> Import button; a download per format."""
    st.header("Import / export")
    st.caption(
        "Import a contacts spreadsheet (name, title, organisation, country, stakeholder group, email), "
        "a CSV file in the seed's layout, GraphML, GEXF or JSON. Records merge by id. "
        "CSV downloads put a ' before cells starting with =, +, - or @ so spreadsheets do not run them."
    )
    upload = st.file_uploader("A file to import", type=UPLOAD_TYPES, disabled=not state.may_write())
    if upload is not None:
        data = upload.getvalue()
        try:
            report = import_upload(store, data, upload.name, dry_run=True)
        except GraphkitError as e:
            st.error(f"{upload.name} cannot be imported; nothing was written.")
            st.code(str(e), language=None)
        else:
            st.write(f"What importing **{upload.name}** would change:")
            _show_report(report)
            if st.button("Import", type="primary", disabled=not state.may_write()):
                try:
                    by = state.writer()
                    with st.spinner(f"Importing {upload.name}…"):
                        import_upload(store, data, upload.name, dry_run=False, by=by)
                except GraphkitError as e:
                    st.error(str(e))
                else:
                    st.success(f"Imported {upload.name}. Every page shows the new data in a moment.")
    fmt = st.selectbox(
        "Download the graph as",
        list(EXPORT_FORMATS),
        format_func=lambda f: f"{f}: {EXPORT_FORMATS[f]}",
        key="data_download_format",
    )
    filename, mime = DOWNLOADS[fmt]
    private = state.exports_private()
    if not private:
        st.caption("Downloads leave private facts out; an admin's, and `graphkit export`, hold everything.")
    # Made when clicked, not on every run: a whole graph's export is seconds of work on a big store.
    st.download_button(
        f"Download {filename}",
        lambda: export_bytes(store, fmt, private=private),
        file_name=filename,
        mime=mime,
    )


def render_people(store: Store, G: nx.MultiDiGraph) -> None:
    """Draw the People section: find people by name (the first 50, by name, when the box is empty)
    among those in ``G`` (a viewer's has no private people)."""
    st.header("People")
    text = st.text_input("Find people by name", "", key="data_people_search")
    people = [p for p in store.search(text, limit=50, labels=["Person"]) if p.id in G]
    state.shows(p.id for p in people)
    if not people:
        st.info("Nobody matches." if text else "No people yet: import a contacts spreadsheet below.")
        return
    st.dataframe(
        {
            "name": [p.name for p in people],
            "title": [p.props.get("title", "") for p in people],
            "stakeholder group": [p.props.get("stakeholder_group", "") for p in people],
            "email": [p.props.get("email", "") for p in people],
        },
        hide_index=True,
    )


# -- stakeholders and relationships: forms built from the model's schema ----------------------

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
#: Relationships an advocate thinks of as part of a stakeholder's record, offered in its form.
RECORD_LINKS = ("WORKS_FOR", "BASED_IN")
LONG_TEXT = ("notes", "talking_points", "context")
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
SEARCH = "data_search"
NEXT_SEARCH = "data_next_search"  # what the search box shows on the next run (set after a write)
# Session state: how many writes this session made here. Relationship forms are keyed by it, so
# that they start afresh after this session's own save, but not after another user's write elsewhere
# (a new key would drop the Save just pressed on them).
WRITES = "data_writes"
READ = "data_read"  # session state: the chosen record as this session's form read it
FLASH = "data_flash"  # (section, message): what a write leaves for the next run to say


def propose_id(label: str, node_name: str) -> str:
    """The id a new node gets unless one is given: ``propose_id("Person", "Nia Okafor") == "person-nia-okafor"``."""
    return slug(ID_PREFIXES[label], node_name)


def _words(field_name: str) -> str:
    return field_name.replace("_", " ")


def field_input(f: Field, value: object, key: str) -> object:
    """One input for a schema field, showing ``value``; returns the value entered (None when empty)."""
    label = _words(f.name) + (" *" if f.required else "")
    help_text = ("Required: " if f.required else "") + f.expected()
    if f.kind == "choice":
        options = [None, *f.choices]
        return st.selectbox(
            label,
            options,
            index=options.index(value) if value in options else 0,
            format_func=lambda v: "—" if v is None else _words(v),
            key=key,
            help=help_text,
        )
    if f.kind == "int":
        # No bounds here: the model says what is allowed, and its message says so.
        return st.number_input(
            label,
            value=value if type(value) is int else None,
            step=1,
            key=key,
            help=help_text,
            placeholder="—",
        )
    if f.kind == "date":
        picked = st.date_input(
            label,
            value=date.fromisoformat(value) if isinstance(value, str) and value else None,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            key=key,
            help=help_text,
        )
        return picked.isoformat() if picked else None
    widget = st.text_area if f.name in LONG_TEXT else st.text_input
    text = widget(label, value="" if value is None else str(value), key=key, help=help_text).strip()
    if f.kind == "iso_country":
        text = text.upper()
    return text or None


def schema_inputs(fields: tuple[Field, ...], values: dict, key: str) -> dict:
    """Inputs for ``fields`` in two columns, showing ``values``; the entered properties, empty ones left out."""
    columns = st.columns(2)
    entered = {}
    for i, f in enumerate(fields):
        with columns[i % 2]:
            entered[f.name] = field_input(f, values.get(f.name), f"{key}-{f.name}")
    return {k: v for k, v in entered.items() if v is not None}


def _a(labels: tuple[str, ...]) -> str:
    """``("Person", "Organization")`` in words: "a person or an organisation"."""
    return " or ".join(("an " if ONE_OF[x][0] in "aeiou" else "a ") + ONE_OF[x] for x in labels)


def _kind(G: nx.MultiDiGraph, node: str) -> str:
    label = G.nodes[node].get("label", "")
    return ONE_OF.get(label, label)


def show_problems(problems: list[Problem]) -> None:
    """The model's messages, one line per problem naming the record and field."""
    lines = "\n".join(f"- {md(p.where)}: **{md(_words(p.field))}**: {md(p.message)}" for p in problems)
    st.error(f"Nothing was saved:\n{lines}")


def write(url: str, done, action, next_search: str | None = None, section: str | None = None) -> None:
    """Run ``action(by)`` (a write as user ``by``, from ``state.writer()``, which refuses viewers)
    under a spinner; on success tell every page, leave ``done`` to show, rerun.

    ``done`` is the message, or a function of what ``action`` returned that makes it. It shows in
    ``section``; by default under Stakeholders for node writes (with ``next_search``, what the
    search box holds next), else under Relationships. A ValidationError shows the model's messages
    (the store wrote nothing); other errors a message.
    """
    try:
        by = state.writer()
        with st.spinner("Saving…"):
            result = action(by)
    except ValidationError as e:
        show_problems(e.problems)
        return
    except GraphkitError as e:
        st.error(f"Nothing was saved: {e}")
        return
    st.session_state[WRITES] = st.session_state.get(WRITES, 0) + 1
    section = section or ("stakeholders" if next_search is not None else "relationships")
    st.session_state[FLASH] = (section, done(result) if callable(done) else done)
    if next_search is not None:
        st.session_state[NEXT_SEARCH] = next_search
    st.rerun()


def show_flash(section: str) -> None:
    """Say what the last write did, in the section it was made from."""
    if st.session_state.get(FLASH, ("",))[0] == section:
        st.success(st.session_state.pop(FLASH)[1])


def log_form(store: Store, G: nx.MultiDiGraph, url: str) -> None:
    """The form to log a meeting, call or e-mail; logging it warms (or creates) the ties between its people."""
    st.header("Log an interaction")
    st.caption(
        "Who met whom, when, about what. The ties between the people who took part get this date as "
        "their last contact (new ties start at strength 2), so engagement paths use it at once."
    )
    show_flash("interactions")
    stakeholders = ids_by_name(G, ("Person", "Organization"))
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
    if not st.button("Log the interaction", type="primary", key="log_save", disabled=not state.may_write()):
        return
    entry = InteractionLog(
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
        said,
        lambda by: log_interaction(store, entry, origin="the interaction", by=by),
        section="interactions",
    )


def pick_record(store: Store, G: nx.MultiDiGraph) -> str:
    """Draw the search box and the picker; return the chosen node's id, or NEW."""
    if NEXT_SEARCH in st.session_state:
        st.session_state[SEARCH] = st.session_state.pop(NEXT_SEARCH)
    left, right = st.columns(2)
    text = left.text_input(
        "Find a stakeholder, country, theme or event", key=SEARCH, placeholder="part of a name or acronym"
    )
    found = [n.id for n in store.search(text, limit=20) if n.id in G] if text.strip() else []
    if text.strip() and not found:
        left.caption(f"Nothing called “{text}”: add it below.")
    options = [NEW, *found]
    return right.selectbox(
        "Record",
        options,
        index=1 if found else 0,
        format_func=lambda n: "+ add a new record" if n == NEW else f"{who(G, n)} · {_kind(G, n)}",
    )


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


def node_form(store: Store, G: nx.MultiDiGraph, url: str, node_id: str) -> None:
    """The form to add a node (of a chosen label) or edit the chosen one, and the button to delete it.

    A save is refused, and says by whom, when the record changed since this form read it."""
    stored = store.get_node(node_id) if node_id != NEW else None
    node = as_read(stored)
    if stored is not None and node_record(stored) != node_record(node):
        changed = next((c for c in store.history(node_id, limit=50) if c.key == node_id), None)
        by = f" by {changed.user}" if changed else ""
        st.warning(
            f"{stored.name} was changed{by} since you opened it here: saving this form would be refused."
        )
        st.button(f"Reload {stored.name} as it is now", on_click=_reload, args=(stored,), key="data_reload")
    if node is None:
        label = (
            st.segmented_control(
                "Add a", NODE_LABELS, default="Person", format_func=ONE_OF.get, key="data_new_label"
            )
            or "Person"
        )
    else:
        label = node.label
    links = [t for t in RECORD_LINKS if label in RELATIONSHIP_TYPES[t].sources]
    current = {t: related(G, node.id, t) if node and node.id in G else [] for t in links}
    # Keyed by what the form shows, not by the store's write count: another user's write elsewhere
    # must not reset this form and drop the Save just pressed on it; a change to this record does.
    shown = (node.name, sorted(node.props.items()), current) if node else None
    key = f"node-{node.id if node else 'new-' + label}@{hash(repr(shown))}"
    # Searching a long list of organisations or countries must rerun the page: outside the form.
    offered = {
        t: narrowed(
            G,
            ids_by_name(G, RELATIONSHIP_TYPES[t].targets),
            RELATIONSHIP_WORDS[t][0],
            f"{key}-{t}",
            current[t],
        )
        for t in links
    }
    with st.form(key):
        st.subheader(f"Edit {node.name}" if node else f"A new {ONE_OF[label]}")
        left, right = st.columns(2)
        new_name = left.text_input("name *", value=node.name if node else "", key=f"{key}-name").strip()
        if node is None:
            new_id = right.text_input(
                "id",
                key=f"{key}-id",
                placeholder=f"{ID_PREFIXES[label]}-<name>, proposed from the name",
                help=f"A stable id, e.g. {propose_id('Person', 'Nia Okafor')}; leave empty to use the name's.",
            ).strip()
        else:
            right.text_input("id", value=node.id, disabled=True, key=f"{key}-id")
        chosen = {}
        for t in links:
            targets = RELATIONSHIP_TYPES[t].targets
            options = [None, *offered[t]]
            now = current[t][0] if current[t] else None
            chosen[t] = st.selectbox(
                RELATIONSHIP_WORDS[t][0].capitalize(),
                options,
                index=options.index(now) if now in options else 0,
                format_func=lambda n: "—" if n is None else who(G, n),
                key=f"{key}-{t}",
                help=f"Type to search the {' and '.join(ONE_OF[x] for x in targets)} list.",
            )
        props = schema_inputs(NODE_FIELDS[label], node.props if node else {}, key)
        saved = st.form_submit_button(
            "Save" if node else f"Add the {ONE_OF[label]}", type="primary", disabled=not state.may_write()
        )
    if saved:
        node_id = node.id if node else new_id or propose_id(label, new_name)
        record = Node(node_id, label, new_name, props, origin=None if node else f"The new {ONE_OF[label]}")
        taken = store.get_node(node_id) if node is None and node_id else None
        if taken is not None:
            said = f"{node_id!r} is already {taken.name}: find it above to edit it"
            show_problems([Problem(record.where(), "id", said)])
            return
        added = [Relationship(t, node_id, c) for t, c in chosen.items() if c and c not in current[t]]
        dropped = [
            Relationship(t, node_id, old, {k: v for k, v in G.edges[node_id, old, t].items() if k != "type"})
            for t, c in chosen.items()
            for old in current[t][:1]
            if old != c
        ]

        def save(by: str) -> None:
            # One ChangeSet: the record and its relationships are saved together or not at all.
            store.apply(edit_record(node, record, added, dropped), by=by)
            st.session_state[READ] = store.get_node(node_id)  # what this form reads next

        what = f"{ONE_OF[label]} {new_name} ({node_id})"
        write(url, f"Saved the {what}.", save, next_search=new_name)
    if node is not None:
        delete_node(store, G, url, node, key)
        if node.label == "Person":
            person_rights(store, url, node)


def person_rights(store: Store, url: str, person: Node) -> None:
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
            gone = (
                f"Erased {person.name}: no record, relationship or history entry holds their name or id now."
            )
            # Erasure is an admin's: state.manager() checks it here, on the server.
            write(
                url,
                gone,
                lambda _: store.apply(erase_person(store, person.id), by=state.manager()),
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
        write(url, gone, lambda by: store.apply(delete_stakeholder(store, node.id), by=by), next_search="")


def _rel_keys(G: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str]]:
    keys = [(k, node, t) for _, t, k in G.out_edges(node, keys=True)]
    keys += [(k, s, node) for s, _, k in G.in_edges(node, keys=True)]
    return sorted(keys, key=lambda r: (r[0], name(G, r[2] if r[1] == node else r[1]).casefold()))


def render_relationships(store: Store, G: nx.MultiDiGraph, url: str, node_id: str) -> None:
    """The chosen node's relationships by type, and a form to add, edit or delete one."""
    st.header("Relationships")
    show_flash("relationships")
    if node_id == NEW or node_id not in G:
        st.info("Find a stakeholder above to see, add and change their relationships.")
        return
    me = name(G, node_id)
    listing, change = st.columns([2, 3], gap="large")
    groups = relationships(G, node_id)
    if not groups:
        listing.caption(f"{me} has no relationships yet.")
    for words, pairs in groups.items():
        lines = [f"- {md(who(G, o))}" + (f" — {md(details)}" if details else "") for o, details in pairs]
        listing.markdown(f"**{md(words.capitalize())}** ({len(pairs)})\n" + "\n".join(lines))

    def describe(r: tuple[str, str, str]) -> str:
        if r == (NEW, NEW, NEW):
            return "+ add a new relationship"
        t, s, o = r
        return f"{RELATIONSHIP_WORDS[t][0 if s == node_id else 1]} {who(G, o if s == node_id else s)}"

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


def new_relationship(store: Store, G: nx.MultiDiGraph, url: str, node_id: str) -> None:
    """The form to add a relationship of ``node_id``: its type and direction, the other end, its properties."""
    label = G.nodes[node_id].get("label")
    kinds = [
        (t, side)
        for t, spec in RELATIONSHIP_TYPES.items()
        for side, ends in enumerate((spec.sources, spec.targets))
        if label in ends
    ]
    me = name(G, node_id)
    t, side = st.selectbox(
        "Relationship",
        kinds,
        format_func=lambda k: (
            (
                f"{me} {RELATIONSHIP_WORDS[k[0]][0]} …"
                if k[1] == 0
                else f"… {RELATIONSHIP_WORDS[k[0]][0]} {me}"
            )
            + f" ({k[0]})"
        ),
        key=f"data_rel_type-{node_id}",
    )
    spec = RELATIONSHIP_TYPES[t]
    fits = spec.targets if side == 0 else spec.sources
    key = f"rel-{node_id}-{t}-{side}@{st.session_state.get(WRITES, 0)}"
    ends = [n for n in ids_by_name(G, (), first=fits) if n != node_id]
    ends = narrowed(G, ends, "the other end", key)
    with st.form(key):
        st.caption(f"{_words(t).capitalize()} joins {_a(spec.sources)} to {_a(spec.targets)}.")
        other = st.selectbox(
            f"{RELATIONSHIP_WORDS[t][0].capitalize()} whom or what"
            if side == 0
            else f"Who or what {RELATIONSHIP_WORDS[t][0]} {me}",
            ends,
            index=None,
            format_func=lambda n: who(G, n),
            placeholder=f"type to search; {_a(fits)} fits",
            key=f"{key}-other",
        )
        props = schema_inputs(RELATIONSHIP_FIELDS[t], {}, key)
        saved = st.form_submit_button("Add the relationship", type="primary", disabled=not state.may_write())
    if not saved:
        return
    if other is None:
        show_problems(
            [Problem(f"{t} of {me}", "to" if side == 0 else "from", "required: choose the other end")]
        )
        return
    source, target = (node_id, other) if side == 0 else (other, node_id)
    rel = Relationship(t, source, target, props)
    if G.has_edge(source, target, t):
        show_problems(
            [Problem(rel.where(), t, "this relationship exists already: choose it above to change it")]
        )
        return
    done = f"Saved: {name(G, source)} {RELATIONSHIP_WORDS[t][0]} {name(G, target)}."
    # Refused when someone added the same relationship meanwhile, rather than overwriting theirs.
    write(url, done, lambda by: store.apply(ChangeSet(relationships=[rel], expected={rel.key: None}), by=by))


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
    with st.form(key):
        st.subheader(said)
        props = schema_inputs(RELATIONSHIP_FIELDS[t], read, key)
        saved = st.form_submit_button("Save the relationship", type="primary", disabled=not state.may_write())
    if saved:
        rel = Relationship(t, source, target, props)
        was = {rel.key: Relationship(t, source, target, read)}
        write(url, f"Saved: {said}.", lambda by: store.upsert([], [rel], by=by, expected=was))
    readonly = not state.may_write()
    sure = st.checkbox(f"Delete “{said}”", key=f"{key}-sure", disabled=readonly)
    if st.button("Delete the relationship", disabled=not sure or readonly, key=f"{key}-delete"):
        was = Relationship(t, source, target, read)
        gone = ChangeSet(delete_relationships=[was.key], expected={was.key: was})
        write(url, f"Deleted: {said}.", lambda by: store.apply(gone, by=by))


def render() -> None:
    """Draw the Data page."""
    url = store_url()
    st.title("Data")
    state.shows(())  # rerun by itself only for changes to the nodes drawn below, or to the shape
    st.caption(
        "Add, change and delete stakeholders and relationships; every change is checked against the model "
        "and shows on every page at once. Import and download whole graphs at the bottom."
    )
    try:
        store = state.store(url)
        G = state.graph(url)
        if not state.may_write():
            st.info("Signed in as a viewer: you can read but not change the data.")
        if not G:
            st.info("The store is empty: add a stakeholder below, import a file, or run `graphkit seed`.")
        st.header("Stakeholders")
        show_flash("stakeholders")
        chosen = pick_record(store, G)
        node_form(store, G, url, chosen)
        state.shows([chosen, *nx.all_neighbors(G, chosen)] if chosen in G else [chosen])
        render_relationships(store, G, url, chosen)
        log_form(store, G, url)
        render_people(store, G)
        render_restore(url)
        render_import_export(store, url)
    except GraphkitError as e:
        st.error(
            # A Save pressed while the store is down fails here, on a read before the write: say so.
            f"The store cannot be read: {e}\n\nNothing was saved. Check the store (`GRAPHKIT_STORE`, or start "
            "the Neo4j server); the page reads it again by itself."
        )


if __name__ == "__main__":
    render()
