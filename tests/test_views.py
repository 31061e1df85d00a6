"""Saved views: records like any other (history, conflicts, both stores) that hold their page's
parameters with records by id, checked against an allow-list on save and on import; private when
they name a private node (derived from those ids, whatever the view says of itself), gone with an
erased person, listed and deleted on the command line, and never part of the graph pages read."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import every_byte, person, small_world
from test_privacy import shared_exports

from graphkit.cli import main
from graphkit.edits import delete_view, erase_person, rename_view, save_view, saved_views, view_id
from graphkit.edits.views import views_showing
from graphkit.errors import ConflictError, GraphkitError, ValidationError
from graphkit.graph.filters import shareable
from graphkit.graph.live import LiveGraph
from graphkit.io import open_source
from graphkit.io.importer import import_sources
from graphkit.model import Node
from graphkit.model.privacy import change_is_private, record_is_private
from graphkit.model.views import VIEW_PARAMS, params_text, parse_params, view_shows

ROUTE = {"paths_target": "person-zq", "paths_coalition": "init-dc-pal", "paths_k": 5}


def test_saving_a_view_is_one_node_of_ids_whose_name_must_be_free():
    cs = save_view(" Route to the minister ", "paths", {**ROUTE, "paths_avoid": ["org-kla", "person-zoe"]})
    (view,) = cs.nodes
    assert view == Node(
        "view-route-to-the-minister",
        "View",
        "Route to the minister",
        {
            "page": "paths",
            "params": "paths_coalition=init-dc-pal&paths_target=person-zq&paths_k=5"
            "&paths_avoid=org-kla&paths_avoid=person-zoe",
        },
    )
    assert cs.expected == {"view-route-to-the-minister": None}  # free, as far as the saver knows
    assert parse_params("paths", view.props["params"]) == {**ROUTE, "paths_avoid": ["org-kla", "person-zoe"]}
    with pytest.raises(GraphkitError, match="needs a name"):
        save_view("  ", "paths", ROUTE)


@pytest.mark.parametrize(
    ("page", "params", "says"),
    [
        ("paths", {"embed": "true"}, "'embed' is Streamlit's own parameter"),
        ("paths", {"EMBED_options": "x"}, "'EMBED_options' is Streamlit's own parameter"),
        ("paths", {"focus": "person-ana"}, "unknown parameter 'focus' for page paths; allowed: paths_mode,"),
        (
            "paths",
            {"paths_target": "Zelda Quorra (Kenya)"},
            "'paths_target': expected an id such as person-ana",
        ),
        ("paths", {"paths_k": 11}, "'paths_k': expected a whole number from 1 to 10, got '11'"),
        ("explore", {"explore_groups": ["library", "pirates"]}, "expected one of government,"),
        ("nowhere", {}, "unknown page 'nowhere'"),
    ],
)
def test_a_parameter_off_the_pages_allow_list_is_refused_with_a_clear_message(page, params, says):
    with pytest.raises(GraphkitError) as e:
        save_view("Bad", page, params)
    assert says in str(e.value)


def test_every_pages_parameters_are_typed_and_read_back_as_saved():
    """Each parameter of each page, saved with a value of its kind, is read back the same."""

    def sample(p):
        if p.pattern and not p.choices:  # a declared field's name, or its values
            return "languages" if p.kind == "choice" else ["en", "Met at WLIC 2025"]
        if p.kind in ("choice", "choices"):
            return p.choices[-1] if p.kind == "choice" else list(p.choices[:2])
        return {
            "id": "person-ana",
            "ids": ["org-a", "org-b"],
            "int": p.high,
            "bool": True,
            "pins": ["org-a@12,-340", "event-x.1@0,0"],
        }[p.kind]

    for page, spec in VIEW_PARAMS.items():
        every = {key: sample(p) for key, p in spec.items()}
        (view,) = save_view("All", page, every).nodes
        assert parse_params(page, view.props["params"]) == every


def test_a_view_is_saved_renamed_and_deleted_with_its_history_and_never_overwritten_unasked(world_store):
    store = world_store
    store.apply(save_view("Lucas route", "paths", {"paths_target": "person-lucas"}), by="ana")
    read = store.get_node(view_id("Lucas route"))
    assert read.props["params"] == "paths_target=person-lucas"
    assert [c.user for c in store.history(read.id)] == ["ana"]  # who saved it is the history's writer

    with pytest.raises(ConflictError, match="view-lucas-route was changed by ana"):
        store.apply(save_view("Lucas  ROUTE", "explore", {"focus": "person-lucas"}), by="bo")
    assert store.get_node(read.id) == read  # nothing overwritten
    store.apply(save_view("Lucas route", "explore", {"focus": "person-lucas"}, read), by="bo")
    read = store.get_node(read.id)
    assert read.props["page"] == "explore"

    store.apply(save_view("Amara", "explore", {"focus": "person-amara"}), by="ana")
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
    store.apply(save_view("Zelda route", "paths", ROUTE), by="ana")
    store.apply(save_view("Lucas route", "paths", {"paths_target": "person-lucas"}), by="ana")


def _shared_text(store, tmp_path) -> str:
    """Every shared export (the command line's too) and the history a viewer reads, as one text."""
    texts = shared_exports(store, tmp_path)
    cli = CliRunner().invoke(
        main, ["export", "--format", "json", str(tmp_path / "cli.json"), "--shared", "--store", store.url]
    )
    assert cli.exit_code == 0, cli.output
    texts.append((tmp_path / "cli.json").read_text(encoding="utf-8"))
    S = shareable(store.export())
    history = [
        c.to_row() for c in store.history(limit=1000) if not change_is_private(c, lambda n: n not in S)
    ]
    return "\n".join([*texts, json.dumps(history)])


def test_a_view_naming_a_private_person_is_kept_from_viewers_and_shared_exports(store, tmp_path):
    _hidden_world(store)
    S = shareable(store.export())
    assert "view-lucas-route" in S and "view-zelda-route" not in S
    shared = _shared_text(store, tmp_path)
    assert "Lucas route" in shared  # a shareable view is shared: the check can see views
    assert "zelda" not in shared.casefold() and "person-zq" not in shared  # nor its history's text


def _import_views(store, tmp_path, rows: str) -> None:
    path = tmp_path / "imported" / "nodes" / "View.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("id,name,page,params\n" + rows, encoding="utf-8")
    import_sources(store, [open_source(path.parent.parent, store)])


def test_an_imported_view_is_private_by_the_ids_it_names_and_refused_off_the_allow_list(store, tmp_path):
    _hidden_world(store)
    _import_views(store, tmp_path, "view-imported,Imported,explore,focus=person-zq\n")
    imported = store.get_node("view-imported")
    assert record_is_private(imported.props, lambda n: n == "person-zq")  # no `shows` to trust or forget
    assert "view-imported" not in shareable(store.export())
    assert "person-zq" not in _shared_text(store, tmp_path)
    for params, says in [
        ("embed=true", "'embed' is Streamlit's own parameter"),
        ("focus=Zelda+Quorra", "expected an id such as person-ana"),
        ("paths_target=person-zq", "unknown parameter 'paths_target' for page explore"),
    ]:
        with pytest.raises(ValidationError) as e:
            _import_views(store, tmp_path, f"view-bad,Bad,explore,{params}\n")
        assert "View.csv" in str(e.value) and "row 2" in str(e.value) and says in str(e.value)
    older = tmp_path / "older" / "nodes" / "View.csv"
    older.parent.mkdir(parents=True)
    older.write_text("id,name,page,query,shows\nview-old,Old,paths,paths_target=Zelda+Quorra,\n")
    with pytest.raises(ValidationError, match="query: unknown column; allowed: id, name, page, params"):
        import_sources(store, [open_source(older.parent.parent, store)])
    old = Node("view-old", "View", "Old", {"page": "paths", "query": "paths_target=Zelda+Quorra"})
    store.apply(save_view("Old", "paths", {}), by="ana")
    with pytest.raises(ValidationError, match="older form of a saved view"):  # an undo, a script
        store.upsert([old])
    assert store.get_node("view-bad") is None and store.get_node("view-old").props == {"page": "paths"}


def plant(store, view_id: str, props: dict) -> None:
    """Give a stored view ``props`` below the store's checks, as a store written before them holds it
    (the older form) or as a write by hand could (Streamlit's own parameter)."""
    if store.url.startswith("sqlite"):
        with sqlite3.connect(store.path) as db:
            db.execute("UPDATE nodes SET props = ? WHERE id = ?", (json.dumps(props), view_id))
        return
    import neo4j

    auth = ("neo4j", os.environ.get("NEO4J_PASSWORD", "graphkit-dev"))
    row = {**props, "id": view_id, "name": store.get_node(view_id).name}
    with neo4j.GraphDatabase.driver(store.url, auth=auth) as driver:
        driver.execute_query("MATCH (v:View {id: $id}) SET v = $row", id=view_id, row=row)


def test_a_view_in_the_older_form_or_off_the_allow_list_is_private_and_erased_with_whom_it_names(
    store, tmp_path
):
    """Views stored before views held ids (their page's address, names as text) are refused: never
    opened (``graphkit.app.views``), never shared, and deleted when whom they name is erased."""
    _hidden_world(store)
    store.apply(save_view("Old", "paths", {}), by="ana")
    store.apply(save_view("Embedded", "paths", {}), by="ana")
    plant(
        store, "view-old", {"page": "events", "query": "events_shown=Meeting+3%3A+Zelda+Quorra", "shows": ""}
    )
    plant(store, "view-embedded", {"page": "paths", "params": "embed=true"})
    S = shareable(store.export())
    assert "view-old" not in S and "view-embedded" not in S  # what they show cannot be read: private
    assert [v.id for v in views_showing(store, "person-zq")] == ["view-old", "view-zelda-route"]
    store.apply(erase_person(store, "person-zq"), by="ana")
    assert [v.name for v in saved_views(store)] == ["Embedded", "Lucas route"]


def test_erasing_a_person_deletes_the_views_naming_them_and_leaves_no_trace(store):
    _hidden_world(store)
    store.apply(erase_person(store, "person-zq"), by="ana")
    assert [v.name for v in saved_views(store)] == ["Lucas route"]
    held = every_byte(store).casefold()
    assert "zelda" not in held and "person-zq" not in held and "quorra" not in held


def test_views_are_listed_and_deleted_on_the_command_line(store):
    _hidden_world(store)
    store.apply(save_view("Embedded", "paths", {}), by="ana")
    plant(store, "view-embedded", {"page": "paths", "params": "embed=true"})
    run = CliRunner().invoke(main, ["views", "list", "--store", store.url])
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    assert lines[0].split() == ["id", "page", "parameters", "name"]
    assert any("view-lucas-route" in line and "paths_target=person-lucas" in line for line in lines)
    assert any("view-zelda-route" in line and "[private]" in line for line in lines)
    assert any("view-embedded" in line and "cannot be opened: 'embed'" in line for line in lines)
    run = CliRunner().invoke(main, ["views", "delete", "Embedded", "--store", store.url, "--user", "ana"])
    assert run.exit_code == 0, run.output
    assert "Deleted the view Embedded (view-embedded)" in run.output
    assert [v.name for v in saved_views(store)] == ["Lucas route", "Zelda route"]
    assert store.history("view-embedded")[0].action == "delete"
    run = CliRunner().invoke(main, ["views", "delete", "view-embedded", "--store", store.url])
    assert run.exit_code != 0 and "No saved view named view-embedded" in run.output


def test_views_are_not_part_of_the_graph_pages_and_analyses_read(store):
    store.upsert(*small_world())
    live = LiveGraph(store)
    before = (sorted(live.G.nodes(data="label")), live.shape)
    store.apply(save_view("Lucas route", "paths", {"paths_target": "person-lucas"}))
    live.refresh()
    assert (sorted(live.G.nodes(data="label")), live.shape) == before  # saving a view reshapes nothing
    assert "view-lucas-route" not in live.shared
    assert not [n for n, label in LiveGraph(store).G.nodes(data="label") if label == "View"]  # a reread


def test_a_view_naming_a_private_record_only_by_where_it_was_dragged_is_private():
    """Explore's pins name records (``person-ana@10,20``): privacy and erasure see them."""
    props = {"page": "explore", "params": params_text("explore", {"pins": ["person-ana@10,-20"]})}
    assert view_shows(props) == ["person-ana"]
    assert record_is_private(props, lambda n: n == "person-ana")
    assert not record_is_private(props, lambda n: False)
    with pytest.raises(GraphkitError, match="expected places such as person-ana@120,-40"):
        save_view("Bad", "explore", {"pins": ["person-ana@left,top"]})
