"""Privacy, decided in one place: a fact is private if it, or any node it names, is marked private.
A record that names nodes in its ``shows`` field (a saved view) is private when one of them is, and
so is its text.

Everything that shares data (shared exports, viewers' pages, briefing packs for sharing, path
sentences for a viewer, the history a viewer reads) asks this module, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

PRIVATE = "private"


def marked_private(props: Mapping | None) -> bool:
    """Whether a record's own properties mark it private.

    >>> marked_private({"sensitivity": "private"}), marked_private({"sensitivity": "internal"})
    (True, False)
    """
    return bool(props) and props.get("sensitivity") == PRIVATE


def shown(props: Mapping | None) -> list[str]:
    """The ids a record names in its ``shows`` field (a saved view's focus, target, sources, filters).

    >>> shown({"shows": "person-ana org-kla"})
    ['person-ana', 'org-kla']
    """
    return ((props or {}).get("shows") or "").split()


def record_is_private(props: Mapping | None, node_is_private: Callable[[str], bool]) -> bool:
    """Whether a node record is private: marked so itself, or showing a private node.

    >>> record_is_private({"shows": "person-ana"}, lambda n: n == "person-ana")
    True
    """
    if marked_private(props):
        return True
    names = props.get("shows") if props else None  # most records show nothing: no list made for them
    return bool(names) and any(node_is_private(n) for n in names.split())


def fact_is_private(
    props: Mapping | None, names: tuple[str, ...], node_is_private: Callable[[str], bool]
) -> bool:
    """Whether a fact is private: marked so itself, or naming (joining, citing) a private node.

    >>> fact_is_private({}, ("person-a", "person-b"), lambda n: n == "person-b")
    True
    """
    return marked_private(props) or any(node_is_private(n) for n in names if n)


def change_is_private(change, node_is_private: Callable[[str], bool]) -> bool:
    """Whether a history entry is private: its record was private before or after, or it names a
    node that is private (or no longer known, so cannot be shown to be shareable)."""
    records = (change.before, change.after)
    if any(record_is_private((r or {}).get("props"), node_is_private) for r in records):
        return True
    if change.action in ("load", "erase"):
        return False
    return any(node_is_private(n) for n in (change.node, change.other) if n)
