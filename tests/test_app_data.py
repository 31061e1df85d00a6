"""The app's Import / export section: the functions behind it, and the page drawing it."""

from __future__ import annotations

import io
import zipfile

import networkx as nx
import pytest
from conftest import small_world, snapshot
from test_app import run_app

from graphkit.app.data import export_bytes, import_upload
from graphkit.errors import ValidationError
from graphkit.store import open_store

SHEET = "name;organisation;country;stakeholder group\nNia Okafor;Kenya Library Association;Kenya;library\n"


def test_an_uploaded_sheet_is_reported_then_imported(world_store):
    before = snapshot(world_store)
    report = import_upload(world_store, SHEET.encode("utf-8-sig"), "my contacts.csv", dry_run=True)
    assert report.rows() == [
        ("nodes", "Person", 1, 0, 0),
        ("relationships", "BASED_IN", 1, 0, 0),
        ("relationships", "WORKS_FOR", 1, 0, 0),
    ]
    assert snapshot(world_store) == before
    import_upload(world_store, SHEET.encode(), "my contacts.csv", dry_run=False)
    assert world_store.get_node("person-nia-okafor").props == {"stakeholder_group": "library"}
    assert ("person-nia-okafor", "WORKS_FOR", "org-kla") in {r.key for r in world_store.relationships()}


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "contacts.csv", "contacts.csv row 1: header: empty file"),
        ("name,stakeholder group\nZoë,library\n".encode("latin-1"), "c.csv", "c.csv: encoding: not UTF-8"),
        (b"<graphml><graph>", "g.graphml", "g.graphml line 1 column 16: xml: not well-formed XML"),
        (b"PK\x03\x04", "people.xlsx", "people.xlsx: file name: unknown kind of file"),
    ],
)
def test_a_bad_upload_names_the_uploaded_file_and_writes_nothing(world_store, data, filename, expected):
    before = snapshot(world_store)
    with pytest.raises(ValidationError) as caught:
        import_upload(world_store, data, filename, dry_run=False)
    assert str(caught.value.problems[0]).startswith(expected)
    assert "/tmp" not in str(caught.value)
    assert snapshot(world_store) == before


def test_downloads_hold_the_graph(world_store):
    G = nx.read_gexf(io.BytesIO(export_bytes(world_store, "gexf")))
    assert G.nodes["person-amara"]["label"] == "Amara Diallo"
    with zipfile.ZipFile(io.BytesIO(export_bytes(world_store, "csv"))) as z:
        assert "nodes/Person.csv" in z.namelist() and "relationships/KNOWS.csv" in z.namelist()
    assert export_bytes(world_store, "cypher").startswith(b"// graphkit export")


def test_the_page_shows_the_import_and_export_section(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    with open_store(url) as s:
        s.upsert(*small_world())
    at = run_app(url, monkeypatch)
    assert not at.exception
    assert "Import / export" in [h.value for h in at.header]
    assert at.selectbox[0].options[0].startswith("csv:")
    at.selectbox[0].select(
        "gexf: GEXF for Gephi: names as labels, stakeholder group as attribute, colours by group"
    ).run()
    assert not at.exception


def test_an_empty_store_still_offers_the_import(tmp_path, monkeypatch):
    at = run_app(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert not at.exception
    assert "Import / export" in [h.value for h in at.header]


def test_people_imported_from_a_sheet_are_found_on_the_page(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    with open_store(url) as s:
        s.upsert(*small_world())
        import_upload(s, SHEET.encode(), "contacts.csv", dry_run=False)
    at = run_app(url, monkeypatch)
    assert not at.exception
    people = at.dataframe[2].value
    assert "Nia Okafor" in list(people["name"])
    at.text_input[0].input("okafor").run()
    assert list(at.dataframe[2].value["name"]) == ["Nia Okafor"]
