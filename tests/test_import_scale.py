"""A 50 MB file imports in bounded memory: the readers stream and the importer keeps its bookkeeping on disk."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow  # imports a 50 MB file

GROUPS = ("government", "private_sector", "civil_society", "technical_community", "academia", "library")

# Runs in a child process so that its peak memory is its own. The store's SQLite page cache (up to
# 128 MiB by design) is turned down so that what is measured is graphkit's own memory.
CHILD = """
import resource, sys
from graphkit.io import open_source
from graphkit.io.importer import import_sources
from graphkit.store import open_store

store = open_store(sys.argv[1])
store._db.execute("PRAGMA cache_size=-8192")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = import_sources(store, [open_source(sys.argv[2], store)])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(report.total("added"), store.counts()["nodes"]["Person"], (after - before) // 1024)
"""


def test_a_50_mb_file_imports_in_bounded_memory(tmp_path):
    path = tmp_path / "nodes" / "Person.csv"
    path.parent.mkdir()
    rows = 0
    with path.open("w", encoding="utf-8") as f:
        f.write("id,name,title,stakeholder_group,notes\n")
        while f.tell() < 50 * 1024 * 1024:
            f.write(
                f"person-{rows:07d},Ñamé {rows} ليلى 📚,Programme officer,{GROUPS[rows % 6]},note {rows}\n"
            )
            rows += 1
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, f"sqlite:///{tmp_path / 'big.db'}", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    ).stdout.split()
    seconds = time.monotonic() - started
    added, stored, growth_mb = map(int, out)
    print(f"50 MB, {rows:,} people: {seconds:.0f} s, peak memory growth {growth_mb} MB")
    assert added == stored == rows
    # Holding the rows as records would take several hundred MB; streaming stays far below.
    assert growth_mb < 100
    assert seconds < 300
