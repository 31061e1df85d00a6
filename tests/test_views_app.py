"""The "Saved views" control, run headless with AppTest on a small world: saved on one page, listed
on every other, hidden from viewers when it names a private person, and out of Home's counts."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from conftest import open_app, sign_in
from streamlit.testing.v1 import AppTest

from graphkit.edits import save_view, saved_views
from graphkit.model import Node
from graphkit.store import open_store

EXPLORE, PATHS = "graphkit/app/explore.py", "graphkit/app/paths.py"


def links(at: AppTest) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """The saved views the page lists: name -> (the page it opens, with which query)."""
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


def picture(at: AppTest) -> list[str]:
    """The ids of the nodes Explore's picture draws."""
    (component,) = at.get("component_instance")
    return sorted(n["id"] for n in json.loads(component.proto.json_args)["nodes"])


def test_a_view_saved_on_explore_is_listed_on_paths_and_opens_explore_as_it_was(world_url, monkeypatch):
    at = open_app(world_url, monkeypatch, EXPLORE)
    drawn = picture(at)
    save_as(at, "The whole network")
    assert picture(at) == drawn  # the saved view is not drawn
    at.query_params["focus"] = "person-lucas"  # as a link from another page opens it
    at.run()
    save_as(at, "Lucas and friends")
    with open_store(world_url) as s:
        view, _ = saved_views(s)
        assert (view.props["page"], view.props["shows"]) == ("explore", "person-lucas")
        assert s.history(view.id)[0].user  # who saved it
    at.switch_page(PATHS).run()
    assert not at.exception
    assert links(at)["Lucas and friends"] == ("explore", {"focus": ["person-lucas"]})


def test_a_taken_name_is_asked_about_before_it_is_replaced(world_url, monkeypatch):
    at = open_app(world_url, monkeypatch, EXPLORE)
    save_as(at, "Everyone")
    at.query_params["focus"] = "person-amara"
    at.run()
    save_as(at, "everyone")
    assert "A view named Everyone exists already" in at.sidebar.warning[0].value
    with open_store(world_url) as s:
        assert "focus" not in saved_views(s)[0].props["query"]  # not overwritten unasked
    (replace,) = [b for b in at.sidebar.button if b.label == "Replace it"]
    replace.click().run()
    with open_store(world_url) as s:
        (view,) = saved_views(s)
        assert view.props["shows"] == "person-amara"
    # Writers rename views: to a free name, not to a taken one.
    save_as(at, "Lucas")
    (new_name,) = [t for t in at.sidebar.text_input if t.label == "New name"]
    new_name.input("Amara's circle")
    (rename,) = [b for b in at.sidebar.button if b.label == "Rename"]
    rename.click().run()
    assert not at.exception
    assert {"Amara's circle", "Lucas"} == set(links(at))
    with open_store(world_url) as s:
        renamed = next(v for v in saved_views(s) if v.name == "Amara's circle")
        assert renamed.props["shows"] == "person-amara"
    at.sidebar.selectbox(key="views_manage_which").set_value(renamed.id).run()
    next(t for t in at.sidebar.text_input if t.label == "New name").input("lucas")
    next(b for b in at.sidebar.button if b.label == "Rename").click().run()
    assert "exists already" in at.sidebar.error[0].value
    assert {"Amara's circle", "Lucas"} == set(links(at))
    at.sidebar.selectbox(key="views_manage_which").set_value(renamed.id).run()
    (delete,) = [b for b in at.sidebar.button if b.label == "Delete it"]  # writers delete views
    delete.click().run()
    next(b for b in at.sidebar.button if b.label == "Delete it").click().run()
    with open_store(world_url) as s:
        assert saved_views(s) == []
    assert not links(at)


def test_viewers_see_only_views_naming_no_private_node_and_home_counts_no_views(
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
        s.apply(save_view("Zelda route", "paths", "paths_target=Zelda", ["person-zq"]))
        s.apply(save_view("Lucas route", "paths", "paths_target=Lucas", ["person-lucas"]))
    monkeypatch.setenv("GRAPHKIT_USERS", str(users_file))
    at = sign_in(open_app(world_url, monkeypatch), "vera", "vera-reads-1")
    home_counts = "\n".join(str(t.value) for t in at.table)
    assert "View" not in home_counts and "view" not in home_counts
    assert at.metric[0].value == f"{sum(before.values()):,}"  # the private person is a viewer's no more
    at.switch_page(PATHS).run()
    assert list(links(at)) == ["Lucas route"]
    assert not [t for t in at.sidebar.text_input if t.label == "Save this view as"]  # viewers save nothing
