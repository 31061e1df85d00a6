"""One size on one store, measured in this process; ``run.py`` starts one of these per size and store.

.venv/bin/python benchmarks/measure.py 10000 sqlite:///tmp/bench.db     # prints the figures as JSON
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

import peers

from graphkit.analysis.coverage import coverage_matrix
from graphkit.analysis.influence import betweenness, communities, pagerank
from graphkit.analysis.paths import default_coalition, engagement_paths
from graphkit.analysis.ties import tie_network
from graphkit.edits import edit_record
from graphkit.io.csv_folder import node_files, read_nodes, read_relationships
from graphkit.io.synthetic import generate
from graphkit.model import Node
from graphkit.store import open_store
from graphkit.viz import layout, most_relevant, network_view

REPO = Path(__file__).resolve().parent.parent
#: Relationships per generated graph, by default.
SIZES_RELS = [1_000, 10_000, 100_000, 1_000_000]
#: The biggest view the Explore page allows (its "Most nodes to draw" slider).
VIEW_NODES = 1_000
#: Neo4j's answer to the same question as our cheapest path, on fewest hops over the same tie types.
SHORTEST_PATH = (
    "MATCH (a:Person {id: $source}), (b:Person {id: $target}) "
    "MATCH p = shortestPath((a)-[:KNOWS|WORKS_FOR|MEMBER_OF|PARTNERS_WITH|ATTENDS*..6]-(b)) "
    "RETURN length(p) AS hops"
)


def timed(fn, *args, **kwargs):
    """``(seconds, result)`` of one call."""
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


def median_timed(fn, *args, cheap: float = 1.0, **kwargs):
    """``(median seconds, result)``: three calls when one takes under ``cheap`` seconds, else one."""
    t, result = timed(fn, *args, **kwargs)
    times = [t] + ([timed(fn, *args, **kwargs)[0] for _ in range(2)] if t < cheap else [])
    return statistics.median(times), result


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def peak_rss_mib() -> float:
    """The peak resident memory of this process (VmHWM: unlike ru_maxrss, it starts afresh at exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generated_folder(relationships: int, root: Path | None = None) -> Path:
    """A generated graph of about ``relationships`` relationships, written once into the temp folder and reused.

    The generator takes a node count (about 5.4 relationships per node on big graphs, fewer on
    small ones), so the count is corrected once from the first try.
    """
    root = root or Path(tempfile.gettempdir()) / "graphkit-bench"
    chosen = root / f"rels-{relationships}"
    if (chosen / "nodes").is_dir():
        return chosen.resolve()
    nodes = max(100, round(relationships / 5.4))
    for _ in range(3):
        folder = root / f"nodes-{nodes}"
        if not (folder / "counts.json").is_file():
            print(f"generating {nodes:,} nodes into {folder} ...", file=sys.stderr)
            counts = generate(folder, nodes, seed=0)
            (folder / "counts.json").write_text(json.dumps(counts))
        got = sum(json.loads((folder / "counts.json").read_text())["relationships"].values())
        if abs(got - relationships) <= 0.02 * relationships:
            break
        nodes = max(100, round(nodes * relationships / got))
    chosen.parent.mkdir(parents=True, exist_ok=True)
    chosen.unlink(missing_ok=True)
    chosen.symlink_to(folder.name)
    return chosen.resolve()


def machine() -> dict:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        "platform": platform.platform(),
    }


def versions(neo4j_url: str | None = None) -> dict:
    commit = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty", "--abbrev=12"],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    ).stdout.strip()
    found = {
        "python": platform.python_version(),
        "networkx": version("networkx"),
        "scipy": version("scipy"),
        "streamlit": version("streamlit"),
        "neo4j_driver": version("neo4j"),
        "neo4j_server": None,
        "sqlite": sqlite3.sqlite_version,
        "graphkit_commit": commit or None,
    }
    if neo4j_url:
        with open_store(neo4j_url) as store:
            rows = store.query("CALL dbms.components() YIELD name, versions, edition")
            found["neo4j_server"] = " ".join(f"{r['versions'][0]} {r['edition']}" for r in rows)
    return found


def _folder_mib(*folders: Path) -> float:
    return sum(p.stat().st_size for f in folders if f.is_dir() for p in f.rglob("*") if p.is_file()) / 2**20


def seed(store, folder: Path) -> dict:
    """Load the folder as ``graphkit seed`` does: CSV rows straight into one ``Store.upsert``."""
    n_nodes = sum(max(sum(1 for _ in p.open("rb")) - 1, 0) for p in node_files(folder))
    marks = [0, 0.0]  # rows written so far; when the last node was written

    def progress(n: int) -> None:
        marks[0] += n
        if marks[0] == n_nodes:
            marks[1] = time.perf_counter()

    start = time.perf_counter()
    written = store.upsert(read_nodes(folder), read_relationships(folder), progress=progress)
    end = time.perf_counter()
    return {
        "seed_s": end - start,
        "seed_rows_per_s": (written.nodes + written.relationships) / (end - start),
        "seed_nodes_per_s": written.nodes / (marks[1] - start),
        "seed_relationships_per_s": written.relationships / (end - marks[1]),
    }


def pairs_of(G, net, n: int) -> list[tuple[str, str]]:
    """``n`` random (person, government person) pairs, the same for the same graph."""
    rng = random.Random(0)
    people = sorted(p for p, d in G.nodes(data=True) if d.get("label") == "Person")
    officials = [p for p in people if G.nodes[p].get("stakeholder_group") == "government" and p in net.adj]
    return [(rng.choice(people), rng.choice(officials or people)) for _ in range(n)]


def paths(G, pairs: list[tuple[str, str]]) -> dict:
    cheapest, five, found = [], [], 0
    for source, target in pairs:
        t1, answer = timed(engagement_paths, G, source, target, k=1)
        t5, _ = timed(engagement_paths, G, source, target, k=5)
        cheapest.append(t1)
        five.append(t5)
        found += bool(answer.paths)
    return {
        "pairs": len(pairs),
        "pairs_with_a_path": found,
        "cheapest_path_median_s": statistics.median(cheapest),
        "cheapest_path_p95_s": percentile(cheapest, 95),
        "k5_paths_median_s": statistics.median(five),
        "k5_paths_p95_s": percentile(five, 95),
    }


def against_cypher(store, G, pairs: list[tuple[str, str]]) -> dict:
    """Our cheapest path beside Cypher's shortestPath for the same pairs, interleaved pair by pair."""
    ours, theirs = [], []
    for source, target in pairs:
        ours.append(timed(engagement_paths, G, source, target, k=1)[0])
        theirs.append(timed(store.query, SHORTEST_PATH, source=source, target=target)[0])
    return {
        "pairs": len(pairs),
        "cheapest_path_median_s": statistics.median(ours),
        "cheapest_path_p95_s": percentile(ours, 95),
        "cypher_shortest_path_median_s": statistics.median(theirs),
        "cypher_shortest_path_p95_s": percentile(theirs, 95),
        "cypher_over_cheapest_path_ratio": statistics.median(theirs) / statistics.median(ours),
    }


def analyses(G) -> dict:
    coalition = default_coalition(G)
    f: dict = {}
    f["coverage_matrix_s"], _ = median_timed(coverage_matrix, G, coalition)
    ranks = pagerank(G)  # timed beside its peers (peers.py)
    f["betweenness_sources"] = betweenness(G).sampled_sources or G.number_of_nodes()
    f["communities"] = len(communities(G))
    # The Explore page's picture at its biggest: layout once per view, then the view on every rerun.
    f["view_layout_s"], positions = median_timed(lambda: layout(G, most_relevant(G, VIEW_NODES, ranks)))
    f["view_s"], view = median_timed(
        network_view, G, sizes=ranks, max_nodes=VIEW_NODES, positions=positions, about=G
    )
    f["view_nodes"] = view.shown
    f["view_edges"] = len(view.edges)
    f["view_html_s"], html = median_timed(view.html)
    f["view_html_mib"] = len(html.encode()) / 2**20
    payload = {"nodes": view.nodes, "edges": view.edges, "named": view.named, "options": view.options}
    f["view_payload_mib"] = len(json.dumps(payload).encode()) / 2**20
    return f


def explore_page(url: str, focused: bool = False) -> dict:
    """The Explore page (AppTest) drawing its capped view (``focused``: a person's neighbourhood, as a
    shared link ``?focus=<id>`` opens it): the first run reads the graph and lays it out; the reruns
    after it find those in the app's caches, as a user's clicks do."""
    from streamlit.testing.v1 import AppTest

    os.environ["GRAPHKIT_STORE"] = url
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=1800)
    if focused:
        with open_store(url) as store:
            at.query_params["focus"] = next(n.id for n in store.nodes() if n.label == "Person")
    else:  # the capped view, not the coalition's
        at.session_state["explore_start"] = "The most influential of all"
    start = time.perf_counter()
    at.run()
    at.switch_page("graphkit/app/explore.py").run()
    slider = next((s for s in at.sidebar.select_slider if s.label == "Most nodes to draw"), None)
    if slider is None:  # seen once at 10M: the run ended early; say what the page showed instead
        shown = [e.message for e in at.exception] + [e.value for e in (*at.error, *at.warning, *at.info)]
        raise RuntimeError(f"the Explore page drew no 'Most nodes to draw'; it showed: {shown}")
    if not focused:
        slider.set_value(VIEW_NODES).run()
    first = time.perf_counter() - start
    reruns = [timed(at.run)[0] for _ in range(3)]
    # Another process's edit (a title): the rerun it brings, with what the page keeps per change.
    edited = []
    with open_store(url) as writer:
        person = next(n.id for n in writer.nodes() if n.label == "Person")
        for i in range(3):
            read = writer.get_node(person)
            props = {**read.props, "title": f"measured {i} {time.time()}"}
            writer.apply(edit_record(read, Node(read.id, read.label, read.name, props)))
            time.sleep(1.0)  # the app's feed thread has it by now (it looks every 0.2 s)
            edited.append(timed(at.run)[0])
    if at.exception:
        raise RuntimeError(f"the Explore page failed: {at.exception[0].message}")
    for thread in threading.enumerate():
        if thread.name == "graphkit-keep":
            thread.join()  # the graph kept for the next process
    (component,) = at.get("component_instance")
    drawn = len(json.loads(component.proto.json_args)["nodes"])
    return {
        "explore_first_run_s": first,
        "explore_rerun_s": statistics.median(reruns),
        "explore_rerun_after_edit_s": statistics.median(edited),
        "explore_drawn": drawn,
    }


def measure(size: int, url: str, pairs: int, neo4j_data: Path | None = None, app: bool = True) -> dict:
    folder = generated_folder(size)
    store = open_store(url)
    kind = "neo4j" if url.startswith(("neo4j", "bolt")) else "sqlite"
    f: dict = {"size": size, "store": kind}
    if kind == "neo4j":
        store.clear()
    f |= seed(store, folder)
    if kind == "sqlite":
        # Store.upsert alone (checks and writes), of records already in memory, into a new file.
        records = list(read_nodes(folder)), list(read_relationships(folder))
        with open_store(f"sqlite:///{store.path.with_suffix('.upsert.db')}") as other:
            t, _ = timed(other.upsert, *records)
        f["upsert_rows_per_s"] = (len(records[0]) + len(records[1])) / t
        del records
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store.path.with_suffix('.upsert.db')}{suffix}").unlink(missing_ok=True)
        store.close()
        with sqlite3.connect(store.path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        f["disk_mib"] = store.path.stat().st_size / 2**20
        store = open_store(url)
    else:
        # The store files as they are (Community has no procedure to force a checkpoint), without the
        # transaction logs, which Neo4j preallocates (256 MiB however small the graph).
        f["disk_mib"] = _folder_mib(neo4j_data / "databases" / "neo4j") if neo4j_data else None
    gc.collect()
    f["load_s"], G = timed(store.export)
    f["load_peak_rss_mib"] = peak_rss_mib()
    f["nodes"], f["relationships"] = G.number_of_nodes(), G.number_of_edges()
    f["load_rows_per_s"] = (f["nodes"] + f["relationships"]) / f["load_s"]
    f["tie_network_s"], net = timed(tie_network, G)  # once: it is kept per graph
    chosen = pairs_of(G, net, pairs)
    if kind == "neo4j":
        f |= against_cypher(store, G, chosen)
    else:
        f |= paths(G, chosen)
        f |= analyses(G)
    f["peak_rss_mib"] = peak_rss_mib()
    if kind == "sqlite":
        f |= peers.side_by_side(G, url, chosen, VIEW_NODES)
    store.close()
    del G, net
    gc.collect()
    if kind == "sqlite" and app:
        f |= explore_in_new_processes(size, url)
    return f


def explore_in_new_processes(size: int, url: str) -> dict:
    """The Explore page in a process of its own (so that its peak memory is the page's alone): once
    with no graph kept beside the store, as on a store's first day; then once more, starting from the
    snapshot the first process kept (``graphkit.live.snapshot``), as every app start after that."""
    open_store(url).kept.discard()
    cmd = [sys.executable, __file__, str(size), url, "--explore-only"]
    first, kept = (
        json.loads(subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout) for _ in "12"
    )
    return first | {
        "explore_first_run_kept_s": kept["explore_first_run_s"],
        "explore_peak_rss_mib_kept": kept["explore_peak_rss_mib"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="relationships")
    parser.add_argument("url", help="the store (a Neo4j database is emptied first)")
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--neo4j-data", type=Path)
    parser.add_argument("--no-app", action="store_true")
    parser.add_argument("--explore-only", action="store_true", help="only the Explore page, and its peak RSS")
    parser.add_argument(
        "--focused",
        action="store_true",
        help="with --explore-only: the page on a person, not the capped view",
    )
    parser.add_argument(
        "--ready-only",
        action="store_true",
        help="only the store read into a graph ready for analysis, and its peak RSS",
    )
    args = parser.parse_args()
    if args.ready_only:  # as an app process starts with nothing kept: export, tie network, its compact form
        store = open_store(args.url)
        took, _ = timed(lambda: tie_network(store.export()).compact)
        json.dump({"ready_s": took, "ready_peak_rss_mib": peak_rss_mib()}, sys.stdout)
        return
    if args.explore_only:
        # The snapshot's writer (graphkit.live.keep) is measured by benchmarks/snapshot.py, as PSS: its
        # RUSAGE_CHILDREN peak counted the page's own memory, shared with it before the exec.
        json.dump(explore_page(args.url, args.focused) | {"explore_peak_rss_mib": peak_rss_mib()}, sys.stdout)
        return
    figures = measure(args.size, args.url, args.pairs, args.neo4j_data, app=not args.no_app)
    json.dump(figures, sys.stdout)


if __name__ == "__main__":
    main()
