"""Influence on two graphs every network analyst knows, imported as people who know each other:
Padgett's Florentine families and Zachary's karate club. Our figures are NetworkX's own."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pytest

from graphkit.analysis.influence import betweenness, brokers, brokers_between, communities, pagerank
from graphkit.analysis.ties import tie_network
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.io.synthetic import generate
from graphkit.model import Node, Relationship
from graphkit.store.base import to_networkx

CLASSICS = {"florentine": nx.florentine_families_graph, "karate": nx.karate_club_graph}


def person_id(v: object) -> str:
    return f"person-{str(v).lower()}"


def as_people(F: nx.Graph, government: Iterable[str] = ()) -> tuple[list[Node], list[Relationship]]:
    """Each node a Person (in civil society, or in ``government``), each edge a KNOWS tie (no strength
    or date: every tie costs the same)."""
    officials = set(government)
    nodes = [
        Node(
            person_id(v),
            "Person",
            str(v),
            {"stakeholder_group": "government" if v in officials else "civil_society"},
        )
        for v in F
    ]
    rels = [Relationship("KNOWS", person_id(u), person_id(v)) for u, v in F.edges()]
    return nodes, rels


def converged_pagerank(F: nx.Graph) -> dict[str, float]:
    ranks = nx.pagerank(F, weight=None, tol=1e-15, max_iter=1000)  # the karate club has weights: not ours
    return {person_id(v): r for v, r in ranks.items()}


@pytest.fixture(params=sorted(CLASSICS))
def classic(request) -> tuple[nx.Graph, nx.MultiDiGraph]:
    F = CLASSICS[request.param]()
    return F, to_networkx(*as_people(F))


def test_pagerank_is_networkx_converged_pagerank(classic):
    F, G = classic
    ours, theirs = pagerank(G), converged_pagerank(F)
    assert set(ours) == set(theirs)
    assert max(abs(ours[v] - theirs[v]) for v in theirs) <= 1e-9


def test_betweenness_is_networkx_betweenness(classic):
    F, G = classic
    found = betweenness(G)
    theirs = {person_id(v): b for v, b in nx.betweenness_centrality(F).items()}
    assert found.sampled_sources is None
    assert set(found.scores) == set(theirs)
    assert max(abs(found.scores[v] - theirs[v]) for v in theirs) <= 1e-9


def test_the_medici_broker_florence():
    G = to_networkx(*as_people(nx.florentine_families_graph()))
    top = sorted(betweenness(G).scores.items(), key=lambda kv: -kv[1])[:3]
    assert [(v, round(b, 3)) for v, b in top] == [
        ("person-medici", 0.522),
        ("person-guadagni", 0.255),
        ("person-albizzi", 0.212),
    ]


def test_brokers_without_an_initiative():
    """Florence has no coalition: its brokers between everyone are the families of highest betweenness;
    from the Pazzi (married only into the Salviati) to two families in office, the doors open through
    the Salviati and the Medici to both, and the Albizzi to the Ginori."""
    F = nx.florentine_families_graph()
    G = to_networkx(*as_people(F, government=["Acciaiuoli", "Ginori"]))
    assert [v for v, _ in brokers_between(G, n=3)] == ["person-medici", "person-guadagni", "person-albizzi"]
    found = brokers(G, "person-pazzi")
    assert [(b.stakeholder, b.paths, b.share) for b in found] == [
        ("person-medici", 2, 1.0),
        ("person-salviati", 2, 1.0),
        ("person-albizzi", 1, 0.5),
    ]


def test_sampled_betweenness_draws_networkx_sources(tmp_path):
    """Past EXACT_BETWEENNESS_UP_TO nodes, the same sampled sources and scaling as NetworkX's ``k``."""
    generate(tmp_path, 1_500, seed=1)
    G = to_networkx(read_nodes(tmp_path), read_relationships(tmp_path))
    found = betweenness(G, samples=20, seed=7)
    theirs = nx.betweenness_centrality(tie_network(G).graph, k=20, seed=7)
    assert found.sampled_sources == 20
    assert found.scores and max(abs(b - theirs[v]) for v, b in found.scores.items()) <= 1e-9


def test_karate_communities_separate_the_two_factions():
    F = nx.karate_club_graph()
    G = to_networkx(*as_people(F))
    faction = {person_id(v): d["club"] for v, d in F.nodes(data=True)}
    found = communities(G, seed=0)
    assert sorted(m for c in found for m in c.members) == sorted(faction)
    # Each community lies in one faction, but for at most one of the 34 (the famous node 8,
    # who followed Mr. Hi but whose ties are mostly with the Officer's side).
    strays = [m for c in found for m in c.members if faction[m] != _majority(c.members, faction)]
    assert len(strays) <= 1
    assert _community_of(found, "person-0") != _community_of(found, "person-33")


def test_communities_are_the_same_for_the_same_seed():
    G = to_networkx(*as_people(nx.karate_club_graph()))
    assert communities(G, seed=3) == communities(G, seed=3)


def _majority(members, faction) -> str:
    sides = [faction[m] for m in members]
    return max(set(sides), key=sides.count)


def _community_of(found, member: str) -> int:
    return next(i for i, c in enumerate(found) if member in c.members)
