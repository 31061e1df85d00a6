"""Saved views, a team's named links to a page in a given state, as ChangeSets.

A view holds its page and parameters, records by id (``graphkit.model.views``), never the text a
page shows for them. Its id is made from its name, so two views cannot share a name: saving under a
name that is taken is refused (ConflictError) unless the caller read the view it replaces and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl

from graphkit.errors import GraphkitError
from graphkit.model import Node
from graphkit.model.changeset import ChangeSet
from graphkit.model.ids import slug
from graphkit.model.privacy import record_is_private, shown
from graphkit.model.views import params_text, view_problems
from graphkit.store.base import Store

#: How many saved views a store's list holds at most.
MOST_VIEWS = 1_000


def view_id(name: str) -> str:
    """The id of the view called ``name``: ``view_id('Route to the minister') == 'view-route-to-the-minister'``."""
    return slug("view", name)


def saved_views(store: Store) -> list[Node]:
    """The store's saved views, by name."""
    return store.search("", limit=MOST_VIEWS, labels=["View"])


def views_showing(store: Store, node_id: str) -> list[Node]:
    """The saved views that name ``node_id`` among their parameters; and those in the older form whose
    address names it, or the name of the record it is, in any URL spelling."""
    node = store.get_node(node_id)
    texts = [node_id.casefold(), *([node.name.casefold()] if node and node.name.strip() else [])]

    def names_it(view: Node) -> bool:
        ids = shown(view.props)
        if ids is not None:
            return node_id in ids
        old = " ".join(v for _, v in parse_qsl(str(view.props.get("query") or ""))).casefold()
        return node_id in str(view.props.get("shows") or "").split() or any(t in old for t in texts)

    return [v for v in saved_views(store) if names_it(v)]


#: The pages whose saved views can be embedded in a website (as a picture).
EMBEDDABLE = ("explore",)


def not_embeddable(view: Node | None, node_is_private: Callable[[str], bool]) -> str | None:
    """Why ``view`` (as stored now) cannot be shown in a website, or None: it is gone, is not an
    Explore view, cannot be opened, or is private (``graphkit.model.privacy``; ``node_is_private``
    says so of a node it names, and of one no longer known)."""
    if view is None or view.label != "View":
        return "there is no such saved view"
    if view.props.get("page") not in EMBEDDABLE:
        return "only a view of Explore can be embedded"
    if view_problems(view.where(), view.props):
        return "the view cannot be opened"
    if record_is_private(view.props, node_is_private):
        return "the view is private, or names a private record"
    return None


def save_view(
    name: str,
    page: str,
    params: Mapping[str, object],
    replacing: Node | None = None,
    sensitivity: str | None = None,
) -> ChangeSet:
    """Save ``page`` with its parameters ``params`` (records by id, typed values; see
    ``graphkit.model.views``) as the view ``name``; a parameter its page does not take is refused.

    ``replacing``: the view of that name as read, to be overwritten; None when the name is thought
    free (if it is taken meanwhile, the store refuses the save).
    """
    name = name.strip()
    if not name:
        raise GraphkitError("a saved view needs a name")
    text = params_text(page, params)
    props = {"page": page, "params": text} if text else {"page": page}
    if sensitivity:
        props["sensitivity"] = sensitivity
    view = Node(view_id(name), "View", name, props)
    return ChangeSet(nodes=[view], expected={view.id: replacing})


def rename_view(view: Node, name: str, replacing: Node | None = None) -> ChangeSet:
    """Give the view ``view`` (as read) the name ``name``; ``replacing`` as in ``save_view``."""
    if not name.strip():
        raise GraphkitError("a saved view needs a name")
    new = Node(view_id(name), "View", name.strip(), dict(view.props))
    if new.id == view.id:  # the same name written otherwise ("minister" for "Minister")
        return ChangeSet(nodes=[new], expected={view.id: view})
    return ChangeSet(nodes=[new], delete_nodes=[view.id], expected={new.id: replacing, view.id: view})


def delete_view(view: Node) -> ChangeSet:
    """Delete the view ``view`` (as read); refused when someone changed it since."""
    return ChangeSet(delete_nodes=[view.id], expected={view.id: view})
