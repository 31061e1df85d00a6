"""How long the analysis takes on a generated graph: prints a table, writes the same figures as JSON.

    .venv/bin/python benchmarks/analysis.py                  # 185,000 nodes, about 1,000,000 relationships
    .venv/bin/python benchmarks/analysis.py --nodes 20000 --pairs 30 --json out/analysis.json

Timings are medians (and 95th percentiles) over random source/target pairs drawn with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
from pathlib import Path

from common import generated_folder, percentile, timed

from graphkit.analysis.coverage import coverage_matrix
from graphkit.analysis.influence import betweenness, communities, pagerank
from graphkit.analysis.paths import default_coalition, engagement_paths
from graphkit.analysis.ties import tie_network
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.store.base import to_networkx

SHORTEST_PATH = (
    "MATCH (a:Person {id: $source}), (b:Person {id: $target}) "
    "MATCH p = shortestPath((a)-[:KNOWS|WORKS_FOR|MEMBER_OF|PARTNERS_WITH|ATTENDS*..6]-(b)) "
    "RETURN length(p) AS hops"
)


def compare_with_neo4j(url: str, folder: Path, G, pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Our cheapest path beside Cypher's shortestPath (fewest hops, unweighted) for the same pairs,
    interleaved pair by pair so that both see the same machine load."""
    from graphkit.store import open_store

    with open_store(url) as store:
        counts = store.counts()
        if sum(counts["relationships"].values()) != G.number_of_edges():
            print(f"loading the graph into {store.url} ...", file=sys.stderr)
            store.clear()
            load_s, _ = timed(store.upsert, read_nodes(folder), read_relationships(folder))
            print(f"loaded in {load_s:.0f} s", file=sys.stderr)
        ours, theirs = [], []
        for source, target in pairs:
            t, _ = timed(engagement_paths, G, source, target, k=1)
            ours.append(t)
            t, _ = timed(store.query, SHORTEST_PATH, source=source, target=target)
            theirs.append(t)
    return {
        "neo4j_shortest_path_median_s": statistics.median(theirs),
        "neo4j_shortest_path_p95_s": percentile(theirs, 95),
        "cheapest_path_interleaved_median_s": statistics.median(ours),
        "neo4j_over_ours_median_ratio": statistics.median(theirs) / statistics.median(ours),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=185_000)
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--folder", type=Path, help="Reuse (or write) the generated graph here.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    parser.add_argument(
        "--neo4j",
        metavar="URL",
        help="Also time Neo4j's Cypher shortestPath for the same pairs (loads the graph there first if needed).",
    )
    args = parser.parse_args()

    folder = generated_folder(args.nodes, args.folder)
    figures: dict[str, object] = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    load_s, G = timed(lambda: to_networkx(read_nodes(folder), read_relationships(folder)))
    figures |= {
        "nodes": G.number_of_nodes(),
        "relationships": G.number_of_edges(),
        "load_csv_to_networkx_s": load_s,
    }
    net_s, net = timed(tie_network, G)
    figures["tie_network_build_s"] = net_s

    coalition = default_coalition(G)
    rng = random.Random(0)
    people = sorted(n for n, d in G.nodes(data=True) if d.get("label") == "Person")
    officials = [p for p in people if G.nodes[p].get("stakeholder_group") == "government" and p in net.adj]
    pairs = [(rng.choice(people), rng.choice(officials)) for _ in range(args.pairs)]
    cheapest, five, coalition_five = [], [], []
    found = 0
    for source, target in pairs:
        t1, a1 = timed(engagement_paths, G, source, target, k=1)
        t5, _ = timed(engagement_paths, G, source, target, k=5)
        tc, _ = timed(engagement_paths, G, coalition, target, k=5)
        cheapest.append(t1)
        five.append(t5)
        coalition_five.append(tc)
        found += bool(a1.paths)
    for name, values in (
        ("cheapest_path", cheapest),
        ("k5_paths", five),
        ("k5_paths_from_coalition", coalition_five),
    ):
        figures[f"{name}_median_s"] = statistics.median(values)
        figures[f"{name}_p95_s"] = percentile(values, 95)
    figures["pairs"] = len(pairs)
    if args.neo4j:
        figures |= compare_with_neo4j(args.neo4j, folder, G, pairs)
    figures["pairs_with_a_path"] = found

    figures["coverage_matrix_s"], _ = timed(coverage_matrix, G, coalition)
    figures["pagerank_s"], _ = timed(pagerank, G)
    figures["betweenness_sampled_s"], b = timed(betweenness, G)
    figures["betweenness_sources"] = b.sampled_sources or "exact"
    figures["louvain_s"], found_communities = timed(communities, G)
    figures["communities"] = len(found_communities)
    figures["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    width = max(len(k) for k in figures)
    for key, value in figures.items():
        shown = (
            f"{value:,.3f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
        )
        print(f"{key:<{width}}  {shown}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
