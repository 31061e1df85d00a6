"""Logged interactions read back from the graph: each stakeholder's history, follow-ups that are due,
and ties to officials that are going cold. Pure functions of the graph, like every analysis.

The small world with a call logged in it, whose follow-up is overdue:

>>> from graphkit.examples import small_world
>>> from graphkit.model import Node, Relationship
>>> from graphkit.store.base import to_networkx
>>> nodes, rels = small_world()
>>> logged = {"kind": "call", "date": "2026-11-02", "follow_up": "2026-11-20"}
>>> call = Node("ix-call", "Interaction", "Call on access", logged)
>>> met = [Relationship("PARTICIPATED_IN", p, "ix-call") for p in ("person-amara", "person-lucas")]
>>> G = to_networkx([*nodes, call], [*rels, *met])
>>> [(i.name, i.participants) for i in interactions(G, "person-lucas")]
[('Call on access', ('person-amara', 'person-lucas'))]
>>> [(f.interaction.id, f.due, f.overdue) for f in open_follow_ups(G, as_of=date(2026, 12, 1))]
[('ix-call', '2026-11-20', True)]
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from graphkit.graph.describe import name, related, related_from, short_name
from graphkit.model.interaction import PROPERTIES, Interaction

#: A KNOWS tie this strong or stronger counts as a strong tie worth keeping warm.
STRONG = 4
#: A strong tie to an official untouched for longer than this is going cold.
COLD_AFTER_DAYS = 180


def age_in_words(days: int | None) -> str:
    """How long ``days`` is, as an advocate says it: "13 years", "18 months", "3 weeks", "4 days".

    >>> age_in_words(4945), age_in_words(20), age_in_words(None)
    ('13 years', '2 weeks', 'never logged')
    """
    if days is None:
        return "never logged"
    for more_than, size, unit in ((730, 365, "year"), (60, 30, "month"), (14, 7, "week"), (1, 1, "day")):
        if days >= more_than:
            n = days // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "no time"


def long_date(iso: str | None) -> str:
    """ "2013-05-20" as "20 May 2013"; "unknown" when there is none."""
    return date.fromisoformat(iso).strftime("%-d %B %Y") if iso else "unknown"


@dataclass(frozen=True)
class FollowUp:
    """A follow-up promised at an interaction and not yet done; overdue when its date has passed."""

    interaction: Interaction
    due: str
    overdue: bool

    def when(self, today: date) -> str:
        """When it is due, in words, as of ``today``: "follow up by 15 November 2026 (overdue by 2 weeks)"."""
        days = (date.fromisoformat(self.due) - today).days
        due = (
            f"overdue by {age_in_words(-days)}"
            if days < 0
            else "due today"
            if not days
            else f"due in {age_in_words(days)}"
        )
        return f"follow up by {long_date(self.due)} ({due})"


@dataclass(frozen=True)
class ColdTie:
    """A strong tie between a coalition member (or anyone) and an official, untouched for ``days``."""

    member: str
    official: str
    strength: int
    last_contact: str | None
    days: int | None  # None: no contact date is known
    event: str | None = None  # the next event the official will attend (a chance to meet), if any
    event_date: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing in a stakeholder's history: an interaction, an event, a change of role."""

    date: str
    kind: str  # "interaction", "event" or "role"
    text: str
    about: str | None  # the id of the interaction, event or organisation (None: an interaction not logged)


def interaction(G: nx.MultiDiGraph, node: str) -> Interaction:
    """The Interaction node ``node`` with its participants, policy areas and event."""
    d = G.nodes[node]
    props = {p: d.get(p) for p in PROPERTIES} | {"kind": d.get("kind", "meeting"), "date": d.get("date", "")}
    return Interaction(
        **props,
        participants=tuple(sorted(related_from(G, node, "PARTICIPATED_IN"))),
        name=name(G, node),
        policy_areas=tuple(sorted(related(G, node, "DISCUSSED"))),
        event=next(iter(related(G, node, "HELD_AT")), None),
        id=node,
    )


def interactions(G: nx.MultiDiGraph, stakeholder: str | None = None) -> list[Interaction]:
    """Every logged interaction, or those ``stakeholder`` took part in; newest first."""
    if stakeholder is None:
        ids = [n for n, d in G.nodes(data=True) if d.get("label") == "Interaction"]
    else:
        ids = related(G, stakeholder, "PARTICIPATED_IN")
    found = [interaction(G, n) for n in ids]
    return sorted(found, key=lambda i: (i.date, i.id), reverse=True)


def logged_on(G: nx.MultiDiGraph, participants: Collection[str], day: str) -> list[Interaction]:
    """The interactions logged on ``day`` with exactly these participants: what logging them again
    on that day would repeat.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ix-1", label="Interaction", name="Call", kind="call", date="2026-11-02")
    >>> G.add_edges_from([("ada", "ix-1", "PARTICIPATED_IN"), ("bo", "ix-1", "PARTICIPATED_IN")])
    ['PARTICIPATED_IN', 'PARTICIPATED_IN']
    >>> [i.name for i in logged_on(G, ["bo", "ada"], "2026-11-02")], logged_on(G, ["ada"], "2026-11-02")
    (['Call'], [])
    """
    people = set(participants)
    first = next(iter(people), None)
    if first is None or first not in G:
        return []
    same = [i for i in interactions(G, first) if i.date == day]
    return [i for i in same if set(i.participants) == people]


def open_follow_ups(
    G: nx.MultiDiGraph, as_of: date | None = None, stakeholder: str | None = None
) -> list[FollowUp]:
    """Follow-ups not yet done, the most overdue first.

    A follow-up is done when ``follow_up_done`` is set, or when a later interaction brought the same
    people together again (two of its participants, or its only one).
    """
    today = (as_of or date.today()).isoformat()
    logged = interactions(G)
    found = []
    for i in interactions(G, stakeholder) if stakeholder else logged:
        if not i.follow_up or i.follow_up_done:
            continue
        needed = min(2, len(i.participants))
        met_again = any(
            later.date > i.date and len(set(later.participants) & set(i.participants)) >= needed
            for later in logged
        )
        if not met_again:
            found.append(FollowUp(i, i.follow_up, i.follow_up < today))
    return sorted(found, key=lambda f: (f.due, f.interaction.id))


def is_official(G: nx.MultiDiGraph, node: str) -> bool:
    """A person in the government or intergovernmental stakeholder group: whom advocates try to reach."""
    d = G.nodes[node]
    return d.get("label") == "Person" and d.get("stakeholder_group") in ("government", "intergovernmental")


def next_events(G: nx.MultiDiGraph, today: str) -> dict[str, tuple[str, str]]:
    """Each stakeholder's next event: id -> (its date, the event), for events on or after ``today``."""
    found: dict[str, tuple[str, str]] = {}
    for e, d in G.nodes(data=True):
        when = str(d.get("date") or "")
        if d.get("label") != "Event" or when < today:
            continue
        for who in related_from(G, e, "ATTENDS"):
            found[who] = min(found.get(who, (when, e)), (when, e))
    return found


def going_cold(
    G: nx.MultiDiGraph,
    members: Collection[str] | None = None,
    as_of: date | None = None,
    after_days: int = COLD_AFTER_DAYS,
    min_strength: int = STRONG,
) -> list[ColdTie]:
    """Strong KNOWS ties to officials not touched for more than ``after_days``, what can be acted on
    soonest first: officials who will attend an event first (the sooner the event, the earlier), then
    the strongest ties, then the least cold (a tie untouched for 13 years is not the first to act on).

    ``members``: only ties held by these stakeholders (the coalition's members); None means anyone's.
    A tie whose last contact is unknown counts as cold, and comes after those with a date.

    >>> from graphkit.examples import small_world_graph
    >>> [(t.member, t.official, t.days) for t in going_cold(small_world_graph(), as_of=date(2026, 12, 1))]
    [('person-amara', 'person-lucas', 4786)]
    """
    today = as_of or date.today()
    since = (today - timedelta(days=after_days)).isoformat()
    members = None if members is None else set(members)
    events = next_events(G, today.isoformat())
    found: dict[tuple[str, str], ColdTie] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k != "KNOWS" or (d.get("strength") or 0) < min_strength:
            continue
        contact = d.get("last_contact")
        if contact and contact >= since:
            continue
        for member, official in ((u, v), (v, u)):
            if not is_official(G, official) or (members is not None and member not in members):
                continue
            days = (today - date.fromisoformat(contact)).days if contact else None
            when, event = events.get(official, (None, None))
            tie = ColdTie(member, official, d["strength"], contact, days, event, when)
            found.setdefault((member, official), tie)
    return sorted(
        found.values(),
        key=lambda t: (
            t.event_date or "~",
            -t.strength,
            10**9 if t.days is None else t.days,
            t.member,
            t.official,
        ),
    )


def timeline(G: nx.MultiDiGraph, stakeholder: str) -> list[TimelineEntry]:
    """A stakeholder's dated history, newest first: interactions, events attended, roles taken and left.

    >>> from graphkit.examples import small_world_graph
    >>> for t in timeline(small_world_graph(), "person-lucas"):
    ...     print(t.date, t.text)
    2013-10-22 attendee at IGF 2013 Bali
    2011-01-01 joins Ministry of Communications (Brazil) as staff
    """
    entries = []
    for i in interactions(G, stakeholder):
        others = [name(G, p) for p in i.participants if p != stakeholder]
        text = f"{i.kind.replace('_', ' ')}: {i.name}"
        if others:
            text += " with " + ", ".join(others)
        if i.outcome:
            text += f". Outcome: {i.outcome}"
        entries.append(TimelineEntry(i.date, "interaction", text, i.id))
    for _, e, k, d in G.out_edges(stakeholder, keys=True, data=True):
        if k == "ATTENDS" and G.nodes[e].get("date"):
            role = d.get("role") or "attendee"
            entries.append(TimelineEntry(G.nodes[e]["date"], "event", f"{role} at {name(G, e)}", e))
        elif k == "WORKS_FOR":
            role = d.get("role") or "staff"
            if d.get("since"):
                entries.append(TimelineEntry(d["since"], "role", f"joins {short_name(G, e)} as {role}", e))
            if d.get("until"):
                entries.append(TimelineEntry(d["until"], "role", f"leaves {short_name(G, e)} ({role})", e))
    return sorted(entries, key=lambda t: (t.date, t.kind, t.about), reverse=True)
