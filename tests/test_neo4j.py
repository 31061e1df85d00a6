"""What only the Neo4j store has: a server that can be down, refuse a password or die mid-write.

The contract itself runs against Neo4j through conftest.BACKENDS; these tests need the test server
that scripts/test starts (they are skipped without one, and fail under CI).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SEED, open_backend, require_neo4j, snapshot

from graphkit.cli import main
from graphkit.errors import StoreUnavailable
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.model import Node
from graphkit.store import open_store
from graphkit.store.neo4j import parse_url


def free_port() -> int:
    """A local port with nothing listening on it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_credentials_in_the_url_are_never_shown():
    assert parse_url("neo4j://ada:s%40cret@db.example.org:7999") == (
        "neo4j://db.example.org:7999",
        "ada",
        "s@cret",
    )
    assert parse_url("bolt://127.0.0.1") == ("bolt://127.0.0.1:7687", None, None)
    with pytest.raises(StoreUnavailable) as err:
        open_store("neo4j://ada:s3cret@:7687")
    assert "s3cret" not in str(err.value)


def refusal(url: str, shown: str) -> tuple[str, str]:
    """Open ``url`` and expect one line naming ``shown``, from the store and from the CLI (no traceback);
    return both."""
    with pytest.raises(StoreUnavailable) as err:
        open_store(url)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(shown)
    code, out = run("stats", "--store", url)
    assert code == 1
    assert "Traceback" not in out
    return message, out


def test_a_server_that_is_down_is_one_clear_line(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever")
    url = f"neo4j://127.0.0.1:{free_port()}"
    message, out = refusal(url, shown=url)
    assert "scripts/neo4j-local start" in message
    assert out.strip() == f"Error: {message}"


def test_a_wrong_password_is_one_clear_line_without_the_password():
    url = require_neo4j()
    shown = parse_url(url)[0]
    # Another user than the tests' own, so that the server's lock-out after failed logins cannot hit them.
    bad = shown.replace("://", "://intruder:not-the-password@")
    message, out = refusal(bad, shown=shown)
    assert "NEO4J_USER/NEO4J_PASSWORD" in message
    assert "not-the-password" not in message
    assert "not-the-password" not in out


def test_copy_sqlite_to_neo4j_and_back_keeps_the_seed_exactly(tmp_path: Path):
    url = require_neo4j()
    with open_backend("neo4j", tmp_path):  # empties the test database
        pass
    first, last = f"sqlite:///{tmp_path / 'first.db'}", f"sqlite:///{tmp_path / 'last.db'}"
    with open_store(first) as s:
        s.upsert(read_nodes(SEED), read_relationships(SEED))
        expected = snapshot(s)
    code, out = run("copy", "--from", first, "--to", url)
    assert code == 0, out
    assert "the counts match" in out
    code, out = run("copy", "--from", url, "--to", last)
    assert code == 0, out
    with open_store(last) as s:
        assert snapshot(s) == expected
    with open_store(url) as s:
        assert snapshot(s) == expected
    # a second copy into the now full store is refused before it writes anything
    code, out = run("copy", "--from", first, "--to", url)
    assert code == 1
    assert "already holds" in out and "Traceback" not in out


def test_cypher_in_a_value_is_stored_verbatim_and_deletes_nothing(world_store):
    before_nodes, before_rels = snapshot(world_store)
    payload = '"}) DETACH DELETE n //'
    evil = Node(
        "p-evil", "Person", payload, {"stakeholder_group": "library", "notes": "`}) MATCH (m) DELETE m"}
    )
    world_store.upsert([evil])
    after_nodes, after_rels = snapshot(world_store)
    assert after_rels == before_rels
    assert after_nodes == {**before_nodes, "p-evil": ("Person", payload, evil.props)}
    assert [n.id for n in world_store.search(payload)] == ["p-evil"]


_WRITER = """
import sys
from graphkit.model import Node
from graphkit.store import open_store
n = int(sys.argv[2])
people = [Node(f"p{i}", "Person", f"Person {i}", {"stakeholder_group": "library", "notes": "x" * 200}) for i in range(n)]
with open_store(sys.argv[1]) as store:
    store.upsert(people, progress=lambda rows: print("wrote", rows, flush=True))
print("done", flush=True)
"""


def local_server(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPO / "scripts" / "neo4j-local"), *args], capture_output=True, text=True)


@pytest.mark.slow  # kills and restarts the Neo4j test server
def test_a_server_killed_mid_upsert_keeps_all_or_none_of_it(tmp_path: Path):
    url = require_neo4j()
    pid = local_server("pid")
    if pid.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("the Neo4j test server was not started by scripts/neo4j-local", pytrace=False)
        pytest.skip(
            "the Neo4j test server was not started by scripts/neo4j-local, so it cannot be killed here"
        )
    with open_backend("neo4j", tmp_path):  # empties the test database
        pass
    total = 200_000  # 20 batches in one transaction
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, url, str(total)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert writer.stdout.readline().startswith("wrote")  # the first batch is in the open transaction
        os.kill(int(pid.stdout), signal.SIGKILL)
        while Path(f"/proc/{int(pid.stdout)}").exists():  # gone, not only signalled
            time.sleep(0.1)
        started = local_server("start")
        assert started.returncode == 0, started.stderr
        writer.wait(timeout=180)  # the driver may retry the whole upsert on the restarted server
    finally:
        writer.kill()
        writer.wait()
    with open_store(url) as store:
        stored = store.counts()["nodes"].get("Person", 0)
    assert stored in (0, total)
    if writer.returncode == 0:  # the retry on the restarted server went through
        assert stored == total


@pytest.mark.slow  # cypher-shell through the JVM: half a minute
def test_the_cypher_export_loads_into_an_empty_neo4j_and_gives_back_the_seed(tmp_path: Path):
    """What a user does with cypher-shell -f: run each statement of the script, in order."""
    from neo4j import GraphDatabase

    from graphkit.io.cypher import cypher_statements
    from graphkit.store.base import to_networkx

    url = require_neo4j()
    source = open_backend("sqlite", tmp_path)
    source.upsert(read_nodes(SEED), read_relationships(SEED))
    open_backend("neo4j", tmp_path).close()  # empties the server
    address, user, password = parse_url(url)
    auth = (user or os.environ["NEO4J_USER"], password or os.environ["NEO4J_PASSWORD"])
    statements = list(cypher_statements(to_networkx(source.nodes(), source.relationships())))
    with GraphDatabase.driver(address, auth=auth) as driver, driver.session() as session:
        for _ in range(2):  # loading twice changes nothing
            for statement in statements:
                session.run(statement.rstrip().rstrip(";")).consume()
    with open_store(url) as loaded:
        assert snapshot(loaded) == snapshot(source)


def test_the_analysis_commands_answer_the_same_on_neo4j_as_on_sqlite(tmp_path: Path):
    url = require_neo4j()
    open_backend("neo4j", tmp_path).close()  # empties the test database
    embedded = f"sqlite:///{tmp_path / 'seed.db'}"
    for store in (embedded, url):
        assert run("seed", str(SEED), "--store", store)[0] == 0
    for command in (
        ["path", "DC-PAL", "Wambui Gichuru", "-k", "3", "--json"],
        ["path", "init-dc-pal", "Aliaksandr Zhuk", "--json"],
        ["gaps", "--json"],
        ["brokers", "-n", "5", "--json"],
    ):
        on_sqlite, on_neo4j = (run(*command, "--store", store) for store in (embedded, url))
        assert on_sqlite[0] == on_neo4j[0] == 0, on_neo4j[1]
        assert json.loads(on_neo4j[1]) == json.loads(on_sqlite[1]), command
