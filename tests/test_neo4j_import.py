"""``graphkit copy --neo4j-home``: a whole graph into an empty Neo4j database with ``neo4j-admin
database import``, on the Neo4j test server that scripts/test starts with scripts/neo4j-local (it is
stopped and started again), and the files written for it."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED, open_backend, require_neo4j, snapshot
from test_neo4j import local_server

from graphkit.cli import main
from graphkit.edits.fields import add_field
from graphkit.errors import GraphkitError, ValidationError
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.model import Node, Relationship
from graphkit.store import open_store
from graphkit.store.neo4j_import import (
    ARRAY_DELIMITER,
    CannotBulkImport,
    _load_offline,
    _reopen,
    write_files,
)

#: Values every loader type has to bring back as they were: lists, numbers of both kinds, yes/no,
#: text with quotes, commas, semicolons, new lines and an empty text.
ODD = {
    "notes": 'First line, "quoted"; second\nline: ünïcödé',
    "languages": ["English", "Français; Kreyòl"],
    "members": 1250,
    "budget": 0.1 + 0.2,
    "signed": False,
}


def team_fields(store) -> None:
    for label, name, kind in (
        ("Person", "languages", "list"),
        ("Person", "members", "number"),
        ("Person", "budget", "number"),
        ("Person", "signed", "yes_no"),
    ):
        store.apply(add_field(store, label, name, kind), by="admin")


def odd_person(**more) -> Node:
    return Node("person-odd", "Person", 'Ana "Odd", Jr.', {"stakeholder_group": "library", **ODD, **more})


def test_the_loaders_files_hold_each_value_with_its_type(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as s:
        team_fields(s)
        s.upsert(
            [
                odd_person(),
                Node("org-x", "Organization", "X", {"stakeholder_group": "library", "org_type": "library"}),
            ]
        )
        s.upsert(relationships=[Relationship("MEMBER_OF", "person-odd", "org-x", {"role": "chair"})])
        files, n, r = write_files(s.nodes(), s.relationships(), tmp_path / "out")
    assert not files.multiline  # the notes have not been written yet (nor told)
    arguments = files.arguments()
    assert (n, r) == (6, 1)  # four field definitions, the person and the organisation
    person = next(a for a in arguments if a.startswith("--nodes=Person="))
    with open(person.split("=", 2)[2], encoding="utf-8", newline="") as f:
        header, row = list(csv.reader(f))
    cells = dict(zip(header, row, strict=True))
    assert cells["id:ID"] == "person-odd" and cells["name:string"] == 'Ana "Odd", Jr.'
    assert cells["notes:string"] == ODD["notes"]
    assert cells["languages:string[]"].split(ARRAY_DELIMITER) == ODD["languages"]
    assert float(cells["budget:double"]) == ODD["budget"] and cells["members:long"] == "1250"
    assert cells["signed:boolean"] == "false"
    assert files.multiline  # the notes span two lines: the loader is told so
    assert any(a.startswith("--relationships=MEMBER_OF=") for a in arguments)


def test_a_record_that_breaks_the_model_or_a_value_the_loader_cannot_take_stops_before_any_file(
    tmp_path: Path,
):
    bad = Node("person-bad", "Person", "Bad", {"stakeholder_group": "no such group"})
    with pytest.raises(ValidationError, match="stakeholder_group"):
        write_files([bad], [], tmp_path / "a")
    dangling = Relationship("MEMBER_OF", "person-nobody", "org-nowhere", {})
    with pytest.raises(ValidationError, match="person-nobody"):
        write_files([], [dangling], tmp_path / "b")
    # a number past 64 bits has no type in the loader's files: the copy goes through the driver instead
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as s:
        team_fields(s)
        with pytest.raises(CannotBulkImport, match="'members'"):
            write_files([odd_person(members=2**70)], [], tmp_path / "c", schema=s.schema())


def stoppable_home() -> str:
    """The home folder of the Neo4j test server, which scripts/neo4j-local started (so a test may
    stop it); skipped, or under CI failed, when it did not."""
    home = os.environ.get("NEO4J_LOCAL_HOME")
    if local_server("pid").returncode != 0 or not home:
        if os.environ.get("CI"):
            pytest.fail("the Neo4j test server was not started by scripts/neo4j-local", pytrace=False)
        pytest.skip(
            "the Neo4j test server was not started by scripts/neo4j-local, so it cannot be stopped here"
        )
    return home


@pytest.mark.slow  # stops and starts the Neo4j test server
def test_copy_into_an_empty_neo4j_uses_neo4j_admin_and_keeps_everything_exactly(tmp_path: Path):
    url = require_neo4j()
    home = stoppable_home()
    with open_backend("neo4j", tmp_path) as target:  # empties the test database
        before = target.feed_position()
    source = f"sqlite:///{tmp_path / 'source.db'}"
    with open_store(source) as s:
        s.upsert(read_nodes(SEED), read_relationships(SEED))
        team_fields(s)
        s.upsert([odd_person()])
        expected = snapshot(s)
    try:
        result = CliRunner().invoke(main, ["copy", "--from", source, "--to", url, "--neo4j-home", home])
    finally:
        if local_server("pid").returncode != 0:  # whatever happened, the other tests need it
            assert local_server("start").returncode == 0
    assert result.exit_code == 0, result.output
    assert "with neo4j-admin; the counts match" in result.output
    with open_store(url) as s:
        assert snapshot(s) == expected
        # the history says what the load wrote, and readers following the feed see that it moved
        (entry,) = s.history()
        assert (entry.action, entry.node) == ("load", "*")
        assert entry.after == {"nodes": len(expected[0]), "relationships": len(expected[1])}
        assert s.feed_position() == entry.position > before
        assert [n.id for n in s.search('Ana "Odd"')][:1] == ["person-odd"]
        # the uniqueness constraints are back: a write of a known id changes it, adds nothing
        s.upsert([odd_person(notes="changed")])
        assert s.get_node("person-odd").props["notes"] == "changed"
        assert snapshot(s)[0].keys() == expected[0].keys()
    # into a database that holds something, the loader is not used, and copy refuses as before
    result = CliRunner().invoke(main, ["copy", "--from", source, "--to", url, "--neo4j-home", home])
    assert result.exit_code == 1
    assert "copying through the driver instead" in result.output and "already holds" in result.output
    assert local_server("pid").returncode == 0


@pytest.mark.slow  # stops and starts the Neo4j test server
def test_a_failed_neo4j_admin_import_leaves_the_database_empty_and_the_server_running(tmp_path: Path):
    url = require_neo4j()
    home = stoppable_home()
    ana = Node("person-ana", "Person", "Ana Diallo", {"stakeholder_group": "library"})
    with open_backend("neo4j", tmp_path) as target:  # empties the test database
        target.upsert([ana])
    # Files the loader itself refuses (the checks before it would have): a tie to a person not loaded.
    files, _, _ = write_files([ana], [], tmp_path)
    files.add("relationships", "KNOWS", ["person-ana", "person-nobody"], {}, "a dangling tie")
    said: list[str] = []
    try:
        with pytest.raises(GraphkitError, match="neo4j-admin database import failed") as failed:
            _load_offline(Path(home), files, tmp_path, said.append)
    finally:
        left_down = local_server("pid").returncode != 0
        if left_down:  # whatever happened, the other tests need it
            local_server("start")
    assert not left_down, "the server was not started again after the failed import"
    # The loader's own words say which file, row and value: in what the user is told as it goes, and in the error.
    assert any("missing node person-nobody" in line for line in said), "\n".join(said)
    assert "relationships-1.csv" in str(failed.value) and "missing node person-nobody" in str(failed.value)
    assert not any(line.lstrip().startswith("at ") for line in said)  # no Java stack frames
    store = _reopen(url)
    try:
        # The database the loader had removed is back, empty, and takes writes (a copy can be tried again).
        assert store.counts() == {"nodes": {}, "relationships": {}}
        store.upsert([ana])
        assert store.get_node("person-ana") == ana
    finally:
        store.close()
