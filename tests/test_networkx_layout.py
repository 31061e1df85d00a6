"""``graph_of`` fills NetworkX's own dicts (``_node``, ``_succ``, ``_pred``) for speed, which NetworkX
does not promise: NetworkX is held to a minor version for it (pyproject.toml), and this checks that a
graph so filled is, through every public view, the graph NetworkX's own methods build."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.store.base import graph_of

ids = st.sampled_from(["a", "b", "c", "d"])
nodes = st.lists(st.tuples(ids, st.dictionaries(st.sampled_from("xy"), st.integers(0, 3))), max_size=5)
edges = st.lists(
    st.tuples(
        ids, ids, st.sampled_from(["KNOWS", "WORKS_FOR"]), st.dictionaries(st.just("w"), st.integers(0, 3))
    ),
    max_size=8,
)


def views(G: nx.MultiDiGraph) -> tuple:
    return (
        dict(G.nodes(data=True)),
        sorted(G.edges(keys=True, data=True), key=repr),
        {n: sorted(G.predecessors(n)) for n in G},
        {n: sorted(G.successors(n)) for n in G},
        dict(G.in_degree()),
        dict(G.out_degree()),
        sorted(G.in_edges(keys=True, data=True), key=repr),
        sorted(G.to_undirected(as_view=True).edges(keys=True), key=repr),
        G.number_of_edges(),
    )


@settings(max_examples=80, deadline=None)
@given(nodes=nodes, edges=edges)
def test_graph_of_builds_what_networkx_builds(nodes, edges):
    filled = graph_of([(n, dict(a)) for n, a in nodes], [(u, v, k, dict(a)) for u, v, k, a in edges])
    public = nx.MultiDiGraph()
    for n, a in nodes:
        public.add_node(n, **a)
    for u, v, k, a in edges:
        public.add_edge(u, v, key=k, **a)
    assert views(filled) == views(public)
    for G in (filled, public):
        if "a" in G:
            G.remove_node("a")
    assert views(filled) == views(public)  # and it changes as NetworkX's own does
