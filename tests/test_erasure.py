"""Erasure, as a data protection officer needs it: a name in any spelling gone from the store, its
history and every export; refused whole when it could not finish; and, on SQLite, the write-ahead
log cleared, or the command says which bytes remain and why."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BACKENDS, every_byte, open_backend, person, small_world, spelt_in, typed_mentions

from graphkit.cli import main
from graphkit.edits import edit_record, erase_person, log_interaction
from graphkit.errors import GraphkitError
from graphkit.io import export_formats, export_graph
from graphkit.model import Interaction, Node, Relationship
from graphkit.model.mentions import Mentions
from graphkit.store import open_store

#: A name with a quote, a backslash, a no-break space and a combining accent (NFD).
NAME = 'Wanjiru "Wawa" Ka\\mau\u00a0Jose\u0301'
PID = "person-wk"


def held_forms(text: str) -> list[str]:
    return spelt_in(NAME, text)


def every_export(store, folder: Path) -> str:
    texts = []
    for fmt in (f.name for f in export_formats()):
        for shared in (False, True):
            out = folder / f"export-{shared}.{fmt}"
            export_graph(store, fmt, out, shared=shared)
            files = sorted(out.rglob("*")) if out.is_dir() else [out]
            texts += [f.read_text(encoding="utf-8") for f in files if f.is_file()]
    return "\n".join(texts)


def mentioned_everywhere(store) -> str:
    """A store where NAME stands in an interaction's generated title, a history entry, another
    record's notes in several spellings (and their history), a relationship's context; returns the
    interaction's id."""
    store.upsert(*small_world(), by="loader")
    store.upsert([person(PID, NAME, notes="prefers e-mail")], by="ana")
    logged = log_interaction(store, Interaction("meeting", "2026-11-30", ["person-amara", PID]), by="ana")
    assert logged.name == f"Meeting with Amara Diallo, {NAME}"
    assert store.get_node(logged.id).name == "Meeting"  # stored naming nobody, titled when read:
    assert store.export().nodes[logged.id]["name"] == logged.name
    legacy = Node(
        "ix-2025-01-01-old", "Interaction", f"Call with {NAME}", {"kind": "call", "date": "2025-01-01"}
    )
    store.upsert([legacy], by="an older version")
    for text in typed_mentions(NAME):
        read = store.get_node("person-lucas")
        store.apply(edit_record(read, Node(read.id, read.label, read.name, {**read.props, "notes": text})))
    store.upsert(
        relationships=[
            Relationship(
                "KNOWS", "person-zoe", "person-ines", {"strength": 3, "context": f"via {NAME.upper()}"}
            )
        ]
    )
    read = store.get_node(PID)
    store.apply(edit_record(read, Node(PID, "Person", NAME, {**read.props, "title": "Librarian"})))
    return logged.id


@pytest.mark.parametrize("backend", BACKENDS)
def test_erasure_leaves_no_spelling_of_the_name_in_the_store_its_history_or_any_export(backend, tmp_path):
    store = open_backend(backend, tmp_path)
    try:
        ix = mentioned_everywhere(store)
        assert held_forms(every_byte(store))  # the search can see what it looks for
        lucas_history = len(store.history("person-lucas", limit=1000))
        done = store.apply(erase_person(store, PID), by="dpo")
        assert done.remains is None and done.retold >= len(typed_mentions(NAME))
        history = store.history(limit=100_000)
        texts = {
            "store": every_byte(store),
            "history": "\n".join(c.describe() + json.dumps([c.before, c.after]) for c in history),
            "exports": every_export(store, tmp_path),
        }
        for where, text in texts.items():
            assert not held_forms(text), f"{where} holds {held_forms(text)}"
            assert not Mentions([NAME, PID]).holds(text), where
        # What others wrote around the name stays, and so does their history (rewritten, not removed).
        assert store.get_node("person-lucas").props["notes"] == "fullwidth [erased]"
        assert len(store.history("person-lucas", limit=1000)) == lucas_history
        assert store.export().nodes[ix]["name"] == "Meeting with Amara Diallo"
        assert store.get_node("ix-2025-01-01-old").name == "Call with [erased]"
        assert store.get_node(PID) is None and history[0].describe().endswith("erase a person")
    finally:
        store.close()


def test_a_planted_path_beside_the_store_refuses_the_erasure_before_anything_is_erased(tmp_path):
    url = f"sqlite:///{tmp_path / 'graphkit.db'}"
    with open_store(url) as store:
        mentioned_everywhere(store)
        before = store.get_nodes(["person-lucas", PID]), store.counts(), store.history(limit=10_000)
    for planted in ("graphkit.db.graph", "graphkit.db.graph.123-4.tmp"):
        (tmp_path / planted).mkdir()
        result = CliRunner().invoke(main, ["erase", PID, "--yes", "--store", url])
        assert result.exit_code == 1
        assert (
            f"{tmp_path / planted} is a directory" in result.output and "Nothing was erased" in result.output
        )
        with open_store(url) as store:
            assert store.get_node(PID) is not None
            after = store.get_nodes(["person-lucas", PID]), store.counts(), store.history(limit=10_000)
            assert after == before
            with pytest.raises(GraphkitError, match="Nothing was erased"):
                store.apply(erase_person(store, PID))
        (tmp_path / planted).rmdir()
    (tmp_path / "elsewhere").write_text("someone else's")
    (tmp_path / "graphkit.db.graph").symlink_to(tmp_path / "elsewhere")
    result = CliRunner().invoke(main, ["erase", PID, "--yes", "--store", url])
    assert result.exit_code == 1 and "is a link" in result.output


def hold_a_read(path: Path) -> sqlite3.Connection:
    """Another connection reading the store, in a read transaction left open (as an app's may)."""
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM nodes").fetchone()
    return reader


def test_a_reader_holding_the_wal_makes_erase_say_which_bytes_remain_and_exit_non_zero(tmp_path):
    db = tmp_path / "graphkit.db"
    url = f"sqlite:///{db}"
    with open_store(url) as store:
        mentioned_everywhere(store)
    reader = hold_a_read(db)
    result = CliRunner().invoke(main, ["erase", PID, "--yes", "--wait", "1", "--store", url])
    assert result.exit_code == 1
    assert f"Erased {PID}" in result.output and f"{db}-wal (" in result.output
    assert "another connection" in result.output and "graphkit erase --finish" in result.output
    assert "Waiting up to" in result.output  # the progress line
    # True, not feared: the reader's snapshot keeps the pages as they were in the file, and it says so.
    assert f"{db} still holds its pages as they were before the erasure" in result.output
    assert held_forms(db.read_bytes().decode("utf-8", "replace"))
    reader.execute("COMMIT")
    finished = CliRunner().invoke(main, ["erase", "--finish", "--store", url])
    assert finished.exit_code == 0, finished.output
    with open_store(url) as store:
        assert not held_forms(every_byte(store))
    reader.close()


def test_erase_waits_for_a_reader_to_finish_then_clears_the_wal(tmp_path):
    db = tmp_path / "graphkit.db"
    url = f"sqlite:///{db}"
    with open_store(url) as store:
        mentioned_everywhere(store)
    reader = hold_a_read(db)
    ends = threading.Timer(1.5, lambda: reader.execute("COMMIT"))
    ends.start()
    started = time.monotonic()
    result = CliRunner().invoke(main, ["erase", PID, "--yes", "--wait", "60", "--store", url])
    ends.join()
    assert result.exit_code == 0, result.output
    assert "Waiting up to" in result.output and time.monotonic() - started < 60
    assert (tmp_path / "graphkit.db-wal").stat().st_size == 0
    with open_store(url) as store:
        assert not held_forms(every_byte(store))
    reader.close()


def test_erase_on_the_command_line_needs_a_person_or_finish(tmp_path):
    url = f"sqlite:///{tmp_path / 'graphkit.db'}"
    result = CliRunner().invoke(main, ["erase", "--store", url])
    assert result.exit_code == 2 and "--finish" in result.output
