"""The Data page's files: upload one, see what it would change, import it; download the whole graph."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import streamlit as st

from graphkit.app import state
from graphkit.app.data_writes import show_flash, write
from graphkit.app.widgets import md
from graphkit.errors import GraphkitError, Problem, ValidationError
from graphkit.io import FORMATS, export_formats, export_graph, open_source
from graphkit.io.importer import ImportReport, import_sources
from graphkit.store import Store
from graphkit.store.base import Change

UPLOAD_TYPES = ["csv", "graphml", "gexf", "json", "xml"]
DRY_RUN = "data_dry_run"  # session state: the last upload's dry run (DryRun)


@contextmanager
def _saved(data: bytes, filename: str) -> Iterator[Path]:
    """The uploaded bytes as a file of their name in a temporary folder, while the block runs."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(filename).name or "upload")
        path.write_bytes(data)
        yield path


def import_upload(
    store: Store, data: bytes, filename: str, dry_run: bool = True, by: str | None = None
) -> ImportReport:
    """Import an uploaded file (its bytes and its name) into ``store`` as written ``by`` a user;
    ``dry_run`` only reports.

    Raises a GraphkitError whose problems name ``filename`` (not a temporary path); nothing is
    written then.
    """
    with _saved(data, filename) as path:
        try:
            report = import_sources(store, [open_source(path, store)], dry_run=dry_run, by=by)
            report.lowered = [line.replace(str(path), path.name) for line in report.lowered]
            return report
        except ValidationError as e:
            problems = [
                Problem(p.where.replace(str(path), path.name), p.field, p.message) for p in e.problems
            ]
            raise ValidationError(problems, e.truncated) from None


@dataclass
class DryRun:
    """An upload's dry run (its report, or why it cannot be imported), as of feed ``position``."""

    file_id: str
    position: int
    ids: frozenset[str]  # the records the file names, by id
    names: frozenset[str]  # and the names of its nodes, case-folded (a sheet finds organisations by name)
    result: ImportReport | GraphkitError


def _concerns(change: Change, run: DryRun) -> bool:
    """Whether ``change`` may change an upload's dry run: it touches a record the file names, or a
    node of a name the file holds (created, deleted or renamed: a file may name a record by its name)."""
    if change.node in run.ids or change.other in run.ids:
        return True
    names = {(record or {}).get("name") for record in (change.before, change.after)} - {None}
    return change.rel_type is None and any(n.casefold() in run.names for n in names)


def dry_run(
    store: Store, data: bytes, filename: str, file_id: str, kept: DryRun | None
) -> tuple[DryRun, bool]:
    """The dry run of an upload: ``kept`` while it is of this upload (``file_id``) and no change since
    concerns it (``_concerns``; an erasure or a load always does), else run again; and whether it ran."""
    if kept is not None and kept.file_id == file_id:
        page = store.changes_since(kept.position)
        if page.changes is not None and not any(_concerns(c, kept) for c in page.changes):
            return replace(kept, position=page.position), False
    position = store.feed_position()
    ids: set[str] = set()
    names: set[str] = set()
    try:
        result: ImportReport | GraphkitError = import_upload(store, data, filename, dry_run=True)
        with _saved(data, filename) as path:
            source = open_source(path, store)
            for n in source.nodes():
                ids.add(n.id)
                names.add(n.name.casefold())
            ids |= {end for r in source.relationships() for end in (r.source, r.target)}
    except GraphkitError as e:
        result = e
    return DryRun(file_id, position, frozenset(ids), frozenset(names), result), True


def export_bytes(store: Store, fmt: str, private: bool = True) -> bytes:
    """The whole graph in format ``fmt`` as bytes to download (the CSV folder as a zip file);
    without its private nodes and relationships unless ``private``."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "graphkit"
        export_graph(store, fmt, out, shared=not private)
        if fmt != "csv":
            return out.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(out.rglob("*.csv")):
                z.write(f, f.relative_to(out).as_posix())
        return buffer.getvalue()


def _show_report(report: ImportReport) -> None:
    """Privacy lowered first (to check before anything else), the counts, then field by field in words."""
    rows = report.rows()
    if not rows:
        st.info("The file holds no records.")
        return
    lowered = report.privacy_lines()
    if lowered:
        head, *lines = lowered
        st.warning("\n".join([f"**{md(head)}**", "", *(f"- {md(line.strip())}" for line in lines)]))
    st.dataframe(
        {
            "what": [f"{name} ({kind})" for kind, name, *_ in rows],
            "added": [a for *_, a, _, _ in rows],
            "changed": [c for *_, c, _ in rows],
            "unchanged": [u for *_, u in rows],
        },
        hide_index=True,
    )
    changes = report.changes()
    if changes:
        st.markdown("\n".join(f"- {md(c)}" for c in changes))


def undoable(store: Store, report: ImportReport) -> str | None:
    """A written import's batch in the edit history, when it can be undone: not a dry run, nor an
    import that changed nothing, nor a first load (an empty store's, kept as one entry of counts)."""
    first = store.history(batch=report.batch, limit=1) if report.batch else []
    return report.batch if first and first[0].node != "*" else None  # "*": a first load's counts


def _imported(store: Store, report: ImportReport, filename: str) -> str:
    if report.batch and undoable(store, report) is None and store.history(batch=report.batch, limit=1):
        return f"Imported {filename} into the empty store (a first load, which cannot be undone)."
    return f"Imported {filename}."


def render_import(store: Store, G: nx.MultiDiGraph, url: str) -> None:
    """Draw the section: upload -> dry-run report -> Import button, and what the last import did
    with its Undo."""
    st.header("Import a file")
    st.caption(
        "A contacts spreadsheet (name, title, organisation, country, stakeholder group, email), "
        "a CSV file in the seed's layout, GraphML, GEXF or JSON. Records merge by id, and a file changes only "
        "the fields it has columns for (an empty cell clears one)."
    )
    show_flash(url, G, "import")
    upload = st.file_uploader("A file to import", type=UPLOAD_TYPES, disabled=not state.may_write())
    if upload is None:
        return
    data = upload.getvalue()
    try:
        st.session_state[DRY_RUN], _ = dry_run(
            store, data, upload.name, upload.file_id, st.session_state.get(DRY_RUN)
        )
    except GraphkitError as e:  # the store cannot be read
        st.error(str(e))
        return
    report = st.session_state[DRY_RUN].result
    if isinstance(report, GraphkitError):
        st.error(f"{upload.name} cannot be imported; nothing was written.")
        st.code(str(report), language=None)
        return
    st.write(f"What importing **{upload.name}** would change:")
    _show_report(report)
    if st.button("Import", type="primary", disabled=not state.may_write()):
        write(
            url,
            G,
            lambda done: _imported(store, done, upload.name),
            lambda by: import_upload(store, data, upload.name, dry_run=False, by=by),
            section="import",
            undo_batch=lambda done: undoable(store, done),
        )


def render_export(store: Store) -> None:
    """Draw the section: a format to choose and the download of the whole graph in it."""
    st.header("Download the graph")
    st.caption(
        "CSV downloads put a ' before cells starting with =, +, - or @ so spreadsheets do not run them."
    )
    fmt = st.selectbox(
        "Download the graph as",
        [f.name for f in export_formats()],
        format_func=lambda f: f"{f}: {FORMATS[f].about}",
        key="data_download_format",
    )
    filename, mime = FORMATS[fmt].download, FORMATS[fmt].mime
    private = state.exports_private()
    if not private:
        st.caption("Downloads leave private facts out; an admin's, and `graphkit export`, hold everything.")
    # Made when clicked, not on every run: a whole graph's export is seconds of work on a big store.
    st.download_button(
        f"Download {filename}",
        lambda: export_bytes(store, fmt, private=private),
        file_name=filename,
        mime=mime,
    )
