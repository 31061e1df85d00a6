"""Coverage gaps and influence on a hand-built world whose cells and quadrants are counted by hand."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SEED

from graphkit.analysis.coverage import (
    coverage_matrix,
    event_themes,
    gap_candidates,
    latest_meeting_with_themes,
    library_absences,
)
from graphkit.analysis.influence import betweenness, brokers, communities, pagerank, power_interest_grid
from graphkit.analysis.ties import TieCosts
from graphkit.errors import GraphkitError
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.model import Node, Relationship
from graphkit.store import open_store
from graphkit.store.base import to_networkx

COSTS = TieCosts(as_of=date(2020, 1, 1))


def _p(pid: str, group: str) -> Node:
    return Node(pid, "Person", pid, {"stakeholder_group": group})


def _rel(t: str, a: str, b: str, **props) -> Relationship:
    return Relationship(t, a, b, props)


def world(more_nodes: tuple = (), more_rels: tuple = (), graph: bool = True):
    """The coalition (lib1) knows gov1 and gov3; gov2 is out of reach.

    P1: lib1 supportive, gov1 champion, cs1 opposed.  P2: gov2 supportive, gov3 neutral, tech1 neutral.
    lib1 and gov1 are in Kenya (African Group); gov2 in Brazil (GRULAC).
    """
    nodes = [
        Node("init-dc", "Initiative", "DC", {"kind": "dynamic_coalition"}),
        Node("p1", "PolicyArea", "Access", {"kind": "igf_theme", "code": "1"}),
        Node("p2", "PolicyArea", "Resources", {"kind": "igf_theme", "code": "2"}),
        Node("c3", "PolicyArea", "C3", {"kind": "wsis_action_line"}),
        Node("region-af", "Region", "African Group"),
        Node("region-la", "Region", "GRULAC"),
        Node("country-ke", "Country", "Kenya", {"iso": "KE"}),
        Node("country-br", "Country", "Brazil", {"iso": "BR"}),
        _p("lib1", "library"),
        _p("gov1", "government"),
        _p("gov2", "government"),
        _p("gov3", "government"),
        _p("cs1", "civil_society"),
        _p("tech1", "technical_community"),
    ]
    rels = [
        _rel("MEMBER_OF", "lib1", "init-dc"),
        _rel("KNOWS", "lib1", "gov1", strength=5),
        _rel("KNOWS", "lib1", "gov3", strength=3),
        _rel("ENGAGES_ON", "lib1", "p1", stance="supportive", influence=2, interest=5),
        _rel("ENGAGES_ON", "gov1", "p1", stance="champion", influence=5, interest=5),
        _rel("ENGAGES_ON", "cs1", "p1", stance="opposed", influence=4, interest=1),
        _rel("ENGAGES_ON", "gov2", "p2", stance="supportive", influence=1, interest=1),
        _rel("ENGAGES_ON", "gov3", "p2", stance="neutral", influence=5, interest=1),
        _rel("ENGAGES_ON", "gov3", "c3", stance="opposed", influence=1, interest=5),
        _rel("ENGAGES_ON", "tech1", "p2", stance="neutral"),
        _rel("IN_REGION", "country-ke", "region-af"),
        _rel("IN_REGION", "country-br", "region-la"),
        _rel("BASED_IN", "lib1", "country-ke"),
        _rel("BASED_IN", "gov1", "country-ke"),
        _rel("BASED_IN", "gov2", "country-br"),
    ]
    nodes, rels = [*nodes, *more_nodes], [*rels, *more_rels]
    return to_networkx(nodes, rels) if graph else (nodes, rels)


def test_cells_count_allies_neutral_opposed_and_reach():
    m = coverage_matrix(world(), "init-dc", weak_below=2, costs=COSTS)
    assert m.rows == ("p1", "p2")
    gov1 = m.cell("p1", "government")
    assert (gov1.allies, gov1.reachable_allies, gov1.status) == (("gov1",), ("gov1",), "weak")
    gov2 = m.cell("p2", "government")
    assert (gov2.allies, gov2.neutral, gov2.reachable_allies, gov2.status) == (
        ("gov2",),
        ("gov3",),
        (),
        "gap",
    )
    assert m.cell("p1", "civil_society").opposed == ("cs1",)
    assert m.cell("p1", "civil_society").status == "gap"
    assert m.cell("p1", "library").reachable_allies == ("lib1",), "coalition members reach themselves"
    assert m.cell("p2", "technical_community").neutral == ("tech1",)
    covered = coverage_matrix(world(), "init-dc", weak_below=1, costs=COSTS)
    assert covered.cell("p1", "government").status == "covered"
    assert len(m.with_status("gap")) == 2 * 7 - 2


def test_reach_is_limited_by_max_hops():
    m = coverage_matrix(world(), "init-dc", max_hops=0, costs=COSTS)
    assert m.cell("p1", "government").status == "gap"
    assert m.cell("p1", "library").reachable_allies == ("lib1",)


def test_columns_by_region_and_country_and_filters():
    G = world()
    by_region = coverage_matrix(G, "init-dc", columns="region", costs=COSTS)
    assert by_region.columns == ("region-af", "region-la")
    assert by_region.cell("p1", "region-af").allies == ("gov1", "lib1")
    assert by_region.cell("p2", "region-la").allies == ("gov2",)
    kenya = coverage_matrix(G, "init-dc", columns="country", region="region-af", costs=COSTS)
    assert kenya.columns == ("country-ke",)
    only_br = coverage_matrix(G, "init-dc", country="country-br", costs=COSTS)
    assert only_br.cell("p1", "government").allies == ()
    assert only_br.cell("p2", "government").allies == ("gov2",)
    rows = coverage_matrix(G, "init-dc", rows="wsis_action_line", costs=COSTS)
    assert rows.rows == ("c3",) and rows.cell("c3", "government").opposed == ("gov3",)


def test_bad_rows_columns_and_places_are_clear_errors():
    with pytest.raises(GraphkitError, match="rows must be one of"):
        coverage_matrix(world(), "init-dc", rows="theme")
    with pytest.raises(GraphkitError, match="columns must be one of"):
        coverage_matrix(world(), "init-dc", columns="colour")
    with pytest.raises(GraphkitError, match="no Region with id 'country-ke'"):
        coverage_matrix(world(), "init-dc", region="country-ke")


def test_themes_where_no_library_engages():
    assert library_absences(world()) == ["p2"]


def meetings(graph: bool = True):
    """The world with two meetings: IGF 2010 covers p1 and p2; IGF 2025 covers its own theme n1, which
    continues p2 (RELATES_TO); only gov2 and tech1 engage on n1. A 2027 meeting has no themes yet."""
    nodes = [
        Node("igf-2010", "Event", "IGF 2010 Vilnius", {"kind": "igf", "date": "2010-09-14"}),
        Node("igf-2025", "Event", "IGF 2025 Lillestrøm", {"kind": "igf", "date": "2025-06-23"}),
        Node("igf-2027", "Event", "IGF 2027", {"kind": "igf", "date": "2027-06-15"}),
        Node("wlic-2026", "Event", "WLIC 2026", {"kind": "ifla_wlic", "date": "2026-08-10"}),
        Node("n1", "PolicyArea", "Digital Cooperation", {"kind": "igf_theme"}),
    ]
    rels = [
        _rel("COVERS", "igf-2010", "p1"),
        _rel("COVERS", "igf-2010", "p2"),
        _rel("COVERS", "igf-2025", "n1"),
        _rel("COVERS", "wlic-2026", "p1"),
        _rel("RELATES_TO", "n1", "p2"),
        _rel("ENGAGES_ON", "gov2", "n1", stance="champion"),
        _rel("ENGAGES_ON", "tech1", "n1", stance="supportive"),
    ]
    return world(nodes, rels, graph)


def test_the_rows_of_a_meeting_are_its_themes_and_the_latest_meeting_held_has_themes():
    G = meetings()
    assert event_themes(G, "igf-2010") == ["p1", "p2"] and event_themes(G, "igf-2027") == []
    m = coverage_matrix(G, "init-dc", event="igf-2025", costs=COSTS)
    assert m.rows == ("n1",) and m.row_names == {"n1": "Digital Cooperation"}
    assert m.cell("n1", "government").allies == ("gov2",)
    assert m.cell("n1", "government").status == "gap", "gov2 is out of reach"
    assert m.cell("n1", "technical_community").allies == ("tech1",)
    assert coverage_matrix(G, "init-dc", event="igf-2010", costs=COSTS).rows == ("p1", "p2")
    assert library_absences(G, among=["n1"]) == ["n1"]
    assert library_absences(G, among=["p1", "n1"]) == ["n1"]
    assert latest_meeting_with_themes(G) == "igf-2025", "IGF 2027 covers nothing yet; WLIC is not an IGF"
    assert latest_meeting_with_themes(G, held_by="2024-12-31") == "igf-2010"
    assert latest_meeting_with_themes(G, kind="ifla_wlic") == "wlic-2026"
    with pytest.raises(GraphkitError, match="no Event with id 'p1'"):
        coverage_matrix(G, "init-dc", event="p1")


def test_a_newer_theme_carries_its_stances_to_the_older_theme_it_continues():
    m = coverage_matrix(meetings(), "init-dc", event="igf-2010", via_related=True, costs=COSTS)
    tech = m.cell("p2", "technical_community")
    assert (tech.allies, tech.neutral, tech.via_related) == ((), ("tech1",), ()), "his own stance on p2 wins"
    gov = m.cell("p2", "government")
    assert (gov.allies, gov.neutral, gov.via_related) == (("gov2",), ("gov3",), ())
    assert coverage_matrix(meetings(), "init-dc", event="igf-2025", via_related=True).rows == ("n1",)


def test_the_gaps_command_on_a_meeting_of_a_small_world(tmp_path):
    from click.testing import CliRunner

    from graphkit.cli import main

    url = f"sqlite:///{tmp_path / 'meetings.db'}"
    with open_store(url) as s:
        s.upsert(*meetings(graph=False))
    result = CliRunner().invoke(
        main, ["gaps", "--event", "IGF 2025", "--coalition", "init-dc", "--store", url]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Themes of IGF 2025 Lillestrøm (2025):"
    (row,) = [x for x in lines if x.startswith("Digital Cooperation")]
    assert row.split()[2:] == ["GAP"] * 7, "gov2 and tech1 are allies, but nobody reaches them"
    assert lines[-1] == "No library stakeholder engages at all on: Digital Cooperation"


def test_gap_candidates_cheapest_to_reach_first_with_their_paths():
    found = gap_candidates(world(), "init-dc", "p2", "government", costs=COSTS)
    assert [(c.stakeholder, c.stance) for c in found] == [("gov3", "neutral"), ("gov2", "supportive")]
    assert found[0].path.nodes == ("lib1", "gov3")
    assert found[1].path is None, "gov2 is out of reach"


def crosswalk():
    """Action lines and a policy domain RELATES_TO two SDGs; lib1 (the coalition) knows a to e.

    C3 -> SDG 4, SDG 16.  C7 e-learning -> SDG 4, C7.  C7 -> SDG 16.  Education -> SDG 4.
    a: supportive on C3.  b: champion on C7 e-learning.  c: opposed on SDG 4, champion on C3.
    d: opposed on C3, supportive on Education.  e: neutral on C7 e-learning.
    lib1: champion on SDG 4, supportive on C3.  gov: supportive on C3, known to nobody.
    """
    areas = [
        ("sdg4", "sdg", "SDG 4"),
        ("sdg16", "sdg", "SDG 16"),
        ("c3", "wsis_action_line", "C3"),
        ("c7", "wsis_action_line", "C7"),
        ("c7l", "wsis_action_line", "C7-learning"),
        ("edu", "policy_domain", ""),
    ]
    nodes = [Node("init-dc", "Initiative", "DC", {"kind": "dynamic_coalition"})]
    nodes += [Node(i, "PolicyArea", i, {"kind": kind, "code": code}) for i, kind, code in areas]
    nodes += [_p(p, "library") for p in ("lib1", "a", "b", "c", "d", "e")] + [_p("gov", "government")]
    relates = [
        ("c3", "sdg4"),
        ("c3", "sdg16"),
        ("c7l", "sdg4"),
        ("c7l", "c7"),
        ("c7", "sdg16"),
        ("edu", "sdg4"),
    ]
    stances = [
        ("a", "c3", "supportive"),
        ("b", "c7l", "champion"),
        ("c", "sdg4", "opposed"),
        ("c", "c3", "champion"),
        ("d", "c3", "opposed"),
        ("d", "edu", "supportive"),
        ("e", "c7l", "neutral"),
        ("lib1", "sdg4", "champion"),
        ("lib1", "c3", "supportive"),
        ("gov", "c3", "supportive"),
    ]
    rels = [_rel("MEMBER_OF", "lib1", "init-dc")]
    rels += [_rel("KNOWS", "lib1", p, strength=5) for p in "abcde"]
    rels += [_rel("RELATES_TO", a, b) for a, b in relates]
    rels += [_rel("ENGAGES_ON", s, pa, stance=stance) for s, pa, stance in stances]
    return to_networkx(nodes, rels)


def _who(cell):
    return cell.allies, cell.neutral, cell.opposed, cell.via_related


def test_stances_count_on_the_areas_they_relate_to_one_step_out_a_direct_stance_winning():
    G = crosswalk()
    plain = coverage_matrix(G, "init-dc", rows="sdg", costs=COSTS)
    assert plain.rows == ("sdg4", "sdg16") and plain.via_related is False
    assert _who(plain.cell("sdg4", "library")) == (("lib1",), (), ("c",), ())
    assert _who(plain.cell("sdg16", "library")) == ((), (), (), ())

    m = coverage_matrix(G, "init-dc", rows="sdg", costs=COSTS, via_related=True)
    assert m.via_related is True
    # c's own opposition to SDG 4 wins over C3; d counts as an ally through Education, the friendliest.
    assert _who(m.cell("sdg4", "library")) == (("a", "b", "d", "lib1"), ("e",), ("c",), ("a", "b", "d", "e"))
    # b's C7 e-learning does not reach SDG 16 through C7: one step only.
    assert _who(m.cell("sdg16", "library")) == (("a", "c", "lib1"), (), ("d",), ("a", "c", "d", "lib1"))
    assert m.cell("sdg4", "library").reachable_allies == ("a", "b", "d", "lib1")
    gov = m.cell("sdg4", "government")
    assert (gov.allies, gov.reachable_allies, gov.status) == (("gov",), (), "gap")


def test_a_sub_line_counts_on_its_action_line():
    G = crosswalk()
    m = coverage_matrix(G, "init-dc", rows="wsis_action_line", costs=COSTS, via_related=True)
    assert m.rows == ("c3", "c7", "c7l")
    assert _who(m.cell("c7", "library")) == (("b",), ("e",), (), ("b", "e"))
    assert _who(m.cell("c7l", "library")) == (("b",), ("e",), (), ()), "direct stances only"
    assert (
        coverage_matrix(G, "init-dc", rows="wsis_action_line", costs=COSTS).cell("c7", "library").allies == ()
    )


def test_sdg_rows_on_the_seed_in_goal_order_and_sdg_4_gains_the_action_line_allies():
    G = to_networkx(read_nodes(SEED), read_relationships(SEED))
    plain = coverage_matrix(G, "init-dc-pal", rows="sdg", costs=COSTS)
    assert plain.rows == tuple(f"pa-sdg-{n}" for n in range(1, 18))
    m = coverage_matrix(G, "init-dc-pal", rows="sdg", costs=COSTS, via_related=True)
    direct_on_sdg4 = {s for s, _, k in G.in_edges("pa-sdg-4", keys=True) if k == "ENGAGES_ON"}
    learning_allies = {
        s
        for line in ("pa-wsis-c3", "pa-wsis-c7-learning")
        for s, _, k, d in G.in_edges(line, keys=True, data=True)
        if k == "ENGAGES_ON"
        and d["stance"] in ("champion", "supportive")
        and G.nodes[s]["stakeholder_group"] == "library"
        and s not in direct_on_sdg4
    }
    before, after = plain.cell("pa-sdg-4", "library"), m.cell("pa-sdg-4", "library")
    assert learning_allies, "the seed has library allies on C3 and C7 e-learning who say nothing on SDG 4"
    assert learning_allies <= set(after.allies) & set(after.via_related)
    assert not learning_allies & set(before.allies)
    assert set(before.allies) <= set(after.allies)
    assert set(after.via_related).isdisjoint(direct_on_sdg4)


def test_power_interest_grid_quadrants():
    grid = {g.stakeholder: g for g in power_interest_grid(world())}
    assert grid["gov1"].quadrant == "manage closely"
    assert grid["cs1"].quadrant == "keep satisfied"
    assert grid["lib1"].quadrant == "keep informed"
    assert grid["gov2"].quadrant == "monitor"
    assert (grid["gov3"].influence, grid["gov3"].interest, grid["gov3"].quadrant) == (
        3.0,
        3.0,
        "manage closely",
    )
    assert "tech1" not in grid, "no figures recorded"
    only_p2 = {g.stakeholder: g.quadrant for g in power_interest_grid(world(), ["p2"])}
    assert only_p2 == {"gov2": "monitor", "gov3": "keep satisfied"}


def test_brokers_count_the_cheapest_paths_to_government_through_them():
    nodes = [Node("init-dc", "Initiative", "DC", {"kind": "dynamic_coalition"}), _p("a", "library")]
    nodes += [_p(p, "civil_society") for p in ("b", "c")] + [_p(t, "government") for t in ("t1", "t2", "t3")]
    rels = [_rel("MEMBER_OF", "a", "init-dc")]
    rels += [
        _rel("KNOWS", x, y, strength=5)
        for x, y in [("a", "b"), ("a", "c"), ("b", "t1"), ("b", "t2"), ("c", "t3")]
    ]
    found = brokers(to_networkx(nodes, rels), "init-dc", costs=COSTS)
    assert [(b.stakeholder, b.paths) for b in found] == [("b", 2), ("c", 1)]
    assert found[0].share == pytest.approx(2 / 3)


def test_communities_split_two_cliques_and_centrality_finds_the_bridge():
    groups = {"l": "library", "g": "government"}
    nodes = [_p(f"{g}{i}", groups[g]) for g in groups for i in range(4)]
    rels = [
        _rel("KNOWS", f"{g}{i}", f"{g}{j}", strength=5)
        for g in groups
        for i in range(4)
        for j in range(i + 1, 4)
    ]
    rels.append(_rel("KNOWS", "l0", "g0", strength=1))
    G = to_networkx(nodes, rels)
    found = communities(G, COSTS)
    assert sorted(c.members for c in found) == [("g0", "g1", "g2", "g3"), ("l0", "l1", "l2", "l3")]
    assert {c.stakeholder_groups for c in found} == {(("government", 4),), (("library", 4),)}
    b = betweenness(G, COSTS)
    assert b.sampled_sources is None
    assert max(b.scores, key=b.scores.get) in ("l0", "g0")
    ranks = pagerank(G, COSTS)
    assert set(ranks) == {n.id for n in nodes} and sum(ranks.values()) == pytest.approx(1.0)
