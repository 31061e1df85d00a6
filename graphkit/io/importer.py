"""Importing files into the store: check everything, report what would change, then write it all or nothing.

An import merges by id: a node whose id is already stored is updated, not duplicated, and a
relationship is identified by (from, type, to). It changes only the fields its file names (a
record's ``named``): a stored field without a column is kept, one whose cell is empty is cleared,
and the merged record is validated. Lowering a record's privacy (private to public or internal)
needs its ``sensitivity`` to say so: an empty one is refused. The report counts, per label and per
type, what the import adds, changes and leaves as it was, says field by field what it sets, changes
and clears, and lists first the records whose privacy it lowers. ``dry_run`` stops after the report.

Files are streamed in batches. What the import has seen so far (ids, labels, a digest of each
record) is kept in a temporary SQLite file, not in memory, so a big file imports in bounded memory.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from graphkit.errors import MAX_PROBLEMS, Problem, ValidationError
from graphkit.model import (
    FIELD_DEF,
    Node,
    Relationship,
    endpoint_problems,
    node_problems,
    relationship_problems,
)
from graphkit.model.changeset import ChangeSet
from graphkit.model.privacy import marked_private
from graphkit.store import Store

BATCH = 2000
LISTED = 50  # records whose privacy an import lowers, listed by name (the rest counted)
Progress = Callable[[int], None]


class Source(Protocol):
    """What a file reader offers the importer (see ``graphkit.io.open_source``)."""

    def nodes(self) -> Iterator[Node]: ...
    def relationships(self) -> Iterator[Relationship]: ...


@dataclass
class ImportReport:
    """What an import added, changed and left unchanged, per node label and relationship type."""

    dry_run: bool = False
    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    #: (kind, label or type, "clears" | "changes" | "sets", field) -> how many stored records
    fields: Counter = field(default_factory=Counter)
    #: the records whose privacy the import lowers (at most ``LISTED``, then counted in ``lowered_total``)
    lowered: list[str] = field(default_factory=list)
    lowered_total: int = 0
    #: The written import's batch in the edit history, which ``graphkit.edits.undo`` undoes (None: a dry run).
    batch: str | None = None

    def lower(self, line: str) -> None:
        self.lowered_total += 1
        if len(self.lowered) < LISTED:
            self.lowered.append(line)

    def changes(self) -> list[str]:
        """What the import does to stored records, field by field, in words: "clears email of 1 Person".

        >>> r = ImportReport(fields=Counter({("nodes", "Person", "clears", "email"): 1,
        ...                                  ("nodes", "Person", "changes", "title"): 3}))
        >>> r.changes()
        ['clears email of 1 Person', 'changes title of 3 People']
        """
        order = {"clears": 0, "changes": 1, "sets": 2}
        keys = sorted(self.fields, key=lambda k: (k[0] != "nodes", k[1], order[k[2]], k[3]))
        return [f"{k[2]} {k[3]} of {self.fields[k]:,} {_noun(k[0], k[1], self.fields[k])}" for k in keys]

    def privacy_lines(self) -> list[str]:
        """The records whose privacy the import lowers, as lines (empty when none)."""
        if not self.lowered_total:
            return []
        n = self.lowered_total
        head = f"Lowers privacy of {n:,} record{'s' if n != 1 else ''} (from private), as its sensitivity column says:"
        more = [f"  ... and {n - len(self.lowered):,} more"] if n > len(self.lowered) else []
        return [head, *(f"  {line}" for line in self.lowered), *more]

    def text(self) -> str:
        """The whole report as plain text: privacy lowered first, the table, then field by field."""
        changes = self.changes()
        words = ["Field by field:", *(f"  {c}" for c in changes)] if changes else []
        return "\n".join([*self.privacy_lines(), self.table(), *words])

    def rows(self) -> list[tuple[str, str, int, int, int]]:
        """(``"nodes"`` or ``"relationships"``, label or type, added, changed, unchanged), sorted."""
        keys = sorted(set(self.added) | set(self.changed) | set(self.unchanged))
        return [
            (kind, name, self.added[kind, name], self.changed[kind, name], self.unchanged[kind, name])
            for kind, name in keys
        ]

    def total(self, what: str) -> int:
        """How many records of ``what`` (``added``, ``changed`` or ``unchanged``) in all."""
        return sum(getattr(self, what).values())

    def table(self) -> str:
        """The report as a plain-text table."""
        rows = self.rows()
        width = max([len(name) + 2 for _, name, *_ in rows] + [13])
        head = "Would import (dry run, nothing written):" if self.dry_run else "Imported:"
        lines = [head, f"  {'':<{width}}  {'added':>9}  {'changed':>9}  {'unchanged':>9}"]
        for kind in ("nodes", "relationships"):
            if any(k == kind for k, *_ in rows):
                lines.append(f"  {kind.capitalize()}")
            for k, name, a, c, u in rows:
                if k == kind:
                    lines.append(f"    {name:<{width - 2}}  {a:>9,}  {c:>9,}  {u:>9,}")
        lines.append(
            f"  {'total':<{width}}  {self.total('added'):>9,}  {self.total('changed'):>9,}  {self.total('unchanged'):>9,}"
        )
        return "\n".join(lines)


def _noun(kind: str, name: str, n: int) -> str:
    """How a count of records reads: "1 Person", "3 People", "2 KNOWS relationships"."""
    if kind == "relationships":
        return f"{name} relationship{'s' if n != 1 else ''}"
    if n == 1:
        return name
    return "People" if name == "Person" else name[:-1] + "ies" if name.endswith("y") else name + "s"


def _field_changes(before: dict, after: dict) -> Iterator[tuple[str, str]]:
    """("clears" | "changes" | "sets", field) for every field that differs between two versions."""
    for k in before.keys() | after.keys():
        old, new = before.get(k), after.get(k)
        if old != new:
            yield ("clears" if new is None else "sets" if old is None else "changes"), k


def _digest(*parts: object) -> int:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class _Seen:
    """What this import has read so far and what the store holds, kept on disk."""

    def __init__(self, store: Store) -> None:
        self.db = sqlite3.connect("")  # a temporary file, deleted on close
        self.db.executescript(
            "CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT, digest INTEGER, origin TEXT) WITHOUT ROWID;"
            "CREATE TABLE rels (key TEXT PRIMARY KEY, digest INTEGER, origin TEXT) WITHOUT ROWID;"
            "CREATE TABLE stored_rels (key TEXT PRIMARY KEY, props TEXT) WITHOUT ROWID;"
            "CREATE TABLE merged_nodes (id TEXT PRIMARY KEY, label TEXT, name TEXT, props TEXT) WITHOUT ROWID;"
            "CREATE TABLE merged_rels (key TEXT PRIMARY KEY, props TEXT) WITHOUT ROWID;"
        )
        self.store = store
        self._stored_rels_loaded = False
        # Records whose stored fields the file leaves out, kept while checking for writing to merge
        # again (writing never reads the store); a file naming every stored field needs none.
        self.merges = {"merged_nodes": 0, "merged_rels": 0}

    def _lookup(self, table: str, column: str, keys: list[str]) -> dict[str, tuple]:
        rows = self.db.execute(
            f"SELECT * FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(keys),)
        )
        return {row[0]: row[1:] for row in rows}

    def nodes(self, ids: list[str]) -> dict[str, tuple[str, int, str]]:
        return self._lookup("nodes", "id", ids)

    def rels(self, keys: list[str]) -> dict[str, tuple[int, str]]:
        return self._lookup("rels", "key", keys)

    def stored_rels(self, keys: list[str]) -> dict[str, dict]:
        """The stored properties of those relationships that exist (the store is read once, on first need,
        which is while checking: writing never reads the store)."""
        if not self._stored_rels_loaded:
            self._stored_rels_loaded = True
            if any(self.store.counts()["relationships"].values()):
                for chunk in _batched(self.store.relationships(), BATCH):
                    self.db.executemany(
                        "INSERT OR REPLACE INTO stored_rels VALUES (?, ?)",
                        [(_rel_key(r), json.dumps(r.props, sort_keys=True)) for r in chunk],
                    )
        return {k: json.loads(v[0]) for k, v in self._lookup("stored_rels", "key", keys).items()}

    def keep(self, table: str, rows: list[tuple]) -> None:
        """Remember the stored versions of records a file updates only in part (see ``merges``)."""
        if rows:
            self.merges[table] += len(rows)
            marks = ", ".join("?" * len(rows[0]))
            self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)

    def kept_nodes(self, ids: list[str]) -> dict[str, Node]:
        found = self._lookup("merged_nodes", "id", ids).items()
        return {i: Node(i, label, name, json.loads(props)) for i, (label, name, props) in found}

    def kept_rels(self, keys: list[str]) -> dict[str, dict]:
        return {k: json.loads(v[0]) for k, v in self._lookup("merged_rels", "key", keys).items()}

    def close(self) -> None:
        self.db.close()


def _rel_key(r: Relationship) -> str:
    return json.dumps([r.source, r.type, r.target])


def _kept(stored: dict, named: frozenset[str], props: dict) -> dict:
    """A stored record's properties updated by a file's: the fields it names are replaced (or
    cleared, when its cell is empty), the others kept."""
    return {**{k: v for k, v in stored.items() if k not in named}, **props}


def _partial(nodes: list[Node], stored: dict[str, Node]) -> Iterator[Node]:
    """The stored nodes that records of ``nodes`` update only in part (keeping a field they do not name)."""
    for node in nodes:
        old = _stored(node, stored)
        named = node.named
        if old is None or named is None or old.label != node.label:
            continue
        if any(f not in named for f in old.props) or ("name" not in named and old.name != node.name):
            yield old


def _stored(node: Node, stored: dict[str, Node]) -> Node | None:
    return stored.get(node.id) if isinstance(node.id, str) else None  # a bad id is refused later


def _merged_node(node: Node, stored: Node | None) -> Node:
    if stored is None or node.named is None or stored.label != node.label:
        return node
    name = node.name if "name" in node.named else stored.name
    return Node(node.id, node.label, name, _kept(stored.props, node.named, node.props), node.origin)


def _merged_relationship(r: Relationship, stored: dict | None) -> Relationship:
    if stored is None or r.named is None:
        return r
    return Relationship(r.type, r.source, r.target, _kept(stored, r.named, r.props), r.origin)


class Importer:
    """One import of one or more files into a store: ``check()`` then ``write()``."""

    def __init__(self, store: Store, sources: list[Source]) -> None:
        self.store = store
        self.sources = sources
        self.seen = _Seen(store)
        self._writing = False

    # -- the records as they will be written ---------------------------------------------------

    def _nodes(self) -> Iterator[tuple[Node, Node | None]]:
        """(each node as it will be written, the stored one it updates or None), while checking."""
        for source in self.sources:
            for chunk in _batched(source.nodes(), BATCH):
                stored = self.store.get_nodes({n.id for n in chunk if isinstance(n.id, str)})
                kept = [(o.id, o.label, o.name, json.dumps(o.props)) for o in _partial(chunk, stored)]
                self.seen.keep("merged_nodes", kept)
                for node in chunk:
                    old = _stored(node, stored)
                    yield _merged_node(node, old), old

    def _relationships(self) -> Iterator[tuple[Relationship, dict | None, str]]:
        """(each relationship as it will be written, the stored one's properties or None, its key),
        while checking."""
        for source in self.sources:
            for chunk in _batched(source.relationships(), BATCH):
                keys = [_rel_key(r) for r in chunk]
                stored = self.seen.stored_rels(keys)
                kept = [
                    (k, json.dumps(stored[k]))
                    for k, r in zip(keys, chunk, strict=True)
                    if r.named is not None and any(f not in r.named for f in stored.get(k, ()))
                ]
                self.seen.keep("merged_rels", kept)
                for key, r in zip(keys, chunk, strict=True):
                    props = stored.get(key)
                    yield _merged_relationship(r, props), props, key

    def _written_nodes(self) -> Iterator[Node]:
        """The nodes as checked, merged again from what checking kept (writing never reads the store)."""
        for source in self.sources:
            if not self.seen.merges["merged_nodes"]:
                yield from source.nodes()  # every file names every stored field: nothing to merge
                continue
            for chunk in _batched(source.nodes(), BATCH):
                kept = self.seen.kept_nodes([n.id for n in chunk if isinstance(n.id, str)])
                yield from (_merged_node(n, _stored(n, kept)) for n in chunk)

    def _written_relationships(self) -> Iterator[Relationship]:
        for source in self.sources:
            if not self.seen.merges["merged_rels"]:
                yield from source.relationships()
                continue
            for chunk in _batched(source.relationships(), BATCH):
                kept = self.seen.kept_rels([_rel_key(r) for r in chunk])
                yield from (_merged_relationship(r, kept.get(_rel_key(r))) for r in chunk)

    # -- check ---------------------------------------------------------------------------------

    def check(self, progress: Progress | None = None) -> ImportReport:
        """Validate every record, find conflicting duplicates, and count what would change.

        Raises ValidationError (up to 50 problems, each naming file, row and field) when anything is wrong.
        """
        report = ImportReport()
        problems: list[Problem] = []

        def add(found: list[Problem]) -> bool:
            problems.extend(found[: MAX_PROBLEMS + 1 - len(problems)])
            return bool(found)

        schema = self.store.schema()
        for chunk in _batched(self._nodes(), BATCH):
            for n, _ in chunk:  # a field the import declares is known to the records after it
                if n.label == FIELD_DEF and not node_problems(n, schema):
                    schema = schema.declaring([n])
            good = [(n, old) for n, old in chunk if not add(node_problems(n, schema))]
            self._check_nodes(good, report, add)
            if progress:
                progress(len(chunk))
            if len(problems) > MAX_PROBLEMS:
                break
        if len(problems) <= MAX_PROBLEMS:
            for chunk in _batched(self._relationships(), BATCH):
                fit = [(r, old, key) for r, old, key in chunk if not add(relationship_problems(r))]
                self._check_relationships(fit, report, add)
                if progress:
                    progress(len(chunk))
                if len(problems) > MAX_PROBLEMS:
                    break
        if problems:
            raise ValidationError(problems[:MAX_PROBLEMS], truncated=len(problems) > MAX_PROBLEMS)
        if not (report.added or report.changed or report.unchanged):
            names = ", ".join(str(getattr(s, "path", getattr(s, "folder", "the file"))) for s in self.sources)
            raise ValidationError([Problem(names, "rows", "no records to import: only a header, or nothing")])
        return report

    def _check_nodes(
        self, nodes: list[tuple[Node, Node | None]], report: ImportReport, add: Callable
    ) -> None:
        seen = self.seen.nodes(list({n.id for n, _ in nodes}))
        new_rows = []
        for n, stored in nodes:
            digest = _digest(n.label, n.name, n.props)
            earlier = seen.get(n.id)
            if earlier is not None:
                if earlier[1] != digest:
                    add(
                        [
                            Problem(
                                n.where(),
                                "id",
                                f"{n.id!r} appears again with other values (first at {earlier[2]})",
                            )
                        ]
                    )
                continue
            seen[n.id] = (n.label, digest, n.where())
            new_rows.append((n.id, n.label, digest, n.where()))
            key = ("nodes", n.label)
            if stored is None:
                report.added[key] += 1
            elif stored.label != n.label:
                add(
                    [
                        Problem(
                            n.where(),
                            "id",
                            f"{n.id!r} is already a {stored.label}; ids are unique across labels",
                        )
                    ]
                )
            elif stored.name == n.name and stored.props == n.props:
                report.unchanged[key] += 1
            else:
                self._changed(
                    key, {"name": stored.name, **stored.props}, {"name": n.name, **n.props}, n, report, add
                )
        self.seen.db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?)", new_rows)

    @staticmethod
    def _changed(
        key: tuple[str, str], before: dict, after: dict, record, report: ImportReport, add: Callable
    ) -> None:
        """Count a changed record, field by field; a lowering of its privacy is listed, or refused
        when its sensitivity is empty rather than saying public or internal."""
        report.changed[key] += 1
        for verb, name in _field_changes(before, after):
            report.fields[(*key, verb, name)] += 1
        if marked_private(before) and not marked_private(after):
            what = (
                f"{record.label} {record.id!r}"
                if key[0] == "nodes"
                else f"{record.type} {record.source!r} -> {record.target!r}"
            )
            said = after.get("sensitivity")
            if said is None:
                add(
                    [
                        Problem(
                            record.where(),
                            "sensitivity",
                            f"empty, which would make the private {what} public; write public or internal "
                            "to lower its privacy, or private to keep it",
                        )
                    ]
                )
            else:
                report.lower(f"{record.where()}: {what} from private to {said}")

    def _labels(self, ids: set[str]) -> dict[str, str]:
        labels = {i: row[0] for i, row in self.seen.nodes(list(ids)).items()}
        labels.update((i, node.label) for i, node in self.store.get_nodes(ids - labels.keys()).items())
        return labels

    def _check_relationships(
        self, rels: list[tuple[Relationship, dict | None, str]], report: ImportReport, add: Callable
    ) -> None:
        labels = self._labels({i for r, *_ in rels for i in (r.source, r.target)})
        rels = [
            (r, old, key)
            for r, old, key in rels
            if not add(endpoint_problems(r, labels.get(r.source), labels.get(r.target)))
        ]
        seen = self.seen.rels(list({key for *_, key in rels}))
        new_rows = []
        for r, props, key in rels:
            digest = _digest(r.props)
            earlier = seen.get(key)
            if earlier is not None:
                if earlier[0] != digest:
                    add(
                        [
                            Problem(
                                r.where(),
                                "to",
                                f"{r.type} {r.source!r} -> {r.target!r} appears again with other values (first at {earlier[1]})",
                            )
                        ]
                    )
                continue
            seen[key] = (digest, r.where())
            new_rows.append((key, digest, r.where()))
            counted = ("relationships", r.type)
            if props is None:
                report.added[counted] += 1
            elif props == r.props:
                report.unchanged[counted] += 1
            else:
                self._changed(counted, props, r.props, r, report, add)
        self.seen.db.executemany("INSERT INTO rels VALUES (?, ?, ?)", new_rows)

    # -- write ---------------------------------------------------------------------------------

    def write(self, progress: Progress | None = None, by: str | None = None) -> str | None:
        """Write every record as one ChangeSet, applied whole (and validated again), as user ``by``;
        its batch in the edit history."""
        self._writing = True
        changes = ChangeSet(self._written_nodes(), self._written_relationships(), action="import")
        return self.store.apply(changes, by=by, progress=progress).batch

    def close(self) -> None:
        self.seen.close()


def import_sources(
    store: Store,
    sources: list[Source],
    dry_run: bool = False,
    check_progress: Progress | None = None,
    write_progress: Progress | None = None,
    by: str | None = None,
    writing: Callable[[ImportReport], AbstractContextManager[Progress]] | None = None,
) -> ImportReport:
    """Check ``sources``, then (unless ``dry_run``) write them as user ``by``; return the report.

    ``write_progress`` is told how many records were written; or ``writing``, given the checked
    report (to size a progress bar by what will be written), opens a context that gives that callback.
    Raises ValidationError, with nothing written, when any record in any source is wrong.
    """
    importer = Importer(store, sources)
    try:
        report = importer.check(check_progress)
        report.dry_run = dry_run
        if not dry_run:
            with writing(report) if writing else nullcontext(write_progress) as progress:
                report.batch = importer.write(progress, by=by)
    finally:
        importer.close()
    return report
