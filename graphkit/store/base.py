"""The store contract: what every backend (embedded SQLite, Neo4j) does, and the checks they share."""

from __future__ import annotations

import gc
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

import networkx as nx

from graphkit.errors import MAX_PROBLEMS, GraphkitError, Problem, ValidationError
from graphkit.graph.filters import GraphFilter, filter_graph
from graphkit.model import Node, Relationship, endpoint_problems, node_problems, relationship_problems

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """How many records one upsert wrote."""

    nodes: int
    relationships: int


class Transaction(Protocol):
    """What a backend offers inside one all-or-nothing write."""

    def labels_of(self, ids: list[str]) -> dict[str, str]: ...
    def write_nodes(self, nodes: list[Node]) -> None: ...
    def write_relationships(self, rels: list[Relationship]) -> None: ...


class _Problems(list[Problem]):
    def add(self, found: list[Problem]) -> bool:
        """Keep up to MAX_PROBLEMS; return True when ``found`` had any."""
        if not found:
            return False
        self.extend(found[: MAX_PROBLEMS + 1 - len(self)])
        return True

    @property
    def full(self) -> bool:
        return len(self) > MAX_PROBLEMS


class Store(ABC):
    """A graph of stakeholders kept somewhere. Every write is validated against the model.

    Backends implement the abstract methods; validation, batching and filtering live here so that
    every backend behaves the same.
    """

    url: str
    batch_size: int = 10_000

    # -- writes -------------------------------------------------------------------------------

    def upsert(
        self,
        nodes: Iterable[Node] = (),
        relationships: Iterable[Relationship] = (),
        progress: Progress | None = None,
    ) -> WriteSummary:
        """Create or replace nodes (by id) and relationships (by source, type, target).

        All-or-nothing: when any record is invalid (a bad value, an endpoint that does not exist
        or has the wrong label, a node whose id is taken by another label) nothing is written and
        a ValidationError lists up to 50 problems, each naming its record or file row and field.
        Inputs are consumed in batches of ``batch_size``, so they may be long generators.
        Relationships may point at nodes written earlier in the same call.
        """
        problems = _Problems()
        written_nodes = written_rels = 0
        with self._transaction() as tx:
            for chunk in _batched(nodes, self.batch_size):
                good = [n for n in chunk if not problems.add(node_problems(n))]
                known = tx.labels_of([n.id for n in good])
                good = [n for n in good if not problems.add(_relabel_problems(n, known.get(n.id)))]
                tx.write_nodes(good)
                written_nodes += len(good)
                if progress:
                    progress(len(chunk))
                if problems.full:
                    break
            for chunk in _batched(relationships, self.batch_size) if not problems.full else ():
                good = [r for r in chunk if not problems.add(relationship_problems(r))]
                known = tx.labels_of(list({i for r in good for i in (r.source, r.target)}))
                good = [
                    r
                    for r in good
                    if not problems.add(endpoint_problems(r, known.get(r.source), known.get(r.target)))
                ]
                tx.write_relationships(good)
                written_rels += len(good)
                if progress:
                    progress(len(chunk))
                if problems.full:
                    break
            if problems:
                raise ValidationError(problems[:MAX_PROBLEMS], truncated=problems.full)
        return WriteSummary(written_nodes, written_rels)

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Transaction]:
        """A write transaction that commits on normal exit and rolls back on any exception."""

    @abstractmethod
    def delete_node(self, node_id: str) -> bool:
        """Delete a node and every relationship that touches it; False when there was none."""

    @abstractmethod
    def delete_relationship(self, rel_type: str, source: str, target: str) -> bool:
        """Delete one relationship; False when there was none."""

    # -- reads --------------------------------------------------------------------------------

    @abstractmethod
    def get_node(self, node_id: str) -> Node | None:
        """The node with this id, or None."""

    @abstractmethod
    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        """The stored nodes among ``ids``, by id (ids not stored are left out), in one round trip."""

    @abstractmethod
    def search(self, text: str, limit: int = 20, labels: Iterable[str] = ()) -> list[Node]:
        """Nodes whose name or acronym contains ``text``, ignoring case; exact and prefix matches first."""

    @abstractmethod
    def neighbourhood(self, node_id: str, depth: int = 1) -> nx.MultiDiGraph:
        """The nodes within ``depth`` hops of a node (either direction) and the relationships among them."""

    @abstractmethod
    def nodes(self) -> Iterator[Node]:
        """Every node."""

    @abstractmethod
    def relationships(self) -> Iterator[Relationship]:
        """Every relationship."""

    @abstractmethod
    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` for what is stored."""

    def export(self, where: GraphFilter | None = None) -> nx.MultiDiGraph:
        """The whole graph, or the part ``where`` keeps, as a NetworkX MultiDiGraph.

        Node attributes are ``label``, ``name`` and the properties; edges are keyed by type and
        carry ``type`` and the properties.
        """
        G = to_networkx(self.nodes(), self.relationships())
        return filter_graph(G, where) if where else G

    def close(self) -> None:  # noqa: B027 - backends without resources need not override
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def copy_graph(source: Store, target: Store, progress: Progress | None = None) -> dict[str, dict[str, int]]:
    """Copy every node and relationship of ``source`` into the empty store ``target``; return the counts.

    Raises GraphkitError when ``target`` is not empty (nothing is written) or when, after the copy,
    the two stores' counts differ. The copy itself is one upsert, so it is all-or-nothing.
    """
    counts = source.counts()
    held = target.counts()
    if any(held["nodes"].values()) or any(held["relationships"].values()):
        n, r = sum(held["nodes"].values()), sum(held["relationships"].values())
        raise GraphkitError(
            f"{target.url} already holds {n} nodes and {r} relationships; copy needs an empty store "
            f"(a new SQLite file, or an emptied Neo4j database)"
        )
    target.upsert(source.nodes(), source.relationships(), progress=progress)
    copied = target.counts()
    if copied != counts:
        raise GraphkitError(
            f"the copy in {target.url} does not match {source.url}: "
            f"expected {json.dumps(counts, sort_keys=True)}, found {json.dumps(copied, sort_keys=True)}"
        )
    return counts


def to_networkx(nodes: Iterable[Node], relationships: Iterable[Relationship]) -> nx.MultiDiGraph:
    """Build the MultiDiGraph that stores export from plain records."""
    return graph_of(
        ((n.id, {"label": n.label, "name": n.name, **n.props}) for n in nodes),
        ((r.source, r.target, r.type, {"type": r.type, **r.props}) for r in relationships),
    )


def graph_of(
    nodes: Iterable[tuple[str, dict]], edges: Iterable[tuple[str, str, str, dict]]
) -> nx.MultiDiGraph:
    """A MultiDiGraph of ``(id, attributes)`` nodes and ``(source, target, type, attributes)`` edges.

    The cyclic garbage collector is paused meanwhile: the millions of dicts a big graph is made of
    set it off again and again, for nothing (a third of the time of reading 1M relationships).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        G = nx.MultiDiGraph()
        G.add_nodes_from(nodes)
        G.add_edges_from(edges)
        return G
    finally:
        if paused:
            gc.enable()


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _relabel_problems(node: Node, stored_label: str | None) -> list[Problem]:
    if stored_label is None or stored_label == node.label:
        return []
    return [
        Problem(node.where(), "id", f"{node.id!r} is already a {stored_label}; ids are unique across labels")
    ]
