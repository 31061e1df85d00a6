"""Following the store: a failure while looking at the feed is logged and looked at again, never
silent; a page is drawn again only when a change concerns what it showed; and following stands on
Streamlit's public API alone (the browser tests in test_live.py watch it work end to end)."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from conftest import eventually, person, small_world

from graphkit.live.following import Shown, stale
from graphkit.live.graph import LiveGraph
from graphkit.model import Relationship
from graphkit.store import open_store

GRAPHKIT = Path(__file__).parent.parent / "graphkit"


def test_a_failure_while_following_is_logged_and_the_feed_is_looked_at_again(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    with open_store(url) as writer, open_store(url) as reader:
        writer.upsert(*small_world())
        live = LiveGraph(reader)
        real = reader.changes_since
        failures = []

        def failing(position, *args):  # as a library upgrade that breaks something the feed uses
            if len(failures) < 3:
                failures.append(position)
                raise AttributeError("'Runtime' object has no attribute '_session_mgr'")
            return real(position, *args)

        reader.changes_since = failing
        with caplog.at_level(logging.WARNING, logger="graphkit.live.graph"):
            live.follow(0.05, idle=5.0)
            assert eventually(lambda: live.unreadable is not None)
            assert "_session_mgr" in live.unreadable
            writer.upsert([person("person-nia", "Nia Okafor")])
            assert eventually(lambda: "person-nia" in live.G)  # the thread went on looking
        assert live.unreadable is None and live._following and len(failures) == 3
        logged = [r for r in caplog.records if "following the store's feed failed" in r.getMessage()]
        assert len(logged) == 1 and logged[0].exc_info  # once, with its traceback, not once a look


def test_a_page_is_drawn_again_only_for_a_change_that_concerns_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    with open_store(url) as writer, open_store(url) as reader:
        writer.upsert(*small_world())
        live = LiveGraph(reader)
        zoe = Shown(live.version, live.figures, False, None, frozenset({"person-zoe"}))
        amara = Shown(live.version, live.figures, False, None, frozenset({"person-amara"}))
        anything = Shown(live.version, live.figures, False, None, None)
        assert not any(stale(s, live) for s in (zoe, amara, anything))
        noted = reader.get_node("person-amara")
        noted.props["notes"] = "Met at WSIS+20."
        writer.upsert([noted])
        live.refresh()
        assert stale(amara, live) and stale(anything, live) and not stale(zoe, live)
        live.unreadable = "the server went away"
        assert stale(zoe, live)  # the page must say so


def test_following_uses_no_private_part_of_streamlit():
    private = re.compile(r"_session_mgr|_get_async_objs|_scriptrunner|_client_state|request_rerun")
    used = [
        f"{path.relative_to(GRAPHKIT)}: {line.strip()}"
        for path in GRAPHKIT.rglob("*.py")
        for line in path.read_text().splitlines()
        if private.search(line)
    ]
    assert used == []


def test_a_figure_brought_up_to_date_in_the_background_reads_a_graph_that_holds_still(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    with open_store(url) as writer, open_store(url) as reader:
        writer.upsert(*small_world())
        live = LiveGraph(reader)
        live.background_delay = 0
        seen = []

        def slow_figure() -> int:
            before = live.G.number_of_nodes()
            seen.append(before)
            time.sleep(1.0)  # a change lands meanwhile, and the feed is looked at
            assert live.G.number_of_nodes() == before, "the graph moved under the figure"
            return before

        with live.reading():
            live.derived("nodes", live.G.number_of_nodes)
        writer.upsert([], [Relationship("KNOWS", "person-zoe", "person-lucas", {"strength": 4})])
        live.refresh()  # reshapes: the figure is brought up to date in the background
        with live.reading():
            assert live.derived("nodes", slow_figure)[1]
        assert eventually(lambda: bool(seen))
        writer.upsert([person("person-nia", "Nia Okafor")])
        live.refresh(wait=0.1)  # the figure holds the graph: this change waits for the next look
        assert "person-nia" not in live.G
        assert eventually(lambda: live.figures == 1)
        live.refresh()
        assert "person-nia" in live.G


def test_a_figure_finished_without_the_graph_lets_changes_go_on_meanwhile(tmp_path):
    """PageRank reads the tie network with the graph held still, then solves (seconds at 10M
    relationships) with it let go: a new tie saved meanwhile is applied at once."""
    import threading

    url = f"sqlite:///{tmp_path / 'live.db'}"
    with open_store(url) as writer, open_store(url) as reader:
        writer.upsert(*small_world())
        live = LiveGraph(reader)
        live.background_delay = 0
        solving, solved = threading.Event(), threading.Event()

        def solve(nodes: int) -> int:
            solving.set()
            assert solved.wait(10)
            return nodes

        with live.reading():
            first = live.G.number_of_nodes()
            assert live.derived("nodes", live.G.number_of_nodes, lambda n: n) == (first, False)
        writer.upsert([], [Relationship("KNOWS", "person-zoe", "person-lucas", {"strength": 4})])
        live.refresh()
        with live.reading():
            assert live.derived("nodes", live.G.number_of_nodes, solve)[1]  # being brought up to date
        assert solving.wait(10)
        writer.upsert(
            [person("person-nia", "Nia Okafor")], [Relationship("KNOWS", "person-nia", "person-zoe")]
        )
        live.refresh(wait=0.5)  # reshapes too: not held back by the figure being solved
        assert "person-nia" in live.G
        solved.set()
        assert eventually(lambda: live.figures == 1)
        with live.reading():
            nodes, updating = live.derived("nodes", live.G.number_of_nodes, solve)
        assert updating and nodes == live.G.number_of_nodes() - 1, "the figure of the shape it read"


def test_a_viewers_figure_brought_up_to_date_after_a_record_became_private_leaves_it_out(tmp_path):
    """As the pages and the embedded picture ask for PageRank: of the shared copy as it is when the
    background build runs, so that a person made private since is not in the figures shown to viewers."""
    import operator

    from graphkit.analysis.influence import pagerank_later

    url = f"sqlite:///{tmp_path / 'live.db'}"
    with open_store(url) as writer, open_store(url) as reader:
        nodes, _ = small_world()
        writer.upsert(*small_world())
        live = LiveGraph(reader)
        live.background_delay = 0.2

        def ask() -> tuple[dict, bool]:
            with live.reading():
                return live.derived(("pagerank", True), lambda: pagerank_later(live.shared), operator.call)

        assert "person-lucas" in ask()[0]
        lucas = next(n for n in nodes if n.id == "person-lucas")
        writer.upsert([person(lucas.id, lucas.name, **{**lucas.props, "sensitivity": "private"})])
        live.refresh()
        assert ask()[1], "being brought up to date"
        assert eventually(lambda: live.figures == 1)
        ranks, updating = ask()
        assert ranks and "person-lucas" not in ranks and not updating
