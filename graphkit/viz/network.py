"""The network picture: which nodes to show, where they sit and how they look, for vis-network.

``network_view`` turns a stakeholder graph (as ``Store.export`` returns it) into vis-network
node and edge records with fixed positions (computed here, seeded, so a view never moves
between reruns; physics stays off in the browser). ``NetworkView.html()`` renders them with
pyvis as one self-contained page; the app's component (``graphkit.viz.component``) draws the
same records and reports clicks.
"""

from __future__ import annotations

import dataclasses
import math
import re
import weakref
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

import networkx as nx
import numpy as np

from graphkit.analysis.ties import igraph_random
from graphkit.graph import columns
from graphkit.graph.describe import name, related, short_name
from graphkit.graph.feed import PerGraph, reshaped, reshaped_since
from graphkit.model import STAKEHOLDER_LABELS
from graphkit.viz.colours import (
    EDGE_COLOURS,
    PATH_COLOUR,
    SELECTED_BORDER,
    faded,
    group_letter,
    ink_on,
    kind_name,
    node_colour,
    node_shape,
)

#: The seed of every layout, so that the same graph always gives the same picture.
LAYOUT_SEED = 7
#: Fruchterman-Reingold iterations: enough for views of up to 1,000 nodes to settle.
LAYOUT_ITERATIONS = 100
#: Without a path or a selection, the names of this many most relevant nodes are always drawn; the
#: others' only where they cover no node (once, the edges of a crowded picture got every name).
NAMED_MOST_RELEVANT = 12
#: Node sizes (vis-network pixels) of people and organisations, from least to most influential.
STAKEHOLDER_SIZES = (8.0, 36.0)
#: Sizes of the other labels, and of stakeholders when no influence is given.
LABEL_SIZES = {"Region": 20.0, "Initiative": 22.0, "PolicyArea": 14.0, "Country": 12.0, "Event": 12.0}
DEFAULT_SIZE = 12.0

Position = tuple[float, float]


@dataclass(frozen=True)
class NetworkView:
    """A picture ready to draw: vis-network records, options, and how many nodes were left out."""

    nodes: list[dict]
    edges: list[dict]
    options: dict
    shown: int
    hidden: int
    height: str = "650px"
    named: list[str] = field(default_factory=list)  # names always drawn; others where there is room
    positions: dict[str, Position] = field(default_factory=dict, repr=False)
    path: list[str] = field(default_factory=list)  # the highlighted path's node ids, in order
    #: Circles (communities) outlined and named on the picture: {"name", "colour", "members"} each.
    circles: list[dict] = field(default_factory=list)

    def html(self) -> str:
        """The picture as one HTML page with vis-network inlined: it loads nothing from the network."""
        from pyvis.network import Network

        net = Network(height=self.height, width="100%", directed=True, cdn_resources="in_line")
        net.nodes, net.edges, net.options = self.nodes, self.edges, self.options
        net.node_ids = [n["id"] for n in self.nodes]
        net.node_map = {n["id"]: n for n in self.nodes}
        return _without_remote_assets(net.generate_html())


_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>\s*", re.IGNORECASE)
_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>\s*", re.IGNORECASE | re.DOTALL
)


def _without_remote_assets(html: str) -> str:
    # pyvis's template loads Bootstrap from a CDN whatever cdn_resources says; the picture does not need it.
    return _REMOTE_SCRIPT.sub("", _REMOTE_LINK.sub("", html))


def relevance(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None = None) -> dict[str, float]:
    """How much each node matters to the picture, from 0 to 1: its influence (``sizes``, e.g.
    PageRank) relative to the most influential, else its degree relative to the best connected.
    Remembered per graph, change of shape and ``sizes`` object (every rerun of a page at a million
    relationships asked for it): read-only."""
    return _relevance_held(G, sizes).score


class _Relevance(NamedTuple):
    """What is remembered of a graph for one change of its shape and one ``sizes`` object."""

    shape: int
    sizes: Mapping[str, float] | None
    score: dict[str, float]
    chosen: dict[tuple[int, tuple[str, ...]], list[str]]  # ``most_relevant``'s, by (n, what it keeps)


def _relevance_held(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> _Relevance:
    held = _RELEVANCE.get(G)
    if held is not None and held.shape == reshaped(G) and held.sizes is sizes:
        return held
    top_size = max(sizes.values(), default=0.0) if sizes else 0.0
    score = dict(_degree_scores(G))
    if sizes and top_size > 0:
        # Over the smaller side (a view of a few nodes is sized by the whole graph's figures).
        score.update({n: sizes[n] / top_size for n in score.keys() & sizes.keys()})
    held = _RELEVANCE[G] = _Relevance(reshaped(G), sizes, score, {})
    return held


_RELEVANCE: weakref.WeakKeyDictionary[nx.MultiDiGraph, _Relevance] = weakref.WeakKeyDictionary()


def _degree_scores(G: nx.MultiDiGraph) -> dict[str, float]:
    """Each node's degree relative to the best connected, remembered per graph and change of shape
    from the feed (a changed note or title leaves every degree as it was)."""
    return _DEGREE_SCORES.get(G, _relative)


def _relative(G: nx.MultiDiGraph) -> dict[str, float]:
    counted = degrees(G)
    top = max(counted.values(), default=0) or 1
    return {n: d / top for n, d in counted.items()}


_DEGREE_SCORES: PerGraph[dict[str, float]] = PerGraph(reshaped)


def degrees(G: nx.MultiDiGraph) -> dict[str, int]:
    """``dict(G.degree())``, remembered per graph: after changes from the feed that reshaped it, only
    the nodes they touched are counted again. A count over the graph's dicts takes 14 s at 10M
    relationships (over the rows it was read from, while they hold its shape, a numpy count)."""
    now, held = reshaped(G), _DEGREES.get(G)
    if held is not None and held[0] != now:
        touched = reshaped_since(G, held[0])
        if touched is not None and len(touched) <= RECOUNT_AT_MOST:
            counted = dict(held[1])  # a new dict: callers may hold the old one
            for n in touched:
                if n in G:
                    counted[n] = G.degree(n)
                else:
                    counted.pop(n, None)
            held = _DEGREES[G] = (now, counted)
    if held is None or held[0] != now:
        held = _DEGREES[G] = (now, _count_degrees(G))
    return held[1]


#: ``degrees`` counts again only the nodes changes touched when they are at most this many.
RECOUNT_AT_MOST = 10_000
_DEGREES: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, dict[str, int]]] = weakref.WeakKeyDictionary()


def _count_degrees(G: nx.MultiDiGraph) -> dict[str, int]:
    counted = columns.degrees(G)
    if counted is None:
        return dict(G.degree())
    ids, found = counted
    return dict(zip(ids, found.tolist(), strict=True))


def most_relevant(
    G: nx.MultiDiGraph,
    n: int,
    sizes: Mapping[str, float] | None = None,
    keep: Iterable[str] = (),
) -> list[str]:
    """Up to ``n`` node ids: those in ``keep`` (in order, when in G) first, then the most relevant.

    Ties are broken by id, so the choice is the same on every call. Remembered with ``relevance``: a
    page draws the same view on every rerun, and choosing among 1.85M nodes took 0.45 s of each at
    10M relationships.
    """
    chosen = list(dict.fromkeys(k for k in keep if k in G))[:n]
    held = _relevance_held(G, sizes)
    key = (n, tuple(chosen))
    if key not in held.chosen:
        if len(held.chosen) >= 64:
            held.chosen.clear()
        held.chosen[key] = _most_relevant(held.score, n, chosen)
    return list(held.chosen[key])


def _most_relevant(score: dict[str, float], n: int, chosen: list[str]) -> list[str]:
    taken = set(chosen)
    wanted = n - len(chosen)
    if wanted <= 0:
        return chosen
    # Only nodes at or above the (wanted + taken)-th best score can be chosen: sort those, not all.
    values = np.fromiter(score.values(), dtype=float, count=len(score))
    cut = len(values) - min(wanted + len(taken), len(values))
    floor = np.partition(values, cut)[cut]
    near = [v for v, s in zip(score, values >= floor, strict=True) if s and v not in taken]
    return chosen + sorted(near, key=lambda v: (-score[v], v))[:wanted]


def coalition_and_officials(
    G: nx.MultiDiGraph,
    coalition: str,
    officials: int = 20,
    sizes: Mapping[str, float] | None = None,
) -> list[str]:
    """The nodes of a first view that means something: the coalition, everyone tied to it (its
    members), the ``officials`` government stakeholders nearest to it through people and
    organisations (the most relevant first among those as near), and whoever links each of them
    back to it on a shortest way."""
    score = relevance(G, sizes)
    parent: dict[str, str | None] = {coalition: None}
    frontier, found = [coalition], []
    while frontier and len(found) < officials:
        reached = []
        for u in frontier:
            for w in sorted(set(nx.all_neighbors(G, u))):
                if w not in parent and G.nodes[w].get("label") in STAKEHOLDER_LABELS:
                    parent[w] = u
                    reached.append(w)
        near = [w for w in reached if G.nodes[w].get("stakeholder_group") == "government"]
        found += sorted(near, key=lambda w: (-score.get(w, 0.0), w))[: officials - len(found)]
        frontier = reached
    chosen = dict.fromkeys([coalition, *(w for w, u in parent.items() if u == coalition)])
    for w in found:
        chain: str | None = w
        while chain is not None and chain not in chosen:
            chosen[chain] = None
            chain = parent[chain]
    return list(chosen)


#: In a layout that keeps circles together, how much more a tie within a circle pulls than one across.
TOGETHER_PULL = 8.0


def layout(
    G: nx.MultiDiGraph,
    nodes: Iterable[str] | None = None,
    seed: int = LAYOUT_SEED,
    together: Mapping[str, int] | None = None,
) -> dict[str, Position]:
    """Positions (vis-network pixels) of ``nodes`` (default: all), by a seeded spring layout of the
    undirected simple graph among them: the same nodes and edges always give the same positions.
    ``together``: each node's circle (community), whose members are drawn near each other."""
    keep = sorted(set(G) if nodes is None else {v for v in nodes if v in G})
    H = _simple(G, keep)
    if not keep:
        return {}
    if len(keep) == 1:
        return {keep[0]: (0.0, 0.0)}
    scale = max(250.0, 70.0 * math.sqrt(len(keep)))
    placed = _spring(H, seed, together)
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in _pull_in_outliers(placed, scale).items()}


def _spring(
    H: nx.Graph, seed: int, together: Mapping[str, int] | None = None
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions of ``H``'s nodes, seeded. igraph's (in C) takes 0.35 s for a
    view of 1,000 nodes, where NetworkX's (a Python loop per node past 500 nodes) takes 4 to 8 s.
    A tie within one circle of ``together`` pulls TOGETHER_PULL times as hard as another."""
    import igraph

    index = {v: i for i, v in enumerate(H)}
    g = igraph.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in H.edges()])
    weights = None
    if together is not None:
        same = [u in together and together.get(u) == together.get(v) for u, v in H.edges()]
        weights = [TOGETHER_PULL if s else 1.0 for s in same]
    with igraph_random(seed):
        coords = g.layout_fruchterman_reingold(weights=weights, niter=LAYOUT_ITERATIONS).coords
    return dict(zip(H, ((x, y) for x, y in coords), strict=True))


#: Pixels between two hops of a laid-out path; context sits in rows above and below its hop.
HOP_SPACING = 200.0


def path_layout(G: nx.MultiDiGraph, path: Sequence[str], seed: int = LAYOUT_SEED) -> dict[str, Position]:
    """Positions (vis-network pixels) of every node of ``G`` with ``path`` laid out left to right on
    one line, evenly, so the eye can follow it, and every other node in a small column above or below
    the hop it is nearest to (by hops in ``G``), so that context stays beside what it explains.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "x")])
    >>> pos = path_layout(G, ["a", "b", "c"])
    >>> [pos[v] for v in "abc"], pos["x"][0] == pos["c"][0]
    ([(-200.0, 0.0), (0.0, 0.0), (200.0, 0.0)], True)
    """
    path = [v for v in dict.fromkeys(path) if v in G]
    if len(path) < 2:
        return layout(G, seed=seed)
    middle = (len(path) - 1) / 2
    out = {v: ((i - middle) * HOP_SPACING, 0.0) for i, v in enumerate(path)}
    nearest = _nearest_hop(G, path)
    by_hop: dict[int, list[str]] = {}
    for v in sorted((v for v in G if v not in out), key=lambda v: (nearest.get(v, (99, 0))[::-1], v)):
        by_hop.setdefault(nearest.get(v, (0, 99))[0], []).append(v)
    for i, around in by_hop.items():
        x = out[path[i]][0]
        for j, v in enumerate(around):
            side = -1 if (i + j) % 2 == 0 else 1  # alternate, starting on a different side per hop
            row = j // 2
            shift = (-0.22 if row % 2 else 0.22) * HOP_SPACING if row else 0.0
            out[v] = (round(x + shift, 1), side * HOP_SPACING * (0.75 + 0.5 * row))
    return out


def _nearest_hop(G: nx.MultiDiGraph, path: Sequence[str]) -> dict[str, tuple[int, int]]:
    """For each node, the index of the path node nearest to it (ties to the earlier) and how far."""
    found = {v: (i, 0) for i, v in enumerate(path)}
    frontier = list(path)
    while frontier:
        nxt = []
        for u in frontier:
            i, d = found[u]
            for w in sorted(nx.all_neighbors(G, u)):
                if w not in found:
                    found[w] = (i, d + 1)
                    nxt.append(w)
        frontier = nxt
    return found


def _simple(G: nx.MultiDiGraph, keep: list[str]) -> nx.Graph:
    """The undirected simple graph among ``keep``, nodes and edges in a fixed order (layouts depend on it)."""
    H = nx.Graph()
    H.add_nodes_from(keep)
    H.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in G.subgraph(keep).edges() if u != v}))
    return H


def _pull_in_outliers(pos: Mapping[str, Sequence[float]], scale: float) -> dict[str, Position]:
    """Bring far-flung nodes (small separate components) in to the edge of the bulk of the picture,
    then scale it to ``scale`` pixels from its centre: otherwise a single lonely node far away
    shrinks everything else to a dot when the picture is fitted to the frame."""
    cx = sum(float(p[0]) for p in pos.values()) / len(pos)
    cy = sum(float(p[1]) for p in pos.values()) / len(pos)
    radius = {v: math.hypot(float(p[0]) - cx, float(p[1]) - cy) for v, p in pos.items()}
    ordered = sorted(radius.values())
    edge = ordered[int(0.95 * (len(ordered) - 1))] * 1.1 or 1.0
    out = {}
    for v, p in pos.items():
        pull = min(1.0, edge / radius[v]) if radius[v] else 1.0
        out[v] = ((float(p[0]) - cx) * pull * scale / edge, (float(p[1]) - cy) * pull * scale / edge)
    return out


def _place_near(G: nx.MultiDiGraph, v: str, pos: dict[str, Position], fallback: Position) -> Position:
    """A spot for a node the layout did not place: on a small circle round its placed neighbours."""
    near = [pos[u] for u in sorted(nx.all_neighbors(G, v)) if u in pos]
    cx, cy = (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)) if near else fallback
    angle = (zlib.crc32(v.encode()) % 360) * math.pi / 180
    return round(cx + 70 * math.cos(angle), 1), round(cy + 70 * math.sin(angle), 1)


def hover_text(G: nx.MultiDiGraph, v: str) -> str:
    """What hovering over a node says, as plain text lines: name, title, organisation, country,
    stakeholder group (or date and place for an event, kind for a policy area)."""
    d = G.nodes[v]
    lines = [name(G, v)]
    if d.get("title"):
        lines.append(str(d["title"]))
    orgs = [name(G, o) for o in related(G, v, "WORKS_FOR")]
    if orgs:
        lines.append(", ".join(orgs))
    countries = [name(G, c) for c in related(G, v, "BASED_IN") + related(G, v, "IN_REGION")]
    if countries:
        lines.append(", ".join(countries))
    if d.get("stakeholder_group"):
        lines.append(f"stakeholder group: {str(d['stakeholder_group']).replace('_', ' ')}")
    for key in ("date", "place", "kind"):
        if d.get(key) and d.get("label") != "Country":
            lines.append(f"{key}: {str(d[key]).replace('_', ' ')}")
    return "\n".join(lines)


def _node_size(d: dict, v: str, sizes: Mapping[str, float] | None, top: float) -> float:
    if d.get("label") in STAKEHOLDER_LABELS:
        if sizes and top > 0:
            low, high = STAKEHOLDER_SIZES
            return round(low + (high - low) * math.sqrt(sizes.get(v, 0.0) / top), 1)
        return DEFAULT_SIZE
    return LABEL_SIZES.get(d.get("label", ""), DEFAULT_SIZE)


def _edge_text(G: nx.MultiDiGraph, u: str, v: str, d: dict) -> str:
    kind = str(d.get("type", "")).replace("_", " ").lower()
    extra = ", ".join(f"{k} {d[k]}" for k in ("strength", "stance", "role") if d.get(k) is not None)
    return f"{name(G, u)} {kind} {name(G, v)}" + (f" ({extra})" if extra else "")


def network_view(
    G: nx.MultiDiGraph,
    *,
    highlight_path: Sequence[str] | None = None,
    selected: str | None = None,
    max_nodes: int = 1000,
    sizes: Mapping[str, float] | None = None,
    positions: Mapping[str, Position] | None = None,
    height: str = "650px",
    about: nx.MultiDiGraph | None = None,
    together: Mapping[str, int] | None = None,
    always: Sequence[str] = (),
    pinned: Mapping[str, Position] | None = None,
) -> NetworkView:
    """The picture of ``G``: at most ``max_nodes`` nodes, coloured by stakeholder group, sized by
    ``sizes`` (influence, e.g. PageRank, relative to its largest value), at fixed positions.

    When ``G`` has more nodes, the selected node, the highlighted path and the selected node's
    neighbours are always kept, then the most relevant others (see ``relevance``); ``hidden``
    says how many were left out. ``positions`` (e.g. a cached ``layout`` of the most relevant
    ``max_nodes``) saves computing them; nodes it lacks are placed next to their neighbours.
    A highlighted path (node ids in order) is drawn bold and bright, everything else faded; around
    a selected node, what is not its neighbour is faded. Names always drawn: the path, the selection
    and its neighbours, coalitions and other initiatives, and without a path or a selection the
    NAMED_MOST_RELEVANT most relevant nodes; relationships say what they are on hover (a path's
    also in words on the picture). Hover texts are read from ``about`` (default ``G``): pass the whole graph when ``G`` is a
    part of it, so that a person's organisation shows even when it is not drawn. ``together``
    (each node's circle) lays the picture out with each circle's members near each other. ``always``:
    nodes kept however many there are (e.g. neighbours the user asked for); ``pinned``: nodes' places
    that win over ``positions`` (dragged by the user), their records marked ``pinned``.
    """
    about = G if about is None else about
    path = [v for v in highlight_path or () if v in G]
    selected = selected if selected in G else None
    keep = [*([selected] if selected else []), *path]
    if selected:
        score = relevance(G, sizes)
        keep += sorted(set(nx.all_neighbors(G, selected)), key=lambda v: (-score[v], v))
    shown = most_relevant(G, max_nodes, sizes, [*keep, *always])
    if positions is None:
        positions = layout(G, most_relevant(G, max_nodes, sizes), together=together)
    pinned = {v: p for v, p in (pinned or {}).items() if v in G}
    pos = {v: pinned.get(v) or positions[v] for v in shown if v in positions or v in pinned}
    for v in shown:
        if v not in pos:
            pos[v] = _place_near(G, v, pos, pos.get(selected, (0.0, 0.0)) if selected else (0.0, 0.0))

    on_path = set(path)
    bright = on_path if path else set(keep) if selected else set(shown)
    top = max(sizes.values(), default=0.0) if sizes else 0.0
    nodes = []
    for v in shown:
        record = _node_record(G, about, v, sizes, top, faded_out=v not in bright)
        if v in on_path:
            record["color"]["border"], record["borderWidth"] = PATH_COLOUR, 4
        if v == selected:
            record["color"]["border"], record["borderWidth"] = SELECTED_BORDER, 4
        record["color"]["hover"]["border"] = record["color"]["border"]
        record["x"], record["y"] = pos[v]
        if v in pinned:
            record["pinned"] = True
        nodes.append(record)
    edges = _edge_records(G, shown, path, bright)
    hidden = G.number_of_nodes() - len(shown)
    # In the order their names are placed (the first wins a spot): the path or the selection and its
    # neighbours, coalitions, then the most relevant (``shown`` holds them first, most relevant first).
    initiatives = [v for v in shown if G.nodes[v].get("label") == "Initiative"]
    named_ids = list(dict.fromkeys([*keep, *initiatives, *([] if keep else shown[:NAMED_MOST_RELEVANT])]))
    return NetworkView(
        nodes, edges, view_options(len(shown)), len(shown), hidden, height, named_ids, pos, path
    )


def _node_record(
    G: nx.MultiDiGraph,
    about: nx.MultiDiGraph,
    v: str,
    sizes: Mapping[str, float] | None,
    top: float,
    faded_out: bool,
) -> dict:
    """A node as vis-network (and the component's names, badges and list) draw it, before its place."""
    d = G.nodes[v]
    fill = node_colour(d.get("label"), d.get("stakeholder_group"))
    record: dict = {
        "id": v,
        "title": hover_text(about if v in about else G, v),
        "shape": node_shape(d.get("label")),
        "size": _node_size(d, v, sizes, top),
    }
    border = fill
    if (
        faded_out
    ):  # context beside a path: dimmed inside, its outline keeps the group colour (and 3:1 contrast)
        fill, record["borderWidth"] = faded(fill, 0.6), 2
    # vis-network's own hover and selection colours would hide the group colour: keep it.
    record["color"] = {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": SELECTED_BORDER},
        "hover": {"background": fill, "border": border},
    }
    record["label"] = name(G, v)
    record["short"] = short_name(G, v)  # the name drawn on the picture: an acronym when there is one
    record["kind"] = kind_name(d.get("label"))
    if d.get("label") in STAKEHOLDER_LABELS:
        # The group in words (not "group": vis-network would take it for one of its own groups) and as a letter on the node: colour is never the only sign of it.
        record["stakeholder"] = str(d.get("stakeholder_group") or "unknown group").replace("_", " ")
        record["badge"] = group_letter(d.get("stakeholder_group"))
        record["badgeColour"] = ink_on(node_colour(d.get("label"), d.get("stakeholder_group")))
    return record


def _edge_records(G: nx.MultiDiGraph, shown: list[str], path: list[str], bright: set[str]) -> list[dict]:
    """The shown nodes' own edges, in G's order (not a pass over every edge of a big graph); a
    path's edges bold, bright, labelled and last, so that they are drawn on top; the others faded
    beside a path or when they leave the ``bright`` nodes."""
    path_pairs = {frozenset(p) for p in pairwise(path)}
    edges = []
    for u, v, k, d in G.subgraph(shown).edges(keys=True, data=True):
        record = {"from": u, "to": v, "title": _edge_text(G, u, v, d)}
        if frozenset((u, v)) in path_pairs:
            record.update(color=PATH_COLOUR, width=5, label=k.replace("_", " ").lower(), arrows="to")
        else:
            colour = EDGE_COLOURS.get(k, "#cccccc")
            dim = path or u not in bright or v not in bright
            record["color"] = faded(colour, 0.8) if dim else colour
        edges.append(record)
    edges.sort(key=lambda e: e.get("width", 1))
    return edges


def recoloured(view: NetworkView, colour_of: Mapping[str, str]) -> NetworkView:
    """``view`` with the nodes in ``colour_of`` filled with their colour there (e.g. by community), the
    path's and the selection's outlines kept; the group letters stay, so the group still reads.

    >>> from graphkit.examples import small_world_graph
    >>> view = recoloured(network_view(small_world_graph()), {"person-amara": "#2670c2"})
    >>> next(n for n in view.nodes if n["id"] == "person-amara")["color"]["background"]
    '#2670c2'
    """
    nodes = []
    for record in view.nodes:
        colour = colour_of.get(record["id"])
        if colour is not None:
            record = {**record, "badgeColour": ink_on(colour)}
            was = record["color"]
            border = was["border"] if was["border"] in (PATH_COLOUR, SELECTED_BORDER) else colour
            record["color"] = {
                "background": colour,
                "border": border,
                "highlight": {"background": colour, "border": SELECTED_BORDER},
                "hover": {"background": colour, "border": border},
            }
        nodes.append(record)
    return dataclasses.replace(view, nodes=nodes)


def view_options(shown: int) -> dict:
    """vis-network options: physics off (positions come from Python), hover tooltips, quiet labels."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": shown > 300,
            "hideEdgesOnZoom": shown > 300,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1,
            # In the HTML export, names under 6 screen pixels are not drawn (the app's component draws its own).
            "font": {
                "size": 14,
                "face": "sans-serif",
                "color": "#222222",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"drawThreshold": 6}},
        },
        "edges": {
            "width": 1,
            "smooth": False,
            "selectionWidth": 2,
            "font": {"size": 12, "color": "#4a4a4a", "strokeWidth": 3, "align": "middle"},
            "arrows": {"to": {"enabled": False}},
        },
    }
