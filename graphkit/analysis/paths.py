"""Engagement paths: ranked warm introductions from the coalition to a target, each hop explained."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graphkit.analysis.ties import (
    DEFAULT_COSTS,
    TieCosts,
    TieNetwork,
    cheapest_paths,
    cheapest_tree,
    path_to,
    tie_network,
)
from graphkit.errors import GraphkitError
from graphkit.graph.describe import country_of, name, related, related_from, who
from graphkit.model.privacy import fact_is_private, marked_private

_HOW_WELL = {5: "very well", 4: "well", 3: "", 2: "a little", 1: "barely"}


@dataclass(frozen=True)
class Hop:
    """One introduction: from ``source`` to ``target`` along ``relationship``, at ``cost``."""

    source: str
    target: str
    relationship: str
    cost: float
    explanation: str


@dataclass(frozen=True)
class EngagementPath:
    """A chain of introductions from a coalition member to the target."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]
    cost: float

    @property
    def start(self) -> str:
        return self.nodes[0]

    def explain(self) -> str:
        """The hops as numbered sentences, to read aloud."""
        return "\n".join(f"{i}. {h.explanation}" for i, h in enumerate(self.hops, 1))


@dataclass(frozen=True)
class EngagementAnswer:
    """What ``engagement_paths`` found: the paths, the best starting point, and what to say."""

    target: str
    paths: list[EngagementPath]
    summary: str
    best_start: str | None = None
    nearest: EngagementPath | None = None
    nearest_relation: str | None = None  # "organisation" or "country"
    sources: tuple[str, ...] = field(default=())


def hops(n: int) -> str:
    """``n`` hops in words: "1 hop", "3 hops"."""
    return f"{n} hop{'' if n == 1 else 's'}"


def coalition_members(G: nx.MultiDiGraph, initiative: str) -> list[str]:
    """The people and organisations that are MEMBER_OF an initiative (or organisation)."""
    return sorted(related_from(G, initiative, "MEMBER_OF"))


def default_coalition(G: nx.MultiDiGraph) -> str:
    """The Initiative with the most members, dynamic coalitions first: the coalition we work for."""
    initiatives = [n for n, d in G.nodes(data=True) if d.get("label") == "Initiative"]
    if not initiatives:
        raise GraphkitError("the graph has no Initiative to act as the coalition: add one, and its members")
    return max(
        initiatives,
        key=lambda i: (
            G.nodes[i].get("kind") == "dynamic_coalition",
            len(related_from(G, i, "MEMBER_OF")),
            i,
        ),
    )


def resolve_sources(G: nx.MultiDiGraph, sources: str | Iterable[str]) -> list[str]:
    """Source ids, with any Initiative replaced by its members."""
    ids = [sources] if isinstance(sources, str) else list(sources)
    out: list[str] = []
    for s in ids:
        if s not in G:
            raise GraphkitError(f"no stakeholder with id {s!r}")
        out.extend(coalition_members(G, s) if G.nodes[s].get("label") == "Initiative" else [s])
    return sorted(set(out))


def engagement_paths(
    G: nx.MultiDiGraph,
    sources: str | Iterable[str],
    target: str,
    k: int = 5,
    max_hops: int = 6,
    avoid: Collection[str] = (),
    costs: TieCosts = DEFAULT_COSTS,
) -> EngagementAnswer:
    """Up to ``k`` distinct warm-introduction paths from ``sources`` to ``target``, cheapest first.

    Parameters
    ----------
    G : the stakeholder graph (a MultiDiGraph as stores export it).
    sources : one stakeholder id, several, or an Initiative id (meaning all its members). Each path
        starts at one of them and passes through no other; ``best_start`` is the start of the
        cheapest path.
    target : the stakeholder to reach.
    k : how many paths at most.
    max_hops : the longest path to report, in hops.
    avoid : ids never to pass through. People and organisations opposed on every policy area they
        engage on are never intermediaries either.
    costs : the cost of each kind of hop; see ``TieCosts``.

    Returns
    -------
    EngagementAnswer. With no path within ``max_hops`` its ``paths`` are empty and ``nearest`` is
    the cheapest path to someone in the target's organisation or country, if any.

    Raises
    ------
    GraphkitError when the target or a source is not in G.

    Example
    -------
    >>> answer = engagement_paths(G, "init-dc-pal", "person-wambui-gichuru", k=3)
    >>> print(answer.paths[0].explain())
    """
    if target not in G:
        raise GraphkitError(f"no stakeholder with id {target!r}")
    starts = resolve_sources(G, sources)
    net = tie_network(G, costs)
    if target in starts:
        return EngagementAnswer(target, [], f"{name(G, target)} is already one of the sources.", target)
    barred = set(avoid) | net.never_between
    paths = [
        describe_path(net, nodes, cost)
        for cost, nodes in itertools.islice(cheapest_paths(net, starts, target, barred, max_hops), k)
    ]
    if paths:
        best = paths[0]
        summary = (
            f"{len(paths)} path{'s' if len(paths) > 1 else ''} to {who(G, target)}; best start: "
            f"{who(G, best.start)}, {hops(len(best.hops))}, cost {best.cost:.2f}."
        )
        return EngagementAnswer(target, paths, summary, best.start, sources=tuple(starts))
    return _no_path(net, starts, target, max_hops, barred)


def _no_path(
    net: TieNetwork, starts: list[str], target: str, max_hops: int, barred: set[str]
) -> EngagementAnswer:
    G = net.G
    none = f"No path to {who(G, target)} within {hops(max_hops)}."
    dist, pred, _ = cheapest_tree(net, starts, max_hops, barred)
    orgs = related(G, target, "WORKS_FOR")
    country = country_of(G, target)
    for relation, pool in (
        ("organisation", {p for o in orgs for p in related_from(G, o, "WORKS_FOR")}),
        ("country", set(related_from(G, country, "BASED_IN")) if country else set()),
    ):
        reachable = [p for p in pool - {target} if p in dist and G.nodes[p].get("label") == "Person"]
        if reachable:
            nearest = min(reachable, key=lambda p: (dist[p], p))
            path = describe_path(net, path_to(pred, nearest), dist[nearest])
            summary = (
                f"{none} Nearest reachable person in the same {relation}: {who(G, nearest)}, "
                f"{hops(len(path.hops))}, cost {path.cost:.2f}."
            )
            return EngagementAnswer(target, [], summary, None, path, relation, tuple(starts))
    return EngagementAnswer(
        target,
        [],
        f"{none} No one in their organisation or country is reachable either.",
        sources=tuple(starts),
    )


def describe_path(
    net: TieNetwork, nodes: list[str], cost: float, G: nx.MultiDiGraph | None = None
) -> EngagementPath:
    """An EngagementPath along ``nodes``, each hop explained in the words of ``G`` (default: the
    network's own graph; give the whole graph when the network is built on a part of it)."""
    hops = []
    for u, v in itertools.pairwise(nodes):
        source, rel_type, _target, props = net.relationship_between(u, v)  # type: ignore[misc]
        hops.append(
            Hop(
                u,
                v,
                rel_type,
                net.adj[u][v],
                explain_hop(G if G is not None else net.G, u, v, source, rel_type, props, net.costs.today()),
            )
        )
    return EngagementPath(tuple(nodes), tuple(hops), cost)


def explain_hop(
    G: nx.MultiDiGraph, u: str, v: str, source: str, rel_type: str, props: dict, today: date | None = None
) -> str:
    """One hop as a sentence: "Amara Diallo (EIFL) knows Lucas Pereira (...) well: strength 4, ...".

    An event after ``today`` (default: the real today) is one they will attend. A hop that is
    private by the model's rule ends in "[private]", so nobody passes it on unawares."""
    sentence = _hop_sentence(G, u, v, source, rel_type, props, today)
    names = (u, v, props.get("source"))
    private = fact_is_private(props, names, lambda n: n in G and marked_private(G.nodes[n]))
    return f"{sentence} [private]" if private else sentence


def _hop_sentence(
    G: nx.MultiDiGraph, u: str, v: str, source: str, rel_type: str, props: dict, today: date | None
) -> str:
    forward = source == u
    a, b = who(G, u), who(G, v)
    if rel_type == "KNOWS":
        strength = props.get("strength")
        how = _HOW_WELL.get(strength, "") if strength else ""
        facts = [f"strength {strength}" if strength else "strength not recorded"]
        facts.append(
            f"last contact {props['last_contact']}" if props.get("last_contact") else "no contact date"
        )
        if props.get("context"):
            facts.append(props["context"])
        return f"{a} knows {b}{' ' + how if how else ''}: {', '.join(facts)}"
    role = f" ({props['role']})" if props.get("role") else ""
    if rel_type == "WORKS_FOR":  # the person's organisation is named in the sentence itself
        as_role = f" as {props['role']}" if props.get("role") else ""
        if forward:
            return f"{name(G, u)} works for {b}{as_role}"
        return f"{a} employs {name(G, v)}{as_role}"
    if rel_type == "MEMBER_OF":
        return f"{a} is a member of {b}{role}" if forward else f"{b} is a member of {a}{role}"
    if rel_type == "ATTENDS":
        event = v if forward else u
        verb = (
            "will attend"
            if str(G.nodes[event].get("date", "")) > (today or date.today()).isoformat()
            else "attended"
        )
        return f"{a} {verb} {b}{role}" if forward else f"{b} also {verb} {a}{role}"
    return f"{a} partners with {b}"
