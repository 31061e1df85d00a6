"""The Influence page, run headless with AppTest on a real store: brokers, PageRank, communities, the grid."""

from __future__ import annotations

import io

import networkx as nx
import pyarrow as pa
import pytest
from conftest import open_app, person, small_world
from streamlit.testing.v1 import AppTest
from test_influence import as_people

from graphkit.analysis import influence as influence_analysis
from graphkit.model import Relationship
from graphkit.store import open_store

PAGE = "graphkit/app/influence.py"
CROWD = [f"person-c{i}" for i in range(6)]


def world():
    """The small world with a hub: Hana knows Amara, Lucas and six people who know nobody else.

    Amara (coalition) knows Lucas (government) directly, and Lucas works for his ministry: Lucas is
    on the coalition's only path to the ministry, so he is the one broker, for 1 of 2 government
    stakeholders. Hana has the most ties, so the highest PageRank and betweenness.
    Stances with both influence and interest: Hana (5, 5) and Lucas (4, 2); Amara has no interest.
    """
    nodes, rels = small_world()
    rels = [r for r in rels if not (r.type == "ENGAGES_ON" and r.source == "person-lucas")]
    nodes += [person("person-hana", "Hana Sato", "civil_society")]
    nodes += [person(p, f"Member {i}", "academia") for i, p in enumerate(CROWD)]
    rels += [Relationship("KNOWS", p, "person-hana", {"strength": 3}) for p in CROWD]
    rels += [
        Relationship("KNOWS", "person-hana", "person-amara", {"strength": 2}),
        Relationship("KNOWS", "person-hana", "person-lucas", {"strength": 2}),
        Relationship(
            "ENGAGES_ON", "person-hana", "pa-access", {"stance": "supportive", "influence": 5, "interest": 5}
        ),
        Relationship(
            "ENGAGES_ON", "person-lucas", "pa-access", {"stance": "neutral", "influence": 4, "interest": 2}
        ),
    ]
    return nodes, rels


@pytest.fixture
def world_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'influence.db'}"
    with open_store(url) as s:
        s.upsert(*world())
    return url


def influence(url: str, monkeypatch) -> AppTest:
    return open_app(url, monkeypatch, PAGE, timeout=60)


def table(at: AppTest, column: str):
    """The one table with this column."""
    (found,) = [d.value for d in at.dataframe if column in d.value.columns]
    return found


def test_brokers_and_pagerank_tables_put_the_expected_stakeholder_first(world_url, monkeypatch):
    at = influence(world_url, monkeypatch)
    brokers = table(at, "Paths to government")
    assert brokers.to_dict("records") == [
        {
            "Name": "Lucas Pereira",
            "Organisation": "Ministry of Communications (Brazil)",
            "Country": "Brazil",
            "Stakeholder group": "government",
            "Open": "explore?focus=person-lucas",  # every row opens its stakeholder on Explore
            "Paths to government": 1,
            "Share": 50.0,
        }
    ]
    central = table(at, "Influence rank")
    assert central["Name"].iloc[0] == "Hana Sato"
    assert (central["Influence rank"].iloc[0], central["Broker rank"].iloc[0]) == (
        1,
        1,
    )  # ranks, not decimals
    assert list(central["Influence rank"]) == sorted(central["Influence rank"])
    assert "PageRank" not in central.columns and "Betweenness" not in central.columns
    # Every person and organisation with a tie: Zoë knows nobody, works nowhere, attended nothing.
    assert len(central) == 4 + 1 + 6 + 2 - 1 and "Zoë Müller" not in set(central["Name"])
    assert not any("estimated" in c.value for c in at.caption)  # small: exact betweenness


def test_the_page_says_when_betweenness_is_estimated(world_url, monkeypatch):
    # As if this small network were past the size where betweenness is sampled.
    monkeypatch.setattr(influence_analysis, "EXACT_BETWEENNESS_UP_TO", 5)
    at = influence(world_url, monkeypatch)
    assert any(c.value.startswith("Betweenness is **estimated** from") for c in at.caption)


def test_communities_cover_every_stakeholder_once(world_url, monkeypatch):
    at = influence(world_url, monkeypatch)
    communities = table(at, "Circle")
    assert communities["Size"].sum() == 12  # everyone with a tie, as in the PageRank table
    hub = communities[communities["Most influential members"].str.startswith("Hana Sato")]
    assert len(hub) == 1 and hub["Size"].iloc[0] >= 7  # Hana and the six who know only her
    assert hub["Circle"].iloc[0].startswith("Hana Sato's circle")  # named by its most influential member


def test_the_grid_places_who_has_influence_and_interest(world_url, monkeypatch):
    at = influence(world_url, monkeypatch)
    (chart,) = at.get("vega_lite_chart")
    points = [
        row
        for d in chart.proto.datasets
        for row in pa.ipc.open_stream(io.BytesIO(d.data.data)).read_all().to_pylist()
        if "Name" in row
    ]
    assert {(p["Name"], p["Quadrant"]) for p in points} == {
        ("Hana Sato", "manage closely"),
        ("Lucas Pereira", "keep satisfied"),
    }
    quadrants = table(at, "Quadrant")
    assert list(quadrants["Name"]) == ["Hana Sato", "Lucas Pereira"]

    at.multiselect(key="influence_areas").select("pa-cir").run()
    assert at.info[-1].value.startswith("Nobody has both influence and interest")


def test_an_empty_store_says_how_to_load_the_seed(tmp_path, monkeypatch):
    at = influence(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert "graphkit seed" in at.warning[0].value


def test_the_influential_table_sorts_by_the_measure_picked(world_url, monkeypatch):
    at = influence(world_url, monkeypatch)
    by_rank = table(at, "Influence rank")
    assert list(by_rank["Influence rank"]) == sorted(by_rank["Influence rank"])
    at.radio(key="influence_sort").set_value("Betweenness").run()
    by_between = table(at, "Influence rank")
    brokers = by_between["Broker rank"].dropna()
    assert list(brokers) == sorted(brokers) and list(brokers.index) == list(
        range(len(brokers))
    )  # blanks last
    assert sorted(by_between["Name"]) == sorted(by_rank["Name"])
    # The ministry, a leaf known only through Lucas, is well ranked but lies between nobody.
    ministry = "Ministry of Communications (Brazil)"
    assert list(by_between["Name"]).index(ministry) > list(by_rank["Name"]).index(ministry)
    # It has no broker rank, rather than a figure printed as "0".
    assert by_between.set_index("Name")["Broker rank"].isna()[ministry]


def test_brokers_on_a_graph_without_an_initiative(tmp_path, monkeypatch):
    """Padgett's Florentine families (no coalition), the Acciaiuoli and Ginori in office: the brokers
    between everyone first, then those from the Pazzi to the two in office."""
    url = f"sqlite:///{tmp_path / 'florence.db'}"
    with open_store(url) as s:
        s.upsert(*as_people(nx.florentine_families_graph(), government=["Acciaiuoli", "Ginori"]))
    at = influence(url, monkeypatch)
    (between,) = [
        d.value for d in at.dataframe if "Broker rank" in d.value and "Influence rank" not in d.value
    ]
    assert list(between["Name"][:3]) == ["Medici", "Guadagni", "Albizzi"]
    assert list(between["Broker rank"][:3]) == [1, 2, 3]  # ranks, not 0.522
    assert any("Add an Initiative" in c.value for c in at.caption)

    at.radio(key="influence_brokers_from").set_value("one stakeholder").run()
    assert at.info[0].value.startswith("Choose the person or organisation")
    at.selectbox(key="influence_broker_source").set_value("person-pazzi").run()
    assert not at.exception
    found = table(at, "Paths to government")
    assert list(zip(found["Name"], found["Paths to government"], strict=True)) == [
        ("Medici", 2),
        ("Salviati", 2),
        ("Albizzi", 1),
    ]
