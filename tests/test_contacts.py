"""Contacts spreadsheets: people, their organisations and countries, from the files advocates keep."""

from __future__ import annotations

import csv

import pytest
from conftest import org, person, snapshot

from graphkit.errors import ValidationError
from graphkit.io import export_graph, open_source
from graphkit.io.contacts import header_key, slug
from graphkit.io.importer import import_sources

EXCEL_SHEET = (
    "Full Name;Job Title;Organization;Country;Stakeholder Group;E-mail\n"
    "Amara Diallo;Programme manager;Kenya Library Association;KE;library;amara@example.org\n"
    "Nadia Haddad;Adviser;Ministry of ICT (Lebanon);kenya;Government;\n"
    "Zoë Müller;;KLA;br;Civil society;\n"
)


def sheet(tmp_path, text: str, name: str = "contacts.csv", encoding: str = "utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(store, path, dry_run=False):
    return import_sources(store, [open_source(path, store)], dry_run=dry_run)


def test_slugs_are_stable_readable_ids():
    assert slug("person", "Amara Diallo") == "person-amara-diallo"
    assert slug("person", "Zoë Müller") == "person-zoe-muller"
    assert slug("org", "Ministry of ICT (Lebanon)") == "org-ministry-of-ict-lebanon"
    assert slug("person", "ليلى") == slug("person", "ليلى") != slug("person", "سارة")


def test_headers_match_whatever_their_case_spacing_and_spelling():
    assert header_key("Organization") == header_key(" organisation ") == "organisation"
    assert header_key("Stakeholder_Group") == header_key("stakeholder group") == "stakeholdergroup"
    assert header_key("E-mail") == "email"


def test_an_excel_sheet_with_semicolons_and_a_bom_creates_people_organisations_and_links(
    world_store, tmp_path
):
    kla = org("org-kla", "Kenya Library Association", "library", "library_association")
    kla.props["acronym"] = "KLA"
    world_store.upsert([kla])
    report = run(world_store, sheet(tmp_path, EXCEL_SHEET))
    assert report.rows() == [
        ("nodes", "Organization", 1, 0, 0),  # the ministry; KLA and the Kenya Library Association exist
        ("nodes", "Person", 3, 0, 0),
        ("relationships", "BASED_IN", 3, 0, 0),
        ("relationships", "WORKS_FOR", 3, 0, 0),
    ]
    amara = world_store.get_node("person-amara-diallo")
    assert amara.props == {
        "title": "Programme manager",
        "stakeholder_group": "library",
        "email": "amara@example.org",
    }
    nadia = world_store.get_node("person-nadia-haddad")
    assert nadia.props == {"title": "Adviser", "stakeholder_group": "government"}
    ministry = world_store.get_node("org-ministry-of-ict-lebanon")
    assert ministry.props == {"stakeholder_group": "government", "org_type": "government_agency"}
    rels = {r.key for r in world_store.relationships()}
    assert ("person-nadia-haddad", "BASED_IN", "country-ke") in rels  # by name, any case
    assert ("person-zoe-muller", "BASED_IN", "country-br") in rels  # by ISO code, any case
    assert ("person-zoe-muller", "WORKS_FOR", "org-kla") in rels  # by acronym
    assert ("person-amara-diallo", "WORKS_FOR", "org-kla") in rels  # by name
    assert world_store.get_node("person-zoe-muller").name == "Zoë Müller"


def test_importing_a_sheet_again_updates_people_without_erasing_what_it_does_not_mention(
    world_store, tmp_path
):
    kla = org("org-kla", "Kenya Library Association", "library", "library_association")
    kla.props["acronym"] = "KLA"
    world_store.upsert([kla])
    run(world_store, sheet(tmp_path, EXCEL_SHEET))
    noted = person(
        "person-nadia-haddad", "Nadia Haddad", "government", title="Adviser", notes="met at WSIS 2025"
    )
    world_store.upsert([noted])
    again = sheet(tmp_path, EXCEL_SHEET.replace("Nadia Haddad;Adviser", "Nadia Haddad;Director"), "again.csv")
    report = run(world_store, again)
    assert report.rows() == [
        ("nodes", "Person", 0, 1, 2),
        ("relationships", "BASED_IN", 0, 0, 3),
        ("relationships", "WORKS_FOR", 0, 0, 3),
    ]
    assert world_store.get_node("person-nadia-haddad").props == {
        "title": "Director",
        "stakeholder_group": "government",
        "notes": "met at WSIS 2025",
    }


def test_commas_and_plain_utf_8_work_too_and_cells_are_kept_as_written(store, tmp_path):
    text = "name,organisation,stakeholder group,title\n=HYPERLINK(1),+Foundation,academia,@lead\n"
    run(store, sheet(tmp_path, text, encoding="utf-8"))
    person = store.get_node("person-hyperlink-1")
    assert person.name == "=HYPERLINK(1)" and person.props["title"] == "@lead"
    assert store.get_node("org-foundation").name == "+Foundation"


def test_names_with_emoji_and_right_to_left_text_are_kept_verbatim(store, tmp_path):
    name = "ليلى بن علي 📚 (Layla)"
    run(store, sheet(tmp_path, f"name,organisation,stakeholder group\n{name},مكتبة الإسكندرية,library\n"))
    assert store.get_node("person-layla").name == name
    orgs = [n for n in store.nodes() if n.label == "Organization"]
    assert [o.name for o in orgs] == ["مكتبة الإسكندرية"]
    assert orgs[0].id.startswith("org-") and len(orgs[0].id) == 14  # a hash: no Latin letters to slug
    export_graph(store, "contacts", tmp_path / "out.csv")
    assert name in (tmp_path / "out.csv").read_text(encoding="utf-8")


def refused(store, path) -> list[str]:
    before = snapshot(store)
    with pytest.raises(ValidationError) as caught:
        run(store, path)
    assert snapshot(store) == before
    return [str(p) for p in caught.value.problems]


def test_an_unknown_country_names_row_and_field(world_store, tmp_path):
    path = sheet(
        tmp_path, "name,country,stakeholder group\nAmara Diallo,KE,library\nNia Okafor,Atlantis,academia\n"
    )
    assert refused(world_store, path) == [
        f"{path} row 3: country: no country named or coded 'Atlantis' in the store; "
        "expected a country name such as Kenya or an ISO code such as KE"
    ]


def test_a_latin_1_sheet_says_how_to_save_it_from_excel(world_store, tmp_path):
    path = sheet(tmp_path, "name,stakeholder group\nZoë Müller,library\n", encoding="latin-1")
    assert refused(world_store, path) == [
        f"{path}: encoding: not UTF-8 text; in Excel use 'Save as' > 'CSV UTF-8 (comma delimited)' and try again"
    ]


def test_missing_and_unknown_columns_and_bad_groups_are_all_listed(world_store, tmp_path):
    path = sheet(tmp_path, "name,phone\nAmara,123\n")
    assert refused(world_store, path) == [
        f"{path} row 1: phone: unknown column; expected name, title, organisation, country, stakeholder group, email, "
        "or a declared field (declare it: graphkit fields add Person phone --type text|number|date|list|choice|yes_no)",
        f"{path} row 1: stakeholder group: missing column",
    ]
    path = sheet(tmp_path, "name,stakeholder group\nAmara,librarian\n,library\n", "groups.csv")
    assert refused(world_store, path) == [
        f"{path} row 2: stakeholder group: expected one of government, private_sector, civil_society, "
        "technical_community, intergovernmental, academia, library, got 'librarian'",
        f"{path} row 3: name: required: the person's name",
    ]


def test_an_empty_sheet_and_a_header_only_sheet_are_refused(world_store, tmp_path):
    assert refused(world_store, sheet(tmp_path, "")) == [
        f"{tmp_path / 'contacts.csv'} row 1: header: empty file; expected name, title, organisation, "
        "country, stakeholder group, email"
    ]
    assert refused(world_store, sheet(tmp_path, "name;stakeholder group\n", "header.csv")) == [
        f"{tmp_path / 'header.csv'}: rows: no records to import: only a header, or nothing"
    ]


def test_contacts_export_is_one_row_per_person_and_spreadsheet_safe(store, tmp_path):
    run(store, sheet(tmp_path, "name,organisation,stakeholder group,title\nNia Okafor,IFLA,library,=cmd\n"))
    export_graph(store, "contacts", tmp_path / "out.csv")
    assert store.get_node("org-ifla").props == {"stakeholder_group": "library", "org_type": "library"}
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [
        ["name", "title", "organisation", "country", "stakeholder group", "email", "notes", "status"],
        ["Nia Okafor", "'=cmd", "IFLA", "", "library", "", "", ""],
    ]


def test_the_contacts_export_keeps_each_persons_status_and_reads_it_back(store, world_store, tmp_path):
    """Real or illustrative goes out with every row and comes back in: a briefing can tell them apart."""
    text = "name,stakeholder group,status\nNia Okafor,library,real\nTom Berg,government,Illustrative\nAda Lee,library,\n"
    run(store, sheet(tmp_path, text))
    export_graph(store, "contacts", tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as f:
        rows = {
            r["name"]: r["status"]
            for r in csv.DictReader(f)
            if r["name"] in ("Nia Okafor", "Tom Berg", "Ada Lee")
        }
    assert rows == {"Nia Okafor": "real", "Tom Berg": "illustrative", "Ada Lee": ""}
    run(world_store, tmp_path / "out.csv")
    statuses = {n: world_store.get_node(slug("person", n)).props.get("status") for n in rows}
    assert statuses == {"Nia Okafor": "real", "Tom Berg": "illustrative", "Ada Lee": None}
    bad = sheet(tmp_path, "name,stakeholder group,status\nNia Okafor,library,maybe\n", "bad.csv")
    assert refused(world_store, bad) == [f"{bad} row 2: status: expected one of real, illustrative"]


def test_a_layout_file_with_another_name_is_told_how_to_name_it(world_store, tmp_path):
    path = sheet(tmp_path, "id,name,stakeholder_group\nperson-nia,Nia,library\n", "people.csv")
    assert refused(world_store, path) == [
        f"{path} row 1: file name: this looks like a file of the seed's CSV layout; name it nodes/<Label>.csv "
        "(such as nodes/Person.csv) or relationships/<TYPE>.csv (such as relationships/KNOWS.csv)"
    ]
