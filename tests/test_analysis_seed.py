"""The analysis on the shipped seed, through the functions and through the ``graphkit`` command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED

from graphkit.analysis.coverage import coverage_matrix, gap_candidates, library_absences
from graphkit.analysis.paths import default_coalition, engagement_paths
from graphkit.analysis.ties import TieCosts
from graphkit.cli import main
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.store.base import to_networkx

COSTS = TieCosts(as_of=date(2017, 1, 1))


@pytest.fixture(scope="module")
def G():
    return to_networkx(read_nodes(SEED), read_relationships(SEED))


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    assert CliRunner().invoke(main, ["seed", str(SEED), "--store", url]).exit_code == 0
    return url


def test_the_coalition_is_dc_pal(G):
    assert default_coalition(G) == "init-dc-pal"


def test_a_near_official_is_two_warm_hops_away(G):
    answer = engagement_paths(G, "init-dc-pal", "person-wambui-gichuru", k=3, costs=COSTS)
    best = answer.paths[0]
    assert best.nodes == ("person-njeri-chebet", "person-jabari-kariuki", "person-wambui-gichuru")
    assert answer.best_start == "person-njeri-chebet"
    assert {h.relationship for h in best.hops} == {"KNOWS"}


def test_an_official_is_reachable_only_through_a_long_chain(G):
    answer = engagement_paths(G, "init-dc-pal", "person-gunel-abbasova", k=5, costs=COSTS)
    assert answer.paths, answer.summary
    assert min(len(p.hops) for p in answer.paths) == 5
    assert answer.paths[0].nodes == (
        "person-agnieszka-kaczmarek",
        "person-bartosz-wrobel",
        "person-sorina-dumitrescu",
        "person-victor-cojocaru",
        "person-farid-najafov",
        "person-gunel-abbasova",
    )
    assert engagement_paths(G, "init-dc-pal", "person-gunel-abbasova", max_hops=4, costs=COSTS).paths == []


def test_an_unreachable_official_is_an_answer(G):
    answer = engagement_paths(G, "init-dc-pal", "person-aliaksandr-zhuk", costs=COSTS)
    assert answer.paths == [] and answer.nearest is None
    assert answer.summary.startswith("No path to Aliaksandr Zhuk")


def test_the_opposed_broker_is_never_an_intermediary(G):
    answer = engagement_paths(G, "init-dc-pal", "person-marisol-avendano", k=5, costs=COSTS)
    assert all("person-rodrigo-salcedo-ibarra" not in p.nodes for p in answer.paths)
    assert answer.paths[0].nodes == (
        "person-sofia-flores",
        "person-hector-villasenor",
        "person-renata-olvera",
        "person-marisol-avendano",
    )


def test_libraries_have_gaps_on_igf_themes(G):
    absent = library_absences(G)
    assert {"pa-igf-critical-internet-resources", "pa-igf-emerging-issues"} <= set(absent)
    m = coverage_matrix(G, "init-dc-pal", costs=COSTS)
    assert m.cell("pa-igf-critical-internet-resources", "library").status == "gap"
    assert m.cell("pa-igf-access-diversity", "library").status == "covered"
    assert len(m.cell("pa-igf-access-diversity", "library").allies) == 78


def test_gap_candidates_on_the_seed_come_with_paths(G):
    found = gap_candidates(
        G, "init-dc-pal", "pa-igf-critical-internet-resources", "government", n=3, costs=COSTS
    )
    assert len(found) == 3
    costs = [c.path.cost for c in found if c.path]
    assert costs == sorted(costs) and costs
    assert all(c.stance != "opposed" for c in found)


# -- the command ------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_path_command_takes_names_and_explains_each_hop(url):
    code, out = run("path", "Njeri Chebet", "Wambui Gichuru", "-k", "2", "--store", url)
    assert code == 0, out
    assert "best start: Njeri Chebet (KLA, Kenya), 2 hops" in out
    assert "1. Njeri Chebet (KLA, Kenya) knows Jabari Kariuki (KICTANet, Kenya) well" in out
    assert "Path 2:" in out


def test_path_command_json_for_scripts(url):
    code, out = run("path", "dc-pal", "person-gunel-abbasova", "--json", "--store", url)
    assert code == 0, out
    answer = json.loads(out)
    assert answer["best_start"] == "person-agnieszka-kaczmarek"
    assert len(answer["paths"][0]["hops"]) == 5
    assert answer["paths"][0]["hops"][0]["explanation"].startswith("Agnieszka Kaczmarek")


def test_path_command_says_when_there_is_no_path(url):
    code, out = run("path", "init-dc-pal", "Aliaksandr Zhuk", "--store", url)
    assert code == 0, out
    assert out.startswith("No path to Aliaksandr Zhuk")


def test_path_command_refuses_an_ambiguous_name_in_one_line(url):
    code, out = run("path", "library", "Wambui", "--store", url)
    assert code == 1
    assert "'library' could mean" in out and "give an id" in out
    assert "Traceback" not in out


def test_gaps_command_marks_the_library_gaps(url):
    code, out = run("gaps", "--store", url)
    assert code == 0, out
    line = next(x for x in out.splitlines() if x.startswith("Managing Critical Internet Resources"))
    assert line.split()[-1] == "GAP"
    assert (
        "No library stakeholder engages at all on: "
        "Digital Cooperation; Managing Critical Internet Resources; Emerging Issues" in out
    )


def test_gaps_on_the_themes_of_igf_2025(url):
    """IGF 2025's four themes are the rows; libraries have no voice on Digital Cooperation, which
    continues Managing Critical Internet Resources."""
    code, out = run("gaps", "--event", "IGF 2025", "--store", url)
    assert code == 0, out
    assert out.startswith("Themes of IGF 2025 Lillestrøm (2025):")
    rows = {x.split("  ")[0]: x.split()[-1] for x in out.splitlines()[3:7]}
    assert set(rows) == {
        "Digital Cooperation",
        "Digital Trust and Resilience",
        "Sustainable and Responsible Innovation",
        "Universal Access and Digital Rights",
    }
    assert rows["Digital Cooperation"] == "GAP"
    assert out.rstrip().endswith("No library stakeholder engages at all on: Digital Cooperation")
    code, out = run("gaps", "--event", "IGF 2025", "--json", "--store", url)
    data = json.loads(out)
    assert data["event"] == "event-igf-2025-lillestrom" and len(data["rows"]) == 4
    code, out = run("gaps", "--event", "no such meeting", "--store", url)
    assert code == 1 and "no Event called 'no such meeting'" in out
    code, out = run(
        "gaps", "--rows", "wsis_action_line", "--region", "Eastern European Group", "--json", "--store", url
    )
    assert code == 0, out
    data = json.loads(out)
    assert any(c["status"] == "gap" for c in data["cells"])
    assert all(r.startswith("pa-wsis") for r in data["rows"])


def test_brokers_command(url):
    code, out = run("brokers", "-n", "3", "--json", "--store", url)
    assert code == 0, out
    found = json.loads(out)
    assert len(found) == 3 and found[0]["paths"] >= found[-1]["paths"] > 0
    assert all(b["name"] for b in found)


def test_analysis_on_an_empty_store_is_one_clear_line(tmp_path: Path):
    code, out = run("gaps", "--store", f"sqlite:///{tmp_path / 'empty.db'}")
    assert code == 1 and "no Initiative" in out
