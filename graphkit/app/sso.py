"""Single sign-on through the organisation's identity provider (OpenID Connect), by Streamlit's own
``st.login``: on when the secrets Streamlit reads (``graphkit serve --secrets FILE``, or
``.streamlit/secrets.toml`` where the app starts) have an ``[auth]`` section.

The provider vouches for an e-mail address (``st.user.email``); the users file says which role it has
(``auth.user_by_email``): an address it does not name gets no access. Streamlit keeps the browser
signed in by its own cookie, and always brings it back to the app's home page: the page and question
the browser asked for are kept in a cookie (``RETURN``, ten minutes) before it leaves, and followed
once it is back (``go_back``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode

import streamlit as st

from graphkit import auth

RETURN = "graphkit_return"  # cookie: "page?query" to go back to after the provider's sign-in
VIA = "graphkit_via_sso"  # session state: this session was signed in by the provider
LOOKED = "graphkit_return_looked"  # session state: the return cookie was looked at (once per session)
FORGET = "graphkit_return_forget"  # session state: the next run deletes the return cookie


def providers() -> list[str]:
    """The identity providers of the ``[auth]`` section of Streamlit's secrets, by the name
    ``st.login`` takes ("default": the one set in ``[auth]`` itself); none when single sign-on is off."""
    try:
        section = st.secrets["auth"]
    except (FileNotFoundError, KeyError):
        return []
    if not isinstance(section, Mapping):
        return []
    named = [name for name, value in section.items() if isinstance(value, Mapping) and "client_id" in value]
    return ["default", *named] if "client_id" in section else named


def label(provider: str) -> str:
    """What the sign-in button calls ``provider``: ``label("okta") == "Okta"``."""
    return "single sign-on" if provider == "default" else provider[:1].upper() + provider[1:]


def vouched_email() -> str | None:
    """The e-mail address the provider signed this browser in with (None: not signed in by it, or an
    address the provider says it has not verified)."""
    if not st.user.get("is_logged_in") or st.user.get("email_verified") is False:
        return None
    email = st.user.get("email")
    return email if isinstance(email, str) and email else None


def user(path: Path) -> auth.User | None:
    """The graphkit user the provider's sign-in maps to through the users file ``path``, or None."""
    email = vouched_email()
    found = auth.user_by_email(path, email) if email else None
    if found is not None:
        st.session_state[VIA] = True
    return found


def sign_in_buttons(names: list[str]) -> None:
    """One "Sign in with <provider>" button each; an address the users file does not name is told so,
    with a button to sign out of the provider (to sign in as someone else)."""
    email = st.user.get("email") if st.user.get("is_logged_in") else None
    if email:
        st.warning(
            f"The identity provider signed you in as {email}, which may not use graphkit: ask an admin "
            "to add that address on the Users page."
        )
        st.button("Sign out of the identity provider", on_click=st.logout, key="sso_sign_out")
        return
    for name in names:
        args = () if name == "default" else (name,)
        st.button(
            f"Sign in with {label(name)}", on_click=st.login, args=args, key=f"sso_{name}", type="primary"
        )


def keep_address(url_path: str) -> None:
    """Keep the page ``url_path`` and this run's question in the return cookie, for ``go_back`` after
    the provider's sign-in (set by the browser: Streamlit's page cannot set a cookie otherwise)."""
    query = urlencode({k: st.query_params.get_all(k) for k in st.query_params}, doseq=True)
    value = quote(f"{url_path}?{query}" if query else url_path, safe="")
    cookie = f"{RETURN}={value}; Path=/; Max-Age=600; SameSite=Lax"
    st.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)


def go_back(pages: list[st.Page], at_home: bool) -> None:
    """Once per signed-in session: delete the return cookie, and when the provider's sign-in brought
    this session to the home page (``at_home``, no question), go to the page the cookie kept."""
    if st.session_state.pop(FORGET, False):
        _forget()
    if st.session_state.get(LOOKED):
        return
    st.session_state[LOOKED] = True
    kept = st.context.cookies.get(RETURN)
    if not isinstance(kept, str):
        return
    path, _, query = unquote(kept).partition("?")
    target = next((p for p in pages if p.url_path == path), None)
    if st.session_state.get(VIA) and at_home and not st.query_params and target is not None:
        st.session_state[FORGET] = True  # by the page gone to
        st.switch_page(target, query_params=parse_qs(query))
    _forget()


def _forget() -> None:
    cookie = f"{RETURN}=; Path=/; Max-Age=0; SameSite=Lax"
    st.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)


def signed_out() -> None:
    """Sign this browser out of the provider too, when the provider signed this session in
    (Streamlit deletes its cookie and asks the provider to end its session)."""
    if st.session_state.pop(VIA, False):
        st.logout()
