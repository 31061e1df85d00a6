"""What every benchmark script shares: a generated graph on disk, and timing."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from graphkit.io.synthetic import generate


def timed(fn, *args, **kwargs):
    """``(seconds, result)`` of one call."""
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def generated_folder(nodes: int, folder: Path | None = None) -> Path:
    """A generated graph of about ``nodes`` nodes in the seed's CSV layout, written once and reused."""
    folder = folder or Path(tempfile.gettempdir()) / f"graphkit-bench-{nodes}"
    if not (folder / "nodes").is_dir():
        print(f"generating {nodes:,} nodes into {folder} ...", file=sys.stderr)
        generate(folder, nodes, seed=0)
    return folder
