"""Reading and writing graphs in files: one place that picks the reader or writer for a file or format.

Import (``open_source``): a CSV folder in the seed's layout, one of its ``nodes/<Label>.csv`` or
``relationships/<TYPE>.csv`` files, a contacts spreadsheet (any other ``.csv``), ``.graphml``,
``.gexf`` or ``.json``. Export (``export_graph``): the formats in ``EXPORT_FORMATS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from graphkit.errors import Problem, ValidationError
from graphkit.graph import shareable
from graphkit.model import NODE_FIELDS, RELATIONSHIP_FIELDS, Node, Relationship
from graphkit.store import Store

EXPORT_FORMATS = {
    "csv": "a folder of CSV files in the seed's layout (nodes/<Label>.csv, relationships/<TYPE>.csv)",
    "contacts": "one CSV file, one row per person: name, title, organisation, country, stakeholder group, email",
    "graphml": "GraphML (yEd, Gephi, NetworkX)",
    "gexf": "GEXF for Gephi: names as labels, stakeholder group as attribute, colours by group",
    "json": "NetworkX node-link JSON",
    "cypher": "a Cypher script that loads the graph into an empty Neo4j",
}
IMPORT_SUFFIXES = {".graphml": "graphml", ".xml": "graphml", ".gexf": "gexf", ".json": "json", ".csv": "csv"}


class CsvFolder:
    """A folder in the seed's CSV layout."""

    def __init__(self, folder: Path) -> None:
        from graphkit.io.csv_folder import check_folder

        check_folder(folder)
        self.folder = Path(folder)

    def nodes(self) -> Iterator[Node]:
        from graphkit.io.csv_folder import read_nodes

        return read_nodes(self.folder)

    def relationships(self) -> Iterator[Relationship]:
        from graphkit.io.csv_folder import read_relationships

        return read_relationships(self.folder)


class CsvFile:
    """One ``nodes/<Label>.csv`` or ``relationships/<TYPE>.csv`` file of the seed's layout."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind = Path(path), kind
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

        return read_node_file(self.path) if self.kind == "nodes" else iter(())

    def relationships(self) -> Iterator[Relationship]:
        from graphkit.io.csv_folder import read_relationship_file

        return read_relationship_file(self.path) if self.kind == "relationships" else iter(())


def open_source(path: Path, store: Store):
    """A reader for one file or folder, chosen by its name; ``store`` is consulted by contacts spreadsheets."""
    path = Path(path)
    if path.is_dir():
        return CsvFolder(path)
    if not path.is_file():
        raise ValidationError([Problem(str(path), "file", "no such file or folder")])
    kind = IMPORT_SUFFIXES.get(path.suffix.lower())
    if kind == "csv":
        if path.parent.name in ("nodes", "relationships"):
            return CsvFile(path, path.parent.name)
        if path.stem in NODE_FIELDS:
            return CsvFile(path, "nodes")
        if path.stem in RELATIONSHIP_FIELDS:
            return CsvFile(path, "relationships")
        from graphkit.io.contacts import ContactsFile

        return ContactsFile(path, store)
    from graphkit.io import graph_files

    readers = {
        "graphml": graph_files.read_graphml,
        "gexf": graph_files.read_gexf,
        "json": graph_files.read_json,
    }
    if kind not in readers:
        allowed = ", ".join(sorted(IMPORT_SUFFIXES))
        raise ValidationError(
            [Problem(str(path), "file name", f"unknown kind of file; expected one of {allowed}")]
        )
    return readers[kind](path)


class _GraphRecords:
    """A NetworkX graph offering what an export reads from a store: ``nodes()``, ``relationships()``, ``export()``."""

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


def export_graph(store: Store, fmt: str, out: Path, shared: bool = False) -> None:
    """Write the whole stored graph to ``out`` (a folder for ``csv``, else a file) in format ``fmt``;
    when ``shared``, without its private nodes and relationships (an export meant for sharing).

    CSV exports are spreadsheet-safe: a cell starting with =, +, -, @ gets a leading ``'``.
    """
    out = Path(out)
    if fmt not in EXPORT_FORMATS:
        raise ValidationError([Problem(fmt, "format", f"expected one of {', '.join(EXPORT_FORMATS)}")])
    if shared:
        store = _GraphRecords(shareable(store.export()))  # type: ignore[assignment]
    if fmt == "csv":
        from graphkit.io.csv_folder import FolderWriter

        with FolderWriter(out, spreadsheet_safe=True) as w:
            w.nodes(store.nodes())
            w.relationships(store.relationships())
        return
    if fmt == "contacts":
        from graphkit.io.contacts import write_contacts

        write_contacts(store, out)
        return
    G = store.export()
    if fmt == "cypher":
        from graphkit.io.cypher import write_cypher

        with out.open("w", encoding="utf-8") as f:
            write_cypher(G, f)
        return
    from graphkit.io import graph_files

    {"graphml": graph_files.write_graphml, "gexf": graph_files.write_gexf, "json": graph_files.write_json}[
        fmt
    ](G, out)
