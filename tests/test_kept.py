"""The snapshot: an app process starts from the graph kept beside the SQLite file and replays the
feed since, getting exactly what a fresh read gives; nothing erased survives in it; a file that does
not belong to the store is never believed, and loading one runs nothing from it; an erasure refuses
up front when the files beside the store could not be deleted."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import struct
import time

import networkx as nx
import pyarrow as pa
import pytest
from conftest import every_byte, person, small_world
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.analysis.influence import pagerank
from graphkit.edits import erase_person
from graphkit.errors import GraphkitError
from graphkit.live import snapshot
from graphkit.live.graph import LiveGraph
from graphkit.model import Relationship
from graphkit.store import open_store
from graphkit.store.base import GraphColumns
from graphkit.store.kept import KeptFile


def contents(G: nx.MultiDiGraph) -> tuple[dict, dict]:
    return dict(G.nodes(data=True)), {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


@pytest.fixture(autouse=True)
def keep_at_once(monkeypatch):
    monkeypatch.setattr(LiveGraph, "keep_delay", 0)


def kept_by_a_process(store) -> LiveGraph:
    """A live graph that has computed PageRank and kept itself with it (as an app process does)."""
    live = LiveGraph(store)
    with live.reading():
        live.derived(("pagerank", False), lambda: pagerank(live.G))
    settled(live)
    assert live._kept and store.kept.path.exists(), "the graph was not kept"
    return live


def settled(live: LiveGraph) -> None:
    """Wait until ``live`` is not keeping itself."""
    for _ in range(600):
        if not live._keeping:
            return
        time.sleep(0.05)
    raise AssertionError("still keeping after 30 s")


def no_figure():
    raise AssertionError("computed again, though it was kept")


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'kept.db'}") as s:
        s.upsert(*small_world())
        yield s


def test_a_new_process_starts_from_the_snapshot_and_replays_what_changed_since(store):
    first = kept_by_a_process(store)
    ranks = first.derived(("pagerank", False), no_figure)[0]
    # Written after it was kept: a new person (reshapes the network) and a changed title.
    store.upsert([person("person-ana", "Ana Silva", title="Librarian")])
    store.upsert([], [Relationship("KNOWS", "person-ana", "person-amara", {"strength": 4})])
    store.upsert([person("person-zoe", "Zoë Müller", "civil_society", title="Director")])

    kept = snapshot.load(store)
    assert kept is not None and kept.position < store.feed_position()
    second = LiveGraph(store)
    assert contents(second.G) == contents(store.export())
    # The kept PageRank is shown while the new one is computed, as after any change.
    with second.reading():
        shown, updating = second.derived(("pagerank", False), lambda: pagerank(second.G))
    assert shown == ranks and updating


def test_the_kept_figures_are_used_when_nothing_changed(store):
    ranks = kept_by_a_process(store).derived(("pagerank", False), no_figure)[0]
    again = LiveGraph(store)
    assert contents(again.G) == contents(store.export())
    with again.reading():
        assert again.derived(("pagerank", False), no_figure) == (ranks, False)


def test_the_header_names_the_format_and_the_versions_that_wrote_it(store):
    kept_by_a_process(store)
    data = store.kept.path.read_bytes()
    assert data.startswith(snapshot.MAGIC)
    (length,) = struct.unpack_from("<Q", data, len(snapshot.MAGIC))
    start = len(snapshot.MAGIC) + 8
    header = json.loads(data[start : start + length])
    assert header["format"] == snapshot.FORMAT and header["position"] == store.feed_position()
    assert {"graphkit", "pyarrow", "networkx", "python"} <= header.keys()
    assert store.kept.path.stat().st_mode & 0o777 == 0o600


def test_an_erasure_deletes_the_snapshot_and_leaves_no_trace(store):
    kept_by_a_process(store)
    assert "Zoë Müller" in store.kept.path.read_bytes().decode("utf-8", "replace")
    store.apply(erase_person(store, "person-zoe"))
    assert not store.kept.path.exists()
    assert "Zoë Müller" not in every_byte(store) and "person-zoe" not in every_byte(store)
    # The next process reads the store again and keeps a graph without her.
    later = kept_by_a_process(store)
    assert "person-zoe" not in later.G
    assert "person-zoe" not in every_byte(store)


def test_a_snapshot_read_before_an_erasure_and_written_after_it_is_never_believed(store):
    """As when the writing process reads, an erasure lands, then the writing process writes."""
    with store.columns() as (position, columns):
        mark = store.feed_mark(position)
    store.upsert([person("person-ana", "Ana Silva")])  # the erasure must not take the kept entry
    store.apply(erase_person(store, "person-ines"))
    assert store.feed_mark(position) == mark
    snapshot.write(store.kept, position, mark, columns)
    assert snapshot.load(store) is None
    assert not store.kept.path.exists() and not store.kept.temporaries()
    started = LiveGraph(store)
    assert "person-ines" not in started.G


def test_a_snapshot_of_another_store_is_not_believed(store, tmp_path):
    kept_by_a_process(store)
    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        other.upsert([person("person-only-here", "Only Here")])
        shutil.copy(store.kept.path, other.kept.path)
        assert snapshot.load(other) is None
        assert list(LiveGraph(other).G) == ["person-only-here"]


def test_a_snapshot_others_could_write_is_not_read_nor_deleted(store):
    kept_by_a_process(store)
    assert snapshot.load(store) is not None
    store.kept.path.chmod(0o666)
    assert snapshot.load(store) is None
    assert store.kept.path.exists()


def planted_pickle(marker) -> bytes:
    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    return pickle.dumps(Planted())


def garbage_and_foreign_files(store, tmp_path) -> dict[str, bytes]:
    """Files that are not a snapshot of this graphkit for this store."""
    real = store.kept.path.read_bytes()
    start = len(snapshot.MAGIC) + 8
    (length,) = struct.unpack_from("<Q", real, len(snapshot.MAGIC))
    header = json.loads(real[start : start + length])

    def with_header(**changes) -> bytes:
        text = json.dumps({**header, **changes}).encode()
        return snapshot.MAGIC + struct.pack("<Q", len(text)) + text + real[start + length :]

    sink = pa.BufferOutputStream()
    evil = pa.table({"id": ["x"], "code": pa.array([b"\x80\x04"], pa.binary())})
    with pa.ipc.new_stream(sink, evil.schema) as w:
        w.write_table(evil)
    nodes = header["sections"]["nodes"]
    swapped = bytearray(real)
    swapped[nodes[0] : nodes[0] + nodes[1]] = sink.getvalue().to_pybytes().ljust(nodes[1], b"\0")[: nodes[1]]
    return {
        "pickle": planted_pickle(tmp_path / "PWNED"),
        "pickle after our first line": snapshot.MAGIC + planted_pickle(tmp_path / "PWNED"),
        "garbage": b"not a kept graph",
        "empty": b"",
        "truncated": real[: len(real) // 2],
        "an older format": with_header(format=2),
        "another graphkit": with_header(graphkit="0.0.1"),
        "sections outside the file": with_header(sections={**header["sections"], "edges": [0, 10**9]}),
        "a huge header length": snapshot.MAGIC + struct.pack("<Q", 2**63) + b"{}",
        "a foreign table in place of the nodes": bytes(swapped),
    }


def test_a_planted_garbage_or_foreign_file_is_refused_and_never_executed(store, tmp_path):
    kept_by_a_process(store)
    for what, data in garbage_and_foreign_files(store, tmp_path).items():
        store.kept.path.write_bytes(data)
        store.kept.path.chmod(0o600)
        assert snapshot.load(store) is None, what
        assert not store.kept.path.exists(), f"{what}: the refused file was left"
        assert not (tmp_path / "PWNED").exists(), what
        fresh = LiveGraph(store)
        assert contents(fresh.G) == contents(store.export()), what
        settled(fresh)  # it keeps itself in the background: not over the next planted file
        kept_by_a_process(store)


def test_an_erasure_seen_by_a_running_process_drops_the_figures_naming_the_person(store):
    live = kept_by_a_process(store)
    assert "person-ines" in live.derived(("pagerank", False), no_figure)[0]
    store.apply(erase_person(store, "person-ines"))
    live.refresh()
    with live.reading():
        ranks, updating = live.derived(("pagerank", False), lambda: pagerank(live.G))
    assert "person-ines" not in ranks and not updating


def test_figures_of_another_day_or_another_position_are_not_believed():
    ranks = {("pagerank", False): {"a": 1.0}}
    assert snapshot.Snapshot(5, "m", nx.MultiDiGraph(), ranks, 5).fresh_figures == ranks
    assert snapshot.Snapshot(5, "m", nx.MultiDiGraph(), ranks, 4).fresh_figures == {}
    assert snapshot.Snapshot(5, "m", nx.MultiDiGraph(), ranks, 5, day="2016-12-06").fresh_figures == {}


def test_one_kept_file_however_the_store_is_named(store, tmp_path):
    kept_by_a_process(store)
    link = tmp_path / "link.db"
    link.symlink_to(store.path)
    with open_store(f"sqlite:///{link}") as same:
        assert same.kept.path == store.kept.path
        same.apply(erase_person(same, "person-zoe"))
    assert not store.kept.path.exists()


@pytest.mark.parametrize("planted", ["a folder at the snapshot", "a folder at a temporary", "a link"])
def test_an_erasure_refuses_up_front_when_a_file_beside_the_store_could_not_be_deleted(
    store, tmp_path, planted
):
    kept_by_a_process(store)
    temporary = store.kept.temporary()
    if planted == "a folder at the snapshot":
        store.kept.path.unlink()
        store.kept.path.mkdir()
    elif planted == "a folder at a temporary":
        temporary.mkdir()
    else:
        temporary.symlink_to(tmp_path / "elsewhere")
    history = store.history(limit=1000)
    with pytest.raises(GraphkitError, match="Nothing was erased"):
        store.apply(erase_person(store, "person-zoe"))
    assert store.get_node("person-zoe") is not None and store.history(limit=1000) == history


def test_a_stuck_writer_is_killed_and_leaves_nothing(store, monkeypatch):
    live = kept_by_a_process(store)
    store.kept.discard()
    monkeypatch.setattr(snapshot, "WRITING_AT_MOST", 0.0)  # any writer counts as stuck at once
    written = snapshot.keep(store, {}, live.position)
    assert written is not None and written() is None
    assert not store.kept.path.exists() and not store.kept.temporaries()


plain = st.one_of(
    st.text(max_size=5),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    nodes=st.dictionaries(
        st.sampled_from("abcde"), st.dictionaries(st.sampled_from("xyz"), plain), max_size=5
    ),
    edges=st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from("KL"), st.sampled_from("abcdef"), plain),
        max_size=6,
    ),
)
def test_any_graph_of_plain_values_comes_back_the_same(tmp_path, nodes, edges):
    """Typed columns for one plain type, JSON for the rest; a property that is absent stays absent."""
    rows = [(n, "Person", n.upper(), json.dumps(props)) for n, props in nodes.items()]
    rels = {(u, t, v): json.dumps({} if x is None else {"w": x}) for u, t, v, x in edges}
    kept = KeptFile(tmp_path / "g.graph")
    columns = GraphColumns.of_rows([rows], [[(u, v, f"{t} {p}") for (u, t, v), p in rels.items()]])
    snapshot.write(kept, 7, "mark", columns)
    back = snapshot.read(pa.py_buffer(kept.path.read_bytes()), lambda position, mark: True)
    expected = nx.MultiDiGraph()
    for n, props in nodes.items():
        expected.add_node(n, label="Person", name=n.upper(), **props)
    for (u, t, v), p in rels.items():
        expected.add_edge(u, v, key=t, type=t, **json.loads(p))
    assert contents(back.G) == contents(expected)
    # In the same order, node by node and neighbour by neighbour, as NetworkX's own building gives.
    assert list(back.G.edges(keys=True)) == list(expected.edges(keys=True))
    assert [list(back.G.predecessors(n)) for n in back.G] == [
        list(expected.predecessors(n)) for n in expected
    ]
