"""`graphkit backup` and `graphkit restore --backup`, on both stores: a backup restores the store as it
was, readers are told to read it again, and a backup taken before an erasure is refused unless asked."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import small_world, snapshot

from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.model import Node
from graphkit.store import open_store


def cli(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, list(args))
    return done.exit_code, done.output


def retitle(store, title: str) -> None:
    amara = store.get_node("person-amara")
    store.upsert([Node(amara.id, amara.label, amara.name, {**amara.props, "title": title})], by="ben")


def test_a_backup_restores_the_store_as_it_was_and_readers_read_it_again(store, tmp_path):
    store.upsert(*small_world(), by="setup")
    retitle(store, "Director of Advocacy")
    before = snapshot(store)
    history = [(c.user, c.action, c.node) for c in store.history(limit=1000)]
    out = tmp_path / "graphkit.backup"
    taken = store.backup(out)
    assert taken == store.feed_position()
    with pytest.raises(GraphkitError, match="exists already"):
        store.backup(out)

    retitle(store, "Head of Advocacy")  # after the backup
    store.sign_ins(["x from y"], 0, lambda found: {"x from y": {"expires": 1e12}})
    reader_at = store.feed_position()
    assert store.restore(out, by="ada") == taken

    with open_store(store.url) as again:  # a fresh connection
        assert snapshot(again) == before
        assert again.get_node("person-amara").props["title"] == "Director of Advocacy"
        newest, *older = again.history(limit=1000)
        assert (newest.user, newest.action, newest.after) == ("ada", "load", {"restored": out.name})
        assert [(c.user, c.action, c.node) for c in older] == history
        # A reader that had read the store after the backup rereads it whole, rather than miss the restore.
        assert again.feed_position() > reader_at
        assert again.changes_since(reader_at).changes is None
        assert again.sign_ins(["x from y"], 0) == {}  # failed sign-ins are neither kept nor restored
        retitle(again, "Chair")  # and it goes on writing
        assert again.history("person-amara", limit=1)[0].after["props"]["title"] == "Chair"


def test_a_backup_taken_before_an_erasure_is_refused_unless_asked(store, tmp_path):
    store.upsert(*small_world(), by="setup")
    out = tmp_path / "graphkit.backup"
    store.backup(out)
    code, output = cli("erase", "Lucas Pereira", "--yes", "--store", store.url)
    assert code == 0, output
    erased = snapshot(store)
    assert "person-lucas" not in erased[0]

    code, output = cli("restore", "--backup", str(out), "--yes", "--store", store.url)
    assert code == 1
    assert f"{out} was taken before 1 erasure(s)" in output
    assert "restoring it would bring back what was erased. Nothing was restored." in output
    assert "--allow-before-erasure" in output
    assert snapshot(store) == erased

    code, output = cli(
        "restore", "--backup", str(out), "--yes", "--allow-before-erasure", "--store", store.url
    )
    assert code == 0, output
    assert "Restored" in output
    with open_store(store.url) as again:
        assert again.get_node("person-lucas").name == "Lucas Pereira"


def test_the_commands_say_what_they_did_and_refuse_what_is_not_a_backup(tmp_path, world_url):
    out = tmp_path / "b.db"
    code, output = cli("backup", str(out), "--store", world_url)
    assert code == 0, output
    assert f"to {out}" in output and f"graphkit restore --backup {out}" in output
    code, output = cli("restore", "--store", world_url)
    assert code == 2 and "give a stakeholder's id, or --backup FILE" in output
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup\n")
    code, output = cli("restore", "--backup", str(junk), "--yes", "--store", world_url)
    assert code == 1 and f"{junk}: not a backup of a graphkit SQLite store" in output
    code, output = cli("restore", "--backup", str(out), "--store", world_url, "--yes")
    assert code == 0 and f"from {out}" in output
