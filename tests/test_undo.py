"""Undo: one write of the edit history put back as it was, as a ChangeSet, on both stores."""

from __future__ import annotations

import pytest
from conftest import snapshot

from graphkit.edits import delete_stakeholder, edit_record, last_batch, log_interaction, undo
from graphkit.errors import ConflictError, GraphkitError
from graphkit.model import Interaction, Node, Relationship


def test_undoing_a_deletion_brings_the_stakeholder_back_with_its_relationships(world_store):
    before = snapshot(world_store)
    world_store.apply(delete_stakeholder(world_store, "person-amara"), by="eddie")
    assert world_store.get_node("person-amara") is None
    world_store.apply(undo(world_store, last_batch(world_store, "person-amara", "eddie")), by="eddie")
    assert snapshot(world_store) == before


def test_undoing_an_edit_puts_the_record_and_its_relationships_back(world_store):
    before = snapshot(world_store)
    read = world_store.get_node("person-amara")
    edited = Node(read.id, read.label, "Amara D.", {**read.props, "email": "amara@kla.or.ke"})
    moved = Relationship("WORKS_FOR", "person-amara", "org-minicom-br")
    old = Relationship("WORKS_FOR", "person-amara", "org-kla", {"role": "Programme manager"})
    world_store.apply(edit_record(read, edited, [moved], [old]), by="eddie")
    assert snapshot(world_store) != before
    world_store.apply(undo(world_store, last_batch(world_store, "person-amara", "eddie")), by="eddie")
    assert snapshot(world_store) == before


def test_undoing_a_logged_meeting_removes_it_and_cools_the_ties_it_warmed(world_store):
    before = snapshot(world_store)
    done = log_interaction(
        world_store, Interaction("meeting", "2026-11-30", ["person-amara", "person-lucas"]), by="eddie"
    )
    world_store.apply(undo(world_store, last_batch(world_store, done.id, "eddie")), by="eddie")
    assert snapshot(world_store) == before


def test_an_undo_is_refused_whole_when_a_record_changed_since(world_store):
    read = world_store.get_node("person-zoe")
    world_store.apply(edit_record(read, Node(read.id, read.label, "Zoë M.", read.props)), by="eddie")
    batch = last_batch(world_store, "person-zoe", "eddie")
    renamed = world_store.get_node("person-zoe")
    world_store.apply(
        edit_record(renamed, Node(read.id, read.label, "Zoë Müller-Weiss", read.props)), by="ada"
    )
    after = snapshot(world_store)
    with pytest.raises(ConflictError):
        world_store.apply(undo(world_store, batch), by="eddie")
    assert snapshot(world_store) == after


def test_a_batch_not_in_the_history_cannot_be_undone(world_store):
    with pytest.raises(GraphkitError, match="not in the history"):
        undo(world_store, "no-such-batch")


@pytest.mark.slow_on_neo4j
def test_undoing_an_import_removes_what_it_added_and_puts_back_what_it_changed(world_store):
    from graphkit.app.data_files import import_upload, undoable

    before = snapshot(world_store)
    sheet = (
        "name;organisation;country;stakeholder group\nNia Okafor;Kenya Library Association;Kenya;library\n"
    )
    added = import_upload(world_store, sheet.encode(), "contacts.csv", dry_run=False, by="eddie")
    people = "id,name,stakeholder_group,title\nperson-amara,Amara Diallo,library,Director\n"
    changed = import_upload(world_store, people.encode(), "Person.csv", dry_run=False, by="eddie")
    assert world_store.get_node("person-amara").props["title"] == "Director"
    assert world_store.get_node("person-nia-okafor") is not None
    world_store.apply(undo(world_store, undoable(world_store, changed)), by="eddie")
    world_store.apply(undo(world_store, undoable(world_store, added)), by="eddie")
    assert snapshot(world_store) == before


def test_an_import_that_changed_nothing_or_was_a_first_load_offers_no_undo(store):
    from graphkit.app.data_files import import_upload, undoable

    sheet = "name;stakeholder group\nNia Okafor;library\n"
    first = import_upload(store, sheet.encode(), "contacts.csv", dry_run=False, by="eddie")
    assert first.batch is not None and undoable(store, first) is None  # a first load
    again = import_upload(store, sheet.encode(), "contacts.csv", dry_run=False, by="eddie")
    assert undoable(store, again) is None  # nothing changed
    dry = import_upload(store, sheet.encode(), "contacts.csv", dry_run=True)
    assert dry.batch is None and undoable(store, dry) is None
