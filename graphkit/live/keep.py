"""The process that writes a store's snapshot (``graphkit.live.snapshot.keep`` starts it):
``python -m graphkit.live.keep STORE-URL``, with the figures to keep as JSON on its input; it prints
the feed position it kept, and exits non-zero when it kept nothing."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

from graphkit.live.snapshot import keep_here
from graphkit.store import open_store


def main(url: str) -> int:
    with contextlib.suppress(OSError):  # if memory runs out, the kernel should take this process first
        Path("/proc/self/oom_score_adj").write_text("1000")
    given = json.loads(sys.stdin.buffer.read() or b"{}")
    figures = {tuple(key): values for key, values in given.get("figures", [])}
    with open_store(url) as store:
        position = keep_here(store, figures, given.get("figures_at", -1))
    if position is None:
        return 1
    print(position)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
