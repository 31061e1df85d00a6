"""``graph_of`` fills NetworkX's own dicts (``_node``, ``_succ``, ``_pred``) for speed, which NetworkX
does not promise: NetworkX is held to a minor version for it (pyproject.toml), and this checks that a
graph so filled is, through every public view, the graph NetworkX's own methods build."""

from __future__ import annotations

import json

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.store.base import GraphColumns, graph_of

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


@settings(max_examples=80, deadline=None)
@given(
    nodes=st.dictionaries(ids, st.dictionaries(st.sampled_from("xy"), st.integers(0, 3)), max_size=4),
    edges=st.dictionaries(
        st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.sampled_from(["KNOWS", "WORKS_FOR"]), ids),
        st.dictionaries(st.just("w"), st.integers(0, 1)),
        max_size=8,
    ),
    chunk=st.integers(1, 3),
)
def test_columns_build_what_rows_build(nodes, edges, chunk):
    """The columnar read (``GraphColumns``, edges of equal attributes sharing a dict) gives the graph an
    edge at a time gives, in the same order; an end without a node row becomes a node without attributes."""
    node_rows = [(n, "Person", n.upper(), json.dumps(a)) for n, a in nodes.items()]
    rel_rows = [(u, v, f"{t} {json.dumps(a)}") for (u, t, v), a in edges.items()]

    def chunks(rows):
        return [rows[i : i + chunk] for i in range(0, len(rows), chunk)]

    G = GraphColumns.of_rows(chunks(node_rows), chunks(rel_rows)).graph()
    public = nx.MultiDiGraph()
    for n, a in nodes.items():
        public.add_node(n, label="Person", name=n.upper(), **a)
    for (u, t, v), a in edges.items():
        public.add_edge(u, v, key=t, type=t, **a)
    assert views(G) == views(public)
    assert list(G.edges(keys=True, data=True)) == list(public.edges(keys=True, data=True))
    assert [list(G.pred[n].items()) for n in G] == [list(public.pred[n].items()) for n in public]
