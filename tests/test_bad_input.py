"""Bad input is refused whole: the file, row (or JSON path) and field are named, at most 50 problems
are listed, and the store is byte-for-byte as it was (its full export and its history), on both backends."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphkit.errors import MAX_PROBLEMS, ValidationError
from graphkit.io import export_graph, open_source
from graphkit.io.importer import import_sources
from graphkit.model import Node


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def full_export(store, folder) -> bytes:
    out = folder / f"export-{len(list(folder.glob('export-*')))}.json"
    export_graph(store, "json", out)
    return out.read_bytes() + json.dumps([c.to_row() for c in store.history(limit=10_000)]).encode()


def refused(store, tmp_path, path) -> list[str]:
    before = full_export(store, tmp_path)
    with pytest.raises(ValidationError) as caught:
        import_sources(store, [open_source(path, store)])
    assert full_export(store, tmp_path) == before
    assert len(caught.value.problems) <= MAX_PROBLEMS
    return [str(p) for p in caught.value.problems]


def test_a_short_knows_row_would_wipe_strength_and_sensitivity_so_it_is_refused(world_store, tmp_path):
    path = write(
        tmp_path / "relationships" / "KNOWS.csv",
        "from,to,strength,last_contact,context,sensitivity\nperson-amara,person-lucas\n",
    )
    assert refused(world_store, tmp_path, path) == [
        f"{path} row 2: strength: missing cell: the row has 2 of the header's 6 columns; "
        "leave a cell empty (,,) to say a field is not set"
    ]


def test_a_person_row_missing_its_last_sensitivity_cell_is_refused(world_store, tmp_path):
    path = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group,sensitivity\nperson-amara,Amara Diallo,library\n",
    )
    [problem] = refused(world_store, tmp_path, path)
    assert problem.startswith(f"{path} row 2: sensitivity: missing cell")


def test_a_short_contacts_row_is_refused(world_store, tmp_path):
    path = write(tmp_path / "contacts.csv", "name,stakeholder group,email\nNia Okafor,library\n")
    [problem] = refused(world_store, tmp_path, path)
    assert problem.startswith(f"{path} row 2: email: missing cell")


def test_deeply_nested_json_is_refused_without_a_traceback(world_store, tmp_path):
    path = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    assert refused(world_store, tmp_path, path) == [
        f"{path} $: json: nested too deeply: expected {{nodes: [...], edges: [...]}}"
    ]


@pytest.mark.parametrize(
    ("cell", "field", "why"),
    [
        ("Nia\x00Okafor", "name", "control"),
        ("Nia \u202eOkafor", "name", "direction-override"),
        ("N" * 100_000, "name", "at most 300 characters"),
    ],
)
def test_unsafe_or_huge_names_are_refused(world_store, tmp_path, cell, field, why):
    path = write(tmp_path / "nodes" / "Person.csv", f"id,name,stakeholder_group\nperson-nia,{cell},library\n")
    [problem] = refused(world_store, tmp_path, path)
    assert problem.startswith(f"{path} row 2: {field}: ") and why in problem


def test_non_ascii_digits_and_bad_emails_are_refused(world_store, tmp_path):
    knows = write(tmp_path / "relationships" / "KNOWS.csv", "from,to,strength\nperson-amara,person-lucas,٣\n")
    assert refused(world_store, tmp_path, knows) == [
        f"{knows} row 2: strength: expected a whole number from 1 to 5, got '٣'"
    ]
    people = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group,email\nperson-nia,Nia,library,nia at home\n",
    )
    assert refused(world_store, tmp_path, people) == [
        f"{people} row 2: email: expected an e-mail address such as ana@example.org, got 'nia at home'"
    ]


@pytest.mark.slow
def test_a_header_of_100000_unknown_columns_lists_at_most_50_problems(world_store, tmp_path):
    extra = ",".join(f"x{i}" for i in range(100_000))
    path = write(
        tmp_path / "nodes" / "Person.csv",
        f"id,name,stakeholder_group,{extra}\nperson-nia,Nia,library{',' * 100_000}\n",
    )
    problems = refused(world_store, tmp_path, path)
    assert len(problems) == MAX_PROBLEMS
    path = write(tmp_path / "contacts.csv", f"name,stakeholder group,{extra}\nNia,library{',' * 100_000}\n")
    assert len(refused(world_store, tmp_path, path)) == MAX_PROBLEMS


def test_the_command_line_exits_non_zero_and_prints_no_traceback(world_url, tmp_path):
    from graphkit.cli import main

    path = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    header_only = write(tmp_path / "nodes" / "Person.csv", "id,name,stakeholder_group\n")
    for bad in (path, header_only):
        result = CliRunner().invoke(main, ["import", str(bad), "--store", world_url])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "nothing was written" in result.output


def test_a_stored_name_is_always_valid_xml(world_store, tmp_path):
    """What the model refuses never reaches a GraphML or GEXF export."""
    with pytest.raises(ValidationError, match="name: expected at most 300 characters"):
        world_store.upsert([Node("person-x", "Person", "A\x00B", {"stakeholder_group": "library"})])
    export_graph(world_store, "graphml", tmp_path / "g.graphml")
    export_graph(world_store, "gexf", tmp_path / "g.gexf")
    from defusedxml import ElementTree

    ElementTree.parse(tmp_path / "g.graphml")
    ElementTree.parse(tmp_path / "g.gexf")
