"""The snapshot: a store's whole graph kept in a file beside it (``Store.kept``), so that a new app
process starts from it and replays only what changed since, instead of reading and parsing every row.

The file is data only: a fixed first line, a JSON header (format, position in the feed, the graphkit,
pyarrow, NetworkX and Python versions that wrote it) and three Arrow IPC streams (nodes, edges,
figures) of typed columns, read memory-mapped. Loading runs no code from the file: one of the wrong
format, damaged, or planted is refused (and deleted when it is its owner's), never executed.

It is written by a separate process (``python -m graphkit.live.keep``, ``keep``) that reads the store
in one read transaction, so the app neither forks nor holds its graph still meanwhile. A snapshot is
believed only while the store can replay its feed from where it was taken (the same store, no erasure
since); an erasure deletes it (``graphkit.store.kept``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import mmap
import os
import platform
import struct
import subprocess
import sys
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from sys import intern
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pyarrow as pa

import graphkit
from graphkit import collector
from graphkit.store.base import GraphColumns

if TYPE_CHECKING:
    from graphkit.store import Store
    from graphkit.store.kept import KeptFile

log = logging.getLogger(__name__)
#: Bumped when the layout of the file changes, so that an older file is refused.
FORMAT = 4
MAGIC = b"graphkit snapshot\n"
_LENGTH = struct.Struct("<Q")
#: A header longer than this is not one of ours.
HEADER_AT_MOST = 1 << 20
#: A process writing the snapshot for longer than this (seconds) is stuck: it is killed.
WRITING_AT_MOST = 600.0
#: Columns of properties: ``p:<name>`` typed, ``j:<name>`` JSON text (values of mixed types).
TYPED, AS_JSON = "p:", "j:"
_STRING = pa.dictionary(pa.int32(), pa.string())
_PROPERTY_TYPES = (_STRING, pa.bool_(), pa.int64(), pa.float64())
#: Nodes and edges point (``kind``) at a row of their distinct sets of properties (``node_kinds``,
#: ``edge_kinds``: the type and properties): a million relationships hold a fifth as many.
_SCHEMAS = {
    "nodes": {"id": pa.string(), "label": _STRING, "name": pa.string(), "kind": pa.int32()},
    "node_kinds": {},
    "edges": {"source": pa.int32(), "target": pa.int32(), "kind": pa.int32()},
    "edge_kinds": {"type": _STRING},
    "figures": {"key": _STRING, "node": pa.string(), "value": pa.float64()},
}
_KINDS = ("node_kinds", "edge_kinds")


#: A figure kept: node id -> number, under a key of plain values (``("pagerank", False)``).
FigureKey = tuple[str | int | bool, ...]
Figures = dict[FigureKey, dict[str, float]]
Record = dict[str, Any]


class Refused(Exception):
    """The file is not a snapshot this graphkit wrote for this store."""


@dataclass
class Snapshot:
    """The graph as read at feed ``position`` (whose entry is ``mark``), and figures computed from its
    shape at feed position ``figures_at`` on the day ``day`` (ties fade by the day)."""

    position: int
    mark: str
    G: nx.MultiDiGraph
    figures: Figures = field(default_factory=dict)
    figures_at: int = -1
    day: str = field(default_factory=lambda: date.today().isoformat())

    @property
    def fresh_figures(self) -> Figures:
        """The figures when they are of this graph's shape and of today; else none."""
        current = self.figures_at == self.position and self.day == date.today().isoformat()
        return self.figures if current else {}


# -- reading ----------------------------------------------------------------------------------------


def load(store: Store) -> Snapshot | None:
    """The store's snapshot, or None when there is none, it is not its owner's alone, it is not a
    snapshot of this format and graphkit, or the store cannot replay its feed from it (another
    store, or an erasure since); then a file of its owner's is deleted."""
    kept = store.kept
    fd = None if kept is None else kept.open_owned()
    if fd is None:
        return None
    try:
        # Unmapped when the last column read from it is gone (the graph holds copies only).
        mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        return read(pa.py_buffer(mapped), lambda position, mark: believed(store, position, mark))
    except (Refused, ValueError, TypeError, KeyError, OSError, pa.ArrowException):
        kept.discard()  # type: ignore[union-attr]
        return None
    finally:
        os.close(fd)


def believed(store: Store, position: int, mark: str) -> bool:
    """Whether ``store`` can replay its feed from ``position``, whose entry is ``mark``."""
    return store.feed_mark(position) == mark and store.changes_since(position).changes is not None


def read(buffer: pa.Buffer, believe: Callable[[int, str], bool]) -> Snapshot:
    """The snapshot in ``buffer``, when ``believe(position, mark)`` says its store can replay its feed
    from there; raises Refused (or pyarrow's ArrowException) for anything else."""
    header = _header(buffer)
    if not believe(header["position"], header["mark"]):
        raise Refused("the store cannot replay its feed from there")
    sections = {name: _section(buffer, name, *header["sections"][name]) for name in _SCHEMAS}
    with collector.paused():
        G = _columns(sections).graph()
    return Snapshot(
        header["position"],
        header["mark"],
        G,
        _figures(sections["figures"]),
        header["figures_at"],
        header["day"],
    )


def _header(buffer: pa.Buffer) -> dict[str, Any]:
    start = len(MAGIC) + _LENGTH.size
    if buffer.size < start or buffer[: len(MAGIC)].to_pybytes() != MAGIC:
        raise Refused("not a graphkit snapshot")
    (length,) = _LENGTH.unpack(buffer[len(MAGIC) : start].to_pybytes())
    if length > min(HEADER_AT_MOST, buffer.size - start):
        raise Refused("a header too long")
    header = json.loads(buffer[start : start + length].to_pybytes())
    expected = {"format": FORMAT, "graphkit": graphkit.__version__}
    if not isinstance(header, dict) or any(header.get(k) != v for k, v in expected.items()):
        raise Refused("another format, or written by another graphkit")
    for key, kind in (("position", int), ("figures_at", int), ("mark", str), ("day", str)):
        if type(header.get(key)) is not kind:
            raise Refused(f"no {key} in the header")
    sections = header.get("sections")
    for name in _SCHEMAS:
        place = sections.get(name) if isinstance(sections, dict) else None
        if not (isinstance(place, list) and len(place) == 2 and all(type(x) is int for x in place)):
            raise Refused(f"no {name} in the header")
        if place[0] < start + length or place[1] < 0 or place[0] + place[1] > buffer.size:
            raise Refused(f"{name} lies outside the file")
    return header


def _section(buffer: pa.Buffer, name: str, offset: int, length: int) -> pa.Table:
    """One Arrow IPC stream of the file, checked whole (``validate(full=True)``: offsets, indices,
    UTF-8) and against the columns and types a snapshot has."""
    table = pa.ipc.open_stream(buffer.slice(offset, length)).read_all()
    table.validate(full=True)
    fixed = _SCHEMAS[name]
    for column in table.schema:
        known = fixed.get(column.name)
        if known is not None:
            allowed: tuple[pa.DataType, ...] = (known,)
        elif name in _KINDS and column.name.startswith(TYPED):
            allowed = _PROPERTY_TYPES
        elif name in _KINDS and column.name.startswith(AS_JSON):
            allowed = (pa.string(),)
        else:
            raise Refused(f"an unknown column {column.name!r} in {name}")
        if column.type not in allowed:
            raise Refused(f"column {column.name!r} of {name} is {column.type}")
    if set(fixed) - set(table.column_names):
        raise Refused(f"{name} lacks a column")
    return table


def _values(column: pa.ChunkedArray | pa.Array) -> list[Any]:
    """A column's values as Python objects; the strings of a dictionary column shared (one object per
    distinct value: a million relationships repeat the same few)."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        words = [intern(w) for w in column.dictionary.to_pylist()]
        indices = column.indices.fill_null(0).to_numpy(zero_copy_only=False).tolist()
        valid = column.is_valid().to_numpy(zero_copy_only=False)
        if not words:
            return [None] * len(column)
        return [words[i] if ok else None for i, ok in zip(indices, valid, strict=True)]
    values: list[Any] = column.to_pylist()
    return values


def _properties(table: pa.Table, records: list[Record]) -> None:
    """Add the property columns of ``table`` to ``records`` (one per row), skipping nulls (absent)."""
    for name in table.column_names:
        if not name.startswith((TYPED, AS_JSON)):
            continue
        column = table.column(name).combine_chunks()
        present = np.flatnonzero(column.is_valid().to_numpy(zero_copy_only=False)).tolist()
        values = _values(column.drop_null())
        if name.startswith(AS_JSON):
            values = [json.loads(v) for v in values]
        key = intern(name[2:])
        for i, value in zip(present, values, strict=True):
            records[i][key] = value


def _kinds(table: pa.Table, records: list[Record]) -> list[Record]:
    _properties(table, records)
    return records


def _ints(column: pa.ChunkedArray, below: int, lowest: int = 0) -> np.ndarray:
    """A column of places, each ``lowest`` up to ``below``: else Refused."""
    if column.null_count:
        raise Refused("a place missing")
    values: np.ndarray = column.combine_chunks().to_numpy().astype(np.int64)
    if len(values) and (values.min() < lowest or values.max() >= below):
        raise Refused("a place the file does not hold")
    return values


def _columns(sections: dict[str, pa.Table]) -> GraphColumns:
    nodes, edges = sections["nodes"], sections["edges"]
    node_kinds = _kinds(sections["node_kinds"], [{} for _ in range(sections["node_kinds"].num_rows)])
    types = sections["edge_kinds"].column("type")
    if types.null_count:
        raise Refused("an edge without its type")
    edge_kinds = _kinds(sections["edge_kinds"], [{"type": t} for t in _values(types)])
    labels = _values(nodes.column("label"))
    kind = _ints(nodes.column("kind"), len(node_kinds), lowest=-1)
    if ((kind < 0) != np.array([label is None for label in labels], dtype=bool)).any():
        raise Refused("a node with a label and no properties, or properties and no label")
    ids = [intern(i) for i in nodes.column("id").to_pylist()]
    return GraphColumns(
        ids,
        labels,
        nodes.column("name").to_pylist(),
        kind.tolist(),
        node_kinds,
        _ints(edges.column("source"), len(ids)),
        _ints(edges.column("target"), len(ids)),
        _ints(edges.column("kind"), len(edge_kinds)),
        edge_kinds,
    )


def _figures(table: pa.Table) -> Figures:
    figures: Figures = {}
    keys = _values(table.column("key"))
    nodes, values = table.column("node").to_pylist(), table.column("value").to_pylist()
    for key, node, value in zip(keys, nodes, values, strict=True):
        if key is None or node is None or value is None:
            raise Refused("a figure without its key, node or value")
        figures.setdefault(_figure_key(key), {})[intern(node)] = value
    return figures


def _figure_key(text: str) -> FigureKey:
    key = json.loads(text)
    if not (isinstance(key, list) and all(type(k) in (str, int, bool) for k in key)):
        raise Refused("a figure's key is not a list of plain values")
    return tuple(key)


# -- writing ----------------------------------------------------------------------------------------


def write(
    kept: KeptFile,
    position: int,
    mark: str,
    columns: GraphColumns,
    figures: Mapping[FigureKey, Mapping[str, float]] = {},
    figures_at: int = -1,
) -> None:
    """Write a snapshot of the graph a store read at ``position`` (``SqliteStore.columns``) to a
    temporary file, owner-only, then put it in place of the kept file."""
    c = columns
    sections = {
        "nodes": pa.table(
            {
                "id": pa.array(c.ids, pa.string()),
                "label": pa.array(c.labels, pa.string()).dictionary_encode(),
                "name": pa.array(c.names, pa.string()),
                "kind": pa.array(np.asarray(c.node_kind, dtype=np.int32)),
            }
        ),
        "node_kinds": _kinds_table(c.node_kinds, {}),
        "edges": pa.table(
            {
                name: pa.array(np.asarray(values, dtype=np.int32))
                for name, values in (("source", c.sources), ("target", c.targets), ("kind", c.edge_kind))
            }
        ),
        "edge_kinds": _kinds_table(
            [{k: v for k, v in d.items() if k != "type"} for d in c.edge_kinds],
            {"type": pa.array([d["type"] for d in c.edge_kinds], pa.string()).dictionary_encode()},
        ),
        "figures": _figure_table(figures),
    }
    header = {
        "format": FORMAT,
        "graphkit": graphkit.__version__,
        "pyarrow": pa.__version__,
        "networkx": nx.__version__,
        "python": platform.python_version(),
        "position": position,
        "mark": mark,
        "figures_at": figures_at,
        "day": date.today().isoformat(),
    }
    _write_file(kept, header, sections)


def _write_file(kept: KeptFile, header: dict[str, Any], sections: dict[str, pa.Table]) -> None:
    streams = {}
    for name, table in sections.items():
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        streams[name] = sink.getvalue()
    # The header names where each stream starts: its own length first fixes where the first one does.
    places: dict[str, list[int]] = {}
    text = b""
    for _ in range(3):  # the offsets' digits change the header's length at most twice
        offset = len(MAGIC) + _LENGTH.size + len(text)
        places = {}
        for name, stream in streams.items():
            places[name] = [offset, stream.size]
            offset += stream.size
        text = json.dumps({**header, "sections": places}, sort_keys=True).encode()
    temporary = kept.temporary()
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + _LENGTH.pack(len(text)) + text)
            for stream in streams.values():
                f.write(stream)
        os.replace(temporary, kept.path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _property_array(rows: int, where: list[int], values: list[Any]) -> tuple[str, pa.Array]:
    """A column of ``rows`` values, ``values`` at rows ``where`` and none elsewhere: typed when they
    share one plain type, else each as JSON text."""
    kinds = {type(v) for v in values}
    full: list[Any] = [None] * rows
    if kinds == {str} or (len(kinds) == 1 and kinds <= {bool, int, float}):
        for i, v in zip(where, values, strict=True):
            full[i] = v
        try:
            if kinds == {str}:
                return TYPED, pa.array(full, pa.string()).dictionary_encode()
            return TYPED, pa.array(
                full, {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}[kinds.pop()]
            )
        except (pa.ArrowException, OverflowError):  # an int past 64 bits, say
            pass
    for i, v in zip(where, values, strict=True):
        full[i] = json.dumps(v)
    return AS_JSON, pa.array(full, pa.string())


class _Columns:
    """Property values gathered row by row, each name its own column."""

    def __init__(self) -> None:
        self.rows = 0
        self.values: dict[str, tuple[list[int], list[Any]]] = {}

    def add(self, props: Record) -> None:
        for key, value in props.items():
            column = self.values.get(key)
            if column is None:
                column = self.values[key] = ([], [])
            column[0].append(self.rows)
            column[1].append(value)
        self.rows += 1

    def arrays(self) -> dict[str, pa.Array]:
        out = {}
        for key, (where, values) in self.values.items():
            prefix, array = _property_array(self.rows, where, values)
            out[prefix + key] = array
        return out


def _kinds_table(kinds: list[Record], fixed: dict[str, pa.Array]) -> pa.Table:
    """One row per distinct set of properties: a column per property name."""
    props = _Columns()
    for record in kinds:
        props.add(record)
    # A column that names the number of rows, then dropped: kinds without properties still count.
    return pa.table({"_": pa.nulls(len(kinds)), **fixed, **props.arrays()}).drop_columns(["_"])


def _figure_table(figures: Mapping[FigureKey, Mapping[str, float]]) -> pa.Table:
    keys, nodes, values = [], [], []
    for key, figure in figures.items():
        text = json.dumps(list(key))
        for node, value in figure.items():
            keys.append(text)
            nodes.append(node)
            values.append(float(value))
    return pa.table(
        {
            "key": pa.array(keys, pa.string()).dictionary_encode(),
            "node": pa.array(nodes, pa.string()),
            "value": pa.array(values, pa.float64()),
        }
    )


def keepable(figures: Mapping[Hashable, object]) -> Figures:
    """The figures a snapshot can hold: a map of node ids to numbers, under a tuple of plain values."""
    plain = (str, int, bool)
    return {
        key: dict(figure)
        for key, figure in figures.items()
        if isinstance(key, tuple)
        and all(type(k) in plain for k in key)
        and isinstance(figure, dict)
        and all(type(n) is str and type(v) in (int, float) for n, v in figure.items())
    }


# -- the writing process ----------------------------------------------------------------------------


def keep(
    store: Store, figures: Mapping[Hashable, object], figures_at: int
) -> Callable[[], int | None] | None:
    """Start a process that writes the store's snapshot as of now, with ``figures`` (computed from the
    graph's shape at feed position ``figures_at``); return what waits for it and gives the position
    kept (None: it failed, or an erasure came meanwhile and it was deleted). None: this store keeps
    no snapshot."""
    if store.kept is None:
        return None
    kept = store.kept
    child = subprocess.Popen(
        [sys.executable, "-m", "graphkit.live.keep", store.url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a Ctrl-C to the app does not reach it half-way
    )
    given = [[list(k), v] for k, v in keepable(figures).items()]
    sent = json.dumps({"figures_at": figures_at, "figures": given}).encode()

    def wait() -> int | None:
        try:
            out, err = child.communicate(sent, timeout=WRITING_AT_MOST)
        except subprocess.TimeoutExpired:
            log.warning("graphkit: the snapshot's writer took over %s s: stopped", WRITING_AT_MOST)
            child.kill()
            child.wait()
            for temporary in kept.temporaries():
                if temporary.name.startswith(f"{kept.path.name}.{child.pid}-"):
                    with contextlib.suppress(OSError):
                        temporary.unlink()
            return None
        if child.returncode != 0:
            if err.strip():
                log.warning(
                    "graphkit: the snapshot was not written: %s", err.decode(errors="replace")[-2000:]
                )
            return None
        position = int(out)
        if store.changes_since(position).changes is None:
            kept.discard()  # an erasure came meanwhile: nothing it erased may survive here
            return None
        return int(position)

    return wait


def keep_here(store: Store, figures: Mapping[FigureKey, Mapping[str, float]], figures_at: int) -> int | None:
    """In the writing process: write the snapshot of ``store`` as it is now; the position kept (None:
    nothing to keep, or an erasure came meanwhile and it was deleted again)."""
    read = getattr(store, "columns", None)
    if store.kept is None or read is None:
        return None
    with read() as (position, columns):
        mark = store.feed_mark(position) if position else None
        if mark is None:
            return None
        write(store.kept, position, mark, columns, figures, figures_at)
    if not believed(store, position, mark):
        store.kept.discard()
        return None
    return int(position)
