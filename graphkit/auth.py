"""Sign-in and roles for a shared deployment: the users file, password checks and the login rate limit.

The app runs open (no sign-in) unless ``$GRAPHKIT_USERS`` names a users file. That file is JSON
holding, per user name, a role and an argon2id hash of the password, never the password; a user
who signs in only through the organisation's identity provider (single sign-on, ``graphkit.app.sso``)
is named by their e-mail address and has no hash::

    {"users": {"amani": {"role": "admin", "hash": "$argon2id$v=19$..."},
               "wanjiru@example.org": {"role": "editor"}}}

Roles: ``viewer`` reads and sees no private facts, ``editor`` also writes, ``admin`` also manages
users and exports everything.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, Signer, URLSafeTimedSerializer

from graphkit.errors import GraphkitError
from graphkit.store.base import Store

USERS_ENV = "GRAPHKIT_USERS"
ROLES = ("viewer", "editor", "admin")
#: A user name: letters, digits and . _ @ + - (an e-mail address fits), 1 to 64 of them.
NAME_PATTERN = re.compile(r"[A-Za-z0-9._@+-]{1,64}")
MIN_PASSWORD = 8

_HASHER = PasswordHasher()  # argon2id with argon2-cffi's recommended cost
# Checked against when the user name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class AuthError(GraphkitError):
    """A users file that cannot be read or changed as asked, or a sign-in refused."""


class SignInRefused(AuthError):
    """A wrong user name or password, or too many failed attempts."""


class NotAllowed(GraphkitError):
    """The signed-in user's role does not allow this; nothing was done."""


@dataclass(frozen=True, slots=True)
class User:
    """Who is signed in, and as what."""

    name: str
    role: str


def can_write(role: str) -> bool:
    """Whether ``role`` may change the data (editors and admins)."""
    return role in ("editor", "admin")


def can_manage(role: str) -> bool:
    """Whether ``role`` may add and remove users and change their roles (admins)."""
    return role == "admin"


def sees_private(role: str) -> bool:
    """Whether ``role`` sees private facts in the app (everyone but viewers)."""
    return role != "viewer"


def exports_private(role: str) -> bool:
    """Whether ``role``'s downloads of the whole graph keep private facts (admins only)."""
    return role == "admin"


# -- the users file -----------------------------------------------------------------------------


def users_path(path: str | os.PathLike | None = None) -> Path | None:
    """The users file: ``path`` when given, else ``$GRAPHKIT_USERS``; None when neither (sign-in is off)."""
    chosen = path if path is not None else os.environ.get(USERS_ENV)
    return Path(chosen) if chosen else None


def load_users(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """The users in the file at ``path`` by name, each ``{"role": ...}`` with its ``"hash"`` unless the
    user signs in by single sign-on only; none when the file does not exist.

    Raises AuthError when the file is not a users file.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise AuthError(f"{path}: not a readable users file: {e}") from None
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, dict):
        raise AuthError(f'{path}: not a users file: expected {{"users": {{name: {{"role", "hash"}}}}}}')
    for name, account in users.items():
        if not (isinstance(account, dict) and account.get("role") in ROLES):
            raise AuthError(f"{path}: user {name!r} needs a role ({', '.join(ROLES)})")
        if not isinstance(account.get("hash", ""), str):
            raise AuthError(f"{path}: user {name!r} has a password hash that is not text")
    return users


def save_users(path: str | os.PathLike, users: dict[str, dict[str, str]]) -> None:
    """Write ``users`` to ``path`` atomically (a new file renamed over the old), readable by its owner only."""
    path = Path(path)
    text = json.dumps({"users": dict(sorted(users.items()))}, indent=2) + "\n"
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def list_users(path: str | os.PathLike) -> list[User]:
    """Every user in the file, by name."""
    return [User(name, account["role"]) for name, account in sorted(load_users(path).items())]


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}: one of {', '.join(ROLES)}")


def _known(users: dict, name: str, path: str | os.PathLike) -> dict[str, str]:
    if name not in users:
        raise AuthError(f"no user {name!r} in {path}")
    return users[name]


def _keeps_an_admin(users: dict, name: str, new_role: str | None) -> None:
    """Refuse a change that would leave a users file that has admins without one."""
    admins = {n for n, a in users.items() if a["role"] == "admin"}
    if admins == {name} and new_role != "admin":
        raise AuthError(f"{name!r} is the only admin: make another user an admin first")


def add_user(path: str | os.PathLike, name: str, role: str, password: str | None) -> User:
    """Add a user with ``role`` and ``password`` (stored as an argon2id hash) to the file, creating it;
    ``password`` None: a user who signs in by single sign-on only, ``name`` their e-mail address.

    Raises AuthError for a name already there (in any case), a name with other characters than
    letters, digits and . _ @ + -, an unknown role, or a password shorter than MIN_PASSWORD.
    """
    if not NAME_PATTERN.fullmatch(name):
        raise AuthError(f"{name!r} is not a user name: use 1 to 64 letters, digits and . _ @ + -")
    _check_role(role)
    if password is None and "@" not in name:
        raise AuthError(f"{name!r} is not an e-mail address: single sign-on knows users by their e-mail")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AuthError(f"the password must have at least {MIN_PASSWORD} characters")
    users = load_users(path)
    if name.casefold() in {n.casefold() for n in users}:
        raise AuthError(f"user {name!r} exists already in {path}")
    users[name] = {"role": role} if password is None else {"role": role, "hash": _HASHER.hash(password)}
    save_users(path, users)
    return User(name, role)


def remove_user(path: str | os.PathLike, name: str) -> None:
    """Remove a user from the file. Raises AuthError for an unknown user or the only admin."""
    users = load_users(path)
    _known(users, name, path)
    _keeps_an_admin(users, name, None)
    del users[name]
    save_users(path, users)


def set_role(path: str | os.PathLike, name: str, role: str) -> User:
    """Give a user another role. Raises AuthError for an unknown user or role, or demoting the only admin."""
    _check_role(role)
    users = load_users(path)
    account = _known(users, name, path)
    _keeps_an_admin(users, name, role)
    users[name] = {**account, "role": role}
    save_users(path, users)
    return User(name, role)


def check_password(path: str | os.PathLike, name: str, password: str) -> User:
    """The user ``name`` when ``password`` is theirs. Raises SignInRefused otherwise (without saying
    whether the name or the password was wrong)."""
    account = load_users(path).get(name)
    try:
        _HASHER.verify((account or {}).get("hash") or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        account = None
    if account is not None and not account.get("hash"):
        account = None  # signs in by single sign-on only
    if account is None:
        raise SignInRefused("Wrong user name or password.")
    return User(name, account["role"])


def user_by_email(path: str | os.PathLike, email: str) -> User | None:
    """The user the users file names by ``email`` (in any case), as single sign-on vouches for it;
    None when it names nobody so: an unknown address gets no access.

    Raises AuthError when the file names it twice (in different cases): who it is would be a guess.
    """
    found = [User(n, a["role"]) for n, a in load_users(path).items() if n.casefold() == email.casefold()]
    if len(found) > 1:
        raise AuthError(f"{path} names {email} more than once (in different cases): keep one")
    return found[0] if found else None


# -- the login rate limit -----------------------------------------------------------------------


def _cleared(found: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any] | None]:
    """A successful sign-in: its entries dropped."""
    return dict.fromkeys(found)


@dataclass
class LoginLimit:
    """Refuses every sign-in as a name from one client address after ``attempts`` failures within
    ``window`` seconds, and every sign-in from that address after ``per_address`` failures (any
    names), for ``lockout`` seconds, right password or not. Counted in ``store`` (``Store.sign_ins``),
    so every app process agrees; ``clock`` (seconds since the epoch, like every process's) may be
    replaced in tests. So one address cannot lock a name out for everyone else."""

    store: Store
    attempts: int = 5
    per_address: int = 20
    window: float = 300.0
    lockout: float = 300.0
    clock: Callable[[], float] = time.time

    def sign_in(self, path: str | os.PathLike, name: str, password: str, address: str | None = None) -> User:
        """Check ``password`` for ``name`` unless locked out; count a failure. ``address``: the
        client's (None: this machine).

        Raises SignInRefused: a wrong name or password, or while locked out a message saying how long.
        """
        now, where = self.clock(), address or "this machine"
        limits = {f"{name} from {where}": self.attempts, f"from {where}": self.per_address}
        for key, entry in self.store.sign_ins(list(limits), now).items():
            if now < entry.get("until", 0):
                who = f"as {name}" if key != f"from {where}" else "from this address"
                raise SignInRefused(
                    f"Too many failed sign-ins {who}: try again in {_duration(entry['until'] - now)}."
                )
        try:
            user = check_password(path, name, password)
        except SignInRefused:
            self.store.sign_ins(list(limits), now, lambda found: self._failed(found, limits, now))
            raise
        self.store.sign_ins([f"{name} from {where}"], now, _cleared)
        return user

    def _failed(
        self, found: dict[str, dict[str, Any]], limits: dict[str, int], now: float
    ) -> dict[str, dict[str, Any] | None]:
        """Each key's entry after one more failure: its failures within the window, or its lockout."""
        new: dict[str, dict[str, Any] | None] = {}
        for key, limit in limits.items():
            times = [t for t in found.get(key, {}).get("times", []) if now - t < self.window] + [now]
            if len(times) >= limit:
                new[key] = {"until": now + self.lockout, "expires": now + self.lockout}
            else:
                new[key] = {"times": times[-limit:], "expires": now + self.window}
        return new


# -- the session cookie -------------------------------------------------------------------------

#: The cookie that keeps a browser signed in (HttpOnly, set by graphkit.app.server's route).
SESSION_COOKIE = "graphkit_session"
SESSION_SECONDS = 12 * 3600
#: How long a ticket (what the page exchanges for the cookie right after signing in) is good for.
TICKET_SECONDS = 120


def _secret(path: Path) -> bytes:
    """The key that signs sessions of the users file ``path``: kept beside it (``users.json.secret``,
    owner only), made once, so every app process reading that file shares it."""
    secret = path.with_name(path.name + ".secret")
    try:
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return secret.read_bytes()
    with os.fdopen(fd, "wb") as f:
        f.write(secrets.token_hex(32).encode())
    return secret.read_bytes()


def _signer(path: str | os.PathLike, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(Path(path)), salt=f"graphkit {purpose}")


def _fingerprint(account: dict[str, str]) -> str:
    """Changes with the password (and role): a session signed before no longer holds."""
    return hashlib.sha256(f"{account['role']} {account.get('hash', '')}".encode()).hexdigest()[:16]


def session_token(path: str | os.PathLike, name: str, purpose: str = "session") -> str:
    """A signed, timed token saying ``name`` signed in with the users file ``path`` (``purpose``:
    "session" for the cookie, "ticket" for the page to exchange for it)."""
    account = _known(load_users(path), name, path)
    return _signer(path, purpose).dumps([name, _fingerprint(account)])


def session_user(path: str | os.PathLike, token: str, purpose: str = "session") -> User | None:
    """The user ``token`` (from ``session_token``) signs in, or None: forged, too old, or the user
    removed or their password or role changed since."""
    seconds = SESSION_SECONDS if purpose == "session" else TICKET_SECONDS
    try:
        name, fingerprint = _signer(path, purpose).loads(token, max_age=seconds)
        account = load_users(path)[name]
    except (BadSignature, ValueError, TypeError, KeyError):
        return None
    return User(name, account["role"]) if _fingerprint(account) == fingerprint else None


def _embed_signer(path: str | os.PathLike) -> Signer:
    return Signer(_secret(Path(path)), salt="graphkit embed", digest_method=hashlib.sha256)


def embed_key(path: str | os.PathLike, view_id: str) -> str:
    """The signed key of an embed link to the saved view ``view_id``: the id and its HMAC-SHA256
    with the secret beside the users file ``path`` (no expiry: deleting the view, or making it
    private, revokes it; a new secret revokes every link)."""
    return _embed_signer(path).sign(view_id).decode()


def embedded_view(path: str | os.PathLike, key: str) -> str | None:
    """The view id an embed ``key`` (from ``embed_key``) was signed for; None when it was not."""
    try:
        return _embed_signer(path).unsign(key).decode()
    except (BadSignature, UnicodeError):
        return None


def _duration(seconds: float) -> str:
    """``_duration(299.2) == "5 minutes"``, ``_duration(42.5) == "43 seconds"``: rounded up."""
    if seconds > 60:
        minutes = math.ceil(seconds / 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    whole = max(math.ceil(seconds), 1)
    return f"{whole} second{'s' if whole != 1 else ''}"
