"""Property: an upsert writes everything it was given, or raises ValidationError and writes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from conftest import BACKENDS, open_backend, small_world, snapshot
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graphkit.errors import ValidationError
from graphkit.model import Node, Relationship

# Mostly valid values, so that both outcomes are common; the rest are each a kind of mistake.
people = ["person-amara", "person-lucas", "person-zoe", "person-ines", "p0", "p1"]
ids = st.sampled_from([*people, *people, "p2", "org-kla", "pa-access", "", "has space"])
groups = st.sampled_from(["library", "government", "civil_society", "library", "pirates", ""])
strengths = st.one_of(st.integers(1, 5), st.integers(1, 5), st.sampled_from([0, 6, "high"]), st.none())
nodes = st.builds(
    lambda i, name, group: Node(i, "Person", name, {"stakeholder_group": group} if group else {}),
    st.sampled_from(["p0", "p1", "p0", "p1", "person-zoe", "org-kla", ""]),
    st.text(min_size=1, max_size=12),
    groups,
)
rels = st.builds(
    lambda t, a, b, s: Relationship(t, a, b, {"strength": s} if s is not None and t == "KNOWS" else {}),
    st.sampled_from(["KNOWS", "KNOWS", "KNOWS", "WORKS_FOR", "LIKES"]),
    ids,
    ids,
    strengths,
)


@pytest.mark.slow_on_neo4j
@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    batch_nodes=st.lists(nodes, max_size=8),
    batch_rels=st.lists(rels, max_size=8),
    batch_size=st.integers(1, 4),
)
def test_upsert_is_all_or_nothing(backend, batch_nodes, batch_rels, batch_size):
    with tempfile.TemporaryDirectory() as tmp, open_backend(backend, Path(tmp)) as store:
        store.upsert(*small_world())
        before = snapshot(store)
        store.batch_size = batch_size
        try:
            store.upsert(batch_nodes, batch_rels)
        except ValidationError as e:
            assert e.problems
            assert snapshot(store) == before
            event("refused")
            return
        event("written")
        after_nodes, after_rels = snapshot(store)
        last = {n.id: n for n in batch_nodes}  # later rows win
        for n in last.values():
            assert after_nodes[n.id] == ("Person", n.name, n.props)
        for r in batch_rels:
            assert r.key in after_rels
