"""The advocacy log: logging interactions on both stores, how it moves engagement paths, tie decay,
going cold, follow-ups and timelines. Costs are worked out by hand from ``TieCosts``' documented formula."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from conftest import snapshot

from graphkit.analysis.interactions import going_cold, interactions, open_follow_ups, timeline
from graphkit.analysis.paths import engagement_paths
from graphkit.analysis.ties import TieCosts
from graphkit.edits import follow_up_done, log_interaction
from graphkit.errors import ValidationError
from graphkit.model import NODE_FIELDS, Interaction, Node, Relationship
from graphkit.model.interaction import PROPERTIES
from graphkit.store import Store
from graphkit.store.base import to_networkx

TODAY = date(2026, 12, 1)
COSTS = TieCosts(as_of=TODAY)


def person(pid: str, group: str = "library") -> Node:
    return Node(pid, "Person", pid.replace("-", " ").title(), {"stakeholder_group": group})


def knows(a: str, b: str, strength: int, last_contact: str) -> Relationship:
    return Relationship("KNOWS", a, b, {"strength": strength, "last_contact": last_contact})


def village() -> tuple[list[Node], list[Relationship]]:
    """Member M reaches official T only through A: M-A and A-T, strength 4, untouched since 2016-12-01
    (ten years: a fading of 1 - 0.5 ** (10 / 3), close to 0.9). B knows M but not T."""
    nodes = [
        person("m"),
        person("a", "civil_society"),
        person("b", "civil_society"),
        person("t", "government"),
    ]
    nodes += [
        Node("pa-access", "PolicyArea", "Access", {"kind": "igf_theme"}),
        Node("ev-igf", "Event", "IGF", {"kind": "igf", "date": "2026-06-01"}),
        Node(
            "org-ministry",
            "Organization",
            "Ministry",
            {"stakeholder_group": "government", "org_type": "ministry"},
        ),
    ]
    rels = [
        knows("m", "a", 4, "2016-12-01"),
        knows("a", "t", 4, "2016-12-01"),
        knows("b", "m", 3, "2016-12-01"),
    ]
    return nodes, rels


@pytest.fixture
def village_store(store: Store) -> Store:
    store.upsert(*village())
    return store


def fading(years: float, half_life: float = 3.0) -> float:
    return 1 - 0.5 ** (years / half_life)


def test_logging_a_meeting_with_the_target_makes_the_direct_tie_the_cheapest_path(village_store):
    G = village_store.export()
    before = engagement_paths(G, "m", "t", costs=COSTS).paths[0]
    assert list(before.nodes) == ["m", "a", "t"]
    ten_years = (TODAY - date(2016, 12, 1)).days / 365.25
    assert before.cost == pytest.approx(2 * (1 + 0.5 + fading(ten_years)))

    done = log_interaction(village_store, Interaction("meeting", "2026-11-30", ["m", "t"], name="Coffee"))

    assert done.new_ties == [("m", "t")]
    after = engagement_paths(village_store.export(), "m", "t", costs=COSTS).paths
    # The new tie: strength 2, one day old: 1 + 0.5 * 3 + fading(1 day).
    assert list(after[0].nodes) == ["m", "t"]
    assert after[0].cost == pytest.approx(1 + 1.5 + fading(1 / 365.25))
    assert "met at Coffee" in after[0].hops[0].explanation
    assert list(after[1].nodes) == ["m", "a", "t"]  # the old path is still there, second


def test_logging_a_meeting_with_the_broker_warms_that_hop_by_exactly_its_decay(village_store):
    ten_years = (TODAY - date(2016, 12, 1)).days / 365.25
    log_interaction(village_store, Interaction("call", TODAY.isoformat(), ["a", "m"]))

    G = village_store.export()
    assert G.edges["m", "a", "KNOWS"]["last_contact"] == "2026-12-01"  # the existing tie, moved forward
    assert G.edges["m", "a", "KNOWS"]["strength"] == 4  # and nothing else about it changed
    assert not G.has_edge("a", "m", "KNOWS")  # no second tie the other way
    path = engagement_paths(G, "m", "t", costs=COSTS).paths[0]
    assert list(path.nodes) == ["m", "a", "t"]
    assert path.cost == pytest.approx((1 + 0.5) + (1 + 0.5 + fading(ten_years)))


def test_a_decayed_tie_costs_the_documented_amount_more():
    """TieCosts: a KNOWS hop costs ``stale * (1 - 0.5 ** (years / half_life_years))`` more than a fresh one."""
    nodes, _ = village()
    for half_life, years in ((3.0, 3), (3.0, 6), (1.5, 3)):
        costs = TieCosts(as_of=TODAY, half_life_years=half_life)
        contact = TODAY.replace(year=TODAY.year - years).isoformat()
        fresh = to_networkx(nodes, [knows("m", "t", 4, TODAY.isoformat())])
        stale = to_networkx(nodes, [knows("m", "t", 4, contact)])
        extra = engagement_paths(stale, "m", "t", costs=costs).paths[0].cost
        extra -= engagement_paths(fresh, "m", "t", costs=costs).paths[0].cost
        elapsed = (TODAY - date.fromisoformat(contact)).days / 365.25
        assert extra == pytest.approx(1 - 0.5 ** (elapsed / half_life))
    # One half-life costs half of ``stale``; two cost three quarters.
    assert TieCosts(as_of=date(2026, 1, 1)).of(
        "KNOWS", {"strength": 5, "last_contact": "2023-01-01"}, date(2026, 1, 1)
    ) == pytest.approx(1.5, abs=2e-3)


def test_logging_writes_the_interaction_with_its_links(village_store):
    meeting = Interaction(
        "side_meeting",
        "2026-06-02",
        ["m", "t", "org-ministry"],
        policy_areas=["pa-access"],
        event="ev-igf",
        outcome="T will read our brief",
        follow_up="2026-07-01",
        sensitivity="internal",
    )
    done = log_interaction(village_store, meeting)
    assert re.fullmatch(r"ix-2026-06-02-[0-9a-f]{12}", done.id)  # an id that names nobody
    assert done.name == "Side meeting with M, Ministry, T"  # participants in id order
    assert village_store.get_node(done.id).name == "Side meeting"  # stored naming nobody
    G = village_store.export()
    assert G.nodes[done.id]["name"] == done.name  # titled when read
    assert G.nodes[done.id]["label"] == "Interaction"
    assert G.nodes[done.id]["sensitivity"] == "internal"
    [i] = interactions(G, "t")
    # Read back, it is what was logged, with its id and name given and its participants in order.
    assert i == replace(meeting, id=done.id, name=done.name, participants=sorted(meeting.participants))
    assert (i.participants, i.policy_areas, i.event) == (("m", "org-ministry", "t"), ("pa-access",), "ev-igf")
    # The same again gets an id of its own, and the tie it created is only moved, not duplicated.
    again = log_interaction(
        village_store, Interaction("side_meeting", "2026-06-02", ["m", "t", "org-ministry"])
    )
    assert again.id != done.id and village_store.get_node(done.id) is not None
    assert again.new_ties == [] and again.warmed_ties == []


def test_a_bad_log_writes_nothing_and_says_which_field(village_store):
    before = snapshot(village_store)
    with pytest.raises(ValidationError, match="participants: no person or organisation with id 'nobody'"):
        log_interaction(village_store, Interaction("meeting", "2026-06-02", ["m", "nobody"]))
    with pytest.raises(ValidationError, match="date: expected an ISO date"):
        log_interaction(village_store, Interaction("meeting", "2026-02-30", ["m", "t"]))
    with pytest.raises(ValidationError, match="kind: expected one of meeting"):
        log_interaction(village_store, Interaction("lunch", "2026-06-02", ["m", "t"]))
    with pytest.raises(ValidationError, match="to: no node with id 'pa-none'"):
        log_interaction(
            village_store, Interaction("meeting", "2026-06-02", ["m", "t"], policy_areas=["pa-none"])
        )
    with pytest.raises(ValidationError, match="id: already logged as 'ix-1'"):
        log_interaction(village_store, Interaction("meeting", "2026-06-02", ["m", "t"], id="ix-1"))
    assert snapshot(village_store) == before


def test_an_interactions_properties_are_the_schemas_interaction_fields():
    assert set(PROPERTIES) == {f.name for f in NODE_FIELDS["Interaction"]}


def test_an_older_interaction_never_moves_a_tie_back(village_store):
    log_interaction(village_store, Interaction("call", "2026-05-01", ["m", "a"]))
    done = log_interaction(village_store, Interaction("email", "2020-01-01", ["m", "a"]))
    assert done.warmed_ties == []
    assert village_store.export().edges["m", "a", "KNOWS"]["last_contact"] == "2026-05-01"


def test_follow_ups_are_open_until_done_or_the_same_people_meet_again(village_store):
    first = log_interaction(
        village_store, Interaction("meeting", "2026-09-01", ["m", "t"], follow_up="2026-10-01")
    )
    later = log_interaction(
        village_store, Interaction("call", "2026-09-10", ["m", "a"], follow_up="2027-01-15")
    )
    [due, upcoming] = open_follow_ups(village_store.export(), as_of=TODAY)
    assert (due.interaction.id, due.due, due.overdue) == (first.id, "2026-10-01", True)
    assert (upcoming.interaction.id, upcoming.overdue) == (later.id, False)
    # m and t meet again: the first follow-up happened.
    log_interaction(village_store, Interaction("call", "2026-11-01", ["t", "m"]))
    assert [f.interaction.id for f in open_follow_ups(village_store.export(), as_of=TODAY)] == [later.id]
    village_store.apply(follow_up_done(village_store, later.id, "2026-11-20"))
    assert open_follow_ups(village_store.export(), as_of=TODAY) == []


def test_strong_ties_to_officials_go_cold_after_the_threshold():
    nodes, rels = village()
    nodes.append(person("t2", "intergovernmental"))
    rels += [knows("t2", "m", 5, "2026-08-01"), knows("b", "t", 5, "2026-01-01")]
    G = to_networkx(nodes, rels)
    # a-t (strength 4, 2016): cold. t2-m: 122 days, warm at 180. b-t: 334 days, cold.
    # m-a: not an official. b-m: not strong.
    cold = going_cold(G, as_of=TODAY)
    assert [(t.member, t.official, t.days) for t in cold] == [("a", "t", 3652), ("b", "t", 334)]
    assert [(t.member, t.official) for t in going_cold(G, ["m", "b"], as_of=TODAY)] == [("b", "t")]
    assert [(t.member, t.official) for t in going_cold(G, ["m"], as_of=TODAY, after_days=100)] == [
        ("m", "t2")
    ]
    assert going_cold(G, as_of=TODAY, min_strength=5) == [going_cold(G, as_of=TODAY)[1]]


def test_a_timeline_shows_interactions_events_and_changes_of_role(village_store):
    village_store.upsert(
        [
            Node(
                "org-old",
                "Organization",
                "Old Office",
                {"stakeholder_group": "government", "org_type": "ministry"},
            )
        ],
        [
            Relationship(
                "WORKS_FOR", "t", "org-old", {"role": "Clerk", "since": "2010-01-01", "until": "2015-06-30"}
            ),
            Relationship("WORKS_FOR", "t", "org-ministry", {"role": "Director", "since": "2015-07-01"}),
            Relationship("ATTENDS", "t", "ev-igf", {"role": "speaker"}),
        ],
    )
    log_interaction(
        village_store, Interaction("call", "2026-10-05", ["m", "t"], name="Budget call", outcome="Yes")
    )
    entries = [(e.date, e.kind, e.text) for e in timeline(village_store.export(), "t")]
    assert entries == [
        ("2026-10-05", "interaction", "call: Budget call with M. Outcome: Yes"),
        ("2026-06-01", "event", "speaker at IGF"),
        ("2015-07-01", "role", "joins Ministry as Director"),
        ("2015-06-30", "role", "leaves Old Office (Clerk)"),
        ("2010-01-01", "role", "joins Old Office as Clerk"),
    ]


# -- through the command line ------------------------------------------------------------------


def cli(*args: str) -> str:
    from click.testing import CliRunner

    from graphkit.cli import main

    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def village_url(tmp_path) -> str:
    from graphkit.store import open_store

    url = f"sqlite:///{tmp_path / 'village.db'}"
    with open_store(url) as s:
        s.upsert(*village())
    return url


def test_graphkit_log_changes_the_path_that_graphkit_path_finds(village_url):
    import json

    before = json.loads(cli("path", "M", "T", "--json", "--store", village_url))
    assert before["paths"][0]["nodes"] == ["m", "a", "t"]

    out = cli(
        "log",
        "--with",
        "M",
        "--with",
        "T",
        "--kind",
        "call",
        "--date",
        "2026-11-30",
        "--about",
        "Access",
        "--follow-up",
        "2026-12-15",
        "--store",
        village_url,
    )
    assert re.search(r"Logged Call with M, T \[ix-2026-11-30-[0-9a-f]{12}\]", out)
    assert "new tie: M knows T (strength 2)" in out
    after = json.loads(cli("path", "M", "T", "--json", "--store", village_url))
    assert after["paths"][0]["nodes"] == ["m", "t"]

    out = cli("log", "--with", "A", "--with", "M", "--store", village_url, "--date", "2026-11-30")
    assert "warmer: M and A, last contact 2016-12-01 -> 2026-11-30" in out


def test_graphkit_log_refuses_an_unknown_participant_in_one_line(village_url):
    from click.testing import CliRunner

    from graphkit.cli import main

    result = CliRunner().invoke(main, ["log", "--with", "M", "--with", "Nobody", "--store", village_url])
    assert result.exit_code == 1
    assert "no Person or Organization called 'Nobody'" in result.output
    assert "Traceback" not in result.output


def test_graphkit_cold_lists_cold_ties_and_overdue_follow_ups(village_url):
    cli(
        "log",
        "--with",
        "M",
        "--with",
        "B",
        "--date",
        "2026-10-01",
        "--title",
        "Plan",
        "--follow-up",
        "2026-11-01",
        "--store",
        village_url,
    )
    out = cli("cold", "--anyone", "--as-of", "2026-12-01", "--store", village_url)
    assert "Strong ties (strength 4+) to officials untouched for over 180 days: 1" in out
    assert "A knows T: strength 4, last contact 2016-12-01, 3652 days ago" in out
    assert "Overdue follow-ups: 1" in out
    assert "due 2026-11-01: Plan (2026-10-01; B, M)" in out
    cli("followed-up", "Plan", "--date", "2026-11-05", "--store", village_url)
    assert "Overdue follow-ups: 0" in cli("cold", "--anyone", "--as-of", "2026-12-01", "--store", village_url)


# -- through the app ---------------------------------------------------------------------------


def labelled(elements, label: str):
    (widget,) = [e for e in elements if e.label == label]
    return widget


def test_logging_on_the_data_page_moves_the_path_on_the_paths_page(village_url, monkeypatch):
    from conftest import open_app

    from graphkit.store import open_store

    at = open_app(village_url, monkeypatch, "graphkit/app/data.py", timeout=30)
    labelled(at.multiselect, "Who took part *").set_value(["m", "t"]).run()
    labelled(at.selectbox, "Kind").set_value("call")
    labelled(at.date_input, "Date").set_value(date(2026, 11, 30))
    labelled(at.text_input, "Title").input("Budget call")
    labelled(at.date_input, "Follow up by").set_value(date(2026, 12, 20))
    at.button(key="log_save").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Logged: Budget call. New tie: M knows T."]
    with open_store(village_url) as s:
        G = s.export()
    assert G.edges["m", "t", "KNOWS"]["last_contact"] == "2026-11-30"
    [budget] = [n for n, d in G.nodes(data=True) if d.get("name") == "Budget call"]
    assert G.nodes[budget]["follow_up"] == "2026-12-20"
    assert list(engagement_paths(G, "m", "t", costs=COSTS).paths[0].nodes) == ["m", "t"]
    # The app's own graph was reread: the Going cold page lists the follow-up, not yet overdue.
    at.switch_page("graphkit/app/interactions.py").run()
    assert not at.exception
    assert [h.value for h in at.header][:2] == ["Ties going cold: 1", "Overdue follow-ups: 0"]
    assert [s.value for s in at.subheader] == ["Coming up"]
    assert any(m.value.startswith("**Budget call** with M, T") for m in at.markdown)


def test_a_log_with_nobody_in_it_is_refused_on_the_page(village_url, monkeypatch):
    from conftest import open_app
    from conftest import snapshot as stored

    from graphkit.store import open_store

    with open_store(village_url) as s:
        before = stored(s)
    at = open_app(village_url, monkeypatch, "graphkit/app/data.py", timeout=30)
    at.button(key="log_save").click().run()
    assert "participants" in at.error[0].value and "at least one" in at.error[0].value
    with open_store(village_url) as s:
        assert stored(s) == before


def going_cold_page(url: str, monkeypatch):
    from conftest import open_app

    at = open_app(url, monkeypatch, "graphkit/app/interactions.py", timeout=30)
    labelled(at.selectbox, "Ties held by").set_value(None).run()
    return at


def test_the_going_cold_page_lists_a_cold_tie_to_an_official_with_its_age_in_words(village_url, monkeypatch):
    at = going_cold_page(village_url, monkeypatch)
    assert at.header[0].value == "Ties going cold: 1"
    years = (date.today() - date(2016, 12, 1)).days // 365
    [tie] = [m.value for m in at.markdown if "→" in m.value]
    assert tie.startswith("**[A](explore?focus=a)** → **[T](explore?focus=t)**")  # each opens on Explore
    assert f"untouched for {years} years (last contact 1 December 2016)" in tie


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (None, "never logged"),
        (0, "no time"),
        (1, "1 day"),
        (13, "13 days"),
        (20, "2 weeks"),
        (59, "8 weeks"),
        (60, "2 months"),
        (150, "5 months"),
        (729, "24 months"),
        (730, "2 years"),
        (4945, "13 years"),
    ],
)
def test_ages_are_said_in_words(days, words):
    from graphkit.app.interactions import age_in_words

    assert age_in_words(days) == words


def test_logging_a_contact_on_a_cold_tie_warms_it_in_the_store(village_url, monkeypatch):
    from graphkit.store import open_store

    at = going_cold_page(village_url, monkeypatch)
    at.selectbox(key="cold-log-a-t-kind").set_value("meeting")
    at.text_input(key="cold-log-a-t-outcome").input("Will table the library budget")
    labelled(at.button, "Log the contact").click().run()
    assert not at.exception and not at.error
    today = date.today()
    assert at.success[0].value == f"Logged a meeting of A with T on {today:%-d %B %Y}."
    assert at.header[0].value == "Ties going cold: 0"
    with open_store(village_url) as s:
        G = s.export()
    assert G.edges["a", "t", "KNOWS"]["last_contact"] == today.isoformat()
    [logged] = interactions(G)
    assert (logged.kind, logged.participants, logged.outcome) == (
        "meeting",
        ("a", "t"),
        "Will table the library budget",
    )


def test_marking_a_follow_up_done_on_going_cold_records_it_in_the_store(village_url, monkeypatch):
    from graphkit.store import open_store

    with open_store(village_url) as s:
        done = log_interaction(
            s, Interaction("call", "2026-09-01", ["m", "t"], name="Budget call", follow_up="2026-10-01")
        )
    at = going_cold_page(village_url, monkeypatch)
    assert at.header[1].value == "Overdue follow-ups: 1"
    at.button(key=f"cold-done-{done.id}").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value == f"Marked the follow-up of “Budget call” done on {date.today():%-d %B %Y}."
    assert at.header[1].value == "Overdue follow-ups: 0"
    with open_store(village_url) as s:
        assert s.get_node(done.id).props["follow_up_done"] == date.today().isoformat()


def test_a_private_meeting_moves_no_shared_tie_and_its_new_ties_are_private(village_store):
    from graphkit.graph import shareable

    done = log_interaction(
        village_store, Interaction("meeting", "2026-11-01", ["m", "a", "t"], sensitivity="private")
    )
    G = village_store.export()
    assert G.edges["m", "a", "KNOWS"]["last_contact"] == "2016-12-01"  # shared: its date stays
    assert done.new_ties == [("m", "t")]
    assert G.edges["m", "t", "KNOWS"]["sensitivity"] == "private"
    shared = shareable(G)
    assert done.id not in shared and not shared.has_edge("m", "t")
    assert not any(k == "PARTICIPATED_IN" for *_, k in shared.edges(keys=True))


def test_graphkit_path_prices_a_tie_by_its_age_as_documented(tmp_path):
    """One half-life (3 years) after the last contact a strength-5 tie costs 1.5 instead of 1.0."""
    from graphkit.store import open_store

    url = f"sqlite:///{tmp_path / 'decay.db'}"
    with open_store(url) as s:
        s.upsert([person("m"), person("t", "government")], [knows("m", "t", 5, "2020-01-01")])
    fresh = cli("path", "M", "T", "--as-of", "2020-01-01", "--store", url)
    aged = cli("path", "M", "T", "--as-of", "2023-01-01", "--store", url)
    assert "Path 1: 1 hop, cost 1.00" in fresh
    assert "Path 1: 1 hop, cost 1.50" in aged
