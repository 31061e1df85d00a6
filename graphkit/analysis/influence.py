"""Influence: who is central, who brokers access to government, which communities form, whom to manage."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import fmean

import igraph
import networkx as nx
import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.linalg import LinearOperator, cg

from graphkit.analysis.paths import resolve_sources
from graphkit.analysis.ties import (
    DEFAULT_COSTS,
    Rows,
    TieCosts,
    TieNetwork,
    cheapest_tree,
    igraph_random,
    tie_network,
)
from graphkit.model import STAKEHOLDER_LABELS

#: Above this many nodes, betweenness is estimated from a fixed-seed sample of sources.
EXACT_BETWEENNESS_UP_TO = 1_000  # exact betweenness of 1,945 nodes took 12 s
#: Leiden passes: two found higher modularity than Louvain at 185,000 nodes in 2 s; until stable took 70 s.
LEIDEN_ITERATIONS = 2


def _is_stakeholder(G: nx.MultiDiGraph, n: str) -> bool:
    return G.nodes[n].get("label") in STAKEHOLDER_LABELS


def pagerank(G: nx.MultiDiGraph, costs: TieCosts = DEFAULT_COSTS, alpha: float = 0.85) -> dict[str, float]:
    """PageRank of each person and organisation over the introduction network, weighted by warmth.

    Solved as a linear system (``stationary``), not by power iteration stopped early: the figures are
    ``nx.pagerank(tie_network(G).graph, alpha, weight="warmth")`` run to convergence, to within 1e-9
    (``nx.pagerank``'s default tolerance, N x 1e-6 in total, let the top of the ranking drift at scale).

    >>> from graphkit.examples import small_world_graph
    >>> [(n, round(r, 2)) for n, r in top(pagerank(small_world_graph()), 2)]
    [('person-lucas', 0.24), ('person-amara', 0.23)]
    """
    return pagerank_later(G, costs, alpha)()


def pagerank_later(
    G: nx.MultiDiGraph, costs: TieCosts = DEFAULT_COSTS, alpha: float = 0.85
) -> Callable[[], dict[str, float]]:
    """``pagerank`` in two steps: what reads ``G`` (its tie network's rows and stakeholders) now, and
    the solving, which reads nothing of ``G``, when the function returned is called. A graph kept up
    to date from the feed need not be held still while it solves (seconds at 10M relationships)."""
    net = tie_network(G, costs)
    rows = net.rows
    if not net.stakeholder_names:  # looked up in G now, and kept with the network for the solving
        return dict
    return lambda: _of_stakeholders(net, stationary(rows, alpha))


def stationary(rows: Rows, alpha: float = 0.85) -> np.ndarray:
    """PageRank of each node of an undirected network in compressed rows, weighted by warmth (1 / cost).

    A tie network has no node without a tie, so PageRank ``x = alpha * A D^-1 x + (1 - alpha) / n``
    (A the warmth of each pair, D each node's total) is ``x = D^1/2 z`` for the ``z`` that solves
    ``(I - alpha D^-1/2 A D^-1/2) z = (1 - alpha) / n * D^-1/2 1``: symmetric and positive definite,
    so scipy's conjugate gradients solve it, to a relative residual of 1e-12, in about a quarter of
    power iteration's steps. Each step is a sparse product in C that lets other threads run: a page
    served meanwhile is not held up, as it was by igraph's PRPACK, which holds the interpreter.

    >>> from graphkit.analysis.ties import Rows
    >>> path = Rows(np.array([0, 1, 3, 4]), np.array([1, 0, 2, 1], dtype=np.int32), np.ones(4))
    >>> stationary(path).round(3).tolist()
    [0.257, 0.486, 0.257]
    """
    starts, neighbours, cost = rows
    n = len(starts) - 1
    warmth = csr_array((1.0 / cost, neighbours, starts), (n, n))
    root = np.sqrt(warmth @ np.ones(n))
    # D^-1/2 A D^-1/2 z as a product with A, scaled on either side: no matrix of its own.
    system = LinearOperator((n, n), matvec=lambda z: z - alpha * (warmth @ (z / root)) / root, dtype=float)
    z, failed = cg(system, (1 - alpha) / n / root, rtol=1e-12, maxiter=10 * n)
    if failed:
        raise ArithmeticError(f"PageRank did not converge in {failed} steps")
    x = z * root
    return x / x.sum()


def _of_stakeholders(net: TieNetwork, values: list[float] | np.ndarray) -> dict[str, float]:
    return dict(zip(net.stakeholder_names, np.asarray(values)[net.stakeholders].tolist(), strict=True))


@dataclass(frozen=True)
class Betweenness:
    """Betweenness of each stakeholder, and how it was computed."""

    scores: dict[str, float]
    sampled_sources: int | None  # None: exact


def betweenness(
    G: nx.MultiDiGraph, costs: TieCosts = DEFAULT_COSTS, samples: int = 50, seed: int = 0
) -> Betweenness:
    """How often each stakeholder lies on the shortest (fewest-hop) paths between others.

    Exact up to EXACT_BETWEENNESS_UP_TO nodes; above, estimated from ``samples`` sources drawn
    with ``seed``, so the same graph always gives the same figures. Either way the figures are
    ``nx.betweenness_centrality(tie_network(G).graph, k, seed=seed)``'s (same sources, same
    scaling), counted in C by igraph.
    """
    net = tie_network(G, costs)
    names, n = net.names, len(net.names)
    k = None if n <= EXACT_BETWEENNESS_UP_TO else min(samples, n)
    scores = [0.0] * n
    if n > 2:
        # igraph counts each pair once, NetworkX each pair both ways: hence the 2.
        if k is None:
            raw = net.compact.betweenness(directed=False)
            scores = [2 * b / ((n - 1) * (n - 2)) for b in raw]
        else:
            sources = set(random.Random(seed).sample(names, k))  # NetworkX's own draw
            raw = net.compact.betweenness(directed=False, sources=[net.index[s] for s in sources])
            of_source, of_other = 2 / ((k - 1) * (n - 2)), 2 / (k * (n - 2))
            scores = [b * (of_source if v in sources else of_other) for v, b in zip(names, raw, strict=True)]
    return Betweenness(_of_stakeholders(net, scores), k)


def top(scores: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The ``n`` highest ``scores``, highest first; equal scores by id."""
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def ranks(scores: dict[str, float]) -> dict[str, int | None]:
    """Each score's rank, to say instead of the figure: 1 for the highest, equal scores the same rank,
    and None for a score of 0 (nothing to rank: on no path, say).

    >>> ranks({"a": 0.31, "b": 0.002, "c": 0.31, "d": 0.0})
    {'a': 1, 'b': 3, 'c': 1, 'd': None}
    """
    order = sorted((v for v in scores.values() if v > 0), reverse=True)
    first: dict[float, int] = {}
    for i, v in enumerate(order, 1):
        first.setdefault(v, i)
    return {k: first.get(v) for k, v in scores.items()}


def brokers_between(
    G: nx.MultiDiGraph, n: int = 20, costs: TieCosts = DEFAULT_COSTS, seed: int = 0
) -> list[tuple[str, float]]:
    """Brokers with no coalition or stakeholder to start from: the ``n`` stakeholders with the highest
    betweenness (on most of the fewest-hop ways between two others), highest first, as ``(id, score)``.

    Needs no Initiative: any graph of ties has them.

    >>> from graphkit.examples import small_world_graph
    >>> [(n, round(b, 2)) for n, b in brokers_between(small_world_graph(), 2)]
    [('person-lucas', 0.6), ('person-amara', 0.53)]
    """
    return top(betweenness(G, costs, seed=seed).scores, n)


@dataclass(frozen=True)
class Broker:
    """A stakeholder on the cheapest paths from the coalition to ``paths`` government stakeholders."""

    stakeholder: str
    paths: int
    share: float  # of all reachable government stakeholders


def brokers(
    G: nx.MultiDiGraph,
    coalition: str | Iterable[str],
    n: int = 20,
    max_hops: int = 6,
    costs: TieCosts = DEFAULT_COSTS,
) -> list[Broker]:
    """The stakeholders who lie on the most cheapest coalition-to-government paths, most first.

    One cheapest path is taken to each government person or organisation reachable within
    ``max_hops``; coalition members and the targets themselves are not counted as brokers.

    >>> from graphkit.examples import small_world_graph
    >>> brokers(small_world_graph(), "init-dc-pal")
    [Broker(stakeholder='person-lucas', paths=1, share=0.5)]
    """
    net = tie_network(G, costs)
    members = set(resolve_sources(G, coalition))
    dist, pred, _ = cheapest_tree(net, members, max_hops, net.never_between)
    targets = [
        t
        for t in dist
        if t not in members and _is_stakeholder(G, t) and G.nodes[t].get("stakeholder_group") == "government"
    ]
    through: Counter[str] = Counter()
    for t in targets:
        step = pred[t]
        while step is not None and step not in members:
            if _is_stakeholder(G, step):
                through[step] += 1
            step = pred[step]
    total = len(targets) or 1
    ranked = sorted(through.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [Broker(s, c, c / total) for s, c in ranked]


@dataclass(frozen=True)
class Community:
    """A group of stakeholders more tied to each other than to the rest."""

    members: tuple[str, ...]
    stakeholder_groups: tuple[tuple[str, int], ...]  # largest first
    policy_areas: tuple[tuple[str, int], ...]  # most engaged first


def communities(
    G: nx.MultiDiGraph, costs: TieCosts = DEFAULT_COSTS, seed: int = 0, top: int = 3
) -> list[Community]:
    """Communities of the introduction network (weighted by warmth), largest first, each summarised by
    its ``top`` stakeholder groups and policy areas.

    Found by igraph's Leiden (modularity, LEIDEN_ITERATIONS passes), in C; the same ``seed`` always gives
    the same communities.

    >>> from graphkit.examples import small_world_graph
    >>> [c.members for c in communities(small_world_graph())]
    [('org-minicom-br', 'person-ines', 'person-lucas'), ('org-kla', 'person-amara')]
    """
    net = tie_network(G, costs)
    membership, names = clusters(net, seed).membership, net.names
    found: dict[int, list[str]] = {}
    for i in net.stakeholders.tolist():
        found.setdefault(membership[i], []).append(names[i])
    # G's adjacency, not G.out_edges: a view per member cost more than Leiden itself.
    nodes, succ = G.nodes, dict(G.adjacency())
    out = []
    for group in found.values():
        people = sorted(group)
        groups = Counter(nodes[m].get("stakeholder_group") for m in people)
        areas = Counter(t for m in people for t, keyed in succ[m].items() if "ENGAGES_ON" in keyed)
        out.append(Community(tuple(people), tuple(groups.most_common(top)), tuple(areas.most_common(top))))
    return sorted(out, key=lambda c: (-len(c.members), c.members[0]))


def clusters(net: TieNetwork, seed: int = 0) -> igraph.VertexClustering:
    """The Leiden clustering of ``net.compact`` behind ``communities`` (all nodes, by vertex)."""
    with igraph_random(seed):
        return net.compact.community_leiden(
            objective_function="modularity", weights="warmth", n_iterations=LEIDEN_ITERATIONS
        )


QUADRANTS = ("manage closely", "keep satisfied", "keep informed", "monitor")


@dataclass(frozen=True)
class GridPlace:
    """Where a stakeholder sits on the power-interest grid."""

    stakeholder: str
    influence: float
    interest: float
    quadrant: str


def power_interest_grid(
    G: nx.MultiDiGraph, policy_areas: Iterable[str] | None = None, high: float = 3.0
) -> list[GridPlace]:
    """Place each stakeholder by the mean influence and interest of their ENGAGES_ON ties.

    Only ties to ``policy_areas`` count when given. At or above ``high`` on both: manage closely;
    influence only: keep satisfied; interest only: keep informed; neither: monitor. Stakeholders
    without both figures are left out.
    """
    wanted = set(policy_areas) if policy_areas is not None else None
    scores: dict[str, tuple[list[int], list[int]]] = {}
    for s, pa, k, d in G.edges(keys=True, data=True):
        if k != "ENGAGES_ON" or (wanted is not None and pa not in wanted):
            continue
        inf, intr = scores.setdefault(s, ([], []))
        if d.get("influence") is not None:
            inf.append(d["influence"])
        if d.get("interest") is not None:
            intr.append(d["interest"])
    out = []
    for s, (inf, intr) in sorted(scores.items()):
        if not inf or not intr:
            continue
        i, t = round(fmean(inf), 2), round(fmean(intr), 2)
        quadrant = QUADRANTS[(0 if i >= high else 2) + (0 if t >= high else 1)]
        out.append(GridPlace(s, i, t, quadrant))
    return out
