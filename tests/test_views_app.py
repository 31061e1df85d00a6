"""The "Saved views" control, run headless with AppTest on a small world: saved on one page with its
records by id, listed on every other as a link holding only the view's id, opened by setting the
page's widgets, hidden from viewers when it names a private person, named as written, and when it
cannot be opened, skipped with a notice instead of stopping the page."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from conftest import open_app, sign_in
from streamlit.testing.v1 import AppTest
from test_views import plant

from graphkit.app.views import plain
from graphkit.edits import save_view, saved_views
from graphkit.model import Node
from graphkit.model.views import VIEW_PARAMS, parse_params
from graphkit.store import open_store

EXPLORE, PATHS = "graphkit/app/explore.py", "graphkit/app/paths.py"
FILES = {
    "paths": PATHS,
    "explore": EXPLORE,
    "coverage": "graphkit/app/coverage.py",
    "influence": "graphkit/app/influence.py",
    "events": "graphkit/app/events.py",
    "going-cold": "graphkit/app/interactions.py",
}
BOUND = ("selectbox", "multiselect", "radio", "slider", "select_slider", "checkbox", "number_input")
#: Every parameter of every page, set to a record of the small world or a value of its kind.
EVERY = {
    "paths": {
        "paths_mode": "chosen people or organisations",
        "paths_sources": ["person-amara", "org-kla"],
        "paths_target": "person-ines",
        "paths_k": 3,
        "paths_max_hops": 4,
        "paths_avoid": ["person-zoe"],
        "paths_shown": 0,
    },
    "explore": {
        "explore_colour": "circle (community)",
        "explore_show": ["Person", "Organization"],
        "explore_groups": ["library", "government"],
        "explore_regions": ["region-african"],
        "explore_countries": ["country-ke"],
        "explore_areas": ["pa-access"],
        "explore_events": ["event-igf-2013"],
        "explore_max_nodes": 100,
        "focus": "person-lucas",
        "explore_depth": 2,
        "node": "person-ines",
        "path_from": "person-amara",
        "expand": ["org-kla"],
        "dismiss": ["person-zoe"],
        "pins": ["person-lucas@40,-25"],
    },
    "coverage": {
        "coverage_rows": "igf_theme",
        "coverage_columns": "region",
        "coverage_region": "region-african",
        "coverage_country": "country-ke",
        "coverage_via_related": True,
        "coverage_coalition": "init-dc-pal",
        "coverage_hops": 2,
        "coverage_weak": 2,
        "coverage_row": "pa-access",
        "coverage_column": "region-african",
    },
    "influence": {
        "influence_brokers_from": "one stakeholder",
        "influence_broker_source": "person-amara",
        "influence_sort": "Betweenness",
        "influence_areas": ["pa-access"],
    },
    "events": {"events_event": "event-igf-2013", "events_coalition": "init-dc-pal", "events_max_hops": 3},
    "going-cold": {"cold_after": 30, "cold_strength": 2},
}


def links(at: AppTest) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """The saved views the page lists: label -> (the page it opens, with which query)."""
    return {
        p.proto.label: (p.proto.page, parse_qs(p.proto.query_string))
        for p in at.get("page_link")
        if p.proto.help.endswith("as it was saved")
    }


def save_as(at: AppTest, name: str) -> AppTest:
    (box,) = [t for t in at.sidebar.text_input if t.label == "Save this view as"]
    box.input(name)
    (button,) = [b for b in at.sidebar.button if b.label == "Save"]
    button.click().run()
    assert not at.exception
    return at


def follow(at: AppTest, label: str) -> AppTest:
    """Open the saved view ``label`` as its link does: its page, with only ``?view=<id>``."""
    page, query = links(at)[label]
    at.query_params.clear()
    at.query_params.update({k: v[0] for k, v in query.items()})
    at.switch_page(FILES[page]).run()
    assert not at.exception
    return at


def picture(at: AppTest) -> list[str]:
    """The ids of the nodes Explore's picture draws."""
    (component,) = at.get("component_instance")
    return sorted(n["id"] for n in json.loads(component.proto.json_args)["nodes"])


def bound(at: AppTest) -> dict[str, object]:
    """The page's widgets bound to its address, by key: their values."""
    return {w.key: w.value for kind in BOUND for w in at.get(kind) if w.proto.query_param_key}


def test_a_view_saved_on_explore_holds_ids_is_listed_on_paths_and_opens_explore_as_it_was(
    world_url, monkeypatch
):
    at = open_app(world_url, monkeypatch, EXPLORE)
    drawn = picture(at)
    save_as(at, "The whole network")
    assert picture(at) == drawn  # the saved view is not drawn
    at.query_params["focus"] = "person-lucas"  # as a link from another page opens it
    at.run()
    at.multiselect(key="explore_areas").set_value(["pa-access"]).run()
    save_as(at, "Lucas and friends")
    focused = picture(at)
    with open_store(world_url) as s:
        view, _ = saved_views(s)
        params = parse_params("explore", view.props["params"])
        assert (params["explore_areas"], params["focus"]) == (["pa-access"], "person-lucas")
        assert "Access" not in view.props["params"] and "Lucas" not in view.props["params"]
        assert s.history(view.id)[0].user  # who saved it
    at.switch_page(PATHS).run()
    assert not at.exception
    assert links(at)["Lucas and friends"] == ("explore", {"view": ["view-lucas-and-friends"]})
    follow(at, "Lucas and friends")
    assert picture(at) == focused and at.multiselect(key="explore_areas").value == ["pa-access"]
    assert at.query_params["view"] == "view-lucas-and-friends"  # a reload opens it again
    at.multiselect(key="explore_areas").set_value([]).run()
    assert not at.multiselect(key="explore_areas").value  # taken once: then the widgets are the user's
    follow(at, "The whole network")
    assert picture(at) == drawn and not at.multiselect(key="explore_areas").value


@pytest.mark.parametrize("page", list(VIEW_PARAMS))
def test_every_page_opens_a_view_of_all_its_parameters_and_binds_no_other(world_url, monkeypatch, page):
    """A view setting every parameter of the page opens it in that state (ids, not names, held), and
    every widget the page binds to its address is on the allow-list, so a view can hold it."""
    with open_store(world_url) as s:
        s.apply(save_view("All of it", page, EVERY[page]))
    at = open_app(world_url, monkeypatch, FILES[page])
    widgets = bound(at)
    assert set(widgets) <= set(VIEW_PARAMS[page]), set(widgets) - set(VIEW_PARAMS[page])
    follow(at, "All of it")
    widgets = bound(at)
    assert set(widgets) <= set(VIEW_PARAMS[page])
    wanted = {k: v for k, v in EVERY[page].items() if not VIEW_PARAMS[page][k].address}
    assert {k: widgets[k] for k in wanted if k in widgets} == {
        k: v for k, v in wanted.items() if k in widgets
    }
    assert len(set(wanted) & set(widgets)) >= len(wanted) // 2  # most are drawn in that state
    assert not at.sidebar.warning


def test_a_taken_name_is_asked_about_before_it_is_replaced(world_url, monkeypatch):
    at = open_app(world_url, monkeypatch, EXPLORE)
    save_as(at, "Everyone")
    at.query_params["focus"] = "person-amara"
    at.run()
    save_as(at, "everyone")
    assert "A view named Everyone exists already" in at.sidebar.warning[0].value
    with open_store(world_url) as s:
        assert "focus" not in saved_views(s)[0].props.get("params", "")  # not overwritten unasked
    (replace,) = [b for b in at.sidebar.button if b.label == "Replace it"]
    replace.click().run()
    with open_store(world_url) as s:
        (view,) = saved_views(s)
        assert parse_params("explore", view.props["params"])["focus"] == "person-amara"
    # Writers rename views: to a free name, not to a taken one.
    save_as(at, "Lucas")
    (new_name,) = [t for t in at.sidebar.text_input if t.label == "New name"]
    new_name.input("Amara's circle")
    (rename,) = [b for b in at.sidebar.button if b.label == "Rename"]
    rename.click().run()
    assert not at.exception
    assert {plain("Amara's circle"), "Lucas"} == set(links(at))
    with open_store(world_url) as s:
        renamed = next(v for v in saved_views(s) if v.name == "Amara's circle")
        assert renamed.props == view.props
    at.sidebar.selectbox(key="views_manage_which").set_value(renamed.id).run()
    next(t for t in at.sidebar.text_input if t.label == "New name").input("lucas")
    next(b for b in at.sidebar.button if b.label == "Rename").click().run()
    assert "exists already" in at.sidebar.error[0].value
    assert {plain("Amara's circle"), "Lucas"} == set(links(at))
    at.sidebar.selectbox(key="views_manage_which").set_value(renamed.id).run()
    (delete,) = [b for b in at.sidebar.button if b.label == "Delete it"]  # writers delete views
    delete.click().run()
    next(b for b in at.sidebar.button if b.label == "Delete it").click().run()
    with open_store(world_url) as s:
        assert saved_views(s) == []
    assert not links(at)


def test_a_views_name_is_shown_as_written_never_as_markdown(world_url, monkeypatch):
    at = open_app(world_url, monkeypatch, PATHS)
    save_as(at, "![t](http://host/x.png) **bold** :red[x] www.example.org")
    (label,) = links(at)
    assert label == plain("![t](http://host/x.png) **bold** :red[x] www.example.org")
    assert "\\!\\[t\\]\\(http\\:\\/\\/host" in label  # every mark escaped: no image, link or colour


def test_a_broken_view_never_stops_a_page_and_says_so_for_an_editor_to_delete(world_url, monkeypatch):
    """The issue's case: an imported View holding ``embed=true`` stopped six pages. Now it, and a view
    in the older form, are listed as not openable, and opening one says why; the page draws."""
    with open_store(world_url) as s:
        s.apply(save_view("Embedded", "paths", {}))
        s.apply(save_view("Old", "events", {}))
        s.apply(save_view("Fine", "going-cold", {"cold_strength": 2}))
        plant(s, "view-embedded", {"page": "paths", "params": "embed=true"})
        plant(s, "view-old", {"page": "events", "query": "events_shown=Meeting+3%3A+Amara+Diallo"})
    at = open_app(world_url, monkeypatch)
    for file in FILES.values():
        at.switch_page(file).run()
        assert not at.exception, file
        notices = " ".join(c.value for c in at.sidebar.caption)
        assert "Embedded cannot be opened: " + plain("'embed' is Streamlit's own parameter") in notices
        assert "Old cannot be opened: " + plain("the older form of a saved view") in notices
        assert list(links(at)) == ["Fine"]
    at.query_params.update({"view": "view-embedded"})
    at.switch_page(PATHS).run()
    assert not at.exception and at.get("selectbox")  # the page is drawn
    (notice,) = at.sidebar.warning
    assert "The saved view Embedded cannot be opened: " + plain("'embed'") in notice.value
    assert "An editor can delete it under Saved views." in notice.value
    at.sidebar.selectbox(key="views_manage_which").set_value("view-embedded").run()
    next(b for b in at.sidebar.button if b.label == "Delete it").click().run()
    with open_store(world_url) as s:
        assert [v.name for v in saved_views(s)] == ["Fine", "Old"]


def test_viewers_see_and_open_only_views_naming_no_private_node_and_home_counts_no_views(
    world_url, users_file, monkeypatch
):
    with open_store(world_url) as s:
        before = s.counts()["nodes"]
        s.upsert(
            [
                Node(
                    "person-zq",
                    "Person",
                    "Zelda Quorra",
                    {"stakeholder_group": "government", "sensitivity": "private"},
                )
            ]
        )
        s.apply(save_view("Zelda route", "paths", {"paths_target": "person-zq"}))
        s.apply(save_view("Lucas route", "paths", {"paths_target": "person-lucas"}))
    monkeypatch.setenv("GRAPHKIT_USERS", str(users_file))
    at = sign_in(open_app(world_url, monkeypatch), "vera", "vera-reads-1")
    home_counts = "\n".join(str(t.value) for t in at.table)
    assert "View" not in home_counts and "view" not in home_counts
    assert at.metric[0].value == f"{sum(before.values()):,}"  # the private person is a viewer's no more
    at.switch_page(PATHS).run()
    assert list(links(at)) == ["Lucas route"]
    assert not [t for t in at.sidebar.text_input if t.label == "Save this view as"]  # viewers save nothing
    follow(at, "Lucas route")
    assert at.selectbox(key="paths_target").value == "person-lucas"
    at.query_params.update({"view": "view-zelda-route"})  # a link passed on: not a viewer's to open
    at.switch_page(PATHS).run()
    assert "not here" in at.sidebar.warning[0].value
    assert at.selectbox(key="paths_target").value == "person-lucas"  # the page as it was
    assert parse_params("paths", "paths_target=person-zq")  # the view itself is fine: only hidden
