"""The edit history, on every backend: who changed what when, before and after; restoring a deleted
stakeholder; the concurrent-edit conflict; and erasing a person so that no trace is left."""

from __future__ import annotations

import json
import re

import pytest
from conftest import every_byte, person, small_world, snapshot

from graphkit.edits import (
    delete_stakeholder,
    erase_person,
    log_interaction,
    restore_stakeholder,
)
from graphkit.edits.records import erased
from graphkit.errors import ConflictError, GraphkitError
from graphkit.model import Interaction, Node, Relationship
from graphkit.model.changeset import ChangeSet
from graphkit.store import Store


def test_a_first_load_is_one_entry_and_later_writes_one_per_changed_record(store: Store):
    store.upsert(*small_world(), by="loader")
    [load] = store.history()
    assert (load.user, load.action, load.node, load.after) == (
        "loader",
        "load",
        "*",
        {"nodes": 15, "relationships": 22},
    )

    lucas = store.get_node("person-lucas")
    changed = Node(lucas.id, lucas.label, lucas.name, {**lucas.props, "title": "Minister"})
    new = person("person-nia", "Nia Okafor")
    knows = Relationship("KNOWS", "person-nia", "person-lucas", {"strength": 3})
    store.upsert([changed, new, store.get_node("person-amara")], [knows], by="ana")
    latest = store.history(limit=3)
    assert [(c.user, c.action, c.key) for c in latest] == [
        ("ana", "create", ("person-nia", "KNOWS", "person-lucas")),
        ("ana", "create", "person-nia"),
        ("ana", "update", "person-lucas"),
    ]  # Amara was written unchanged: no entry
    update = latest[2]
    assert update.before["props"]["title"] == "Adviser to the minister"
    assert update.after["props"]["title"] == "Minister"
    assert update.before["name"] == update.after["name"] == "Lucas Pereira"
    assert latest[0].before is None and latest[0].after == {"props": {"strength": 3}}
    assert len({c.batch for c in latest}) == 1 and latest[0].at > load.at
    # A node's history holds its own changes and those of its relationships, newest first.
    assert [(c.action, c.key) for c in store.history("person-lucas", limit=2)] == [
        ("create", ("person-nia", "KNOWS", "person-lucas")),
        ("update", "person-lucas"),
    ]


def test_a_deleted_stakeholder_is_restored_with_its_relationships(world_store: Store):
    before = snapshot(world_store)
    assert world_store.apply(delete_stakeholder(world_store, "person-lucas"), by="ana")
    deleted = world_store.history("person-lucas", limit=100)
    assert {c.action for c in deleted[:3]} == {"delete"} and all(c.user == "ana" for c in deleted[:3])
    assert deleted[0].batch == deleted[1].batch
    with pytest.raises(GraphkitError, match="no deletion of 'nobody'"):
        world_store.apply(restore_stakeholder(world_store, "nobody"))

    summary = world_store.apply(restore_stakeholder(world_store, "person-lucas"), by="admin")
    assert snapshot(world_store) == before
    assert summary.nodes == 1 and summary.relationships == sum(
        1 for k in before[1] if "person-lucas" in (k[0], k[2])
    )
    assert {c.action for c in world_store.history("person-lucas", limit=summary.relationships + 1)} == {
        "restore"
    }
    with pytest.raises(GraphkitError, match="exists"):
        world_store.apply(restore_stakeholder(world_store, "person-lucas"))


def test_restore_leaves_out_relationships_whose_other_end_is_gone(world_store: Store):
    world_store.apply(delete_stakeholder(world_store, "person-lucas"))
    world_store.apply(delete_stakeholder(world_store, "person-amara"))
    world_store.apply(restore_stakeholder(world_store, "person-lucas"))
    rels = {r.key for r in world_store.relationships()}
    assert not any("person-amara" in (s, t) for s, _, t in rels)
    assert any("person-lucas" in (s, t) for s, _, t in rels)


def test_a_deleted_relationship_is_in_the_history(world_store: Store):
    assert world_store.apply(
        ChangeSet(delete_relationships=[("person-amara", "KNOWS", "person-lucas")]), by="ana"
    ).deleted
    [gone] = world_store.history(limit=1)
    assert (gone.action, gone.key, gone.after, gone.user) == (
        "delete",
        ("person-amara", "KNOWS", "person-lucas"),
        None,
        "ana",
    )
    assert gone.before["props"]["strength"] == 4


def test_the_second_of_two_concurrent_saves_is_told_and_overwrites_nothing(world_store: Store):
    read_by_ana = world_store.get_node("person-lucas")
    read_by_ben = world_store.get_node("person-lucas")
    ana = Node(read_by_ana.id, "Person", read_by_ana.name, {**read_by_ana.props, "title": "Minister"})
    world_store.upsert([ana], by="ana", expected={ana.id: read_by_ana})
    ben = Node(read_by_ben.id, "Person", read_by_ben.name, {**read_by_ben.props, "email": "l@example.org"})
    before = snapshot(world_store)
    with pytest.raises(ConflictError, match=r"person-lucas was changed by ana at .* since you read it"):
        world_store.upsert([ben], by="ben", expected={ben.id: read_by_ben})
    assert snapshot(world_store) == before
    assert world_store.get_node("person-lucas").props["title"] == "Minister"
    # Read again, the same save goes through.
    fresh = world_store.get_node("person-lucas")
    world_store.upsert(
        [Node(fresh.id, "Person", fresh.name, {**fresh.props, "email": "l@example.org"})],
        by="ben",
        expected={fresh.id: fresh},
    )
    assert world_store.get_node("person-lucas").props == {**fresh.props, "email": "l@example.org"}


def test_relationship_edits_and_creations_conflict_too(world_store: Store):
    key = ("person-amara", "KNOWS", "person-lucas")
    [read] = [r for r in world_store.relationships() if r.key == key]
    world_store.upsert([], [Relationship("KNOWS", key[0], key[2], {**read.props, "strength": 5})])
    with pytest.raises(ConflictError, match="KNOWS 'person-amara' -> 'person-lucas' was changed"):
        world_store.upsert([], [Relationship("KNOWS", key[0], key[2], {"strength": 1})], expected={key: read})
    # Two people adding the same new record: the second is told it exists now.
    world_store.upsert([person("person-new", "New One")], expected={"person-new": None})
    with pytest.raises(ConflictError):
        world_store.upsert([person("person-new", "New Two")], expected={"person-new": None})


def test_erasing_a_person_leaves_no_trace_of_their_id_or_name(world_store: Store):
    log_interaction(
        world_store,
        Interaction(
            "meeting",
            "2026-05-01",
            ["person-amara", "person-lucas"],
            notes="Lucas Pereira asked for the figures; lucas pereira will call back",
        ),
        by="ana",
    )
    lucas = world_store.get_node("person-lucas")
    world_store.upsert([Node(lucas.id, "Person", lucas.name, {**lucas.props, "title": "Minister"})], by="ana")
    world_store.apply(ChangeSet(delete_relationships=[("person-amara", "KNOWS", "person-lucas")]), by="ana")
    text = every_byte(world_store)
    assert "person-lucas" in text and "Lucas Pereira" in text  # before: all over the store

    done = erased(world_store.apply(erase_person(world_store, "person-lucas"), by="dpo"))

    text = every_byte(world_store)
    assert "person-lucas" not in text
    assert "lucas pereira" not in text.casefold()
    assert done["history entries removed"] >= 4
    assert world_store.get_node("person-lucas") is None
    # The meeting is still there for Amara, its text without him.
    [meeting] = [n for n in world_store.nodes() if n.label == "Interaction"]
    assert meeting.name == "Meeting"  # stored naming nobody, titled when read from who took part
    assert world_store.export().nodes[meeting.id]["name"] == "Meeting with Amara Diallo"
    assert meeting.props["notes"] == "[erased] asked for the figures; [erased] will call back"
    assert world_store.history(limit=1)[0].action == "erase"
    assert world_store.history(limit=1)[0].user == "dpo"
    with pytest.raises(GraphkitError, match="no person"):
        erased(world_store.apply(erase_person(world_store, "org-kla")))


def test_a_person_can_be_exported_in_full(world_store: Store):
    log_interaction(
        world_store, Interaction("call", "2026-05-01", ["person-amara", "person-lucas"]), by="ana"
    )
    record = world_store.person_record("person-lucas")
    assert record["person"]["name"] == "Lucas Pereira"
    assert {(r["type"], r["other"]) for r in record["relationships"]} >= {
        ("KNOWS", "Amara Diallo"),
        ("PARTICIPATED_IN", "Call with Amara Diallo, Lucas Pereira"),
    }
    assert [i["name"] for i in record["interactions"]] == ["Call with Amara Diallo, Lucas Pereira"]
    assert {c["action"] for c in record["history"]} >= {"create", "update"}
    json.dumps(record)  # it is plain data


# -- through the command line ------------------------------------------------------------------


def test_the_command_line_shows_history_restores_erases_and_exports_a_person(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from graphkit.cli import main
    from graphkit.store import open_store

    url = f"sqlite:///{tmp_path / 'h.db'}"
    with open_store(url) as s:
        s.upsert(*small_world(), by="loader")

    def run(*args: str, user: str = "ana") -> str:
        result = CliRunner().invoke(main, [*args, "--store", url], env={"GRAPHKIT_USER": user})
        assert result.exit_code == 0, result.output
        return result.output

    run(
        "log",
        "--with",
        "Amara Diallo",
        "--with",
        "Lucas Pereira",
        "--date",
        "2026-05-01",
        "--title",
        "Coffee",
    )
    out = run("history", "person-lucas")
    assert re.search(
        r"ana  create PARTICIPATED_IN Lucas Pereira \(person-lucas\) -> Coffee \(ix-2026-05-01-[0-9a-f]{12}\)",
        out,
    )
    assert (
        "ana  update KNOWS Amara Diallo (person-amara) -> Lucas Pereira (person-lucas)  "
        "(last_contact: '2013-10-24' -> '2026-05-01')" in out
    )
    with open_store(url) as s:
        s.apply(delete_stakeholder(s, "person-lucas"), by="ben")
    out = run("restore", "person-lucas", "--user", "cleo")
    assert out.startswith("Restored person-lucas with ")
    assert "cleo  restore Lucas Pereira (person-lucas)" in run("history", "person-lucas", "-n", "50")

    exported = tmp_path / "lucas.json"
    run("export-person", "Lucas Pereira", "--out", str(exported))
    record = json.loads(exported.read_text())
    assert record["person"]["id"] == "person-lucas" and record["interactions"][0]["name"] == "Coffee"

    refused = CliRunner().invoke(main, ["erase", "Lucas Pereira", "--store", url], input="n\n")
    assert refused.exit_code == 1 and "Aborted" in refused.output
    out = run("erase", "Lucas Pereira", "--yes", user="dpo")
    assert out.startswith("Erased person-lucas: ")
    assert "person-lucas" not in run("history", "-n", "1000")
    assert "dpo  erase a person" in run("history", "-n", "1")
