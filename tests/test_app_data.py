"""The Data page: forms that add, edit and delete stakeholders and relationships through the model's
validation, and the Import / export section with the functions behind it."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import networkx as nx
import pytest
from conftest import open_app, snapshot
from streamlit.testing.v1 import AppTest

from graphkit.app.data import export_bytes, import_upload
from graphkit.app.forms import unfit
from graphkit.errors import ValidationError
from graphkit.model import RELATIONSHIP_FIELDS
from graphkit.store import open_store

SHEET = "name;organisation;country;stakeholder group\nNia Okafor;Kenya Library Association;Kenya;library\n"


@pytest.mark.slow_on_neo4j
def test_an_uploaded_sheet_is_reported_then_imported(world_store):
    before = snapshot(world_store)
    report = import_upload(world_store, SHEET.encode("utf-8-sig"), "my contacts.csv", dry_run=True)
    assert report.rows() == [
        ("nodes", "Person", 1, 0, 0),
        ("relationships", "BASED_IN", 1, 0, 0),
        ("relationships", "WORKS_FOR", 1, 0, 0),
    ]
    assert snapshot(world_store) == before
    import_upload(world_store, SHEET.encode(), "my contacts.csv", dry_run=False)
    assert world_store.get_node("person-nia-okafor").props == {"stakeholder_group": "library"}
    assert ("person-nia-okafor", "WORKS_FOR", "org-kla") in {r.key for r in world_store.relationships()}


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "contacts.csv", "contacts.csv row 1: header: empty file"),
        ("name,stakeholder group\nZoë,library\n".encode("latin-1"), "c.csv", "c.csv: encoding: not UTF-8"),
        (b"<graphml><graph>", "g.graphml", "g.graphml line 1 column 16: xml: not well-formed XML"),
        (b"PK\x03\x04", "people.xlsx", "people.xlsx: file name: unknown kind of file"),
    ],
)
def test_a_bad_upload_names_the_uploaded_file_and_writes_nothing(world_store, data, filename, expected):
    before = snapshot(world_store)
    with pytest.raises(ValidationError) as caught:
        import_upload(world_store, data, filename, dry_run=False)
    assert str(caught.value.problems[0]).startswith(expected)
    assert "/tmp" not in str(caught.value)
    assert snapshot(world_store) == before


def test_downloads_hold_the_graph(world_store):
    G = nx.read_gexf(io.BytesIO(export_bytes(world_store, "gexf")))
    assert G.nodes["person-amara"]["label"] == "Amara Diallo"
    with zipfile.ZipFile(io.BytesIO(export_bytes(world_store, "csv"))) as z:
        assert "nodes/Person.csv" in z.namelist() and "relationships/KNOWS.csv" in z.namelist()
    assert export_bytes(world_store, "cypher").startswith(b"// graphkit export")


PAGE = "graphkit/app/data.py"


def data_page(url: str, monkeypatch) -> AppTest:
    return open_app(url, monkeypatch, PAGE, timeout=30)


def labelled(elements, label: str):
    """The one widget among ``elements`` with this label."""
    (widget,) = [e for e in elements if e.label == label]
    return widget


def stored(url: str) -> tuple[dict, dict]:
    with open_store(url) as s:
        return snapshot(s)


def find(at: AppTest, text: str) -> AppTest:
    at.text_input(key="data_search").input(text).run()
    assert not at.exception
    return at


def submit(at: AppTest, label: str) -> AppTest:
    labelled(at.button, label).click().run()
    assert not at.exception
    return at


def errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


#: The Data page's tabs, and the headings of their sections (with nothing chosen or deleted).
TABS = ["Stakeholders", "Log an interaction", "Import and download", "Fields"]
SECTIONS = ["Add a person", "Log an interaction", "Import a file", "Download the graph", "Your own fields"]


def test_the_page_starts_with_a_form_for_a_new_person_and_the_sections_below(world_url, monkeypatch):
    at = data_page(world_url, monkeypatch)
    assert at.title[0].value == "Data"
    assert [t.label for t in at.tabs] == TABS
    assert [h.value for h in at.header] == SECTIONS
    assert labelled(at.selectbox, "Record").value == ""  # a new record
    # The Person form asks for the schema's fields and where they work and are based.
    asked = {w.label for w in (*at.text_input, *at.selectbox)}
    assert {"name *", "id", "title", "email", "stakeholder group *", "Works for", "Based in"} <= asked
    assert labelled(at.selectbox, "stakeholder group *").options[1:] == [
        "government",
        "private sector",
        "civil society",
        "technical community",
        "intergovernmental",
        "academia",
        "library",
    ]


def test_a_new_person_without_a_name_or_group_is_refused_with_the_models_messages(world_url, monkeypatch):
    before = stored(world_url)
    at = data_page(world_url, monkeypatch)
    labelled(at.text_input, "title").input("Librarian")
    submit(at, "Add the person")
    text = errors(at)
    assert text.startswith("Nothing was saved:")
    assert "- The new person: **name**: required: a non-empty name" in text
    assert "**stakeholder group**: required: one of government" in text
    assert stored(world_url) == before


def test_a_new_person_is_written_with_their_organisation_and_country_and_is_then_found(
    world_url, monkeypatch
):
    at = data_page(world_url, monkeypatch)
    labelled(at.text_input, "name *").input("Nia Okafor")
    labelled(at.text_input, "title").input("Advocacy lead")
    labelled(at.selectbox, "stakeholder group *").set_value("library")
    labelled(at.selectbox, "Works for").set_value("org-kla")
    labelled(at.selectbox, "Based in").set_value("country-ke")
    submit(at, "Add the person")
    assert not at.error
    assert at.success[0].value == "Saved the person Nia Okafor."

    nodes, rels = stored(world_url)
    assert nodes["person-nia-okafor"] == (
        "Person",
        "Nia Okafor",
        {"title": "Advocacy lead", "stakeholder_group": "library"},
    )
    assert {k for k in rels if "person-nia-okafor" in k} == {
        ("person-nia-okafor", "WORKS_FOR", "org-kla"),
        ("person-nia-okafor", "BASED_IN", "country-ke"),
    }
    # This page now shows her record, found by her name ...
    assert labelled(at.selectbox, "Record").value == "person-nia-okafor"
    assert labelled(at.text_input, "title").value == "Advocacy lead"
    find(at, "okafor")
    assert labelled(at.selectbox, "Record").options == [
        "+ add a new record",
        "Nia Okafor (Kenya Library Association) · person",
    ]
    # ... and so does the Explore page, at once.
    at.switch_page("graphkit/app/explore.py").run()
    at.text_input(key="explore_search").input("okafor").run()
    assert not at.exception
    assert at.selectbox(key="explore_focus").value == "person-nia-okafor"
    assert at.subheader[0].value == "Nia Okafor"


def test_any_label_has_its_schemas_form_here_an_event_with_its_date(world_url, monkeypatch):
    at = data_page(world_url, monkeypatch)
    (add_a,) = at.get("button_group")  # Add a: person, organisation, ...
    add_a.set_value("Event").run()
    labelled(at.text_input, "name *").input("IGF 2025 Norway")
    labelled(at.selectbox, "kind *").set_value("igf")
    labelled(at.date_input, "date *").set_value(date(2025, 6, 23))
    submit(at, "Add the event")
    assert at.success[0].value == "Saved the event IGF 2025 Norway."
    nodes, _ = stored(world_url)
    assert nodes["event-igf-2025-norway"] == (
        "Event",
        "IGF 2025 Norway",
        {"kind": "igf", "date": "2025-06-23"},
    )


def test_an_id_that_is_taken_is_refused(world_url, monkeypatch):
    before = stored(world_url)
    at = data_page(world_url, monkeypatch)
    labelled(at.text_input, "name *").input("Amara Diallo")
    labelled(at.text_input, "id").input("person-amara")
    labelled(at.selectbox, "stakeholder group *").set_value("library")
    submit(at, "Add the person")
    assert "- Amara Diallo: **id**: person-amara is already taken by Amara Diallo" in errors(at)
    assert stored(world_url) == before


def test_editing_changes_one_property_and_keeps_the_others(world_url, monkeypatch):
    _, rels_before = stored(world_url)
    at = find(data_page(world_url, monkeypatch), "amara")
    assert labelled(at.selectbox, "Record").value == "person-amara"
    assert labelled(at.text_input, "title").value == "Programme manager"
    labelled(at.text_input, "email").input("amara@kla.or.ke")
    submit(at, "Save")
    assert at.success[0].value == "Saved the person Amara Diallo."
    nodes, rels = stored(world_url)
    assert nodes["person-amara"] == (
        "Person",
        "Amara Diallo",
        {"title": "Programme manager", "stakeholder_group": "library", "email": "amara@kla.or.ke"},
    )
    assert rels == rels_before


def test_moving_a_person_to_another_organisation_replaces_works_for(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "amara")
    labelled(at.selectbox, "Works for").set_value("org-minicom-br")
    submit(at, "Save")
    _, rels = stored(world_url)
    works_for = {k for k in rels if k[:2] == ("person-amara", "WORKS_FOR")}
    assert works_for == {("person-amara", "WORKS_FOR", "org-minicom-br")}


def test_a_save_that_fails_half_way_saves_nothing_and_says_so(world_url, monkeypatch):
    """A record and its relationships are one change: a failure injected after the record was written
    and before its relationships were (the disk failing, say) leaves the store exactly as it was,
    and the page says nothing was saved."""
    import sqlite3

    from graphkit.store.sqlite import _SqliteTransaction

    at = find(data_page(world_url, monkeypatch), "amara")
    labelled(at.text_input, "title").input("Director")
    labelled(at.selectbox, "Works for").set_value("org-minicom-br")
    before = stored(world_url)
    written = []

    def fail(self, rels):
        written.append(self.nodes_of(["person-amara"])["person-amara"].props.get("title"))
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(_SqliteTransaction, "write_relationships", fail)
    submit(at, "Save")
    assert written == ["Director"]  # the record itself was written in the transaction ...
    assert "Nothing was saved" in errors(at) and "disk I/O error" in errors(at)
    assert not at.success
    assert stored(world_url) == before  # ... and rolled back with the rest
    assert before[0]["person-amara"][2]["title"] == "Programme manager"


def test_deleting_asks_first_and_removes_the_node_and_its_relationships(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "amara")
    sure = labelled(at.checkbox, "Delete Amara Diallo and their 6 relationships")
    assert labelled(at.button, "Delete").disabled
    sure.check().run()
    submit(at, "Delete")
    assert at.success[0].value == "Deleted the person Amara Diallo and 6 relationships."
    nodes, rels = stored(world_url)
    assert "person-amara" not in nodes
    assert not [k for k in rels if "person-amara" in k]
    assert len(rels) == 22 - 6
    assert labelled(at.selectbox, "Record").value == ""  # back to a new record


def test_undo_after_a_delete_brings_the_stakeholder_back_with_their_relationships(world_url, monkeypatch):
    before = stored(world_url)
    at = find(data_page(world_url, monkeypatch), "amara")
    labelled(at.checkbox, "Delete Amara Diallo and their 6 relationships").check().run()
    submit(at, "Delete")
    assert "person-amara" not in stored(world_url)[0]
    submit(at, "Undo")
    assert not errors(at), errors(at)
    assert at.success[0].value == "Undone: deleted the person Amara Diallo and 6 relationships."
    assert stored(world_url) == before
    assert labelled(at.selectbox, "Record").value == "person-amara"  # her record is shown again


def test_undo_after_a_save_puts_the_record_back_as_it_was(world_url, monkeypatch):
    before = stored(world_url)
    at = find(data_page(world_url, monkeypatch), "amara")
    labelled(at.text_input, "title").input("Director")
    labelled(at.selectbox, "Works for").set_value("org-minicom-br")
    submit(at, "Save")
    assert stored(world_url) != before
    submit(at, "Undo")
    assert at.success[0].value == "Undone: saved the person Amara Diallo."
    assert stored(world_url) == before
    assert labelled(at.text_input, "title").value == "Programme manager"


def test_undo_after_a_new_relationship_removes_it(world_url, monkeypatch):
    before = stored(world_url)
    at = find(data_page(world_url, monkeypatch), "amara")
    choose_relationship(at, ("KNOWS", 0))
    labelled(at.selectbox, "Knows whom or what").set_value("person-zoe")
    submit(at, "Add the relationship")
    assert ("person-amara", "KNOWS", "person-zoe") in stored(world_url)[1]
    submit(at, "Undo")
    assert at.success[0].value == "Undone: saved: Amara Diallo knows Zoë Müller."
    assert stored(world_url) == before


def test_the_relationships_of_the_chosen_stakeholder_are_listed_by_type(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "lucas")
    text = "\n".join(m.value for m in at.markdown)
    assert "### Knows (1)\n- Inés Álvarez (Argentina) — strength: 2" in text
    assert "### Known by (1)\n- Amara Diallo (Kenya Library Association) — strength: 4" in text
    assert "Relationships of Lucas Pereira" in [h.value for h in at.header]


def choose_relationship(at: AppTest, kind: tuple[str, int]) -> AppTest:
    """Pick the type (and direction) of a new relationship of the chosen stakeholder."""
    labelled(at.selectbox, "Relationship").set_value(kind).run()
    assert not at.exception
    return at


def test_a_relationship_to_the_wrong_kind_of_node_is_refused(world_url, monkeypatch):
    before = stored(world_url)
    at = find(data_page(world_url, monkeypatch), "amara")
    choose_relationship(at, ("KNOWS", 0))
    labelled(at.selectbox, "Knows whom or what").set_value("org-kla")
    submit(at, "Add the relationship")
    said = "**to**: “knows” needs a person here, but Kenya Library Association is an organisation"
    assert f"- Amara Diallo knows Kenya Library Association: {said}" in errors(at)
    assert "org-kla" not in errors(at) and "KNOWS" not in errors(at)
    assert stored(world_url) == before


def test_strength_is_a_1_to_5_slider_and_9_is_refused_before_any_save(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "amara")
    choose_relationship(at, ("KNOWS", 0))
    strength = labelled(at.select_slider, "strength")
    assert strength.options == ["not set", "1", "2", "3", "4", "5"]
    strength.set_value(9).run()  # what a crafted request could send: the page keeps the scale's value
    assert labelled(at.select_slider, "strength").value is None
    # The check the page runs on every entered value, before Save, names the field:
    assert unfit(RELATIONSHIP_FIELDS["KNOWS"], {"strength": 9}) == [
        ("strength", "expected a whole number from 1 to 5, got 9")
    ]


def test_an_e_mail_address_is_checked_as_it_is_typed_and_save_waits_for_it(world_url, monkeypatch):
    before = stored(world_url)
    at = find(data_page(world_url, monkeypatch), "amara")
    labelled(at.text_input, "email").input("amara@kla").run()
    assert errors(at) == (
        "Check before saving:\n- **email**: expected an e-mail address such as ana@example.org, got 'amara@kla'"
    )
    assert labelled(at.button, "Save").disabled
    labelled(at.text_input, "email").input("amara@kla.or.ke").run()
    assert not errors(at) and not labelled(at.button, "Save").disabled
    assert stored(world_url) == before


def test_a_valid_knows_relationship_is_written(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "amara")
    choose_relationship(at, ("KNOWS", 0))
    labelled(at.selectbox, "Knows whom or what").set_value("person-zoe")
    labelled(at.select_slider, "strength").set_value(3)
    labelled(at.text_area, "context").input("DC-PAL call")
    submit(at, "Add the relationship")
    assert at.success[0].value == "Saved: Amara Diallo knows Zoë Müller."
    _, rels = stored(world_url)
    assert rels[("person-amara", "KNOWS", "person-zoe")] == {"strength": 3, "context": "DC-PAL call"}
    assert "- Zoë Müller — strength: 3, context: DC-PAL call" in "\n".join(m.value for m in at.markdown)


def test_a_relationship_is_edited_and_deleted(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "amara")
    picker = at.selectbox(key="data_rel_pick-person-amara")
    picker.set_value(("KNOWS", "person-amara", "person-lucas")).run()
    assert labelled(at.select_slider, "strength").value == 4
    labelled(at.select_slider, "strength").set_value(5)
    submit(at, "Save the relationship")
    _, rels = stored(world_url)
    assert rels[("person-amara", "KNOWS", "person-lucas")]["strength"] == 5
    assert rels[("person-amara", "KNOWS", "person-lucas")]["context"] == "met at IGF 2013 Bali"

    at.selectbox(key="data_rel_pick-person-amara").set_value(("KNOWS", "person-amara", "person-lucas")).run()
    labelled(at.checkbox, "Delete “Amara Diallo knows Lucas Pereira”").check().run()
    submit(at, "Delete the relationship")
    assert not errors(at), errors(at)
    _, rels = stored(world_url)
    assert ("person-amara", "KNOWS", "person-lucas") not in rels
    assert len(rels) == 21


def test_the_page_shows_the_import_and_export_section(world_url, monkeypatch):
    at = data_page(world_url, monkeypatch)
    assert "Download the graph" in [h.value for h in at.header]
    download = at.selectbox(key="data_download_format")
    assert download.options[0].startswith("csv:")
    download.select(
        "gexf: GEXF for Gephi: names as labels, stakeholder group as attribute, colours by group"
    ).run()
    assert not at.exception


def test_an_empty_store_still_offers_the_forms_and_the_import(tmp_path, monkeypatch):
    at = data_page(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert "The store is empty" in at.info[0].value
    assert [h.value for h in at.header] == SECTIONS


def test_a_store_that_cannot_be_opened_is_a_message_not_a_traceback(monkeypatch):
    at = data_page("sqlite:////no/such/folder/g.db", monkeypatch)
    assert "does not exist" in at.error[0].value
    assert "reads it again by itself" in at.error[0].value


def test_people_imported_from_a_sheet_are_found_by_the_one_search(world_url, monkeypatch):
    with open_store(world_url) as s:
        import_upload(s, SHEET.encode(), "contacts.csv", dry_run=False)
    at = find(data_page(world_url, monkeypatch), "okafor")
    assert labelled(at.selectbox, "Record").value == "person-nia-okafor"
    assert not [w for w in at.text_input if "people" in w.label.lower()]  # no second people search


def test_the_search_ranks_exact_and_prefix_matches_first_and_ignores_accents(world_url, monkeypatch):
    at = find(data_page(world_url, monkeypatch), "kenya")
    assert labelled(at.selectbox, "Record").options == [
        "+ add a new record",
        "Kenya · country",
        "Kenya Library Association · organisation",
    ]
    find(at, "zoe muller")
    assert labelled(at.selectbox, "Record").value == "person-zoe"


def test_past_the_most_options_a_search_box_narrows_the_organisations(world_url, monkeypatch):
    monkeypatch.setattr("graphkit.app.widgets.MAX_OPTIONS", 1)
    at = data_page(world_url, monkeypatch)
    labelled(at.text_input, "Search works for").input("kenya").run()
    assert labelled(at.selectbox, "Works for").options == ["—", "Kenya Library Association"]
    labelled(at.text_input, "name *").input("Nia Okafor")
    labelled(at.selectbox, "stakeholder group *").set_value("library")
    labelled(at.selectbox, "Works for").set_value("org-kla")
    submit(at, "Add the person")
    assert ("person-nia-okafor", "WORKS_FOR", "org-kla") in stored(world_url)[1]


def test_undo_after_an_import_puts_the_graph_back(world_url, monkeypatch):
    before = stored(world_url)
    at = data_page(world_url, monkeypatch)
    at.file_uploader[0].set_value(("contacts.csv", SHEET.encode(), "text/csv")).run()
    submit(at, "Import")
    assert at.success[0].value == "Imported contacts.csv."
    assert "person-nia-okafor" in stored(world_url)[0]
    submit(at, "Undo")
    assert not errors(at), errors(at)
    assert at.success[0].value == "Undone: imported contacts.csv."
    assert stored(world_url) == before


def test_a_first_import_into_an_empty_store_says_it_cannot_be_undone(tmp_path, monkeypatch):
    at = data_page(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    sheet = "name;stakeholder group\nNia Okafor;library\n"
    at.file_uploader[0].set_value(("contacts.csv", sheet.encode(), "text/csv")).run()
    submit(at, "Import")
    assert "a first load, which cannot be undone" in at.success[0].value
    assert not [b for b in at.button if b.label == "Undo"]
