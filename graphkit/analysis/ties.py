"""The introduction network: who can introduce whom, and what each introduction costs.

Every analysis that follows ties (engagement paths, coverage reach, brokers) walks this network,
so the cost model lives here and nowhere else.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
import threading
import weakref
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

import igraph
import networkx as nx
import numpy as np

from graphkit import collector
from graphkit.graph import columns
from graphkit.graph.feed import reshaped, reshaped_since
from graphkit.model import STAKEHOLDER_LABELS

#: Relationship types along which an introduction can travel; the rest (BASED_IN, ENGAGES_ON ...)
#: describe stakeholders but introduce nobody.
TIE_TYPES = ("KNOWS", "WORKS_FOR", "MEMBER_OF", "PARTNERS_WITH", "ATTENDS")


@dataclass(frozen=True)
class TieCosts:
    """The cost of one hop: lower means a warmer introduction.

    - KNOWS: ``knows + per_missing_strength * (5 - strength) + stale * (1 - 0.5 ** (years / half_life_years))``
      where ``years`` is the time from ``last_contact`` to ``as_of`` (today when None). A strength-5
      tie met today costs 1.0; a strength-1 tie untouched for decades costs 4.0. A missing strength
      counts as ``unknown_strength``; a missing last contact as ``unknown_contact_years`` old.
    - WORKS_FOR, MEMBER_OF, ATTENDS: a person and their organisation, coalition or event. Two
      colleagues are two hops apart (``2 * works_for``), so a shared employer, coalition or event is
      a weaker tie than any KNOWS tie, with events weakest.
    - PARTNERS_WITH: two organisations that work together.

    Between two stakeholders joined by several relationships, the cheapest counts.
    """

    knows: float = 1.0
    per_missing_strength: float = 0.5
    stale: float = 1.0
    half_life_years: float = 3.0
    unknown_strength: int = 2
    unknown_contact_years: float = 3.0
    works_for: float = 2.0
    member_of: float = 2.25
    attends: float = 2.5
    partners_with: float = 2.0
    as_of: date | None = None

    def of(self, rel_type: str, props: dict, today: date) -> float | None:
        """What a hop along one relationship costs, or None when the type introduces nobody."""
        if rel_type == "KNOWS":
            strength = props.get("strength") or self.unknown_strength
            contact = props.get("last_contact")
            years = self.unknown_contact_years
            if contact:
                years = max(0.0, (today - date.fromisoformat(contact)).days / 365.25)
            fading = 1.0 - 0.5 ** (years / self.half_life_years)
            return self.knows + self.per_missing_strength * (5 - strength) + self.stale * fading
        if rel_type == "WORKS_FOR":
            return self.works_for
        if rel_type == "MEMBER_OF":
            return self.member_of
        if rel_type == "ATTENDS":
            return self.attends
        if rel_type == "PARTNERS_WITH":
            return self.partners_with
        return None

    def today(self) -> date:
        return self.as_of or date.today()


DEFAULT_COSTS = TieCosts()


def opposed_everywhere(G: nx.MultiDiGraph) -> set[str]:
    """Stakeholders who engage on at least one policy area and are ``opposed`` on all of them."""
    stances: dict[str, set[str]] = {}
    for u, _, k, d in G.edges(keys=True, data=True):
        if k == "ENGAGES_ON":
            stances.setdefault(u, set()).add(d.get("stance") or "unknown")
    return {u for u, s in stances.items() if s == {"opposed"}}


class Rows(NamedTuple):
    """A tie network in compressed rows: the neighbours of node ``i`` (its place in ``names``) are
    ``neighbours[starts[i]:starts[i + 1]]``, joined at ``cost[starts[i]:starts[i + 1]]``; each pair in
    both rows, each row in ``adj``'s order."""

    starts: np.ndarray  # int64, one more than the nodes
    neighbours: np.ndarray  # int32
    cost: np.ndarray  # float64


class TieNetwork:
    """An undirected view of who can introduce whom: people, organisations, events and coalitions,
    joined by the cheapest relationship between each pair.

    ``never_between`` holds the stakeholders who are never intermediaries: those opposed on every
    policy area they engage on.
    """

    def __init__(self, G: nx.MultiDiGraph, costs: TieCosts = DEFAULT_COSTS) -> None:
        with collector.paused():
            touched = self._build_from(G, costs)
            if touched is None:
                self._build(G, costs)
            elif touched:
                # Built from the rows G was read from, before changes from the feed that touched these
                # nodes: brought up to date by them, as a network kept since then would have been.
                self.__dict__ = self.updated(G, touched).__dict__

    def _build(self, G: nx.MultiDiGraph, costs: TieCosts) -> None:
        self.G = G
        self.costs = costs
        today = costs.today()
        adj: dict[str, dict[str, float]] = {}
        stances: dict[str, set[str]] = {}
        known: dict[tuple, float] = {}  # KNOWS costs by (strength, last contact): few distinct pairs
        fixed = {t: costs.of(t, {}, today) for t in TIE_TYPES if t != "KNOWS"}
        # One pass over the adjacency itself (G.edges' view costs a generator step per edge), in
        # G.edges' order, so that the network's node order is the same.
        for u, nbrs in G.adjacency():
            for v, keyed in nbrs.items():
                for k, d in keyed.items():
                    if k == "KNOWS":
                        key = (d.get("strength"), d.get("last_contact"))
                        c = known.get(key)
                        if c is None:
                            c = known[key] = costs.of(k, d, today)
                    elif k in fixed:
                        c = fixed[k]
                    else:
                        if k == "ENGAGES_ON":
                            stances.setdefault(u, set()).add(d.get("stance") or "unknown")
                        continue
                    if u == v:
                        continue
                    au = adj.get(u)
                    if au is None:
                        au = adj[u] = {}
                    if c < au.get(v, math.inf):
                        au[v] = c
                        av = adj.get(v)
                        if av is None:
                            av = adj[v] = {}
                        av[u] = c
        self.adj = adj
        self.never_between = frozenset(u for u, s in stances.items() if s == {"opposed"})

    def _build_from(self, G: nx.MultiDiGraph, costs: TieCosts) -> frozenset[str] | None:
        """``_build`` from the rows ``G`` was built from, if they were kept (``graphkit.graph.columns``),
        in numpy: the same pairs, costs and order (of the nodes, and of each node's neighbours), and
        ``rows`` with them. Returns the nodes that changes since then touched (None: nothing built).
        Each step in a function of its own, so that its arrays are gone before the next one's."""
        kept = columns.taken(G)
        if kept is None or len(kept[1]) > UPDATE_AT_MOST:
            return None
        rows, touched = kept
        self.G, self.costs = G, costs
        ids = rows.ids
        u, v, cost, self.never_between = _ties_in_order(rows, costs)
        del rows
        self.adj, names, self.__dict__["rows"] = _rows_of(ids, u, v, cost)
        self.__dict__["names"] = names
        return touched

    def updated(self, G: nx.MultiDiGraph, touched: Collection[str]) -> TieNetwork:
        """The network of ``G`` after changes that touched the nodes ``touched``, from this one (of
        ``G`` before them): each pair with a touched end worked out again from ``G``'s relationships,
        at the cost of their degrees; the rows of the others shared with this network, not copied.
        The same pairs and costs as ``TieNetwork(G)``; nodes new to the network come last.

        >>> from graphkit.examples import small_world_graph
        >>> G = small_world_graph()
        >>> net = TieNetwork(G)
        >>> _ = G.add_edge("person-zoe", "person-ines", key="KNOWS", type="KNOWS", strength=5)
        >>> net.updated(G, {"person-zoe", "person-ines"}).adj == TieNetwork(G).adj
        True
        """
        with collector.paused():
            net = TieNetwork.__new__(TieNetwork)
            net.G, net.costs = G, self.costs
            net._update(self, touched)
            # Whether every node stayed in the network (a node leaves when its last tie goes, and only
            # the touched nodes and their neighbours lost one): if so each keeps its place, those new
            # to it come last, and what is kept by place is brought up to date instead of built again.
            if all(x in net.adj for u in touched for x in (u, *self.adj.get(u, ())) if x in self.adj):
                if "index" in self.__dict__:
                    index = net.__dict__["index"] = dict(self.index)
                    new = itertools.islice(net.adj, len(index), None)
                    index.update((x, i) for i, x in enumerate(new, len(index)))
                if "rows" in self.__dict__:
                    net.__dict__["rows"] = net._rows_from(self, touched)
                if "stakeholders" in self.__dict__:
                    at = net.__dict__["stakeholders"] = net._stakeholders_from(self, touched)
                    was = self.stakeholders
                    if "stakeholder_names" in self.__dict__ and np.array_equal(at[: len(was)], was):
                        names = net.names  # the same, and those new to the network after them
                        net.__dict__["stakeholder_names"] = self.stakeholder_names + [
                            names[i] for i in at[len(was) :].tolist()
                        ]
            return net

    def _update(self, old: TieNetwork, changed: Collection[str]) -> None:
        G, costs, today = self.G, self.costs, self.costs.today()
        # In order: nodes new to the network are added in this order, the same in every process.
        touched = sorted(changed)
        adj = dict(old.adj)
        own: set[str] = set()  # the rows copied from ``old``'s, or new

        def row(x: str) -> dict[str, float]:
            r = adj.get(x)
            if r is None or x not in own:
                r = adj[x] = {} if r is None else dict(r)
                own.add(x)
            return r

        for u in touched:
            for v in old.adj.get(u, ()):
                row(v).pop(u, None)
            if u in adj:
                adj[u] = {}  # in its place: a node keeps its place in the network
                own.add(u)
        # A deleted node's relationships are in the feed as deleted too (Store.apply logs them), so
        # the stances of whoever engaged on a deleted policy area are worked out again here.
        stances = set(old.never_between).difference(touched)
        for u in touched:
            if u not in G:
                continue
            took: set[str] = set()
            for out, nbrs in ((True, G.succ[u]), (False, G.pred[u])):
                for v, keyed in nbrs.items():
                    for k, d in keyed.items():
                        if k == "ENGAGES_ON" and out:
                            took.add(d.get("stance") or "unknown")
                        c = costs.of(k, d, today)  # None: a type that introduces nobody
                        if c is None or u == v:
                            continue
                        if c < adj.get(u, {}).get(v, math.inf):
                            row(u)[v] = c
                            row(v)[u] = c
            if took == {"opposed"}:
                stances.add(u)
        for x in own:
            if not adj[x]:
                del adj[x]
        self.adj = adj
        self.never_between = frozenset(stances)

    def _rows_from(self, old: TieNetwork, touched: Collection[str]) -> Rows:
        """``rows`` from ``old``'s, when no node left the network: the rows whose ties changed (the
        touched nodes' and their neighbours', before and after) read again from ``adj``, the others
        moved whole."""
        adj = self.adj
        changed = {x for u in touched for x in (u, *old.adj.get(u, ()), *adj.get(u, ()))}
        starts, neighbours, cost = old.rows
        index, names, was = self.index, self.names, len(starts) - 1
        redo = sorted(index[x] for x in changed if x in adj)
        fresh = [adj[names[i]] for i in redo]
        degrees = np.zeros(len(adj), dtype=np.int64)
        degrees[:was] = np.diff(starts)
        degrees[redo] = [len(r) for r in fresh]
        now = np.concatenate(([0], np.cumsum(degrees)))
        moved = np.empty(int(now[-1]), dtype=np.int32)
        priced = np.empty(int(now[-1]))
        after = 0  # the unchanged rows between two changed ones are one block, moved at once
        for i in [*(i for i in redo if i < was), was]:
            if after < i:
                moved[now[after] : now[i]] = neighbours[starts[after] : starts[i]]
                priced[now[after] : now[i]] = cost[starts[after] : starts[i]]
            after = i + 1
        for i, row in zip(redo, fresh, strict=True):
            moved[now[i] : now[i + 1]] = list(map(index.__getitem__, row))
            priced[now[i] : now[i + 1]] = list(row.values())
        return Rows(now, moved, priced)

    def _stakeholders_from(self, old: TieNetwork, touched: Collection[str]) -> np.ndarray:
        """``stakeholders`` from ``old``'s, when no node left the network: looked up again for the
        touched nodes and those tied to them now, among whom are the nodes new to it."""
        mask = np.zeros(len(self.adj), dtype=bool)
        mask[old.stakeholders] = True
        index, nodes = self.index, self.G.nodes
        for x in {x for u in touched for x in (u, *self.adj.get(u, ()))}:
            if x in index:
                mask[index[x]] = nodes[x].get("label") in STAKEHOLDER_LABELS
        return np.flatnonzero(mask)

    @cached_property
    def min_hop_cost(self) -> float:
        """The cheapest hop in the network (0 when it has none): the cheapest path search's guide. Worked
        out when a search first asks, not by every update: it reads every row."""
        return min(map(min, map(dict.values, self.adj.values())), default=0.0)

    @cached_property
    def graph(self) -> nx.Graph:
        """The network as an nx.Graph with ``cost`` and ``warmth`` (1 / cost) on each edge."""
        H = nx.Graph()
        H.add_nodes_from(self.adj)
        H.add_edges_from(
            (u, v, {"cost": c, "warmth": 1.0 / c})
            for u, nbrs in self.adj.items()
            for v, c in nbrs.items()
            if u < v
        )
        return H

    @cached_property
    def compact(self) -> igraph.Graph:
        """The network as an igraph Graph, for the analyses igraph runs in C (betweenness,
        communities): vertex ``i`` is the ``i``-th node of ``adj`` (its id in the ``name`` attribute,
        ``names`` as a list), each pair joined once, with ``cost`` and ``warmth`` (1 / cost) on each
        edge. Built from ``rows`` on first use and kept; a changed network builds it again when asked."""
        with collector.paused():
            return self._compact()

    @cached_property
    def rows(self) -> Rows:
        """``adj`` in compressed rows, for searches and PageRank in numpy and scipy. Built on first use
        and kept; a changed network brings them up to date (``updated``) instead of building them again."""
        with collector.paused():
            adj, index = self.adj, self.index
            n = len(adj)
            degrees = np.fromiter(map(len, adj.values()), dtype=np.int64, count=n)
            m = int(degrees.sum())
            # Flattened and looked up by C-level iterators (map, chain): a generator step per entry
            # took most of the build at a million relationships.
            ends = itertools.chain.from_iterable(adj.values())
            neighbours = np.fromiter(map(index.__getitem__, ends), dtype=np.int32, count=m)
            cost = np.fromiter(
                itertools.chain.from_iterable(map(dict.values, adj.values())), dtype=float, count=m
            )
            return Rows(np.concatenate(([0], np.cumsum(degrees))), neighbours, cost)

    def _compact(self) -> igraph.Graph:
        starts, neighbours, cost = self.rows
        n = len(starts) - 1
        ends = np.repeat(np.arange(n, dtype=np.int32), np.diff(starts))
        once = ends < neighbours  # rows hold each pair both ways: once, at its first end
        u, v, cost = ends[once], neighbours[once], cost[once]
        del ends, once
        # igraph indexes the whole graph again on each add_edges: 100,000 pairs at a time grew as the
        # square of the pairs (41 s of 77 at 10M relationships). All at once (a list, or an array,
        # which igraph reads as slowly) holds 170 bytes a pair for a moment. So each call adds as
        # many as there are, between those bounds: a few calls, and little held. A list of tuples:
        # igraph reads a numpy array row by row as Python objects, 15x slower.
        g = igraph.Graph(n=n)
        at = 0
        while at < len(u):
            size = min(max(g.ecount(), 100_000), 1_000_000)
            g.add_edges(list(zip(u[at : at + size].tolist(), v[at : at + size].tolist(), strict=True)))
            at += size
        g.vs["name"] = self.names
        g.es["cost"] = cost.tolist()
        g.es["warmth"] = (1.0 / cost).tolist()
        return g

    @cached_property
    def names(self) -> list[str]:
        """Node ids in the order of ``adj`` and of ``compact``'s vertices."""
        return list(self.adj)

    @cached_property
    def stakeholders(self) -> np.ndarray:
        """The places in ``names`` of the people and organisations, in order; a changed network brings
        them up to date (``updated``): at 10M relationships a look at every node's label took seconds."""
        label = dict(self.G.nodes(data="label"))
        names = self.names
        # Looked up by C-level iterators (map): a generator step per node cost seconds at 1.85M nodes.
        found = map(STAKEHOLDER_LABELS.__contains__, map(label.__getitem__, names))
        return np.flatnonzero(np.fromiter(found, dtype=bool, count=len(names)))

    @cached_property
    def stakeholder_names(self) -> list[str]:
        """The ids of the people and organisations, in the order of ``stakeholders``."""
        return np.asarray(self.names, dtype=object)[self.stakeholders].tolist()

    @cached_property
    def index(self) -> dict[str, int]:
        """Each node's place in ``names``."""
        return {v: i for i, v in enumerate(self.names)}

    def cost(self, path: list[str]) -> float:
        """The sum of the hop costs along ``path``."""
        return sum(self.adj[u][v] for u, v in itertools.pairwise(path))

    def relationship_between(self, u: str, v: str) -> tuple[str, str, str, dict] | None:
        """The cheapest relationship joining u and v, as ``(source, type, target, props)``."""
        today = self.costs.today()
        best = None
        for a, b in ((u, v), (v, u)):
            for k, d in (self.G.get_edge_data(a, b) or {}).items():
                c = self.costs.of(k, d, today)
                if c is not None and (best is None or c < best[0]):
                    best = (c, (a, k, b, d))
        return best[1] if best else None


def _ties_in_order(
    rows: columns.EdgeColumns, costs: TieCosts
) -> tuple[np.ndarray, np.ndarray, np.ndarray, frozenset[str]]:
    """The ends and cost of each relationship of ``rows`` that introduces, in the order ``_build``
    meets them in G's adjacency (by source, then by the first row of each (source, target) pair of
    any type, then by row); and the stakeholders opposed on every policy area they engage on."""
    today = costs.today()
    ids, n = rows.ids, len(rows.ids)
    known: dict[tuple, float | None] = {}
    kind_cost = np.empty(len(rows.kinds))
    engages = np.zeros(len(rows.kinds), dtype=bool)
    opposed = np.zeros(len(rows.kinds), dtype=bool)
    for i, d in enumerate(rows.kinds):
        t = d["type"]
        key = (t, d.get("strength"), d.get("last_contact")) if t == "KNOWS" else (t,)
        c = known[key] if key in known else known.setdefault(key, costs.of(t, d, today))
        kind_cost[i] = math.nan if c is None else c
        if t == "ENGAGES_ON":
            engages[i] = True
            opposed[i] = (d.get("stance") or "unknown") == "opposed"
    s, t, kind = rows.sources, rows.targets, rows.kind
    on = engages[kind]
    took = np.bincount(s[on], minlength=n)
    took_opposed = np.bincount(s[on & opposed[kind]], minlength=n)
    never_between = frozenset(
        map(ids.__getitem__, np.flatnonzero((took > 0) & (took == took_opposed)).tolist())
    )
    _, first_row, at = np.unique(s * n + t, return_index=True, return_inverse=True)
    cost = kind_cost[kind]
    tie = np.flatnonzero(~np.isnan(cost) & (s != t))
    seq = tie[np.argsort(s[tie] * len(s) + first_row[at[tie]], kind="stable")]  # stable: by row
    return s[seq], t[seq], cost[seq], never_between


def _rows_of(
    ids: list[str], u: np.ndarray, v: np.ndarray, cost: np.ndarray
) -> tuple[dict[str, dict[str, float]], list[str], Rows]:
    """``adj`` of the ties ``u[i] - v[i]`` met in this order (see ``_ties_in_order``), as ``_build``
    fills it; its node ids in order; and its ``rows``."""
    # The network's nodes in the order _build adds them: as each first appears as u, then v.
    seen, first = np.unique(np.column_stack((u, v)).ravel(), return_index=True)
    order = seen[np.argsort(first)]
    rank = np.full(len(ids), -1, dtype=np.int64)
    rank[order] = np.arange(len(order))
    # Each pair once, with its cheapest cost and where it first came: the place of each end in
    # the other's row.
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    _, came, pair = np.unique(lo * len(ids) + hi, return_index=True, return_inverse=True)
    cheapest = np.full(len(came), math.inf)
    np.minimum.at(cheapest, pair, cost)
    x = rank[np.concatenate((lo[came], hi[came]))]
    y = rank[np.concatenate((hi[came], lo[came]))]
    by = np.argsort(x * len(u) + np.concatenate((came, came)))
    x, y, cheapest = x[by], y[by], np.concatenate((cheapest, cheapest))[by]
    names = np.asarray(ids, dtype=object)[order].tolist()
    distinct, code = np.unique(cheapest, return_inverse=True)
    hops = np.array(distinct.tolist(), dtype=object)[code].tolist()  # a float object per distinct cost
    others = np.asarray(names, dtype=object)[y].tolist()
    starts = np.flatnonzero(np.r_[True, x[1:] != x[:-1]]).tolist()
    adj = (
        {
            name: dict(zip(others[a:b], hops[a:b], strict=True))
            for name, a, b in zip(names, starts, [*starts[1:], len(x)], strict=True)
        }
        if names
        else {}
    )
    row_starts = np.concatenate(([0], np.cumsum(np.bincount(x, minlength=len(names)))))
    return adj, names, Rows(row_starts, y.astype(np.int32), cheapest)


_networks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: A network is brought up to date from the one before when the changes since touched at most this
#: many nodes (a feed's saves), and built again when more (an import).
UPDATE_AT_MOST = 10_000
_BUILDING = threading.Lock()  # one build at a time: a page asking during a background build waits for it


def tie_network(G: nx.MultiDiGraph, costs: TieCosts = DEFAULT_COSTS) -> TieNetwork:
    """The TieNetwork of G, built once per graph, cost model and change of shape from the feed.

    Analysis treats G as read-only; a graph the app changes in place from the store's change feed
    says so in ``G.graph["reshaped"]`` (``graphkit.graph.reshaped``), and gets a new network. A
    changed note or title leaves the network as it was: it reads names and notes from G itself.
    (Checking G itself for changes would cost more than most queries.) Costs that age ties to
    today (``as_of=None``) get a new network on a new day, so that an app running for days ranks
    paths by the same day it explains them by.
    """
    key = (costs, costs.today(), reshaped(G))
    with _BUILDING:
        per_graph = _networks.setdefault(G, {})
        if key not in per_graph:
            net = None
            for (was_costs, day, count), before in per_graph.items():
                touched = reshaped_since(G, count) if (was_costs, day) == key[:2] else None
                if touched is not None and len(touched) <= UPDATE_AT_MOST:
                    net = before.updated(G, touched)  # the changes' cost, not the graph's
            per_graph.clear()
            per_graph[key] = net or TieNetwork(G, costs)
        return per_graph[key]


def tie_network_again(G: nx.MultiDiGraph) -> None:
    """Build G's tie network for its current shape, if one was built for G before (after a change
    that reshapes the network, so that the next page finds it ready; a graph nobody asked a
    network of, a viewer's copy with no viewer say, costs nothing)."""
    if G in _networks:
        tie_network(G)


_IGRAPH_RANDOM = threading.Lock()


@contextmanager
def igraph_random(seed: int) -> Iterator[None]:
    """igraph draws from one process-wide generator: hold it, seeded, so that a seeded call gives the
    same answer whatever else runs (two app sessions' layouts or communities)."""
    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


# -- search -----------------------------------------------------------------------------------


def cheapest_path(
    net: TieNetwork,
    sources: Collection[str],
    target: str,
    barred: Collection[str] = frozenset(),
    banned_edges: Collection[tuple[str, str]] = frozenset(),
) -> tuple[float, list[str]] | None:
    """The cheapest path from any source to target, searching from both ends at once.

    Nodes in ``barred`` are never intermediaries (a source may still start the path); edges in
    ``banned_edges`` are not used in either direction. Returns ``(cost, path)`` or None.

    >>> from graphkit.examples import small_world_graph
    >>> net = tie_network(small_world_graph(), TieCosts(as_of=date(2026, 12, 1)))
    >>> cost, path = cheapest_path(net, ["person-amara"], "person-ines")
    >>> round(cost, 2), path
    (5.45, ['person-amara', 'person-lucas', 'person-ines'])
    """
    adj = net.adj
    if target not in adj:
        return None
    starts = [s for s in sources if s in adj and s != target]
    if not starts:
        return None
    start_set = set(starts)
    dist = ({s: 0.0 for s in starts}, {target: 0.0})
    pred: tuple[dict[str, str | None], dict[str, str | None]] = ({s: None for s in starts}, {target: None})
    heaps: tuple[list, list] = ([(0.0, s) for s in starts], [(0.0, target)])
    done: tuple[set[str], set[str]] = (set(), set())
    # Forward, the target ends a path; backward, any source does. Neither is passed through.
    ends = ({target}, start_set)
    best, meet = math.inf, None
    while heaps[0] and heaps[1]:
        ahead, behind = heaps[0][0][0], heaps[1][0][0]
        if ahead + behind >= best:
            break
        side = 0 if ahead <= behind else 1
        heap, mine, other, came, end_at = heaps[side], dist[side], dist[1 - side], pred[side], ends[side]
        d, u = heapq.heappop(heap)
        if u in done[side]:
            continue
        done[side].add(u)
        ties = adj[u].items()
        if banned_edges:
            ties = [(w, c) for w, c in ties if (u, w) not in banned_edges and (w, u) not in banned_edges]
        for w, c in ties:
            nd = d + c
            if nd >= mine.get(w, math.inf):
                continue
            if w in barred or w in start_set or w == target:
                if w not in end_at:
                    continue
            else:
                heapq.heappush(heap, (nd, w))
            mine[w] = nd
            came[w] = u
            there = other.get(w)
            if there is not None and nd + there < best:
                best, meet = nd + there, w
    if meet is None:
        return None
    head, tail = [], []
    node: str | None = meet
    while node is not None:
        head.append(node)
        node = pred[0].get(node)
    node = pred[1].get(meet)
    while node is not None:
        tail.append(node)
        node = pred[1][node]
    return best, head[::-1] + tail


def cheapest_paths(
    net: TieNetwork,
    sources: Collection[str],
    target: str,
    barred: Collection[str] = frozenset(),
    max_hops: int | None = None,
) -> Iterator[tuple[float, list[str]]]:
    """Every simple path of at most ``max_hops`` hops from a source to target, cheapest first.

    Yen's algorithm: each next path deviates from an earlier one at some node (the spur), and
    the cheapest spur within the hops left is searched for. A path starts at exactly one source
    and passes through no other source and nothing in ``barred``. Lazy: take only as many as you need.
    """
    sources = set(sources)
    limit = len(net.adj) if max_hops is None else max_hops
    first = cheapest_path(net, sources, target, barred)
    if first is None:
        return
    lower_bounds: list[int] = []

    def within(starts: Collection[str], hops_left: int, also_blocked=(), banned=frozenset()):
        if not lower_bounds:
            passes = itertools.chain(barred, sources)
            lower_bounds.extend(hops_within(net, [target], limit, passes).tolist())  # hops to target
        # ``barred`` may be large (everyone opposed everywhere): checked beside, never copied per spur.
        also = sources.union(also_blocked)
        return _cheapest_within(net, starts, target, hops_left, lower_bounds, barred, also, banned)

    if len(first[1]) - 1 > limit:  # the cheapest path is too long: search again, counting hops
        first = within(sources, limit)
        if first is None:
            return
    found: list[list[str]] = []
    seen = {tuple(first[1])}
    candidates = [(first[0], first[1])]
    while candidates:
        cost, path = heapq.heappop(candidates)
        found.append(path)
        yield cost, path
        # Spur index -1 stands for "the choice of source": a new path from a source not yet used.
        for i in range(-1, len(path) - 1):
            root = path[: i + 1]
            if i < 0:
                spur = within(sources - {p[0] for p in found}, limit)
            else:
                banned = {(p[i], p[i + 1]) for p in found if p[: i + 1] == root}
                spur = within([path[i]], limit - i, root[:-1], banned)
            if spur is None:
                continue
            new = root[:-1] + spur[1]
            if tuple(new) not in seen:
                seen.add(tuple(new))
                heapq.heappush(candidates, (net.cost(root) + spur[0], new))


def _cheapest_within(
    net: TieNetwork,
    starts: Collection[str],
    target: str,
    max_hops: int,
    hops_left_to: list[int],
    barred: Collection[str],
    also_barred: Collection[str],
    banned_edges: Collection[tuple[str, str]],
) -> tuple[float, list[str]] | None:
    """The cheapest path of at most ``max_hops`` hops: A* over (node, hops used) states, passing
    through nothing in ``barred`` or ``also_barred``.

    ``hops_left_to`` holds lower bounds on the hops from each node (by its place in ``net.names``)
    to target, -1 where it cannot reach it; states that cannot reach target within the hops left
    are pruned, and ``min hop cost * hops left`` guides the search.
    """
    adj, index = net.adj, net.index
    low = net.min_hop_cost
    start_set = set(starts)
    heap = [
        (low * left, 0.0, 0, s)
        for s in start_set
        if s in index and 0 <= (left := hops_left_to[index[s]]) <= max_hops
    ]
    heapq.heapify(heap)
    pred: dict[tuple[str, int], tuple[str, int] | None] = {(s, 0): None for _, _, _, s in heap}
    cost_of: dict[tuple[str, int], float] = {(s, 0): 0.0 for _, _, _, s in heap}
    fewest_hops_done: dict[str, int] = {}
    while heap:
        _, g, k, u = heapq.heappop(heap)
        if u == target:
            path, state = [], (u, k)
            while state is not None:
                path.append(state[0])
                state = pred[state]
            return g, path[::-1]
        # With a consistent estimate, an earlier visit with no more hops was no dearer: it dominates.
        if fewest_hops_done.get(u, max_hops + 1) <= k:
            continue
        fewest_hops_done[u] = k
        for w, c in adj[u].items():
            if w != target and (w in barred or w in also_barred or w in start_set):
                continue
            if (u, w) in banned_edges or (w, u) in banned_edges:
                continue
            left = hops_left_to[index[w]]
            if left < 0 or k + 1 + left > max_hops:
                continue
            ng = g + c
            if ng < cost_of.get((w, k + 1), math.inf):
                cost_of[w, k + 1] = ng
                pred[w, k + 1] = (u, k)
                heapq.heappush(heap, (ng + low * left, ng, k + 1, w))
    return None


def cheapest_tree(
    net: TieNetwork, sources: Iterable[str], max_hops: int, barred: Collection[str] = frozenset()
) -> tuple[dict[str, float], dict[str, str | None], dict[str, int]]:
    """Cheapest costs from the nearest source to everything within ``max_hops`` hops.

    Returns ``(cost, predecessor, hops)`` dicts. Barred nodes and sources are reached but not
    passed through, except that each source starts its own paths.
    """
    adj = net.adj
    starts = {s for s in sources if s in adj}
    dist = dict.fromkeys(starts, 0.0)
    hops = dict.fromkeys(starts, 0)
    pred: dict[str, str | None] = dict.fromkeys(starts)
    heap = [(0.0, s) for s in starts]
    done: set[str] = set()
    while heap:
        d, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        if hops[u] >= max_hops or (u not in starts and u in barred):
            continue
        for w, c in adj[u].items():
            nd = d + c
            if nd < dist.get(w, math.inf) and w not in starts:
                dist[w], pred[w], hops[w] = nd, u, hops[u] + 1
                heapq.heappush(heap, (nd, w))
    return dist, pred, hops


def path_to(pred: dict[str, str | None], node: str) -> list[str]:
    """Follow a predecessor map back from ``node`` to the start of its path."""
    path = []
    step: str | None = node
    while step is not None:
        path.append(step)
        step = pred[step]
    return path[::-1]


def hops_within(
    net: TieNetwork, sources: Iterable[str], max_hops: int, barred: Iterable[str] = frozenset()
) -> np.ndarray:
    """``reachable_within`` by node: the hop count of each node of ``net.names``, -1 for those not
    within ``max_hops``. A breadth-first search in numpy over ``net.rows``, a level at a time."""
    index, n = net.index, len(net.adj)
    starts, neighbours, _ = net.rows
    hops = np.full(n, -1, dtype=np.int32)
    frontier = np.unique(np.fromiter((index[s] for s in sources if s in index), dtype=np.int64))
    hops[frontier] = 0
    passes = np.ones(n, dtype=bool)  # barred nodes are reached, not passed through
    passes[[index[b] for b in barred if b in index]] = False
    for depth in range(1, max_hops + 1):
        if depth > 1:
            frontier = frontier[passes[frontier]]
        if not len(frontier):
            break
        # The rows of the frontier, end to end: each row's start, then one step per neighbour.
        first, counts = starts[frontier], starts[frontier + 1] - starts[frontier]
        at = np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        reached = neighbours[at]
        hops[reached[hops[reached] < 0]] = depth
        frontier = np.flatnonzero(hops == depth)  # each once, cheaper than np.unique
    return hops


def reachable_within(
    net: TieNetwork, sources: Iterable[str], max_hops: int, barred: Collection[str] = frozenset()
) -> dict[str, int]:
    """Everything within ``max_hops`` hops of a source, with its hop count (sources count 0).

    Barred nodes are reached but not passed through.

    >>> from graphkit.examples import small_world_graph
    >>> sorted(reachable_within(tie_network(small_world_graph()), ["person-amara"], 1).items())
    [('event-igf-2013', 1), ('init-dc-pal', 1), ('org-kla', 1), ('person-amara', 0), ('person-lucas', 1)]
    """
    hops = hops_within(net, sources, max_hops, barred)
    found, names = np.flatnonzero(hops >= 0), net.names
    return dict(zip([names[i] for i in found.tolist()], hops[found].tolist(), strict=True))
