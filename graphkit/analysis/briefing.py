"""Briefing packs: one page on an official or an organisation for a coalition, every fact cited.

A pack for sharing is built from ``shareable(G)``, so no private fact can reach it; a pack with
private facts is for one's own eyes and says so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import networkx as nx

from graphkit.analysis.interactions import interactions, long_date, open_follow_ups
from graphkit.analysis.paths import EngagementAnswer, EngagementPath, coalition_members, engagement_paths
from graphkit.analysis.ties import TieCosts, tie_network
from graphkit.errors import GraphkitError
from graphkit.graph import shareable
from graphkit.graph.describe import (
    RELATIONSHIP_WORDS,
    country_of,
    name,
    name_and_place,
    related,
    related_from,
)
from graphkit.graph.filters import schema_of, value_texts
from graphkit.model import STAKEHOLDER_LABELS

WHO = "Who they are"
STANCES = "Stances on the coalition's policy areas"
PATHS = "Best engagement paths"
KNOWN_BY = "Coalition members who know them"
INTERACTIONS = "Past interactions"
FOLLOW_UPS = "Open follow-ups"
EVENTS = "Upcoming events"
SECTIONS = (WHO, STANCES, PATHS, KNOWN_BY, INTERACTIONS, FOLLOW_UPS, EVENTS)

#: How many paths a pack shows, and how many past interactions.
PATHS_SHOWN = 3
INTERACTIONS_SHOWN = 5

_LEVELS = {"public": 0, "internal": 1, "private": 2}
_STANCE_ORDER = {"champion": 0, "supportive": 1, "neutral": 2, "opposed": 3}
#: Stances that make a policy area one the coalition cares about when a member holds them.
ALLIED_STANCES = ("champion", "supportive")

_ID_IN_TEXT = re.compile(r"\b[a-z]+-[A-Za-z0-9._:-]*[A-Za-z0-9]")
#: A record a fact rests on, in words ("Lucas Pereira", or "Lucas Pereira works for ..."), and its properties.
Record = tuple[str, dict]


@dataclass(frozen=True)
class Fact:
    """One line of a pack: what it says, how sensitive it is (the most sensitive record it rests on),
    the numbers of its sources in ``Briefing.sources`` (1-based), and lines under it."""

    text: str
    sources: tuple[int, ...] = ()
    sensitivity: str = "public"
    details: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled part of a pack; ``note`` is said before its facts, or instead of them when there are none."""

    title: str
    facts: tuple[Fact, ...]
    note: str = ""


@dataclass(frozen=True)
class Briefing:
    """A one-page briefing pack on ``target`` for ``coalition``, as plain data for the renderers."""

    target: str
    name: str
    headline: str  # who they are in a line: "Wambui Gichuru (MICDE, Kenya)"
    coalition: str
    coalition_name: str
    as_of: str
    private: bool  # private facts were included: not for sharing
    sections: tuple[Section, ...]
    sources: tuple[str, ...]  # source n is sources[n - 1]

    def section(self, title: str) -> Section:
        """The section called ``title``."""
        return next(s for s in self.sections if s.title == title)


def _rel(G: nx.MultiDiGraph, u: str, v: str, rel_type: str, today: str = "") -> Record:
    """A relationship as a record: in words, and its properties. An event after ``today`` is one they
    "will attend", not one they attended."""
    said = RELATIONSHIP_WORDS.get(rel_type, (rel_type.lower(),))[0]
    if rel_type == "ATTENDS" and today and str(G.nodes[v].get("date") or "") > today:
        said = "will attend"
    return f"{name(G, u)} {said} {name(G, v)}", G.edges[u, v, rel_type]


def _node(G: nx.MultiDiGraph, n: str) -> Record:
    return name(G, n), G.nodes[n]


def _nodes(G: nx.MultiDiGraph, *ids: str | None) -> list[Record]:
    return [_node(G, n) for n in ids if n is not None]


def _most_sensitive(levels: Iterable[str]) -> str:
    return max(levels, key=lambda s: _LEVELS.get(s, 0), default="public")


class _Pack:
    """Builds facts on one graph, numbering each citation once; ``briefing`` renumbers in reading order."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.cited: dict[str, int] = {}

    def cite(self, record: Record) -> int:
        what, data = record
        source = str(data.get("source") or "").strip()
        if source in self.G:  # a tie's source may be the logged interaction that made it
            source = f"graphkit record: {name(self.G, source)}"
        # Sources in words: an id inside one ("logged by person-x") becomes a name.
        source = _ID_IN_TEXT.sub(lambda m: name(self.G, m[0]) if m[0] in self.G else m[0], source)
        citation = source or f"graphkit record: {what}"
        # Say which facts are on the public record and which are made up (see the schema's ``status``).
        if data.get("status") == "illustrative":
            citation += " (illustrative)"
        elif data.get("status") == "real" and data.get("retrieved_on"):
            citation += f" (retrieved {data['retrieved_on']})"
        return self.cited.setdefault(citation, len(self.cited) + 1)

    def fact(
        self, text: str, cited: Iterable[Record], also: Iterable[Record] = (), details: Iterable[Fact] = ()
    ) -> Fact:
        """A fact citing ``cited``; the records ``also`` (nodes it names, say) count towards its
        sensitivity without being cited."""
        cited = list(cited)
        levels = [d.get("sensitivity") or "public" for _, d in [*cited, *also]]
        numbers = tuple(dict.fromkeys(self.cite(r) for r in cited))
        return Fact(text, numbers, _most_sensitive(levels), tuple(details))


def coalition_policy_areas(G: nx.MultiDiGraph, coalition: str) -> set[str]:
    """The policy areas that matter to a coalition: those it COVERS, and those its members engage on
    as champion or supportive."""
    areas = set(related(G, coalition, "COVERS"))
    for m in coalition_members(G, coalition):
        for _, pa, k, d in G.out_edges(m, keys=True, data=True):
            if k == "ENGAGES_ON" and d.get("stance") in ALLIED_STANCES:
                areas.add(pa)
    return areas


def briefing(
    G: nx.MultiDiGraph,
    target: str,
    coalition: str,
    as_of: date | None = None,
    include_private: bool = False,
) -> Briefing:
    """A briefing pack on a person or organisation for a coalition.

    Parameters
    ----------
    G : the stakeholder graph.
    target : the id of the Person or Organization to brief on.
    coalition : the id of the Initiative the pack is for; its members are the sources of the paths.
    as_of : the day of the pack (today when None): what is past and upcoming, and how warm ties are.
    include_private : also use private facts; the pack is then for one's own eyes. Otherwise the
        pack is built from ``shareable(G)`` and holds no private fact.

    Returns
    -------
    Briefing with the sections of ``SECTIONS``, in that order, and the sources its facts cite.

    Raises
    ------
    GraphkitError when the target is not a person or organisation of the graph, or the coalition is
    not an Initiative; for a pack for sharing, also when either is private.

    Example
    -------
    >>> from graphkit.examples import small_world_graph
    >>> pack = briefing(small_world_graph(), "person-lucas", "init-dc-pal", date(2026, 12, 1))
    >>> pack.headline
    'Lucas Pereira (Ministry of Communications (Brazil))'
    >>> [s.title for s in pack.sections][:3]
    ['Who they are', "Stances on the coalition's policy areas", 'Best engagement paths']

    ``graphkit.viz.briefing.to_markdown(pack)`` writes it out.
    """
    H = G if include_private else shareable(G)
    for node, labels, what in (
        (target, STAKEHOLDER_LABELS, "person or organisation"),
        (coalition, ("Initiative",), "coalition"),
    ):
        if node not in H:
            private = node in G and G.nodes[node].get("sensitivity") == "private"
            raise GraphkitError(
                f"{node!r} is private: a pack for sharing cannot name them; include private facts for your own pack"
                if private
                else f"no {what} with id {node!r}"
            )
        if H.nodes[node].get("label") not in labels:
            raise GraphkitError(f"{name(H, node)!r} is not a {what}")
    today = as_of or date.today()
    pack = _Pack(H)
    answer = engagement_paths(H, coalition, target, k=PATHS_SHOWN, costs=TieCosts(as_of=today))
    sections = (
        Section(WHO, tuple(_who_they_are(pack, target, today.isoformat()))),
        _stances(pack, target, coalition),
        _paths(pack, answer, today),
        _known_by(pack, target, coalition, today.isoformat()),
        _interactions(pack, target, today.isoformat()),
        _follow_ups(pack, target, today, _shown(answer)),
        _events(pack, target, today.isoformat()),
    )
    sections, sources = _in_reading_order(sections, list(pack.cited))
    return Briefing(
        target=target,
        name=name(H, target),
        headline=name_and_place(H, target),
        coalition=coalition,
        coalition_name=name(H, coalition),
        as_of=today.isoformat(),
        private=include_private,
        sections=sections,
        sources=sources,
    )


def _in_reading_order(
    sections: tuple[Section, ...], citations: list[str]
) -> tuple[tuple[Section, ...], tuple[str, ...]]:
    """The sections with their sources renumbered in the order a reader meets them, and the sources."""
    new: dict[int, int] = {}

    def renumber(f: Fact) -> Fact:
        numbers = tuple(new.setdefault(n, len(new) + 1) for n in f.sources)
        return replace(f, sources=numbers, details=tuple(renumber(d) for d in f.details))

    sections = tuple(replace(s, facts=tuple(renumber(f) for f in s.facts)) for s in sections)
    in_order = sorted(new, key=new.get)  # type: ignore[arg-type]
    return sections, tuple(citations[n - 1] for n in in_order)


def _who_they_are(pack: _Pack, target: str, today: str) -> list[Fact]:
    """The Who they are section: title and jobs, kind and place, memberships, and an organisation's staff."""
    return [
        *_jobs(pack, target, today),
        *_kind_and_place(pack, target),
        *_memberships(pack, target),
        *_staff(pack, target, today),
        *_own_fields(pack, target),
    ]


def _own_fields(pack: _Pack, target: str) -> list[Fact]:
    """The values of the team's own declared fields (not the private ones), one line each."""
    G = pack.G
    d = G.nodes[target]
    facts = []
    for f in schema_of(G).declared(str(d.get("label", ""))):
        said = ", ".join(sorted(value_texts(d.get(f.name))))
        if said and not f.private:
            facts.append(pack.fact(f"{f.name.replace('_', ' ').capitalize()}: {said}", [_node(G, target)]))
    return facts


def _jobs(pack: _Pack, target: str, today: str) -> list[Fact]:
    """A person's title (unless a current role says it), current jobs newest first, then former ones."""
    G = pack.G
    d = G.nodes[target]
    facts = []
    jobs = [(o, G.edges[target, o, "WORKS_FOR"]) for o in related(G, target, "WORKS_FOR")]
    current = [(o, j) for o, j in jobs if not j.get("until") or j["until"] >= today]
    roles = {j.get("role") for _, j in current}
    if d.get("label") == "Person" and d.get("title") and d["title"] not in roles:
        facts.append(pack.fact(d["title"], [_node(G, target)]))
    for o, j in sorted(current, key=lambda oj: (oj[1].get("since") or "", oj[0]), reverse=True):
        text = f"{j['role']} at {_org(G, o)}" if j.get("role") else f"Works for {_org(G, o)}"
        if j.get("since"):
            text += f", since {j['since']}"
        if j.get("until"):
            text += f", until {j['until']}"
        facts.append(pack.fact(text, [_rel(G, target, o, "WORKS_FOR")], _nodes(G, o)))
    for o, j in sorted(((o, j) for o, j in jobs if (o, j) not in current), key=lambda oj: oj[1]["until"]):
        role = f"{j['role']} at " if j.get("role") else ""
        facts.append(
            pack.fact(
                f"Formerly {role}{_org(G, o)}, until {j['until']}",
                [_rel(G, target, o, "WORKS_FOR")],
                _nodes(G, o),
            )
        )
    return facts


def _kind_and_place(pack: _Pack, target: str) -> list[Fact]:
    """An organisation's kind and group, the country it or they are based in, a person's group."""
    G = pack.G
    d = G.nodes[target]
    facts = []
    group = str(d.get("stakeholder_group") or "not recorded").replace("_", " ")
    if d.get("label") == "Organization":
        kind = str(d.get("org_type") or "organisation").replace("_", " ")
        facts.append(
            pack.fact(f"{kind[:1].upper()}{kind[1:]}, stakeholder group: {group}", [_node(G, target)])
        )
    country = country_of(G, target)
    if country:
        facts.append(
            pack.fact(
                f"Based in {name(G, country)}", [_rel(G, target, country, "BASED_IN")], _nodes(G, country)
            )
        )
    if d.get("label") == "Person":
        facts.append(pack.fact(f"Stakeholder group: {group}", [_node(G, target)]))
    return facts


def _memberships(pack: _Pack, target: str) -> list[Fact]:
    G = pack.G
    facts = []
    for m in sorted(related(G, target, "MEMBER_OF"), key=lambda m: name(G, m).casefold()):
        role = G.edges[target, m, "MEMBER_OF"].get("role")
        text = f"Member of {_org(G, m)}" + (f" ({role})" if role else "")
        facts.append(pack.fact(text, [_rel(G, target, m, "MEMBER_OF")], _nodes(G, m)))
    return facts


def _staff(pack: _Pack, target: str, today: str) -> list[Fact]:
    """An organisation's current staff by name (nobody for a person)."""
    G = pack.G
    if G.nodes[target].get("label") != "Organization":
        return []
    staff = [p for p in related_from(G, target, "WORKS_FOR") if _current(G, p, target, today)]
    staff.sort(key=lambda p: name(G, p).casefold())
    facts = []
    for p in staff:
        role = G.edges[p, target, "WORKS_FOR"].get("role")
        text = f"Staff: {name(G, p)}" + (f", {role}" if role else "")
        facts.append(pack.fact(text, [_rel(G, p, target, "WORKS_FOR")], _nodes(G, p)))
    return facts


def _current(G: nx.MultiDiGraph, person: str, org: str, today: str) -> bool:
    until = G.edges[person, org, "WORKS_FOR"].get("until")
    return not until or until >= today


def _org(G: nx.MultiDiGraph, o: str) -> str:
    """An organisation's name with its acronym: "Kenya Library Association (KLA)"."""
    full, acronym = name(G, o), G.nodes[o].get("acronym")
    return f"{full} ({acronym})" if acronym and acronym not in full and not full.endswith(")") else full


def _stances(pack: _Pack, target: str, coalition: str) -> Section:
    G = pack.G
    matter = coalition_policy_areas(G, coalition)
    engaged = [(pa, G.edges[target, pa, "ENGAGES_ON"]) for pa in related(G, target, "ENGAGES_ON")]
    engaged = [(pa, d) for pa, d in engaged if pa in matter]
    engaged.sort(
        key=lambda e: (_STANCE_ORDER.get(e[1].get("stance"), 4), -(e[1].get("influence") or 0), name(G, e[0]))
    )
    facts = []
    for pa, d in engaged:
        said = [d["stance"]] if d.get("stance") else ["stance not recorded"]
        said += [f"{f} {d[f]}" for f in ("influence", "interest") if d.get(f) is not None]
        points = G.nodes[pa].get("talking_points")
        details = [pack.fact(f"Talking points: {points}", [_node(G, pa)])] if points else []
        text = f"{name(G, pa)}: {', '.join(said)}"
        facts.append(pack.fact(text, [_rel(G, target, pa, "ENGAGES_ON")], _nodes(G, pa), details))
    note = "" if facts else f"No stance recorded on the policy areas that matter to {name(G, coalition)}."
    return Section(STANCES, tuple(facts), note)


def _shown(answer: EngagementAnswer) -> list[tuple[str, EngagementPath]]:
    """The paths a pack shows, titled: "Path 1", ..., or the nearest in the same organisation or country."""
    shown = [(f"Path {i}", p) for i, p in enumerate(answer.paths, 1)]
    if answer.nearest:
        shown.append((f"Nearest in the same {answer.nearest_relation}", answer.nearest))
    return shown


def _paths(pack: _Pack, answer: EngagementAnswer, today: date) -> Section:
    G = pack.G
    net = tie_network(G, TieCosts(as_of=today))
    shown = _shown(answer)
    facts = []
    for title, path in shown:
        steps = []
        for h in path.hops:
            u, rel_type, v, _ = net.relationship_between(h.source, h.target)  # type: ignore[misc]
            cited = _rel(G, u, v, rel_type, today.isoformat())
            steps.append(pack.fact(h.said, [cited], _nodes(G, h.source, h.target)))
        text = f"{title}: from {name_and_place(G, path.start)}, {path.warmth()}"
        facts.append(pack.fact(text, [], _nodes(G, path.start), steps))
    return Section(PATHS, tuple(facts), answer.summary)


def _known_by(pack: _Pack, target: str, coalition: str, today: str) -> Section:
    """KNOWS ties between coalition members and the target (or, for an organisation, its staff)."""
    G = pack.G
    members = set(coalition_members(G, coalition))
    if G.nodes[target].get("label") == "Person":
        people = [target]
    else:
        people = [p for p in related_from(G, target, "WORKS_FOR") if _current(G, p, target, today)]
    order = sorted(
        _member_ties(G, people, members).items(),
        key=lambda t: (
            -(t[1][2].get("strength") or 0),
            "" if t[1][2].get("last_contact") else "~",
            name(G, t[0][0]),
        ),
    )
    facts = []
    for (m, p), (u, v, d) in order:
        said = [f"strength {d['strength']}" if d.get("strength") else "strength not recorded"]
        said.append(f"last contact {d['last_contact']}" if d.get("last_contact") else "no contact date")
        if d.get("context"):
            said.append(d["context"])
        knows = "" if p == target else f" knows {name(G, p)}"
        facts.append(
            pack.fact(
                f"{name_and_place(G, m)}{knows}: {', '.join(said)}", [_rel(G, u, v, "KNOWS")], _nodes(G, m, p)
            )
        )
    note = (
        "" if facts else f"No member of {name(G, coalition)} knows them directly: see the engagement paths."
    )
    return Section(KNOWN_BY, tuple(facts), note)


def _member_ties(
    G: nx.MultiDiGraph, people: list[str], members: set[str]
) -> dict[tuple[str, str], tuple[str, str, dict]]:
    """The strongest KNOWS tie between each member and each of ``people``: (member, person) -> (u, v, props)."""
    ties: dict[tuple[str, str], tuple[str, str, dict]] = {}
    for p in people:
        for u, v, k, d in [*G.out_edges(p, keys=True, data=True), *G.in_edges(p, keys=True, data=True)]:
            m = v if u == p else u
            if k != "KNOWS" or m not in members or m == p:
                continue
            best = ties.get((m, p))
            if best is None or (d.get("strength") or 0) > (best[2].get("strength") or 0):
                ties[m, p] = (u, v, d)
    return ties


def _interactions(pack: _Pack, target: str, today: str) -> Section:
    G = pack.G
    past = [i for i in interactions(G, target) if i.date <= today]
    facts = []
    for i in past[:INTERACTIONS_SHOWN]:
        text = f"{i.date}, {i.kind.replace('_', ' ')}: {i.name}"
        others = [name(G, p) for p in i.participants if p != target]
        if others:
            text += f", with {', '.join(others)}"
        if i.event:
            text += f", at {name(G, i.event)}"
        if i.policy_areas:
            text += f", on {', '.join(name(G, pa) for pa in i.policy_areas)}"
        text += "".join(f". {w}: {v}" for w, v in (("Outcome", i.outcome), ("Notes", i.notes)) if v)
        named = _nodes(G, *i.participants, *i.policy_areas, i.event)
        named.append(_rel(G, target, i.id, "PARTICIPATED_IN"))
        facts.append(pack.fact(text, [_node(G, i.id)], named))
    note = ""
    if not past:
        note = "No interaction logged."
    elif len(past) > INTERACTIONS_SHOWN:
        note = f"The {INTERACTIONS_SHOWN} most recent of {len(past)}."
    return Section(INTERACTIONS, tuple(facts), note)


def _follow_ups(pack: _Pack, target: str, today: date, shown: list[tuple[str, EngagementPath]]) -> Section:
    """Open follow-ups of the target's interactions, and of those between the two people of a hop on the
    way to them (an introduction promised there, say), worded as Going cold words them."""
    G = pack.G
    hops = {
        frozenset((h.source, h.target)): (title, i) for title, p in shown for i, h in enumerate(p.hops, 1)
    }
    facts = []
    for f in open_follow_ups(G, today):
        i = f.interaction
        on_way = next(
            (
                hops[pair]
                for pair in map(frozenset, itertools.combinations(i.participants, 2))
                if pair in hops
            ),
            None,
        )
        if target not in i.participants and on_way is None:
            continue
        people = ", ".join(name(G, p) for p in i.participants)
        text = f"{i.name}, {i.kind.replace('_', ' ')} of {long_date(i.date)} with {people}: {f.when(today)}"
        if target not in i.participants:  # not in their past interactions: say what was promised
            text += f"; on the way to them ({on_way[0]}, hop {on_way[1]})"
            text += f". Outcome: {i.outcome}" if i.outcome else ""
        facts.append(pack.fact(text, [_node(G, i.id)], _nodes(G, *i.participants)))
    return Section(FOLLOW_UPS, tuple(facts), "" if facts else "No follow-up open.")


def _events(pack: _Pack, target: str, today: str) -> Section:
    G = pack.G
    coming = [e for e in related(G, target, "ATTENDS") if str(G.nodes[e].get("date") or "") >= today]
    coming.sort(key=lambda e: (G.nodes[e]["date"], e))
    facts = []
    for e in coming:
        d, role = G.nodes[e], G.edges[target, e, "ATTENDS"].get("role")
        text = f"{d['date']}, {name(G, e)}" + (f", {d['place']}" if d.get("place") else "")
        text += f" ({role})" if role else ""
        facts.append(pack.fact(text, [_rel(G, target, e, "ATTENDS", today)], _nodes(G, e)))
    return Section(EVENTS, tuple(facts), "" if facts else "No upcoming event on record.")
