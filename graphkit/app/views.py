"""The "Saved views" control in the sidebar of the pages whose state lives in their address: the
team's saved views as links, and (writers) saving this page as a named view, renaming or deleting one.

A view holds its page's parameters with records by id (``graphkit.model.views``). Its link is the page
with ``?view=<its id>``; the page opens it by setting its widgets from those parameters before it draws
them, so neither the link nor the stored view holds the text a page shows for a record. A view that
cannot be opened is named as such, for a writer to delete; it never stops a page.
"""

from __future__ import annotations

import re

import streamlit as st
from streamlit.errors import StreamlitAPIException

from graphkit import app
from graphkit.app import embed, state
from graphkit.edits import delete_view, rename_view, save_view, saved_views
from graphkit.edits.views import not_embeddable
from graphkit.errors import ConflictError, GraphkitError
from graphkit.model import Node
from graphkit.model.privacy import marked_private, record_is_private
from graphkit.model.views import VIEW_PARAMS, parse_params, view_problems

#: The address parameter that opens a saved view: ``paths?view=view-route-to-the-minister``.
OPEN = "view"
#: Session state a page keeps beside its parameters that opening a view clears (Explore's search).
RESETS = {"explore": ("explore_search", "explore_focus", "explore_url_focus", "explore_last_focus")}
#: Session state: (page, view id) of the view this session opened from the address, which keeps
#: ``?view=<id>`` (a reload opens it again); the page's widgets take it once, then are the user's.
_OPENED = "views_opened"
#: Session state: a save that found its name taken, waiting for "Replace it" (name, page, params, the view read).
_TAKEN = "views_taken"
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain(text: str) -> str:
    """``text`` shown as written where Streamlit reads Markdown (a link's label, a toast): every ASCII
    punctuation mark escaped, so no link, image, emphasis or icon, and on one line.

    >>> plain("![t](http://host/x.png)")
    '\\\\!\\\\[t\\\\]\\\\(http\\\\:\\\\/\\\\/host\\\\/x\\\\.png\\\\)'
    """
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


@st.cache_data(max_entries=16, show_spinner=False)
def _views(url: str, version: state.DataVersion) -> list[Node]:
    """The store's saved views as this session may see them: a viewer's leave out every view that
    names a private or unknown node, or cannot be read (``graphkit.model.privacy``)."""
    views = saved_views(state.store(url))
    if not version[1]:
        return views
    G = state.live(url).G
    return [
        v for v in views if not record_is_private(v.props, lambda n: n not in G or marked_private(G.nodes[n]))
    ]


def broken(view: Node) -> str | None:
    """Why ``view`` cannot be opened (an older form, a parameter its page does not take), or None."""
    found = view_problems(view.where(), view.props)
    return found[0].message if found else None


def page_params(page: str) -> dict[str, object]:
    """This page's parameters as they stand: its widgets' values (ids, not the text they show) and
    what it keeps in its address itself."""
    params: dict[str, object] = {}
    for key, spec in VIEW_PARAMS[page].items():
        if spec.address:
            many = spec.kind in ("ids", "choices", "pins")
            params[key] = st.query_params.get_all(key) if many else st.query_params.get(key)
        elif key in st.session_state:
            params[key] = st.session_state[key]
    return params


def open_view(page: str, views: list[Node]) -> None:
    """When the address asks for a saved view (``?view=<id>``) not yet opened, set this page's widgets
    from its parameters (the page draws them next); a view that cannot be opened is said so, and skipped."""
    wanted = st.query_params.get(OPEN)
    if wanted is None:
        st.session_state.pop(_OPENED, None)
    if wanted is None or st.session_state.get(_OPENED) == (page, wanted):
        return
    view = next((v for v in views if v.id == wanted), None)
    if view is None or view.props.get("page") != page:
        st.sidebar.warning("That saved view is not here: it was deleted, or is not for this page.")
        return
    why = broken(view)
    if why is None:
        try:
            _set(page, parse_params(page, str(view.props.get("params") or "")))
            st.session_state[_OPENED] = (page, wanted)
            return
        except (GraphkitError, StreamlitAPIException) as e:
            why = str(e)
    st.sidebar.warning(
        f"The saved view {plain(view.name)} cannot be opened: {plain(why)}. "
        "An editor can delete it under Saved views."
    )


def _set(page: str, params: dict[str, object]) -> None:
    """Set this page's widgets (and its own address parameters) to ``params``; the others to their defaults."""
    for key, spec in VIEW_PARAMS[page].items():
        value = params.get(key)
        where = st.query_params if spec.address else st.session_state
        if value is None:
            where.pop(key, None)
        else:
            where[key] = value
    for key in RESETS.get(page, ()):
        st.session_state.pop(key, None)


def saved_views_control(url: str, page: str) -> None:
    """The sidebar's "Saved views": links that open each view, and for writers saving this page
    (``page``, its url path) under a name, and deleting a view. Called before the page draws its
    widgets: it opens the view the address asks for."""
    try:
        views = _views(url, state.data_version(url))
    except GraphkitError as e:
        st.sidebar.error(f"The saved views cannot be read: {e}")
        return
    open_view(page, views)
    box = st.sidebar.expander("Saved views", icon=":material/bookmarks:")
    with box:
        if not views:
            st.caption("No saved views yet.")
        for view in views:
            why = broken(view)
            if why is None:
                where = app.page(view.props["page"])
                st.page_link(
                    where,
                    label=plain(view.name),
                    query_params={OPEN: view.id},
                    help=f"Opens {where.title} as it was saved",
                )
            else:
                st.caption(f":material/warning: {plain(view.name)} cannot be opened: {plain(why)}")
        if state.may_write():
            _save_form(url, page)
            if views:
                _manage_form(url, views)
                _embed_form(url, views)


def _manage_form(url: str, views: list[Node]) -> None:
    with st.popover("Rename or delete a view", icon=":material/edit:"):
        by_id = {v.id: v for v in views}
        chosen = st.selectbox(
            "View", list(by_id), format_func=lambda v: by_id[v].name, key="views_manage_which"
        )
        view = by_id.get(chosen)
        new_name = st.text_input("New name", key="views_new_name", max_chars=120)
        rename, delete = st.columns(2)
        if rename.button("Rename", key="views_rename") and view is not None:
            try:
                changes = rename_view(view, new_name)
            except GraphkitError as e:
                st.error(plain(str(e)))
                return
            _write(url, changes, f"Renamed the view {view.name} to {new_name.strip()}.")
        if delete.button("Delete it", key="views_delete") and view is not None:
            _write(url, delete_view(view), f"Deleted the view {view.name}.")


def _embed_form(url: str, views: list[Node]) -> None:
    """For writers, with sign-in on: the ``<iframe>`` that shows a saved view of Explore in a website,
    read-only and without private facts (``graphkit.app.embed``)."""
    if not state.sign_in_required():
        return
    G = state.live(url).G
    shareable = [
        v for v in views if not_embeddable(v, lambda n: n not in G or marked_private(G.nodes[n])) is None
    ]
    with st.popover("Embed a view in a website", icon=":material/code:"):
        if not shareable:
            st.caption("No view can be embedded: save a view of Explore that names no private record.")
            return
        by_id = {v.id: v for v in shareable}
        chosen = st.selectbox(
            "View", list(by_id), format_func=lambda v: by_id[v].name, key="views_embed_which"
        )
        st.caption(
            "Anyone with this snippet sees the view's picture, without private facts, signed in or not. "
            "Deleting the view, or making it private, stops it."
        )
        st.code(embed.snippet(st.context.url or "", by_id[chosen]), language="html", wrap_lines=True)


def _save_form(url: str, page: str) -> None:
    with st.form("views_save", clear_on_submit=True, border=False):
        name = st.text_input("Save this view as", placeholder="e.g. Route to the minister", max_chars=120)
        saved = st.form_submit_button("Save", icon=":material/bookmark_add:")
    if saved:
        asked = (name.strip(), page, page_params(page))
        try:
            changes = save_view(*asked)
            state.store(url).apply(changes, by=state.writer())
        except ConflictError:  # the name is taken: ask before overwriting
            st.session_state[_TAKEN] = (*asked, state.store(url).get_node(changes.nodes[0].id))
        except GraphkitError as e:
            st.error(plain(str(e)))
        else:
            _saved(url, f"Saved the view {asked[0]}.")
    if st.session_state.get(_TAKEN, (None,))[-1] is not None:
        *asked, taken = st.session_state[_TAKEN]
        st.warning(f"A view named {plain(taken.name)} exists already. Replace it with this page?")
        replace, keep = st.columns(2)
        if replace.button("Replace it", key="views_replace"):
            del st.session_state[_TAKEN]
            _write(url, save_view(*asked, replacing=taken), f"Replaced the view {taken.name}.")
        if keep.button("Keep it", key="views_keep"):
            del st.session_state[_TAKEN]
            st.rerun()


def _write(url: str, changes, done: str) -> None:
    try:
        state.store(url).apply(changes, by=state.writer())
    except ConflictError:
        st.error(
            "A view of that name exists already, or someone changed this one meanwhile: choose another name."
        )
        return
    except GraphkitError as e:
        st.error(plain(str(e)))
        return
    _saved(url, done)


def _saved(url: str, done: str) -> None:
    st.toast(plain(done))
    state.refresh(url)
    st.rerun()
