"""What only the embedded SQLite store does: files, locks, the URL."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from conftest import person, small_world

from graphkit.edits.fields import add_field
from graphkit.errors import GraphkitError, StoreUnavailable
from graphkit.store import open_store
from graphkit.store.sqlite import SqliteStore


def test_another_writer_holding_the_file_is_a_clear_error_and_nothing_is_lost(tmp_path):
    path = tmp_path / "g.db"
    other = sqlite3.connect(path, isolation_level=None)
    with SqliteStore(path, busy_timeout=0.1) as store:
        other.execute("BEGIN IMMEDIATE")  # another program is writing
        with pytest.raises(StoreUnavailable, match=f"sqlite:///{path}: database is locked"):
            store.upsert(*small_world())
        other.execute("ROLLBACK")
        store.upsert(*small_world())
        assert store.counts()["nodes"]["Person"] == 4
    other.close()


def test_the_file_is_in_wal_mode(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'g.db'}") as store:
        assert store._query("PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize("url", ["sqlite:///rel.db", "rel.db"])
def test_relative_urls_and_bare_paths_open_in_the_working_folder(tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    with open_store(url) as store:
        store.upsert(*small_world())
    assert (tmp_path / "rel.db").exists()


def test_default_store_is_graphkit_db_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GRAPHKIT_STORE", raising=False)
    with open_store() as store:
        assert store.url == "sqlite:///graphkit.db"
    assert (tmp_path / "graphkit.db").exists()


def test_a_batch_longer_than_one_parameter_may_hold_goes_in_parts_and_whole(tmp_path, monkeypatch):
    import graphkit.store.sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "_MOST_TEXT", 2_000)  # a few rows' JSON each
    people = [person(f"p{i}", f"Person {i}", notes="é" * 300) for i in range(40)]
    with SqliteStore(tmp_path / "g.db") as store:
        store.upsert(people)
        assert store.get_nodes([p.id for p in people]) == {p.id: p for p in people}


@pytest.mark.parametrize("how", ["ABORT", "ROLLBACK"])  # ROLLBACK: as SQLite ends it itself on a full disk
def test_a_write_that_fails_on_the_writer_thread_fails_the_whole_change(tmp_path, how):
    """Writes run on a thread of their own; SQLite's refusal there is the caller's error, and
    nothing of the change stays: not the batches already written, nor those handed over after it."""
    with SqliteStore(tmp_path / "g.db") as store:
        store.upsert([person("p-first", "First")])  # not empty: every record gets a history entry
        store._query(
            "CREATE TRIGGER refuse BEFORE INSERT ON nodes WHEN NEW.id = 'p-40' "
            f"BEGIN SELECT RAISE({how}, 'refused by the disk'); END"
        )
        store.batch_size = 10  # the refused batch comes after others were written, with more behind it
        with pytest.raises(sqlite3.IntegrityError, match="refused by the disk"):
            store.upsert([person(f"p-{i}", f"Person {i}") for i in range(100)])
        assert store._query("SELECT count(*) FROM nodes") == [(1,)]
        assert store._query("SELECT count(*) FROM changes") == [(1,)]
        store.upsert([person("p-after", "After")])  # and the store takes the next write
        assert store._query("SELECT count(*) FROM nodes") == [(2,)]


def test_a_second_ctrl_c_while_the_writer_finishes_still_rolls_the_change_back(tmp_path, monkeypatch):
    said = []
    shutdown = ThreadPoolExecutor.shutdown

    def interrupted_once(self, wait=True, *, cancel_futures=False):
        if not said:
            said.append("second Ctrl-C")
            raise KeyboardInterrupt  # while the writer may still be writing
        return shutdown(self, wait, cancel_futures=cancel_futures)

    done = []

    def first_ctrl_c(n):
        done.append(n)
        if sum(done) >= 30:  # three batches in
            raise KeyboardInterrupt

    with SqliteStore(tmp_path / "g.db") as store:
        store.upsert([person("p-first", "First")])
        store.batch_size = 10
        monkeypatch.setattr(ThreadPoolExecutor, "shutdown", interrupted_once)
        with pytest.raises(KeyboardInterrupt):
            store.upsert([person(f"p-{i}", f"Person {i}") for i in range(100)], progress=first_ctrl_c)
        assert said
        assert not any(t.name.startswith("graphkit-sqlite-writer") for t in threading.enumerate())
        assert store._query("SELECT count(*) FROM nodes") == [(1,)]
        store.upsert([person("p-after", "After")])
        assert store._query("SELECT count(*) FROM nodes") == [(2,)]


def test_a_record_generator_that_reads_the_store_sees_the_batches_before(tmp_path):
    with SqliteStore(tmp_path / "g.db") as store:
        store.batch_size = 10
        missed = []

        def people():
            for i in range(100):
                if i >= 10 and i % 10 == 1 and store.get_node(f"p-{i - 2}") is None:
                    missed.append(i - 2)  # written by an earlier batch of this same write
                yield person(f"p-{i}", f"Person {i}")

        store.upsert(people())
        assert missed == []


def test_a_writers_name_with_a_nul_character_is_refused_not_cut_short(tmp_path):
    with SqliteStore(tmp_path / "g.db") as store:
        with pytest.raises(GraphkitError, match="NUL"):
            store.upsert([person("p-1", "One")], by="ana\x00evil")
        assert store.feed_position() == 0


def test_numbers_past_64_bits_are_kept_exactly(tmp_path):
    with SqliteStore(tmp_path / "g.db") as store:
        store.apply(add_field(store, "Person", "budget", "number", (), False), by="admin")
        big = person("p-big", "Big Budget", budget=2**70)
        store.upsert([big])
        assert store.get_node("p-big").props["budget"] == 2**70


def test_of_two_versions_of_a_relationship_in_one_write_the_later_is_kept(tmp_path):
    nodes, rels = small_world()
    knows = next(r for r in rels if r.type == "KNOWS")
    versions = [replace(knows, props={"strength": s}) for s in (1, 5, 2)]
    with SqliteStore(tmp_path / "g.db") as store:
        store.upsert(nodes, [*rels, *versions])
        assert store.get_relationships([knows.key]) == {knows.key: {"strength": 2}}
