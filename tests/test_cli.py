"""The graphkit command, run as a user would: load a folder, count, and fail with one clear line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import small_world, snapshot

from graphkit.cli import main
from graphkit.io.csv_folder import FolderWriter
from graphkit.model import Node
from graphkit.store import open_store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "world"
    with FolderWriter(out) as w:
        nodes, rels = small_world()
        w.nodes(nodes)
        w.relationships(rels)
    return out


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def seed_is_refused(folder: Path, url: str) -> str:
    """Seed ``folder``, expect one clear refusal that leaves the store exactly as it was; return it."""
    with open_store(url) as s:
        before = snapshot(s)
    code, out = run("seed", str(folder), "--store", url)
    assert code == 1, out
    assert "Traceback" not in out
    with open_store(url) as s:
        assert snapshot(s) == before
    return out


def test_seed_then_stats_json_matches_the_folder(folder, url):
    code, out = run("seed", str(folder), "--store", url)
    assert code == 0, out
    assert "Loaded 15 nodes and 22 relationships" in out
    code, out = run("stats", "--json", "--store", url)
    counts = json.loads(out)
    assert counts["nodes"]["Person"] == 4
    assert counts["relationships"]["KNOWS"] == 2
    assert sum(counts["nodes"].values()) == 15
    assert sum(counts["relationships"].values()) == 22


def test_seeding_twice_changes_nothing(folder, url):
    run("seed", str(folder), "--store", url)
    with open_store(url) as s:
        before = (list(s.nodes()), list(s.relationships()))
    assert run("seed", str(folder), "--store", url)[0] == 0
    with open_store(url) as s:
        assert (list(s.nodes()), list(s.relationships())) == before


def test_store_comes_from_the_environment(folder, url, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_STORE", url)
    assert run("seed", str(folder))[0] == 0
    code, out = run("stats")
    assert code == 0
    assert f"Store: {url}" in out
    assert "Person" in out


def test_a_bad_row_names_file_row_and_field_and_writes_nothing(folder, url):
    run("seed", str(folder), "--store", url)
    knows = folder / "relationships" / "KNOWS.csv"
    columns = knows.read_text().splitlines()[0].split(",")
    tie = {"from": "person-amara", "to": "person-zoe", "strength": "high"}
    knows.write_text(knows.read_text() + ",".join(tie.get(c, "") for c in columns) + "\n")
    people = folder / "nodes" / "Person.csv"
    header = people.read_text().splitlines()[0].split(",")
    row = {"id": "person-new", "name": "New Person", "stakeholder_group": "government"}
    people.write_text(people.read_text() + ",".join(row.get(c, "") for c in header) + "\n")
    out = seed_is_refused(folder, url)
    assert f"{knows} row 4: strength: expected a whole number from 1 to 5, got 'high'" in out
    with open_store(url) as s:
        assert s.get_node("person-new") is None


def test_a_missing_required_column_is_named(folder, url):
    people = folder / "nodes" / "Person.csv"
    lines = people.read_text().splitlines()
    header = lines[0].split(",")
    col = header.index("stakeholder_group")
    people.write_text(
        "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != col) for line in lines)
    )
    out = seed_is_refused(folder, url)
    assert f"{people} row 1: stakeholder_group: missing column" in out


def test_unknown_files_and_folders_are_refused(folder, url, tmp_path):
    shutil.copy(folder / "nodes" / "Person.csv", folder / "nodes" / "Persons.csv")
    assert "Persons.csv: file name: unknown label" in seed_is_refused(folder, url)
    code, out = run("seed", str(tmp_path / "nowhere"), "--store", url)
    assert code == 1
    assert "no such folder" in out


@pytest.mark.parametrize(
    ("store", "message"),
    [
        ("sqlite:////no/such/folder/g.db", "the folder /no/such/folder does not exist"),
        ("mysql://localhost/db", "unknown store URL"),
    ],
)
def test_a_store_that_cannot_be_opened_is_one_clear_line(store, message):
    code, out = run("stats", "--store", store)
    assert code == 1
    assert message in out
    assert "Traceback" not in out
    assert len(out.strip().splitlines()) == 1


def test_a_file_that_is_not_a_store(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my meeting notes, not a database" * 100)
    code, out = run("stats", "--store", f"sqlite:///{bogus}")
    assert code == 1
    assert "is it a graphkit SQLite file?" in out


def test_generate_then_seed_gives_the_generated_counts(tmp_path, url):
    out = tmp_path / "synthetic"
    code, text = run("generate", "--nodes", "500", "--seed", "3", "--out", str(out))
    assert code == 0, text
    assert run("seed", str(out), "--store", url)[0] == 0
    _, stats = run("stats", "--json", "--store", url)
    counts = json.loads(stats)
    assert sum(counts["nodes"].values()) == 500
    assert f"Wrote 500 nodes and {sum(counts['relationships'].values())} relationships" in text


def test_generate_refuses_sizes_out_of_range(tmp_path):
    code, out = run("generate", "--nodes", "50", "--out", str(tmp_path / "x"))
    assert code == 2
    assert "50 is not in the range 100<=x<=3000000" in out


def test_an_empty_file_is_reported(folder, url):
    (folder / "nodes" / "Event.csv").write_text("")
    out = seed_is_refused(folder, url)
    assert f"{folder / 'nodes' / 'Event.csv'} row 1: header: empty file" in out


def test_cells_past_the_header_are_reported(folder, url):
    people = folder / "nodes" / "Person.csv"
    width = len(people.read_text().splitlines()[0].split(","))
    people.write_text(people.read_text() + "person-x,X,,library" + "," * (width - 4) + ",surprise\n")
    out = seed_is_refused(folder, url)
    assert f"{people} row 6: column {width + 1}: unknown field" in out


def test_a_file_that_is_not_utf8_is_named_and_nothing_is_written(folder, url):
    people = folder / "nodes" / "Person.csv"
    text = people.read_text() + "person-jose,José Peña,,library,,,\n"
    people.write_bytes(text.encode("latin-1"))
    out = seed_is_refused(folder, url)
    assert f"{people} near row" in out
    assert "encoding: not UTF-8 text; save the file as 'CSV UTF-8'" in out


def test_a_bom_from_excel_is_fine(folder, url):
    people = folder / "nodes" / "Person.csv"
    people.write_bytes(b"\xef\xbb\xbf" + people.read_bytes())
    assert run("seed", str(folder), "--store", url)[0] == 0
    with open_store(url) as s:
        assert s.get_node("person-amara").name == "Amara Diallo"


def test_generating_into_a_file_is_one_clear_line(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("not a folder")
    code, out = run("generate", "--nodes", "100", "--out", str(taken))
    assert code == 1
    assert f"Error: Not a directory: {taken}" in out
    assert "Traceback" not in out


def test_seed_if_empty_keeps_what_was_edited_since(folder, url):
    assert run("seed", str(folder), "--store", url)[0] == 0
    with open_store(url) as s:
        s.upsert([Node("person-amara", "Person", "Amara Diallo-Keita", {"stakeholder_group": "library"})])
        before = snapshot(s)
    code, out = run("seed", str(folder), "--if-empty", "--store", url)
    assert code == 0 and "already holds a graph; left as it is" in out
    with open_store(url) as s:
        assert snapshot(s) == before


def test_gaps_via_related_counts_stances_on_related_areas(folder, url):
    """In the small world Access and Diversity RELATES_TO Critical Internet Resources; Amara (the
    coalition) champions the first, Lucas is neutral on it, and nobody in either group is on the second."""
    assert run("seed", str(folder), "--store", url)[0] == 0
    code, out = run("gaps", "--store", url)
    assert code == 0, out
    line = next(x for x in out.splitlines() if x.startswith("Managing Critical Internet Resources"))
    assert line.split()[-1] == "GAP"
    assert "Stances on related policy areas count too" not in out

    code, out = run("gaps", "--via-related", "--store", url)
    assert code == 0, out
    line = next(x for x in out.splitlines() if x.startswith("Managing Critical Internet Resources"))
    assert line.split()[-2:] == ["1/1", "weak"]
    assert "Stances on related policy areas count too; a direct stance wins." in out

    code, out = run("gaps", "--via-related", "--json", "--store", url)
    assert code == 0, out
    cells = {(c["row"], c["column"]): c for c in json.loads(out)["cells"]}
    library, government = cells["pa-cir", "library"], cells["pa-cir", "government"]
    assert (library["allies"], library["via_related"], library["status"]) == (
        ["person-amara"],
        ["person-amara"],
        "weak",
    )
    assert (government["neutral"], government["via_related"]) == (["person-lucas"], ["person-lucas"])
    assert cells["pa-access", "library"]["via_related"] == [], "a direct stance is not a related one"


def test_the_shipped_seed_is_named_as_the_readme_names_it_not_by_a_path_inside_the_package(tmp_path):
    result = CliRunner().invoke(main, ["seed", "--store", f"sqlite:///{tmp_path / 'g.db'}"])
    assert result.exit_code == 0, result.output
    assert "Loading the seed shipped with graphkit (seed/) into" in result.output
    assert "seed_data" not in result.output
