"""Importing files: the added/changed/unchanged report, merging by id, and bad files that change nothing."""

from __future__ import annotations

import pytest
from conftest import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import GraphkitError, ValidationError
from graphkit.io import open_source
from graphkit.io.importer import import_sources


def write(path, text: str, encoding: str = "utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def run(store, *paths, dry_run=False):
    return import_sources(store, [open_source(p, store) for p in paths], dry_run=dry_run)


def refused(store, *paths) -> ValidationError:
    """Import, expecting a refusal; check that the store is exactly as it was."""
    before, counts = snapshot(store), store.counts()
    with pytest.raises(ValidationError) as caught:
        run(store, *paths)
    assert snapshot(store) == before
    assert store.counts() == counts
    return caught.value


def messages(error: ValidationError) -> list[str]:
    return [str(p) for p in error.problems]


# -- the report ---------------------------------------------------------------------------------


def test_import_reports_what_it_adds_changes_and_leaves_alone(world_store, tmp_path):
    people = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,title,stakeholder_group\n"
        "person-amara,Amara Diallo,Programme manager,library\n"  # as stored: unchanged
        "person-lucas,Lucas Pereira,Chief of staff,government\n"  # new title: changed
        "person-nia,Nia Okafor,,academia\n",  # new
    )
    knows = write(
        tmp_path / "relationships" / "KNOWS.csv",
        "from,to,strength\nperson-lucas,person-ines,3\nperson-nia,person-amara,2\n",
    )
    report = run(world_store, people, knows)
    assert report.rows() == [
        ("nodes", "Person", 1, 1, 1),
        ("relationships", "KNOWS", 1, 1, 0),
    ]
    assert world_store.get_node("person-lucas").props["title"] == "Chief of staff"
    assert world_store.counts()["nodes"]["Person"] == 5  # merged by id, not duplicated
    assert "Person" in report.table() and "KNOWS" in report.table()


def test_a_dry_run_reports_the_same_and_writes_nothing(world_store, tmp_path):
    people = write(
        tmp_path / "nodes" / "Person.csv", "id,name,stakeholder_group\nperson-nia,Nia Okafor,academia\n"
    )
    before = snapshot(world_store)
    report = run(world_store, people, dry_run=True)
    assert report.dry_run and report.rows() == [("nodes", "Person", 1, 0, 0)]
    assert snapshot(world_store) == before
    assert run(world_store, people).rows() == report.rows()


def test_importing_the_same_file_twice_changes_nothing_the_second_time(store, tmp_path):
    people = write(
        tmp_path / "nodes" / "Person.csv", "id,name,stakeholder_group\nperson-nia,Nia Okafor,academia\n"
    )
    run(store, people)
    assert run(store, people).rows() == [("nodes", "Person", 0, 0, 1)]


def test_a_header_only_file_is_refused_saying_it_holds_no_rows(world_store, tmp_path):
    path = write(tmp_path / "nodes" / "Person.csv", "id,name,stakeholder_group\n")
    before = snapshot(world_store)
    with pytest.raises(ValidationError, match=r"Person.csv: rows: no records to import"):
        run(world_store, path)
    assert snapshot(world_store) == before


def test_relationships_may_point_at_nodes_in_another_file_of_the_same_import(store, tmp_path):
    countries = write(tmp_path / "nodes" / "Country.csv", "id,name,iso\ncountry-gh,Ghana,GH\n")
    people = write(
        tmp_path / "nodes" / "Person.csv", "id,name,stakeholder_group\nperson-kofi,Kofi Mensah,library\n"
    )
    based = write(tmp_path / "relationships" / "BASED_IN.csv", "from,to\nperson-kofi,country-gh\n")
    assert run(store, based, people, countries).total("added") == 3


def test_layout_files_saved_by_excel_with_semicolons_and_a_bom_import(store, tmp_path):
    path = tmp_path / "nodes" / "Person.csv"
    path.parent.mkdir()
    path.write_bytes(
        "id;name;stakeholder_group;notes\nperson-nia;Nia Okafor;academia;a, b\n".encode("utf-8-sig")
    )
    commas = write(
        tmp_path / "more" / "Person.csv", "id,name,stakeholder_group,notes\nperson-zoe,Zoë,library,a; b; c\n"
    )
    run(store, path, commas)
    assert store.get_node("person-nia").props == {"stakeholder_group": "academia", "notes": "a, b"}
    assert store.get_node("person-zoe").props == {"stakeholder_group": "library", "notes": "a; b; c"}


# -- bad files: a clear error naming file, row and field; nothing written --------------------------


def test_an_empty_file_is_refused(world_store, tmp_path):
    path = write(tmp_path / "nodes" / "Person.csv", "")
    assert messages(refused(world_store, path)) == [f"{path} row 1: header: empty file; expected id,name,..."]


def test_a_missing_required_column_is_named(world_store, tmp_path):
    path = write(tmp_path / "nodes" / "Person.csv", "id,name\nperson-nia,Nia Okafor\n")
    assert messages(refused(world_store, path)) == [
        f"{path} row 1: stakeholder_group: missing column (the field is required)"
    ]


def test_an_unknown_label_or_relationship_type_is_named(world_store, tmp_path):
    people = write(tmp_path / "nodes" / "Persons.csv", "id,name\nperson-nia,Nia\n")
    assert (
        "unknown label 'Persons'; allowed: Person, Organization" in messages(refused(world_store, people))[0]
    )
    likes = write(tmp_path / "relationships" / "LIKES.csv", "from,to\nperson-amara,person-lucas\n")
    assert "unknown relationship type 'LIKES'" in messages(refused(world_store, likes))[0]


def test_a_duplicate_id_with_other_values_in_one_file_names_both_rows(world_store, tmp_path):
    path = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group\nperson-nia,Nia Okafor,academia\nperson-nia,Nia Okafor,library\n",
    )
    assert messages(refused(world_store, path)) == [
        f"{path} row 3: id: 'person-nia' appears again with other values (first at {path} row 2)"
    ]


def test_a_repeated_row_with_the_same_values_is_imported_once(store, tmp_path):
    path = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group\nperson-nia,Nia Okafor,academia\nperson-nia,Nia Okafor,academia\n",
    )
    assert run(store, path).rows() == [("nodes", "Person", 1, 0, 0)]


def test_a_relationship_to_an_id_that_exists_nowhere_is_refused(world_store, tmp_path):
    path = write(tmp_path / "relationships" / "KNOWS.csv", "from,to\nperson-amara,person-nobody\n")
    assert messages(refused(world_store, path)) == [f"{path} row 2: to: no node with id 'person-nobody'"]


def test_bad_strengths_and_impossible_dates_are_each_named(world_store, tmp_path):
    path = write(
        tmp_path / "relationships" / "KNOWS.csv",
        "from,to,strength,last_contact\n"
        "person-amara,person-lucas,high,2013-10-24\n"
        "person-lucas,person-ines,9,\n"
        "person-amara,person-zoe,3,31/02/2013\n",
    )
    assert messages(refused(world_store, path)) == [
        f"{path} row 2: strength: expected a whole number from 1 to 5, got 'high'",
        f"{path} row 3: strength: expected a whole number from 1 to 5, got 9",
        f"{path} row 4: last_contact: expected an ISO date YYYY-MM-DD, got '31/02/2013'",
    ]


def test_one_bad_file_among_good_ones_writes_nothing(world_store, tmp_path):
    good = write(
        tmp_path / "nodes" / "Person.csv", "id,name,stakeholder_group\nperson-nia,Nia Okafor,academia\n"
    )
    bad = write(tmp_path / "relationships" / "KNOWS.csv", "from,to,strength\nperson-nia,person-amara,high\n")
    refused(world_store, good, bad)
    assert world_store.get_node("person-nia") is None


def test_a_latin_1_file_says_to_save_as_utf_8(world_store, tmp_path):
    path = write(
        tmp_path / "nodes" / "Person.csv",
        "id,name,stakeholder_group\nperson-zoe,Zoë Müller,library\n",
        "latin-1",
    )
    (problem,) = refused(world_store, path).problems
    assert problem.field == "encoding" and "CSV UTF-8" in problem.message


def test_at_most_50_problems_are_listed(world_store, tmp_path):
    rows = "".join(f"person-amara,person-lucas,{i + 6}\n" for i in range(80))
    path = write(tmp_path / "relationships" / "KNOWS.csv", "from,to,strength\n" + rows)
    error = refused(world_store, path)
    assert len(error.problems) == 50 and error.truncated


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <key id="name" for="node" attr.name="name" attr.type="string"/>
 <graph edgedefault="directed"><node id="person-lol"><data key="name">&lol9;</data></node></graph>
</graphml>
"""


@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_an_xml_entity_expansion_attack_is_refused(world_store, tmp_path, suffix):
    path = write(tmp_path / f"lol.{suffix}", BILLION_LAUGHS)
    assert messages(refused(world_store, path)) == [
        f"{path}: xml: refused: the file declares a DTD or entities (DTDForbidden)"
    ]


def test_xml_that_is_not_well_formed_names_line_and_column(world_store, tmp_path):
    path = write(
        tmp_path / "g.graphml",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph>\n</graphml>\n',
    )
    assert messages(refused(world_store, path)) == [
        f"{path} line 3 column 2: xml: not well-formed XML: mismatched tag"
    ]


def test_graphml_errors_name_the_element_and_field(world_store, tmp_path):
    path = write(
        tmp_path / "g.graphml",
        """<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <key id="label" for="node" attr.name="label" attr.type="string"/>
 <key id="name" for="node" attr.name="name" attr.type="string"/>
 <key id="type" for="edge" attr.name="type" attr.type="string"/>
 <key id="strength" for="edge" attr.name="strength" attr.type="string"/>
 <graph edgedefault="directed">
  <node id="person-nia"><data key="label">Persn</data><data key="name">Nia</data></node>
  <edge source="person-amara" target="person-lucas"><data key="type">KNOWS</data><data key="strength">high</data></edge>
 </graph>
</graphml>
""",
    )
    assert messages(refused(world_store, path)) == [
        f"{path} <node id='person-nia'>: label: unknown label 'Persn'; allowed: "
        "Person, Organization, Country, Region, PolicyArea, Event, Initiative, Interaction, View, FieldDef",
        f"{path} <edge source='person-amara' target='person-lucas'>: strength: "
        "expected a whole number from 1 to 5, got 'high'",
    ]


def test_json_errors_name_the_json_path(world_store, tmp_path):
    path = write(
        tmp_path / "g.json",
        '{"nodes": [{"id": "person-nia", "label": "Person", "name": "Nia", "stakeholder_group": "library"}],'
        ' "edges": [{"from": "person-nia", "to": "person-amara", "type": "KNOWS", "strength": 9}]}',
    )
    assert messages(refused(world_store, path)) == [
        f"{path} $.edges[0]: strength: expected a whole number from 1 to 5, got 9"
    ]
    broken = write(tmp_path / "broken.json", '{"nodes": [}')
    assert messages(refused(world_store, broken)) == [
        f"{broken} line 1 column 12: json: not valid JSON: Expecting value"
    ]


def test_an_unknown_kind_of_file_is_named(world_store, tmp_path):
    path = write(tmp_path / "people.xlsx", "PK")
    assert "unknown kind of file" in messages(refused(world_store, path))[0]


# -- random malformed rows ------------------------------------------------------------------------

CELLS = st.sampled_from(
    [
        "person-amara",
        "person-lucas",
        "person-nobody",
        "",
        "3",
        "9",
        "high",
        "2013-10-24",
        "31/02/2013",
        "é",
        '"',
        "a,b",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=5), max_size=6), header=st.booleans())
def test_random_rows_import_fully_or_raise_our_error_and_write_nothing(world_store, tmp_path, rows, header):
    lines = (["from,to,strength,last_contact"] if header else []) + [",".join(r) for r in rows]
    path = write(tmp_path / "relationships" / "KNOWS.csv", "\n".join(lines) + "\n")
    before = snapshot(world_store)
    try:
        report = run(world_store, path)
    except GraphkitError:
        assert snapshot(world_store) == before
        return
    after = snapshot(world_store)
    # Success: the nodes are untouched and every relationship of the file is stored as the file says.
    in_file = {r.key: r.props for r in open_source(path, world_store).relationships()}
    assert after[0] == before[0]
    assert after[1] == {**before[1], **in_file}
    assert report.total("added") == len(after[1]) - len(before[1])


CONTACT_CELLS = st.sampled_from(
    ["Nia Okafor", "", "KE", "Atlantis", "library", "librarian", "IFLA", "=1+1", ";", '"']
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CONTACT_CELLS, min_size=0, max_size=5), max_size=5))
def test_random_contact_rows_import_fully_or_raise_our_error_and_write_nothing(world_store, tmp_path, rows):
    lines = ["name,country,stakeholder group,organisation"] + [",".join(r) for r in rows]
    path = write(tmp_path / "contacts.csv", "\n".join(lines) + "\n")
    before = snapshot(world_store)
    try:
        run(world_store, path)
    except GraphkitError:
        assert snapshot(world_store) == before
        return
    people = {n.id: n for n in open_source(path, world_store).nodes() if n.label == "Person"}
    for person_id, node in people.items():
        assert world_store.get_node(person_id).name == node.name
