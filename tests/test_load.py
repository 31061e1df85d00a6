"""The load test for real: 20 simulated users in Chromium against two app processes on the Neo4j
test server, for 45 s (benchmarks/load.py). Speed is measured, not tested: the figures are printed
(``pytest -s``) and written to out/load.json; what is tested is that nothing failed and nothing
acknowledged was lost.

Needs the Neo4j test server (``require_neo4j``) and Debian's Chromium; skipped without them, except
under CI. On 2 cores the browsers themselves use most of the CPU, so a user may finish one action in
the 45 s: each user saves first, and the test asks for 20 writes and one action per user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, open_backend, require_neo4j

from graphkit.store import open_store
from graphkit.store.base import default_user

# Twenty users in Chromium for 45 s, with both cores: beside the other test lane's browsers they timed out.
pytestmark = [pytest.mark.slow, pytest.mark.alone]

CHROMIUM = Path("/usr/bin/chromium")
USERS = 20
SECONDS = 45
FIGURES = REPO / "out" / "load.json"


def test_twenty_users_browse_find_paths_and_save_without_an_error_or_a_lost_write(tmp_path):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: run scripts/install-browser", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing; scripts/install-browser installs it")
    url = require_neo4j()
    open_backend("neo4j", tmp_path).close()  # empties the test database: the script seeds it
    FIGURES.parent.mkdir(exist_ok=True)
    cmd = [sys.executable, str(REPO / "benchmarks" / "load.py"), "--store", url]
    cmd += ["--users", str(USERS), "--seconds", str(SECONDS), "--processes", "2", "--json", str(FIGURES)]
    # Every open page follows the store (graphkit.live.following): each write made by one user reruns
    # the other users' pages it concerns while they work. Here each page looks every 3 s, not every
    # second: the twenty pages share one Chromium on two cores, and twenty looks a second in that one
    # browser timed its own clicks out (six errors in a run at 38 % load, none at 3 s); users on their
    # own machines each draw their one page's looks.
    env = {**os.environ, "GRAPHKIT_FOLLOW_SECONDS": "3"}
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(FIGURES.read_text())

    assert result["errors"] == []
    # A reload, as a person would, when an Explore page's run ended without its picture (benchmarks/load.py:
    # seen about once a run in CI, cause not found); more would be a new fault.
    assert result["pages_reloaded"] <= 2
    assert result["processes"] == 2 and len(result["app_cpu_s_per_process"]) == 2
    assert result["writes"]["lost"] == []
    writes = result["writes"]["acknowledged"]
    assert writes >= USERS // 3  # a third of the users start with a save
    assert result["writes"]["found"] == writes
    assert [u["user"] for u in result["per_user"]] == list(range(1, USERS + 1))
    assert all(u["save"] + u["browse"] + u["paths"] >= 1 for u in result["per_user"])
    done_kinds = {kind: figures["count"] for kind, figures in result["actions"].items()}
    assert all(done_kinds[kind] >= 1 for kind in ("save", "browse", "paths")), done_kinds
    assert sum(f["count"] for f in result["actions"].values()) == sum(
        u["save"] + u["browse"] + u["paths"] for u in result["per_user"]
    )
    assert sum(len(u["saved"]) for u in result["per_user"]) == writes == result["actions"]["save"]["count"]

    # Checked here too, with a store connection of the test's own: each user's record holds the
    # last text its page said was saved, and the history holds each saved text once, by the app's user.
    with open_store(url) as store:
        for u in result["per_user"]:
            if not u["saved"]:
                continue
            assert store.get_node(u["record"]).props["notes"] == u["saved"][-1]
            written = [
                (c.user, c.after["props"]["notes"])
                for c in store.history(u["record"], limit=10_000)
                if c.rel_type is None and c.after and c.after["props"]["notes"] in u["saved"]
            ]
            assert sorted(written) == sorted((default_user(), text) for text in u["saved"])
