"""Editing, deleting, restoring and erasing stakeholders, as ChangeSets."""

from __future__ import annotations

from collections.abc import Callable

from graphkit.edits.views import views_showing
from graphkit.errors import ConflictError, GraphkitError
from graphkit.model import Node, Relationship
from graphkit.model.changeset import ChangeSet
from graphkit.model.ids import slug_words
from graphkit.store.base import Store, WriteSummary


def apply_fresh(store: Store, plan: Callable[[], ChangeSet], *, by: str | None = None, tries: int = 3):
    """Apply ``plan()``; when a record it read changed meanwhile, plan again from a fresh read.

    For use cases whose meaning does not depend on what another writer changed (a meeting
    happened whatever a tie's strength is now). Returns what ``apply`` returned.
    """
    for attempt in range(tries):
        try:
            return store.apply(plan(), by=by)
        except ConflictError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def edit_record(
    read: Node | None,
    record: Node,
    added: list[Relationship] = (),
    dropped: list[Relationship] = (),
) -> ChangeSet:
    """Save one record as edited in a form, with the relationships added and dropped there, as one change.

    ``read`` is the record as the form read it (None for a new one); ``dropped`` the relationships
    as read. When either changed since, the whole save is refused.
    """
    expected: dict = {record.id: read}
    expected.update((r.key, r) for r in dropped)
    return ChangeSet(
        nodes=[record],
        relationships=list(added),
        delete_relationships=[r.key for r in dropped],
        expected=expected,
    )


def delete_stakeholder(store: Store, node_id: str, read: Node | None = None) -> ChangeSet:
    """Delete a node and every relationship touching it; the history keeps them for ``restore_stakeholder``.

    ``read`` is the record as the writer read it (a form's): when it changed since, the delete is
    refused, as a save would be. Without it, the record as stored now is what is deleted.
    """
    node = read or store.get_node(node_id)
    if node is None:
        raise GraphkitError(f"no record with id {node_id!r}")
    return ChangeSet(delete_nodes=[node_id], expected={node_id: node})


def restore_stakeholder(store: Store, node_id: str) -> ChangeSet:
    """Bring back a deleted node with the relationships deleted with it, as they were.

    Relationships whose other end is gone since are left out. Raises GraphkitError when the node
    exists or was never deleted.
    """
    if store.get_node(node_id) is not None:
        raise GraphkitError(f"{node_id!r} exists: there is nothing to restore")
    deleted = next(
        (
            c
            for c in store.history(node_id)
            if c.action == "delete" and c.rel_type is None and c.node == node_id
        ),
        None,
    )
    if deleted is None:
        raise GraphkitError(f"no deletion of {node_id!r} in the history")
    rec = deleted.before or {}
    node = Node(node_id, rec["label"], rec["name"], rec["props"])
    rels = [
        Relationship(c.rel_type, c.node, c.other, c.before["props"])
        for c in store.history(batch=deleted.batch, limit=1_000_000)
        if c.rel_type and c.before
    ]
    ends = store.get_nodes({i for r in rels for i in (r.source, r.target)} - {node_id})
    rels = [r for r in rels if {r.source, r.target} - {node_id} <= set(ends)]
    # Restored only as long as it is still deleted and its relationships' other ends are as read.
    expected: dict = {node_id: None, **{r.key: None for r in rels}}
    return ChangeSet(nodes=[node], relationships=rels, expected=expected, action="restore")


def erasure_texts(person: Node) -> list[str]:
    """What an erasure removes: the person's id, name, and the name as it appears in generated ids."""
    words = slug_words(person.name)
    texts = [person.id, person.name]
    if "-" in words:  # "jane-doe" inside an id once made from "Meeting with Jane Doe"; one word is too common
        texts.append(words)
    return texts


def erase_person(store: Store, node_id: str) -> ChangeSet:
    """Erase a person entirely, as data protection law allows them to ask: the node, its
    relationships and their own history, the saved views that name them, and every mention of
    their name or id in other records' text and history, in any spelling
    (``graphkit.model.mentions``), which becomes "[erased]". The history keeps one ``erase`` entry
    that names nobody."""
    person = store.get_node(node_id)
    if person is None or person.label != "Person":
        raise GraphkitError(f"no person with id {node_id!r}")
    views = [v.id for v in views_showing(store, node_id)]
    return ChangeSet(delete_nodes=[node_id, *views], scrub=erasure_texts(person), action="erase")


def erased(summary: WriteSummary) -> dict[str, int]:
    """An erasure's counts in words."""
    return {
        "records deleted": summary.deleted,
        "records rewritten": summary.rewritten,
        "history entries removed": summary.forgotten,
        "history entries rewritten": summary.retold,
    }
