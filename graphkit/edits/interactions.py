"""Logging an interaction: one ChangeSet that records the meeting and keeps the KNOWS ties it proves current."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from graphkit.edits.records import apply_fresh
from graphkit.errors import Problem, ValidationError
from graphkit.graph import titles
from graphkit.model import STAKEHOLDER_LABELS, Interaction, Node, Relationship, node_problems
from graphkit.model.changeset import ChangeSet, RelKey
from graphkit.model.ids import new_id
from graphkit.model.privacy import marked_private
from graphkit.store.base import Store

#: A tie first proven by a logged interaction starts at this strength ("a little"); edit it when you know better.
NEW_TIE_STRENGTH = 2


@dataclass(frozen=True)
class Logged:
    """What logging planned: the interaction's id, its name, and the KNOWS ties it creates or moves forward."""

    id: str
    name: str
    new_ties: list[tuple[str, str]]
    warmed_ties: list[tuple[str, str, str | None]]  # (from, to, the last contact before)


def plan_log(
    store: Store, log: Interaction, new_tie_strength: int = NEW_TIE_STRENGTH, origin: str = "interaction"
) -> tuple[ChangeSet, Logged]:
    """The ChangeSet that records ``log`` as an Interaction and brings the KNOWS ties between its people up to date.

    Between every two people who took part, an existing KNOWS tie (either direction) gets its
    ``last_contact`` moved forward to the interaction's date (never back), provided it is still as
    read when the change lands; a missing one is created with ``new_tie_strength``.
    Privacy follows the model's rule: a link to a private participant, and a tie with one, are
    private; a private interaction moves only private ties and makes its new ties private, so that
    no shared tie's date gives the meeting away; a generated name is stored as the kind alone and
    titled when read with the participants who are not private (``graphkit.graph.titles``), and
    the id names nobody.
    A bad field, an unknown participant or an id already given raises ValidationError naming the
    field (``origin`` says where the input came from).
    """
    participants = list(dict.fromkeys(log.participants))
    known = store.get_nodes(participants)
    problems = [
        Problem(origin, "participants", f"no person or organisation with id {p!r}")
        for p in participants
        if p not in known or known[p].label not in STAKEHOLDER_LABELS
    ]
    if not participants:
        problems.append(Problem(origin, "participants", "required: at least one person or organisation"))
    if log.id is not None:
        problems.append(
            Problem(origin, "id", f"already logged as {log.id!r}: logging gives a new interaction its id")
        )
    hidden = {p for p in participants if p in known and marked_private(known[p].props)}
    private = log.sensitivity == "private"
    # A generated name is stored as the kind alone and titled when read (graphkit.graph.titles):
    # the record keeps no copy of anyone's name. ``title`` is how it reads now, for the caller.
    shown = sorted(p for p in participants if p in known and p not in hidden)
    title = log.name or titles.title(log.kind, [known[p].name for p in shown])
    ix = new_id(f"ix-{log.date}")
    node = Node(ix, "Interaction", log.name or titles.kind_said(log.kind), log.props(), origin)
    problems += node_problems(node)
    if problems:
        raise ValidationError(problems)

    def link(rel_type: str, a: str, b: str, names_private: bool = False) -> Relationship:
        sensitivity = "private" if names_private else log.sensitivity
        return Relationship(rel_type, a, b, {"sensitivity": sensitivity} if sensitivity else {}, origin)

    rels = [link("PARTICIPATED_IN", p, ix, p in hidden) for p in participants]
    rels += [link("DISCUSSED", ix, a) for a in dict.fromkeys(log.policy_areas)]
    if log.event:
        rels.append(link("HELD_AT", ix, log.event))
    people = [p for p in participants if known[p].label == "Person"]
    met = (
        f"met at {log.name}" if log.name else f"met at the {titles.kind_said(log.kind).lower()} of {log.date}"
    )
    ties, expected, new, warmed = _ties(
        store, people, hidden, log.date, met, ix, new_tie_strength, private, origin
    )
    changes = ChangeSet(nodes=[node], relationships=rels + ties, expected={ix: None, **expected})
    return changes, Logged(ix, title, new, warmed)


def _ties(
    store: Store,
    people: list[str],
    hidden: set[str],
    when: str,
    met: str,
    ix: str,
    strength: int,
    private: bool,
    origin: str,
) -> tuple[list[Relationship], dict, list[tuple[str, str]], list[tuple[str, str, str | None]]]:
    """The KNOWS relationships to write for people who met on ``when``, and the versions they were read at."""
    pairs = [k for a, b in itertools.combinations(people, 2) for k in ((a, "KNOWS", b), (b, "KNOWS", a))]
    existing = store.get_relationships(pairs)
    writes: list[Relationship] = []
    expected: dict[RelKey, Relationship | None] = {}
    new: list[tuple[str, str]] = []
    warmed: list[tuple[str, str, str | None]] = []
    for a, b in itertools.combinations(people, 2):
        found = [k for k in ((a, "KNOWS", b), (b, "KNOWS", a)) if k in existing]
        for key in found:
            props = existing[key]
            before = props.get("last_contact")
            shared = not marked_private(props)
            if (before is None or before < when) and not (private and shared):
                writes.append(Relationship("KNOWS", key[0], key[2], {**props, "last_contact": when}, origin))
                expected[key] = Relationship("KNOWS", key[0], key[2], props)
                warmed.append((key[0], key[2], before))
        if not found:
            props = {"strength": strength, "last_contact": when, "context": met, "source": ix}
            if private or a in hidden or b in hidden:
                props["sensitivity"] = "private"
            writes.append(Relationship("KNOWS", a, b, props, origin))
            expected[a, "KNOWS", b] = expected[b, "KNOWS", a] = None
            new.append((a, b))
    return writes, expected, new, warmed


def log_interaction(
    store: Store,
    log: Interaction,
    new_tie_strength: int = NEW_TIE_STRENGTH,
    origin: str = "interaction",
    *,
    by: str | None = None,
) -> Logged:
    """Plan and apply a log (see ``plan_log``); when a tie it read changes meanwhile, plan again from a fresh read."""
    planned: list[Logged] = []

    def plan() -> ChangeSet:
        changes, done = plan_log(store, log, new_tie_strength, origin)
        planned.append(done)
        return changes

    apply_fresh(store, plan, by=by)
    return planned[-1]


def follow_up_done(store: Store, interaction: str, when: str) -> ChangeSet:
    """Record that the follow-up of ``interaction`` happened on ``when`` (refused if it changes meanwhile)."""
    node = store.get_node(interaction)
    if node is None or node.label != "Interaction":
        raise ValidationError(
            [Problem("follow-up", "interaction", f"no interaction with id {interaction!r}")]
        )
    done = Node(node.id, node.label, node.name, {**node.props, "follow_up_done": when})
    return ChangeSet(nodes=[done], expected={node.id: node})
