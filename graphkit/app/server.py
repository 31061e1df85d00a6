"""The app's server: Streamlit's own (``st.App``) with two routes more: where the page exchanges a
sign-in ticket for the session cookie, or has it deleted (``graphkit.app.session``), and the
embedded pictures of saved views (``graphkit.app.embed``).
``graphkit serve`` runs it; so can ``streamlit run graphkit/app/server.py``."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphkit import auth
from graphkit.app import embed
from graphkit.app.session import ROUTE


async def session(request: Request) -> Response:
    """POST a ticket: set the session cookie for its user (403 for a ticket that does not hold).
    DELETE: delete the cookie."""
    answer = Response(status_code=204)
    if request.method == "DELETE":
        answer.delete_cookie(auth.SESSION_COOKIE, path="/")
        return answer
    path = auth.users_path()
    ticket = (await request.body()).decode("utf-8", "replace")
    user = auth.session_user(path, ticket, "ticket") if path else None
    if path is None or user is None:
        return Response("This ticket does not sign anyone in.", status_code=403)
    https = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    answer.set_cookie(
        auth.SESSION_COOKIE,
        auth.session_token(path, user.name),
        max_age=auth.SESSION_SECONDS,
        path="/",
        httponly=True,
        samesite="strict",
        secure=https,
    )
    return answer


app = st.App(
    str(Path(__file__).with_name("entry.py")),
    routes=[
        Route(ROUTE, session, methods=["POST", "DELETE"]),
        Route(embed.ROUTE + "/{key}", embed.endpoint, methods=["GET"]),
    ],
)
