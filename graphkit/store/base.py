"""The store contract: what every backend (embedded SQLite, Neo4j) does, and the checks they share."""

from __future__ import annotations

import getpass
import json
import os
import uuid
from abc import ABC, abstractmethod
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path
from sys import intern
from typing import Any, Protocol, TypeVar

import networkx as nx
import numpy as np

from graphkit import collector
from graphkit.errors import MAX_PROBLEMS, ConflictError, GraphkitError, Problem, ValidationError
from graphkit.graph import columns
from graphkit.graph.filters import GraphFilter, filter_graph
from graphkit.graph.titles import titled
from graphkit.model import Node, Relationship, endpoint_problems, node_problems, relationship_problems
from graphkit.model.changeset import Change, ChangeSet, RelKey  # importable from here too
from graphkit.model.mentions import ERASED, Mentions
from graphkit.model.schema import FIELD_DEF, Schema
from graphkit.model.validation import ENDS
from graphkit.store.kept import KeptFile

Progress = Callable[[int], None]
#: What ``Store.sign_ins`` calls to change entries: their values in, their new values (None: drop) out.
SignInUpdate = Callable[[dict[str, dict[str, Any]]], dict[str, dict[str, Any] | None]]
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
#: Who writes when nobody is named: ``$GRAPHKIT_USER``, else the login name.
USER_ENV = "GRAPHKIT_USER"


def default_user() -> str:
    """Who writes when a write names nobody: ``$GRAPHKIT_USER``, else the operating system's login name."""
    try:
        return os.environ.get(USER_ENV) or getpass.getuser()
    except OSError:  # no login name (a container without a passwd entry)
        return "unknown"


def node_record(node: Node) -> dict[str, Any]:
    """A node as the history keeps it."""
    return {"label": node.label, "name": node.name, "props": node.props}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class FeedPage:
    """What changed after a position of the change feed: the changes in order, and the position they
    bring a reader to. ``changes`` is None when they cannot be replayed (a first load or an erasure,
    which the history keeps as one entry, or more than the page holds): the reader rereads whole."""

    position: int
    changes: list[Change] | None


#: Actions the history keeps as one entry without the records: a reader must reread.
_NOT_REPLAYABLE = ("load", "erase")


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What one ChangeSet did: records written, deleted, rewritten by an erasure, history entries
    forgotten or rewritten by it."""

    nodes: int
    relationships: int
    deleted: int = 0
    rewritten: int = 0
    forgotten: int = 0
    retold: int = 0  # other records' history entries rewritten without the erased text
    #: After an erasure: which bytes beside the store may still hold what was erased, and why (None: none).
    remains: str | None = None
    #: The write's batch in the edit history (``Store.history(batch=...)``, what ``graphkit.edits.undo`` undoes).
    batch: str | None = None


class Transaction(Protocol):
    """What a backend offers inside one all-or-nothing write."""

    def is_empty(self) -> bool: ...
    def labels_of(self, ids: Collection[str]) -> Mapping[str, str]:
        """The labels of those of ``ids`` that are stored (the mapping may hold others too)."""

    def field_defs(self) -> list[Node]: ...
    def nodes_of(self, ids: list[str]) -> dict[str, Node]: ...
    def relationships_of(self, keys: list[RelKey]) -> dict[RelKey, dict[str, Any]]: ...
    def relationships_touching(self, node_id: str) -> list[Relationship]: ...
    def mentioning(self, may_hold: Callable[[str], bool]) -> tuple[list[Node], list[Relationship]]: ...
    def write_nodes(self, nodes: list[Node]) -> None: ...
    def write_relationships(self, rels: list[Relationship]) -> None: ...
    def delete_nodes(self, ids: list[str]) -> None: ...
    def delete_relationships(self, keys: list[RelKey]) -> None: ...
    def write_changes(self, changes: list[Change]) -> None: ...
    def changes(self, node: str | None, batch: str | None, limit: int) -> list[Change]: ...
    def forget(self, ids: list[str]) -> int: ...
    def rewrite_changes(
        self, may_hold: Callable[[str], bool], rewrite: Callable[[Change], Change | None]
    ) -> tuple[int, int]: ...


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


#: At most this many sign-in entries are kept in a store (``Store.sign_ins``).
MAX_SIGN_INS = 10_000


class Store(ABC):
    """A graph of stakeholders kept somewhere. Every write is validated against the model and
    recorded in the edit history, in the same store, with who made it.

    Backends implement the abstract methods and a ``Transaction``; validation, batching, history,
    conflicts and filtering live here so that every backend behaves the same.
    """

    url: str
    batch_size: int = 10_000
    #: The file beside this store where the live layer keeps its whole graph for app processes to start
    #: from (``graphkit.live.snapshot``); None: not kept (Neo4j's data stays on its server).
    kept: KeptFile | None = None

    # -- writes -------------------------------------------------------------------------------

    def apply(
        self, changes: ChangeSet, *, by: str | None = None, progress: Progress | None = None
    ) -> WriteSummary:
        """Apply a ChangeSet whole, in one write transaction, or nothing of it: the one way data changes.

        Inside the transaction: every ``expected`` version is checked (a record changed since the
        writer read it raises ConflictError naming who changed it), every record is validated (a bad
        value, an endpoint that does not exist or has the wrong label, an id taken by another label:
        ValidationError listing up to 50 problems, each naming its record or file row and field),
        relationships and nodes are written, then deleted (a node with every relationship touching
        it), texts in ``scrub`` are removed everywhere, and the history records who did it.

        Writes are serialised per store: concurrent writers both land when their changes are
        disjoint, and one is refused when it read a record the other changed. Nodes and
        relationships may be long generators (consumed in batches of ``batch_size``); relationships
        may point at nodes of the same ChangeSet. A write into an empty store (a first load) is
        recorded as one ``load`` entry with its counts.
        """
        if changes.scrub:
            self.check_erasable()
        return self._atomic(lambda tx: self._apply(tx, changes, progress, by or default_user()))

    def check_erasable(self) -> None:  # noqa: B027 - a store with nothing beside it has nothing to check
        """Refuse an erasure (GraphkitError) before anything is deleted when something it must also
        clear, beside the store, could not be cleared: the erasure's one pre-flight check."""

    def upsert(
        self,
        nodes: Iterable[Node] = (),
        relationships: Iterable[Relationship] = (),
        progress: Progress | None = None,
        *,
        by: str | None = None,
        action: str | None = None,
        expected: Mapping[str | RelKey, Node | Relationship | None] | None = None,
    ) -> WriteSummary:
        """Create or replace nodes (by id) and relationships (by key): ``apply`` of a ChangeSet of them."""
        changes = ChangeSet(nodes, relationships, expected=expected or {}, action=action)
        return self.apply(changes, by=by, progress=progress)

    def _apply(self, tx: Transaction, cs: ChangeSet, progress: Progress | None, by: str) -> WriteSummary:
        history = _History(by, cs.action, summary=tx.is_empty(), quiet=bool(cs.scrub))
        _check_expected(tx, cs.expected)
        written_nodes, written_rels = self._write(tx, cs.nodes, cs.relationships, progress, history)
        deleted = self._delete(tx, cs.delete_nodes, cs.delete_relationships, history)
        if cs.scrub:
            rewritten, forgotten, retold = _scrub_everywhere(tx, cs.scrub, cs.delete_nodes)
            history.changes.append(Change(history.at, by, cs.action or "erase", history.batch, ERASED))
            tx.write_changes(history.take())
            return WriteSummary(
                written_nodes, written_rels, deleted, rewritten, forgotten, retold, batch=history.batch
            )
        tx.write_changes(history.load_entry(written_nodes, written_rels))
        return WriteSummary(written_nodes, written_rels, deleted, batch=history.batch)

    def _write(
        self,
        tx: Transaction,
        nodes: Iterable[Node],
        relationships: Iterable[Relationship],
        progress: Progress | None,
        history: _History,
    ) -> tuple[int, int]:
        problems = _Problems()
        written_nodes = written_rels = 0
        schema = Schema().declaring(tx.field_defs())
        loaded: dict[str, str] = {}  # a first load's labels by id: all that the store holds
        for chunk in _batched(nodes, self.batch_size):
            # Fields declared in this write are known to the records after them (the FieldDef first).
            for n in chunk:
                if n.label == FIELD_DEF and not problems.add(node_problems(n, schema)):
                    schema = schema.declaring([n])
            good = [n for n in chunk if not problems.add(node_problems(n, schema))]
            if history.summary:  # nothing to read back, and no history of each record
                good = [n for n in good if _relabels(n, loaded, problems)]
            else:
                stored = tx.nodes_of([n.id for n in good])
                labels = {i: n.label for i, n in stored.items()}
                good = [n for n in good if _relabels(n, labels, problems)]
                for n in good:
                    history.node(n, stored.get(n.id))
                    stored[n.id] = n  # a later version of the same id in this call changes this one
            tx.write_nodes(good)
            tx.write_changes(history.take())
            written_nodes += len(good)
            if progress:
                progress(len(chunk))
            if problems.full:
                break
        for chunk in _batched(relationships, self.batch_size) if not problems.full else ():
            good = [r for r in chunk if not problems.add(relationship_problems(r))]
            ends = {r.source for r in good}
            ends.update([r.target for r in good])
            known = tx.labels_of(ends)
            good = [
                r
                for r in good
                # one lookup for the common case; the problems in words only for a relationship that fails it
                if (known.get(r.source), known.get(r.target)) in ENDS[r.type]
                or not problems.add(endpoint_problems(r, known.get(r.source), known.get(r.target)))
            ]
            if not history.summary:
                stored_rels = tx.relationships_of([r.key for r in good])
                for r in good:
                    history.relationship(r, stored_rels.get(r.key))
                    stored_rels[r.key] = r.props
            tx.write_relationships(good)
            tx.write_changes(history.take())
            written_rels += len(good)
            if progress:
                progress(len(chunk))
            if problems.full:
                break
        if problems:
            raise ValidationError(problems[:MAX_PROBLEMS], truncated=problems.full)
        return written_nodes, written_rels

    @staticmethod
    def _delete(tx: Transaction, node_ids: list[str], keys: list[RelKey], history: _History) -> int:
        """Delete relationships, then nodes with every relationship touching them; the history keeps
        them as they were, so a node can be restored. Returns how many records went."""
        found = tx.relationships_of(list(keys)) if keys else {}
        for key, props in found.items():
            history.relationship(None, props, key)
        tx.delete_relationships(list(found))
        nodes = tx.nodes_of(list(node_ids)) if node_ids else {}
        gone = set()
        for node_id, node in nodes.items():
            history.node(None, node, node_id)
            for r in tx.relationships_touching(node_id):
                if r.key not in gone:
                    gone.add(r.key)
                    history.relationship(None, r.props, r.key)
        tx.delete_nodes(list(nodes))
        tx.write_changes(history.take())
        return len(found) + len(nodes) + len(gone)

    # -- the change feed ------------------------------------------------------------------------

    @abstractmethod
    def feed_position(self) -> int:
        """Where the change feed stands: every write that changed anything moved it on, in one order
        shared by every writer of this store."""

    @abstractmethod
    def _changes_after(self, position: int, limit: int) -> list[Change]:
        """Up to ``limit`` history entries after ``position``, in feed order (an index seek)."""

    def changes_since(self, position: int, limit: int = 10_000) -> FeedPage:
        """What changed after ``position`` (from ``feed_position``), in order, for a reader to apply
        to a graph it read then (``graphkit.graph.apply_changes``). Says to reread whole (changes
        None) when the changes cannot be replayed or are more than ``limit``."""
        now = self.feed_position()
        if now <= position:
            return FeedPage(position, [])
        changes = self._changes_after(position, limit + 1)
        # "*": a first load's one entry of counts, whatever its action (an import into an empty store)
        if len(changes) > limit or any(c.action in _NOT_REPLAYABLE or c.node == "*" for c in changes):
            return FeedPage(now, None)
        return FeedPage(max([now, *(c.position for c in changes)]), changes)

    @abstractmethod
    def history(self, node_id: str | None = None, limit: int = 200, batch: str | None = None) -> list[Change]:
        """The edit history, newest first: all of it, what touched ``node_id`` (the node and its
        relationships), or one write's ``batch``."""

    def person_record(self, node_id: str) -> dict[str, Any]:
        """Everything held about one person, for a subject-access request: the node, each
        relationship with the other end's name, the interactions they took part in, and the history."""
        person = self.get_node(node_id)
        if person is None or person.label != "Person":
            raise GraphkitError(f"no person with id {node_id!r}")
        near = self.neighbourhood(node_id, 2)  # their interactions' other participants, for the titles
        rels = [
            {
                "type": k,
                "from": u,
                "to": v,
                "other": near.nodes[v if u == node_id else u].get("name"),
                "properties": {f: x for f, x in d.items() if f != "type"},
            }
            for u, v, k, d in near.edges(keys=True, data=True)
            if node_id in (u, v)
        ]
        interactions = [
            {"id": v, **{f: x for f, x in near.nodes[v].items() if f != "label"}}
            for _, v, k in near.out_edges(node_id, keys=True)
            if k == "PARTICIPATED_IN"
        ]
        changes = [
            {
                f: getattr(c, f)
                for f in ("at", "user", "action", "node", "rel_type", "other", "before", "after")
            }
            for c in self.history(node_id, limit=1_000_000)
        ]
        return {
            "person": {"id": person.id, "name": person.name, **person.props},
            "relationships": rels,
            "interactions": interactions,
            "history": changes,
        }

    def _atomic(self, work: Callable[[Transaction], T]) -> T:
        """Run ``work`` in one write transaction: it commits when ``work`` returns, and rolls back when it raises.

        Backends implement ``_transaction``, or override this (Neo4j's driver wants a function it can retry).
        """
        with self._transaction() as tx:
            return work(tx)

    def _transaction(self) -> AbstractContextManager[Transaction]:
        """A write transaction that commits on normal exit and rolls back on any exception."""
        raise NotImplementedError

    # -- reads --------------------------------------------------------------------------------

    def schema(self) -> Schema:
        """The schema of what this store holds: the model's fields and the fields its team declared."""
        return Schema().declaring(self.search("", limit=10_000, labels=[FIELD_DEF]))

    @abstractmethod
    def get_node(self, node_id: str) -> Node | None:
        """The node with this id, or None."""

    @abstractmethod
    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        """The stored nodes among ``ids``, by id (ids not stored are left out), in one round trip."""

    @abstractmethod
    def get_relationships(self, keys: Iterable[RelKey]) -> dict[RelKey, dict[str, Any]]:
        """The properties of the stored relationships among ``keys`` (source, type, target), by key."""

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

    def feed_mark(self, position: int) -> str | None:
        """What tells the feed entry at ``position`` from another store's at the same position (None:
        no entry there, or this store cannot tell)."""
        return None

    # -- backups --------------------------------------------------------------------------------

    @abstractmethod
    def backup(self, out: Path) -> int:
        """Copy everything the store holds (the graph, its history and feed) to the new file ``out``, as
        one snapshot, while others read and write; the feed position it was taken at."""

    @abstractmethod
    def _backup_position(self, source: Path) -> int:
        """The feed position the backup ``source`` was taken at. Raises GraphkitError when it is not
        a backup of this kind of store."""

    @abstractmethod
    def _restore(self, source: Path, before: int) -> None:
        """Replace everything the store holds by the backup ``source``; its feed goes on after
        ``before`` (the position before the restore), however old the backup."""

    def erasures_after(self, position: int) -> list[Change]:
        """The erasures recorded after feed ``position``, oldest first."""
        found, limit = [], 100_000
        while changes := self._changes_after(position, limit):
            found += [c for c in changes if c.node == ERASED]
            if len(changes) < limit:
                break
            position = changes[-1].position
        return found

    def restore(self, source: Path, allow_before_erasure: bool = False, by: str | None = None) -> int:
        """Replace everything the store holds by the backup ``source`` (from ``backup``); the feed
        position it was taken at. Recorded as one ``load`` entry, so every reader reads the graph
        again. Raises GraphkitError, restoring nothing, when the backup was taken before an erasure
        (it holds what was erased) unless ``allow_before_erasure``."""
        taken = self._backup_position(source)
        erasures = self.erasures_after(taken)
        if erasures and not allow_before_erasure:
            raise GraphkitError(
                f"{source} was taken before {len(erasures)} erasure(s) in {self.url} (the last on "
                f"{erasures[-1].at[:10]} by {erasures[-1].user}): restoring it would bring back what was erased. "
                "Nothing was restored. Restore it anyway with --allow-before-erasure, then erase again."
            )
        before = self.feed_position()
        self._restore(source, before)
        entry = Change(
            _now(), by or default_user(), "load", uuid.uuid4().hex, "*", after={"restored": source.name}
        )
        self._atomic(lambda tx: tx.write_changes([entry]))
        return taken

    # -- sign-in failures: the app's, not the graph's (no history, no feed) -----------------------

    @abstractmethod
    def sign_ins(
        self,
        keys: list[str],
        now: float,
        update: SignInUpdate | None = None,
    ) -> dict[str, dict[str, Any]]:
        """The sign-in entries of ``keys`` not expired by ``now``: JSON-able dicts, each with ``expires``
        (a time like ``now``). With ``update``, in one write: it gets them and returns their new values
        (None drops one), which are returned. Expired entries are dropped, and past MAX_SIGN_INS those
        expiring first, so that the entries stay few whatever names and addresses are tried."""

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


#: Property values up to this long are shared between records (dates, stances, contexts, roles).
SHARED_UP_TO = 24


def shared(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` with its names, and its short text values, shared with every other record's: a store
    gives each record's strings as new objects, and a million records repeat the same few (half the
    memory of a graph at a million relationships)."""
    return {
        intern(k): intern(v) if type(v) is str and len(v) <= SHARED_UP_TO else v for k, v in props.items()
    }


def to_networkx(nodes: Iterable[Node], relationships: Iterable[Relationship]) -> nx.MultiDiGraph:
    """Build the MultiDiGraph that stores export from plain records, their repeated strings shared,
    generated titles rendered (``graphkit.graph.titles``)."""
    return titled(
        graph_of(
            ((intern(n.id), {"label": intern(n.label), "name": n.name, **shared(n.props)}) for n in nodes),
            (
                (intern(r.source), intern(r.target), t := intern(r.type), {"type": t, **shared(r.props)})
                for r in relationships
            ),
        )
    )


def graph_of(
    nodes: Iterable[tuple[str, dict[str, Any]]], edges: Iterable[tuple[str, str, str, dict[str, Any]]]
) -> nx.MultiDiGraph:
    """A MultiDiGraph of ``(id, attributes)`` nodes and ``(source, target, type, attributes)`` edges;
    the attribute dicts become the graph's own (pass fresh ones). Repeats update, as NetworkX's do.

    Filled in NetworkX's own layout (``_node``, ``_succ``, ``_pred``, one key dict shared by both
    ends) rather than by ``add_edges_from``, which copies every attribute dict and costs several
    microseconds an edge: NetworkX is held to a minor version for it, and
    tests/test_networkx_layout.py checks the result against NetworkX's own. The garbage collector is
    paused meanwhile (``graphkit.collector``).

    >>> G = graph_of([("a", {"label": "Person"})], [("a", "b", "KNOWS", {"type": "KNOWS"})])
    >>> list(G.edges(keys=True, data=True)), G.nodes["b"], list(G.predecessors("b"))
    ([('a', 'b', 'KNOWS', {'type': 'KNOWS'})], {}, ['a'])
    """
    with collector.paused():
        G = nx.MultiDiGraph()
        node, succ, pred = G._node, G._succ, G._pred
        for n, attrs in nodes:
            if n in node:
                node[n].update(attrs)
            else:
                node[n], succ[n], pred[n] = attrs, {}, {}
        for u, v, k, attrs in edges:
            for n in (u, v):
                if n not in node:
                    node[n], succ[n], pred[n] = {}, {}, {}
            keyed = succ[u].get(v)
            if keyed is None:
                keyed = succ[u][v] = pred[v][u] = {}
            if k in keyed:
                keyed[k].update(attrs)
            else:
                keyed[k] = attrs
        return G


#: A node row ``(id, label, name, props)`` or a relationship row ``(source, type, target, props)``,
#: ``props`` as JSON text.
Row = tuple[str, str, str, str]


@dataclass
class GraphColumns:
    """A whole graph as columns, its repeated property sets parsed once: node ``i`` is ``ids[i]``
    (``labels[i]`` and ``names[i]`` None for an end of a relationship without a node row) with the
    properties ``node_kinds[node_kind[i]]``; relationship ``j`` joins ``ids[sources[j]]`` to
    ``ids[targets[j]]`` with the attributes ``edge_kinds[edge_kind[j]]`` (``{"type": ..., **props}``).
    The kinds are shared, not copied: read-only."""

    ids: list[str] = field(default_factory=list)
    labels: list[str | None] = field(default_factory=list)
    names: list[str | None] = field(default_factory=list)
    node_kind: list[int] = field(default_factory=list)
    node_kinds: list[dict[str, Any]] = field(default_factory=list)
    sources: array[int] | np.ndarray = field(default_factory=lambda: array("q"))
    targets: array[int] | np.ndarray = field(default_factory=lambda: array("q"))
    edge_kind: array[int] | np.ndarray = field(default_factory=lambda: array("q"))
    edge_kinds: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of_rows(
        cls, nodes: Iterable[list[Row]], relationships: Iterable[list[tuple[str, str, str]]]
    ) -> GraphColumns:
        """The columns of node rows ``(id, label, name, props)`` and relationship rows ``(source,
        target, type + " " + props)``, ``props`` as JSON text, given a chunk (a list) at a time. Each
        distinct text of properties is parsed once, a chunk's in one call."""
        with collector.paused():
            return cls._of_rows(nodes, relationships)

    @classmethod
    def _of_rows(
        cls, nodes: Iterable[list[Row]], relationships: Iterable[list[tuple[str, str, str]]]
    ) -> GraphColumns:
        c = cls()
        node_kinds: dict[str, int] = {}
        index: dict[str, int] = {}
        for rows in filter(None, nodes):
            ids, labels, names, props = zip(*rows, strict=True)
            c.ids += map(intern, ids)
            c.labels += map(intern, labels)
            c.names += names
            c.node_kind += _kinds(props, node_kinds, c.node_kinds, lambda t: list(map(shared, _parsed(t))))
        index.update(zip(c.ids, range(len(c.ids)), strict=False))
        edge_kinds: dict[str, int] = {}
        ends_from, ends_to, kind = array("q"), array("q"), array("q")

        def typed(kinds: list[str]) -> list[dict[str, Any]]:
            split = [k.split(" ", 1) for k in kinds]
            parsed = _parsed([p for _, p in split])
            return [{"type": intern(t), **d} for (t, _), d in zip(split, parsed, strict=True)]

        for chunk in filter(None, relationships):
            sources, targets, kinds = zip(*chunk, strict=True)
            try:
                at = [array("q", map(index.__getitem__, ends)) for ends in (sources, targets)]
            except KeyError:  # ends without a node row: nodes without attributes, in the rows' order
                for n in chain.from_iterable(zip(sources, targets, strict=True)):
                    if n not in index:
                        index[n] = len(c.ids)
                        c.ids.append(intern(n))
                        c.labels.append(None)
                        c.names.append(None)
                        c.node_kind.append(-1)
                at = [array("q", map(index.__getitem__, ends)) for ends in (sources, targets)]
            ends_from.extend(at[0])
            ends_to.extend(at[1])
            kind.extend(_kinds(kinds, edge_kinds, c.edge_kinds, typed))
        c.sources, c.targets, c.edge_kind = ends_from, ends_to, kind
        return c

    def graph(self) -> nx.MultiDiGraph:
        """The MultiDiGraph of these columns (``graph_of_columns``): a node's dict its own, an edge's
        shared with the edges of the same type and properties."""
        with collector.paused():
            return self._graph()

    def _graph(self) -> nx.MultiDiGraph:
        kinds = self.node_kinds
        nodes = [
            {} if label is None else {"label": label, "name": name, **kinds[k]}
            for label, name, k in zip(self.labels, self.names, self.node_kind, strict=True)
        ]
        kind = np.asarray(self.edge_kind, dtype=np.int64)
        edges = list(map(self.edge_kinds.__getitem__, kind.tolist()))
        ends = (np.asarray(self.sources, dtype=np.int64), np.asarray(self.targets, dtype=np.int64))
        G = graph_of_columns(self.ids, nodes, *ends, edges)
        columns.keep(G, columns.EdgeColumns(self.ids, *ends, kind, self.edge_kinds))
        return G


def _parsed(texts: list[str]) -> list[dict[str, Any]]:
    """JSON objects' texts parsed in one call (the parser's per-call cost paid once)."""
    return json.loads("[" + ",".join(texts) + "]") if texts else []


def _kinds(
    keys: Sequence[K], index: dict[K, int], kinds: list[V], parse: Callable[[list[K]], list[V]]
) -> Iterable[int]:
    """The place of each key's kind in ``kinds``: those not in ``index`` yet parsed (``parse``) and added."""
    new = [k for k in dict.fromkeys(keys) if k not in index]
    if new:
        index.update(zip(new, range(len(kinds), len(kinds) + len(new)), strict=False))
        kinds += parse(new)
    return map(index.__getitem__, keys)


def graph_of_columns(
    ids: list[str],
    nodes: list[dict[str, Any]],
    sources: np.ndarray,
    targets: np.ndarray,
    edges: list[dict[str, Any]],
) -> nx.MultiDiGraph:
    """The MultiDiGraph of node ``ids`` with their attribute dicts ``nodes``, and edges from
    ``ids[sources[i]]`` to ``ids[targets[i]]`` keyed by ``edges[i]["type"]`` with attributes
    ``edges[i]`` (no key twice): the graph ``graph_of`` builds from the same rows, in the same order.

    Edges with equal attributes may share one dict (a million relationships hold a fifth as many
    distinct ones): what changes an edge of the graph replaces its dict, never changes it in place
    (``graphkit.graph.feed.apply_changes``). Filled in NetworkX's own layout, as ``graph_of``, a dict
    per node built whole from its sorted slice of the edges rather than an edge at a time."""
    with collector.paused():
        G = nx.MultiDiGraph()
        G._node.update(zip(ids, nodes, strict=True))
        G._succ.update((n, {}) for n in ids)
        G._pred.update((n, {}) for n in ids)
        if not len(sources):
            return G
        names = np.array(ids, dtype=object)
        pair = sources.astype(np.int64) * len(ids) + targets
        order = np.argsort(pair, kind="stable")
        pair = pair[order]
        first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
        # One dict of edges by type per (source, target) pair, shared by both ends, in the rows' order:
        # built by a dict display for the many pairs of one edge, by a slice for the rest.
        listed = np.fromiter(edges, dtype=object, count=len(edges))[order].tolist()
        size = np.diff(np.r_[first, len(order)])
        keyed = np.empty(len(first), dtype=object)
        one = size == 1
        keyed[one] = [{d["type"]: d} for d in map(listed.__getitem__, first[one].tolist())]
        for i, a, b in zip(
            np.flatnonzero(~one).tolist(), first[~one].tolist(), (first + size)[~one].tolist(), strict=False
        ):
            keyed[i] = {d["type"]: d for d in listed[a:b]}
        u, v, row = sources[order][first], targets[order][first], order[first]  # row: the pair's first
        # Each node's neighbours in the order their first edge came, as an edge at a time would give.
        for adjacency, at, other in ((G._succ, u, v), (G._pred, v, u)):
            chosen = np.lexsort((row, at))
            at, others, kept = at[chosen], names[other[chosen]].tolist(), keyed[chosen].tolist()
            starts = np.flatnonzero(np.r_[True, at[1:] != at[:-1]]).tolist()
            for node, a, b in zip(at[starts].tolist(), starts, [*starts[1:], len(at)], strict=True):
                adjacency[ids[node]] = dict(zip(others[a:b], kept[a:b], strict=True))
        return G


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _relabels(node: Node, labels: dict[str, str], problems: _Problems) -> bool:
    """Whether ``node`` keeps the label its id has in ``labels`` (stored, or written earlier in this
    write, which it then joins); else a problem."""
    label = labels.setdefault(node.id, node.label)
    if label == node.label:
        return True
    problems.add(
        [Problem(node.where(), "id", f"{node.id!r} is already a {label}; ids are unique across labels")]
    )
    return False


class _History:
    """The changes one write call makes, gathered batch by batch for the store's history."""

    def __init__(self, user: str, action: str | None, summary: bool = False, quiet: bool = False) -> None:
        # quiet: an erasure records no record as it was, since that would keep what it erases
        self.user, self.action, self.summary, self.quiet = user, action, summary, quiet
        self.batch = uuid.uuid4().hex
        self.at = _now()
        self.changes: list[Change] = []
        self.seq = 0

    def _add(
        self,
        action: str,
        node: str,
        rel_type: str | None,
        other: str | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self.seq += 1
        self.changes.append(
            Change(
                self.at,
                self.user,
                self.action or action,
                self.batch,
                node,
                rel_type,
                other,
                before,
                after,
                self.seq,
            )
        )

    def node(self, new: Node | None, old: Node | None, node_id: str | None = None) -> None:
        """Record a node written (``new``) over ``old``; nothing when they are the same, or in a first load."""
        before = None if old is None else node_record(old)
        after = None if new is None else node_record(new)
        if not (self.summary or self.quiet) and before != after:
            kind = "create" if old is None else "delete" if new is None else "update"
            if node_id is None:
                assert new is not None, "a node deleted is recorded by its id"
                node_id = new.id
            self._add(kind, node_id, None, None, before, after)

    def relationship(
        self, new: Relationship | None, old: dict[str, Any] | None, key: RelKey | None = None
    ) -> None:
        """Record a relationship written (``new``) over properties ``old``."""
        if key is None:
            assert new is not None, "a relationship deleted is recorded by its key"
            key = new.key
        source, rel_type, target = key
        before = None if old is None else {"props": old}
        after = None if new is None else {"props": new.props}
        if not (self.summary or self.quiet) and before != after:
            kind = "create" if old is None else "delete" if new is None else "update"
            self._add(kind, source, rel_type, target, before, after)

    def take(self) -> list[Change]:
        taken, self.changes = self.changes, []
        return taken

    def load_entry(self, nodes: int, relationships: int) -> list[Change]:
        """The one entry of a first load: what it wrote, counted."""
        if not self.summary or not (nodes or relationships):
            return []
        after = {"nodes": nodes, "relationships": relationships}
        return [Change(self.at, self.user, self.action or "load", self.batch, "*", after=after)]


def _check_expected(tx: Transaction, expected: Mapping[str | RelKey, Node | Relationship | None]) -> None:
    """Raise ConflictError when any record is no longer as the writer read it."""
    if not expected:
        return
    ids = [k for k in expected if isinstance(k, str)]
    keys = [k for k in expected if not isinstance(k, str)]
    nodes = tx.nodes_of(ids) if ids else {}
    rels = tx.relationships_of(keys) if keys else {}
    for key, read in expected.items():
        _check_unchanged(tx, key, read, nodes.get(key) if isinstance(key, str) else rels.get(key))


def _scrub_everywhere(tx: Transaction, texts: list[str], gone: list[str]) -> tuple[int, int, int]:
    """Remove every mention of ``texts`` (``graphkit.model.mentions``) from the store, after the
    records ``gone`` were deleted: their own history goes; text elsewhere becomes ERASED.

    A node whose id mentions one (made by an older version from a name) gets a new id that names
    nobody, with its relationships moved to it; the history of such ids goes. Other history entries
    are rewritten without the mentions. Returns (records rewritten, history entries removed, history
    entries rewritten).
    """
    mentions = Mentions(texts)
    nodes, rels = tx.mentioning(mentions.may_hold)
    nodes = [n for n in nodes if _scrubbed_node(n, mentions) != n or mentions.holds(n.id)]
    renamed = {n.id: f"{n.id.split('-')[0]}-{uuid.uuid4().hex[:12]}" for n in nodes if mentions.holds(n.id)}
    moved: dict[RelKey, Relationship] = {}
    for r in rels:
        if _scrubbed_rel(r, mentions, {}) != r:
            moved[r.key] = r
    for old in renamed:
        moved.update((r.key, r) for r in tx.relationships_touching(old))
    tx.delete_nodes(list(renamed))
    tx.write_nodes([_scrubbed_node(n, mentions, renamed.get(n.id, n.id)) for n in nodes])
    tx.write_relationships([_scrubbed_rel(r, mentions, renamed) for r in moved.values()])
    forgotten = tx.forget([*gone, *renamed])

    def rewrite(c: Change) -> Change | None:
        if mentions.holds(c.node) or mentions.holds(c.other or ""):
            return None  # the history of a record once named after them
        return replace(c, before=mentions.scrub(c.before), after=mentions.scrub(c.after))

    removed, rewritten = tx.rewrite_changes(mentions.may_hold, rewrite)
    return len(nodes) + len(moved), forgotten + removed, rewritten


def _scrubbed_node(n: Node, mentions: Mentions, node_id: str | None = None) -> Node:
    return Node(node_id or n.id, n.label, mentions.scrub(n.name), mentions.scrub(n.props))


def _scrubbed_rel(r: Relationship, mentions: Mentions, renamed: Mapping[str, str]) -> Relationship:
    return Relationship(
        r.type, renamed.get(r.source, r.source), renamed.get(r.target, r.target), mentions.scrub(r.props)
    )


def _check_unchanged(
    tx: Transaction, key: str | RelKey, read: Node | Relationship | None, stored: Node | dict[str, Any] | None
) -> None:
    """Raise ConflictError when the stored record is no longer the one the writer read."""
    if isinstance(read, Node):
        same = isinstance(stored, Node) and node_record(stored) == node_record(read)
    elif isinstance(read, Relationship):
        same = stored is not None and stored == read.props
    else:
        same = stored is None
    if same:
        return
    what = key if isinstance(key, str) else f"{key[1]} {key[0]!r} -> {key[2]!r}"
    last = next(
        (c for c in tx.changes(key if isinstance(key, str) else key[0], None, 200) if c.key == key), None
    )
    by = f" by {last.user} at {last.at[:16].replace('T', ' ')} UTC" if last else ""
    raise ConflictError(
        f"{what} was changed{by} since you read it; nothing was saved. Reload it and make your change again."
    )
