"""Plain records for nodes and relationships, as they travel between files, stores and graphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Node:
    """A node: a unique ``id``, one label, a ``name`` and further properties.

    ``origin`` says where the record came from (for example ``seed/nodes/Person.csv row 4``)
    so that errors can point there; ``named`` which fields its file names (its columns: an import
    keeps a stored record's other fields; None: the record is whole). Neither is stored.
    """

    id: str
    label: str
    name: str
    props: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None
    named: frozenset[str] | None = field(default=None, compare=False, repr=False)

    def where(self) -> str:
        return self.origin or f"{self.label} {self.id!r}"


@dataclass(slots=True)
class Relationship:
    """A directed relationship of one type from ``source`` to ``target``; (source, type, target) identifies it.

    The ends are called ``from`` and ``to`` in files and error messages, because ``source`` is
    also the property that cites where a fact comes from. ``origin`` and ``named`` are as a Node's.
    """

    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None
    named: frozenset[str] | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)

    def where(self) -> str:
        return self.origin or f"{self.type} {self.source!r} -> {self.target!r}"
