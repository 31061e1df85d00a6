"""The embedded store: one SQLite file (standard library ``sqlite3``, WAL mode), no server."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from graphkit.errors import GraphkitError, StoreUnavailable
from graphkit.graph.filters import GraphFilter, filter_graph
from graphkit.graph.titles import titled
from graphkit.model import Node, Relationship
from graphkit.model.changeset import Change, ChangeSet, RelKey
from graphkit.model.schema import FIELD_DEF
from graphkit.store.base import (
    MAX_SIGN_INS,
    GraphColumns,
    Progress,
    SignInUpdate,
    Store,
    WriteSummary,
    to_networkx,
)
from graphkit.store.kept import KeptFile

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
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    batch TEXT NOT NULL,
    node TEXT NOT NULL,
    rel_type TEXT,
    other TEXT,
    before TEXT,
    after TEXT
);
CREATE INDEX IF NOT EXISTS changes_node ON changes(node);
CREATE INDEX IF NOT EXISTS changes_other ON changes(other);
CREATE INDEX IF NOT EXISTS changes_batch ON changes(batch);
CREATE TABLE IF NOT EXISTS sign_ins (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    expires REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sign_ins_expires ON sign_ins(expires);
"""
_CHANGE_COLUMNS = "seq, at, user, action, batch, node, rel_type, other, before, after"
# Relationship keys travel as one JSON array of [source, type, target] arrays.
_KEYS = "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?))"

# One parameter carries a whole batch of ids as a JSON array, so no query is built from values.
_IDS = "(SELECT value FROM json_each(?))"


# The longest JSON text handed to SQLite as one parameter, in characters: at most 4 bytes of UTF-8
# each, well under SQLite's default limit of 1e9 bytes.
_MOST_TEXT = 100_000_000
# A NUL character as JSON writes it (an escape not itself escaped): SQLite's json_extract stops there.
_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _like(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for values that contain ``text``."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _changes(
    execute: Callable[[str, tuple[Any, ...]], Iterable[tuple[Any, ...]]],
    node: str | None,
    batch: str | None,
    limit: int,
) -> list[Change]:
    """History entries, newest first: of one batch, or touching one node, or all; each an index seek."""
    if batch is not None:
        where, key = "batch = ?1", batch
    elif node is not None:
        where, key = (
            "seq IN (SELECT seq FROM changes WHERE node = ?1 UNION SELECT seq FROM changes WHERE other = ?1)",
            node,
        )
    else:
        where, key = "?1 IS NULL", None
    rows = execute(
        f"SELECT {_CHANGE_COLUMNS} FROM changes WHERE {where} ORDER BY seq DESC LIMIT ?2", (key, limit)
    )
    return _as_changes(rows)


def _as_changes(rows: Iterable[tuple[Any, ...]]) -> list[Change]:
    columns = _CHANGE_COLUMNS.split(", ")
    # The store-wide seq is the change's position in the feed.
    return [Change.from_row({**dict(zip(columns, row, strict=True)), "position": row[0]}) for row in rows]


def _json(value: Any, option: int = 0) -> str:
    try:
        return orjson.dumps(value, option=option).decode()  # ten times the standard library's speed
    except TypeError:  # an integer past 64 bits
        return _encode(value)


def _loads(props: str) -> dict[str, Any]:
    return json.loads(props) if props != "{}" else {}


def _chunks(db: sqlite3.Connection, sql: str, size: int = 10_000) -> Iterator[list[Any]]:
    """The rows of ``sql``, ``size`` at a time once the first are asked for."""
    cursor = db.execute(sql)
    while rows := cursor.fetchmany(size):
        yield rows


def _chunked(db: sqlite3.Connection, sql: str, size: int = 10_000) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql``, fetched ``size`` at a time once the first is asked for."""
    for rows in _chunks(db, sql, size):
        yield from rows


def _node(row: tuple[Any, ...]) -> Node:
    return Node(row[0], row[1], row[2], json.loads(row[3]))


def _rel(row: tuple[Any, ...]) -> Relationship:
    return Relationship(row[1], row[0], row[2], json.loads(row[3]))


class _SqliteTransaction:
    """One write transaction. It remembers the labels it has looked up or written, so the
    relationships of a load find their endpoints without asking the database again.

    Its writes run on a thread of their own, in order, while the caller reads and checks the next
    batch: SQLite lets the interpreter go while it changes its B-trees, so a big load keeps both
    cores busy. Every read, and the commit, first waits for the writes before it."""

    #: Batches handed to the writer and not yet written: enough to keep it busy, few enough to
    #: bound the rows held in memory.
    AHEAD = 2

    def __init__(self, db: sqlite3.Connection) -> None:
        self._conn = db
        self.known: dict[str, str] = {}
        self._writer: ThreadPoolExecutor | None = None
        self._pending: deque[Future[Any]] = deque()
        self._failed = False

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, once every write handed to the writer is done."""
        self.settle()
        return self._conn

    def _later(self, sql: str, rows: list[Any]) -> None:
        """Hand ``sql`` to the writer, with ``rows`` as its one parameter: a JSON array for ``json_each``.
        One statement a batch, not ``executemany``, which takes the interpreter back for every row and
        so waits behind the caller's thread each time."""
        param = _json(rows, orjson.OPT_SORT_KEYS)
        if "\\u0000" in param and _NUL.search(param):
            # json_extract would cut such a text short; validated fields cannot hold NUL, a writer's name might
            raise GraphkitError("a text with a NUL character cannot be stored (the writer's name or action?)")
        if len(param) > _MOST_TEXT and len(rows) > 1:  # long texts in every row: halves, under SQLite's limit
            half = len(rows) // 2
            self._later(sql, rows[:half])
            self._later(sql, rows[half:])
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="graphkit-sqlite-writer")
        while len(self._pending) >= self.AHEAD:
            self._pending.popleft().result()
        self._pending.append(self._writer.submit(self._execute, sql, param))

    def _execute(self, sql: str, param: str) -> None:
        # Nothing runs after a failure: SQLite may have ended the transaction itself, and a statement
        # run outside it would be committed on its own.
        if self._failed or not self._conn.in_transaction:
            raise sqlite3.OperationalError("the write transaction ended before this part of it")
        try:
            # Closed here: a cursor let go on another thread would reset the cached statement this
            # thread may be running again.
            self._conn.execute(sql, (param,)).close()
        except BaseException:
            self._failed = True
            raise

    def settle(self) -> None:
        """Wait for the writes handed over; raise the first that failed."""
        while self._pending:
            self._pending.popleft().result()

    def close(self) -> None:
        """Stop the writer, dropping the writes not begun, and wait for it even through another
        Ctrl-C: the connection must be the caller's alone before it commits or rolls back. A failed
        write's error is left to ``settle``."""
        if self._writer is None:
            return
        interrupted = None
        while True:
            try:
                self._writer.shutdown(wait=True, cancel_futures=True)
                break
            except KeyboardInterrupt as e:  # waited for all the same, then raised
                interrupted = e
        if interrupted is not None:
            raise interrupted

    def is_empty(self) -> bool:
        return bool(self.db.execute("SELECT NOT EXISTS (SELECT 1 FROM nodes)").fetchone()[0])

    def nodes_of(self, ids: list[str]) -> dict[str, Node]:
        rows = self.db.execute(
            f"SELECT id, label, name, props FROM nodes WHERE id IN {_IDS}", (json.dumps(ids),)
        ).fetchall()
        found = {row[0]: _node(row) for row in rows}
        self.known.update((i, n.label) for i, n in found.items())
        return found

    def field_defs(self) -> list[Node]:
        rows = self.db.execute("SELECT id, label, name, props FROM nodes WHERE label = ?", (FIELD_DEF,))
        return [_node(row) for row in rows]

    def relationships_of(self, keys: list[RelKey]) -> dict[RelKey, dict[str, Any]]:
        rows = self.db.execute(
            f"SELECT source, type, target, props FROM relationships WHERE (source, type, target) IN {_KEYS}",
            (json.dumps(keys),),
        )
        return {(s, t, o): _loads(p) for s, t, o, p in rows}

    def relationships_touching(self, node_id: str) -> list[Relationship]:
        rows = self.db.execute(
            "SELECT source, type, target, props FROM relationships WHERE source = ?1 OR target = ?1",
            (node_id,),
        )
        return [_rel(r) for r in rows]

    def mentioning(self, may_hold: Callable[[str], bool]) -> tuple[list[Node], list[Relationship]]:
        # Every row is looked at (a mention can be spelt in ways no index or LIKE finds), a chunk at a time.
        nodes = _chunked(self.db, "SELECT id, label, name, props FROM nodes")
        found = [_node(r) for r in nodes if may_hold(f"{r[0]} {r[2]} {r[3]}")]
        rels = _chunked(self.db, "SELECT source, type, target, props FROM relationships")
        return found, [_rel(r) for r in rels if may_hold(f"{r[0]} {r[2]} {r[3]}")]

    def delete_nodes(self, ids: list[str]) -> None:
        ids_json = json.dumps(ids)
        self.db.execute(
            f"DELETE FROM relationships WHERE source IN {_IDS} OR target IN {_IDS}", (ids_json, ids_json)
        )
        self.db.execute(f"DELETE FROM nodes WHERE id IN {_IDS}", (ids_json,))
        for i in ids:
            self.known.pop(i, None)

    def delete_relationships(self, keys: list[RelKey]) -> None:
        self.db.execute(
            f"DELETE FROM relationships WHERE (source, type, target) IN {_KEYS}", (json.dumps(keys),)
        )

    def write_changes(self, changes: list[Change]) -> None:
        if changes:
            self._later(
                "INSERT INTO changes (at, user, action, batch, node, rel_type, other, before, after) "
                "SELECT json_extract(value, '$.at'), json_extract(value, '$.user'), json_extract(value, '$.action'), json_extract(value, '$.batch'), json_extract(value, '$.node'), "
                "json_extract(value, '$.rel_type'), json_extract(value, '$.other'), json_extract(value, '$.before'), json_extract(value, '$.after') FROM json_each(?)",
                [c.to_row() for c in changes],
            )

    def changes(self, node: str | None, batch: str | None, limit: int) -> list[Change]:
        return _changes(self.db.execute, node, batch, limit)

    def forget(self, ids: list[str]) -> int:
        ids_json = json.dumps(ids)
        return self.db.execute(
            f"DELETE FROM changes WHERE node IN {_IDS} OR other IN {_IDS}", (ids_json, ids_json)
        ).rowcount

    def rewrite_changes(
        self, may_hold: Callable[[str], bool], rewrite: Callable[[Change], Change | None]
    ) -> tuple[int, int]:
        rows = _chunked(self.db, f"SELECT {_CHANGE_COLUMNS} FROM changes")
        found = _as_changes(r for r in rows if may_hold(" ".join(str(x) for x in r[5:])))
        gone, changed = [], []
        for c in found:
            new = rewrite(c)
            if new is None:
                gone.append(c.seq)
            elif new != c:
                changed.append({**new.to_row(), "seq": c.seq})
        self.db.execute(f"DELETE FROM changes WHERE seq IN {_IDS}", (json.dumps(gone),))
        self.db.executemany("UPDATE changes SET before = :before, after = :after WHERE seq = :seq", changed)
        return len(gone), len(changed)

    def labels_of(self, ids: Collection[str]) -> Mapping[str, str]:
        known = self.known
        unknown = set(ids).difference(known)
        if unknown:
            known.update(
                self.db.execute(f"SELECT id, label FROM nodes WHERE id IN {_IDS}", (_json(list(unknown)),))
            )
        return known

    def write_nodes(self, nodes: list[Node]) -> None:
        self._later(
            "INSERT INTO nodes (id, label, name, name_fold, acronym_fold, props) "
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]') FROM json_each(?) "
            "WHERE true ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_fold = excluded.name_fold, "
            "acronym_fold = excluded.acronym_fold, props = excluded.props",
            [
                (
                    n.id,
                    n.label,
                    n.name,
                    n.name.casefold(),
                    n.props.get("acronym", "").casefold(),
                    n.props,  # SQLite keeps its JSON text, as given in the batch's
                )
                for n in nodes
            ],
        )
        self.known.update((n.id, n.label) for n in nodes)

    def write_relationships(self, rels: list[Relationship]) -> None:
        self._later(
            "INSERT INTO relationships (source, type, target, props) "
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?) "
            # In key order, and of two versions of a key the later last, because B-tree inserts at
            # neighbouring places are much cheaper than at random ones.
            "WHERE true ORDER BY 1, 2, 3, key ON CONFLICT (source, type, target) DO UPDATE SET props = excluded.props",
            [(r.source, r.type, r.target, r.props) for r in rels],
        )


class SqliteStore(Store):
    """The store in one SQLite file. Safe to share between threads (one connection, one lock)."""

    #: How long an erasure waits for other connections to finish reading before it says which bytes
    #: remain (``truncate_wal``), and whom it tells that it waits.
    erase_wait: float = 30.0
    waiting: Callable[[str], None] | None = None
    _tx: _SqliteTransaction | None = None  # the write transaction open, if any

    def __init__(self, path: str | Path, url: str | None = None, busy_timeout: float = 10.0) -> None:
        """Open (or create) the store file; wait up to ``busy_timeout`` seconds for another writer."""
        self.path = Path(path)
        self.url = url or f"sqlite:///{self.path}"
        real = self.path.resolve()  # one kept file, however the store is named (a link, a relative path)
        self.kept: KeptFile = KeptFile(real.with_name(real.name + ".graph"))
        if not self.path.parent.is_dir():
            raise StoreUnavailable(f"cannot open {self.url}: the folder {self.path.parent} does not exist")
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten, not left in free pages
            self._busy_ms = int(busy_timeout * 1000)
            self._db.execute(f"PRAGMA busy_timeout={self._busy_ms}")
            self._db.execute("PRAGMA cache_size=-131072")  # 128 MiB: big loads touch pages at random
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as e:
            raise StoreUnavailable(f"cannot open {self.url}: {e} (is it a graphkit SQLite file?)") from e
        self._lock = threading.RLock()

    @property
    def _db(self) -> sqlite3.Connection:
        """The connection, once the writes of a transaction open on this thread are done (a record
        generator given to ``apply`` may read the store while its earlier batches are written)."""
        if self._tx is not None:
            self._tx.settle()
        return self._conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite's operational failures (locked, disk full, unreadable) into one clear message."""
        try:
            yield
        except sqlite3.OperationalError as e:
            raise StoreUnavailable(f"{self.url}: {e}") from e
        except sqlite3.ProgrammingError as e:
            if "closed" not in str(e):
                raise
            raise StoreUnavailable(f"{self.url}: the store was closed") from e  # a thread outlived it

    @contextmanager
    def _transaction(self) -> Iterator[_SqliteTransaction]:
        with self._lock, self._errors():
            db = self._conn
            db.execute("BEGIN IMMEDIATE")
            tx = self._tx = _SqliteTransaction(db)
            try:
                yield tx
                tx.settle()
                tx.close()
            except BaseException:
                try:
                    tx.close()
                finally:
                    self._tx = None
                    if db.in_transaction:  # SQLite may have rolled back by itself already
                        db.execute("ROLLBACK")
                raise
            self._tx = None
            db.execute("COMMIT")

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._errors():
            return self._db.execute(sql, params).fetchall()

    def history(self, node_id: str | None = None, limit: int = 200, batch: str | None = None) -> list[Change]:
        with self._lock, self._errors():  # a read: no write transaction
            return _changes(self._db.execute, node_id, batch, limit)

    def apply(
        self, changes: ChangeSet, *, by: str | None = None, progress: Progress | None = None
    ) -> WriteSummary:
        if changes.scrub:
            self.check_erasable()
            self.kept.discard()  # the kept graph holds what is erased
        done = super().apply(changes, by=by, progress=progress)
        if changes.scrub:
            self.kept.discard()  # and again, in case one was written meanwhile
            done = dataclasses.replace(done, remains=self.truncate_wal(self.erase_wait, self.waiting))
        return done

    def check_erasable(self) -> None:
        """Refuse an erasure before anything is deleted when a file beside the store that it must
        delete (the kept graph, one being written) could not be deleted: ``KeptFile.check``."""
        self.kept.check()

    def truncate_wal(self, wait: float, waiting: Callable[[str], None] | None = None) -> str | None:
        """Copy the write-ahead log into the store file and truncate it to nothing, so that no page
        as it was before an erasure stays on disk; SQLite can do it only once no other connection
        is reading. Waits up to ``wait`` seconds for them (saying so to ``waiting`` every second or
        so); returns None when done, else which bytes remain and why."""
        wal = Path(f"{self.path}-wal")
        deadline = time.monotonic() + wait
        said = 0.0
        with self._lock, self._errors():
            self._db.execute("PRAGMA busy_timeout=200")
            try:
                while True:
                    busy, pages, copied = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                    if not busy and (not wal.exists() or wal.stat().st_size == 0):
                        return None
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    if waiting and time.monotonic() - said >= 1:
                        said = time.monotonic()
                        waiting(
                            f"Waiting up to {left:.0f} s for other connections to {self.path.name} to "
                            f"finish reading, to clear its write-ahead log..."
                        )
                    time.sleep(min(0.2, left))
                busy, pages, copied = self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                self._db.execute(f"PRAGMA busy_timeout={self._busy_ms}")
        size = wal.stat().st_size if wal.exists() else 0
        if pages > copied:
            what = (
                f"{self.path} still holds its pages as they were before the erasure, with what was erased: "
                f"{pages - copied} of the {pages} pages in its write-ahead log {wal} ({size:,} bytes), the "
                f"erasure's among them, cannot be copied into it yet"
            )
        else:
            what = f"{wal} still holds {size:,} bytes of pages, which may include what was erased, and cannot be cleared yet"
        return (
            f"{what}, because another connection (an app, a command) is still reading the store. Stop it, "
            f"then run `graphkit erase --finish`."
        )

    def feed_mark(self, position: int) -> str | None:
        rows = self._query("SELECT batch || ' ' || at FROM changes WHERE seq = ?", (position,))
        return rows[0][0] if rows else None

    def feed_position(self) -> int:
        return int(self._query("SELECT coalesce(max(seq), 0) FROM changes")[0][0])

    def _changes_after(self, position: int, limit: int) -> list[Change]:
        return _as_changes(
            self._query(
                f"SELECT {_CHANGE_COLUMNS} FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (position, limit)
            )
        )

    def get_node(self, node_id: str) -> Node | None:
        rows = self._query("SELECT id, label, name, props FROM nodes WHERE id = ?", (node_id,))
        return _node(rows[0]) if rows else None

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        rows = self._query(
            f"SELECT id, label, name, props FROM nodes WHERE id IN {_IDS}", (json.dumps(list(ids)),)
        )
        return {row[0]: _node(row) for row in rows}

    def get_relationships(self, keys: Iterable[RelKey]) -> dict[RelKey, dict[str, Any]]:
        rows = self._query(
            f"SELECT source, type, target, props FROM relationships WHERE (source, type, target) IN {_KEYS}",
            (json.dumps(list(keys)),),
        )
        return {(s, t, o): _loads(p) for s, t, o, p in rows}

    def search(self, text: str, limit: int = 20, labels: Iterable[str] = ()) -> list[Node]:
        fold = text.strip().casefold()
        pattern = _like(fold)
        labels = list(labels)
        # Of some labels, through their index: a saved view is found among 1.8M nodes without reading them all.
        of_labels = "label IN (SELECT value FROM json_each(?5)) AND " if labels else ""
        rows = self._query(
            f"SELECT id, label, name, props FROM nodes WHERE {of_labels}"
            "(name_fold LIKE ?1 ESCAPE '\\' OR acronym_fold LIKE ?1 ESCAPE '\\') "
            "ORDER BY (name_fold = ?2 OR acronym_fold = ?2) DESC, name_fold LIKE ?3 ESCAPE '\\' DESC, "
            "name_fold, id LIMIT ?4",
            (pattern, fold, pattern[1:], limit, *([json.dumps(labels)] if labels else [])),
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

    @contextmanager
    def _reading(self) -> Iterator[tuple[int, sqlite3.Connection]]:
        """``(feed position, connection)`` in one read transaction on a connection of its own: one
        snapshot of the feed and both tables, without holding this store's connection from other
        threads meanwhile."""
        with self._errors(), contextlib.closing(sqlite3.connect(self.path, isolation_level=None)) as db:
            db.execute(f"PRAGMA busy_timeout={self._busy_ms}")
            db.execute("BEGIN")
            try:
                yield db.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0], db
            finally:
                db.execute("ROLLBACK")

    @contextmanager
    def columns(self) -> Iterator[tuple[int, GraphColumns]]:
        """``(feed position, the whole graph as columns)`` read in one read transaction, a chunk of
        rows at a time (never a million rows in memory at once)."""
        with self._reading() as (position, db):
            yield (
                position,
                GraphColumns.of_rows(
                    _chunks(db, "SELECT id, label, name, props FROM nodes"),
                    _chunks(db, "SELECT source, target, type || ' ' || props FROM relationships"),
                ),
            )

    def export(self, where: GraphFilter | None = None) -> nx.MultiDiGraph:
        # The same graph as Store.export, from columns: each distinct set of properties parsed once.
        with self.columns() as (_, columns):
            G = titled(columns.graph())
        return filter_graph(G, where) if where else G

    # Streamed from a read transaction of their own: ten million rows are never in memory at once.
    def nodes(self) -> Iterator[Node]:
        with self._reading() as (_, db):
            yield from map(_node, db.execute("SELECT id, label, name, props FROM nodes"))

    def relationships(self) -> Iterator[Relationship]:
        with self._reading() as (_, db):
            yield from map(_rel, db.execute("SELECT source, type, target, props FROM relationships"))

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": dict(self._query("SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label")),
            "relationships": dict(
                self._query("SELECT type, count(*) FROM relationships GROUP BY type ORDER BY type")
            ),
        }

    def backup(self, out: Path) -> int:
        if out.exists():
            raise GraphkitError(f"{out} exists already: give a new file")
        with self._lock, self._errors(), contextlib.closing(sqlite3.connect(out)) as copy:
            self._db.backup(copy)  # SQLite's online backup API
            copy.execute("DELETE FROM sign_ins")
            copy.commit()
            return int(copy.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])

    def _backup_position(self, source: Path) -> int:
        try:
            with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy:
                return int(copy.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])
        except sqlite3.DatabaseError as e:
            raise GraphkitError(f"{source}: not a backup of a graphkit SQLite store: {e}") from None

    def _restore(self, source: Path, before: int) -> None:
        with (
            self._lock,
            self._errors(),
            contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy,
        ):
            copy.backup(self._db)
            self._db.executescript(_SCHEMA)  # a backup from before a table was added
            self._db.execute("DELETE FROM sqlite_sequence WHERE name = 'changes'")
            self._db.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'changes', max(coalesce(max(seq), 0), ?) FROM changes",
                (before,),
            )
        self.kept.discard()

    def sign_ins(
        self,
        keys: list[str],
        now: float,
        update: SignInUpdate | None = None,
    ) -> dict[str, dict[str, Any]]:
        if update is None:
            found = self._query(
                "SELECT key, value FROM sign_ins WHERE key IN (SELECT value FROM json_each(?)) AND expires >= ?",
                (json.dumps(keys), now),
            )
            return {k: json.loads(v) for k, v in found}
        with self._transaction():
            db = self._db
            db.execute("DELETE FROM sign_ins WHERE expires < ?", (now,))
            found = db.execute(
                "SELECT key, value FROM sign_ins WHERE key IN (SELECT value FROM json_each(?))",
                (json.dumps(keys),),
            ).fetchall()
            new = update({k: json.loads(v) for k, v in found})
            db.executemany("DELETE FROM sign_ins WHERE key = ?", [(k,) for k, v in new.items() if v is None])
            db.executemany(
                "INSERT OR REPLACE INTO sign_ins (key, value, expires) VALUES (?, ?, ?)",
                [(k, json.dumps(v), v["expires"]) for k, v in new.items() if v is not None],
            )
            db.execute(
                "DELETE FROM sign_ins WHERE key IN (SELECT key FROM sign_ins ORDER BY expires DESC LIMIT -1 OFFSET ?)",
                (MAX_SIGN_INS,),
            )
        return {k: v for k, v in new.items() if v is not None}

    def close(self) -> None:
        with self._lock:
            self._db.close()
