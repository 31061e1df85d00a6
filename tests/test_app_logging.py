"""Logging in the app, run headless with AppTest on a real store: the Data page's form empties once
saved and warns before logging the same people on the same day again; every write Going cold makes
can be undone from the message that says it was done."""

from __future__ import annotations

from datetime import date

from conftest import open_app
from conftest import snapshot as stored
from test_interactions import labelled, village_url  # noqa: F401 (a fixture)

from graphkit.analysis.interactions import interactions
from graphkit.edits import log_interaction
from graphkit.model import Interaction
from graphkit.store import open_store

DATA = "graphkit/app/data.py"
COLD = "graphkit/app/interactions.py"


def fill_in_the_log(at, title: str = "Budget call") -> None:
    labelled(at.multiselect, "Who took part *").set_value(["m", "t"]).run()
    labelled(at.selectbox, "Kind").set_value("call")
    labelled(at.date_input, "Date").set_value(date(2026, 11, 30))
    labelled(at.text_input, "Title").input(title)


def logged(url: str) -> list[tuple[str, str, tuple[str, ...]]]:
    with open_store(url) as s:
        return [(i.name, i.date, i.participants) for i in interactions(s.export())]


def test_the_log_form_empties_once_saved_so_a_second_click_logs_nothing(village_url, monkeypatch):  # noqa: F811
    at = open_app(village_url, monkeypatch, DATA, timeout=30)
    fill_in_the_log(at)
    at.button(key="log_save").click().run()
    assert [s.value for s in at.success] == ["Logged: Budget call. New tie: M knows T."]
    assert labelled(at.multiselect, "Who took part *").value == []
    assert labelled(at.text_input, "Title").value == ""
    assert labelled(at.date_input, "Date").value == date.today()
    at.button(key="log_save").click().run()  # clicked again: nobody is in the form, nothing is logged
    assert "at least one" in at.error[0].value
    assert logged(village_url) == [("Budget call", "2026-11-30", ("m", "t"))]


def test_the_same_people_on_the_same_day_are_logged_again_only_when_asked(village_url, monkeypatch):  # noqa: F811
    with open_store(village_url) as s:
        log_interaction(s, Interaction("meeting", "2026-11-30", ["t", "m"], name="Budget meeting"))
        before = stored(s)
    at = open_app(village_url, monkeypatch, DATA, timeout=30)
    fill_in_the_log(at, "Budget call")
    at.button(key="log_save").click().run()
    assert not at.exception and not at.success
    assert at.warning[0].value.startswith(
        "Already logged on 30 November 2026 with the same people: “Budget meeting”"
    )
    with open_store(village_url) as s:
        assert stored(s) == before  # warned: nothing written
    at.button(key="log-again").click().run()
    assert at.success[0].value.startswith("Logged: Budget call.")
    assert not at.warning
    assert sorted(n for n, *_ in logged(village_url)) == ["Budget call", "Budget meeting"]


def test_another_day_is_no_repeat(village_url, monkeypatch):  # noqa: F811
    with open_store(village_url) as s:
        log_interaction(s, Interaction("meeting", "2026-11-29", ["t", "m"], name="Budget meeting"))
    at = open_app(village_url, monkeypatch, DATA, timeout=30)
    fill_in_the_log(at)
    at.button(key="log_save").click().run()
    assert not at.warning and at.success[0].value.startswith("Logged: Budget call.")


def going_cold(url: str, monkeypatch):
    at = open_app(url, monkeypatch, COLD, timeout=30)
    labelled(at.selectbox, "Ties held by").set_value(None).run()
    return at


def undo(at) -> None:
    (button,) = [b for b in at.button if b.label == "Undo"]
    button.click().run()
    assert not at.exception and not at.error


def test_a_contact_logged_on_going_cold_is_undone_whole(village_url, monkeypatch):  # noqa: F811
    with open_store(village_url) as s:
        before = stored(s)
    at = going_cold(village_url, monkeypatch)
    at.text_input(key="cold-log-a-t-topic").input("the library budget")
    at.date_input(key="cold-log-a-t-follow-up").set_value(date(2027, 1, 15))
    labelled(at.button, "Log the contact").click().run()
    assert at.header[0].value == "Ties going cold: 0"
    [call] = interactions(open_store(village_url).export())
    assert (call.name, call.follow_up) == ("Call on the library budget", "2027-01-15")
    undo(at)
    assert at.success[0].value == f"Undone: logged a call of A with T on {date.today():%-d %B %Y}."
    assert at.header[0].value == "Ties going cold: 1"
    with open_store(village_url) as s:
        assert stored(s) == before


def test_a_follow_up_marked_done_on_going_cold_can_be_undone(village_url, monkeypatch):  # noqa: F811
    with open_store(village_url) as s:
        done = log_interaction(
            s, Interaction("call", "2026-09-01", ["m", "t"], name="Budget call", follow_up="2026-10-01")
        )
        before = s.get_node(done.id)
    at = going_cold(village_url, monkeypatch)
    at.button(key=f"cold-done-{done.id}").click().run()
    assert at.header[1].value == "Overdue follow-ups: 0"
    undo(at)
    assert at.success[0].value.startswith("Undone: marked the follow-up of “Budget call” done")
    assert at.header[1].value == "Overdue follow-ups: 1"
    with open_store(village_url) as s:
        assert s.get_node(done.id) == before
