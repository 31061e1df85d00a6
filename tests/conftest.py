"""Shared fixtures: every store backend, and a small hand-built world to store in them."""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import sqlite3
import subprocess
import sys
import time
import unicodedata
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from graphkit.errors import StoreUnavailable
from graphkit.examples import org, person, small_world  # noqa: F401 (tests import them from here)
from graphkit.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seed"

# Each backend the store contract suite runs against.
BACKENDS = ["sqlite", "neo4j"]

# The Neo4j server the tests may empty and fill; scripts/test starts one and sets this.
NEO4J_ENV = "GRAPHKIT_TEST_NEO4J"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """``slow_on_neo4j``: the test's Neo4j run is slow (left out of ``scripts/test --fast``), its SQLite run is not.

    ``neo4j``: every test of a module that uses the Neo4j test server (which has one database, emptied by
    such tests), so that ``scripts/test --fast`` can run them in one process beside the others."""
    for item in items:
        params = getattr(item, "callspec", None)
        if item.get_closest_marker("slow_on_neo4j") and params and "neo4j" in params.params.values():
            item.add_marker(pytest.mark.slow)
        if "neo4j" in item.nodeid.lower() or _uses_neo4j(item.path):
            item.add_marker(pytest.mark.neo4j)


@functools.cache
def _uses_neo4j(path: Path) -> bool:
    return path.suffix == ".py" and "neo4j" in path.read_text(encoding="utf-8").lower()


@functools.cache
def neo4j_missing() -> str | None:
    """Why the Neo4j tests cannot run here, or None when the test server answers."""
    url = os.environ.get(NEO4J_ENV)
    if not url:
        return f"${NEO4J_ENV} is not set (scripts/test starts a server with scripts/neo4j-local and sets it)"
    try:
        open_store(url).close()
    except StoreUnavailable as e:
        return str(e)
    return None


def require_neo4j() -> str:
    """The test server's URL; skips the test when there is none, but fails it under CI (``$CI`` set)."""
    reason = neo4j_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the Neo4j test server: {reason}", pytrace=False)
        pytest.skip(f"no Neo4j test server: {reason}")
    return os.environ[NEO4J_ENV]


def open_backend(name: str, tmp_path: Path) -> Store:
    """A new, empty store of this backend (Neo4j Community has one database: it is emptied)."""
    if name == "sqlite":
        return open_store(f"sqlite:///{tmp_path / 'graphkit.db'}")
    if name == "neo4j":
        store = open_store(require_neo4j())
        store.clear()
        return store
    raise ValueError(name)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):
    s = open_backend(request.param, tmp_path)
    yield s
    s.close()


@pytest.fixture
def world_store(store: Store) -> Store:
    store.upsert(*small_world())
    return store


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed in an embedded store, loaded once per test module, as ``graphkit seed`` loads it.
    Tests that use it only read."""
    from click.testing import CliRunner

    from graphkit.cli import main

    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    loaded = CliRunner().invoke(main, ["seed", str(SEED), "--store", url])
    assert loaded.exit_code == 0, loaded.output
    return url


@pytest.fixture(scope="module")
def seed_graph(seed_url):
    """The seed's whole graph, read once per test module."""
    with open_store(seed_url) as s:
        return s.export()


@pytest.fixture
def world_url(tmp_path: Path) -> str:
    """An embedded store holding the small world, by URL (for the app and the command line)."""
    url = f"sqlite:///{tmp_path / 'world.db'}"
    with open_store(url) as s:
        s.upsert(*small_world())
    return url


def snapshot(store: Store) -> tuple[dict, dict]:
    """Everything a store holds, for exact before/after comparisons."""
    nodes = {n.id: (n.label, n.name, n.props) for n in store.nodes()}
    rels = {r.key: r.props for r in store.relationships()}
    return nodes, rels


def every_byte(store: Store) -> str:
    """Every byte the store holds, as text: the SQLite file and its WAL, or every Neo4j node and
    relationship with all its properties (the history included)."""
    if store.url.startswith("sqlite"):
        with sqlite3.connect(store.path) as db:  # the dump, and the raw file below it
            dump = "\n".join(db.iterdump())
        raw = b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
        return dump + raw.decode("utf-8", "replace")
    rows = store.query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rows += store.query("MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p")
    return json.dumps(rows, ensure_ascii=False)


def spellings(name: str) -> set[str]:
    """The forms a name can be found in: plain, NFC/NFD/NFKC, spaces, case, URL- and JSON-encoded."""
    forms = {name, " ".join(name.split())}
    for f in list(forms):
        forms |= {unicodedata.normalize(n, f) for n in ("NFC", "NFD", "NFKC", "NFKD")}
    for f in list(forms):
        forms |= {f.casefold(), f.upper(), quote(f), quote_plus(f)}
        forms |= {json.dumps(f)[1:-1], json.dumps(f, ensure_ascii=False)[1:-1]}
        forms |= {f.replace('"', '""'), html.escape(f)}  # as CSV and XML files quote it
    return forms


def typed_mentions(name: str) -> list[str]:
    """How a user may have typed or pasted the name into notes."""
    nfc = unicodedata.normalize("NFC", name)
    return [
        f"call {nfc} about the hub",
        "ask  " + "   ".join(name.split()).upper() + " again",
        f"view?q={quote_plus(name)}&page=paths",
        f"shared link /paths?focus={quote(nfc)}",
        f"pasted {json.dumps(name)} from a file",
        "fullwidth \uff37" + nfc[1:],
    ]


def spelt_in(name: str, text: str) -> list[str]:
    """The spellings of ``name`` that ``text`` holds (ignoring case)."""
    folded = text.casefold()
    return [f for f in spellings(name) if f in text or f.casefold() in folded]


def open_app(url: str, monkeypatch, page: str | None = None, timeout: float = 60):
    """The app (AppTest) on the store at ``url``, run once, then switched to ``page`` (a file such as
    "graphkit/app/explore.py") and run without an exception."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GRAPHKIT_STORE", url)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout).run()
    if page is not None:
        at.switch_page(page).run()
        assert not at.exception
    return at


def sign_in(at, name: str, password: str):
    """Fill in and submit the app's sign-in form (shown while ``$GRAPHKIT_USERS`` is set and nobody
    is signed in), then return ``at`` after the run it leads to."""
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    (button,) = [b for b in at.button if b.label == "Sign in"]
    button.click().run()
    assert not at.exception
    return at


#: The users of the ``users_file`` fixture: name -> (role, password).
USERS = {
    "vera": ("viewer", "vera-reads-1"),
    "eddie": ("editor", "eddie-edits-1"),
    "ada": ("admin", "ada-admins-1"),
}


@pytest.fixture(scope="session")
def users_text(tmp_path_factory) -> str:
    """A users file's text with USERS (hashed once per session: argon2 is slow on purpose)."""
    from graphkit.auth import add_user

    path = tmp_path_factory.mktemp("users") / "users.json"
    for name, (role, password) in USERS.items():
        add_user(path, name, role, password)
    return path.read_text()


@pytest.fixture
def users_file(tmp_path, users_text) -> Path:
    """A users file of USERS of this test's own."""
    path = tmp_path / "users.json"
    path.write_text(users_text)
    return path


@pytest.fixture
def deferred_downloads(monkeypatch) -> dict:
    """The downloads a page offers, by file name: the callables Streamlit runs when one is clicked
    (download buttons whose data is made on click). Call one to get the file's content."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict[str, object] = {}
    add_deferred = MediaFileManager.add_deferred

    def remember(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    return made


def eventually(check, seconds: float = 10.0) -> bool:
    """Whether ``check()`` comes true within ``seconds`` (asked every 0.05 s, and once more at the end)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


@contextlib.contextmanager
def running_app(
    store: str, log: Path, users: Path | None = None, script: str = "app.py"
) -> Iterator[tuple[str, subprocess.Popen]]:
    """The real app (``streamlit run app.py``, or ``script``) on ``store``, sign-in off (on with the
    users file ``users``), on a free loopback port; yields its address and process once it answers,
    and stops it afterwards. It logs to ``log``."""
    from test_serve import free_port

    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"]
    cmd += ["--server.address", "127.0.0.1", "--server.port", str(port)]
    cmd += ["--browser.gatherUsageStats", "false"]
    env = {k: v for k, v in os.environ.items() if k != "GRAPHKIT_USERS"}
    if users is not None:
        env["GRAPHKIT_USERS"] = str(users)
    with log.open("w") as out:
        app = subprocess.Popen(
            cmd, cwd=REPO, env={**env, "GRAPHKIT_STORE": store}, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert app.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the app did not start within 60 s"
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", app
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(timeout=20)
