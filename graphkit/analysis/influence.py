"""Influence: who is central, who brokers access to government, which communities form, whom to manage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

import networkx as nx
import numpy as np
import scipy as sp

from graphkit.analysis.paths import resolve_sources
from graphkit.analysis.ties import DEFAULT_COSTS, TieCosts, cheapest_tree, tie_network
from graphkit.model import STAKEHOLDER_LABELS

#: Above this many nodes, betweenness is estimated from a fixed-seed sample of sources.
EXACT_BETWEENNESS_UP_TO = 1_000  # exact betweenness of 1,945 nodes took 12 s


def _is_stakeholder(G: nx.MultiDiGraph, n: str) -> bool:
    return G.nodes[n].get("label") in STAKEHOLDER_LABELS


def pagerank(G: nx.MultiDiGraph, costs: TieCosts = DEFAULT_COSTS) -> dict[str, float]:
    """PageRank of each person and organisation over the introduction network, weighted by warmth.

    The figures are ``nx.pagerank``'s (same algorithm, damping and tolerance) over the tie network's
    graph, computed straight from its adjacency: building that ``nx.Graph`` and its matrix took most of
    the time on big graphs.
    """
    ranks = _pagerank(tie_network(G, costs).adj)
    return {n: r for n, r in ranks.items() if _is_stakeholder(G, n)}


def _pagerank(
    adj: dict[str, dict[str, float]], alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> dict[str, float]:
    """networkx's scipy PageRank (``_pagerank_scipy``) of a symmetric adjacency of costs, weighted by 1 / cost."""
    n = len(adj)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(adj)}
    degrees = np.fromiter(map(len, adj.values()), dtype=np.int64, count=n)
    m = int(degrees.sum())
    rows = np.repeat(np.arange(n), degrees)
    cols = np.fromiter((index[v] for nbrs in adj.values() for v in nbrs), dtype=np.int64, count=m)
    costs = np.fromiter((c for nbrs in adj.values() for c in nbrs.values()), dtype=float, count=m)
    A = sp.sparse.csr_array((1.0 / costs, (rows, cols)), shape=(n, n))
    S = A.sum(axis=1)
    S[S != 0] = 1.0 / S[S != 0]
    A = sp.sparse.diags_array(S) @ A  # row-stochastic
    p = np.full(n, 1.0 / n)
    x = p
    dangling = np.flatnonzero(S == 0)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ A + x[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(adj, x.tolist(), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


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
    with ``seed``, so the same graph always gives the same figures.
    """
    H = tie_network(G, costs).graph
    k = None if H.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO else min(samples, H.number_of_nodes())
    scores = nx.betweenness_centrality(H, k=k, seed=seed)
    return Betweenness({n: s for n, s in scores.items() if _is_stakeholder(G, n)}, k)


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
    """Louvain communities of the introduction network (weighted by warmth, fixed ``seed``), largest
    first, each summarised by its ``top`` stakeholder groups and policy areas."""
    H = tie_network(G, costs).graph
    found = nx.community.louvain_communities(H, weight="warmth", seed=seed)
    out = []
    for group in found:
        people = sorted(m for m in group if _is_stakeholder(G, m))
        if not people:
            continue
        groups = Counter(G.nodes[m].get("stakeholder_group") for m in people)
        areas = Counter(t for m in people for _, t, k in G.out_edges(m, keys=True) if k == "ENGAGES_ON")
        out.append(Community(tuple(people), tuple(groups.most_common(top)), tuple(areas.most_common(top))))
    return sorted(out, key=lambda c: (-len(c.members), c.members[0]))


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
