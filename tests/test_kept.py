"""The kept graph: an app process starts from the graph the last one kept beside the SQLite file and
replays the feed since, getting exactly what a fresh read gives; nothing erased survives in it, and
a file that does not belong to the store is never believed."""

from __future__ import annotations

import shutil
import time

import networkx as nx
import pytest
from conftest import every_byte, person, small_world

from graphkit.analysis.influence import pagerank
from graphkit.edits import erase_person
from graphkit.graph.live import LiveGraph
from graphkit.model import Relationship
from graphkit.store import open_store


def contents(G: nx.MultiDiGraph) -> tuple[dict, dict]:
    return dict(G.nodes(data=True)), {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


@pytest.fixture(autouse=True)
def keep_at_once(monkeypatch):
    monkeypatch.setattr(LiveGraph, "keep_delay", 0)


def kept_by_a_process(store) -> LiveGraph:
    """A live graph that has computed PageRank and kept itself with it (as an app process does)."""
    live = LiveGraph(store)
    with live.reading():
        live.derived(("pagerank", False), lambda: pagerank(live.G))
    settled(live)
    assert live._kept and store.kept.path.exists(), "the graph was not kept"
    return live


def settled(live: LiveGraph) -> None:
    """Wait until ``live`` is not keeping itself."""
    for _ in range(600):
        if not live._keeping:
            return
        time.sleep(0.05)
    raise AssertionError("still keeping after 30 s")


def no_figure():
    raise AssertionError("computed again, though it was kept")


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'kept.db'}") as s:
        s.upsert(*small_world())
        yield s


def test_a_new_process_starts_from_the_kept_graph_and_replays_what_changed_since(store):
    first = kept_by_a_process(store)
    assert store.kept.path.exists()
    ranks = first.derived(("pagerank", False), no_figure)[0]
    # Written after it was kept: a new person (reshapes the network) and a changed title.
    store.upsert([person("person-ana", "Ana Silva", title="Librarian")])
    store.upsert([], [Relationship("KNOWS", "person-ana", "person-amara", {"strength": 4})])
    store.upsert([person("person-zoe", "Zoë Müller", "civil_society", title="Director")])

    kept = store.read_kept()
    assert kept is not None and kept.position < store.feed_position()
    second = LiveGraph(store)
    assert contents(second.G) == contents(store.export())
    # The kept PageRank is shown while the new one is computed, as after any change.
    with second.reading():
        shown, updating = second.derived(("pagerank", False), lambda: pagerank(second.G))
    assert shown == ranks and updating


def test_the_kept_figures_are_used_when_nothing_changed(store):
    ranks = kept_by_a_process(store).derived(("pagerank", False), no_figure)[0]
    again = LiveGraph(store)
    with again.reading():
        assert again.derived(("pagerank", False), no_figure) == (ranks, False)


def test_an_erasure_deletes_the_kept_graph_and_leaves_no_trace(store):
    kept_by_a_process(store)
    assert "Zoë Müller" in store.kept.path.read_bytes().decode("utf-8", "replace")
    store.apply(erase_person(store, "person-zoe"))
    assert not store.kept.path.exists()
    assert "Zoë Müller" not in every_byte(store) and "person-zoe" not in every_byte(store)
    # The next process reads the store again and keeps a graph without her.
    later = kept_by_a_process(store)
    assert "person-zoe" not in later.G
    assert "person-zoe" not in every_byte(store)


def test_a_graph_kept_while_an_erasure_lands_is_deleted_again(store):
    before = LiveGraph(store)  # read before the erasure, kept only after it
    settled(before)
    store.apply(erase_person(store, "person-zoe"))
    written = store.keep(before.position, before.G, {})
    assert written is not None
    written()
    assert not store.kept.path.exists()
    assert not list(store.kept.path.parent.glob("*.tmp"))


def test_a_kept_graph_of_another_store_is_not_believed(store, tmp_path):
    kept_by_a_process(store)
    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        other.upsert([person("person-only-here", "Only Here")])
        shutil.copy(store.kept.path, other.kept.path)
        assert other.read_kept() is None
        assert list(LiveGraph(other).G) == ["person-only-here"]


def test_a_kept_file_others_could_write_is_not_believed(store):
    kept_by_a_process(store)
    assert store.read_kept() is not None
    store.kept.path.chmod(0o666)
    assert store.read_kept() is None


def test_an_unreadable_kept_file_means_reading_the_store(store):
    kept_by_a_process(store)
    store.kept.path.write_bytes(b"not a kept graph")
    assert store.read_kept() is None
    assert contents(LiveGraph(store).G) == contents(store.export())


def test_a_graph_kept_before_an_erasure_is_never_believed_again(store):
    """As when an app process starts between an erasure's commit and its deleting the kept file."""
    kept_by_a_process(store)
    # Kept last at a write that does not name her, so the erasure leaves that feed entry in place.
    store.upsert([person("person-ana", "Ana Silva")])
    later = LiveGraph(store)
    assert later.position == store.feed_position() and store.keep(later.position, later.G, {})()
    before = store.kept.path.read_bytes()
    store.apply(erase_person(store, "person-ines"))
    assert store._feed_mark(later.position) is not None
    store.kept.path.write_bytes(before)
    store.kept.path.chmod(0o600)
    assert store.read_kept() is None
    assert not store.kept.path.exists()  # and it is gone
    started = LiveGraph(store)
    assert "person-ines" not in started.G
    with started.reading():
        ranks, _ = started.derived(("pagerank", False), lambda: pagerank(started.G))
    assert "person-ines" not in ranks


def test_an_erasure_seen_by_a_running_process_drops_the_figures_naming_the_person(store):
    live = kept_by_a_process(store)
    assert "person-ines" in live.derived(("pagerank", False), no_figure)[0]
    store.apply(erase_person(store, "person-ines"))
    live.refresh()
    with live.reading():
        ranks, updating = live.derived(("pagerank", False), lambda: pagerank(live.G))
    assert "person-ines" not in ranks and not updating


def test_the_kept_file_is_its_owners_alone_and_figures_of_another_day_are_not_kept(store):
    kept_by_a_process(store)
    assert store.kept.path.stat().st_mode & 0o777 == 0o600
    kept = store.read_kept()
    kept.day = "2016-12-06"  # kept on another day: ties have faded since
    written = store.kept.save(kept, lambda _: True)
    assert written is not None and written()
    assert store.read_kept().figures == {}
    assert store.read_kept().G.number_of_nodes() == kept.G.number_of_nodes()


def test_one_kept_file_however_the_store_is_named(store, tmp_path):
    kept_by_a_process(store)
    link = tmp_path / "link.db"
    link.symlink_to(store.path)
    with open_store(f"sqlite:///{link}") as same:
        assert same.kept.path == store.kept.path
        same.apply(erase_person(same, "person-zoe"))
    assert not store.kept.path.exists()


def test_a_stuck_writer_is_killed_and_leaves_nothing(store, monkeypatch):
    import graphkit.store.kept as kept_module

    live = kept_by_a_process(store)
    store.kept.discard()
    monkeypatch.setattr(kept_module, "WRITING_AT_MOST", 0.0)  # any child counts as stuck at once
    written = store.keep(live.position, live.G, {})
    assert written is not None and written() is False
    assert not store.kept.path.exists() and not list(store.kept.path.parent.glob("*.tmp"))
