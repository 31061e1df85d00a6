"""Print how fast a generated graph is seeded into SQLite and into Neo4j (rows per second).

    .venv/bin/python benchmarks/seed_rate.py --neo4j neo4j://127.0.0.1:7687 [--nodes 100000] [--clear]

The graph is written by ``graphkit.io.synthetic.generate`` (100,000 nodes give about 540,000
relationships) and read into memory first, so the figures are those of ``Store.upsert`` (checks
and writes, one transaction) without CSV parsing. The Neo4j database must be empty, or ``--clear``
given to empty it. Targets: Neo4j >= 20,000 nodes/s and >= 10,000 relationships/s; SQLite >= 100,000
rows/s. A benchmark, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.io.synthetic import generate
from graphkit.store import Store, open_store


def seed_rate(store: Store, nodes: list, rels: list) -> tuple[float, float, float]:
    """Upsert ``nodes`` and ``rels`` in one call; return (nodes/s, relationships/s, rows/s)."""
    done = 0
    nodes_done_at = 0.0

    def progress(n: int) -> None:
        nonlocal done, nodes_done_at
        done += n
        if done == len(nodes):
            nodes_done_at = time.perf_counter()

    start = time.perf_counter()
    store.upsert(nodes, rels, progress=progress)
    end = time.perf_counter()
    return (
        len(nodes) / (nodes_done_at - start),
        len(rels) / (end - nodes_done_at),
        (len(nodes) + len(rels)) / (end - start),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--neo4j", metavar="URL", help="Neo4j store URL; without it only SQLite is measured")
    parser.add_argument("--clear", action="store_true", help="empty the Neo4j database first")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "graph"
        generate(folder, args.nodes, seed=1)
        nodes, rels = list(read_nodes(folder)), list(read_relationships(folder))
        print(f"graph: {len(nodes):,} nodes, {len(rels):,} relationships")
        targets = [("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")]
        if args.neo4j:
            targets.append(("neo4j", args.neo4j))
        for name, url in targets:
            with open_store(url) as store:
                if name == "neo4j":
                    if args.clear:
                        store.clear()
                    if any(store.counts()["nodes"].values()):
                        sys.exit(f"{store.url} is not empty: pass --clear to empty it")
                n_rate, r_rate, rate = seed_rate(store, nodes, rels)
            print(
                f"{name:>6}: {n_rate:>9,.0f} nodes/s  {r_rate:>9,.0f} relationships/s  {rate:>9,.0f} rows/s"
            )


if __name__ == "__main__":
    main()
