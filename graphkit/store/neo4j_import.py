"""A whole graph into an empty Neo4j database with Neo4j's own bulk loader, ``neo4j-admin database
import full``. It streams, where the driver's one all-or-nothing transaction holds every record: at a
million relationships the two take about as long, at ten million only the loader ends
(docs/performance.md, "Copying into Neo4j").

The loader writes database files directly, so the server must be stopped meanwhile: this needs the
server's home folder on this machine, laid out as Neo4j's own (``bin/neo4j`` to start and stop it,
``bin/neo4j-admin``; ``scripts/neo4j-local`` writes both for the server it runs). The records are
checked as the driver path checks them, and the import writes what ``Store.upsert`` into an empty
store writes: the records, its one history entry ("load", with the counts) and the change feed moved
on, so the app's readers reread the graph.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from graphkit.errors import MAX_PROBLEMS, GraphkitError, Problem, StoreUnavailable, ValidationError
from graphkit.io.spreadsheet import machine_csv_writer
from graphkit.model import Node, Relationship, endpoint_problems, node_problems, relationship_problems
from graphkit.model.changeset import Change
from graphkit.model.schema import FIELD_DEF, Schema
from graphkit.store.base import Progress, Store, _now, default_user
from graphkit.store.neo4j import CHANGE, FEED, Neo4jStore

#: Between the items of a list value: a control character, which no text the model accepts holds.
ARRAY_DELIMITER = "\x1f"
#: Rows kept per file before they are written out, so that any number of files needs few open at once.
_FLUSH_EVERY = 20_000
#: The loader's progress (dots, or with ``--verbose`` bars such as ``[*Nodes:...---] 40.0K ∆40.0K``,
#: redrawn after a carriage return) and the frames of a Java stack trace: its stage lines and the
#: error's causes (``--verbose`` gives the row and value at fault) say enough.
_BAR = re.compile(r"\[[^\]\n]*\]\s*[\d.]+\s*[KMGT]?\s*(?:∆\s*[\d.]+\s*[KMGT]?)?")
_NOISE = re.compile(r"^(?:[-.]*\.{5}|\s+at |\s+\.\.\. \d+ more)")
#: How long the server may take to answer again after the import.
START_TIMEOUT = 180.0


class CannotBulkImport(GraphkitError):
    """The bulk loader cannot take this copy (a value it cannot express, a database not empty):
    the driver path can."""


def _kind(value: object) -> str | None:
    """The loader's type for ``value``, or None when it has none that reads back the same."""
    t = type(value)
    if t is str:
        return "string"
    if t is bool:
        return "boolean"
    if t is int:
        return "long" if -(2**63) <= value < 2**63 else None  # type: ignore[operator]
    if t is float:
        return "double"
    if t is list and value and all(type(v) is str and ARRAY_DELIMITER not in v for v in value):  # type: ignore[attr-defined]
        return "string[]"
    return None


def _cell(value: object) -> object:
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is list:
        return ARRAY_DELIMITER.join(value)
    return value


class _Files:
    """CSV files for the loader, one per kind of record and set of typed properties (the loader reads
    one header per file, and an empty cell would be no value where the record has an empty text)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.rows: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[list[object]]] = {}
        self.paths: dict[tuple[str, str, tuple[tuple[str, str], ...]], Path] = {}
        self.multiline = False

    def add(self, kind: str, group: str, lead: list[object], props: dict[str, Any], where: str) -> None:
        columns = []
        for key in sorted(props):
            k = _kind(props[key])
            if k is None or ":" in key:
                raise CannotBulkImport(
                    f"{where}: field {key!r} holds {props[key]!r}, which the bulk loader cannot take"
                )
            columns.append((key, k))
        sig = (kind, group, tuple(columns))
        values = [_cell(props[key]) for key, _ in columns]
        rows = self.rows.setdefault(sig, [])
        rows.append([*lead, *values])
        if len(rows) >= _FLUSH_EVERY:
            self._flush(sig)

    def _flush(self, sig: tuple[str, str, tuple[tuple[str, str], ...]]) -> None:
        path = self.paths.get(sig)
        new = path is None
        if path is None:
            path = self.paths[sig] = self.folder / f"{sig[0]}-{len(self.paths)}.csv"
        rows = self.rows.pop(sig)
        text = io.StringIO()
        out = machine_csv_writer(text, quoting=csv.QUOTE_ALL, lineterminator="\n")
        if new:
            out.writerow(_header(sig))
        out.writerows(rows)
        written = text.getvalue()
        # more lines than rows: a value spans lines, and the loader must be told (it then reads slower)
        self.multiline = self.multiline or written.count("\n") != len(rows) + new or "\r" in written
        with path.open("a", encoding="utf-8", newline="") as f:
            f.write(written)

    def arguments(self) -> list[str]:
        """The loader's ``--nodes``/``--relationships`` arguments for every file, once all are written."""
        for sig in list(self.rows):
            self._flush(sig)
        flag = {"nodes": "--nodes", "relationships": "--relationships"}
        return [f"{flag[kind]}={group}={path}" for (kind, group, _), path in self.paths.items()]


def _header(sig: tuple[str, str, tuple[tuple[str, str], ...]]) -> list[str]:
    kind, group, columns = sig
    if kind == "relationships":
        lead = [":START_ID", ":END_ID"]
    elif group in (CHANGE, FEED):
        lead = []  # not a model record: no id the relationships could name
    else:
        lead = ["id:ID", "name:string"]
    return [*lead, *(f"{key}:{k}" for key, k in columns)]


def write_files(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    folder: Path,
    progress: Progress | None = None,
    schema: Schema | None = None,
) -> tuple[_Files, int, int]:
    """Check every record as ``Store.upsert`` checks those of a first load, against ``schema`` (the
    source's team fields; those in ``nodes`` are added as they come), and write it for the loader.
    Raises ValidationError (nothing imported) or CannotBulkImport."""
    files = _Files(folder)
    problems: list[Problem] = []
    schema = schema or Schema()
    labels: dict[str, str] = {}
    n_nodes = n_rels = 0

    def counted(records: Iterable[Any]) -> Iterator[Any]:
        batch = 0
        for r in records:
            yield r
            batch += 1
            if batch == 10_000 and progress:
                progress(batch)
                batch = 0
        if progress and batch:
            progress(batch)

    for n in counted(nodes):
        if n.label == FIELD_DEF and not node_problems(n, schema):
            schema = schema.declaring([n])
        found = node_problems(n, schema)
        if not found and n.id in labels and labels[n.id] != n.label:
            raise CannotBulkImport(f"node {n.id!r} comes twice, as {labels[n.id]} and as {n.label}")
        if found:
            problems += found
        elif n.id not in labels:
            labels[n.id] = n.label
            files.add("nodes", n.label, [n.id, n.name], n.props, f"node {n.id!r}")
            n_nodes += 1
        if len(problems) > MAX_PROBLEMS:
            raise ValidationError(problems, truncated=True)
    for r in counted(relationships):
        found = relationship_problems(r) or endpoint_problems(r, labels.get(r.source), labels.get(r.target))
        if found:
            problems += found
            if len(problems) > MAX_PROBLEMS:
                raise ValidationError(problems, truncated=True)
            continue
        files.add("relationships", r.type, [r.source, r.target], r.props, f"relationship {r.key}")
        n_rels += 1
    if problems:
        raise ValidationError(problems)
    return files, n_nodes, n_rels


def _holds_nothing(store: Neo4jStore) -> str | None:
    """Why the bulk loader may not replace this database, or None when it holds nothing it would lose."""
    held = {
        row["label"]: row["n"]
        for row in store.query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    }
    held.pop(FEED, None)
    if held:
        return "it holds " + ", ".join(f"{n} {label} node(s)" for label, n in sorted(held.items()))
    return None


def _run(command: list[str], say: Callable[[str], None]) -> None:
    """Run one of the server's own commands, its output passed on as it comes; raise with its end
    when it fails."""
    tail: deque[str] = deque(maxlen=30)
    try:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except OSError as e:
        raise GraphkitError(f"cannot run {command[0]}: {e}") from e
    assert proc.stdout is not None
    for line in proc.stdout:
        text = _BAR.sub("", line.replace("\r", "")).rstrip()  # what follows a bar is kept
        if _NOISE.match(text) or (not text and line.strip()):
            continue
        tail.append(text)
        say(text)
    if proc.wait() != 0:
        end = "\n".join(tail)
        raise GraphkitError(
            f"{' '.join(command[:3])} failed (exit {proc.returncode}); the end of its output:\n{end}"
        )


def _reopen(url: str, timeout: float = START_TIMEOUT) -> Neo4jStore:
    """The store once the restarted server answers (its constraints made again, and built)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            store = Neo4jStore(url)
            break
        except StoreUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    store.query("CALL db.awaitIndexes($seconds)", seconds=int(timeout))
    return store


def _load_offline(home: Path, files: _Files, tmp: Path, say: Callable[[str], None]) -> None:
    """Stop the server in ``home``, fill its database ``neo4j`` from ``files`` with the loader, and
    start it again, whatever happened."""
    neo4j, admin = home / "bin" / "neo4j", home / "bin" / "neo4j-admin"
    inputs = files.arguments()  # the last rows written: only now is it known whether a value spans lines
    load = [
        str(admin), "database", "import", "full", "neo4j", "--overwrite-destination=true",
        f"--report-file={tmp / 'import.report'}", "--verbose",
    ]  # fmt: skip
    arguments = [
        *load, "--bad-tolerance=0", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false",
        "--strict=true", f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        f"--multiline-fields={str(files.multiline).lower()}", *inputs,
    ]  # fmt: skip
    say(f"Stopping the Neo4j server in {home} for neo4j-admin database import ...")
    _run([str(neo4j), "stop"], say)
    try:
        _run(arguments, say)
    except GraphkitError:
        # The loader removed the database before it failed, and Neo4j will not start one without
        # its transaction logs: load nothing, so that it is empty again, as it was.
        empty = tmp / "empty.csv"
        empty.write_text("id:ID\n", encoding="utf-8")
        _run([*load, f"--nodes={empty}"], say)
        raise
    finally:
        say("Starting the Neo4j server again ...")
        _run([str(neo4j), "start"], say)


def bulk_copy(
    source: Store,
    url: str,
    home: Path,
    progress: Progress | None = None,
    say: Callable[[str], None] = print,
    by: str | None = None,
) -> dict[str, dict[str, int]]:
    """Copy every record of ``source`` into the empty Neo4j database at ``url`` with ``neo4j-admin
    database import full``, stopping and starting its server (home folder ``home``); return the counts.

    Raises CannotBulkImport, before the server is stopped, when the database holds anything or a value
    has no loader type (copy through the driver then), ValidationError when a record breaks the model,
    and GraphkitError when the loader fails (the server is started again either way) or the counts
    after the import differ from the source's.
    """
    for tool in (home / "bin" / "neo4j", home / "bin" / "neo4j-admin"):
        if not tool.exists():
            raise CannotBulkImport(f"{home} is not a Neo4j home folder: it has no {tool.relative_to(home)}")
    counts = source.counts()
    target = Neo4jStore(url)
    try:
        why = _holds_nothing(target)
        if why:
            raise CannotBulkImport(f"{target.url} is not empty for the bulk loader: {why}")
        position = target.feed_position() + 1
    finally:
        target.close()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="graphkit-import-") as tmp:
        files, n_nodes, n_rels = write_files(
            source.nodes(), source.relationships(), Path(tmp), progress, source.schema()
        )
        entry = Change(
            _now(),
            by or default_user(),
            "load",
            uuid.uuid4().hex,
            "*",
            after={"nodes": n_nodes, "relationships": n_rels},
        )
        row = {k: v for k, v in entry.to_row().items() if v is not None}
        files.add("nodes", CHANGE, [], {**row, "position": position}, "the history entry")
        files.add("nodes", FEED, [], {"id": "feed", "position": position}, "the change feed")
        say(
            f"Checked {n_nodes:,} nodes and {n_rels:,} relationships and wrote them for the loader "
            f"in {time.monotonic() - started:.0f} s"
        )
        _load_offline(home, files, Path(tmp), say)
    target = _reopen(url)
    try:
        copied = target.counts()
    finally:
        target.close()
    if copied != counts:
        raise GraphkitError(
            f"the bulk import into {url} does not match {source.url}: expected {counts}, found {copied}"
        )
    return counts
