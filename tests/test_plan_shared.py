"""``graphkit plan EVENT --shared`` leaves private people and facts out, as the other --shared commands do."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from test_events import SUMMIT, world

from graphkit.cli import main
from graphkit.model import Node
from graphkit.store import open_store


@pytest.fixture
def private_url(tmp_path) -> str:
    """The events world with Gia Tran, an official at the summit, private, and Kit Banda's tie to Olu too."""
    nodes, rels = world()
    nodes = [
        Node(n.id, n.label, n.name, {**n.props, "sensitivity": "private"}) if n.id == "person-gia" else n
        for n in nodes
    ]
    for r in rels:
        if r.type == "KNOWS" and {r.source, r.target} == {"person-ana", "person-olu"}:
            r.props["sensitivity"] = "private"
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with open_store(url) as s:
        s.upsert(nodes, rels)
    return url


def plan(*args: str) -> str:
    result = CliRunner().invoke(main, ["plan", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_plan_shared_names_no_private_person_and_uses_no_private_tie(private_url):
    full = plan(SUMMIT, "--store", private_url)
    assert "Gia Tran" in full and "Ana Ortiz (KLA) meets Olu Adeyemi: they know each other." in full
    for args in ((), ("--json",), ("--max-hops", "4")):
        shared = plan(SUMMIT, "--shared", *args, "--store", private_url)
        assert "Gia Tran" not in shared and "person-gia" not in shared
        assert "meets Olu Adeyemi: they know each other" not in shared
        assert "Olu" in shared  # Olu is not private: only the private tie is left out
