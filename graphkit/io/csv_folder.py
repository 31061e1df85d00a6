"""The CSV folder layout of seed/: one file per node label and one per relationship type.

    seed/nodes/Person.csv            id,name,<fields of Person>
    seed/relationships/KNOWS.csv     from,to,<fields of KNOWS>

``from`` and ``to`` are the ids of the relationship's ends (its ``source`` column, like every
relationship's, says where the fact comes from). Columns are the schema's fields (any subset, in
any order, besides the required ones); an empty cell means "not set". Each record read names the
file's columns (``named``): an import keeps a stored record's fields that have no column, and
clears those whose cell is empty. Files are UTF-8, with or
without a byte-order mark, separated by ``,`` or (as Excel saves them in many countries) ``;``. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from graphkit.errors import MAX_PROBLEMS, Problem, ValidationError
from graphkit.io.spreadsheet import csv_writer
from graphkit.model import (
    BUILT_IN,
    FIELD_DEF,
    NODE_FIELDS,
    RELATIONSHIP_FIELDS,
    Field,
    Node,
    Relationship,
    Schema,
)
from graphkit.model.schema import list_text

NODES_DIR = "nodes"
RELATIONSHIPS_DIR = "relationships"


def node_files(folder: Path) -> list[Path]:
    return sorted((Path(folder) / NODES_DIR).glob("*.csv"))


def relationship_files(folder: Path) -> list[Path]:
    return sorted((Path(folder) / RELATIONSHIPS_DIR).glob("*.csv"))


def count_rows(folder: Path) -> int:
    """How many data rows the folder holds, about (lines: for a progress bar)."""
    total = 0
    for path in node_files(folder) + relationship_files(folder):
        with path.open("rb") as f:
            lines, last = 0, b"\n"
            for block in iter(partial(f.read, 1 << 20), b""):
                lines, last = lines + block.count(b"\n"), block[-1:]
            total += max(lines + (last != b"\n") - 1, 0)  # a last line may have no line break
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


def sniff_delimiter(header_line: str) -> str:
    """``;`` when the header row is separated by semicolons (as Excel saves CSV in many countries), else ``,``.

    Only the header is looked at: its cells are column names, which hold neither character, whereas
    data cells (notes, titles) may hold both.
    """
    return ";" if header_line.count(";") > header_line.count(",") else ","


Row = tuple[str, str, str, dict[str, object], frozenset[str]]


def _records(path: Path, keys: tuple[str, str], fields: dict[str, Field]) -> Iterator[Row]:
    """Yield (origin, key 1, key 2, parsed properties, the columns named) for each data row of one file."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = None
        try:
            delimiter = sniff_delimiter(f.readline())
            f.seek(0)
            reader = csv.reader(f, delimiter=delimiter)
            yield from _parse(reader, path, keys, fields)
        except UnicodeDecodeError:
            # Text is decoded in blocks, so the row is only approximately where the bad byte is.
            where = f"{path} near row {reader.line_num + 1 if reader else 1}"
            raise ValidationError(
                [Problem(where, "encoding", "not UTF-8 text; save the file as 'CSV UTF-8' and try again")]
            ) from None
        except csv.Error as e:
            raise ValidationError(
                [Problem(f"{path} row {reader.line_num}", "file", f"not readable as CSV: {e}")]
            ) from None


def _parse(reader: Any, path: Path, keys: tuple[str, str], fields: dict[str, Field]) -> Iterator[Row]:
    header = _header(next(reader, None), path, keys, fields)
    first, second = header.index(keys[0]), header.index(keys[1])
    columns = [
        (i, name, f.parser() if (f := fields.get(name)) else None)
        for i, name in enumerate(header)
        if name not in keys
    ]
    named = frozenset(name for _, name, _ in columns)
    width = len(header)
    short: list[Problem] = []
    for row in reader:
        if not row:
            continue
        if len(row) < width:
            # A missing cell is not an empty one: writing the row would wipe that field (a tie's
            # strength, a person's sensitivity), so the whole import is refused instead.
            short.append(short_row_problem(f"{path} row {reader.line_num}", header, row))
            if len(short) > MAX_PROBLEMS:
                break
            continue
        props: dict[str, object] = {}
        for i, name, parse in columns:
            text = row[i]
            if text != "":
                props[name] = parse(text) if parse else text
        if len(row) > width:  # cells past the header have no field name: validation reports them
            for i in range(width, len(row)):
                if row[i] != "":
                    props[f"column {i + 1}"] = row[i]
        yield f"{path} row {reader.line_num}", row[first], row[second], props, named
    if short:
        raise ValidationError(short)


def _header(
    header: list[str] | None, path: Path, keys: tuple[str, str], fields: dict[str, Field]
) -> list[str]:
    """The header row, checked: a ValidationError for an empty file, or a missing, doubled or unknown column."""
    if header is None:
        raise ValidationError(
            [Problem(f"{path} row 1", "header", f"empty file; expected {','.join(keys)},...")]
        )
    problems = [Problem(f"{path} row 1", c, "missing column") for c in keys if c not in header]
    problems += [
        Problem(f"{path} row 1", c, "missing column (the field is required)")
        for c, spec in fields.items()
        if spec.required and c not in header
    ]
    problems += [
        Problem(f"{path} row 1", c, "column appears twice") for c, n in Counter(header).items() if n > 1
    ]
    allowed = ", ".join((*keys, *fields))
    label = path.stem
    declare = (
        f"; or declare it: graphkit fields add {label} <name> --type text|number|date|list|choice|yes_no"
        if keys == ("id", "name") and label in NODE_FIELDS and label != FIELD_DEF
        else ""
    )
    problems += [
        Problem(f"{path} row 1", c, f"unknown column; allowed: {allowed}{declare.replace('<name>', c)}")
        for c in dict.fromkeys(header)
        if c not in keys and c not in fields
    ]
    if problems:
        raise ValidationError(problems)
    return header


def short_row_problem(where: str, header: list[str], row: list[str]) -> Problem:
    """The problem of a row with fewer cells than the header, naming the first missing column."""
    return Problem(
        where,
        header[len(row)],
        f"missing cell: the row has {len(row)} of the header's {len(header)} columns; "
        "leave a cell empty (,,) to say a field is not set",
    )


def read_nodes(folder: Path, schema: Schema = BUILT_IN) -> Iterator[Node]:
    """Yield every node in the folder's node files, values parsed by ``schema`` and the fields the
    folder declares (its ``FieldDef.csv``, read first)."""
    files = node_files(folder)
    defs = [p for p in files if p.stem == FIELD_DEF]
    for path in defs:
        declared = list(read_node_file(path))
        schema = schema.declaring(declared)
        yield from declared
    for path in files:
        if path.stem != FIELD_DEF:
            yield from read_node_file(path, schema)


def read_relationships(folder: Path) -> Iterator[Relationship]:
    """Yield every relationship in the folder's relationship files."""
    for path in relationship_files(folder):
        yield from read_relationship_file(path)


def read_node_file(path: Path, schema: Schema = BUILT_IN) -> Iterator[Node]:
    """Yield the nodes of one ``nodes/<Label>.csv`` file; the file name is the label."""
    label = Path(path).stem
    fields = {f.name: f for f in schema.node_fields(label)}
    named_here = None
    for origin, node_id, name, props, named in _records(Path(path), ("id", "name"), fields):
        named_here = named_here or named | {"name"}  # one set per file, not one per row
        yield Node(node_id, label, name, props, origin, named_here)


def read_relationship_file(path: Path) -> Iterator[Relationship]:
    """Yield the relationships of one ``relationships/<TYPE>.csv`` file; the file name is the type."""
    rel_type = Path(path).stem
    fields = {f.name: f for f in RELATIONSHIP_FIELDS.get(rel_type, ())}
    for origin, source, target, props, named in _records(Path(path), ("from", "to"), fields):
        yield Relationship(rel_type, source, target, props, origin, named)


def cell(value: object) -> object:
    """A value as a CSV cell that reads back the same: a list as ``a; b``, yes or no."""
    if isinstance(value, list):
        return list_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


class FolderWriter:
    """Write nodes and relationships into the CSV folder layout, one open file per label or type,
    spreadsheet-safe (``graphkit.io.spreadsheet``)."""

    def __init__(self, folder: Path, schema: Schema = BUILT_IN) -> None:
        self.folder = Path(folder)
        self.schema = schema
        (self.folder / NODES_DIR).mkdir(parents=True, exist_ok=True)
        (self.folder / RELATIONSHIPS_DIR).mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, tuple[object, csv_writer, tuple[str, ...]]] = {}

    def _writer(self, sub: str, name: str, keys: tuple[str, ...], fields) -> tuple:
        entry = self._writers.get(f"{sub}/{name}")
        if entry is None:
            columns = (*keys, *(f.name for f in fields))
            f = (self.folder / sub / f"{name}.csv").open("w", encoding="utf-8", newline="")
            w = csv_writer(f)
            w.writerow(columns)
            entry = self._writers[f"{sub}/{name}"] = (f, w, columns[len(keys) :])
        return entry

    def nodes(self, nodes: Iterable[Node]) -> None:
        for n in nodes:
            fields = self.schema.node_fields(n.label)
            _, w, columns = self._writer(NODES_DIR, n.label, ("id", "name"), fields)
            w.writerow([n.id, n.name, *(cell(n.props.get(c)) for c in columns)])

    def relationships(self, rels: Iterable[Relationship]) -> None:
        for r in rels:
            _, w, columns = self._writer(
                RELATIONSHIPS_DIR, r.type, ("from", "to"), RELATIONSHIP_FIELDS[r.type]
            )
            w.writerow([r.source, r.target, *(r.props.get(c) for c in columns)])

    def close(self) -> None:
        for f, _, _ in self._writers.values():
            f.close()
        self._writers.clear()

    def __enter__(self) -> FolderWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
