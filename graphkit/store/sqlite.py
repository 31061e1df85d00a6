"""The embedded store: one SQLite file (standard library ``sqlite3``, WAL mode), no server."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path

import networkx as nx

from graphkit.errors import StoreUnavailable
from graphkit.graph.filters import GraphFilter, filter_graph
from graphkit.model import Node, Relationship
from graphkit.store.base import Store, graph_of, to_networkx

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    acronym_fold TEXT NOT NULL,
    props TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label);
CREATE TABLE IF NOT EXISTS relationships (
    source TEXT NOT NULL,
    type TEXT NOT NULL,
    target TEXT NOT NULL,
    props TEXT NOT NULL,
    PRIMARY KEY (source, type, target)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS relationships_target ON relationships(target);
"""

# One parameter carries a whole batch of ids as a JSON array, so no query is built from values.
_IDS = "(SELECT value FROM json_each(?))"


_KEY = itemgetter(0, 1, 2)
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _dumps(props: dict) -> str:
    return _encode(props) if props else "{}"  # most relationships have no properties


def _loads(props: str) -> dict:
    return json.loads(props) if props != "{}" else {}


def _node(row: tuple) -> Node:
    return Node(row[0], row[1], row[2], json.loads(row[3]))


def _rel(row: tuple) -> Relationship:
    return Relationship(row[1], row[0], row[2], json.loads(row[3]))


class _SqliteTransaction:
    """One write transaction. It remembers the labels it has looked up or written, so the
    relationships of a load find their endpoints without asking the database again."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.known: dict[str, str] = {}

    def labels_of(self, ids: list[str]) -> dict[str, str]:
        known = self.known
        unknown = [i for i in ids if i not in known]
        if unknown:
            known.update(
                self.db.execute(f"SELECT id, label FROM nodes WHERE id IN {_IDS}", (json.dumps(unknown),))
            )
        return {i: known[i] for i in ids if i in known}

    def write_nodes(self, nodes: list[Node]) -> None:
        self.db.executemany(
            "INSERT INTO nodes (id, label, name, name_fold, acronym_fold, props) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_fold = excluded.name_fold, "
            "acronym_fold = excluded.acronym_fold, props = excluded.props",
            [
                (
                    n.id,
                    n.label,
                    n.name,
                    n.name.casefold(),
                    n.props.get("acronym", "").casefold(),
                    _dumps(n.props),
                )
                for n in nodes
            ],
        )
        self.known.update((n.id, n.label) for n in nodes)

    def write_relationships(self, rels: list[Relationship]) -> None:
        self.db.executemany(
            "INSERT INTO relationships (source, type, target, props) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (source, type, target) DO UPDATE SET props = excluded.props",
            # In key order (a stable sort: of two versions of a key the later still wins), because
            # B-tree inserts at neighbouring places are much cheaper than at random ones.
            sorted([(r.source, r.type, r.target, _dumps(r.props)) for r in rels], key=_KEY),
        )


class SqliteStore(Store):
    """The store in one SQLite file. Safe to share between threads (one connection, one lock)."""

    def __init__(self, path: str | Path, url: str | None = None, busy_timeout: float = 10.0) -> None:
        """Open (or create) the store file; wait up to ``busy_timeout`` seconds for another writer."""
        self.path = Path(path)
        self.url = url or f"sqlite:///{self.path}"
        if not self.path.parent.is_dir():
            raise StoreUnavailable(f"cannot open {self.url}: the folder {self.path.parent} does not exist")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
            self._db.execute("PRAGMA cache_size=-131072")  # 128 MiB: big loads touch pages at random
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as e:
            raise StoreUnavailable(f"cannot open {self.url}: {e} (is it a graphkit SQLite file?)") from e
        self._lock = threading.RLock()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite's operational failures (locked, disk full, unreadable) into one clear message."""
        try:
            yield
        except sqlite3.OperationalError as e:
            raise StoreUnavailable(f"{self.url}: {e}") from e

    @contextmanager
    def _transaction(self) -> Iterator[_SqliteTransaction]:
        with self._lock, self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteTransaction(self._db)
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back by itself already
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock, self._errors():
            return self._db.execute(sql, params).fetchall()

    def delete_node(self, node_id: str) -> bool:
        with self._transaction() as tx:
            tx.db.execute("DELETE FROM relationships WHERE source = ? OR target = ?", (node_id, node_id))
            return tx.db.execute("DELETE FROM nodes WHERE id = ?", (node_id,)).rowcount > 0

    def delete_relationship(self, rel_type: str, source: str, target: str) -> bool:
        with self._transaction() as tx:
            cur = tx.db.execute(
                "DELETE FROM relationships WHERE source = ? AND type = ? AND target = ?",
                (source, rel_type, target),
            )
            return cur.rowcount > 0

    def get_node(self, node_id: str) -> Node | None:
        rows = self._query("SELECT id, label, name, props FROM nodes WHERE id = ?", (node_id,))
        return _node(rows[0]) if rows else None

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        rows = self._query(
            f"SELECT id, label, name, props FROM nodes WHERE id IN {_IDS}", (json.dumps(list(ids)),)
        )
        return {row[0]: _node(row) for row in rows}

    def search(self, text: str, limit: int = 20, labels: Iterable[str] = ()) -> list[Node]:
        fold = text.strip().casefold()
        pattern = "%" + fold.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        labels = list(labels)
        rows = self._query(
            "SELECT id, label, name, props FROM nodes "
            "WHERE (name_fold LIKE ?1 ESCAPE '\\' OR acronym_fold LIKE ?1 ESCAPE '\\') "
            "AND (?2 = 0 OR label IN (SELECT value FROM json_each(?3))) "
            "ORDER BY (name_fold = ?4 OR acronym_fold = ?4) DESC, name_fold LIKE ?5 ESCAPE '\\' DESC, "
            "name_fold, id LIMIT ?6",
            (pattern, len(labels), json.dumps(labels), fold, pattern[1:], limit),
        )
        return [_node(r) for r in rows]

    def neighbourhood(self, node_id: str, depth: int = 1) -> nx.MultiDiGraph:
        seen = {node_id} if self.get_node(node_id) else set()
        frontier = set(seen)
        for _ in range(depth):
            if not frontier:
                break
            ids = json.dumps(sorted(frontier))
            rows = self._query(
                f"SELECT target FROM relationships WHERE source IN {_IDS} "
                f"UNION SELECT source FROM relationships WHERE target IN {_IDS}",
                (ids, ids),
            )
            frontier = {r[0] for r in rows} - seen
            seen |= frontier
        ids = json.dumps(sorted(seen))
        nodes = self._query(f"SELECT id, label, name, props FROM nodes WHERE id IN {_IDS}", (ids,))
        rels = self._query(
            f"SELECT source, type, target, props FROM relationships "
            f"WHERE source IN {_IDS} AND target IN {_IDS}",
            (ids, ids),
        )
        return to_networkx(map(_node, nodes), map(_rel, rels))

    def export(self, where: GraphFilter | None = None) -> nx.MultiDiGraph:
        # The same graph as Store.export, from the rows straight: no Node and Relationship on the way.
        nodes = self._query("SELECT id, label, name, props FROM nodes")
        rels = self._query("SELECT source, type, target, props FROM relationships")
        G = graph_of(
            ((i, {"label": label, "name": name, **_loads(props)}) for i, label, name, props in nodes),
            ((u, v, rel_type, {"type": rel_type, **_loads(props)}) for u, rel_type, v, props in rels),
        )
        return filter_graph(G, where) if where else G

    def nodes(self) -> Iterator[Node]:
        return map(_node, self._query("SELECT id, label, name, props FROM nodes"))

    def relationships(self) -> Iterator[Relationship]:
        return map(_rel, self._query("SELECT source, type, target, props FROM relationships"))

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": dict(self._query("SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label")),
            "relationships": dict(
                self._query("SELECT type, count(*) FROM relationships GROUP BY type ORDER BY type")
            ),
        }

    def close(self) -> None:
        with self._lock:
            self._db.close()
