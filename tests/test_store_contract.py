"""The store contract, written once and run against every backend in conftest.BACKENDS."""

from __future__ import annotations

import pytest
from conftest import org, person, small_world, snapshot

from graphkit.edits import delete_stakeholder
from graphkit.errors import GraphkitError, ValidationError
from graphkit.graph import GraphFilter
from graphkit.model import Node, Relationship
from graphkit.model.changeset import ChangeSet


def test_upsert_then_read_back_every_field(world_store):
    nodes, rels = small_world()
    assert snapshot(world_store) == (
        {n.id: (n.label, n.name, n.props) for n in nodes},
        {r.key: r.props for r in rels},
    )
    lucas = world_store.get_node("person-lucas")
    assert (lucas.label, lucas.name, lucas.props["title"]) == (
        "Person",
        "Lucas Pereira",
        "Adviser to the minister",
    )
    assert world_store.get_node("nobody") is None


def test_get_nodes_answers_a_batch_of_ids_leaving_out_those_not_stored(world_store):
    found = world_store.get_nodes(["person-lucas", "nobody", "country-br"])
    assert sorted(found) == ["country-br", "person-lucas"]
    assert found["country-br"].props == {"iso": "BR"}
    assert found["person-lucas"] == world_store.get_node("person-lucas")
    assert world_store.get_nodes([]) == {}


def test_counts_by_label_and_type(world_store):
    counts = world_store.counts()
    assert counts["nodes"] == {
        "Country": 3,
        "Event": 1,
        "Initiative": 1,
        "Organization": 2,
        "Person": 4,
        "PolicyArea": 2,
        "Region": 2,
    }
    assert counts["relationships"]["KNOWS"] == 2
    assert sum(counts["relationships"].values()) == len(small_world()[1])


def test_upsert_twice_changes_nothing(world_store):
    before = snapshot(world_store)
    world_store.upsert(*small_world())
    assert snapshot(world_store) == before


def test_upsert_replaces_properties_of_an_existing_id(world_store):
    world_store.upsert([person("person-amara", "Amara Diallo-Ba", title="Director")])
    amara = world_store.get_node("person-amara")
    assert amara.name == "Amara Diallo-Ba"
    assert amara.props == {"stakeholder_group": "library", "title": "Director"}
    world_store.upsert(relationships=[Relationship("KNOWS", "person-amara", "person-lucas", {"strength": 5})])
    rel = {r.key: r.props for r in world_store.relationships()}[("person-amara", "KNOWS", "person-lucas")]
    assert rel == {"strength": 5}
    assert world_store.counts()["relationships"]["KNOWS"] == 2


def test_text_is_kept_verbatim(store):
    odd = [
        person("p-emoji", "Nadia 📚 Haddad"),
        person("p-rtl", "نادية حداد"),
        person("p-cypher", '"}) DETACH DELETE n //', notes="'; DROP TABLE nodes; --"),
    ]
    store.upsert(odd)
    assert {n.id: (n.name, n.props) for n in store.nodes()} == {n.id: (n.name, n.props) for n in odd}


def test_one_invalid_row_names_row_and_field_and_writes_nothing(world_store):
    before = snapshot(world_store)
    batch = [person(f"p{i}", f"Person {i}") for i in range(10)]
    batch[7] = Node("p7", "Person", "Bad Group", {"stakeholder_group": "aliens"}, origin="people.csv row 9")
    with pytest.raises(ValidationError) as err:
        world_store.upsert(batch)
    [problem] = err.value.problems
    assert (problem.where, problem.field) == ("people.csv row 9", "stakeholder_group")
    assert "people.csv row 9: stakeholder_group: expected one of government" in str(err.value)
    assert snapshot(world_store) == before


def test_a_bad_relationship_rolls_back_the_nodes_of_the_same_call(world_store):
    world_store.batch_size = 3  # the failure comes several batches after the first write
    before = snapshot(world_store)
    nodes = [person(f"p{i}", f"Person {i}") for i in range(10)]
    rels = [Relationship("KNOWS", f"p{i}", f"p{i + 1}", {"strength": 3}) for i in range(9)]
    rels.append(Relationship("KNOWS", "p0", "ghost", {"strength": 3}))
    with pytest.raises(ValidationError, match="to: no node with id 'ghost'"):
        world_store.upsert(nodes, rels)
    assert snapshot(world_store) == before


@pytest.mark.parametrize(
    ("rel", "field", "message"),
    [
        (Relationship("KNOWS", "person-amara", "nobody"), "to", "no node with id 'nobody'"),
        (Relationship("WORKS_FOR", "person-amara", "person-lucas"), "to", "needs a Organization"),
        (Relationship("IN_REGION", "person-amara", "region-african"), "from", "needs a Country"),
        (Relationship("KNOWS", "person-amara", "person-lucas", {"strength": 6}), "strength", "1 to 5"),
    ],
)
def test_relationships_are_checked_against_stored_endpoints(world_store, rel, field, message):
    before = snapshot(world_store)
    with pytest.raises(ValidationError) as err:
        world_store.upsert(relationships=[rel])
    assert err.value.problems[0].field == field
    assert message in err.value.problems[0].message
    assert snapshot(world_store) == before


def test_an_id_cannot_change_label(world_store):
    with pytest.raises(ValidationError, match="already a Person"):
        world_store.upsert([org("person-amara", "Amara Ltd", "private_sector", "company")])
    assert world_store.get_node("person-amara").label == "Person"


def test_at_most_fifty_problems_are_listed(store):
    bad = [Node(f"p{i}", "Person", "", {"stakeholder_group": "library"}) for i in range(80)]
    with pytest.raises(ValidationError) as err:
        store.upsert(bad)
    assert len(err.value.problems) == 50
    assert err.value.truncated
    assert store.counts()["nodes"] == {}


def test_deleting_a_node_takes_its_relationships(world_store):
    touching = sum("person-lucas" in (r.source, r.target) for r in world_store.relationships())
    assert world_store.apply(delete_stakeholder(world_store, "person-lucas")).deleted == 1 + touching
    assert world_store.get_node("person-lucas") is None
    assert all("person-lucas" not in (r.source, r.target) for r in world_store.relationships())
    assert "KNOWS" not in world_store.counts()["relationships"]
    with pytest.raises(GraphkitError, match="no record with id 'person-lucas'"):
        delete_stakeholder(world_store, "person-lucas")


def test_delete_one_relationship(world_store):
    gone = ChangeSet(delete_relationships=[("person-amara", "KNOWS", "person-lucas")])
    assert world_store.apply(gone).deleted == 1
    assert world_store.apply(gone).deleted == 0
    assert world_store.counts()["relationships"]["KNOWS"] == 1
    assert world_store.get_node("person-lucas") is not None


def test_search_by_name_ignores_case_and_ranks_exact_and_prefix_first(world_store):
    world_store.upsert([person("p-lu", "Lu"), person("p-malu", "Malu Lucas")])
    assert [n.id for n in world_store.search("LU")][:2] == ["p-lu", "person-lucas"]
    assert [n.id for n in world_store.search("zoë")] == ["person-zoe"]
    assert [n.id for n in world_store.search("ZOË MÜLLER")] == ["person-zoe"]
    assert [n.id for n in world_store.search("ministry", labels=["Organization"])] == ["org-minicom-br"]
    assert world_store.search("ministry", labels=["Person"]) == []
    assert world_store.search("%") == []
    world_store.upsert(
        [
            Node(
                "org-icann",
                "Organization",
                "Internet Corporation for Assigned Names and Numbers",
                {
                    "stakeholder_group": "technical_community",
                    "org_type": "technical_body",
                    "acronym": "ICANN",
                },
            )
        ]
    )
    assert [n.id for n in world_store.search("icann")] == ["org-icann"]
    assert len(world_store.search("a", limit=2)) == 2


def test_neighbourhood_to_depth(world_store):
    one = world_store.neighbourhood("person-lucas", depth=1)
    assert set(one) == {
        "person-lucas",
        "person-amara",
        "person-ines",
        "org-minicom-br",
        "country-br",
        "pa-access",
        "event-igf-2013",
    }
    assert one.has_edge("person-amara", "person-lucas", key="KNOWS")
    assert one.edges["person-amara", "person-lucas", "KNOWS"]["strength"] == 4
    two = world_store.neighbourhood("person-lucas", depth=2)
    assert {"org-kla", "country-ar", "region-grulac", "pa-cir", "init-dc-pal"} <= set(two)
    assert "region-african" not in two
    assert set(world_store.neighbourhood("person-zoe", depth=3)) == {"person-zoe"}
    assert len(world_store.neighbourhood("nobody")) == 0


def test_export_whole_graph(world_store):
    G = world_store.export()
    nodes, rels = small_world()
    assert G.number_of_nodes() == len(nodes)
    assert G.number_of_edges() == len(rels)
    assert G.nodes["org-kla"] == {
        "label": "Organization",
        "name": "Kenya Library Association",
        "stakeholder_group": "library",
        "org_type": "library_association",
    }
    assert G.edges["person-amara", "person-lucas", "KNOWS"]["context"] == "met at IGF 2013 Bali"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (GraphFilter.of(labels=["Person"]), {"person-amara", "person-lucas", "person-zoe", "person-ines"}),
        (
            GraphFilter.of(labels=["Person", "Organization"], stakeholder_groups=["library"]),
            {"person-amara", "org-kla"},
        ),
        (
            GraphFilter.of(labels=["Person", "Organization", "Country", "Region"], regions=["region-grulac"]),
            {"person-lucas", "person-ines", "org-minicom-br", "country-br", "country-ar", "region-grulac"},
        ),
        (
            GraphFilter.of(labels=["Person", "Organization", "Country", "Region"], countries=["country-br"]),
            {"person-lucas", "org-minicom-br", "country-br", "region-grulac"},
        ),
        (
            GraphFilter.of(
                policy_areas=["pa-access"], labels=["Person", "PolicyArea", "Event", "Initiative"]
            ),
            {"person-amara", "person-lucas", "pa-access", "event-igf-2013", "init-dc-pal"},
        ),
        (
            GraphFilter.of(events=["event-igf-2013"], labels=["Person", "Organization", "Event"]),
            {"person-amara", "person-lucas", "event-igf-2013"},
        ),
    ],
)
def test_filtered_export_keeps_only_what_the_filter_allows(world_store, where, expected):
    G = world_store.export(where)
    assert set(G) == expected
    for u, v, _k in G.edges(keys=True):
        assert u in expected and v in expected
    # every relationship between kept nodes is still there
    full = world_store.export()
    assert G.number_of_edges() == full.subgraph(expected).number_of_edges()


def test_filters_combine_and_leave_other_labels_alone(world_store):
    G = world_store.export(GraphFilter.of(stakeholder_groups=["government"]))
    assert {n for n, d in G.nodes(data=True) if d["label"] in ("Person", "Organization")} == {
        "person-lucas",
        "org-minicom-br",
    }
    assert {"country-ke", "pa-cir", "event-igf-2013"} <= set(G)


def test_within_one_call_the_later_version_of_a_record_wins(store):
    store.batch_size = 4
    people = [person(f"p{i}", f"Person {i}") for i in range(6)]
    knows = [Relationship("KNOWS", f"p{i}", f"p{i + 1}", {"strength": 1}) for i in range(5)]
    store.upsert(
        [*people, person("p2", "Second Version", title="Later")],
        [*knows, Relationship("KNOWS", "p0", "p1", {"strength": 5})],
    )
    assert store.get_node("p2").props == {"stakeholder_group": "library", "title": "Later"}
    assert {r.key: r.props for r in store.relationships()}[("p0", "KNOWS", "p1")] == {"strength": 5}
    assert store.counts()["nodes"] == {"Person": 6}


def test_one_id_given_two_labels_in_one_batch_is_refused(store):
    with pytest.raises(ValidationError, match="'x' is already a Person"):
        store.upsert([person("x", "X"), org("x", "X org", "library", "library")])
    assert store.get_node("x") is None
