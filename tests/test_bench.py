"""The benchmark runs at its smallest size and its JSON has every figure, so that it never rots.

No timing is asserted: the figures depend on the machine. The last test checks that PageRank,
computed in C by igraph for speed, gives networkx's converged figures.
"""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from conftest import REPO, require_neo4j

from graphkit.analysis.influence import pagerank
from graphkit.analysis.ties import tie_network
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.io.synthetic import generate
from graphkit.store.base import to_networkx

pytestmark = pytest.mark.slow  # runs the benchmark in subprocesses

#: Every figure a run on each store gives, all numbers above zero.
BOTH = [
    "seed_s",
    "seed_rows_per_s",
    "seed_nodes_per_s",
    "seed_relationships_per_s",
    "load_s",
    "load_rows_per_s",
    "load_peak_rss_mib",
    "tie_network_s",
    "pairs",
    "cheapest_path_median_s",
    "cheapest_path_p95_s",
    "peak_rss_mib",
]
SQLITE = [
    *BOTH,
    "disk_mib",
    "upsert_rows_per_s",
    "k5_paths_median_s",
    "k5_paths_p95_s",
    "coverage_matrix_s",
    "pagerank_s",
    "betweenness_s",
    "betweenness_sources",
    "communities_s",
    "communities",
    "view_layout_s",
    "view_s",
    "view_nodes",
    "view_edges",
    "view_html_s",
    "view_html_mib",
    "view_payload_mib",
    "explore_first_run_s",
    "explore_rerun_s",
    "explore_rerun_after_edit_s",
    "explore_drawn",
    "explore_peak_rss_mib",
    "explore_first_run_kept_s",
    "explore_peak_rss_mib_kept",
    # Beside the fastest peer library (benchmarks/peers.py).
    *(
        f"{key}_{figure}"
        for key in ("ready", "pagerank", "betweenness", "communities", "view_nodes")
        for figure in ("peer_s", "ratio")
    ),
    *(f"{key}_{figure}" for key in ("cheapest_path", "k5_paths") for figure in ("peer_median_s", "ratio")),
    "modularity",
    "communities_best_peer_modularity",
]
NEO4J = [
    *BOTH,
    "cypher_shortest_path_median_s",
    "cypher_shortest_path_p95_s",
    "cypher_over_cheapest_path_ratio",
]


def bench(tmp_path, *args: str) -> dict:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--sizes",
            "1000",
            "--pairs",
            "30",
            "--json",
            str(out),
            *args,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "| figure |" in done.stdout  # the table
    assert "| graphkit s | best peer |" in done.stdout  # and the analyses beside their peers
    return json.loads(out.read_text())


def assert_figures(run: dict, keys: list[str]) -> None:
    missing = [k for k in keys if k not in run]
    assert not missing, f"{run['store']} run lacks {missing}"
    bad = {k: run[k] for k in keys if not isinstance(run[k], int | float) or not run[k] > 0}
    assert not bad, f"{run['store']} figures not positive numbers: {bad}"


def test_the_benchmark_on_sqlite_gives_every_figure(tmp_path):
    figures = bench(tmp_path)
    assert set(figures["machine"]) >= {"cpu", "cores", "memory_gib"}
    assert figures["versions"]["networkx"] == nx.__version__
    assert figures["versions"]["graphkit_commit"]
    (run,) = figures["runs"]
    assert run["store"] == "sqlite" and run["size"] == 1000
    assert_figures(run, SQLITE)
    assert 900 <= run["relationships"] <= 1100  # about the size asked for
    assert run["pairs"] == 30
    assert run["explore_drawn"] == run["view_nodes"]  # the page draws the view the benchmark built
    # The answers agree with the peers'.
    assert run["pagerank_max_abs_diff"] < 1e-9
    assert run["betweenness_correlation"] > 0.999
    assert run["modularity"] >= run["communities_best_peer_modularity"] - 0.005
    assert run["view_nodes_agree"] is True


def test_the_benchmark_on_neo4j_gives_every_figure(tmp_path):
    url = require_neo4j()
    figures = bench(tmp_path, "--neo4j", url, "--no-app")
    assert figures["versions"]["neo4j_server"]
    sqlite, neo4j = figures["runs"]
    assert neo4j["store"] == "neo4j"
    assert_figures(neo4j, NEO4J)
    # The same graph came back from both stores.
    assert (neo4j["nodes"], neo4j["relationships"]) == (sqlite["nodes"], sqlite["relationships"])


def test_pagerank_gives_networkx_figures(tmp_path):
    generate(tmp_path, 2_000, seed=3)
    G = to_networkx(read_nodes(tmp_path), read_relationships(tmp_path))
    ours = pagerank(G)
    theirs = nx.pagerank(tie_network(G).graph, weight="warmth", tol=1e-15, max_iter=1000)
    assert ours and set(ours) <= set(theirs)
    assert max(abs(r - theirs[n]) for n, r in ours.items()) < 1e-9
    assert sum(ours.values()) == pytest.approx(sum(theirs[n] for n in ours))
