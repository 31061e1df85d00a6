"""Saved views: records like any other (history, conflicts, both stores), private when they name a
private node, gone with an erased person, and never part of the graph pages and analyses read."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import every_byte, person, small_world
from test_privacy import shared_exports

from graphkit.cli import main
from graphkit.edits import delete_view, erase_person, rename_view, save_view, saved_views, view_id
from graphkit.errors import ConflictError, GraphkitError
from graphkit.graph.filters import shareable
from graphkit.graph.live import LiveGraph
from graphkit.model import Node
from graphkit.model.privacy import change_is_private

ROUTE = "paths_target=Zelda+Quorra+%28Kenya%29&paths_k=5"


def test_saving_a_view_is_one_node_whose_name_must_be_free():
    cs = save_view(" Route to the minister ", "paths", ROUTE, ["person-zq", "init-dc-pal", "person-zq"])
    (view,) = cs.nodes
    assert view == Node(
        "view-route-to-the-minister",
        "View",
        "Route to the minister",
        {"page": "paths", "query": ROUTE, "shows": "person-zq init-dc-pal"},
    )
    assert cs.expected == {"view-route-to-the-minister": None}  # free, as far as the saver knows
    with pytest.raises(GraphkitError, match="needs a name"):
        save_view("  ", "paths", ROUTE, [])


def test_a_view_is_saved_renamed_and_deleted_with_its_history_and_never_overwritten_unasked(world_store):
    store = world_store
    store.apply(save_view("Lucas route", "paths", "paths_target=Lucas", ["person-lucas"]), by="ana")
    read = store.get_node(view_id("Lucas route"))
    assert read.props["shows"] == "person-lucas"
    assert [c.user for c in store.history(read.id)] == ["ana"]  # who saved it is the history's writer

    with pytest.raises(ConflictError, match="view-lucas-route was changed by ana"):
        store.apply(save_view("Lucas  ROUTE", "explore", "focus=person-lucas", ["person-lucas"]), by="bo")
    assert store.get_node(read.id) == read  # nothing overwritten
    store.apply(save_view("Lucas route", "explore", "focus=person-lucas", ["person-lucas"], read), by="bo")
    read = store.get_node(read.id)
    assert read.props["page"] == "explore"

    store.apply(save_view("Amara", "explore", "focus=person-amara", ["person-amara"]), by="ana")
    amara = store.get_node("view-amara")
    with pytest.raises(ConflictError):  # renaming onto a taken name asks too
        store.apply(rename_view(read, "Amara"), by="bo")
    store.apply(rename_view(read, "To the minister"), by="bo")
    assert store.get_node(read.id) is None
    renamed = store.get_node("view-to-the-minister")
    assert (renamed.name, renamed.props) == ("To the minister", read.props)
    assert [v.name for v in saved_views(store)] == ["Amara", "To the minister"]

    store.apply(delete_view(amara), by="ana")
    assert [v.name for v in saved_views(store)] == ["To the minister"]
    with pytest.raises(ConflictError):  # deleted meanwhile: a second delete is told so
        store.apply(delete_view(amara), by="bo")


def _hidden_world(store):
    nodes, rels = small_world()
    nodes.append(person("person-zq", "Zelda Quorra", "government", sensitivity="private"))
    store.upsert(nodes, rels, by="loader")
    store.apply(save_view("Zelda route", "paths", ROUTE, ["init-dc-pal", "person-zq"]), by="ana")
    store.apply(save_view("Lucas route", "paths", "paths_target=Lucas", ["person-lucas"]), by="ana")


def test_a_view_naming_a_private_person_is_kept_from_viewers_and_shared_exports(store, tmp_path):
    _hidden_world(store)
    S = shareable(store.export())
    assert "view-lucas-route" in S and "view-zelda-route" not in S
    texts = shared_exports(store, tmp_path)
    cli = CliRunner().invoke(
        main, ["export", "--format", "json", str(tmp_path / "cli.json"), "--shared", "--store", store.url]
    )
    assert cli.exit_code == 0, cli.output
    texts.append((tmp_path / "cli.json").read_text(encoding="utf-8"))
    shared = "\n".join(texts)
    assert "Lucas route" in shared  # a shareable view is shared: the check can see views
    assert "Zelda" not in shared and "zelda" not in shared
    seen = json.dumps(
        [c.to_row() for c in store.history(limit=1000) if not change_is_private(c, lambda n: n not in S)]
    )
    assert "Lucas route" in seen
    assert "zelda" not in seen.casefold()  # nor its history's text


def test_erasing_a_person_deletes_the_views_naming_them_and_leaves_no_trace(store):
    _hidden_world(store)
    store.apply(erase_person(store, "person-zq"), by="ana")
    assert [v.name for v in saved_views(store)] == ["Lucas route"]
    held = every_byte(store).casefold()
    assert "zelda" not in held and "person-zq" not in held and "quorra" not in held


def test_views_are_not_part_of_the_graph_pages_and_analyses_read(store):
    store.upsert(*small_world())
    live = LiveGraph(store)
    before = (sorted(live.G.nodes(data="label")), live.shape)
    store.apply(save_view("Lucas route", "paths", "paths_target=Lucas", ["person-lucas"]))
    live.refresh()
    assert (sorted(live.G.nodes(data="label")), live.shape) == before  # saving a view reshapes nothing
    assert "view-lucas-route" not in live.shared
    assert not [n for n, label in LiveGraph(store).G.nodes(data="label") if label == "View"]  # a reread
