"""Event planning: who attends, who introduces whom at the event, and the allies to meet on the
coalition's gaps; on a small hand-built world, on the seed, through the command and on the app page."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner
from conftest import open_app, org, person

from graphkit.analysis.events import event_plan, events_by_date
from graphkit.app.events import meetings_csv
from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.model import Node, Relationship
from graphkit.store import open_store
from graphkit.store.base import to_networkx

SUMMIT = "event-summit"
PAGE = "graphkit/app/events.py"


def knows(a: str, b: str, strength: int) -> Relationship:
    # No last contact: every tie counts as 3 years old, so costs do not change with today's date.
    # Strength 5 costs 1.5, strength 4 costs 2.0, strength 1 costs 3.5.
    return Relationship("KNOWS", a, b, {"strength": strength})


def engages(who: str, area: str, stance: str) -> Relationship:
    return Relationship("ENGAGES_ON", who, area, {"stance": stance})


def world() -> tuple[list[Node], list[Relationship]]:
    """A coalition of three (Ana and Ben attend the summit), five officials at the summit, and
    go-betweens: Kit and Lea attend, Nat does not, Opal attends but opposes everything."""
    nodes = [
        Node("init-dc", "Initiative", "DC Test", {"kind": "dynamic_coalition"}),
        Node(
            "org-kla",
            "Organization",
            "Kenya Library Association",
            {"acronym": "KLA", "stakeholder_group": "library", "org_type": "library_association"},
        ),
        org("org-who", "World Health Organization", "intergovernmental", "un_agency"),
        person("person-ana", "Ana Ortiz"),
        person("person-ben", "Ben Mwangi"),
        person("person-cleo", "Cleo Diaz"),
        person("person-olu", "Olu Adeyemi", "government"),
        person("person-gia", "Gia Tran", "government"),
        person("person-ivo", "Ivo Petrov", "intergovernmental"),
        person("person-hal", "Hal Berg", "government"),
        person("person-zed", "Zed Kamau", "government"),
        person("person-kit", "Kit Banda", "civil_society"),
        person("person-lea", "Lea Novak", "technical_community"),
        person("person-nat", "Nat Okafor", "civil_society"),
        person("person-opal", "Opal Reyes", "private_sector"),
        person("person-sam", "Sam Lee", "technical_community"),
        Node("pa-access", "PolicyArea", "Access and Diversity", {"kind": "igf_theme"}),
        Node("pa-cir", "PolicyArea", "Critical Internet Resources", {"kind": "igf_theme"}),
        Node("pa-youth", "PolicyArea", "Youth", {"kind": "igf_theme"}),
        Node("pa-health", "PolicyArea", "Health", {"kind": "policy_domain"}),
        Node(SUMMIT, "Event", "Library Summit 2030", {"kind": "conference", "date": "2030-06-01"}),
        Node("event-forum", "Event", "Policy Forum 2020", {"kind": "conference", "date": "2020-03-01"}),
        Node("event-soon", "Event", "Regional IGF 2026", {"kind": "regional_igf", "date": "2026-05-01"}),
    ]
    at_summit = [
        "person-ana",
        "person-ben",
        "person-olu",
        "person-gia",
        "person-ivo",
        "person-hal",
        "person-zed",
        "person-kit",
        "person-lea",
        "person-opal",
        "person-sam",
        "org-who",
    ]
    rels = [
        *(Relationship("MEMBER_OF", p, "init-dc") for p in ("person-ana", "person-ben", "person-cleo")),
        Relationship("WORKS_FOR", "person-ana", "org-kla"),
        *(Relationship("ATTENDS", a, SUMMIT) for a in at_summit),
        Relationship("ATTENDS", "person-olu", "event-forum"),
        Relationship("ATTENDS", "person-kit", "event-forum"),
        knows("person-ana", "person-olu", 5),  # direct, 1.5
        knows("person-ana", "person-kit", 5),  # Kit introduces Ana to Gia: 1.5 + 1.5
        knows("person-kit", "person-gia", 5),
        knows("person-ben", "person-gia", 1),  # Ben meets Gia directly: 3.5, dearer
        knows("person-kit", "person-lea", 4),  # Kit, then Lea, to Ivo: 3 hops, 1.5 + 2 + 2
        knows("person-lea", "person-ivo", 4),
        knows("person-ana", "person-nat", 5),  # Nat is not at the summit: no way to Hal there
        knows("person-nat", "person-hal", 5),
        knows("person-ana", "person-opal", 5),  # Opal introduces nobody: opposed everywhere
        knows("person-opal", "person-zed", 5),
        *(engages(p, "pa-access", "champion") for p in ("person-ana", "person-ben", "person-cleo")),
        engages("person-ben", "pa-youth", "supportive"),
        engages("person-kit", "pa-youth", "champion"),
        engages("person-lea", "pa-cir", "supportive"),
        engages("person-olu", "pa-cir", "champion"),
        engages("person-nat", "pa-cir", "supportive"),
        engages("person-sam", "pa-cir", "neutral"),
        engages("org-who", "pa-health", "supportive"),
        engages("person-opal", "pa-access", "opposed"),
        *(Relationship("COVERS", SUMMIT, pa) for pa in ("pa-access", "pa-cir", "pa-youth", "pa-health")),
    ]
    return nodes, rels


@pytest.fixture(scope="module")
def G():
    return to_networkx(*world())


def meetings(plan) -> list[tuple[str, str, float | None, str]]:
    return [(m.kind, m.whom, m.cost, m.text) for m in plan.meetings]


# -- the plan, on the hand-built world --------------------------------------------------------


def test_who_attends(G):
    plan = event_plan(G, SUMMIT)
    assert plan.coalition == ("person-ana", "person-ben", "person-cleo")
    assert plan.members_attending == ("person-ana", "person-ben")
    assert plan.officials_attending == ("person-gia", "person-hal", "person-ivo", "person-olu", "person-zed")
    assert len(plan.attendees) == 12


def test_direct_meetings_and_introductions_cheapest_first_each_official_once(G):
    plan = event_plan(G, SUMMIT)
    introductions = [m for m in meetings(plan) if m[0] != "ally"]
    assert introductions == [
        ("direct", "person-olu", 1.5, "Ana Ortiz (KLA) meets Olu Adeyemi: they know each other."),
        ("introduction", "person-gia", 3.0, "Kit Banda introduces Ana Ortiz (KLA) to Gia Tran."),
    ]
    gia = plan.meetings[1]
    assert (gia.member, gia.introducers) == ("person-ana", ("person-kit",))
    assert [(h.source, h.target, h.relationship, h.cost) for h in gia.hops] == [
        ("person-ana", "person-kit", "KNOWS", 1.5),
        ("person-kit", "person-gia", "KNOWS", 1.5),
    ]
    assert gia.hops[0].explanation == "Ana Ortiz (KLA) knows Kit Banda very well: strength 5, no contact date"


def test_officials_reachable_only_through_absent_or_opposed_people_are_not_proposed(G):
    plan = event_plan(G, SUMMIT)
    # Hal only through Nat, who is not there; Zed only through Opal, who introduces nobody; Ivo is 3 hops.
    assert plan.out_of_reach == ("person-hal", "person-ivo", "person-zed")


def test_a_longer_chain_within_max_hops(G):
    plan = event_plan(G, SUMMIT, max_hops=3)
    assert [(m.whom, m.cost) for m in plan.meetings if m.kind != "ally"] == [
        ("person-olu", 1.5),
        ("person-gia", 3.0),
        ("person-ivo", 5.5),
    ]
    ivo = plan.meetings[2]
    assert ivo.introducers == ("person-kit", "person-lea")
    assert ivo.text == (
        "Kit Banda introduces Ana Ortiz (KLA) to Lea Novak, then Lea Novak introduces Ana Ortiz to Ivo Petrov."
    )
    assert plan.out_of_reach == ("person-hal", "person-zed")


def test_one_hop_means_only_people_the_members_know(G):
    plan = event_plan(G, SUMMIT, max_hops=1)
    assert [m for m in meetings(plan) if m[0] != "ally"] == [
        ("direct", "person-olu", 1.5, "Ana Ortiz (KLA) meets Olu Adeyemi: they know each other."),
        ("direct", "person-gia", 3.5, "Ben Mwangi meets Gia Tran: they know each other."),
    ]


def test_gap_areas_and_the_attending_allies_who_could_fill_them(G):
    plan = event_plan(G, SUMMIT)
    assert [(a.policy_area, a.status, a.coalition_allies, a.attending_allies) for a in plan.areas] == [
        ("pa-access", "covered", 3, ()),
        ("pa-cir", "gap", 0, ("person-lea", "person-olu")),
        ("pa-health", "gap", 0, ("org-who",)),
        ("pa-youth", "weak", 1, ("person-kit",)),
    ]
    assert [a.policy_area for a in plan.gaps] == ["pa-cir", "pa-health", "pa-youth"]
    # Olu is an ally on CIR too, but already has a meeting: once is enough.
    assert [m for m in meetings(plan) if m[0] == "ally"] == [
        (
            "ally",
            "person-lea",
            None,
            "Meet Lea Novak, an ally on Critical Internet Resources, where the coalition has none.",
        ),
        (
            "ally",
            "org-who",
            None,
            "Meet World Health Organization, an ally on Health, where the coalition has none.",
        ),
        ("ally", "person-kit", None, "Meet Kit Banda, an ally on Youth, where the coalition has few."),
    ]
    assert plan.summary == (
        "2 coalition members and 5 officials attend Library Summit 2030; 2 meetings with officials "
        "within 2 hops. Areas it covers where the coalition has no or few allies: "
        "Critical Internet Resources (none); Health (none); Youth (few)."
    )


def test_an_event_no_coalition_member_attends_says_so(G):
    plan = event_plan(G, "event-forum")
    assert plan.members_attending == ()
    assert plan.officials_attending == ("person-olu",)
    assert plan.meetings == ()
    assert plan.out_of_reach == ("person-olu",)
    assert plan.summary == "No member of DC Test attends Policy Forum 2020: no introduction can happen there."


def test_the_coalition_can_be_chosen_people(G):
    plan = event_plan(G, SUMMIT, coalition=["person-ben"])
    assert plan.members_attending == ("person-ben",)
    assert [(m.whom, m.text) for m in plan.meetings if m.kind != "ally"] == [
        ("person-gia", "Ben Mwangi meets Gia Tran: they know each other."),
    ]
    # Ana is no longer in the coalition: only Ben is an ally on access, so it is weak.
    assert plan.areas[0].status == "weak"
    assert plan.areas[0].attending_allies == ("person-ana",)


def test_only_an_event_can_be_planned(G):
    with pytest.raises(GraphkitError, match="no Event with id 'person-ana'"):
        event_plan(G, "person-ana")


def test_events_upcoming_first_soonest_first_then_past_latest_first(G):
    assert events_by_date(G, today=date(2025, 1, 1)) == ["event-soon", SUMMIT, "event-forum"]
    assert events_by_date(G, today=date(2027, 1, 1)) == [SUMMIT, "event-soon", "event-forum"]


def test_the_meetings_download_as_csv_one_row_per_meeting(G):
    rows = list(csv.reader(io.StringIO(meetings_csv(G, event_plan(G, SUMMIT)).decode("utf-8-sig"))))
    assert rows[0] == ["meeting", "kind", "whom", "member", "introduced by", "warmth", "suggestion", "hops"]
    assert rows[2][:6] == [
        "2",
        "introduction",
        "Gia Tran",
        "Ana Ortiz",
        "Kit Banda",
        "2 hops, all to check first",
    ]
    assert rows[2][7].endswith("strength 5, no contact date (check first: no contact date)")
    assert len(rows) == 1 + 5


# -- the command ------------------------------------------------------------------------------


@pytest.fixture
def world_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with open_store(url) as s:
        s.upsert(*world())
    return url


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_plan_prints_the_meetings_with_their_hops(world_url):
    code, out = run("plan", "Summit", "--store", world_url)
    assert code == 0, out
    assert "  1. Ana Ortiz (KLA) meets Olu Adeyemi: they know each other. (1 hop, to check first)\n" in out
    assert "  2. Kit Banda introduces Ana Ortiz (KLA) to Gia Tran. (2 hops, all to check first)\n" in out
    assert (
        "       - Kit Banda knows Gia Tran very well: strength 5, no contact date (check first: no contact date)\n"
        in out
    )
    assert (
        "Officials attending whom no chain of attendees reaches:\n  Hal Berg; Ivo Petrov; Zed Kamau\n" in out
    )
    assert "  GAP   Critical Internet Resources: 0; Lea Novak, Olu Adeyemi\n" in out
    code, out = run("plan", "Summit", "--max-hops", "3", "--coalition", "DC Test", "--store", world_url)
    assert "Lea Novak introduces Ana Ortiz to Ivo Petrov. (3 hops, all to check first)" in out


def test_plan_json_parses(world_url):
    code, out = run("plan", SUMMIT, "--json", "--store", world_url)
    assert code == 0, out
    data = json.loads(out)
    assert data["members_attending"] == ["person-ana", "person-ben"]
    assert [m["whom"] for m in data["meetings"]] == [
        "person-olu",
        "person-gia",
        "person-lea",
        "org-who",
        "person-kit",
    ]
    assert data["meetings"][1]["hops"][1]["target"] == "person-gia"
    assert data["names"]["pa-cir"] == "Critical Internet Resources"


def test_plan_refuses_what_is_not_an_event_in_one_line(world_url):
    code, out = run("plan", "Ana Ortiz", "--store", world_url)
    assert code == 1
    assert out == "Error: no Event called 'Ana Ortiz'; search with part of a name, or give an id\n"


# -- the seed ---------------------------------------------------------------------------------

IGF_2027 = "event-igf-2027"
NJERI, JABARI, WAMBUI = "person-njeri-chebet", "person-jabari-kariuki", "person-wambui-gichuru"
SEED_GAPS = ["pa-igf-emerging-issues", "pa-igf-critical-internet-resources"]  # by name


@pytest.fixture(scope="module")
def seed(seed_url):
    with open_store(seed_url) as s:
        return s.export()


def test_on_the_seed_jabari_introduces_njeri_to_wambui_at_igf_2027(seed):
    # By hand: all three attend, Njeri and Jabari know each other, Jabari and Wambui too, Njeri
    # and Wambui do not; Njeri is in the coalition and Wambui is an official.
    for p in (NJERI, JABARI, WAMBUI):
        assert seed.has_edge(p, IGF_2027, "ATTENDS")
    tied = {frozenset((u, v)) for u, v, k in seed.edges(keys=True) if k == "KNOWS"}
    assert {frozenset((NJERI, JABARI)), frozenset((JABARI, WAMBUI))} <= tied
    assert frozenset((NJERI, WAMBUI)) not in tied
    assert seed.has_edge(NJERI, "init-dc-pal", "MEMBER_OF")
    assert seed.nodes[WAMBUI]["stakeholder_group"] == "government"

    plan = event_plan(seed, IGF_2027)
    (wambui,) = [m for m in plan.meetings if m.whom == WAMBUI]
    assert (wambui.kind, wambui.member, wambui.introducers) == ("introduction", NJERI, (JABARI,))
    assert wambui.text.startswith(
        "Jabari Kariuki (KICTANet, Kenya) introduces Njeri Chebet (KLA, Kenya) to Wambui Gichuru ("
    )
    assert [a.policy_area for a in plan.gaps] == SEED_GAPS
    assert all(a.status == "gap" and a.coalition_allies == 0 for a in plan.gaps)


def test_plan_igf_2027_on_the_seed_prints_the_introduction(seed_url):
    code, out = run("plan", "IGF 2027", "--store", seed_url)
    assert code == 0, out
    assert "Jabari Kariuki (KICTANet, Kenya) introduces Njeri Chebet (KLA, Kenya) to Wambui Gichuru" in out
    assert "  GAP   Managing Critical Internet Resources: 0;" in out
    code, out = run("plan", "IGF 2027", "--json", "--store", seed_url)
    assert code == 0, out
    assert [a["policy_area"] for a in json.loads(out)["areas"] if a["status"] == "gap"] == SEED_GAPS


# -- the app page -----------------------------------------------------------------------------


def test_the_events_page_shows_the_suggested_introduction_at_igf_2027(seed_url, monkeypatch):
    at = open_app(seed_url, monkeypatch, PAGE, timeout=60)
    at.selectbox(key="events_event").set_value(IGF_2027).run()
    assert not at.exception
    texts = "\n".join(m.value for m in at.markdown)
    assert (
        "Jabari Kariuki (KICTANet, Kenya) introduces Njeri Chebet (KLA, Kenya) to Wambui Gichuru (" in texts
    )
    # Each meeting says how warm its chain is in words, never an internal cost.
    assert re.search(
        r"to Wambui Gichuru \(MICDE, Kenya\)\. · 2 hops, (all warm|check hop \d first|all to check first)",
        texts,
    )
    assert "cost" not in texts
    areas = at.dataframe[0].value
    gaps = list(areas.loc[areas["coalition"] == "gap: no ally", "policy area"])
    assert gaps == ["Emerging Issues", "Managing Critical Internet Resources"]
    assert at.get("download_button")


def test_the_events_page_on_an_empty_store_says_how_to_load_the_seed(tmp_path, monkeypatch):
    at = open_app(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch, PAGE)
    assert "graphkit seed" in at.warning[0].value
