"""An Interaction: a logged meeting, call or e-mail, declared once for logging it and reading it back.

Its properties are the schema's Interaction fields (``NODE_FIELDS["Interaction"]``); the links are
held as ids: who took part (PARTICIPATED_IN), what was discussed (DISCUSSED), where (HELD_AT).

>>> meeting = Interaction("meeting", "2026-11-30", ["person-amara", "person-lucas"], outcome="Yes")
>>> meeting.participants, meeting.id
(('person-amara', 'person-lucas'), None)
>>> meeting.props()
{'kind': 'meeting', 'date': '2026-11-30', 'outcome': 'Yes'}
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Interaction:
    """One meeting, call or e-mail, with the ids of what it links; ``id`` is None until it is logged.

    Logged without a ``name``, it gets one made from its kind and participants ("Meeting with A, B").
    """

    kind: str
    date: str
    participants: tuple[str, ...]
    name: str | None = None
    policy_areas: tuple[str, ...] = ()
    event: str | None = None
    outcome: str | None = None
    notes: str | None = None
    follow_up: str | None = None
    follow_up_done: str | None = None
    sensitivity: str | None = None
    source: str | None = None
    status: str | None = None
    retrieved_on: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        # Lists from a form or the command line become tuples, so an Interaction stays hashable.
        object.__setattr__(self, "participants", tuple(self.participants))
        object.__setattr__(self, "policy_areas", tuple(self.policy_areas))

    def props(self) -> dict[str, Any]:
        """The properties the Interaction node stores: those of ``PROPERTIES`` that are set."""
        said = {p: getattr(self, p) for p in PROPERTIES}
        return {p: v for p, v in said.items() if v not in (None, "")}


#: The fields that are links to other nodes, not properties of the Interaction node.
LINKS = ("participants", "policy_areas", "event")
#: The fields stored as the Interaction node's properties: the schema's Interaction fields.
PROPERTIES = tuple(f.name for f in fields(Interaction) if f.name not in ("id", "name", *LINKS))
