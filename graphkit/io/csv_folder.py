"""The CSV folder layout of seed/: one file per node label and one per relationship type.

    seed/nodes/Person.csv            id,name,<fields of Person>
    seed/relationships/KNOWS.csv     from,to,<fields of KNOWS>

``from`` and ``to`` are the ids of the relationship's ends (its ``source`` column, like every
relationship's, says where the fact comes from). Columns are the schema's fields (any subset, in any order, besides the required ones); an empty
cell means "not set". Files are UTF-8, with or without a byte-order mark. Rows are numbered as a
spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphkit.errors import Problem, ValidationError
from graphkit.model import NODE_FIELDS, RELATIONSHIP_FIELDS, Node, Relationship

NODES_DIR = "nodes"
RELATIONSHIPS_DIR = "relationships"


def node_files(folder: Path) -> list[Path]:
    return sorted((Path(folder) / NODES_DIR).glob("*.csv"))


def relationship_files(folder: Path) -> list[Path]:
    return sorted((Path(folder) / RELATIONSHIPS_DIR).glob("*.csv"))


def count_rows(folder: Path) -> int:
    """How many data rows the folder holds (for a progress bar)."""
    total = 0
    for path in node_files(folder) + relationship_files(folder):
        with path.open("rb") as f:
            total += max(sum(1 for _ in f) - 1, 0)
    return total


def check_folder(folder: Path) -> None:
    """Raise a ValidationError unless ``folder`` looks like a graphkit CSV folder."""
    folder = Path(folder)
    problems = []
    if not folder.is_dir():
        raise ValidationError([Problem(str(folder), "folder", "no such folder")])
    if not node_files(folder):
        problems.append(Problem(str(folder / NODES_DIR), "folder", "expected CSV files such as Person.csv"))
    for path in node_files(folder):
        if path.stem not in NODE_FIELDS:
            problems.append(
                Problem(str(path), "file name", f"unknown label; allowed: {', '.join(NODE_FIELDS)}")
            )
    for path in relationship_files(folder):
        if path.stem not in RELATIONSHIP_FIELDS:
            allowed = ", ".join(RELATIONSHIP_FIELDS)
            problems.append(Problem(str(path), "file name", f"unknown relationship type; allowed: {allowed}"))
    if problems:
        raise ValidationError(problems)


def _rows(path: Path, key_columns: tuple[str, ...], fields: dict) -> Iterator[tuple[str, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        problems = [Problem(f"{path} row 1", c, "missing column") for c in key_columns if c not in header]
        problems += [
            Problem(f"{path} row 1", c, "missing column (the field is required)")
            for c, spec in fields.items()
            if spec.required and c not in header
        ]
        if problems:
            raise ValidationError(problems)
        for row in reader:
            yield f"{path} row {reader.line_num}", row


def read_nodes(folder: Path) -> Iterator[Node]:
    """Yield every node in the folder's node files, values parsed by the schema."""
    for path in node_files(folder):
        label = path.stem
        fields = {f.name: f for f in NODE_FIELDS.get(label, ())}
        for origin, row in _rows(path, ("id", "name"), fields):
            props = {}
            for column, text in row.items():
                if column in ("id", "name") or text in (None, ""):
                    continue
                spec = fields.get(column)
                props[column] = spec.parse(text) if spec else text
            yield Node(row["id"] or "", label, row["name"] or "", props, origin)


def read_relationships(folder: Path) -> Iterator[Relationship]:
    """Yield every relationship in the folder's relationship files."""
    for path in relationship_files(folder):
        rel_type = path.stem
        fields = {f.name: f for f in RELATIONSHIP_FIELDS.get(rel_type, ())}
        for origin, row in _rows(path, ("from", "to"), fields):
            props = {}
            for column, text in row.items():
                if column in ("from", "to") or text in (None, ""):
                    continue
                spec = fields.get(column)
                props[column] = spec.parse(text) if spec else text
            yield Relationship(rel_type, row["from"] or "", row["to"] or "", props, origin)


class FolderWriter:
    """Write nodes and relationships into the CSV folder layout, one open file per label or type."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        (self.folder / NODES_DIR).mkdir(parents=True, exist_ok=True)
        (self.folder / RELATIONSHIPS_DIR).mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, tuple[object, csv.writer, tuple[str, ...]]] = {}

    def _writer(self, sub: str, name: str, keys: tuple[str, ...], fields) -> tuple:
        entry = self._writers.get(f"{sub}/{name}")
        if entry is None:
            columns = (*keys, *(f.name for f in fields))
            f = (self.folder / sub / f"{name}.csv").open("w", encoding="utf-8", newline="")
            w = csv.writer(f)
            w.writerow(columns)
            entry = self._writers[f"{sub}/{name}"] = (f, w, columns[len(keys) :])
        return entry

    def nodes(self, nodes: Iterable[Node]) -> None:
        for n in nodes:
            _, w, columns = self._writer(NODES_DIR, n.label, ("id", "name"), NODE_FIELDS[n.label])
            w.writerow([n.id, n.name, *(_cell(n.props.get(c)) for c in columns)])

    def relationships(self, rels: Iterable[Relationship]) -> None:
        for r in rels:
            _, w, columns = self._writer(
                RELATIONSHIPS_DIR, r.type, ("from", "to"), RELATIONSHIP_FIELDS[r.type]
            )
            w.writerow([r.source, r.target, *(_cell(r.props.get(c)) for c in columns)])

    def close(self) -> None:
        for f, _, _ in self._writers.values():
            f.close()
        self._writers.clear()

    def __enter__(self) -> FolderWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cell(value: object) -> object:
    return "" if value is None else value
