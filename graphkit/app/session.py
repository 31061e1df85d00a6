"""Keeping a browser signed in: a signed, HttpOnly session cookie (``auth.SESSION_COOKIE``), so that a
reload, a shared link, or another app process after this one stopped keeps who is signed in.

Signing in on the page gives this session a short ticket; the next run's page hands it to the
server's route (``graphkit.app.server``), which answers with the cookie. A new session (a reload, a
link, another process) is signed in from the cookie its browser sent when it connected
(``st.context.cookies``). Signing out asks the route to delete the cookie.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from graphkit import auth

ROUTE = "/graphkit/session"
TICKET = "graphkit_ticket"  # session state: a ticket for the page to exchange for the cookie
FORGET = "graphkit_forget"  # session state: the page is to have the cookie deleted
TRIED = "graphkit_cookie_tried"  # session state: the cookie was looked at (once per session)


def restored(path: Path) -> str | None:
    """The user the browser's session cookie signs in, looked at once per session (its cookies are
    those it sent when it connected); None when there is none or it no longer holds."""
    if st.session_state.get(TRIED):
        return None
    st.session_state[TRIED] = True
    token = st.context.cookies.get(auth.SESSION_COOKIE)
    user = auth.session_user(path, token) if isinstance(token, str) else None
    return user.name if user else None


def signed_in(path: Path, name: str) -> None:
    """Have this session's next run set the cookie for ``name``."""
    st.session_state[TICKET] = auth.session_token(path, name, "ticket")
    st.session_state.pop(FORGET, None)


def signed_out() -> None:
    """Have this session's next run delete the cookie (and not sign in from it again)."""
    st.session_state[TRIED] = True
    st.session_state[FORGET] = True
    st.session_state.pop(TICKET, None)


def exchange() -> None:
    """Hand a pending ticket to the server's route, or have it delete the cookie: from the browser,
    which keeps the cookie (HttpOnly: no script on the page can read it)."""
    if ticket := st.session_state.pop(TICKET, None):
        call = f"fetch({json.dumps(ROUTE)}, {{method: 'POST', body: {json.dumps(ticket)}, credentials: 'same-origin'}})"
    elif st.session_state.pop(FORGET, False):
        call = f"fetch({json.dumps(ROUTE)}, {{method: 'DELETE', credentials: 'same-origin'}})"
    else:
        return
    st.html(f"<script>{call}</script>", unsafe_allow_javascript=True)
