"""The edit history in the app: two editors saving the same stakeholder, a deleted stakeholder
restored from the Data page, and a stakeholder's changes on Explore's detail panel."""

from __future__ import annotations

from conftest import snapshot
from test_app_data import data_page, errors, find, labelled, stored, submit

from graphkit.edits import delete_stakeholder
from graphkit.store import open_store


def test_the_second_of_two_editors_saving_the_same_stakeholder_is_told_and_overwrites_nothing(
    world_url, monkeypatch
):
    ana = find(data_page(world_url, monkeypatch), "amara")
    ben = find(data_page(world_url, monkeypatch), "amara")  # both read Amara as she is
    monkeypatch.setenv("GRAPHKIT_USER", "ana")
    labelled(ana.text_input, "title").input("Director")
    submit(ana, "Save")
    assert ana.success[0].value == "Saved the person Amara Diallo."

    monkeypatch.setenv("GRAPHKIT_USER", "ben")
    before = stored(world_url)
    labelled(ben.text_input, "email").input("amara@kla.or.ke")
    submit(ben, "Save")
    assert "Amara Diallo was changed by ana at " in errors(ben) and "person-amara" not in errors(ben)
    assert "since you read it; nothing was saved" in errors(ben)
    assert stored(world_url) == before  # Ana's title stands, Ben's e-mail was not written
    assert before[0]["person-amara"][2]["title"] == "Director"
    assert "Amara Diallo was changed by ana since you opened it here" in ben.warning[0].value

    # Ben reloads: the form shows Ana's version, and his change goes through on top of it.
    labelled(ben.button, "Reload Amara Diallo as it is now").click().run()
    assert labelled(ben.text_input, "title").value == "Director"
    labelled(ben.text_input, "email").input("amara@kla.or.ke")
    submit(ben, "Save")
    assert ben.success[0].value == "Saved the person Amara Diallo."
    props = stored(world_url)[0]["person-amara"][2]
    assert (props["title"], props["email"]) == ("Director", "amara@kla.or.ke")
    with open_store(world_url) as s:
        assert [c.user for c in s.history("person-amara", limit=2)] == ["ben", "ana"]


def test_a_deleted_stakeholder_is_restored_from_the_data_page(world_url, monkeypatch):
    with open_store(world_url) as s:
        before = snapshot(s)
        s.apply(delete_stakeholder(s, "person-lucas"), by="ana")
    at = data_page(world_url, monkeypatch)
    assert "Deleted stakeholders" in [h.value for h in at.header]
    assert "**Lucas Pereira** · deleted by ana on " in at.markdown[-1].value or any(
        "**Lucas Pereira** · deleted by ana" in m.value for m in at.markdown
    )
    at.button(key="restore-person-lucas").click().run()
    assert not at.exception
    assert any(s.value.startswith("Restored Lucas Pereira with ") for s in at.success)
    assert stored(world_url) == before
    assert "Deleted stakeholders" not in [h.value for h in at.header]


def test_the_detail_panel_shows_who_changed_a_stakeholder(world_url, monkeypatch):
    from conftest import open_app

    from graphkit.model import Node

    with open_store(world_url) as s:
        lucas = s.get_node("person-lucas")
        s.upsert([Node(lucas.id, "Person", lucas.name, {**lucas.props, "title": "Minister"})], by="ana")
    at = open_app(world_url, monkeypatch, "graphkit/app/explore.py")
    at.text_input(key="explore_search").input("Lucas").run()
    [history] = [e for e in at.expander if e.label.startswith("History")]
    assert (
        "ana  update Lucas Pereira (person-lucas)  (title: 'Adviser to the minister' -> 'Minister')"
        in history.text[0].value
    )


def test_an_admin_exports_and_erases_a_person_from_the_data_page(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "lucas")  # open mode: its one user is an admin
    [rights] = [e for e in at.expander if e.label.startswith("Data protection")]
    assert rights.get("download_button")  # the JSON export is offered
    labelled(
        at.checkbox, next(c.label for c in at.checkbox if c.label.startswith("Erase Lucas"))
    ).check().run()
    at.button(key="rights-erase-person-lucas").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Erased Lucas Pereira: no record")
    with open_store(world_url) as s:
        assert s.get_node("person-lucas") is None
        assert not any("person-lucas" in (r.source, r.target) for r in s.relationships())
        assert not any("person-lucas" in (c.node, c.other) for c in s.history(limit=10_000))


def test_two_editors_saving_the_same_relationship_the_second_is_told(world_url, monkeypatch):
    knows = ("KNOWS", "person-amara", "person-lucas")

    def open_tie():
        at = find(data_page(world_url, monkeypatch), "amara")
        at.selectbox(key="data_rel_pick-person-amara").set_value(knows).run()
        return at

    ana, ben = open_tie(), open_tie()
    labelled(ana.select_slider, "strength").set_value(5)
    submit(ana, "Save the relationship")
    assert ana.success[0].value == "Saved: Amara Diallo knows Lucas Pereira."
    before = stored(world_url)
    labelled(ben.select_slider, "strength").set_value(1)
    submit(ben, "Save the relationship")
    assert "Amara Diallo knows Lucas Pereira was changed by " in errors(ben)
    assert stored(world_url) == before and before[1][knows[1], knows[0], knows[2]]["strength"] == 5
