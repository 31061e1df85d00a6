"""An import changes only the fields its file names: an absent column keeps the stored value, an
empty cell clears it; lowering privacy needs the file to say so, and the report says it in words."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import snapshot

from graphkit.cli import main
from graphkit.errors import ValidationError
from graphkit.graph import shareable
from graphkit.io import export_graph, open_source
from graphkit.io.importer import import_sources
from graphkit.model import Node, Relationship
from graphkit.store import open_store

WANJIRU = Node(
    "person-wanjiru-kamau",
    "Person",
    "Wanjiru Kamau",
    {
        "stakeholder_group": "government",
        "title": "Director",
        "email": "wanjiru@example.org",
        "notes": "prefers calls",
        "sensitivity": "private",
    },
)
TIE = Relationship(
    "KNOWS",
    "person-amara",
    "person-wanjiru-kamau",
    {"strength": 4, "last_contact": "2026-03-01", "context": "met in Nairobi", "sensitivity": "private"},
)


@pytest.fixture
def private_store(world_store):
    world_store.upsert([WANJIRU], [TIE])
    return world_store


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(store, *paths, dry_run=False):
    return import_sources(store, [open_source(p, store) for p in paths], dry_run=dry_run)


def test_a_partial_person_csv_keeps_a_private_person_private_with_email_and_notes(private_store, tmp_path):
    people = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,title,stakeholder_group\nperson-wanjiru-kamau,Wanjiru Kamau,Permanent Secretary,government\n",
    )
    report = run(private_store, people)
    stored = private_store.get_node("person-wanjiru-kamau")
    assert stored.props == {**WANJIRU.props, "title": "Permanent Secretary"}
    assert "person-wanjiru-kamau" not in shareable(private_store.export())
    assert report.changes() == ["changes title of 1 Person"]
    assert not report.lowered_total


def test_a_partial_knows_csv_keeps_a_private_ties_contact_context_and_sensitivity(private_store, tmp_path):
    knows = write(tmp_path / "KNOWS.csv", "from,to,strength\nperson-amara,person-wanjiru-kamau,5\n")
    report = run(private_store, knows)
    stored = {r.key: r.props for r in private_store.relationships()}[TIE.key]
    assert stored == {**TIE.props, "strength": 5}
    assert report.changes() == ["changes strength of 1 KNOWS relationship"]


def test_a_column_present_but_empty_clears_the_field_and_the_dry_run_says_so(private_store, tmp_path):
    people = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group,email,title\n"
        "person-wanjiru-kamau,Wanjiru Kamau,government,,Director\n"
        "person-amara,Amara Diallo,library,,Head of advocacy\n"
        "person-lucas,Lucas Pereira,government,,Minister\n"
        "person-zoe,Zoë Müller,civil_society,,Researcher\n",
    )
    before = snapshot(private_store)
    dry = run(private_store, people, dry_run=True)
    assert snapshot(private_store) == before
    assert dry.changes() == [
        "clears email of 1 Person",
        "changes title of 2 People",
        "sets title of 1 Person",
    ]
    assert "Field by field:\n  clears email of 1 Person\n" in dry.text()
    run(private_store, people)
    stored = private_store.get_node("person-wanjiru-kamau")
    assert "email" not in stored.props
    assert stored.props["notes"] == "prefers calls" and stored.props["sensitivity"] == "private"


def test_an_empty_sensitivity_cell_never_lowers_privacy_it_is_refused(private_store, tmp_path):
    people = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group,sensitivity\nperson-wanjiru-kamau,Wanjiru Kamau,government,\n",
    )
    knows = write(tmp_path / "KNOWS.csv", "from,to,sensitivity\nperson-amara,person-wanjiru-kamau,\n")
    before = snapshot(private_store)
    with pytest.raises(ValidationError) as caught:
        run(private_store, people, knows)
    assert snapshot(private_store) == before
    said = [str(p) for p in caught.value.problems]
    assert len(said) == 2
    assert said[0].startswith(f"{people} row 2: sensitivity: empty, which would make the private Person")
    assert said[1].startswith(f"{knows} row 2: sensitivity: empty")


def test_lowering_privacy_explicitly_is_listed_first(private_store, tmp_path):
    people = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group,sensitivity\n"
        "person-amara,Amara Diallo,library,\n"
        "person-wanjiru-kamau,Wanjiru Kamau,government,public\n",
    )
    knows = write(tmp_path / "KNOWS.csv", "from,to,sensitivity\nperson-amara,person-wanjiru-kamau,internal\n")
    report = run(private_store, people, knows, dry_run=True)
    assert report.lowered == [
        f"{people} row 3: Person 'person-wanjiru-kamau' from private to public",
        f"{knows} row 2: KNOWS 'person-amara' -> 'person-wanjiru-kamau' from private to internal",
    ]
    lines = report.text().splitlines()
    assert lines[0] == "Lowers privacy of 2 records (from private), as its sensitivity column says:"
    assert lines[1:3] == [f"  {line}" for line in report.lowered]
    assert lines[3] == "Would import (dry run, nothing written):"
    run(private_store, people, knows)
    assert "person-wanjiru-kamau" in shareable(private_store.export())


def test_the_cli_dry_run_lists_lowered_privacy_before_the_table(private_store, tmp_path):
    if not private_store.url.startswith("sqlite"):
        pytest.skip("the command line is run on the embedded store")
    people = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group,sensitivity,email\nperson-wanjiru-kamau,Wanjiru Kamau,government,internal,\n",
    )
    result = CliRunner().invoke(main, ["import", str(people), "--dry-run", "--store", private_store.url])
    assert result.exit_code == 0, result.output
    out = result.output[result.output.index("Lowers privacy") :]
    assert out.index("from private to internal") < out.index("Would import") < out.index("clears email of 1")


def test_a_contacts_sheet_keeps_fields_it_has_no_column_for_and_clears_empty_ones(private_store, tmp_path):
    sheet = write(
        tmp_path / "contacts.csv", "name,stakeholder group,email,title\nWanjiru Kamau,government,,Minister\n"
    )
    report = run(private_store, sheet)
    stored = private_store.get_node("person-wanjiru-kamau")
    assert stored.props == {
        "stakeholder_group": "government",
        "title": "Minister",
        "notes": "prefers calls",
        "sensitivity": "private",
    }
    assert report.changes() == ["clears email of 1 Person", "changes title of 1 Person"]


def test_graphml_and_gexf_declared_attributes_are_columns(private_store, tmp_path):
    """An attribute the file declares but a node lacks is an empty cell; one it never declares is kept."""
    for fmt in ("graphml", "gexf"):
        private_store.upsert([WANJIRU], [TIE])
        out = tmp_path / f"one.{fmt}"
        G = private_store.export().subgraph(["person-wanjiru-kamau", "person-amara"]).copy()
        del G.nodes["person-wanjiru-kamau"]["email"]  # declared (Amara has none, but the key is written) ...
        G.nodes["person-amara"]["email"] = "amara@example.org"
        for node in G.nodes.values():
            node.pop("notes", None)  # ... notes declared by nobody
        for *_, d in G.edges(keys=True, data=True):
            d.pop("context", None)
        from graphkit.io import GraphRecords

        export_graph(GraphRecords(G), fmt, out)
        run(private_store, out)
        stored = private_store.get_node("person-wanjiru-kamau").props
        assert "email" not in stored and stored["notes"] == "prefers calls", fmt
        tie = {r.key: r.props for r in private_store.relationships()}[TIE.key]
        assert tie["context"] == "met in Nairobi", fmt


def test_json_keys_left_out_keep_null_or_empty_clears(private_store, tmp_path):
    data = {
        "nodes": [{"id": "person-wanjiru-kamau", "label": "Person", "email": None, "title": ""}],
        "edges": [{"from": "person-amara", "to": "person-wanjiru-kamau", "type": "KNOWS", "strength": 3}],
    }
    path = write(tmp_path / "partial.json", json.dumps(data))
    report = run(private_store, path)
    stored = private_store.get_node("person-wanjiru-kamau")
    assert stored.name == "Wanjiru Kamau"
    assert stored.props == {
        "stakeholder_group": "government",
        "notes": "prefers calls",
        "sensitivity": "private",
    }
    tie = {r.key: r.props for r in private_store.relationships()}[TIE.key]
    assert tie == {**TIE.props, "strength": 3}
    assert report.changes() == [
        "clears email of 1 Person",
        "clears title of 1 Person",
        "changes strength of 1 KNOWS relationship",
    ]


def test_validation_applies_to_the_merged_record(private_store, tmp_path):
    """A record naming no stakeholder_group is valid when the stored one has it; a new one without it
    is refused, naming the file, the record and the field, and nothing is written."""
    data = {
        "nodes": [
            {"id": "person-wanjiru-kamau", "label": "Person", "title": "Director General"},
            {"id": "person-nia", "label": "Person", "name": "Nia Okafor", "title": "Dean"},
        ]
    }
    path = write(tmp_path / "partial.json", json.dumps(data))
    before = snapshot(private_store)
    with pytest.raises(ValidationError) as caught:
        run(private_store, path)
    assert snapshot(private_store) == before
    said = [str(p) for p in caught.value.problems]
    assert len(said) == 1 and said[0].startswith(f"{path} $.nodes[1]: stakeholder_group")
    data["nodes"].pop()
    write(path, json.dumps(data))
    run(private_store, path)
    assert private_store.get_node("person-wanjiru-kamau").props["title"] == "Director General"


# -- the Data page ------------------------------------------------------------------------------


def test_the_data_pages_upload_dry_run_lists_lowered_privacy_first_then_the_fields(world_url, monkeypatch):
    from test_app_data import data_page

    with open_store(world_url) as s:
        s.upsert([WANJIRU], [TIE])
    at = data_page(world_url, monkeypatch)
    sheet = (
        "id,name,stakeholder_group,sensitivity,email\nperson-wanjiru-kamau,Wanjiru Kamau,government,public,\n"
    )
    at.file_uploader[0].set_value(("Person.csv", sheet.encode(), "text/csv")).run()
    assert not at.exception
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("**Lowers privacy of 1 record (from private)")
    assert "- Person.csv row 2: Person 'person-wanjiru-kamau' from private to public" in warning.replace(
        "\\", ""
    )
    assert any("clears email of 1 Person" in m.value for m in at.markdown)
    # Shown before the table: the warning's element comes first in the page's tree.
    tab = at.tabs[2]
    kinds = [type(e).__name__ for e in tab]
    assert kinds.index("Warning") < kinds.index("Dataframe")
    with open_store(world_url) as s:
        assert s.get_node("person-wanjiru-kamau").props["sensitivity"] == "private"  # a dry run


def test_a_stale_data_form_refuses_delete_as_it_refuses_save(world_url, monkeypatch):
    from test_app_data import data_page, errors, find, labelled, stored, submit

    ben = find(data_page(world_url, monkeypatch), "amara")  # Ben reads Amara as she is
    with open_store(world_url) as s:  # then Ana changes her
        amara = s.get_node("person-amara")
        s.upsert(
            [Node(amara.id, amara.label, amara.name, {**amara.props, "title": "Director"})], [], by="ana"
        )
    monkeypatch.setenv("GRAPHKIT_USER", "ben")
    ben.run()
    assert "Amara Diallo was changed by ana since you opened it here" in ben.warning[0].value
    before = stored(world_url)
    labelled(ben.checkbox, "Delete Amara Diallo and their 6 relationships").check().run()
    submit(ben, "Delete")
    assert "Amara Diallo was changed by ana at " in errors(ben)
    assert "since you read it; nothing was saved" in errors(ben)
    assert stored(world_url) == before  # Amara and Ana's title stand
