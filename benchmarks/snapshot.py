"""The snapshot a SQLite store keeps beside its file (``graphkit.live.snapshot``): its size, what
writing it costs (the writing process's time and peak PSS, sampled with psutil), and loading it beside
reading the store (``Store.export``), in one run.

    .venv/bin/python benchmarks/snapshot.py sqlite:///out/1m.db

The store's kept file is written anew (the one there is replaced).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import subprocess
import sys
import time

import psutil


def write(url: str) -> dict:
    """Run the writing process as the app does; its wall time and peak PSS."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "graphkit.live.keep", url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdin is not None
    child.stdin.write(json.dumps({"figures_at": -1, "figures": []}).encode())
    child.stdin.close()
    peak = 0.0
    watched = psutil.Process(child.pid)
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, watched.memory_full_info().pss / 2**20)  # shared pages divided among sharers
        time.sleep(0.05)
    took = time.perf_counter() - started
    err = child.stderr.read() if child.stderr else b""
    assert child.returncode == 0, err.decode(errors="replace")
    return {"write_s": round(took, 2), "writer_peak_pss_mib": round(peak)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url", help="a SQLite store, sqlite:///path")
    parser.add_argument("--rounds", type=int, default=2, help="turns of loading and reading")
    args = parser.parse_args()

    from graphkit.live import snapshot
    from graphkit.store import open_store

    f = write(args.url)
    with open_store(args.url) as store:
        assert store.kept is not None
        f["size_mib"] = round(store.kept.path.stat().st_size / 2**20, 1)
        loads, reads = [], []
        for _ in range(args.rounds):
            gc.collect()
            t = time.perf_counter()
            kept = snapshot.load(store)
            loads.append(time.perf_counter() - t)
            assert kept is not None
            del kept
            gc.collect()
            t = time.perf_counter()
            store.export()
            reads.append(time.perf_counter() - t)
    f |= {"load_s": round(min(loads), 2), "export_s": round(min(reads), 2)}
    f["load_per_export"] = round(f["load_s"] / f["export_s"], 2)
    print(json.dumps(f, indent=1))


if __name__ == "__main__":
    main()
