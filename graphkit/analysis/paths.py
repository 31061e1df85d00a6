"""Engagement paths: ranked warm introductions from the coalition to a target, each hop explained."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
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
from graphkit.graph.describe import country_of, name, name_and_place, related, related_from
from graphkit.graph.feed import PerGraph, reshaped
from graphkit.model.privacy import fact_is_private, marked_private

_HOW_WELL = {5: "very well", 4: "well", 3: "", 2: "a little", 1: "barely"}
#: A tie whose last contact (or event) is at least this many years ago is to be checked before asking.
STALE_AFTER_YEARS = 2
#: A KNOWS tie this weak or weaker is to be checked before asking.
WEAK_AT_MOST = 2


@dataclass(frozen=True)
class Hop:
    """One introduction: from ``source`` to ``target`` along ``relationship``, at ``cost``."""

    source: str
    target: str
    relationship: str
    cost: float
    explanation: str
    warmth: str = ""  # how warm the tie is, in words: "knows, strength 4, met twice in 2025"
    check_first: str | None = None  # why to check the tie before asking, e.g. "untouched for 12 years"

    @property
    def said(self) -> str:
        """The hop as a sentence, with why to check it first if so."""
        return (
            f"{self.explanation} (check first: {self.check_first})" if self.check_first else self.explanation
        )


@dataclass(frozen=True)
class Warmth:
    """How warm one hop is, in words, and why to check it first (None: nothing to check)."""

    words: str
    check_first: str | None = None


@dataclass(frozen=True)
class EngagementPath:
    """A chain of introductions from a coalition member to the target."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]
    cost: float

    @property
    def start(self) -> str:
        return self.nodes[0]

    @property
    def to_check(self) -> int:
        """How many hops to check before asking (weak or stale ties)."""
        return sum(1 for h in self.hops if h.check_first)

    def checks(self) -> str:
        """Which hops to check first, in words: "all warm", "check hop 2 first", "all to check first"."""
        return checks(self.hops)

    def warmth(self) -> str:
        """The path's length and warmth in words: "2 hops, all warm", "5 hops, check hops 1 and 3 first"."""
        return warmth_of(self.hops)

    def explain(self) -> str:
        """The hops as numbered sentences, to read aloud, each with its warmth and any check."""
        return "\n".join(f"{i}. {h.said}" for i, h in enumerate(self.hops, 1))


def checks(chain: Sequence[Hop]) -> str:
    """Which hops of a chain to check first, in words: "all warm", "check hop 2 first", "check hops 1
    and 3 first", "all to check first" ("warm", "to check first" for one hop); each hop's ``said`` says why.

    >>> warm, cold = Hop("a", "b", "KNOWS", 1.0, ""), Hop("b", "c", "KNOWS", 3.0, "", check_first="strength 2")
    >>> checks([warm, cold]), checks([cold, warm, cold]), checks([cold, cold]), checks([warm])
    ('check hop 2 first', 'check hops 1 and 3 first', 'all to check first', 'warm')
    """
    to_check = [i for i, h in enumerate(chain, 1) if h.check_first]
    if not to_check:
        return "warm" if len(chain) == 1 else "all warm"
    if len(to_check) == len(chain):
        return "all to check first" if len(chain) > 1 else "to check first"
    if len(to_check) == 1:
        return f"check hop {to_check[0]} first"
    return f"check hops {', '.join(map(str, to_check[:-1]))} and {to_check[-1]} first"


def warmth_of(chain: Sequence[Hop]) -> str:
    """A chain of hops' length and warmth in words: "2 hops, all warm", "5 hops, check hops 1 and 3 first"."""
    return f"{hops(len(chain))}, {checks(chain)}"


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
    hops_needed: int | None = None  # with no path within the hops asked: the fewest that would find one


def hops(n: int) -> str:
    """``n`` hops in words: "1 hop", "3 hops"."""
    return f"{n} hop{'' if n == 1 else 's'}"


def coalition_members(G: nx.MultiDiGraph, initiative: str) -> list[str]:
    """The people and organisations that are MEMBER_OF an initiative (or organisation)."""
    return sorted(related_from(G, initiative, "MEMBER_OF"))


def default_coalition(G: nx.MultiDiGraph) -> str:
    """The Initiative with the most members, dynamic coalitions first: the coalition we work for.
    Found once per graph and change of shape from the feed (a pass over every node), as the tie
    network is (``graphkit.analysis.ties.tie_network``)."""
    return _COALITION.get(G, _most_members)


def _most_members(G: nx.MultiDiGraph) -> str:
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


# Kept across changes that touch no Initiative: a new membership touches its Initiative.
_COALITION: PerGraph[str] = PerGraph(
    reshaped, lambda G, n, coalition: n == coalition or G.nodes[n].get("label") == "Initiative"
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
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("ada", {"name": "Ada"}), ("bo", {"name": "Bo"}), ("cy", {"name": "Cy"})])
    >>> G.add_edge("ada", "bo", "KNOWS", strength=5, last_contact="2026-10-01")
    'KNOWS'
    >>> G.add_edge("bo", "cy", "KNOWS", strength=4, last_contact="2016-04-20")
    'KNOWS'
    >>> answer = engagement_paths(G, "ada", "cy", costs=TieCosts(as_of=date(2026, 12, 3)))
    >>> answer.summary
    '1 path to Cy; best start: Ada, 2 hops, check hop 2 first.'
    >>> print(answer.paths[0].explain())
    1. Ada knows Bo very well: strength 5, last contact 2026-10-01
    2. Bo knows Cy well: strength 4, last contact 2016-04-20 (check first: untouched for 10 years)
    >>> engagement_paths(G, "ada", "cy", max_hops=1).summary
    'No path to Cy within 1 hop; 2 hops would find one. No one in their organisation or country is reachable within 1 hop either.'
    """
    if target not in G:
        raise GraphkitError(f"no stakeholder with id {target!r}")
    starts = resolve_sources(G, sources)
    net = tie_network(G, costs)
    if target in starts:
        return EngagementAnswer(target, [], f"{name(G, target)} is already one of the sources.", target)
    avoid = frozenset(avoid)
    barred = net.never_between | avoid if avoid else net.never_between  # no copy of ~100k per query
    paths = [
        describe_path(net, nodes, cost)
        for cost, nodes in itertools.islice(cheapest_paths(net, starts, target, barred, max_hops), k)
    ]
    if paths:
        best = paths[0]
        summary = (
            f"{len(paths)} path{'s' if len(paths) > 1 else ''} to {name_and_place(G, target)}; best start: "
            f"{name_and_place(G, best.start)}, {best.warmth()}."
        )
        return EngagementAnswer(target, paths, summary, best.start, sources=tuple(starts))
    return _no_path(net, starts, target, max_hops, barred)


def _no_path(
    net: TieNetwork, starts: list[str], target: str, max_hops: int, barred: Collection[str]
) -> EngagementAnswer:
    G = net.G
    needed = hops_needed(net, starts, target, barred)
    none = f"No path to {name_and_place(G, target)} within {hops(max_hops)}" + (
        f"; {hops(needed)} would find one." if needed else ", nor at any length."
    )
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
            summary = f"{none} Nearest reachable person in the same {relation}: {name_and_place(G, nearest)}, {path.warmth()}."
            return EngagementAnswer(target, [], summary, None, path, relation, tuple(starts), needed)
    return EngagementAnswer(
        target,
        [],
        f"{none} No one in their organisation or country is reachable within {hops(max_hops)} either.",
        sources=tuple(starts),
        hops_needed=needed,
    )


def describe_path(
    net: TieNetwork, nodes: list[str], cost: float, G: nx.MultiDiGraph | None = None
) -> EngagementPath:
    """An EngagementPath along ``nodes``, each hop explained in the words of ``G`` (default: the
    network's own graph; give the whole graph when the network is built on a part of it)."""
    G = net.G if G is None else G
    today = net.costs.today()
    hops = []
    for u, v in itertools.pairwise(nodes):
        source, rel_type, _target, props = net.relationship_between(u, v)  # type: ignore[misc]
        event = next((e for e in (u, v) if G.nodes[e].get("label") == "Event"), None)
        how = warmth(rel_type, props, today, meetings_between(G, u, v), event and G.nodes[event].get("date"))
        sentence = explain_hop(G, u, v, source, rel_type, props, today)
        hops.append(Hop(u, v, rel_type, net.adj[u][v], sentence, how.words, how.check_first))
    return EngagementPath(tuple(nodes), tuple(hops), cost)


def explain_hop(
    G: nx.MultiDiGraph, u: str, v: str, source: str, rel_type: str, props: dict, today: date | None = None
) -> str:
    """One hop as a sentence: "Amara Diallo (EIFL) knows Lucas Pereira (...) well: strength 4, ...".

    An event after ``today`` (default: the real today) is one they will attend. A hop that is
    private by the model's rule ends in "[private]", so nobody passes it on unawares."""
    sentence = _hop_sentence(G, u, v, source, rel_type, props, today)
    names = tuple(n for n in (u, v, props.get("source")) if n)
    private = fact_is_private(props, names, lambda n: n in G and marked_private(G.nodes[n]))
    return f"{sentence} [private]" if private else sentence


def _hop_sentence(
    G: nx.MultiDiGraph, u: str, v: str, source: str, rel_type: str, props: dict, today: date | None
) -> str:
    forward = source == u
    a, b = name_and_place(G, u), name_and_place(G, v)
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


_TIMES = {1: "once", 2: "twice"}


def _years_between(earlier: str, today: date) -> float:
    return (today - date.fromisoformat(earlier[:10])).days / 365.25


def _ago(earlier: str, today: date) -> str:
    """How long ago ``earlier`` was, roughly: "12 years ago", "8 months ago", "31 days ago"."""
    days = (today - date.fromisoformat(earlier[:10])).days
    if days >= 730:
        return f"{int(days // 365.25)} years ago"
    if days >= 60:
        return f"{days // 30} months ago"
    if days < 0:
        return "to come"
    return f"{days} days ago" if days > 1 else ("yesterday" if days == 1 else "today")


def _met(meetings: list[str]) -> str:
    """Logged meetings in words: "met twice in 2025", "met 3 times, last in March 2025"."""
    times = _TIMES.get(len(meetings), f"{len(meetings)} times")
    years = {m[:4] for m in meetings}
    if len(years) == 1:
        return f"met {times} in {meetings[0][:4]}"
    return f"met {times}, last in {date.fromisoformat(max(meetings)[:10]).strftime('%B %Y')}"


def warmth(
    rel_type: str,
    props: dict,
    today: date,
    meetings: Iterable[str] = (),
    event_date: str | None = None,
) -> Warmth:
    """How warm a hop along one relationship is, in words, and why to check it before asking.

    ``meetings`` are the dates of interactions both ends logged together; ``event_date`` the date
    of the event an ATTENDS hop passes through. A KNOWS tie is to check first when it is weak
    (strength 2 or less, or unknown) or its last contact (or meeting) is STALE_AFTER_YEARS or more
    ago; a colleague who left, an event that long ago, or one still to come (nobody has met there yet), too.

    >>> today = date(2026, 12, 3)
    >>> warmth("KNOWS", {"strength": 4, "last_contact": "2025-06-24"}, today, ["2025-03-02", "2025-06-24"])
    Warmth(words='knows, strength 4, met twice in 2025', check_first=None)
    >>> warmth("KNOWS", {"strength": 3, "last_contact": "2014-06-12"}, today)
    Warmth(words='knows, strength 3, last contact 12 years ago', check_first='untouched for 12 years')
    >>> warmth("KNOWS", {"strength": 2}, today).check_first
    'weak tie, strength 2; no contact date'
    >>> warmth("WORKS_FOR", {"role": "Director", "until": "2019-01-31"}, today)
    Warmth(words='worked there as Director until 2019', check_first='left in 2019')
    >>> warmth("ATTENDS", {}, today, event_date="2013-10-22").words
    'at the same event, 13 years ago'
    >>> warmth("ATTENDS", {}, today, event_date="2027-06-15").check_first
    'not met there yet: the event is on 2027-06-15'
    """
    dates = sorted(meetings)
    if rel_type == "KNOWS":
        return _knows_warmth(props, today, dates)
    met = f", {_met(dates)}" if dates else ""
    if rel_type == "WORKS_FOR":
        role = f" as {props['role']}" if props.get("role") else ""
        if props.get("until"):
            left = str(props["until"])[:4]
            return Warmth(f"worked there{role} until {left}{met}", f"left in {left}")
        since = f" since {str(props['since'])[:4]}" if props.get("since") else ""
        return Warmth(f"works there{role}{since}{met}")
    if rel_type == "MEMBER_OF":
        return Warmth(f"a member{' (' + props['role'] + ')' if props.get('role') else ''}{met}")
    if rel_type == "ATTENDS":
        if not event_date:
            return Warmth(f"at the same event{met}")
        if event_date[:10] > today.isoformat():  # booked, not met: nothing warm about it yet
            return Warmth(
                f"at the same event, to come{met}", f"not met there yet: the event is on {event_date[:10]}"
            )
        words = f"at the same event, {_ago(event_date, today)}{met}"
        years = _years_between(event_date, today)
        stale = years >= STALE_AFTER_YEARS and not dates
        return Warmth(words, f"the event was {int(years)} years ago" if stale else None)
    return Warmth(f"partner organisations{met}")


def _knows_warmth(props: dict, today: date, meetings: list[str]) -> Warmth:
    strength = props.get("strength")
    words = [f"knows, strength {strength}" if strength else "knows, strength not recorded"]
    last = max([d for d in (props.get("last_contact"), *meetings) if d], default=None)
    if meetings:
        words.append(_met(meetings))
    elif last:
        words.append(f"last contact {_ago(last, today)}")
    checks = []
    if not strength or strength <= WEAK_AT_MOST:
        checks.append(f"weak tie, strength {strength or 'not recorded'}")
    if not last:
        checks.append("no contact date")
    elif _years_between(last, today) >= STALE_AFTER_YEARS:
        checks.append(f"untouched for {int(_years_between(last, today))} years")
    return Warmth(", ".join(words), "; ".join(checks) or None)


def meetings_between(G: nx.MultiDiGraph, u: str, v: str) -> list[str]:
    """The dates of the logged interactions ``u`` and ``v`` both took part in, oldest first."""
    shared = set(related(G, u, "PARTICIPATED_IN")) & set(related(G, v, "PARTICIPATED_IN"))
    return sorted(str(G.nodes[i].get("date", "")) for i in shared if G.nodes[i].get("date"))


def hops_needed(
    net: TieNetwork, starts: Collection[str], target: str, barred: Collection[str] = frozenset()
) -> int | None:
    """The fewest hops of any path from ``starts`` to ``target`` passing through nothing in ``barred``
    (None: there is no path at all), to say how many hops would find one.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b", "c", "d"], label="Person")
    >>> G.add_edges_from([("a", "b", "KNOWS"), ("b", "c", "KNOWS"), ("c", "d", "KNOWS")])
    ['KNOWS', 'KNOWS', 'KNOWS']
    >>> hops_needed(tie_network(G), ["a"], "d"), hops_needed(tie_network(G), ["a"], "d", {"b"})
    (3, None)
    """
    adj = net.adj
    seen = {s for s in starts if s in adj}
    frontier, depth = list(seen), 0
    while frontier:
        depth += 1
        nxt = []
        for u in frontier:
            for w in adj[u]:
                if w == target:
                    return depth
                if w not in seen and w not in barred:
                    seen.add(w)
                    nxt.append(w)
        frontier = nxt
    return None
