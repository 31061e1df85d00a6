"""Concurrent writers on both backends, each through its own connection: disjoint changes both land,
a change made on a stale read is refused with a clear message, and every acknowledged write is in
the store and in the history exactly once. Nothing is lost silently."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from conftest import person

from graphkit.edits import (
    apply_fresh,
    delete_stakeholder,
    edit_record,
    log_interaction,
    plan_log,
    restore_stakeholder,
)
from graphkit.errors import ConflictError
from graphkit.model import Interaction, Node, Relationship
from graphkit.model.changeset import ChangeSet
from graphkit.store import open_store

TIE = ("person-amara", "KNOWS", "person-lucas")
MEETING = Interaction("meeting", "2026-11-30", ["person-amara", "person-lucas"])


@pytest.fixture
def second(world_store):
    """A second writer on the same store, with a connection of its own."""
    other = open_store(world_store.url if world_store.url.startswith("neo4j") else str(world_store.path))
    yield other
    other.close()


def stronger(store) -> ChangeSet:
    """A person editing the tie's strength in a form, on what they read."""
    props = store.get_relationships([TIE])[TIE]
    read = Relationship("KNOWS", TIE[0], TIE[2], props)
    return ChangeSet(
        relationships=[Relationship("KNOWS", TIE[0], TIE[2], {**props, "strength": 5})], expected={TIE: read}
    )


def at_once(*work: Callable[[], object]) -> list[object]:
    """Run each function in its own thread, released together; return what each returned or raised."""
    ready = threading.Barrier(len(work))
    results: list[object] = [None] * len(work)

    def run(i: int) -> None:
        ready.wait()
        try:
            results[i] = work[i]()
        except Exception as e:  # the refusal is the result
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


@pytest.mark.slow_on_neo4j
def test_an_edit_made_on_a_read_a_log_changed_is_refused_and_says_so(world_store, second):
    edit = stronger(world_store)  # read before the log
    log_interaction(second, MEETING, by="ben")
    with pytest.raises(
        ConflictError,
        match=r"KNOWS 'person-amara' -> 'person-lucas' was changed by ben at .* nothing was saved",
    ):
        world_store.apply(edit, by="ana")
    assert world_store.get_relationships([TIE])[TIE]["last_contact"] == "2026-11-30"


def test_a_log_whose_tie_was_edited_meanwhile_plans_again_and_keeps_the_edit(world_store, second):
    planned = []

    def plan() -> ChangeSet:
        changes, _ = plan_log(world_store, MEETING)
        if not planned:  # the other writer's edit lands between this read and this write
            second.apply(stronger(second), by="ana")
        planned.append(changes)
        return changes

    apply_fresh(world_store, plan, by="ben")
    assert len(planned) == 2
    assert world_store.get_relationships([TIE])[TIE] == {
        "strength": 5,
        "last_contact": "2026-11-30",
        "context": "met at IGF 2013 Bali",
    }
    assert [c.user for c in world_store.history("person-amara", limit=50) if c.key == TIE][:2] == [
        "ben",
        "ana",
    ]


@pytest.mark.slow_on_neo4j
def test_a_strength_edit_and_a_log_at_once_lose_nothing(world_store, second):
    for round_ in range(4):
        log = Interaction("meeting", f"2026-11-2{round_}", ["person-amara", "person-lucas"])
        edit = stronger(world_store)
        edited, logged = at_once(
            lambda e=edit: world_store.apply(e, by="ana"), lambda x=log: log_interaction(second, x, by="ben")
        )
        assert not isinstance(logged, Exception), logged
        tie = world_store.get_relationships([TIE])[TIE]
        assert tie["last_contact"] == log.date  # the log always lands: it plans again on a conflict
        if isinstance(edited, ConflictError):
            assert "since you read it; nothing was saved" in str(edited)
        else:
            assert not isinstance(edited, Exception), edited
            assert tie["strength"] == 5
        assert world_store.get_node(logged.id) is not None
        # back to strength 3 for the next round
        world_store.upsert([], [Relationship("KNOWS", TIE[0], TIE[2], {**tie, "strength": 3})], by="reset")


def test_two_identical_logs_at_once_are_two_records_each_in_the_history_once(world_store, second):
    a, b = at_once(
        lambda: log_interaction(world_store, MEETING, by="ana"),
        lambda: log_interaction(second, MEETING, by="ben"),
    )
    assert not isinstance(a, Exception) and not isinstance(b, Exception), (a, b)
    assert a.id != b.id
    G = world_store.export()
    assert {a.id, b.id} <= set(G)
    created = [c for c in world_store.history(limit=1000) if c.rel_type is None and c.action == "create"]
    assert sorted(c.node for c in created) == sorted([a.id, b.id])
    assert G.edges[TIE[0], TIE[2], "KNOWS"]["last_contact"] == "2026-11-30"


@pytest.mark.slow_on_neo4j
def test_a_restore_and_a_new_record_with_the_same_id_at_once_one_is_refused(world_store, second):
    world_store.apply(delete_stakeholder(world_store, "person-lucas"), by="ana")
    restore = restore_stakeholder(world_store, "person-lucas")
    newcomer = edit_record(None, person("person-lucas", "Lucas Novo", "government"))
    restored, created = at_once(
        lambda: world_store.apply(restore, by="ana"), lambda: second.apply(newcomer, by="ben")
    )
    refused = [r for r in (restored, created) if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ConflictError), (restored, created)
    name = world_store.get_node("person-lucas").name
    assert name == ("Lucas Pereira" if refused[0] is created else "Lucas Novo")
    writes = [c for c in world_store.history("person-lucas", limit=100) if c.key == "person-lucas"]
    assert [c.action for c in writes[:2]] == ["restore" if name == "Lucas Pereira" else "create", "delete"]


def test_disjoint_changes_at_once_both_land(world_store, second):
    lucas, ines = world_store.get_node("person-lucas"), world_store.get_node("person-ines")
    one = edit_record(lucas, Node(lucas.id, lucas.label, lucas.name, {**lucas.props, "title": "Minister"}))
    two = edit_record(ines, Node(ines.id, ines.label, ines.name, {**ines.props, "title": "Engineer"}))
    results = at_once(lambda: world_store.apply(one, by="ana"), lambda: second.apply(two, by="ben"))
    assert not any(isinstance(r, Exception) for r in results), results
    assert world_store.get_node("person-lucas").props["title"] == "Minister"
    assert world_store.get_node("person-ines").props["title"] == "Engineer"
