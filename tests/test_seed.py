"""The shipped dataset: valid, big enough, real where it says so, and loadable exactly once."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import SEED, snapshot

from graphkit.cli import main
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.model import NODE_LABELS, RELATIONSHIP_TYPES
from graphkit.store import open_store


@pytest.fixture(scope="module")
def seed_records():
    return list(read_nodes(SEED)), list(read_relationships(SEED))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store loaded from seed/ through the CLI, as a user would."""
    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    result = CliRunner().invoke(main, ["seed", str(SEED), "--store", url])
    assert result.exit_code == 0, result.output
    return url


def test_seeding_gives_the_counts_in_the_files(seeded, seed_records):
    nodes, rels = seed_records
    with open_store(seeded) as s:
        assert s.counts() == {
            "nodes": dict(sorted(Counter(n.label for n in nodes).items())),
            "relationships": dict(sorted(Counter(r.type for r in rels).items())),
        }


def test_stats_json_matches_the_seed_files(seeded, seed_records):
    nodes, rels = seed_records
    result = CliRunner().invoke(main, ["stats", "--json", "--store", seeded])
    counts = json.loads(result.output)
    assert sum(counts["nodes"].values()) == len(nodes)
    assert sum(counts["relationships"].values()) == len(rels)


def test_seeding_twice_changes_nothing(seeded):
    with open_store(seeded) as s:
        before = snapshot(s)
    assert CliRunner().invoke(main, ["seed", str(SEED), "--store", seeded]).exit_code == 0
    with open_store(seeded) as s:
        assert snapshot(s) == before


def test_the_seed_is_big_enough_and_uses_the_whole_model(seed_records):
    nodes, rels = seed_records
    assert len(nodes) >= 400
    assert len(rels) >= 1500
    assert {n.label for n in nodes} == set(NODE_LABELS)
    assert {r.type for r in rels} == set(RELATIONSHIP_TYPES)


def test_countries_cover_all_five_un_regional_groups(seeded):
    with open_store(seeded) as s:
        G = s.export()
    regions = {n for n, d in G.nodes(data=True) if d["label"] == "Region"}
    assert len(regions) == 5
    countries_by_region = Counter(
        v for u, v, k in G.edges(keys=True) if k == "IN_REGION" and G.nodes[u]["label"] == "Country"
    )
    assert sum(countries_by_region.values()) >= 40
    assert set(countries_by_region) == regions
    assert all(n >= 3 for n in countries_by_region.values())


@pytest.mark.parametrize(
    "name",
    [
        "International Federation of Library Associations and Institutions",
        "FAIFE",
        "EIFL",
        "Internet Society",
        "ICANN",
        "International Telecommunication Union",
        "UNESCO",
        "World Wide Web Consortium",
        "Dynamic Coalition on Public Access in Libraries",
        "Beyond Access",
    ],
)
def test_real_organisations_and_initiatives_are_there(seeded, name):
    with open_store(seeded) as s:
        assert s.search(name, labels=["Organization", "Initiative"]), name


def test_policy_vocabularies(seed_records):
    nodes, _ = seed_records
    areas = [n for n in nodes if n.label == "PolicyArea"]
    themes = {n.name for n in areas if n.props["kind"] == "igf_theme"}
    assert {
        "Access and Diversity",
        "Internet Governance for Development",
        "Security, Openness and Privacy",
        "Emerging Issues",
        "Managing Critical Internet Resources",
        "Youth",
    } <= themes
    codes = {n.props.get("code") for n in areas if n.props["kind"] == "wsis_action_line"}
    assert {f"C{i}" for i in range(1, 12)} <= codes
    domains = {n.name.casefold() for n in areas if n.props["kind"] == "policy_domain"}
    assert {
        "education",
        "health",
        "agriculture",
        "employment",
        "community development",
        "social cohesion",
    } <= domains


def test_real_events(seed_records):
    nodes, _ = seed_records
    events = {(n.props["kind"], n.props["date"][:4]) for n in nodes if n.label == "Event"}
    for year in ("2012", "2013", "2014"):
        assert ("igf", year) in events
        assert ("ifla_wlic", year) in events
    assert any(kind == "wsis_forum" for kind, _ in events)


def test_the_seed_shows_near_far_and_unreachable_officials(seeded):
    """The showcases seed/README.md promises, counted in hops over KNOWS and WORKS_FOR ties."""
    with open_store(seeded) as s:
        G = s.export()
    ties = nx.Graph((u, v) for u, v, k in G.edges(keys=True) if k in ("KNOWS", "WORKS_FOR"))
    members = [u for u, v, k in G.edges(keys=True) if k == "MEMBER_OF" and v == "init-dc-pal"]
    ties.add_nodes_from(members)
    hops = nx.multi_source_dijkstra_path_length(ties, members)
    assert hops["person-wambui-gichuru"] == 2
    assert hops["person-gunel-abbasova"] == 5
    assert "person-aliaksandr-zhuk" not in hops
    assert G.nodes["person-aliaksandr-zhuk"]["stakeholder_group"] == "government"


def test_the_seed_has_an_opposed_broker(seeded):
    with open_store(seeded) as s:
        G = s.export()
    stances = [
        d["stance"]
        for _, _, k, d in G.out_edges("person-rodrigo-salcedo-ibarra", keys=True, data=True)
        if k == "ENGAGES_ON"
    ]
    assert stances and set(stances) == {"opposed"}


@pytest.mark.parametrize("theme", ["pa-igf-critical-internet-resources", "pa-igf-emerging-issues"])
def test_some_igf_themes_have_no_library_stakeholder(seeded, theme):
    with open_store(seeded) as s:
        G = s.export()
    engaged = [u for u, _, k in G.in_edges(theme, keys=True) if k == "ENGAGES_ON"]
    assert engaged, "the theme is discussed, only not by libraries"
    assert all(G.nodes[u]["stakeholder_group"] != "library" for u in engaged)
    allies = [
        u
        for u, _, k, d in G.in_edges("pa-igf-access-diversity", keys=True, data=True)
        if k == "ENGAGES_ON" and d.get("stance") in ("champion", "supportive")
    ]
    assert sum(G.nodes[u]["stakeholder_group"] == "library" for u in allies) >= 20
