"""The Users page (admins, with sign-in on): who may sign in and as what; add and remove users and
change their roles. Every change first calls ``state.manager()``, which refuses anyone but an admin.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``, for admins only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from graphkit import auth
from graphkit.app import sso, state
from graphkit.errors import GraphkitError

DONE = "users_done"  # session state: what the last change did, said on the next run


def change(done: str, action: Callable[[Path], object]) -> None:
    """Run ``action(users file)`` once ``state.manager()`` allows it; say why not on the page, else rerun."""
    try:
        state.manager()
        path = auth.users_path()
        if path is None:
            raise GraphkitError("sign-in is off: there is no users file to change")
        action(path)
    except GraphkitError as e:
        st.error(f"Nothing was changed: {e}")
        return
    st.session_state[DONE] = done
    st.rerun()


def render() -> None:
    """Draw the Users page."""
    st.title("Users")
    path = auth.users_path()
    if path is None:
        st.info(f"Sign-in is off: set ${auth.USERS_ENV} to a users file (see `graphkit users --help`).")
        return
    admin = state.may_manage()
    if not admin:
        st.warning("Only an admin can manage users.")
    st.caption(
        "Viewers read and see no private facts; editors also change the data; admins also manage users "
        f"and download everything. Kept in `{path}`, passwords as argon2id hashes only."
    )
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE))
    try:
        users = auth.list_users(path)
    except GraphkitError as e:
        st.error(str(e))
        return
    st.dataframe({"user": [u.name for u in users], "role": [u.role for u in users]}, hide_index=True)

    st.header("Add a user")
    with st.form("users_add", clear_on_submit=True):
        left, right = st.columns(2)
        name = left.text_input("User name", key="users_add_name").strip()
        role = right.selectbox("Role", auth.ROLES, key="users_add_role")
        password = left.text_input("Password", type="password", key="users_add_password")
        again = right.text_input("Password again", type="password", key="users_add_again")
        by_provider = bool(sso.providers()) and st.checkbox(
            "Signs in by the identity provider only (the user name is their e-mail address; no password)",
            key="users_add_sso",
        )
        added = st.form_submit_button("Add the user", type="primary", disabled=not admin)
    if added and by_provider:
        change(f"Added {name} ({role}, single sign-on).", lambda p: auth.add_user(p, name, role, None))
    elif added:
        if password != again:
            st.error("Nothing was changed: the two passwords differ.")
        else:
            change(f"Added {name} ({role}).", lambda p: auth.add_user(p, name, role, password))

    names = [u.name for u in users]
    roles = {u.name: u.role for u in users}
    st.header("Change a role or remove a user")
    left, right = st.columns(2)
    who = left.selectbox("User", names, index=None, key="users_pick", placeholder="choose a user")
    if who is None:
        return
    new_role = right.selectbox(
        "Role", auth.ROLES, index=auth.ROLES.index(roles[who]), key=f"users_role-{who}"
    )
    if st.button("Change the role", key="users_set_role", disabled=not admin):
        change(f"{who} is now {new_role}.", lambda p: auth.set_role(p, who, new_role))
    sure = st.checkbox(f"Remove {who}", key=f"users_sure-{who}", disabled=not admin)
    if st.button("Remove the user", key="users_remove", disabled=not (admin and sure)):
        change(f"Removed {who}.", lambda p: auth.remove_user(p, who))


if __name__ == "__main__":
    render()
