"""The app, run headless with Streamlit's AppTest against a real store."""

from __future__ import annotations

import pytest
from conftest import open_app, small_world
from streamlit.testing.v1 import AppTest
from test_serve import free_port

from graphkit.app import PAGES
from graphkit.store import open_store


def run_app(url: str, monkeypatch) -> AppTest:
    return open_app(url, monkeypatch, timeout=30)


def test_the_app_shows_the_configured_store_and_its_counts(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    with open_store(url) as s:
        s.upsert(*small_world())
    at = run_app(url, monkeypatch)
    assert not at.exception
    assert f"Store: `{url}`" in [m.value for m in at.sidebar.markdown]
    assert [m.value for m in at.metric] == ["15", "22"]
    kinds, rels = (t.value for t in at.table)
    assert dict(zip(kinds["what"], kinds["how many"], strict=True))["people"] == "4"
    assert dict(zip(rels["relationship"], rels["how many"], strict=True))["based in"] == "5"
    # Counts in words, not the schema's names.
    shown = {*kinds["what"], *rels["relationship"]}
    assert "policy areas" in shown and not {"PolicyArea", "Person", "BASED_IN", "KNOWS"} & shown


def test_an_empty_store_says_how_to_load_the_seed(tmp_path, monkeypatch):
    at = run_app(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert "graphkit seed" in at.warning[0].value


def test_a_store_that_cannot_be_opened_is_a_message_not_a_traceback(monkeypatch):
    at = run_app("sqlite:////no/such/folder/g.db", monkeypatch)
    assert not at.exception
    assert "does not exist" in at.error[0].value


def test_home_points_to_every_page_and_says_what_it_is_for(tmp_path, monkeypatch):
    at = run_app(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    links = [link.proto.label for link in at.get("page_link")]
    assert links[0].startswith("**Engagement paths**: Find a warm introduction")
    assert any(link.startswith("**Explore**") for link in links)


@pytest.mark.parametrize("page", [file for file, *_ in PAGES])
def test_every_page_says_clearly_when_neo4j_is_down(page, monkeypatch):
    at = run_app(f"neo4j://neo4j:secret@127.0.0.1:{free_port()}", monkeypatch)
    at.switch_page(f"graphkit/app/{page}").run()
    assert not at.exception
    (error,) = at.error
    assert "no Neo4j server answers there: start it with scripts/neo4j-local start" in error.value
