"""Write speed of this checkout beside another version of graphkit, interleaved in one run on one graph.

    .venv/bin/python benchmarks/writes.py --against 2543d8b            # 200,000 relationships, SQLite
    .venv/bin/python benchmarks/writes.py --against main --size 50000 --rounds 5

Each round runs both versions, each in a fresh process, on the same generated graph (the
benchmark's cached one): seeding an empty store from its CSV folder as ``graphkit seed`` does,
``Store.upsert`` of the same records already in memory into an empty store, an upsert that
changes every row (each record written again with one field changed, so each gets a history row),
and ``graphkit import`` of a CSV folder that changes every row of the seeded store (the importer:
check, merge with what is stored, write).
Medians over the rounds are printed side by side with their ratio; the cores are shared and noisy,
so only the ratio within one run means anything.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIGURES = [
    ("seed_rows_per_s", "seed from CSV rows/s"),
    ("upsert_rows_per_s", "Store.upsert of records in memory rows/s"),
    ("rewrite_changed_rows_per_s", "upsert changing every row rows/s"),
    ("import_changed_rows_per_s", "graphkit import of a CSV folder changing every row rows/s"),
]


def child(root: Path, folder: Path, work: Path) -> dict:
    """Measure the version of graphkit at ``root`` (imported from there, not from the installed one)."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__]
    sys.path.insert(0, str(root))
    from graphkit.io import open_source
    from graphkit.io.csv_folder import FolderWriter, read_nodes, read_relationships
    from graphkit.io.importer import import_sources
    from graphkit.model import Node, Relationship
    from graphkit.store import open_store

    def rate(rows: int, start: float) -> float:
        return rows / (time.perf_counter() - start)

    with open_store(f"sqlite:///{work / 'seed.db'}") as s:
        start = time.perf_counter()
        done = s.upsert(read_nodes(folder), read_relationships(folder))
        seed = rate(done.nodes + done.relationships, start)
        nodes, rels = list(read_nodes(folder)), list(read_relationships(folder))
        with FolderWriter(work / "changed") as w:
            w.nodes(Node(n.id, n.label, n.name, {**n.props, "notes": "checked"}) for n in nodes)
            w.relationships(
                Relationship(r.type, r.source, r.target, {**r.props, "notes": "checked"}) for r in rels
            )
        start = time.perf_counter()
        import_sources(s, [open_source(work / "changed", s)])
        imported = rate(len(nodes) + len(rels), start)
    with open_store(f"sqlite:///{work / 'upsert.db'}") as s:
        start = time.perf_counter()
        s.upsert(nodes, rels)
        upsert = rate(len(nodes) + len(rels), start)
        changed_nodes = [Node(n.id, n.label, n.name, {**n.props, "notes": "checked"}) for n in nodes]
        changed_rels = [
            Relationship(r.type, r.source, r.target, {**r.props, "notes": "checked"}) for r in rels
        ]
        start = time.perf_counter()
        s.upsert(changed_nodes, changed_rels, action="import")
        rewrite = rate(len(nodes) + len(rels), start)
    return {
        "seed_rows_per_s": seed,
        "upsert_rows_per_s": upsert,
        "rewrite_changed_rows_per_s": rewrite,
        "import_changed_rows_per_s": imported,
    }


def run_child(root: Path, folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as work:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(root), str(folder), work],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", default="main", help="a git revision to compare with (default: main)")
    parser.add_argument("--size", type=int, default=200_000, help="relationships (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("ROOT", "FOLDER", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*map(Path, args.child))))
        return
    sys.path.insert(0, str(HERE))
    from measure import generated_folder

    folder = generated_folder(args.size)
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(other), args.against],
            check=True,
        )
        try:
            runs: dict[str, list[dict]] = {"this": [], args.against: []}
            for i in range(args.rounds):
                print(f"round {i + 1} of {args.rounds} ...", file=sys.stderr)
                runs["this"].append(run_child(REPO, folder))
                runs[args.against].append(run_child(other, folder))
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(other)], check=True)
    print(f"{args.size:,} relationships, SQLite, median of {args.rounds} interleaved rounds")
    print(f"| figure | this checkout | {args.against} | ratio |\n|---|---|---|---|")
    for key, words in FIGURES:
        mine = statistics.median(r[key] for r in runs["this"])
        theirs = statistics.median(r[key] for r in runs[args.against])
        print(f"| {words} | {mine:,.0f} | {theirs:,.0f} | {mine / theirs:.2f} |")


if __name__ == "__main__":
    main()
