"""The synthetic graph generator: valid records, every label and type, deterministic, heavy-tailed."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from graphkit.io.csv_folder import node_files, read_nodes, read_relationships, relationship_files
from graphkit.io.synthetic import NOT_GENERATED, generate
from graphkit.model import (
    NODE_LABELS,
    RELATIONSHIP_TYPES,
    endpoint_problems,
    node_problems,
    relationship_problems,
)


def _file_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in node_files(folder) + relationship_files(folder)
    }


def test_small_graph_is_valid_and_complete(tmp_path: Path) -> None:
    reported = []
    counts = generate(tmp_path, 300, seed=1, progress=reported.append)

    nodes = list(read_nodes(tmp_path))
    rels = list(read_relationships(tmp_path))
    labels = {n.id: n.label for n in nodes}
    assert len(labels) == len(nodes) == 300, "node ids are unique and the count is exact"
    assert {n.label for n in nodes} == set(NODE_LABELS) - NOT_GENERATED
    assert {r.type for r in rels} == set(RELATIONSHIP_TYPES) - NOT_GENERATED

    problems = [p for n in nodes for p in node_problems(n)]
    for r in rels:
        problems += relationship_problems(r)
        problems += endpoint_problems(r, labels.get(r.source), labels.get(r.target))
    assert problems == []
    keys = Counter(r.key for r in rels)
    assert max(keys.values()) == 1, "(source, type, target) is unique"

    assert counts["nodes"] == dict(Counter(n.label for n in nodes))
    assert counts["relationships"] == dict(Counter(r.type for r in rels))
    assert sum(reported) == len(nodes) + len(rels)


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    generate(tmp_path / "a", 500, seed=7)
    generate(tmp_path / "b", 500, seed=7)
    generate(tmp_path / "c", 500, seed=8)
    a = _file_bytes(tmp_path / "a")
    assert a == _file_bytes(tmp_path / "b")
    assert a != _file_bytes(tmp_path / "c")


def test_shape_is_heavy_tailed(tmp_path: Path) -> None:
    counts = generate(tmp_path, 5_000, seed=3)
    total = sum(counts["relationships"].values())
    assert 4 * 5_000 <= total <= 7 * 5_000

    works = [r for r in read_relationships(tmp_path) if r.type == "WORKS_FOR"]
    org_size = Counter(r.target for r in works)
    assert len(org_size) == counts["nodes"]["Organization"], "every organisation has someone working for it"
    assert max(org_size.values()) >= 20 * statistics.median(org_size.values())

    jobs = Counter(Counter(r.source for r in works).values())
    people = counts["nodes"]["Person"]
    assert sum(jobs.values()) == people, "everyone works somewhere"
    assert jobs[1] > 0.8 * people and jobs[2] > 0.05 * people and set(jobs) <= {1, 2}


@pytest.mark.parametrize("nodes", [0, 99, 3_000_001, -5])
def test_node_count_out_of_range(tmp_path: Path, nodes: int) -> None:
    with pytest.raises(ValueError, match="from 100 to 3,000,000"):
        generate(tmp_path, nodes)
