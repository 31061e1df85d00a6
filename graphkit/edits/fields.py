"""A team's own fields, declared per label, as ChangeSets: declare, rename, remove.

A declaration is a FieldDef record (``graphkit.model.schema``), so it is validated, kept in the
history and the change feed, and written whole with whatever else its change touches: a rename
renames the field on every record that holds it, and a removal clears it from them, in the same
ChangeSet.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from graphkit.errors import GraphkitError
from graphkit.model import FIELD_DEF, FIELD_TYPES, NETWORK_LABELS, NODE_FIELDS, Node
from graphkit.model.changeset import ChangeSet, RelKey
from graphkit.model.schema import FIELD_NAME, Schema
from graphkit.store.base import Store


def _label(label: str) -> str:
    if label not in NETWORK_LABELS:
        raise GraphkitError(
            f"unknown label {label!r}; a field can be declared on {', '.join(NETWORK_LABELS)}"
        )
    return label


def _free_name(schema: Schema, label: str, name: str) -> str:
    if not FIELD_NAME.match(name):
        raise GraphkitError(
            f"bad field name {name!r}: use lower-case letters, digits and '_', starting with a letter "
            "(at most 50), such as spoken_languages"
        )
    if name in ("id", "name", "label", "type") or any(f.name == name for f in NODE_FIELDS[label]):
        raise GraphkitError(f"{label} already has a built-in field {name!r}; choose another name")
    if schema.def_id(label, name):
        raise GraphkitError(f"{label} already has a declared field {name!r}")
    return name


def _def(store: Store, label: str, name: str) -> Node:
    schema = store.schema()
    def_id = schema.def_id(_label(label), name)
    node = store.get_node(def_id) if def_id else None
    if node is None:
        declared = ", ".join(f.name for f in schema.declared(label)) or "none"
        raise GraphkitError(f"{label} has no declared field {name!r}; declared: {declared}")
    return node


def add_field(
    store: Store,
    label: str,
    name: str,
    kind: str,
    choices: Iterable[str] = (),
    private: bool = False,
) -> ChangeSet:
    """Declare the field ``name`` on ``label``'s records, of type ``kind`` (one of FIELD_TYPES)."""
    _free_name(store.schema(), _label(label), name)
    if kind not in FIELD_TYPES:
        raise GraphkitError(f"unknown type {kind!r}; expected one of {', '.join(FIELD_TYPES)}")
    choices = [c.strip() for c in choices if c.strip()]
    if kind == "choice" and not choices:
        raise GraphkitError("a choice field needs its choices, such as --choices member,observer")
    if choices and kind not in ("choice", "list"):
        raise GraphkitError(f"only a choice or list field has choices, not a {kind} field")
    props: dict[str, object] = {"of_label": label, "type": kind}
    if choices:
        props["choices"] = list(dict.fromkeys(choices))
    if private:
        props["private"] = True
    node = Node(f"field-{uuid.uuid4().hex[:12]}", FIELD_DEF, name, props)
    return ChangeSet(nodes=[node], expected={node.id: None})


def holding(store: Store, label: str, name: str) -> list[Node]:
    """The records of ``label`` that hold a value for the field ``name``."""
    return [n for n in store.nodes() if n.label == label and n.props.get(name) is not None]


def rename_field(store: Store, label: str, name: str, new_name: str) -> ChangeSet:
    """Rename a declared field, and the value on every record that holds it, in one ChangeSet."""
    field_def = _def(store, label, name)
    _free_name(store.schema(), label, new_name)
    renamed = Node(field_def.id, FIELD_DEF, new_name, dict(field_def.props))
    records = holding(store, label, name)
    moved = [
        Node(n.id, n.label, n.name, {(new_name if k == name else k): v for k, v in n.props.items()})
        for n in records
    ]
    expected: dict[str | RelKey, Node | None] = {field_def.id: field_def, **{n.id: n for n in records}}
    return ChangeSet(nodes=[renamed, *moved], expected=expected)


def remove_field(store: Store, label: str, name: str, force: bool = False) -> ChangeSet:
    """Remove a declared field. Refused while records hold values for it, unless ``force``: then
    their values are cleared in the same ChangeSet."""
    field_def = _def(store, label, name)
    records = holding(store, label, name)
    if records and not force:
        raise GraphkitError(
            f"{len(records)} {label} record(s) hold a value for {name!r} (such as {records[0].name!r}); "
            "nothing was removed. Remove it and clear those values with --force."
        )
    cleared = [Node(n.id, n.label, n.name, {k: v for k, v in n.props.items() if k != name}) for n in records]
    expected: dict[str | RelKey, Node | None] = {field_def.id: field_def, **{n.id: n for n in records}}
    return ChangeSet(nodes=cleared, delete_nodes=[field_def.id], expected=expected)
