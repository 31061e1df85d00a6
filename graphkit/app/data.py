"""The app's data sections: find people; upload a file, see what it would change, import it; download the graph."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import streamlit as st

from graphkit.app import state
from graphkit.errors import GraphkitError, Problem, ValidationError
from graphkit.io import EXPORT_FORMATS, export_graph, open_source
from graphkit.io.importer import ImportReport, import_sources
from graphkit.store import Store

UPLOAD_TYPES = ["csv", "graphml", "gexf", "json", "xml"]
DOWNLOADS = {
    "csv": ("graphkit-csv.zip", "application/zip"),
    "contacts": ("graphkit-contacts.csv", "text/csv"),
    "graphml": ("graphkit.graphml", "application/xml"),
    "gexf": ("graphkit.gexf", "application/xml"),
    "json": ("graphkit.json", "application/json"),
    "cypher": ("graphkit.cypher", "text/plain"),
}


def import_upload(store: Store, data: bytes, filename: str, dry_run: bool = True) -> ImportReport:
    """Import an uploaded file (its bytes and its name) into ``store``; ``dry_run`` only reports.

    Raises a GraphkitError whose problems name ``filename`` (not a temporary path); nothing is
    written then.
    """
    name = Path(filename).name or "upload"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return import_sources(store, [open_source(path, store)], dry_run=dry_run)
        except ValidationError as e:
            problems = [Problem(p.where.replace(str(path), name), p.field, p.message) for p in e.problems]
            raise ValidationError(problems, e.truncated) from None


def export_bytes(store: Store, fmt: str) -> bytes:
    """The whole graph in format ``fmt`` as bytes to download (the CSV folder as a zip file)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "graphkit"
        export_graph(store, fmt, out)
        if fmt != "csv":
            return out.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(out.rglob("*.csv")):
                z.write(f, f.relative_to(out).as_posix())
        return buffer.getvalue()


def _show_report(report: ImportReport) -> None:
    rows = report.rows()
    if not rows:
        st.info("The file holds no records.")
        return
    st.dataframe(
        {
            "what": [f"{name} ({kind})" for kind, name, *_ in rows],
            "added": [a for *_, a, _, _ in rows],
            "changed": [c for *_, c, _ in rows],
            "unchanged": [u for *_, u in rows],
        },
        hide_index=True,
    )


def render_import_export(store: Store) -> None:
    """Draw the section: upload -> dry-run report -> Import button; a download per format."""
    st.header("Import / export")
    st.caption(
        "Import a contacts spreadsheet (name, title, organisation, country, stakeholder group, email), "
        "a CSV file in the seed's layout, GraphML, GEXF or JSON. Records merge by id. "
        "CSV downloads put a ' before cells starting with =, +, - or @ so spreadsheets do not run them."
    )
    upload = st.file_uploader("A file to import", type=UPLOAD_TYPES)
    if upload is not None:
        data = upload.getvalue()
        try:
            report = import_upload(store, data, upload.name, dry_run=True)
        except GraphkitError as e:
            st.error(f"{upload.name} cannot be imported; nothing was written.")
            st.code(str(e), language=None)
        else:
            st.write(f"What importing **{upload.name}** would change:")
            _show_report(report)
            if st.button("Import", type="primary"):
                try:
                    import_upload(store, data, upload.name, dry_run=False)
                except GraphkitError as e:
                    st.error(str(e))
                else:
                    state.invalidate(store.url)
                    st.success(f"Imported {upload.name}. Reload the page to see the new counts.")
    fmt = st.selectbox(
        "Download the graph as", list(EXPORT_FORMATS), format_func=lambda f: f"{f}: {EXPORT_FORMATS[f]}"
    )
    filename, mime = DOWNLOADS[fmt]
    try:
        st.download_button(f"Download {filename}", export_bytes(store, fmt), file_name=filename, mime=mime)
    except GraphkitError as e:
        st.error(str(e))


def render_people(store: Store) -> None:
    """Draw the People section: find people by name (the first 50, by name, when the box is empty)."""
    st.header("People")
    text = st.text_input("Find people by name", "")
    people = store.search(text, limit=50, labels=["Person"])
    if not people:
        st.info("Nobody matches." if text else "No people yet: import a contacts spreadsheet below.")
        return
    st.dataframe(
        {
            "name": [p.name for p in people],
            "title": [p.props.get("title", "") for p in people],
            "stakeholder group": [p.props.get("stakeholder_group", "") for p in people],
            "email": [p.props.get("email", "") for p in people],
        },
        hide_index=True,
    )
