"""Reading and writing graphs in files: one registry, ``FORMATS``, with an entry per format.

A format is a ``Format``: its name, what it is, the file suffixes it reads, a reader and a writer (either
may be missing). ``open_source`` picks the reader for a file or folder by its suffix; ``export_graph``
the writer by name. Adding a format is one ``register(Format(...))`` with its reader and writer; the
command line and the Data page offer it from here. Import reads a CSV folder in the seed's layout, one
of its ``nodes/<Label>.csv`` or ``relationships/<TYPE>.csv`` files, a contacts spreadsheet (any other
``.csv``), ``.graphml``, ``.gexf`` or ``.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import networkx as nx

from graphkit.errors import Problem, ValidationError
from graphkit.graph import shareable
from graphkit.graph.filters import schema_of
from graphkit.model import BUILT_IN, NODE_FIELDS, RELATIONSHIP_FIELDS, Node, Relationship, Schema
from graphkit.store import Store


class Records(Protocol):
    """What a writer reads: a store, or ``GraphRecords`` over a graph in memory."""

    def nodes(self) -> Iterator[Node]: ...

    def relationships(self) -> Iterator[Relationship]: ...

    def export(self) -> nx.MultiDiGraph: ...

    def schema(self) -> Schema: ...


@dataclass(frozen=True)
class Format:
    """One file format: ``read(path, store)`` gives a source of nodes and relationships (``store`` is
    for readers that match rows to what is stored, as contacts spreadsheets do); ``write(records, out)``
    writes a whole graph; ``download`` and ``mime`` name the file the Data page offers."""

    name: str
    about: str
    suffixes: tuple[str, ...] = ()
    read: Callable[[Path, Store], object] | None = None
    write: Callable[[Records, Path], None] | None = None
    download: str = ""
    mime: str = "application/octet-stream"


#: Every format graphkit reads or writes, by name, in the order they are offered.
FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` to ``FORMATS`` (a later entry of the same name replaces it)."""
    FORMATS[fmt.name] = fmt
    return fmt


def export_formats() -> list[Format]:
    """The formats a graph can be written in."""
    return [f for f in FORMATS.values() if f.write is not None]


class CsvFolder:
    """A folder in the seed's CSV layout."""

    def __init__(self, folder: Path, schema: Schema = BUILT_IN) -> None:
        from graphkit.io.csv_folder import check_folder

        check_folder(folder)
        self.folder = Path(folder)
        self.schema = schema

    def nodes(self) -> Iterator[Node]:
        from graphkit.io.csv_folder import read_nodes

        return read_nodes(self.folder, self.schema)

    def relationships(self) -> Iterator[Relationship]:
        from graphkit.io.csv_folder import read_relationships

        return read_relationships(self.folder)


class CsvFile:
    """One ``nodes/<Label>.csv`` or ``relationships/<TYPE>.csv`` file of the seed's layout."""

    def __init__(self, path: Path, kind: str, schema: Schema = BUILT_IN) -> None:
        self.path, self.kind, self.schema = Path(path), kind, schema
        names = NODE_FIELDS if kind == "nodes" else RELATIONSHIP_FIELDS
        if self.path.stem not in names:
            what = "label" if kind == "nodes" else "relationship type"
            raise ValidationError(
                [
                    Problem(
                        str(path),
                        "file name",
                        f"unknown {what} {self.path.stem!r}; allowed: {', '.join(names)}",
                    )
                ]
            )

    def nodes(self) -> Iterator[Node]:
        from graphkit.io.csv_folder import read_node_file

        return read_node_file(self.path, self.schema) if self.kind == "nodes" else iter(())

    def relationships(self) -> Iterator[Relationship]:
        from graphkit.io.csv_folder import read_relationship_file

        return read_relationship_file(self.path) if self.kind == "relationships" else iter(())


def open_source(path: Path, store: Store):
    """A reader for one file or folder, chosen by its suffix (a folder is in the seed's CSV layout)."""
    path = Path(path)
    if path.is_dir():
        return CsvFolder(path, store.schema())
    if not path.is_file():
        raise ValidationError([Problem(str(path), "file", "no such file or folder")])
    suffix = path.suffix.lower()
    fmt = next((f for f in FORMATS.values() if f.read and suffix in f.suffixes), None)
    if fmt is None:
        allowed = ", ".join(sorted(s for f in FORMATS.values() if f.read for s in f.suffixes))
        raise ValidationError(
            [Problem(str(path), "file name", f"unknown kind of file; expected one of {allowed}")]
        )
    return fmt.read(path, store)


def _read_csv(path: Path, store: Store):
    """One file of the seed's CSV layout (by its folder or its name), else a contacts spreadsheet."""
    if path.parent.name in ("nodes", "relationships"):
        return CsvFile(path, path.parent.name, store.schema())
    if path.stem in NODE_FIELDS:
        return CsvFile(path, "nodes", store.schema())
    if path.stem in RELATIONSHIP_FIELDS:
        return CsvFile(path, "relationships")
    from graphkit.io.contacts import ContactsFile

    return ContactsFile(path, store)


class GraphRecords:
    """A NetworkX graph offering what a writer reads from a store: ``nodes()``, ``relationships()``, ``export()``."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G

    def nodes(self) -> Iterator[Node]:
        for n, d in self.G.nodes(data=True):
            yield Node(n, d["label"], d["name"], {k: v for k, v in d.items() if k not in ("label", "name")})

    def relationships(self) -> Iterator[Relationship]:
        for u, v, t, d in self.G.edges(keys=True, data=True):
            yield Relationship(t, u, v, {k: x for k, x in d.items() if k != "type"})

    def export(self) -> nx.MultiDiGraph:
        return self.G

    def schema(self) -> Schema:
        return schema_of(self.G)


def export_graph(store: Records, fmt: str, out: Path, shared: bool = False) -> None:
    """Write the whole stored graph to ``out`` (a folder for ``csv``, else a file) in format ``fmt``;
    when ``shared``, without its private nodes and relationships (an export meant for sharing).

    CSV exports are spreadsheet-safe: a cell starting with =, +, -, @ gets a leading ``'``.
    """
    writer = FORMATS[fmt].write if fmt in FORMATS else None
    if writer is None:
        names = ", ".join(f.name for f in export_formats())
        raise ValidationError([Problem(fmt, "format", f"expected one of {names}")])
    writer(GraphRecords(shareable(store.export())) if shared else store, Path(out))


def _write_csv(records: Records, out: Path) -> None:
    from graphkit.io.csv_folder import FolderWriter

    with FolderWriter(out, records.schema()) as w:
        w.nodes(records.nodes())
        w.relationships(records.relationships())


def _write_contacts(records: Records, out: Path) -> None:
    from graphkit.io.contacts import write_contacts

    write_contacts(records, out)


def _write_cypher(records: Records, out: Path) -> None:
    from graphkit.io.cypher import write_cypher

    with out.open("w", encoding="utf-8") as f:
        write_cypher(records.export(), f)


def _graph_file(kind: str) -> tuple[Callable, Callable]:
    """The reader and writer of a NetworkX file format in graph_files (imported when first used)."""

    def read(path: Path, store: Store):
        from graphkit.io import graph_files

        source = getattr(graph_files, f"read_{kind}")(path)
        source.schema = store.schema()
        return source

    def write(records: Records, out: Path) -> None:
        from graphkit.io import graph_files

        getattr(graph_files, f"write_{kind}")(records.export(), out)

    return read, write


register(
    Format(
        "csv",
        "a folder of CSV files in the seed's layout (nodes/<Label>.csv, relationships/<TYPE>.csv)",
        (".csv",),
        _read_csv,
        _write_csv,
        "graphkit-csv.zip",
        "application/zip",
    )
)
register(
    Format(
        "contacts",
        "one CSV file, one row per person: name, title, organisation, country, stakeholder group, email",
        write=_write_contacts,
        download="graphkit-contacts.csv",
        mime="text/csv",
    )
)
register(
    Format(
        "graphml",
        "GraphML (yEd, Gephi, NetworkX)",
        (".graphml", ".xml"),
        *_graph_file("graphml"),
        "graphkit.graphml",
        "application/xml",
    )
)
register(
    Format(
        "gexf",
        "GEXF for Gephi: names as labels, stakeholder group as attribute, colours by group",
        (".gexf",),
        *_graph_file("gexf"),
        "graphkit.gexf",
        "application/xml",
    )
)
register(
    Format(
        "json",
        "NetworkX node-link JSON",
        (".json",),
        *_graph_file("json"),
        "graphkit.json",
        "application/json",
    )
)
register(
    Format(
        "cypher",
        "a Cypher script that loads the graph into an empty Neo4j",
        write=_write_cypher,
        download="graphkit.cypher",
        mime="text/plain",
    )
)
