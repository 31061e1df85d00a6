"""The Engagement paths page, run headless with AppTest on the seeded store."""

from __future__ import annotations

import csv
import io
import json
from itertools import pairwise

from conftest import open_app, require_neo4j, small_world
from streamlit.testing.v1 import AppTest

from graphkit.analysis.paths import engagement_paths
from graphkit.app.paths import paths_csv
from graphkit.store import open_store
from graphkit.viz.colours import PATH_COLOUR

PAGE = "graphkit/app/paths.py"
WAMBUI = "person-wambui-gichuru"


def paths_page(url: str, monkeypatch) -> AppTest:
    return open_app(url, monkeypatch, PAGE, timeout=60)


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def highlighted(at: AppTest) -> list[tuple[str, str]]:
    """The edges the picture draws in the path colour."""
    (component,) = at.get("component_instance")
    edges = json.loads(component.proto.json_args)["edges"]
    return [(e["from"], e["to"]) for e in edges if e.get("color") == PATH_COLOUR]


def test_before_a_target_is_chosen_the_page_says_what_to_do(seed_url, monkeypatch):
    at = paths_page(seed_url, monkeypatch)
    assert at.title[0].value == "Engagement paths"
    assert at.selectbox(key="paths_coalition").value == "init-dc-pal"
    assert "Choose whom to reach" in at.info[0].value


def test_a_path_from_the_coalition_is_explained_hop_by_hop_and_drawn(seed_url, monkeypatch):
    at = paths_page(seed_url, monkeypatch)
    at.selectbox(key="paths_target").set_value(WAMBUI).run()
    assert not at.exception
    summary = at.success[0].value
    assert summary.startswith(
        "5 paths to Wambui Gichuru (MICDE, Kenya); best start: Njeri Chebet (KLA, Kenya)"
    )
    shown = texts(at)
    assert [h.value for h in at.subheader][:2] == ["Path 1", "Path 2"]  # headings, to jump between
    assert "2 hops, 1 to check first" in shown  # warmth in words, not a bare cost
    assert "1. Njeri Chebet (KLA, Kenya) knows Jabari Kariuki (KICTANet, Kenya) well" in shown
    assert "2. Jabari Kariuki (KICTANet, Kenya) knows Wambui Gichuru (MICDE, Kenya) well" in shown
    assert {frozenset(e) for e in highlighted(at)} == {
        frozenset(("person-njeri-chebet", "person-jabari-kariuki")),
        frozenset(("person-jabari-kariuki", WAMBUI)),
    }


def test_choosing_another_path_highlights_it(seed_url, monkeypatch):
    at = paths_page(seed_url, monkeypatch)
    at.selectbox(key="paths_target").set_value(WAMBUI).run()
    first = set(map(frozenset, highlighted(at)))
    at.radio(key="paths_shown").set_value(1).run()
    second = set(map(frozenset, highlighted(at)))
    assert second and second != first
    with open_store(seed_url) as s:
        G = s.export()
    expected = engagement_paths(G, "init-dc-pal", WAMBUI).paths[1].nodes
    assert second == {frozenset(pair) for pair in pairwise(expected)}


def test_paths_from_chosen_people_start_with_one_of_them(seed_url, monkeypatch):
    at = paths_page(seed_url, monkeypatch)
    at.radio(key="paths_mode").set_value("chosen people or organisations").run()
    at.multiselect(key="paths_sources").select("person-kamau-mwangi").run()
    at.selectbox(key="paths_target").set_value(WAMBUI).run()
    assert "best start: Kamau Mwangi (EIFL, Kenya)" in at.success[0].value
    assert "1. Kamau Mwangi (EIFL, Kenya) knows Jabari Kariuki" in texts(at)


def test_avoiding_the_broker_finds_a_way_round_him(seed_url, monkeypatch):
    at = paths_page(seed_url, monkeypatch)
    at.selectbox(key="paths_target").set_value(WAMBUI).run()
    at.multiselect(key="paths_avoid").select("person-jabari-kariuki").run()
    shown = texts(at)
    assert at.subheader[0].value == "Path 1"
    assert "Jabari Kariuki" not in shown


def test_no_path_within_the_hops_shows_the_nearest_colleague_instead(seed_url, monkeypatch):
    at = paths_page(seed_url, monkeypatch)
    at.selectbox(key="paths_target").set_value("person-gunel-abbasova").run()
    at.slider(key="paths_max_hops").set_value(2).run()
    assert not at.success
    assert at.warning[0].value.startswith("No path to Gunel Abbasova")
    assert "within 2 hops" in at.warning[0].value


def test_the_paths_download_as_csv_one_row_per_hop(seed_url):
    with open_store(seed_url) as s:
        G = s.export()
    answer = engagement_paths(G, "init-dc-pal", WAMBUI, k=3)
    rows = list(csv.DictReader(io.StringIO(paths_csv(G, answer).decode("utf-8-sig"))))
    assert len(rows) == sum(len(p.hops) for p in answer.paths)
    assert rows[0]["path"] == "1"
    assert rows[0]["from"] == "Njeri Chebet"
    assert rows[-1]["to"] == "Wambui Gichuru"
    assert rows[0]["explanation"] == answer.paths[0].hops[0].explanation


def test_an_empty_store_says_how_to_load_the_seed(tmp_path, monkeypatch):
    at = paths_page(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert "graphkit seed" in at.warning[0].value


def test_past_the_most_options_a_search_box_narrows_the_list(seed_url, monkeypatch):
    monkeypatch.setattr("graphkit.app.widgets.MAX_OPTIONS", 50)
    at = paths_page(seed_url, monkeypatch)
    assert len(at.selectbox(key="paths_target").options) == 50
    at.text_input(key="paths_target-search").input("wambui").run()
    assert at.selectbox(key="paths_target").options == ["Wambui Gichuru (MICDE, Kenya)"]
    at.selectbox(key="paths_target").set_value(WAMBUI).run()
    assert "best start: Njeri Chebet" in at.success[0].value
    at.text_input(key="paths_target-search").input("").run()  # the choice stays among the options
    assert at.selectbox(key="paths_target").value == WAMBUI


def test_the_page_works_the_same_on_neo4j(monkeypatch):
    url = require_neo4j()
    with open_store(url) as s:
        s.clear()
        s.upsert(*small_world())
    at = paths_page(url, monkeypatch)
    assert any(m.value.startswith("Store: `neo4j://") for m in at.sidebar.markdown)
    at.selectbox(key="paths_target").set_value("person-lucas").run()
    assert at.success[0].value.startswith("2 paths to Lucas Pereira (Ministry of Communications (Brazil))")
    assert "1. Amara Diallo (Kenya Library Association) knows Lucas Pereira" in texts(at)


def test_whom_to_reach_is_found_by_title_organisation_and_country_officials_first(seed_url, monkeypatch):
    at = paths_page(seed_url, monkeypatch)
    listed = at.selectbox(key="paths_target").options  # officials first (W before N), then the others
    assert listed.index("Wambui Gichuru (MICDE, Kenya)") < listed.index("Njeri Chebet (KLA, Kenya)")
    assert listed.index("Wambui Gichuru (MICDE, Kenya)") < listed.index("Kenya Library Association")
    at.text_input(key="paths_find").input("minister of ICT Kenya").run()
    assert at.selectbox(key="paths_target").options == ["Wambui Gichuru (MICDE, Kenya)"]
    at.selectbox(key="paths_target").set_value(WAMBUI).run()
    assert "best start: Njeri Chebet" in at.success[0].value
    at.text_input(key="paths_find").input("ministry kenya").run()  # the choice stays among the options
    assert at.selectbox(key="paths_target").value == WAMBUI
    assert at.selectbox(key="paths_target").options[0].startswith("Ministry of Information")
    at.text_input(key="paths_find").input("zzz nobody").run()
    assert "Nobody matches every word." in [c.value for c in at.caption]
