"""The live graph: what one saved edit costs the app, and how soon another process has it.

    .venv/bin/python benchmarks/live.py                                  # 1k and 100k relationships, SQLite
    .venv/bin/python benchmarks/live.py --sizes 1000 100000 1000000 --neo4j neo4j://127.0.0.1:7689
    .venv/bin/python benchmarks/live.py --store sqlite:///$PWD/out/10m.db   # an open page on a store as it is

For each size and store: the generated graph (benchmarks/measure.py's, cached) is loaded, and two
processes each hold it as a ``LiveGraph`` (as every app process does). The writer saves one edit at a
time (a person's title, a tie's strength, as the Data page does) and brings its own graph up to date;
the reader polls the feed as fast as it can. Printed per size: the writer's CPU seconds to update its
graph after one save, the same for rereading the whole graph (what the app did before), and the
wall time from a save's commit to the other process's graph holding it. With ``--pages``, also the wall
time from a save's commit to an open page of a running app process showing it (the app's Explore
page on the stakeholder, in Chromium; the save is made here, as ``graphkit log`` or another app
process would make it): the feed look (``graphkit.live.following.FEED_SECONDS``), the page's next
comparison in memory (``FOLLOW_SECONDS``), and its rerun.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

EDITS = 20


def reader(url: str, ready, seen) -> None:
    """Hold the graph live; report when each edit's marker is in it."""
    from graphkit.live.graph import LiveGraph
    from graphkit.store import open_store

    with open_store(url) as store:
        live = LiveGraph(store)
        ready.set()
        for i in range(EDITS):
            marker = f"edit {i}"
            while live.G.nodes[TARGET[0]].get("title") != marker:
                live.refresh()
                time.sleep(0.005)
            seen.put((i, time.time()))


TARGET: list[str] = []


def measure(url: str, size: int) -> dict:
    from measure import generated_folder

    from graphkit.edits import edit_record
    from graphkit.io.csv_folder import read_nodes, read_relationships
    from graphkit.live.graph import LiveGraph
    from graphkit.model import Node
    from graphkit.store import open_store

    folder = generated_folder(size)
    with open_store(url) as store:
        if url.startswith("neo4j"):
            store.clear()
        store.upsert(read_nodes(folder), read_relationships(folder))
        person = next(n.id for n in store.nodes() if n.label == "Person")
        TARGET[:] = [person]
        t = time.process_time()
        live = LiveGraph(store)
        reread_cpu = time.process_time() - t
        ready, seen = multiprocessing.Event(), multiprocessing.Queue()
        other = multiprocessing.Process(target=reader, args=(url, ready, seen))
        other.start()
        ready.wait(600)
        update_cpu, latency = [], []
        for i in range(EDITS):
            read = store.get_node(person)
            edited = Node(read.id, read.label, read.name, {**read.props, "title": f"edit {i}"})
            store.apply(edit_record(read, edited), by="bench")
            committed = time.time()
            t = time.process_time()
            live.refresh()
            update_cpu.append(time.process_time() - t)
            _, at = seen.get(timeout=120)
            latency.append(at - committed)
        other.join(60)
    return {
        "relationships": size,
        "update_cpu_s": statistics.median(update_cpu),
        "reread_cpu_s": reread_cpu,
        "other_process_latency_s": statistics.median(latency),
        "other_process_latency_max_s": max(latency),
    }


def page_latency(url: str, person: str, edits: int = 10) -> tuple[list[float], list[float]]:
    """Seconds from each committed save to an open Explore page on ``person`` showing it: of their
    title (a change of a shown node), and of a new acquaintance (a change that reshapes the network:
    the page's view, layout and figures are built again). Each save comes at a random moment of the
    page's comparison interval, as another user's would, rather than just after the page drew the one
    before (when its next comparison is furthest away)."""
    from load import CHROMIUM, CHROMIUM_ARGS, start_app
    from playwright.sync_api import expect, sync_playwright

    from graphkit.edits import edit_record
    from graphkit.live.following import FOLLOW_SECONDS
    from graphkit.model import Node, Relationship
    from graphkit.model.changeset import ChangeSet
    from graphkit.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(url) as store, sync_playwright() as p:
        app, base = start_app(url, Path(tmp) / "app.log")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{base}/explore?focus={person}")
            titles, ties, added = [], [], []
            moment = random.Random(1)
            for i in range(edits + 1):  # the first, untimed, waits for the page's first run
                time.sleep(moment.uniform(0, FOLLOW_SECONDS))
                read = store.get_node(person)
                marker = f"page edit {i} {time.time():.0f}"
                store.apply(
                    edit_record(read, Node(read.id, read.label, read.name, {**read.props, "title": marker}))
                )
                committed = time.time()
                # Visible: the page's history names the same records in a closed section.
                expect(page.get_by_text(marker).filter(visible=True).first).to_be_visible(
                    timeout=600_000 if i == 0 else 120_000
                )
                titles.append(time.time() - committed)
                print(f"  a title shown in {titles[-1]:.2f} s", file=sys.stderr)
                if i == 0:
                    continue
                new = Node(
                    f"person-page-tie-{marker.split()[-1]}-{i}",
                    "Person",
                    f"Page Tie {i} {marker.split()[-1]}",  # not a name an earlier run left in the store
                    {"stakeholder_group": "library"},
                )
                time.sleep(moment.uniform(0, FOLLOW_SECONDS))
                store.upsert([new], [Relationship("KNOWS", person, new.id, {"strength": 3})], by="bench")
                added.append(new.id)
                committed = time.time()
                try:
                    expect(page.get_by_text(new.name).filter(visible=True).first).to_be_visible(
                        timeout=120_000
                    )
                    ties.append(time.time() - committed)
                except AssertionError:  # not shown in 2 minutes: a figure too, not the end of the run
                    ties.append(math.inf)
                print(f"  a new tie shown in {ties[-1]:.2f} s", file=sys.stderr)
            return titles[1:], ties
        finally:
            browser.close()
            app.terminate()
            app.wait(30)
            # Taken away again: the detail panel lists twelve acquaintances by name, so the ties of an
            # earlier run on the same store hid a new one there (seen as a tie never shown).
            store.apply(ChangeSet(delete_nodes=added), by="bench")


class PeakMemory:
    """The peak, over time, of the PSS of this process and every process under it (the app, its
    snapshot writer, Playwright and Chromium), sampled in a thread: what the machine must hold."""

    def __init__(self, every: float = 0.5) -> None:
        import threading

        self.peak_mib, self.at_peak = 0.0, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)
        self._thread.start()

    def _sample(self, every: float) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(every):
            sizes: dict[str, float] = {}
            for process in (me, *me.children(recursive=True)):
                try:
                    name, pss = process.name(), process.memory_full_info().pss / 2**20
                except psutil.Error:
                    continue  # ended meanwhile
                sizes[name] = sizes.get(name, 0.0) + pss
            if sum(sizes.values()) > self.peak_mib:
                self.peak_mib, self.at_peak = sum(sizes.values()), sizes

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        top = sorted(self.at_peak.items(), key=lambda kv: -kv[1])
        return {"all_processes_peak_pss_mib": self.peak_mib, "at_peak_mib": {k: round(v) for k, v in top}}


def existing(url: str) -> dict:
    """An open page's latency on a store as it is (``--store``: no seeding, no two-process test), with
    the peak PSS of every process meanwhile."""
    from graphkit.store import open_store

    with open_store(url) as store:
        person = next(n.id for n in store.nodes() if n.label == "Person")
    memory = PeakMemory()
    titles, ties = page_latency(url, person)
    return {
        "store": url,
        "page_latency_s": statistics.median(titles),
        "page_latency_max_s": max(titles),
        "page_reshape_latency_s": statistics.median(ties),
        "page_reshape_latency_max_s": max(ties),
    } | memory.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--neo4j", metavar="URL", help="also measure this Neo4j store (it is emptied!)")
    parser.add_argument("--no-sqlite", action="store_true", help="only the Neo4j store")
    parser.add_argument(
        "--pages", action="store_true", help="also time a save to an open app page (Chromium)"
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--store",
        metavar="URL",
        help="only an open page's latency on this store as it is (its writes stay), and every process's peak PSS",
    )
    args = parser.parse_args()
    if args.store:
        print(json.dumps(existing(args.store), indent=2))
        return
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            urls = [
                *([] if args.no_sqlite else [f"sqlite:///{tmp}/live.db"]),
                *([args.neo4j] if args.neo4j else []),
            ]
            for url in urls:
                print(f"{size:,} relationships on {url.split(':')[0]} ...", file=sys.stderr)
                row = {"store": url.split(":")[0], **measure(url, size)}
                if args.pages:
                    print("  ... and an open page", file=sys.stderr)
                    titles, ties = page_latency(url, TARGET[0])
                    row["page_latency_s"], row["page_latency_max_s"] = statistics.median(titles), max(titles)
                    row["page_reshape_latency_s"], row["page_reshape_latency_max_s"] = (
                        statistics.median(ties),
                        max(ties),
                    )
                rows.append(row)
    pages = " open page shows it, median s | max s | a new tie, median s | max s |" if args.pages else ""
    print(
        "| relationships | store | update after one save, CPU s | whole reread, CPU s | other process has it, median s | max s |"
        + pages
    )
    print("|---|---|---|---|---|---|" + ("---|---|---|---|" if args.pages else ""))
    for r in rows:
        print(
            f"| {r['relationships']:,} | {r['store']} | {r['update_cpu_s']:.4f} | {r['reread_cpu_s']:.2f} "
            f"| {r['other_process_latency_s']:.3f} | {r['other_process_latency_max_s']:.3f} |"
            + (
                f" {r['page_latency_s']:.2f} | {r['page_latency_max_s']:.2f} |"
                f" {r['page_reshape_latency_s']:.2f} | {r['page_reshape_latency_max_s']:.2f} |"
                if args.pages
                else ""
            )
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    main()
