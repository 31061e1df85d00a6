"""Validation rejects each kind of bad value, and says which field and what was expected."""

from __future__ import annotations

import pytest
from conftest import person

from graphkit.model import (
    NODE_LABELS,
    RELATIONSHIP_TYPES,
    Field,
    Node,
    Relationship,
    endpoint_problems,
    node_problems,
    relationship_problems,
)


def fields(problems) -> list[str]:
    return [p.field for p in problems]


def test_a_valid_node_and_relationship_have_no_problems():
    assert node_problems(person("person-amara", "Amara Diallo", title="Adviser")) == []
    rel = Relationship(
        "KNOWS", "a", "b", {"strength": 5, "last_contact": "2013-10-24", "sensitivity": "private"}
    )
    assert relationship_problems(rel) == []


@pytest.mark.parametrize(
    ("node", "field", "message"),
    [
        (Node("x", "Spaceship", "Enterprise"), "label", "unknown label 'Spaceship'"),
        (Node("", "Person", "No Id", {"stakeholder_group": "library"}), "id", "required"),
        (Node("has space", "Person", "A", {"stakeholder_group": "library"}), "id", "expected an id"),
        (Node("p1", "Person", "  ", {"stakeholder_group": "library"}), "name", "non-empty name"),
        (Node("p1", "Person", "A"), "stakeholder_group", "required"),
        (
            Node("p1", "Person", "A", {"stakeholder_group": "pirates"}),
            "stakeholder_group",
            "one of government",
        ),
        (Node("p1", "Person", "A", {"stakeholder_group": "library", "shoe": 9}), "shoe", "unknown field"),
        (Node("c1", "Country", "Kenya", {"iso": "Kenya"}), "iso", "two-letter ISO"),
        (Node("e1", "Event", "IGF", {"kind": "igf", "date": "31/02/2013"}), "date", "ISO date"),
        (Node("e1", "Event", "IGF", {"kind": "igf", "date": "2013-02-31"}), "date", "ISO date"),
        (Node("e1", "Event", "IGF", {"kind": "party", "date": "2013-02-01"}), "kind", "one of igf"),
        (
            Node("p1", "Person", "A", {"stakeholder_group": "library", "sensitivity": "secret"}),
            "sensitivity",
            "public, internal, private",
        ),
    ],
)
def test_bad_nodes(node, field, message):
    problems = node_problems(node)
    assert field in fields(problems)
    assert message in next(p.message for p in problems if p.field == field)


@pytest.mark.parametrize(
    ("rel", "field", "message"),
    [
        (Relationship("LIKES", "a", "b"), "type", "unknown relationship type 'LIKES'"),
        (Relationship("KNOWS", "", "b"), "from", "required"),
        (Relationship("KNOWS", "a", "b", {"strength": 0}), "strength", "a whole number from 1 to 5, got 0"),
        (Relationship("KNOWS", "a", "b", {"strength": 6}), "strength", "got 6"),
        (Relationship("KNOWS", "a", "b", {"strength": "high"}), "strength", "got 'high'"),
        (Relationship("KNOWS", "a", "b", {"strength": True}), "strength", "got True"),
        (Relationship("KNOWS", "a", "b", {"last_contact": "2013-13-01"}), "last_contact", "ISO date"),
        (Relationship("KNOWS", "a", "a"), "to", "to itself"),
        (Relationship("ENGAGES_ON", "a", "pa", {"stance": "hostile"}), "stance", "champion, supportive"),
        (Relationship("ENGAGES_ON", "a", "pa", {"influence": 9}), "influence", "1 to 5"),
        (Relationship("ATTENDS", "a", "e", {"role": "heckler"}), "role", "speaker"),
    ],
)
def test_bad_relationships(rel, field, message):
    problems = relationship_problems(rel)
    assert field in fields(problems)
    assert message in next(p.message for p in problems if p.field == field)


def test_endpoints_must_exist_and_have_the_right_labels():
    rel = Relationship("WORKS_FOR", "p1", "o1")
    assert endpoint_problems(rel, "Person", "Organization") == []
    assert fields(endpoint_problems(rel, None, "Organization")) == ["from"]
    [wrong] = endpoint_problems(rel, "Person", "Event")
    assert wrong.field == "to"
    assert "WORKS_FOR needs a Organization here, but 'o1' is a Event" in wrong.message
    member = Relationship("MEMBER_OF", "o2", "i1")
    assert endpoint_problems(member, "Organization", "Initiative") == []
    assert fields(endpoint_problems(member, "Country", "Initiative")) == ["from"]


def test_the_schema_is_closed_and_complete():
    assert set(NODE_LABELS) == {
        "Person",
        "Organization",
        "Country",
        "Region",
        "PolicyArea",
        "Event",
        "Initiative",
        "Interaction",
        "View",
        "FieldDef",
    }
    assert set(RELATIONSHIP_TYPES) == {
        "WORKS_FOR",
        "KNOWS",
        "MEMBER_OF",
        "PARTNERS_WITH",
        "ENGAGES_ON",
        "ATTENDS",
        "COVERS",
        "BASED_IN",
        "IN_REGION",
        "FUNDS",
        "RELATES_TO",
        "PARTICIPATED_IN",
        "DISCUSSED",
        "HELD_AT",
        "LAUNCHED_AT",
    }
    for t in RELATIONSHIP_TYPES.values():
        assert set(t.sources) <= set(NODE_LABELS)
        assert set(t.targets) <= set(NODE_LABELS)


@pytest.mark.parametrize(
    "kind", ["text", "int", "date", "choice", "iso_country", "email", "number", "list", "yes_no"]
)
def test_a_fields_parser_reads_every_cell_as_parse_does(kind):
    spec = Field("f", kind, choices=("a", "b"), low=0, high=5)
    parse = spec.parser()
    for text in ["3", " 3 ", "2.5", "x", " yes", "No ", "a; b", '["a;b"]', "2024-02-30", " BR ", "", "  "]:
        assert (parse(text) if parse else text) == spec.parse(text), (kind, text)


def test_an_id_ending_in_a_line_break_is_refused():
    rel = Relationship("KNOWS", "person-a\n", "person-b")
    assert "from" in fields(relationship_problems(rel))
