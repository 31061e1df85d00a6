"""What only the embedded SQLite store does: files, locks, the URL."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import small_world

from graphkit.errors import StoreUnavailable
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
