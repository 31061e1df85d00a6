"""The "Saved views" control in the sidebar of the pages whose state lives in their address: the
team's saved views as links, and (writers) saving this page as a named view, renaming or deleting one."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import streamlit as st

from graphkit import app
from graphkit.app import state
from graphkit.edits import delete_view, rename_view, save_view, saved_views
from graphkit.errors import ConflictError, GraphkitError
from graphkit.model import Node
from graphkit.model.privacy import marked_private, record_is_private

#: Session state: a save that found its name taken, waiting for "Replace it" (name, page, query, shows, the view read).
_TAKEN = "views_taken"


@st.cache_data(max_entries=16, show_spinner=False)
def _views(url: str, version: state.DataVersion) -> list[Node]:
    """The store's saved views as this session may see them: a viewer's leave out every view that
    names a private node (``graphkit.model.privacy``)."""
    views = saved_views(state.store(url))
    if not version[1]:
        return views
    G = state.live(url).G
    return [
        v for v in views if not record_is_private(v.props, lambda n: n in G and marked_private(G.nodes[n]))
    ]


def query_now() -> str:
    """This page's state as it stands in its address: the query string a link to it needs."""
    params = st.query_params
    return urlencode([(k, v) for k in params for v in params.get_all(k)])


def shown_now(url: str) -> list[str]:
    """The ids of the records this page's address names (its focus, target, sources, filters): the
    values of its widgets bound to the address, and its own values that are ids."""
    G = state.live(url).G  # the whole graph: a view naming a private node must know it
    found: list[str] = []
    for key in st.query_params:
        chosen = st.session_state.get(key)
        values = chosen if isinstance(chosen, list | tuple) else [chosen]
        found += [v for v in [*values, *st.query_params.get_all(key)] if isinstance(v, str) and v in G]
    return list(dict.fromkeys(found))


def saved_views_control(url: str, page: str) -> None:
    """The sidebar's "Saved views": links that open each view, and for writers saving this page
    (``page``, its url path) under a name, and deleting a view."""
    try:
        views = _views(url, state.data_version(url))
    except GraphkitError as e:
        st.sidebar.error(f"The saved views cannot be read: {e}")
        return
    box = st.sidebar.expander("Saved views", icon=":material/bookmarks:")
    with box:
        if not views:
            st.caption("No saved views yet.")
        for view in views:
            where = app.page(view.props["page"])
            st.page_link(
                where,
                label=view.name,
                query_params=parse_qsl(view.props.get("query", "")),
                help=f"Opens {where.title} as it was saved",
            )
        if state.may_write():
            _save_form(url, page)
            if views:
                _manage_form(url, views)


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
                st.error(str(e))
                return
            _write(url, changes, f"Renamed the view {view.name} to {new_name.strip()}.")
        if delete.button("Delete it", key="views_delete") and view is not None:
            _write(url, delete_view(view), f"Deleted the view {view.name}.")


def _save_form(url: str, page: str) -> None:
    with st.form("views_save", clear_on_submit=True, border=False):
        name = st.text_input("Save this view as", placeholder="e.g. Route to the minister", max_chars=120)
        saved = st.form_submit_button("Save", icon=":material/bookmark_add:")
    if saved:
        asked = (name.strip(), page, query_now(), shown_now(url))
        try:
            changes = save_view(*asked)
            state.store(url).apply(changes, by=state.writer())
        except ConflictError:  # the name is taken: ask before overwriting
            st.session_state[_TAKEN] = (*asked, state.store(url).get_node(changes.nodes[0].id))
        except GraphkitError as e:
            st.error(str(e))
        else:
            _saved(url, f"Saved the view {asked[0]}.")
    if st.session_state.get(_TAKEN, (None,))[-1] is not None:
        *asked, taken = st.session_state[_TAKEN]
        st.warning(f"A view named {taken.name} exists already. Replace it with this page?")
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
        st.error(str(e))
        return
    _saved(url, done)


def _saved(url: str, done: str) -> None:
    st.toast(done)
    state.refresh(url)
    st.rerun()
