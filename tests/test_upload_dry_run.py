"""The Data page's dry run of an upload is kept while the store changes, and run again only when a
change concerns the upload (``graphkit.app.data_files.dry_run``), on both stores."""

from __future__ import annotations

from conftest import small_world

from graphkit.app.data_files import dry_run
from graphkit.edits import delete_stakeholder
from graphkit.errors import GraphkitError
from graphkit.model import Node

#: Amara Diallo (a stored person, as stored) and a new person, in the seed's layout.
SHEET = (
    b"id,name,title,stakeholder_group\n"
    b"person-amara,Amara Diallo,Programme manager,library\n"
    b"person-nia-okafor,Nia Okafor,,library\n"
)


def retitle(store, node_id: str, title: str) -> None:
    node = store.get_node(node_id)
    store.upsert([Node(node.id, node.label, node.name, {**node.props, "title": title})], by="ben")


def test_a_dry_run_is_kept_until_a_change_concerns_the_upload(store):
    store.upsert(*small_world(), by="setup")
    kept, ran = dry_run(store, SHEET, "Person.csv", "upload-1", None)
    assert ran and kept.ids == {"person-amara", "person-nia-okafor"}
    assert kept.result.rows() == [("nodes", "Person", 1, 0, 1)]

    retitle(store, "person-lucas", "Minister")  # a person the file does not name
    again, ran = dry_run(store, SHEET, "Person.csv", "upload-1", kept)
    assert not ran and again.result is kept.result and again.position == store.feed_position()

    retitle(store, "person-amara", "Director of Advocacy")  # one it names: her title would change back
    again, ran = dry_run(store, SHEET, "Person.csv", "upload-1", again)
    assert ran and again.result.rows() == [("nodes", "Person", 1, 1, 0)]

    fresh, ran = dry_run(store, SHEET, "Person.csv", "upload-2", again)  # another upload
    assert ran

    store.apply(delete_stakeholder(store, "person-zoe"), by="ben")  # a node the file does not name
    fresh, ran = dry_run(store, SHEET, "Person.csv", "upload-2", fresh)
    assert not ran
    store.upsert([Node("person-nia", "Person", "Nia Okafor", {"stakeholder_group": "library"})], by="ben")
    _, ran = dry_run(store, SHEET, "Person.csv", "upload-2", fresh)  # a node of a name it holds
    assert ran


def test_a_file_that_cannot_be_imported_is_kept_as_its_error(store):
    store.upsert(*small_world(), by="setup")
    kept, ran = dry_run(store, b"", "Person.csv", "upload-1", None)
    assert (
        ran
        and isinstance(kept.result, GraphkitError)
        and "Person.csv row 1: header: empty file" in str(kept.result)
    )
    retitle(store, "person-lucas", "Minister")
    again, ran = dry_run(store, b"", "Person.csv", "upload-1", kept)
    assert not ran and again.result is kept.result
