"""Undoing one write: the ChangeSet that puts back what a batch of the edit history changed."""

from __future__ import annotations

from graphkit.errors import GraphkitError
from graphkit.model import Node, Relationship
from graphkit.model.changeset import ChangeSet, RelKey
from graphkit.store.base import Store


def last_batch(store: Store, key: str, by: str) -> str | None:
    """The batch of the latest write ``by`` this user that touched node ``key`` (or its relationships)."""
    return next((c.batch for c in store.history(key, limit=50) if c.user == by), None)


def undo(store: Store, batch: str) -> ChangeSet:
    """Put every record one write (its history ``batch``) changed back as it was before it.

    Refused, whole, when any of them changed since (each is expected as that write left it). A
    first load and an erasure cannot be undone: GraphkitError.
    """
    changes = store.history(batch=batch, limit=1_000_000)
    if not changes:
        raise GraphkitError("that change is not in the history")
    if any(c.action in ("load", "erase") or c.node == "*" for c in changes):  # "*": a first load's counts
        raise GraphkitError("a first load or an erasure cannot be undone")
    expected: dict[str | RelKey, Node | Relationship | None] = {}
    nodes: list[Node] = []
    rels: list[Relationship] = []
    undone = ChangeSet(nodes=nodes, relationships=rels, expected=expected)
    for c in changes:
        if c.rel_type is None or c.other is None:
            expected[c.node] = (
                None if c.after is None else Node(c.node, c.after["label"], c.after["name"], c.after["props"])
            )
            if c.before is None:
                undone.delete_nodes.append(c.node)
            else:
                nodes.append(Node(c.node, c.before["label"], c.before["name"], c.before["props"]))
        else:
            key = (c.node, c.rel_type, c.other)
            expected[key] = (
                None if c.after is None else Relationship(c.rel_type, c.node, c.other, c.after["props"])
            )
            if c.before is None:
                undone.delete_relationships.append(key)
            else:
                rels.append(Relationship(c.rel_type, c.node, c.other, c.before["props"]))
    return undone
