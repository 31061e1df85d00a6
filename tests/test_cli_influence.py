"""``graphkit influence`` and ``graphkit brokers`` on the Florentine families and the karate club,
stored as people who know each other: the figures are NetworkX's own."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from test_influence import CLASSICS, as_people, converged_pagerank, person_id

from graphkit.cli import main
from graphkit.store import open_store


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def stored(tmp_path, F: nx.Graph, government: tuple[str, ...] = ()) -> str:
    url = f"sqlite:///{tmp_path / 'classic.db'}"
    with open_store(url) as s:
        s.upsert(*as_people(F, government))
    return url


@pytest.fixture(params=sorted(CLASSICS))
def classic(request, tmp_path) -> tuple[nx.Graph, str]:
    F = CLASSICS[request.param]()
    return F, stored(tmp_path, F)


def scores(out: str, measure: str) -> dict[str, float]:
    found = json.loads(out)
    assert found["measure"] == measure
    return {row["stakeholder"]: row[measure] for row in found["scores"]}


def test_influence_json_is_networkx_pagerank_and_betweenness(classic):
    F, url = classic
    everyone = str(F.number_of_nodes())
    code, out = run("influence", "pagerank", "--top", everyone, "--json", "--store", url)
    assert code == 0, out
    ours, theirs = scores(out, "pagerank"), converged_pagerank(F)
    assert set(ours) == set(theirs) and max(abs(ours[v] - theirs[v]) for v in theirs) <= 1e-9
    code, out = run("influence", "betweenness", "--top", everyone, "--json", "--store", url)
    assert code == 0, out
    ours = scores(out, "betweenness")
    theirs = {person_id(v): b for v, b in nx.betweenness_centrality(F).items()}
    assert set(ours) == set(theirs) and max(abs(ours[v] - theirs[v]) for v in theirs) <= 1e-9


def test_influence_top_n_lists_the_highest_first(tmp_path):
    url = stored(tmp_path, nx.florentine_families_graph())
    code, out = run("influence", "betweenness", "--top", "3", "--store", url)
    assert code == 0, out
    lines = out.splitlines()
    assert len(lines) == 4 and "Betweenness" in lines[0]
    assert [line.split()[1] for line in lines[1:]] == ["Medici", "Guadagni", "Albizzi"]
    assert lines[1].split()[-1] == "0.5220"


def test_influence_communities_separate_the_karate_factions(tmp_path):
    F = nx.karate_club_graph()
    code, out = run("influence", "communities", "--json", "--store", stored(tmp_path, F))
    assert code == 0, out
    found = [c["members"] for c in json.loads(out)]
    faction = {person_id(v): d["club"] for v, d in F.nodes(data=True)}
    assert sorted(m for c in found for m in c) == sorted(faction)
    sides = [{faction[m] for m in c} for c in found]
    assert sum(len(s) > 1 for s in sides) <= 1  # at most one community crosses (node 8)
    assert not any("person-0" in c and "person-33" in c for c in found)
    code, text = run("influence", "communities", "--top", "1", "--store", stored(tmp_path, F))
    assert code == 0 and text.startswith(f"Community 1: {len(found[0])} members")


def test_brokers_without_a_coalition_are_by_betweenness(tmp_path):
    url = stored(tmp_path, nx.florentine_families_graph())
    code, out = run("brokers", "-n", "3", "--json", "--store", url)
    assert code == 0, out
    found = json.loads(out)
    assert [(b["name"], round(b["betweenness"], 3)) for b in found] == [
        ("Medici", 0.522),
        ("Guadagni", 0.255),
        ("Albizzi", 0.212),
    ]
    code, out = run("brokers", "-n", "3", "--store", url)
    assert code == 0 and "by betweenness" in out and "Medici" in out


def test_brokers_from_named_sources(world_url):
    code, out = run("brokers", "--from", "Amara Diallo", "--json", "--store", world_url)
    assert code == 0, out
    found = json.loads(out)
    # Amara reaches the ministry (government) through Lucas, who works there.
    assert [b["stakeholder"] for b in found] == ["person-lucas"]


def test_brokers_from_a_stakeholder_on_a_graph_without_an_initiative(tmp_path):
    url = stored(tmp_path, nx.florentine_families_graph(), government=("Acciaiuoli", "Ginori"))
    code, out = run("brokers", "--from", "Pazzi", "--json", "--store", url)
    assert code == 0, out
    assert [(b["name"], b["paths"]) for b in json.loads(out)] == [
        ("Medici", 2),
        ("Salviati", 2),
        ("Albizzi", 1),
    ]
    code, out = run("brokers", "--from", "Pazzi", "--store", url)
    assert code == 0, out
    assert [line.split()[1] for line in out.splitlines()[1:]] == ["Medici", "Salviati", "Albizzi"]


def test_brokers_refuses_a_coalition_and_sources_together(world_url):
    code, out = run("brokers", "--from", "Amara Diallo", "--coalition", "DC", "--store", world_url)
    assert code == 2 and "--coalition or --from, not both" in out


def test_no_message_suggests_an_option_that_does_not_exist(tmp_path):
    url = stored(tmp_path, nx.florentine_families_graph())
    code, out = run("gaps", "--store", url)
    assert code == 1 and "no Initiative" in out and "name the sources" not in out
