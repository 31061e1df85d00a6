"""Logging an interaction: one write that records the meeting and keeps the KNOWS ties it proves current."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from graphkit.errors import Problem, ValidationError
from graphkit.io.contacts import slug
from graphkit.model import Node, Relationship, node_problems
from graphkit.store.base import Store

#: A tie first proven by a logged interaction starts at this strength ("a little"); edit it when you know better.
NEW_TIE_STRENGTH = 2


@dataclass
class InteractionLog:
    """What one person says happened: the fields of an Interaction and the ids it links."""

    kind: str
    date: str
    participants: list[str]
    name: str | None = None  # default: "Meeting with A, B"
    policy_areas: list[str] = field(default_factory=list)
    event: str | None = None
    outcome: str | None = None
    follow_up: str | None = None
    notes: str | None = None
    sensitivity: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Logged:
    """What logging wrote: the interaction's id, and the KNOWS ties it created or moved forward."""

    id: str
    name: str
    new_ties: list[tuple[str, str]]
    warmed_ties: list[tuple[str, str, str | None]]  # (from, to, the last contact before)


def log_interaction(
    store: Store,
    log: InteractionLog,
    new_tie_strength: int = NEW_TIE_STRENGTH,
    origin: str = "interaction",
    *,
    by: str | None = None,
) -> Logged:
    """Record ``log`` as an Interaction and bring the KNOWS ties between its people up to date.

    Between every two people who took part, an existing KNOWS tie (either direction) gets its
    ``last_contact`` moved forward to the interaction's date (never back); a missing one is
    created with ``new_tie_strength``, the interaction as its context and its id as the source.
    A private interaction moves only ties that are private themselves, and the ties it creates are
    private, so that no shared tie's date gives the meeting away.
    One upsert, so all-or-nothing: a bad field or an unknown participant writes nothing and the
    ValidationError names the field (``origin`` says where the input came from). ``by``: who logs it.
    """
    participants = list(dict.fromkeys(log.participants))
    known = store.get_nodes(participants)
    problems = [
        Problem(origin, "participants", f"no person or organisation with id {p!r}")
        for p in participants
        if p not in known or known[p].label not in ("Person", "Organization")
    ]
    if not participants:
        problems.append(Problem(origin, "participants", "required: at least one person or organisation"))
    title = log.name or f"{log.kind.replace('_', ' ').capitalize()} with " + ", ".join(
        known[p].name for p in participants if p in known
    )
    ix = _free_id(store, slug(f"ix-{log.date}", title))
    props = {
        "kind": log.kind,
        "date": log.date,
        "outcome": log.outcome,
        "follow_up": log.follow_up,
        "notes": log.notes,
        "sensitivity": log.sensitivity,
        "source": log.source,
    }
    node = Node(ix, "Interaction", title, {k: v for k, v in props.items() if v not in (None, "")}, origin)
    # The model's own checks, before the ties are worked out from the date.
    problems += node_problems(node)
    if problems:
        raise ValidationError(problems)
    people = [p for p in participants if known[p].label == "Person"]
    # The links are as sensitive as the interaction, so a shareable view drops them with it.
    link = {"sensitivity": log.sensitivity} if log.sensitivity else {}
    rels = [Relationship("PARTICIPATED_IN", p, ix, dict(link), origin) for p in participants]
    rels += [Relationship("DISCUSSED", ix, a, dict(link), origin) for a in dict.fromkeys(log.policy_areas)]
    if log.event:
        rels.append(Relationship("HELD_AT", ix, log.event, dict(link), origin))
    private = log.sensitivity == "private"
    ties, new, warmed = _ties(store, people, log.date, title, ix, new_tie_strength, private, origin)
    store.upsert([node], rels + ties, by=by)
    return Logged(ix, title, new, warmed)


def _ties(
    store: Store, people: list[str], when: str, title: str, ix: str, strength: int, private: bool, origin: str
) -> tuple[list[Relationship], list[tuple[str, str]], list[tuple[str, str, str | None]]]:
    """The KNOWS relationships to write for people who met on ``when``: existing ones moved forward, new ones."""
    existing: dict[tuple[str, str], dict] = {}
    for p in people[:-1]:
        near = store.neighbourhood(p, 1)
        for u, v, k, d in near.edges(keys=True, data=True):
            if k == "KNOWS" and u in people and v in people:
                existing[u, v] = {f: x for f, x in d.items() if f != "type"}
    writes, new, warmed = [], [], []
    for a, b in itertools.combinations(people, 2):
        found = [(u, v) for u, v in ((a, b), (b, a)) if (u, v) in existing]
        for u, v in found:
            before = existing[u, v].get("last_contact")
            shared = existing[u, v].get("sensitivity") != "private"
            if (before is None or before < when) and not (private and shared):
                writes.append(Relationship("KNOWS", u, v, {**existing[u, v], "last_contact": when}, origin))
                warmed.append((u, v, before))
        if not found:
            props = {"strength": strength, "last_contact": when, "context": f"met at {title}", "source": ix}
            if private:
                props["sensitivity"] = "private"
            writes.append(Relationship("KNOWS", a, b, props, origin))
            new.append((a, b))
    return writes, new, warmed


def _free_id(store: Store, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` ... when an interaction already has it."""
    candidates = itertools.chain([wanted], (f"{wanted}-{i}" for i in itertools.count(2)))
    return next(c for c in candidates if store.get_node(c) is None)


def mark_follow_up_done(store: Store, interaction: str, when: str, *, by: str | None = None) -> None:
    """Record that the follow-up of ``interaction`` happened on ``when``."""
    node = store.get_node(interaction)
    if node is None or node.label != "Interaction":
        raise ValidationError(
            [Problem("follow-up", "interaction", f"no interaction with id {interaction!r}")]
        )
    node.props["follow_up_done"] = when
    store.upsert([node], by=by)
