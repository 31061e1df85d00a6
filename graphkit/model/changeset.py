"""A ChangeSet: the one shape in which any change reaches a store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graphkit.model.records import Node, Relationship

RelKey = tuple[str, str, str]  # (source, type, target)


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
