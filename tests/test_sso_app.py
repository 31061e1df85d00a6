"""Single sign-on in the app (AppTest, with ``at.secrets`` and ``at.user`` as Streamlit's st.login
leaves them; tests/test_sso.py signs in through a real provider), the users file's single sign-on
users, and ``graphkit serve --secrets`` / ``graphkit users add --sso``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import REPO, open_app, small_world
from streamlit.testing.v1 import AppTest

from graphkit import auth
from graphkit.auth import AuthError, SignInRefused, User
from graphkit.cli import main
from graphkit.store import open_store

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a long random secret shared by every app process",
    "acme": {
        "client_id": "graphkit",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
    },
}


@pytest.fixture
def world_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'data.db'}"
    with open_store(url) as s:
        s.upsert(*small_world(), by="setup")
    return url


def app(url: str, monkeypatch, users, user: dict | None = None, auth_section: dict | None = None) -> AppTest:
    """The app on ``url`` with sign-in by ``users`` and single sign-on configured, the browser signed
    in by the provider as ``user`` (st.user), run once."""
    monkeypatch.setenv("GRAPHKIT_STORE", url)
    monkeypatch.setenv(auth.USERS_ENV, str(users))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.secrets["auth"] = auth_section or AUTH
    at.user = user or {}
    at.run()
    assert not at.exception
    return at


def test_the_sign_in_page_offers_the_provider_beside_the_password_form(world_url, monkeypatch, users_file):
    at = app(world_url, monkeypatch, users_file)
    assert [b.label for b in at.button] == ["Sign in with Acme", "Sign in"]
    assert [w.label for w in at.text_input] == ["User name", "Password"]
    assert not at.sidebar.markdown


def test_with_no_password_in_the_users_file_only_the_provider_is_offered(world_url, monkeypatch, tmp_path):
    users = tmp_path / "users.json"
    auth.add_user(users, "amani@example.org", "admin", None)
    default = {k: v for k, v in AUTH.items() if k != "acme"} | AUTH["acme"]  # a provider in [auth] itself
    at = app(world_url, monkeypatch, users, auth_section=default)
    assert [b.label for b in at.button] == ["Sign in with single sign-on"]
    assert not at.text_input


def test_the_providers_email_signs_in_with_the_role_the_users_file_gives_it(
    world_url, monkeypatch, users_file
):
    auth.add_user(users_file, "wanjiru@example.org", "viewer", None)
    at = app(world_url, monkeypatch, users_file, {"is_logged_in": True, "email": "Wanjiru@Example.org"})
    assert at.sidebar.markdown[0].value == "Signed in as **wanjiru@example.org** (viewer)"
    at.sidebar.button(key="sign_out").click().run()  # st.logout: signed out of the provider too
    assert [b.label for b in at.button] == ["Sign in with Acme", "Sign in"]
    assert not at.sidebar.markdown


@pytest.mark.parametrize(
    "user",
    [
        {"is_logged_in": True, "email": "stranger@example.org"},
        {"is_logged_in": True, "email": "ada@example.org", "email_verified": False},
    ],
    ids=["an address the users file does not name", "an address the provider has not verified"],
)
def test_an_address_the_users_file_does_not_name_gets_no_access(world_url, monkeypatch, users_file, user):
    auth.add_user(users_file, "ada@example.org", "admin", None)
    at = app(world_url, monkeypatch, users_file, user)
    assert [w.value for w in at.warning] == [
        f"The identity provider signed you in as {user['email']}, which may not use graphkit: ask an admin "
        "to add that address on the Users page."
    ]
    assert [b.label for b in at.button] == ["Sign out of the identity provider", "Sign in"]
    assert not at.sidebar.markdown  # nothing of the data, not even which store


def test_without_auth_secrets_there_is_no_provider_to_sign_in_with(world_url, monkeypatch, users_file):
    monkeypatch.setenv(auth.USERS_ENV, str(users_file))
    at = open_app(world_url, monkeypatch)
    assert [b.label for b in at.button] == ["Sign in"]


def test_an_admin_adds_a_single_sign_on_user_on_the_users_page(world_url, monkeypatch, users_file):
    auth.add_user(users_file, "ada@example.org", "admin", None)
    at = app(world_url, monkeypatch, users_file, {"is_logged_in": True, "email": "ada@example.org"})
    at.switch_page("graphkit/app/users.py").run()
    at.text_input(key="users_add_name").input("mo@example.org")
    at.checkbox(key="users_add_sso").check()
    (add,) = [b for b in at.button if b.label == "Add the user"]
    add.click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Added mo@example.org (viewer, single sign-on)."]
    assert auth.user_by_email(users_file, "MO@example.org") == User("mo@example.org", "viewer")


# -- the users file ---------------------------------------------------------------------------------


def test_a_single_sign_on_user_has_no_password_to_sign_in_with(tmp_path):
    users = tmp_path / "users.json"
    auth.add_user(users, "amani@example.org", "editor", None)
    assert auth.load_users(users) == {"amani@example.org": {"role": "editor"}}
    for password in ("", "not a password of anyone", "anything at all"):
        with pytest.raises(SignInRefused, match="Wrong user name or password"):
            auth.check_password(users, "amani@example.org", password)
    assert auth.user_by_email(users, "AMANI@example.org") == User("amani@example.org", "editor")
    assert auth.user_by_email(users, "someone@example.org") is None
    with pytest.raises(AuthError, match="exists already"):
        auth.add_user(users, "Amani@Example.org", "viewer", None)
    with pytest.raises(AuthError, match="is not an e-mail address"):
        auth.add_user(users, "amani", "viewer", None)


# -- the commands -------------------------------------------------------------------------------


def cli(*args: str, env: dict | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_graphkit_users_add_sso_adds_an_address_without_a_password(tmp_path):
    path = tmp_path / "users.json"
    assert cli("users", "add", "wanjiru@example.org", "--role", "editor", "--sso", "--file", str(path)) == (
        0,
        f"Added wanjiru@example.org (editor, single sign-on only) to {path}\n",
    )
    assert cli("users", "list", "--file", str(path)) == (0, "wanjiru@example.org  editor\n")


def test_graphkit_serve_secrets_points_streamlit_at_them_and_needs_a_users_file(
    tmp_path, users_file, monkeypatch
):
    started = []

    class Server:
        def __init__(self, cmd: list[str], env: dict[str, str]) -> None:
            started.append(cmd)

        def wait(self) -> int:
            return 0

    monkeypatch.setattr("graphkit.cli.subprocess.Popen", Server)
    monkeypatch.delenv(auth.USERS_ENV, raising=False)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "x"\n'
        '[auth.acme]\nclient_id = "a"\nclient_secret = "b"\nserver_metadata_url = "https://idp/.well-known"\n'
    )
    assert cli("serve", "--headless", "--users", str(users_file), "--secrets", str(secrets))[0] == 0
    flag = started[0].index("--secrets.files")
    assert started[0][flag + 1] == str(secrets.resolve())
    code, out = cli("serve", "--headless", "--secrets", str(secrets))
    assert code == 2 and "needs a users file" in out
    secrets.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n')
    code, out = cli("serve", "--headless", "--users", str(users_file), "--secrets", str(secrets))
    assert code == 2 and "[auth] needs cookie_secret" in out
    assert len(started) == 1
