"""Engagement paths on hand-built graphs whose answers are worked out by hand, and properties on random ones."""

from __future__ import annotations

import itertools
from datetime import date

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.analysis.paths import engagement_paths
from graphkit.analysis.ties import TieCosts, TieNetwork, tie_network
from graphkit.examples import small_world
from graphkit.model import Node, Relationship
from graphkit.store.base import to_networkx

TODAY = date(2020, 1, 1)
COSTS = TieCosts(as_of=TODAY)


def person(pid: str, group: str = "civil_society", name: str | None = None) -> Node:
    return Node(pid, "Person", name or pid.title(), {"stakeholder_group": group})


def knows(a: str, b: str, strength: int, last_contact: str = "2020-01-01", **props) -> Relationship:
    return Relationship("KNOWS", a, b, {"strength": strength, "last_contact": last_contact, **props})


def engages(who: str, area: str, stance: str) -> Relationship:
    return Relationship("ENGAGES_ON", who, area, {"stance": stance})


def diamond(x_stances=("opposed", "opposed")) -> nx.MultiDiGraph:
    """A reaches T through B, C, D or X. With contact today a hop costs 1 + 0.5 * (5 - strength):

    A-B 5 (1.0), B-T 3 (2.0), A-C 4 (1.5), C-T 3 (2.0), B-C 5 (1.0), A-D 1 (3.0), D-T 1 (3.0),
    A-X 5 (1.0), X-T 5 (1.0). So, by hand: A-X-T 2.0 (when X may broker), A-B-T 3.0, A-C-T 3.5,
    A-B-C-T 4.0, A-C-B-T 4.5, A-D-T 6.0.
    """
    nodes = [person(p) for p in ("a", "b", "c", "d", "x")] + [person("t", "government")]
    nodes += [Node("pa-1", "PolicyArea", "One", {"kind": "igf_theme"})]
    nodes += [Node("pa-2", "PolicyArea", "Two", {"kind": "igf_theme"})]
    rels = [
        knows("a", "b", 5),
        knows("b", "t", 3),
        knows("a", "c", 4),
        knows("c", "t", 3),
        knows("b", "c", 5),
        knows("a", "d", 1),
        knows("d", "t", 1),
        knows("a", "x", 5),
        knows("x", "t", 5),
        engages("x", "pa-1", x_stances[0]),
        engages("x", "pa-2", x_stances[1]),
    ]
    return to_networkx(nodes, rels)


def test_paths_come_cheapest_first_and_never_through_someone_opposed_everywhere():
    answer = engagement_paths(diamond(), "a", "t", k=5, costs=COSTS)
    assert [p.nodes for p in answer.paths] == [
        ("a", "b", "t"),
        ("a", "c", "t"),
        ("a", "b", "c", "t"),
        ("a", "c", "b", "t"),
        ("a", "d", "t"),
    ]
    assert [p.cost for p in answer.paths] == pytest.approx([3.0, 3.5, 4.0, 4.5, 6.0])
    assert answer.best_start == "a"


def test_the_kth_path_is_the_kth_cheapest():
    answer = engagement_paths(diamond(), "a", "t", k=2, costs=COSTS)
    assert [p.nodes for p in answer.paths] == [("a", "b", "t"), ("a", "c", "t")]


def test_someone_opposed_on_only_some_areas_may_broker():
    answer = engagement_paths(diamond(("opposed", "supportive")), "a", "t", k=1, costs=COSTS)
    assert answer.paths[0].nodes == ("a", "x", "t")
    assert answer.paths[0].cost == pytest.approx(2.0)


def test_avoid_keeps_a_stakeholder_off_every_path():
    answer = engagement_paths(diamond(), "a", "t", k=5, avoid=["b"], costs=COSTS)
    assert [p.nodes for p in answer.paths] == [("a", "c", "t"), ("a", "d", "t")]


def test_max_hops_drops_longer_paths():
    answer = engagement_paths(diamond(), "a", "t", k=5, max_hops=2, costs=COSTS)
    assert [p.nodes for p in answer.paths] == [("a", "b", "t"), ("a", "c", "t"), ("a", "d", "t")]


def test_reported_cost_is_the_sum_of_its_hops():
    for p in engagement_paths(diamond(), "a", "t", k=5, costs=COSTS).paths:
        assert p.cost == pytest.approx(sum(h.cost for h in p.hops))
        assert [h.source for h in p.hops] == list(p.nodes[:-1])


def test_many_sources_name_the_best_member_and_no_path_runs_through_another_member():
    G = diamond()
    G.add_node("s2", label="Person", name="S2", stakeholder_group="library")
    G.add_node("init-dc", label="Initiative", name="DC", kind="dynamic_coalition")
    G.add_edge("s2", "t", "KNOWS", type="KNOWS", strength=2, last_contact="2020-01-01")  # 2.5
    for member in ("a", "s2"):
        G.add_edge(member, "init-dc", "MEMBER_OF", type="MEMBER_OF")
    answer = engagement_paths(G, "init-dc", "t", k=3, costs=COSTS)
    assert answer.best_start == "s2"
    assert [p.nodes for p in answer.paths] == [("s2", "t"), ("a", "b", "t"), ("a", "c", "t")]
    assert "best start: S2" in answer.summary
    for p in answer.paths:
        assert not set(p.nodes[1:]) & {"a", "s2", "init-dc"}


def test_a_stale_tie_costs_more_than_a_fresh_one_and_colleagues_more_than_any_knows():
    fresh = COSTS.of("KNOWS", {"strength": 3, "last_contact": "2020-01-01"}, TODAY)
    three_years = COSTS.of("KNOWS", {"strength": 3, "last_contact": "2017-01-01"}, TODAY)
    ancient = COSTS.of("KNOWS", {"strength": 1, "last_contact": "1900-01-01"}, TODAY)
    assert fresh == pytest.approx(2.0)
    assert three_years == pytest.approx(2.0 + 0.5, abs=0.01)  # one half-life: half the staleness penalty
    assert ancient == pytest.approx(4.0, abs=0.001)
    assert 2 * COSTS.works_for >= ancient
    assert 2 * COSTS.attends > 2 * COSTS.member_of > 2 * COSTS.works_for


def test_each_hop_is_explained_in_words():
    nodes = [
        Node("person-amara", "Person", "Amara Diallo", {"stakeholder_group": "library"}),
        Node("person-lucas", "Person", "Lucas Pereira", {"stakeholder_group": "government"}),
        Node("org-eifl", "Organization", "Electronic Information for Libraries", _org("library", "EIFL")),
        Node("org-minicom", "Organization", "Ministry of Communications", _org("government")),
        Node("country-br", "Country", "Brazil", {"iso": "BR"}),
    ]
    rels = [
        Relationship("WORKS_FOR", "person-amara", "org-eifl"),
        Relationship("WORKS_FOR", "person-lucas", "org-minicom", {"role": "Adviser"}),
        Relationship("BASED_IN", "person-lucas", "country-br"),
        knows("person-amara", "person-lucas", 4, "2013-10-24", context="met at IGF 2013 Bali"),
    ]
    G = to_networkx(nodes, rels)
    [hop] = engagement_paths(G, "person-amara", "person-lucas", costs=COSTS).paths[0].hops
    assert hop.explanation == (
        "Amara Diallo (EIFL) knows Lucas Pereira (Ministry of Communications, Brazil) well: "
        "strength 4, last contact 2013-10-24, met at IGF 2013 Bali"
    )
    [hop, hop2] = engagement_paths(G, "org-minicom", "person-amara", costs=COSTS).paths[0].hops
    assert hop.explanation == "Ministry of Communications employs Lucas Pereira as Adviser"
    assert hop2.relationship == "KNOWS"


def _org(group: str, acronym: str | None = None) -> dict:
    props = {"stakeholder_group": group, "org_type": "ngo"}
    return {**props, "acronym": acronym} if acronym else props


def test_no_path_is_an_answer_naming_the_nearest_colleague():
    nodes = [person("a", "library"), person("y"), person("z", "government")]
    nodes += [Node("org-2", "Organization", "Ministry", _org("government"))]
    rels = [
        knows("a", "y", 5),
        Relationship("WORKS_FOR", "y", "org-2"),
        Relationship("WORKS_FOR", "z", "org-2"),
    ]
    answer = engagement_paths(to_networkx(nodes, rels), "a", "z", max_hops=2, costs=COSTS)
    assert answer.paths == []
    assert answer.summary.startswith("No path to Z (Ministry) within 2 hops; 3 hops would find one.")
    assert answer.hops_needed == 3
    assert answer.nearest is not None and answer.nearest.nodes == ("a", "y")
    assert answer.nearest_relation == "organisation"
    assert "Nearest reachable person in the same organisation: Y (Ministry)" in answer.summary


def test_no_path_and_nobody_near_says_so():
    nodes = [person("a", "library"), person("z", "government")]
    answer = engagement_paths(to_networkx(nodes, []), "a", "z", costs=COSTS)
    assert answer.paths == [] and answer.nearest is None
    assert answer.summary.startswith("No path to Z within 6 hops, nor at any length.")
    assert answer.hops_needed is None
    assert "No one in their organisation or country is reachable within 6 hops either" in answer.summary


# -- properties on random graphs ----------------------------------------------------------------


@st.composite
def random_worlds(draw):
    n = draw(st.integers(3, 8))
    people = [f"p{i}" for i in range(n)]
    pairs = draw(st.sets(st.sampled_from(list(itertools.combinations(people, 2))), max_size=14))
    rels = [knows(a, b, draw(st.integers(1, 5))) for a, b in sorted(pairs)]
    opposed = draw(st.sets(st.sampled_from(people), max_size=2))
    nodes = [person(p) for p in people] + [Node("pa", "PolicyArea", "PA", {"kind": "igf_theme"})]
    rels += [engages(p, "pa", "opposed") for p in sorted(opposed)]
    sources = draw(st.lists(st.sampled_from(people[:-1]), min_size=1, max_size=3, unique=True))
    return to_networkx(nodes, rels), sources, people[-1], opposed


def _every_path_by_brute_force(G, sources, target, opposed, max_hops):
    """All simple paths from one source to the target through no other source and nobody opposed."""
    H = tie_network(G, COSTS).graph
    found = []
    for s in sources:
        if s not in H or target not in H:
            continue
        for p in nx.all_simple_paths(H, s, target, cutoff=max_hops):
            if not set(p[1:-1]) & (set(sources) | set(opposed)):
                found.append(sum(H[u][v]["cost"] for u, v in itertools.pairwise(p)))
    return sorted(found)


@settings(max_examples=300, deadline=None)
@given(random_worlds(), st.integers(1, 6), st.integers(1, 7))
def test_paths_are_real_distinct_cheapest_first_and_match_brute_force(world, k, max_hops):
    G, sources, target, opposed = world
    answer = engagement_paths(G, sources, target, k=k, max_hops=max_hops, costs=COSTS)
    costs = [p.cost for p in answer.paths]
    assert costs == sorted(costs)
    assert len({p.nodes for p in answer.paths}) == len(answer.paths)
    for p in answer.paths:
        assert len(set(p.nodes)) == len(p.nodes), "a simple path"
        assert p.nodes[0] in sources and p.nodes[-1] == target
        for u, v in itertools.pairwise(p.nodes):
            assert G.has_edge(u, v) or G.has_edge(v, u)
        assert p.cost == pytest.approx(sum(h.cost for h in p.hops))
        assert len(p.hops) <= max_hops
    expected = _every_path_by_brute_force(G, sources, target, opposed, max_hops)[:k]
    assert costs == pytest.approx(expected)
    if not expected:
        assert answer.summary.startswith("No path")


# -- warmth in words ----------------------------------------------------------------------------


def test_the_examples_in_the_docstrings_hold():
    import doctest

    import graphkit.analysis.paths

    assert doctest.testmod(graphkit.analysis.paths).failed == 0


def test_each_hop_says_how_warm_it_is_and_stale_or_weak_ones_say_check_first():
    nodes = [person("a"), person("b"), person("c"), person("t", "government")]
    nodes += [Node("ix-1", "Interaction", "Lunch", {"date": "2019-03-02"})]
    nodes += [Node("ix-2", "Interaction", "Call", {"date": "2019-11-20"})]
    rels = [
        knows("a", "b", 5, "2019-11-20"),  # met twice in 2019: warm
        Relationship("PARTICIPATED_IN", "a", "ix-1"),
        Relationship("PARTICIPATED_IN", "b", "ix-1"),
        Relationship("PARTICIPATED_IN", "a", "ix-2"),
        Relationship("PARTICIPATED_IN", "b", "ix-2"),
        knows("b", "c", 4, "2010-05-01"),  # untouched for 9 years
        knows("c", "t", 1, "2019-12-01"),  # recent but weak
    ]
    (path,) = engagement_paths(to_networkx(nodes, rels), "a", "t", costs=COSTS).paths
    assert [h.warmth for h in path.hops] == [
        "knows, strength 5, met twice in 2019",
        "knows, strength 4, last contact 9 years ago",
        "knows, strength 1, last contact 31 days ago",
    ]
    assert [h.check_first for h in path.hops] == [None, "untouched for 9 years", "weak tie, strength 1"]
    assert path.warmth() == "3 hops, check hops 2 and 3 first"
    assert "2. B knows C well: strength 4, last contact 2010-05-01 (check first: untouched for 9 years)" in (
        path.explain()
    )


def test_the_long_path_to_gunel_abbasova_flags_every_decade_old_hop_and_a_short_limit_says_how_far(
    seed_graph,
):
    costs = TieCosts(as_of=date(2026, 12, 3))
    (path,) = engagement_paths(seed_graph, "init-dc-pal", "person-gunel-abbasova", k=1, costs=costs).paths
    assert len(path.hops) == 5
    assert path.hops[0].warmth == "knows, strength 3, last contact 12 years ago"
    assert path.hops[3].check_first == "weak tie, strength 2; untouched for 14 years"
    assert path.warmth() == "5 hops, all to check first"
    short = engagement_paths(seed_graph, "init-dc-pal", "person-gunel-abbasova", max_hops=3, costs=costs)
    assert short.hops_needed == 5
    assert "within 3 hops; 5 hops would find one." in short.summary


def test_a_tie_network_built_yesterday_is_not_used_today(monkeypatch):
    """With costs that age ties to today, the cached network moves to the new day: paths are ranked by
    the same day they are explained by, however long the app runs."""
    import datetime

    from graphkit.analysis import ties
    from graphkit.examples import small_world_graph

    G = small_world_graph()
    first = ties.tie_network(G)
    assert ties.tie_network(G) is first  # kept while the day lasts

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls):
            return datetime.date.fromordinal(datetime.date.today().toordinal() + 1)

    monkeypatch.setattr(ties, "date", Tomorrow)
    assert ties.tie_network(G) is not first
    assert ties.tie_network(G).costs.today() == Tomorrow.today()


def _network_as_built(net) -> tuple:
    """Everything a tie network holds, in order: its rows, each row's neighbours and costs, the
    stakeholders never between, its compressed rows and its compact form."""
    g = net.compact
    rows = [(u, list(r.items())) for u, r in net.adj.items()]
    compressed = [a.tolist() for a in net.rows]
    return rows, net.never_between, compressed, g.vs["name"], g.get_edgelist(), g.es["cost"], g.es["warmth"]


def test_the_tie_network_built_from_a_stores_columns_is_the_one_built_from_its_graph(tmp_path):
    """A store's export keeps the rows it read, and the tie network is built from them in numpy:
    the same pairs, costs, order of nodes and neighbours, and compact form as the pass over the
    graph, on a generated graph written in a shuffled order, with organisations that fund each
    other before they partner (a pair's first row introduces nobody) both ways."""
    import random

    from graphkit.graph import analysed, columns
    from graphkit.io.csv_folder import read_nodes, read_relationships
    from graphkit.io.synthetic import generate
    from graphkit.store import open_store

    generate(tmp_path / "gen", 1500, seed=3)
    nodes, rels = list(read_nodes(tmp_path / "gen")), list(read_relationships(tmp_path / "gen"))
    orgs = [n.id for n in nodes if n.label == "Organization"][:12]
    for a, b in itertools.pairwise(orgs):
        rels += [
            Relationship("FUNDS", a, b),
            Relationship("PARTNERS_WITH", b, a),
            Relationship("PARTNERS_WITH", a, b),
        ]
    rels = list({r.key: r for r in rels}.values())
    random.Random(3).shuffle(rels)
    # The app's own records, which the graph the pages read leaves out (``analysed``), among them.
    nodes[100:100] = [
        Node("view-mine", "View", "Mine", {"page": "paths", "params": f"paths_target={nodes[0].id}"}),
        Node("field-languages", "FieldDef", "languages", {"of_label": "Person", "type": "list"}),
    ]
    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    store.upsert(nodes, [])
    for at in range(0, len(rels), 500):  # rows in the shuffled order
        store.upsert([], rels[at : at + 500])
    costs = TieCosts(as_of=date(2026, 12, 1))
    G = analysed(store.export())
    assert "view-mine" not in G and "field-languages" not in G
    from_columns = TieNetwork(G, costs)
    assert "rows" in from_columns.__dict__, "built from the store's rows, which give its compressed rows"
    assert columns.taken(G) is None, "taken by the first network, so the second is built from G"
    assert _network_as_built(from_columns) == _network_as_built(TieNetwork(G, costs))
    assert len(from_columns.never_between) > 0 and len(from_columns.adj) > 1000


def test_a_network_first_asked_for_after_changes_from_the_feed_is_built_from_the_rows_read(
    tmp_path, monkeypatch
):
    """A process starts from the snapshot (its figures kept, not its network) and follows the feed; at
    the first new tie the network was built by a pass over the graph, 45 s at 10M relationships, and
    every tie after it waited. It is built from the rows the graph was read from, then brought up to
    date by what the changes touched: the very network of a process that held it all along."""
    from graphkit.edits import edit_record
    from graphkit.graph import analysed
    from graphkit.graph.feed import apply_changes, reshaped_since
    from graphkit.io.csv_folder import read_nodes, read_relationships
    from graphkit.io.synthetic import generate
    from graphkit.store import open_store

    generate(tmp_path / "gen", 1500, seed=4)
    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    store.upsert(list(read_nodes(tmp_path / "gen")), list(read_relationships(tmp_path / "gen")))
    costs = TieCosts(as_of=date(2026, 12, 1))
    G = analysed(store.export())  # its rows kept beside it
    held = to_networkx(store.nodes(), store.relationships())  # a process that built its network at once
    all_along = TieNetwork(held, costs)
    position = store.feed_position()
    people = [n for n, label in G.nodes(data="label") if label == "Person"][:3]
    store.upsert([], [Relationship("KNOWS", people[0], people[1], {"strength": 5})])
    read = store.get_node(people[2])
    store.apply(edit_record(read, Node(read.id, read.label, read.name, {**read.props, "title": "Chair"})))
    store.upsert([person("person-new")], [Relationship("KNOWS", "person-new", people[2], {"strength": 2})])
    changes = store.changes_since(position).changes
    apply_changes(G, changes)
    apply_changes(held, changes)
    all_along = all_along.updated(held, reshaped_since(held, 0))

    def no_pass_over_the_graph(*_):
        raise AssertionError("built by a pass over the graph")

    monkeypatch.setattr(TieNetwork, "_build", no_pass_over_the_graph)
    net = TieNetwork(G, costs)
    assert _network_as_built(net) == _network_as_built(all_along)
    assert (
        "person-new" in net.adj[people[2]]
        and net.adj[people[0]][people[1]] == all_along.adj[people[0]][people[1]]
    )
    monkeypatch.undo()
    fresh = TieNetwork(to_networkx(store.nodes(), store.relationships()), costs)
    assert net.adj == fresh.adj and net.never_between == fresh.never_between


def test_a_graph_changed_by_hand_after_its_export_gets_its_network_from_the_graph(tmp_path):
    from graphkit.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    store.upsert(*small_world())
    G = store.export()
    G.add_edge("person-zoe", "person-ines", key="KNOWS", type="KNOWS", strength=5)
    assert "person-ines" in TieNetwork(G).adj["person-zoe"]
