"""A ChangeSet: the one shape in which any change reaches a store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphkit.model.mentions import ERASED
from graphkit.model.records import Node, Relationship

RelKey = tuple[str, str, str]  # (source, type, target)
#: How a reference to an erased record reads (the reference itself is ERASED).
ERASED_PERSON = "erased person"
# One encoder for every history row: json.dumps with options builds a new one per call.
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


@dataclass
class ChangeSet:
    """Nodes and relationships to write or delete, and the versions the writer read.

    A store applies a ChangeSet whole (``Store.apply``) or not at all. ``expected`` holds each
    record as the writer read it, by node id or relationship key (None: it was not there); when
    a stored one differs at the time of writing, nothing is written. ``scrub`` names texts (a
    person's id and name) to remove from every record, id and history entry: an erasure.
    ``action`` names the change in the history (default: create, update or delete per record).

    Example
    -------
    >>> cs = ChangeSet(nodes=[Node("person-ana", "Person", "Ana", {"stakeholder_group": "library"})])
    >>> cs.delete_relationships.append(("person-ana", "KNOWS", "person-bo"))
    >>> bool(cs)
    True
    """

    nodes: Iterable[Node] = field(default_factory=list)
    relationships: Iterable[Relationship] = field(default_factory=list)
    delete_nodes: list[str] = field(default_factory=list)
    delete_relationships: list[RelKey] = field(default_factory=list)
    expected: Mapping[str | RelKey, Node | Relationship | None] = field(default_factory=dict)
    scrub: list[str] = field(default_factory=list)
    action: str | None = None

    def __bool__(self) -> bool:
        return bool(
            (not isinstance(self.nodes, list) or self.nodes)
            or (not isinstance(self.relationships, list) or self.relationships)
            or self.delete_nodes
            or self.delete_relationships
            or self.scrub
        )


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the edit history: who changed which record when, and the record before and after.

    A node's record is ``{"label", "name", "props"}``, a relationship's ``{"props"}``; None where
    it did not exist (before a create, after a delete). All changes of one write share ``batch``.
    ``rel_type`` and ``other`` are None for a node; for a relationship ``node`` is its source and
    ``other`` its target.
    """

    at: str
    user: str
    action: str  # create, update, delete, import, restore, erase, load
    batch: str
    node: str
    rel_type: str | None = None
    other: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    seq: int = 0  # order within the batch (SQLite: within the store)
    position: int = 0  # where in the store's change feed (see Store.changes_since)

    @property
    def key(self) -> str | RelKey:
        return self.node if self.rel_type is None else (self.node, self.rel_type, self.other or "")

    def differences(self) -> list[tuple[str, object, object]]:
        """``(field, before, after)`` for each field that differs, the name first; None where absent."""
        before, after = self.before or {}, self.after or {}
        old = {"name": before.get("name"), **before.get("props", {})}
        new = {"name": after.get("name"), **after.get("props", {})}
        fields = sorted(set(old) | set(new), key=lambda f: (f != "name", f))
        return [(f, old.get(f), new.get(f)) for f in fields if old.get(f) != new.get(f)]

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """The change in a line: when (UTC), who, what, and which fields changed how. The records it
        refers to by id are named from ``names`` (id -> name, as read now) where given; an erased
        one reads "erased person".

        >>> Change("2026-12-01T10:00", "ana", "create", "b", "person-bo", "KNOWS", ERASED).describe(
        ...     {"person-bo": "Bo Chen"})
        '2026-12-01 10:00  ana  create KNOWS Bo Chen (person-bo) -> erased person'
        """

        def said(i: str | None) -> str:
            if i == ERASED:
                return ERASED_PERSON
            name = (names or {}).get(i or "")
            return f"{name} ({i})" if name else str(i)

        own = (self.after or self.before or {}).get("name")
        what = (
            (f"{own} ({self.node})" if own else said(self.node))
            if self.rel_type is None
            else f"{self.rel_type} {said(self.node)} -> {said(self.other)}"
        )
        if self.action in ("load", "erase"):
            what = json.dumps(self.after) if self.after else "a person"
        fields = "; ".join(f"{f}: {b!r} -> {a!r}" for f, b, a in self.differences())
        shown = f"  ({fields})" if fields and self.action == "update" else ""
        return f"{self.at[:19].replace('T', ' ')}  {self.user}  {self.action} {what}{shown}"

    def to_row(self) -> dict[str, Any]:
        """The change as stored: the records as JSON text."""
        return {
            "at": self.at,
            "user": self.user,
            "action": self.action,
            "batch": self.batch,
            "seq": self.seq,
            "node": self.node,
            "rel_type": self.rel_type,
            "other": self.other,
            "before": None if self.before is None else _encode(self.before),
            "after": None if self.after is None else _encode(self.after),
        }

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Change:
        return cls(
            position=row.get("position") or 0,
            at=row["at"],
            user=row["user"],
            action=row["action"],
            batch=row["batch"],
            seq=row["seq"],
            node=row["node"],
            rel_type=row["rel_type"],
            other=row["other"],
            before=None if row["before"] is None else json.loads(row["before"]),
            after=None if row["after"] is None else json.loads(row["after"]),
        )
