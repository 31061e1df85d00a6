"""The Neo4j store: the store contract on a Neo4j 5 server over Bolt (official ``neo4j`` driver).

Each node has its model label and ``id``, ``name`` and its other properties as plain Neo4j
properties, so Neo4j's own tools show them; relationships carry their properties the same way.
Labels and relationship types reach query text only after a check against the model's closed
sets; every value travels as a parameter.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import networkx as nx
from neo4j import READ_ACCESS, GraphDatabase, ManagedTransaction, NotificationMinimumSeverity, Record
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graphkit.errors import GraphkitError, StoreUnavailable
from graphkit.model import NODE_LABELS, RELATIONSHIP_TYPES, Node, Relationship
from graphkit.model.changeset import Change, ChangeSet, RelKey
from graphkit.model.schema import FIELD_DEF
from graphkit.store import shown_url
from graphkit.store.base import MAX_SIGN_INS, Progress, SignInUpdate, Store, T, WriteSummary, to_networkx

# The driver logs failed connections and retries itself; graphkit reports them as one StoreUnavailable.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
USER_ENV, PASSWORD_ENV = "NEO4J_USER", "NEO4J_PASSWORD"
_RESERVED = ("id", "name")  # kept as properties beside the model's props, never inside them
#: The edit history: one node per change, outside the model's labels and joined to nothing.
CHANGE = "GraphkitChange"
#: One node whose ``position`` every write transaction moves on: its write lock puts the store's
#: writers in one order, so a version checked inside a transaction cannot change before it commits.
FEED = "GraphkitFeed"
#: Failed sign-ins (``Store.sign_ins``): the app's, not the graph's.
SIGN_IN = "GraphkitSignIn"
_MODEL_NODE = f"NOT n:{CHANGE} AND NOT n:{FEED} AND NOT n:{SIGN_IN}"
_ALL_RELATIONSHIPS = (
    "MATCH (x)-[r]->(y) RETURN labels(x)[0] AS a, x.id AS s, type(r) AS t, labels(y)[0] AS b, y.id AS e, "
    "properties(r) AS p"
)


def _label(label: str) -> str:
    """A node label, quoted for query text, after checking it is one of the model's."""
    if label not in NODE_LABELS:
        raise ValueError(f"not a node label of the model: {label!r}")
    return f"`{label}`"


def _type(rel_type: str) -> str:
    """A relationship type, quoted for query text, after checking it is one of the model's."""
    if rel_type not in RELATIONSHIP_TYPES:
        raise ValueError(f"not a relationship type of the model: {rel_type!r}")
    return f"`{rel_type}`"


def _by_label(match_and_return: str) -> str:
    """One query that runs ``match_and_return`` (with ``{label}`` and ``{name}``) once per model label.

    A match on a labelled ``id`` uses that label's uniqueness constraint; an unlabelled one would
    scan every node.
    """
    return "\nUNION ALL\n".join(
        match_and_return.format(label=_label(label), name=label) for label in sorted(NODE_LABELS)
    )


_NODE_COLUMNS = "n.id AS id, {name!r} AS label, n.name AS name, properties(n) AS props"
_LABELS_OF = _by_label("MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, {name!r} AS label")
_GET_NODE = _by_label(f"MATCH (n:{{label}} {{{{id: $id}}}}) RETURN {_NODE_COLUMNS}")
_GET_NODES = _by_label(f"MATCH (n:{{label}}) WHERE n.id IN $ids RETURN {_NODE_COLUMNS}")
_COUNT_NODES = _by_label("MATCH (n:{label}) RETURN {name!r} AS key, count(n) AS n")
_COUNT_RELS = "\nUNION ALL\n".join(
    f"MATCH ()-[r:{_type(t)}]->() RETURN {t!r} AS key, count(r) AS n" for t in sorted(RELATIONSHIP_TYPES)
)


def _changes(
    run: Callable[..., Iterable[Record]], node: str | None, batch: str | None, limit: int
) -> list[Change]:
    """History entries, newest first: of one batch, or touching one node, or all; each an index seek."""
    if batch is not None:
        match = f"MATCH (c:{CHANGE} {{batch: $key}})"
    elif node is not None:
        match = f"CALL () {{ MATCH (c:{CHANGE} {{node: $key}}) RETURN c UNION MATCH (c:{CHANGE} {{other: $key}}) RETURN c }}"
    else:
        match = f"MATCH (c:{CHANGE}) WHERE c.at IS NOT NULL"
    rows = run(
        f"{match} RETURN c ORDER BY c.at DESC, c.seq DESC LIMIT $limit", key=batch or node, limit=limit
    )
    empty = {"rel_type": None, "other": None, "before": None, "after": None}  # Neo4j keeps no null property
    return [Change.from_row({**empty, **r["c"]}) for r in rows]


def _node(record: Record) -> Node:
    props = dict(record["props"])
    for key in _RESERVED:
        props.pop(key, None)
    return Node(record["id"], record["label"], record["name"], props)


def _text(props: Mapping[str, Any]) -> str:
    """A record's properties as one text, for a quick look for mentions."""
    return json.dumps(dict(props), ensure_ascii=False, default=str)


def _rel(record: Record) -> Relationship:
    return Relationship(record["type"], record["source"], record["target"], dict(record["props"]))


class _Neo4jTransaction:
    """The writes of one upsert, inside one managed Neo4j transaction.

    It remembers the label of every id it has looked up or written, so each id costs at most one
    lookup per call (lookups inside a large open transaction are slow), and relationships find
    their endpoints' labels without another query. When the database was empty as the call began
    (a first load, a copy), what it wrote is all there is, so it needs no lookups at all.
    """

    def __init__(self, tx: ManagedTransaction, write: bool = True) -> None:
        self.tx = tx
        self.known: dict[str, str] = {}
        self.started_empty = False
        if not write:  # a read-only look-up
            return
        self.position = tx.run(
            f"MERGE (f:{FEED} {{id: 'feed'}}) SET f.position = coalesce(f.position, 0) + 1 RETURN f.position AS p"
        ).single(strict=True)["p"]
        # The counts come from Neo4j's count store; a filtered count would scan every node.
        nodes = int(tx.run("MATCH (n) RETURN count(n) AS n").single(strict=True)["n"])
        changes = int(tx.run(f"MATCH (c:{CHANGE}) RETURN count(c) AS n").single(strict=True)["n"])
        sign_ins = int(tx.run(f"MATCH (s:{SIGN_IN}) RETURN count(s) AS n").single(strict=True)["n"])
        self.started_empty = nodes == changes + sign_ins + 1  # + the feed node

    def is_empty(self) -> bool:
        return self.started_empty

    def nodes_of(self, ids: list[str]) -> dict[str, Node]:
        if self.started_empty:  # only what this call wrote; a first load keeps no history, so labels will do
            return {i: Node(i, self.known[i], "") for i in ids if i in self.known}
        found = {n.id: n for n in map(_node, self.tx.run(_GET_NODES, ids=list(dict.fromkeys(ids))))}
        self.known.update((i, n.label) for i, n in found.items())
        return found

    def field_defs(self) -> list[Node]:
        query = f"MATCH (n:{_label(FIELD_DEF)}) RETURN {_NODE_COLUMNS.format(name=FIELD_DEF)}"
        return [_node(r) for r in self.tx.run(query)]

    def _groups(self, keys: list[RelKey]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Relationship keys grouped as one MATCH pattern per (source label, type, target label),
        with rows of ``s``/``t`` ids; keys whose ends are not stored are left out."""
        labels = self.labels_of({i for k in keys for i in (k[0], k[2])})
        known = [k for k in keys if k[0] in labels and k[2] in labels]

        def group(k: RelKey) -> tuple[str, str, str]:
            return (labels[k[0]], k[1], labels[k[2]])

        for (a, t, b), keys_ in groupby(sorted(known, key=group), key=group):
            pattern = f"(a:{_label(a)} {{id: row.s}})-[r:{_type(t)}]->(b:{_label(b)} {{id: row.t}})"
            yield pattern, [{"s": k[0], "t": k[2]} for k in keys_]

    def relationships_of(self, keys: list[RelKey]) -> dict[RelKey, dict[str, Any]]:
        found = {}
        for pattern, rows in self._groups(keys):
            for r in self.tx.run(
                f"UNWIND $rows AS row MATCH {pattern} RETURN row.s AS s, type(r) AS t, row.t AS o, properties(r) AS p",
                rows=rows,
            ):
                found[r["s"], r["t"], r["o"]] = dict(r["p"])
        return found

    def relationships_touching(self, node_id: str) -> list[Relationship]:
        return [
            _rel(r)
            for r in self.tx.run(
                _by_label(
                    "MATCH (n:{label} {{id: $id}})-[r]-(m) "
                    "RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, properties(r) AS props"
                ),
                id=node_id,
            )
        ]

    def mentioning(self, may_hold: Callable[[str], bool]) -> tuple[list[Node], list[Relationship]]:
        # Every record is looked at: a mention can be spelt in ways no Cypher text match finds.
        nodes = self.tx.run(
            f"MATCH (n) WHERE {_MODEL_NODE} "
            "RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, properties(n) AS props"
        )
        found = [_node(r) for r in nodes if may_hold(_text(r["props"]))]
        rels = self.tx.run(
            "MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props"
        )
        return found, [_rel(r) for r in rels if may_hold(f"{r['source']} {r['target']} {_text(r['props'])}")]

    def delete_nodes(self, ids: list[str]) -> None:
        known = self.labels_of(ids)
        labels = [(i, known[i]) for i in ids if i in known]
        for label, group in groupby(sorted(labels, key=lambda x: x[1]), key=lambda x: x[1]):
            self.tx.run(
                f"MATCH (n:{_label(label)}) WHERE n.id IN $ids DETACH DELETE n", ids=[i for i, _ in group]
            ).consume()
        for i in ids:
            self.known.pop(i, None)

    def delete_relationships(self, keys: list[RelKey]) -> None:
        for pattern, rows in self._groups(keys):
            self.tx.run(f"UNWIND $rows AS row MATCH {pattern} DELETE r", rows=rows).consume()

    def write_changes(self, changes: list[Change]) -> None:
        if changes:
            rows = [{**c.to_row(), "position": self.position} for c in changes]
            self.tx.run(f"UNWIND $rows AS row CREATE (c:{CHANGE}) SET c = row", rows=rows).consume()

    def changes(self, node: str | None, batch: str | None, limit: int) -> list[Change]:
        return _changes(self.tx.run, node, batch, limit)

    def forget(self, ids: list[str]) -> int:
        return int(
            self.tx.run(
                f"CALL () {{ MATCH (c:{CHANGE}) WHERE c.node IN $ids RETURN c "
                f"UNION MATCH (c:{CHANGE}) WHERE c.other IN $ids RETURN c }} DETACH DELETE c RETURN count(c) AS n",
                ids=ids,
            ).single(strict=True)["n"]
        )

    def rewrite_changes(
        self, may_hold: Callable[[str], bool], rewrite: Callable[[Change], Change | None]
    ) -> tuple[int, int]:
        gone, changed = [], []
        for r in self.tx.run(f"MATCH (c:{CHANGE}) RETURN elementId(c) AS eid, c"):
            row = {"rel_type": None, "other": None, "before": None, "after": None, **r["c"]}
            if not may_hold(_text({k: row[k] for k in ("node", "other", "before", "after")})):
                continue
            c = Change.from_row(row)
            new = rewrite(c)
            if new is None:
                gone.append(r["eid"])
            elif new != c:
                stored = new.to_row()
                changed.append({"eid": r["eid"], "before": stored["before"], "after": stored["after"]})
        self.tx.run(f"MATCH (c:{CHANGE}) WHERE elementId(c) IN $eids DETACH DELETE c", eids=gone).consume()
        self.tx.run(
            f"UNWIND $rows AS row MATCH (c:{CHANGE}) WHERE elementId(c) = row.eid "
            "SET c.before = row.before, c.after = row.after",
            rows=changed,
        ).consume()
        return len(gone), len(changed)

    def labels_of(self, ids: Collection[str]) -> Mapping[str, str]:
        unknown = [] if self.started_empty else list(set(ids).difference(self.known))
        if unknown:
            self.known.update((r["id"], r["label"]) for r in self.tx.run(_LABELS_OF, ids=unknown))
        return self.known

    def write_nodes(self, nodes: list[Node]) -> None:
        # SET n = map replaces every property, so one absent from the new version is removed.
        for label, group in groupby(sorted(nodes, key=lambda n: n.label), key=lambda n: n.label):
            rows = {n.id: {**n.props, "id": n.id, "name": n.name} for n in group}  # the last version wins
            new = [row for i, row in rows.items() if self.started_empty and i not in self.known]
            old = [row for i, row in rows.items() if not (self.started_empty and i not in self.known)]
            if new:  # certainly not stored yet: CREATE skips MERGE's lookup and lock
                self.tx.run(f"UNWIND $rows AS row CREATE (n:{_label(label)}) SET n = row", rows=new).consume()
            if old:
                self.tx.run(
                    f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) SET n = row", rows=old
                ).consume()
            self.known.update(dict.fromkeys(rows, label))

    def write_relationships(self, rels: list[Relationship]) -> None:
        """Write relationships, grouped by (source label, type, target label) so both ends are index seeks."""
        labels = self.labels_of({i for r in rels for i in (r.source, r.target)})

        def key(r: Relationship) -> tuple[str, str, str]:
            return (labels[r.source], r.type, labels[r.target])

        for (source_label, rel_type, target_label), group in groupby(sorted(rels, key=key), key=key):
            rows = [{"s": r.source, "t": r.target, "p": r.props} for r in group]
            self.tx.run(
                f"UNWIND $rows AS row "
                f"MATCH (a:{_label(source_label)} {{id: row.s}}) "
                f"MATCH (b:{_label(target_label)} {{id: row.t}}) "
                f"MERGE (a)-[r:{_type(rel_type)}]->(b) SET r = row.p",
                rows=rows,
            ).consume()


def parse_url(url: str) -> tuple[str, str | None, str | None]:
    """Split ``scheme://[user[:password]@]host[:port]`` into (address without credentials, user, password)."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise StoreUnavailable(
            f"bad Neo4j URL {shown_url(url)!r}: expected neo4j://host:7687 (or bolt://, neo4j+s://)"
        )
    try:
        port = parts.port or 7687
    except ValueError:
        raise StoreUnavailable(f"bad Neo4j URL: the port of {parts.hostname} is not a number") from None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    return f"{parts.scheme}://{host}:{port}", user, password


class Neo4jStore(Store):
    """The store on a Neo4j server. Thread-safe: the driver pools connections, each call has its own session."""

    def __init__(self, url: str, batch_size: int = 10_000) -> None:
        """Connect, check the credentials and create the ``id`` uniqueness constraints if missing.

        Credentials come from the URL (``neo4j://user:password@host:7687``), else from
        ``$NEO4J_USER`` (default ``neo4j``) and ``$NEO4J_PASSWORD``.
        """
        self.url, user, password = parse_url(url)
        self.batch_size = batch_size
        self._user = user or os.environ.get(USER_ENV) or "neo4j"
        password = password if password is not None else os.environ.get(PASSWORD_ENV)
        if password is None:
            raise StoreUnavailable(
                f"{self.url}: no password: set {PASSWORD_ENV} (and {USER_ENV}) or use neo4j://user:password@host:port"
            )
        self._driver = GraphDatabase.driver(
            self.url,
            auth=(self._user, password),
            connection_timeout=10,
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
        try:
            with self._errors():
                self._driver.verify_connectivity()
                with self._driver.session() as session:
                    for label in sorted(NODE_LABELS):
                        session.run(
                            f"CREATE CONSTRAINT graphkit_{label}_id IF NOT EXISTS "
                            f"FOR (n:{_label(label)}) REQUIRE n.id IS UNIQUE"
                        ).consume()
                    session.run(
                        f"CREATE CONSTRAINT graphkit_feed_id IF NOT EXISTS FOR (f:{FEED}) REQUIRE f.id IS UNIQUE"
                    ).consume()
                    session.run(
                        f"CREATE CONSTRAINT graphkit_sign_in_key IF NOT EXISTS FOR (s:{SIGN_IN}) REQUIRE s.key IS UNIQUE"
                    ).consume()
                    for field in ("node", "other", "batch", "at", "position"):
                        session.run(
                            f"CREATE INDEX graphkit_change_{field} IF NOT EXISTS FOR (c:{CHANGE}) ON (c.{field})"
                        ).consume()
        except BaseException:
            self._driver.close()
            raise

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn the driver's failures (no server, wrong password, a server error) into one clear line."""
        try:
            yield
        except AuthError as e:
            raise StoreUnavailable(
                f"{self.url}: the server refused user {self._user!r}: check {USER_ENV}/{PASSWORD_ENV} "
                f"(or the user:password in the URL)"
            ) from e
        except (ServiceUnavailable, SessionExpired) as e:
            raise StoreUnavailable(
                f"{self.url}: no Neo4j server answers there: start it with scripts/neo4j-local start, "
                f"or check the host and port"
            ) from e
        except Neo4jError as e:
            raise StoreUnavailable(f"{self.url}: {e.code}: {e.message}") from e
        except DriverError as e:
            raise StoreUnavailable(f"{self.url}: {type(e).__name__}: {e}") from e

    # -- writes -------------------------------------------------------------------------------

    def apply(
        self, changes: ChangeSet, *, by: str | None = None, progress: Progress | None = None
    ) -> WriteSummary:
        """The base apply, run as ONE managed write transaction (``execute_write``).

        The whole of it (checks, every batch, the history) runs inside the transaction function, so
        it commits entirely or not at all, reads see the batches written before them, and the
        driver retries it whole on a transient failure (a dropped connection, a deadlock). A retry
        reads the inputs again, so generators are first turned into lists; ``progress`` then counts
        the retried rows again.
        """
        if not isinstance(changes.nodes, Sequence) or not isinstance(changes.relationships, Sequence):
            changes = replace(changes, nodes=list(changes.nodes), relationships=list(changes.relationships))
        return Store.apply(self, changes, by=by, progress=progress)

    def _atomic(self, work: Callable[[_Neo4jTransaction], T]) -> T:
        """Run ``work`` in one managed write transaction, which the driver retries whole on a transient failure."""
        with self._errors(), self._driver.session() as session:
            return session.execute_write(lambda tx: work(_Neo4jTransaction(tx)))

    # -- reads --------------------------------------------------------------------------------

    def _read(self, query: str, **params: object) -> list[Any]:
        """Run a read query and return all its records."""
        with self._errors(), self._driver.session(default_access_mode=READ_ACCESS) as session:
            return list(session.run(query, params))

    def _stream(self, query: str) -> Iterator[Any]:
        """Run a read query and yield its records as they arrive (for whole-graph reads)."""
        with self._errors(), self._driver.session(default_access_mode=READ_ACCESS) as session:
            yield from session.run(query)

    def history(self, node_id: str | None = None, limit: int = 200, batch: str | None = None) -> list[Change]:
        return _changes(self._read, node_id, batch, limit)

    def feed_position(self) -> int:
        found = self._read(f"MATCH (f:{FEED} {{id: 'feed'}}) RETURN f.position AS p")
        return found[0]["p"] if found else 0

    def _changes_after(self, position: int, limit: int) -> list[Change]:
        rows = self._read(
            f"MATCH (c:{CHANGE}) WHERE c.position > $position "
            "RETURN c ORDER BY c.position, c.seq LIMIT $limit",
            position=position,
            limit=limit,
        )
        empty = {"rel_type": None, "other": None, "before": None, "after": None}
        return [Change.from_row({**empty, **r["c"]}) for r in rows]

    def get_node(self, node_id: str) -> Node | None:
        rows = self._read(_GET_NODE, id=node_id)
        return _node(rows[0]) if rows else None

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        """The stored nodes among ``ids``, in one query (each label's id index answers its part)."""
        return {n.id: n for n in map(_node, self._read(_GET_NODES, ids=list(dict.fromkeys(ids))))}

    def query(self, cypher: str, **params: object) -> list[dict[str, Any]]:
        """Run a read-only Cypher query with parameters; its rows as dicts. For scripts and benchmarks."""
        return [record.data() for record in self._read(cypher, **params)]

    def get_relationships(self, keys: Iterable[RelKey]) -> dict[RelKey, dict[str, Any]]:
        keys = list(keys)
        with self._errors(), self._driver.session(default_access_mode=READ_ACCESS) as session:
            return session.execute_read(lambda tx: _Neo4jTransaction(tx, write=False).relationships_of(keys))

    def search(self, text: str, limit: int = 20, labels: Iterable[str] = ()) -> list[Node]:
        fold, labels = text.strip().lower(), list(labels)
        asked = sorted(set(labels).intersection(NODE_LABELS))
        if labels and not asked:
            return []
        # Of some labels, by label (a saved view among 1.8M nodes), not a pass over every node.
        of_labels = " UNION ALL ".join(f"MATCH (n:{_label(label)}) RETURN n" for label in asked)
        rows = self._read(
            (f"CALL {{ {of_labels} }} " if asked else f"MATCH (n) WHERE {_MODEL_NODE} ")
            + "WITH n, toLower(n.name) AS name, toLower(coalesce(n.acronym, '')) AS acronym "
            "WHERE name CONTAINS $fold OR acronym CONTAINS $fold "
            "RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, properties(n) AS props "
            "ORDER BY (name = $fold OR acronym = $fold) DESC, name STARTS WITH $fold DESC, name, id "
            "LIMIT $limit",
            fold=fold,
            limit=limit,
        )
        return [_node(r) for r in rows]

    def neighbourhood(self, node_id: str, depth: int = 1) -> nx.MultiDiGraph:
        # Walk by element id: after the first labelled lookup every step is a direct seek.
        seen = {
            r["eid"]
            for r in self._read(
                _by_label("MATCH (n:{label} {{id: $id}}) RETURN elementId(n) AS eid"), id=node_id
            )
        }
        frontier = set(seen)
        for _ in range(int(depth)):
            if not frontier:
                break
            rows = self._read(
                "MATCH (n)--(m) WHERE elementId(n) IN $eids RETURN DISTINCT elementId(m) AS eid",
                eids=list(frontier),
            )
            frontier = {r["eid"] for r in rows} - seen
            seen |= frontier
        eids = list(seen)
        nodes = self._read(
            "MATCH (n) WHERE elementId(n) IN $eids "
            "RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, properties(n) AS props",
            eids=eids,
        )
        rels = self._read(
            "MATCH (a)-[r]->(b) WHERE elementId(a) IN $eids AND elementId(b) IN $eids "
            "RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props",
            eids=eids,
        )
        return to_networkx(map(_node, nodes), map(_rel, rels))

    def nodes(self) -> Iterator[Node]:
        return map(
            _node,
            self._stream(
                f"MATCH (n) WHERE {_MODEL_NODE} "
                "RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, properties(n) AS props"
            ),
        )

    def relationships(self) -> Iterator[Relationship]:
        # One record per node, holding its outgoing relationships: the driver's cost is per record
        # (1M relationships: 23 s one per record, 6.5 s grouped).
        for record in self._stream(
            "MATCH (a) CALL (a) { MATCH (a)-[r]->(b) RETURN collect([type(r), b.id, properties(r)]) AS out } "
            "WITH a.id AS source, out WHERE size(out) > 0 RETURN source, out"
        ):
            source = record["source"]
            for rel_type, target, props in record["out"]:
                yield Relationship(rel_type, source, target, props)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": {r["key"]: r["n"] for r in self._read(_COUNT_NODES) if r["n"]},
            "relationships": {r["key"]: r["n"] for r in self._read(_COUNT_RELS) if r["n"]},
        }

    def backup(self, out: Path) -> int:
        """Neo4j's own dump (``neo4j-admin database dump``) needs the database stopped, so this is the
        driver's: one read transaction, written as JSON lines (a header, then nodes, then relationships)."""
        if out.exists():
            raise GraphkitError(f"{out} exists already: give a new file")
        with (
            self._errors(),
            self._driver.session(default_access_mode=READ_ACCESS) as session,
            session.begin_transaction() as tx,
        ):
            found = tx.run(f"MATCH (f:{FEED} {{id: 'feed'}}) RETURN f.position AS p").single()
            position = int(found["p"]) if found else 0
            with out.open("w", encoding="utf-8") as f:
                f.write(json.dumps({"graphkit_backup": 1, "store": "neo4j", "position": position}) + "\n")
                for r in tx.run(
                    f"MATCH (n) WHERE NOT n:{SIGN_IN} RETURN labels(n)[0] AS label, properties(n) AS p"
                ):
                    f.write(json.dumps({"node": r["label"], "p": r["p"]}, ensure_ascii=False) + "\n")
                for r in tx.run(_ALL_RELATIONSHIPS):
                    f.write(json.dumps(dict(r), ensure_ascii=False) + "\n")
        return position

    def _backup_position(self, source: Path) -> int:
        try:
            with source.open(encoding="utf-8") as f:
                header = json.loads(f.readline())
            assert header.get("graphkit_backup") == 1 and header.get("store") == "neo4j"
        except (OSError, ValueError, AttributeError, AssertionError):
            raise GraphkitError(
                f"{source}: not a backup of a graphkit Neo4j store (graphkit backup)"
            ) from None
        return int(header["position"])

    def _restore(self, source: Path, before: int) -> None:
        self.clear()
        nodes: dict[str, list[dict[str, Any]]] = {}
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        with source.open(encoding="utf-8") as f:
            f.readline()
            for line in f:
                row = json.loads(line)
                if "node" in row:
                    nodes.setdefault(row["node"], []).append(row["p"])
                else:
                    rels.setdefault((row["a"], row["t"], row["b"]), []).append(row)
        with self._errors(), self._driver.session() as session:
            for label, rows in nodes.items():
                quoted = f"`{label}`" if label in (CHANGE, FEED) else _label(label)
                for i in range(0, len(rows), self.batch_size):
                    batch = rows[i : i + self.batch_size]
                    session.run(f"UNWIND $rows AS row CREATE (n:{quoted}) SET n = row", rows=batch).consume()
            for (a, t, b), rows in rels.items():
                query = (
                    f"UNWIND $rows AS row MATCH (a:{_label(a)} {{id: row.s}}) MATCH (b:{_label(b)} {{id: row.e}}) "
                    f"CREATE (a)-[r:{_type(t)}]->(b) SET r = row.p"
                )
                for i in range(0, len(rows), self.batch_size):
                    session.run(query, rows=rows[i : i + self.batch_size]).consume()
            session.run(
                f"MERGE (f:{FEED} {{id: 'feed'}}) SET f.position = CASE WHEN coalesce(f.position, 0) > $before "
                "THEN f.position ELSE $before END",
                before=before,
            ).consume()

    def sign_ins(
        self,
        keys: list[str],
        now: float,
        update: SignInUpdate | None = None,
    ) -> dict[str, dict[str, Any]]:
        read = f"MATCH (s:{SIGN_IN}) WHERE s.key IN $keys AND s.expires >= $now RETURN s.key AS key, s.value AS value"
        if update is None:
            return {r["key"]: json.loads(r["value"]) for r in self._read(read, keys=keys, now=now)}

        def work(tx: ManagedTransaction) -> dict[str, dict[str, Any] | None]:
            tx.run(f"MATCH (s:{SIGN_IN}) WHERE s.expires < $now DELETE s", now=now).consume()
            # Each entry's write lock first, so that two processes counting one name take turns.
            tx.run(
                f"UNWIND $keys AS k MERGE (s:{SIGN_IN} {{key: k}}) ON CREATE SET s.expires = $now",
                keys=keys,
                now=now,
            )
            new = update(
                {r["key"]: json.loads(r["value"]) for r in tx.run(read, keys=keys, now=now) if r["value"]}
            )
            rows = [{"key": k, "value": json.dumps(v), "expires": v["expires"]} for k, v in new.items() if v]
            tx.run(
                f"UNWIND $rows AS row MATCH (s:{SIGN_IN} {{key: row.key}}) SET s.value = row.value, s.expires = row.expires",
                rows=rows,
            ).consume()
            gone = [k for k, v in new.items() if v is None]
            tx.run(
                f"MATCH (s:{SIGN_IN}) WHERE s.key IN $gone OR (s.key IN $keys AND s.value IS NULL) DELETE s",
                gone=gone,
                keys=keys,
            ).consume()
            tx.run(
                f"MATCH (s:{SIGN_IN}) WITH s ORDER BY s.expires DESC SKIP $cap DELETE s", cap=MAX_SIGN_INS
            ).consume()
            return new

        with self._errors(), self._driver.session() as session:
            new = session.execute_write(work)
        return {k: v for k, v in new.items() if v is not None}

    def clear(self) -> None:
        """Delete every node and relationship (the constraints stay), in batches. For tests."""
        with self._errors(), self._driver.session() as session:  # IN TRANSACTIONS needs an auto-commit query
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def close(self) -> None:
        self._driver.close()
