"""Sign-in: the users file (argon2id hashes only, atomic saves), roles, the login rate limit, and
the `graphkit users` commands; `--user` on the writing commands."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest
from click.testing import CliRunner
from conftest import USERS, small_world

from graphkit import auth
from graphkit.auth import AuthError, LoginLimit, SignInRefused, User
from graphkit.cli import main
from graphkit.io import export_graph
from graphkit.store import open_store

PASSWORDS = {name: password for name, (_, password) in USERS.items()}


@pytest.fixture
def users(users_file):
    return users_file


def test_the_file_holds_roles_and_argon2id_hashes_never_the_passwords(users):
    text = users.read_text()
    for password in PASSWORDS.values():
        assert password not in text
    data = json.loads(text)
    assert list(data) == ["users"]
    assert {n: a["role"] for n, a in data["users"].items()} == {
        "ada": "admin",
        "eddie": "editor",
        "vera": "viewer",
    }
    for account in data["users"].values():
        assert set(account) == {"role", "hash"}
        assert account["hash"].startswith("$argon2id$v=19$")


def test_the_file_is_saved_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "users.json"
    auth.add_user(path, "ada", "admin", "ada-admins-1")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_the_right_password_signs_in_and_a_wrong_one_or_name_is_refused_alike(users):
    assert auth.check_password(users, "eddie", "eddie-edits-1") == User("eddie", "editor")
    for name, password in [("eddie", "eddie-edits-2"), ("eddie", ""), ("nobody", "eddie-edits-1")]:
        with pytest.raises(SignInRefused) as refused:
            auth.check_password(users, name, password)
        assert str(refused.value) == "Wrong user name or password."


def test_users_are_added_removed_and_given_other_roles(users):
    assert auth.add_user(users, "mo.k@lib.ke", "viewer", "a long secret") == User("mo.k@lib.ke", "viewer")
    assert auth.set_role(users, "mo.k@lib.ke", "editor") == User("mo.k@lib.ke", "editor")
    assert auth.check_password(users, "mo.k@lib.ke", "a long secret") == User("mo.k@lib.ke", "editor")
    auth.remove_user(users, "vera")
    assert auth.list_users(users) == [
        User("ada", "admin"),
        User("eddie", "editor"),
        User("mo.k@lib.ke", "editor"),
    ]
    assert [p.name for p in users.parent.iterdir()] == ["users.json"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: auth.add_user(p, "eddie", "viewer", "whatever-long"), "user 'eddie' exists already in"),
        (lambda p: auth.add_user(p, "new one", "viewer", "whatever-long"), "'new one' is not a user name"),
        (
            lambda p: auth.add_user(p, "new", "owner", "whatever-long"),
            "unknown role 'owner': one of viewer, editor, admin",
        ),
        (
            lambda p: auth.add_user(p, "new", "viewer", "short"),
            "the password must have at least 8 characters",
        ),
        (lambda p: auth.remove_user(p, "nobody"), "no user 'nobody' in"),
        (lambda p: auth.set_role(p, "nobody", "viewer"), "no user 'nobody' in"),
        (lambda p: auth.remove_user(p, "ada"), "'ada' is the only admin: make another user an admin first"),
        (
            lambda p: auth.set_role(p, "ada", "editor"),
            "'ada' is the only admin: make another user an admin first",
        ),
    ],
)
def test_a_change_that_cannot_be_made_changes_nothing(users, change, message):
    before = users.read_text()
    with pytest.raises(AuthError) as refused:
        change(users)
    assert str(refused.value).startswith(message)
    assert users.read_text() == before


def test_the_only_admin_may_go_once_there_is_another(users):
    auth.set_role(users, "eddie", "admin")
    auth.set_role(users, "ada", "viewer")
    assert auth.list_users(users)[:2] == [User("ada", "viewer"), User("eddie", "admin")]


def test_a_file_that_is_not_a_users_file_is_a_clear_error(tmp_path):
    path = tmp_path / "users.json"
    path.write_text('{"users": {"x": {"role": "boss", "hash": "h"}}}')
    with pytest.raises(AuthError, match=r"user 'x' needs a role \(viewer, editor, admin\)$"):
        auth.load_users(path)
    path.write_text('{"users": {"x": {"role": "viewer", "hash": 1}}}')
    with pytest.raises(AuthError, match="user 'x' has a password hash that is not text"):
        auth.load_users(path)
    path.write_text("[1, 2]")
    with pytest.raises(AuthError, match="not a users file"):
        auth.load_users(path)
    assert auth.load_users(tmp_path / "none.json") == {}


def test_what_each_role_may_do():
    assert [auth.can_write(r) for r in auth.ROLES] == [False, True, True]
    assert [auth.can_manage(r) for r in auth.ROLES] == [False, False, True]
    assert [auth.sees_private(r) for r in auth.ROLES] == [False, True, True]
    assert [auth.exports_private(r) for r in auth.ROLES] == [False, False, True]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_wrong_passwords_lock_the_name_out_for_five_minutes_even_with_the_right_one(users, store):
    clock = Clock()
    limit = LoginLimit(store, clock=clock)
    for _ in range(5):
        with pytest.raises(SignInRefused, match="Wrong user name or password"):
            limit.sign_in(users, "eddie", "guess")
        clock.now += 10
    # 50 s after the first failure: locked until 5 minutes after the fifth (at 1040 s).
    with pytest.raises(SignInRefused) as refused:
        limit.sign_in(users, "eddie", "eddie-edits-1")
    assert str(refused.value) == "Too many failed sign-ins as eddie: try again in 5 minutes."
    clock.now = 1040 + 300 - 42.5
    with pytest.raises(SignInRefused) as refused:
        limit.sign_in(users, "eddie", "eddie-edits-1")
    assert str(refused.value) == "Too many failed sign-ins as eddie: try again in 43 seconds."
    # Other names are not locked out.
    assert limit.sign_in(users, "ada", "ada-admins-1") == User("ada", "admin")
    clock.now = 1040 + 300
    assert limit.sign_in(users, "eddie", "eddie-edits-1") == User("eddie", "editor")


def test_failures_spread_over_more_than_the_window_do_not_lock_out(users, store):
    clock = Clock()
    limit = LoginLimit(store, clock=clock)
    for _ in range(8):
        with pytest.raises(SignInRefused, match="Wrong user name or password"):
            limit.sign_in(users, "vera", "guess")
        clock.now += 76  # never 5 failures within 300 s
    assert limit.sign_in(users, "vera", "vera-reads-1") == User("vera", "viewer")


def test_a_success_forgets_the_earlier_failures(users, store):
    limit = LoginLimit(store, clock=Clock())
    for _ in range(4):
        with pytest.raises(SignInRefused):
            limit.sign_in(users, "vera", "guess")
    limit.sign_in(users, "vera", "vera-reads-1")
    for _ in range(4):
        with pytest.raises(SignInRefused, match="Wrong user name or password"):
            limit.sign_in(users, "vera", "guess")
    assert limit.sign_in(users, "vera", "vera-reads-1") == User("vera", "viewer")


def test_an_unknown_name_is_locked_out_too(users, store):
    limit = LoginLimit(store, clock=Clock())
    for _ in range(5):
        with pytest.raises(SignInRefused, match="Wrong user name or password"):
            limit.sign_in(users, "mallory", "guess")
    with pytest.raises(SignInRefused, match="Too many failed sign-ins as mallory"):
        limit.sign_in(users, "mallory", "guess")


def test_a_lockout_holds_for_one_address_only_and_every_process_counts_the_same(users, store, tmp_path):
    """Two limits on one store stand for two app processes: failures in either count in both."""
    clock = Clock()
    with open_store(store.url) as again:  # another connection, as another process has
        first, second = LoginLimit(store, clock=clock), LoginLimit(again, clock=clock)
        for limit in (first, second, first, second, first):
            with pytest.raises(SignInRefused, match="Wrong user name or password"):
                limit.sign_in(users, "eddie", "guess", "203.0.113.7")
        with pytest.raises(SignInRefused, match="Too many failed sign-ins as eddie"):
            second.sign_in(users, "eddie", "eddie-edits-1", "203.0.113.7")
        # From another address (the real eddie's), the name still signs in.
        assert first.sign_in(users, "eddie", "eddie-edits-1", "198.51.100.2") == User("eddie", "editor")


def test_one_address_trying_many_names_is_locked_out_after_twenty(users, store):
    limit = LoginLimit(store, clock=Clock())
    for n in range(20):
        with pytest.raises(SignInRefused, match="Wrong user name or password"):
            limit.sign_in(users, f"guess{n}", "guess", "203.0.113.7")
    with pytest.raises(SignInRefused) as refused:
        limit.sign_in(users, "ada", "ada-admins-1", "203.0.113.7")
    assert str(refused.value) == "Too many failed sign-ins from this address: try again in 5 minutes."
    assert limit.sign_in(users, "ada", "ada-admins-1", "198.51.100.2") == User("ada", "admin")


def test_the_failures_kept_are_bounded_and_forgotten_when_old(users, store, monkeypatch):
    monkeypatch.setattr("graphkit.store.base.MAX_SIGN_INS", 6)
    monkeypatch.setattr(f"graphkit.store.{store.url.split(':')[0]}.MAX_SIGN_INS", 6)
    clock = Clock()
    limit = LoginLimit(store, clock=clock)
    for n in range(10):  # 20 entries: a name and an address each
        with pytest.raises(SignInRefused):
            limit.sign_in(users, "mallory", "guess", f"203.0.113.{n}")
        clock.now += 1
    keys = [f"{who}from 203.0.113.{n}" for n in range(10) for who in ("mallory ", "")]
    assert sorted(store.sign_ins(keys, clock.now)) == sorted(keys[-6:])  # the newest six
    clock.now += 301
    assert store.sign_ins(keys, clock.now) == {}
    with pytest.raises(SignInRefused):
        limit.sign_in(users, "mallory", "guess", "203.0.113.99")  # a write drops the expired ones
    assert len(store.sign_ins([*keys, "mallory from 203.0.113.99", "from 203.0.113.99"], 0)) == 2


def test_a_session_token_signs_in_until_it_expires_or_the_password_changes(users, monkeypatch):
    token = auth.session_token(users, "eddie")
    assert auth.session_user(users, token) == User("eddie", "editor")
    assert auth.session_user(users, token, "ticket") is None  # a cookie is no ticket
    middle = len(token) - 10  # a signature character with no padding bits in it
    forged = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    assert auth.session_user(users, forged) is None
    assert (users.parent / "users.json.secret").stat().st_mode & 0o777 == 0o600
    auth.set_role(users, "eddie", "viewer")
    assert auth.session_user(users, token) is None  # the role changed: sign in again
    ticket = auth.session_token(users, "vera", "ticket")
    assert auth.session_user(users, ticket, "ticket") == User("vera", "viewer")
    later = time.time() + 121
    monkeypatch.setattr(time, "time", lambda: later)
    assert auth.session_user(users, ticket, "ticket") is None  # two minutes at most
    auth.remove_user(users, "vera")
    assert auth.session_user(users, auth.session_token(users, "ada")) == User("ada", "admin")


# -- the command line -----------------------------------------------------------------------------


def cli(*args: str, input: str | None = None, env: dict | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    return result.exit_code, result.output


def test_graphkit_users_add_asks_twice_for_a_hidden_password(tmp_path):
    path = tmp_path / "users.json"
    code, out = cli(
        "users", "add", "ada", "--role", "admin", "--file", str(path), input="s3cret-pw\ns3cret-pw\n"
    )
    assert code == 0
    assert out == f"Password: \nPassword again: \nAdded ada (admin) to {path}\n"
    assert "s3cret-pw" not in path.read_text()
    assert auth.check_password(path, "ada", "s3cret-pw") == User("ada", "admin")


def test_graphkit_users_add_refuses_two_passwords_that_differ(tmp_path):
    path = tmp_path / "users.json"
    code, out = cli(
        "users", "add", "ada", "--role", "admin", "--file", str(path), input="one-password\ntwo-password\n"
    )
    assert code == 1
    assert "Error: The two entered values do not match." in out
    assert not path.exists()


def test_graphkit_users_commands_read_the_file_from_the_environment(users):
    env = {"GRAPHKIT_USERS": str(users)}
    code, out = cli(
        "users", "add", "mo", "--role", "viewer", "--password-stdin", input="mo-password\n", env=env
    )
    assert (code, out) == (0, f"Added mo (viewer) to {users}\n")
    assert auth.check_password(users, "mo", "mo-password") == User("mo", "viewer")
    assert cli("users", "role", "mo", "editor", env=env) == (0, f"mo is now editor in {users}\n")
    assert cli("users", "remove", "vera", env=env) == (0, f"Removed vera from {users}\n")
    assert cli("users", "list", env=env) == (0, "ada    admin\neddie  editor\nmo     editor\n")


def test_graphkit_users_says_what_is_wrong_in_one_line(users):
    env = {"GRAPHKIT_USERS": str(users)}
    assert cli("users", "remove", "ada", env=env) == (
        1,
        "Error: 'ada' is the only admin: make another user an admin first\n",
    )
    code, out = cli("users", "role", "eddie", "owner", env=env)
    assert code == 2 and "'owner' is not one of 'viewer', 'editor', 'admin'" in out
    code, out = cli("users", "list", env={"GRAPHKIT_USERS": ""})
    assert code == 2 and "Missing option '--file'" in out


def test_writing_commands_record_who_wrote(tmp_path, monkeypatch):
    monkeypatch.delenv("GRAPHKIT_USER", raising=False)
    url = f"sqlite:///{tmp_path / 'g.db'}"
    with open_store(url) as s:
        s.upsert(*small_world(), by="setup")
    sheet = tmp_path / "contacts.csv"
    sheet.write_text(
        "name,organisation,country,stakeholder group\nNia Okafor,Kenya Library Association,KE,library\n"
    )
    assert cli("import", str(sheet), "--store", url, "--user", "eddie")[0] == 0
    code, _ = cli(
        "log",
        "--with",
        "Amara Diallo",
        "--with",
        "Lucas Pereira",
        "--date",
        "2026-01-05",
        "--title",
        "Call",
        "--follow-up",
        "2026-02-01",
        "--store",
        url,
        env={"GRAPHKIT_USER": "ada"},
    )
    assert code == 0
    assert cli("followed-up", "Call", "--store", url, "--user", "mo")[0] == 0
    with open_store(url) as s:
        assert {c.user for c in s.history("person-nia-okafor")} == {"eddie"}
        [call] = [n.id for n in s.nodes() if n.label == "Interaction" and n.name == "Call"]
        assert [c.user for c in s.history(call)][:2] == ["mo", "ada"]
        export_graph(s, "csv", tmp_path / "folder")
    copy_url = f"sqlite:///{tmp_path / 'copy.db'}"
    assert cli("seed", str(tmp_path / "folder"), "--store", copy_url, "--user", "ada")[0] == 0
    with open_store(copy_url) as s:
        assert [(c.user, c.action) for c in s.history()] == [("ada", "load")]


def test_graphkit_serve_users_turns_sign_in_on_for_the_app(users_file, tmp_path, monkeypatch):
    started = []

    class Server:
        def __init__(self, cmd: list[str], env: dict[str, str]) -> None:
            started.append(env)

        def wait(self) -> int:
            return 0

    monkeypatch.setattr("graphkit.cli.subprocess.Popen", Server)
    monkeypatch.delenv(auth.USERS_ENV, raising=False)
    assert cli("serve", "--headless", "--users", str(users_file))[0] == 0
    assert started[0][auth.USERS_ENV] == str(users_file.resolve())
    assert cli("serve", "--headless")[0] == 0
    assert auth.USERS_ENV not in started[1]
    code, out = cli("serve", "--users", str(tmp_path / "none.json"))
    assert code == 2 and "does not exist" in out
