"""Event planning: whom the coalition can meet at an event, who introduces whom there, and which of
the event's policy areas it has no allies on, with the attendees who could fill them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from graphkit.analysis.coverage import coverage_matrix
from graphkit.analysis.interactions import is_official
from graphkit.analysis.paths import Hop, default_coalition, describe_path, resolve_sources
from graphkit.analysis.ties import DEFAULT_COSTS, TieCosts, TieNetwork, cheapest_paths, opposed_everywhere
from graphkit.errors import GraphkitError
from graphkit.graph.describe import name, name_and_place, related, related_from
from graphkit.model import ALLY_STANCES, POLICY_AREA_KINDS


@dataclass(frozen=True)
class Meeting:
    """A meeting to seek at the event.

    ``kind`` is "direct" (a member meets an official they know), "introduction" (attendees
    introduce a member to an official, ``introducers`` in order) or "ally" (meet an attendee who is an
    ally on ``policy_areas``, where the coalition has no or few allies).
    """

    kind: str
    whom: str
    text: str
    member: str | None = None
    introducers: tuple[str, ...] = ()
    cost: float | None = None
    hops: tuple[Hop, ...] = ()
    policy_areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class AreaCoverage:
    """One policy area the event covers: how many allies the coalition has on it, and which
    attendees (not members) are allies on it."""

    policy_area: str
    status: str  # "gap": no ally; "weak": fewer than the threshold; else "covered"
    coalition_allies: int
    attending_allies: tuple[str, ...]


@dataclass(frozen=True)
class EventPlan:
    """Who attends an event, the meetings to seek there (cheapest introductions first, then allies
    on the coalition's gap areas), and the coalition's coverage of the areas the event covers."""

    event: str
    coalition: tuple[str, ...]
    attendees: tuple[str, ...]
    members_attending: tuple[str, ...]
    officials_attending: tuple[str, ...]
    meetings: tuple[Meeting, ...]
    out_of_reach: tuple[str, ...]  # attending officials no chain of attendees reaches
    areas: tuple[AreaCoverage, ...]
    summary: str

    @property
    def gaps(self) -> list[AreaCoverage]:
        """The covered areas where the coalition has no ally or too few."""
        return [a for a in self.areas if a.status != "covered"]


def events_by_date(G: nx.MultiDiGraph, today: date | None = None) -> list[str]:
    """Event ids: upcoming ones first, soonest first; then past ones, latest first; undated last."""
    now = (today or date.today()).isoformat()
    events = [(str(d.get("date") or ""), n) for n, d in G.nodes(data=True) if d.get("label") == "Event"]
    upcoming = sorted(e for e in events if e[0] >= now)
    past = sorted((e for e in events if e[0] and e[0] < now), key=lambda e: (e[0], e[1]), reverse=True)
    return [n for _, n in upcoming + past + sorted(e for e in events if not e[0])]


def event_plan(
    G: nx.MultiDiGraph,
    event: str,
    coalition: str | Iterable[str] | None = None,
    max_hops: int = 2,
    reach_hops: int = 0,
    weak_below: int = 3,
    costs: TieCosts = DEFAULT_COSTS,
) -> EventPlan:
    """The meetings the coalition can seek at ``event``, and its gaps among the areas the event covers.

    Parameters
    ----------
    G : the stakeholder graph.
    event : the Event id.
    coalition : an Initiative id (its members) or stakeholder ids; default ``default_coalition(G)``.
    max_hops : the longest chain of KNOWS ties, among people who all attend the event, from an
        attending member to an attending official: 1 is a direct meeting, 2 an introduction by one
        attendee who knows both. People opposed on every area they engage on introduce nobody.
    reach_hops : an ally on a policy area counts as the coalition's within this many hops of a
        member (``coverage_matrix``'s ``max_hops``); 0 counts the members themselves. More hops
        reach through shared events, so that the event's own attendees would count.
    weak_below : an area with fewer coalition allies than this is "weak".
    costs : the cost of each KNOWS tie; see ``TieCosts``.

    Returns
    -------
    EventPlan. Each attending official appears in at most one meeting, the cheapest; then come
    attendees who are allies where the coalition has none or few, most gaps first.

    Raises
    ------
    GraphkitError when ``event`` is not an Event of G, a coalition id is unknown, or max_hops < 1.

    Example
    -------
    >>> from graphkit.examples import small_world_graph
    >>> plan = event_plan(small_world_graph(), "event-igf-2013", "init-dc-pal")
    >>> print(plan.meetings[0].text)
    Amara Diallo (Kenya Library Association) meets Lucas Pereira (Ministry of Communications (Brazil)): they know each other.
    """
    if event not in G or G.nodes[event].get("label") != "Event":
        raise GraphkitError(f"no Event with id {event!r}")
    if max_hops < 1:
        raise GraphkitError(f"max_hops must be 1 or more, not {max_hops}")
    chosen = default_coalition(G) if coalition is None else coalition
    members = resolve_sources(G, chosen)
    coalition_name = name(G, chosen) if isinstance(chosen, str) else "the coalition"
    attendees = sorted(set(related_from(G, event, "ATTENDS")), key=lambda n: (name(G, n).casefold(), n))
    member_set = set(members)
    present = [a for a in attendees if a in member_set]
    officials = [a for a in attendees if is_official(G, a) and a not in member_set]

    meetings, out_of_reach = _introductions(G, attendees, present, officials, max_hops, costs)
    areas = _areas(G, event, members, attendees, reach_hops, weak_below)
    met = {m.whom for m in meetings}
    meetings += _ally_meetings(G, areas, met)

    summary = _summary(G, event, coalition_name, present, officials, meetings, areas, max_hops)
    return EventPlan(
        event,
        tuple(members),
        tuple(attendees),
        tuple(present),
        tuple(officials),
        tuple(meetings),
        tuple(out_of_reach),
        tuple(areas),
        summary,
    )


def _summary(
    G: nx.MultiDiGraph,
    event: str,
    coalition_name: str,
    present: list[str],
    officials: list[str],
    meetings: list,
    areas: list,
    max_hops: int,
) -> str:
    """The plan in two sentences: who attends and how many meetings; the areas short of allies."""
    intros = sum(m.kind != "ally" for m in meetings)
    gaps = [a for a in areas if a.status != "covered"]
    if not present:
        head = f"No member of {coalition_name} attends {name(G, event)}: no introduction can happen there."
    else:
        head = (
            f"{_count(len(present), 'coalition member')} and {_count(len(officials), 'official')} "
            f"attend {name(G, event)}; {_count(intros, 'meeting')} with officials within "
            f"{_count(max_hops, 'hop')}."
        )
    if not gaps:
        return head
    listed = "; ".join(f"{name(G, a.policy_area)} ({'none' if a.status == 'gap' else 'few'})" for a in gaps)
    return f"{head} Areas it covers where the coalition has no or few allies: {listed}."


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _introductions(
    G: nx.MultiDiGraph,
    attendees: list[str],
    present: list[str],
    officials: list[str],
    max_hops: int,
    costs: TieCosts,
) -> tuple[list[Meeting], list[str]]:
    """The cheapest chain of KNOWS ties among attendees to each attending official, cheapest first."""
    people = [a for a in attendees if G.nodes[a].get("label") == "Person"]
    at_event = nx.MultiDiGraph()
    at_event.add_nodes_from((p, G.nodes[p]) for p in people)
    at_event.add_edges_from(
        (u, v, k, d)
        for u in people
        for _, v, k, d in G.out_edges(u, keys=True, data=True)
        if k == "KNOWS" and v in at_event
    )
    net = TieNetwork(at_event, costs)
    barred = opposed_everywhere(G) & set(people)
    starts = [p for p in present if p in at_event]
    meetings, out_of_reach = [], []
    for official in officials:
        best = next(iter(cheapest_paths(net, starts, official, barred, max_hops)), None) if starts else None
        if best is None:
            out_of_reach.append(official)
            continue
        cost, nodes = best
        meetings.append(_meeting(G, net, nodes, cost))
    meetings.sort(key=lambda m: (m.cost, name(G, m.whom).casefold(), m.whom))
    return meetings, out_of_reach


def _meeting(G: nx.MultiDiGraph, net: TieNetwork, nodes: list[str], cost: float) -> Meeting:
    hops = describe_path(net, nodes, cost, G).hops
    member, *between, official = nodes
    if not between:
        text = f"{name_and_place(G, member)} meets {name_and_place(G, official)}: they know each other."
    else:
        steps = [*between, official]
        first = f"{name_and_place(G, between[0])} introduces {name_and_place(G, member)} to {name_and_place(G, steps[1])}"
        rest = [
            f"then {name(G, a)} introduces {name(G, member)} to {name_and_place(G, b)}"
            for a, b in itertools.pairwise(steps[1:])
        ]
        text = ", ".join([first, *rest]) + "."
    kind = "introduction" if between else "direct"
    return Meeting(kind, official, text, member, tuple(between), cost, tuple(hops))


def _areas(
    G: nx.MultiDiGraph,
    event: str,
    members: list[str],
    attendees: list[str],
    reach_hops: int,
    weak_below: int,
) -> list[AreaCoverage]:
    """Each area the event covers with the coalition's allies on it (``coverage_matrix`` summed over
    stakeholder groups) and the attending allies who are not members."""
    covered = sorted(set(related(G, event, "COVERS")), key=lambda n: (name(G, n).casefold(), n))
    allies_on: dict[str, int] = {}
    for kind in sorted({G.nodes[a].get("kind") for a in covered} & set(POLICY_AREA_KINDS)):
        m = coverage_matrix(G, members, rows=kind, max_hops=reach_hops, weak_below=weak_below)
        for row in m.rows:
            allies_on[row] = len({a for c in m.columns for a in m.cell(row, c).reachable_allies})
    member_set = set(members)
    out = []
    for area in covered:
        n = allies_on.get(area, 0)
        status = "gap" if n == 0 else "weak" if n < weak_below else "covered"
        allies = tuple(
            a
            for a in attendees
            if a not in member_set
            and any(
                k == "ENGAGES_ON" and d.get("stance") in ALLY_STANCES
                for k, d in (G.get_edge_data(a, area) or {}).items()
            )
        )
        out.append(AreaCoverage(area, status, n, allies))
    return out


def _ally_meetings(G: nx.MultiDiGraph, areas: list[AreaCoverage], met: set[str]) -> list[Meeting]:
    """One meeting per attending ally on the gap and weak areas, most gaps first."""
    on: dict[str, list[AreaCoverage]] = {}
    for area in areas:
        if area.status != "covered":
            for ally in area.attending_allies:
                on.setdefault(ally, []).append(area)
    out = []
    for ally, found in on.items():
        if ally in met:
            continue
        parts: list[str] = []
        for status, amount in (("gap", "none"), ("weak", "few")):
            named = [name(G, a.policy_area) for a in found if a.status == status]
            if named:
                whose = "it" if parts else "the coalition"
                parts.append(f"on {' and '.join(named)}, where {whose} has {amount}")
        text = f"Meet {name_and_place(G, ally)}, an ally " + "; and ".join(parts) + "."
        out.append(Meeting("ally", ally, text, policy_areas=tuple(a.policy_area for a in found)))
    gaps_of = {m.whom: sum(a.status == "gap" for a in on[m.whom]) for m in out}
    return sorted(
        out, key=lambda m: (-gaps_of[m.whom], -len(m.policy_areas), name(G, m.whom).casefold(), m.whom)
    )
