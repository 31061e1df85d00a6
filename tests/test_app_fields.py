"""A team's own fields in the app (issue 35), run headless with AppTest on a real store: the Data
page's Fields tab declares one, the record form edits declared fields with a control per type, and
Explore filters and colours by a choice or yes/no field kept in the address."""

from __future__ import annotations

from conftest import open_app
from test_app_data import labelled
from test_explore import component_args, drawn

from graphkit.edits.fields import add_field
from graphkit.store import open_store


def declared(url: str, *fields: tuple) -> None:
    with open_store(url) as s:
        for label, name, kind, choices, private in fields:
            s.apply(add_field(s, label, name, kind, choices, private), by="ada")


def on_committees(url: str) -> None:
    """A declared choice field ``committee``: Amara on the steering one, Lucas on the policy one."""
    declared(url, ("Person", "committee", "choice", ["steering", "policy"], False))
    with open_store(url) as s:
        for pid, value in (("person-amara", "steering"), ("person-lucas", "policy")):
            n = s.get_node(pid)
            n.props["committee"] = value
            s.upsert([n])


def test_the_fields_tab_declares_a_field_that_the_store_then_holds(world_url, monkeypatch):
    at = open_app(world_url, monkeypatch, "graphkit/app/data.py", timeout=30)
    at.text_input(key="fields_name").input("languages")
    at.selectbox(key="fields_type").set_value("list")
    at.text_input(key="fields_choices").input("en, fr, pt").run()
    at.button(key="fields_declare").click().run()
    assert not at.exception and not at.error
    with open_store(world_url) as s:
        f = s.schema().field("Person", "languages")
    assert f is not None and f.kind == "list" and f.choices == ("en", "fr", "pt")
    assert any("Declared languages" in m.value for m in at.success)
    assert (
        at.text_input(key="fields_name").value == ""
    )  # the form starts empty: no second declaration by mistake
    # the form refuses a built-in name, saying why, and writes nothing
    at.text_input(key="fields_name").input("email").run()
    at.button(key="fields_declare").click().run()
    assert "built-in field 'email'" in "\n".join(e.value for e in at.error)


def test_the_record_form_edits_declared_fields_with_a_control_per_type(world_url, monkeypatch):
    declared(
        world_url,
        ("Person", "languages", "list", ["en", "fr"], False),
        ("Person", "on_board", "yes_no", [], False),
        ("Person", "dues_paid", "number", [], True),
    )
    at = open_app(world_url, monkeypatch, "graphkit/app/data.py", timeout=30)
    at.text_input(key="data_search").input("Amara").run()
    labelled(at.multiselect, "languages").set_value(["fr"])
    labelled(at.selectbox, "on board").set_value(True)
    labelled(at.number_input, "dues paid").set_value(120)
    labelled(at.button, "Save").click().run()
    assert not at.exception and not at.error
    with open_store(world_url) as s:
        props = s.get_node("person-amara").props
    assert props["languages"] == ["fr"] and props["on_board"] is True and props["dues_paid"] == 120


def test_explore_filters_and_colours_by_a_declared_choice_field_from_its_address(world_url, monkeypatch):
    on_committees(world_url)
    at = open_app(world_url, monkeypatch, "graphkit/app/explore.py", timeout=30)
    at.sidebar.selectbox(key="explore_field").set_value("committee").run()
    at.sidebar.multiselect(key="explore_field_is").set_value(["steering"]).run()
    assert not at.exception
    shown = drawn(at)
    assert "person-amara" in shown and "person-lucas" not in shown
    at.sidebar.radio(key="explore_colour").set_value("field:committee").run()
    legend = [item["what"] for item in component_args(at)["legend"]]
    assert legend[:2] == ["steering", "policy"]
    # the link reopens it: the filter is read from the address
    again = open_app(world_url, monkeypatch)
    again.query_params.update(explore_field="committee", explore_field_is="policy")
    again.switch_page("graphkit/app/explore.py").run()
    assert not again.exception
    assert again.sidebar.multiselect(key="explore_field_is").value == ["policy"]
    shown = drawn(again)
    assert "person-lucas" in shown and "person-amara" not in shown


def test_an_embedded_view_filters_by_a_declared_field_as_explore_does(world_url):
    from graphkit.app import embed
    from graphkit.graph import shareable
    from graphkit.model import Node

    on_committees(world_url)
    with open_store(world_url) as s:
        G = shareable(s.export())
    view = Node(
        "view-steering",
        "View",
        "Steering",
        {"page": "explore", "params": "explore_field=committee&explore_field_is=steering"},
    )
    picture, _ = embed.drawn(G, view, {}, lambda: [])
    shown = {n["id"] for n in picture.nodes}
    assert "person-amara" in shown and "person-lucas" not in shown


def test_coverage_uses_a_declared_choice_field_as_its_columns(world_url, monkeypatch):
    on_committees(world_url)
    at = open_app(world_url, monkeypatch, "graphkit/app/coverage.py", timeout=30)
    at.selectbox(key="coverage_columns").set_value("field:committee").run()
    assert not at.exception
    said = "\n".join(c.value for c in at.caption)
    assert "by 2 values of committee" in said, said
    # the chosen cell: a gap, said as one, in the field's own words
    assert any("in **policy**: a gap" in e.value for e in at.error)
