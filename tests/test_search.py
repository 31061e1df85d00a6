"""Finding nodes by what a person types: one ranking rule, exact and prefix matches first, accents ignored."""

from __future__ import annotations

from conftest import small_world

from graphkit.graph.search import find, find_stakeholders, fold, rank
from graphkit.store.base import to_networkx

PEOPLE = [
    ("igf", ["IGF Secretariat"]),
    ("sorina", ["Sorina Gunelescu"]),
    ("abbasova", ["Günel Abbasova"]),
    ("gunel", ["Gunel"]),
    ("hagunel", ["Maria Hagunel"]),
    ("ifla", ["International Federation of Library Associations and Institutions", "IFLA"]),
]


def test_exact_then_prefix_then_a_words_prefix_then_anywhere():
    assert rank("gunel", PEOPLE) == ["gunel", "abbasova", "sorina", "hagunel"]


def test_accents_and_case_are_ignored_both_ways():
    assert rank("GÜNEL ABB", PEOPLE) == ["abbasova"]
    assert rank("gunel abbasova", PEOPLE) == ["abbasova"]
    assert fold("Zoë  MÜLLER") == "zoe muller" and fold("Łódź Øresund") == "lodz oresund"


def test_loose_matches_are_left_out():
    """ "Gunel" is not spread over IGF Secretariat's letters, as a fuzzy match would."""
    assert "igf" not in rank("gunel", PEOPLE)
    assert rank("", PEOPLE) == [] and rank("  ", PEOPLE) == []


def test_an_acronym_counts_as_a_name_and_words_may_come_in_any_order():
    assert rank("ifla", PEOPLE) == ["ifla"]
    assert rank("abbasova gun", PEOPLE) == ["abbasova"]
    assert rank("gun", PEOPLE, limit=2) == ["gunel", "abbasova"]


def test_find_ranks_a_graphs_nodes_by_name_and_filters_by_label():
    G = to_networkx(*small_world())
    assert find(G, "zoe") == ["person-zoe"]
    assert find(G, "ines alv") == ["person-ines"]
    assert find(G, "a", labels=["Country"]) == ["country-ar", "country-br", "country-ke"]
    assert find(G, "kenya") == ["country-ke", "org-kla"]


def officials_world():
    """A ministry and a regulator in Kenya, a minister's adviser, a librarian, an NGO in Kenya, a former job."""
    from graphkit.model import Node, Relationship

    nodes = [
        Node("country-ke", "Country", "Kenya", {"iso": "KE"}),
        Node("country-gh", "Country", "Ghana", {"iso": "GH"}),
        Node(
            "org-micde",
            "Organization",
            "Ministry of ICT (Kenya)",
            {"stakeholder_group": "government", "org_type": "ministry", "acronym": "MICDE"},
        ),
        Node(
            "org-ca",
            "Organization",
            "Communications Authority",
            {"stakeholder_group": "government", "org_type": "regulator"},
        ),
        Node(
            "org-ngo", "Organization", "Open Kenya", {"stakeholder_group": "civil_society", "org_type": "ngo"}
        ),
        Node(
            "person-wambui",
            "Person",
            "Wambui Gichuru",
            {"stakeholder_group": "government", "title": "Adviser to the Cabinet Secretary, ICT Policy"},
        ),
        Node(
            "person-njeri", "Person", "Njeri Chebet", {"stakeholder_group": "library", "title": "Librarian"}
        ),
        Node(
            "person-kofi", "Person", "Kofi Mensah", {"stakeholder_group": "government", "title": "Director"}
        ),
    ]
    rels = [
        Relationship("BASED_IN", "org-micde", "country-ke"),
        Relationship("BASED_IN", "org-ca", "country-ke"),
        Relationship("BASED_IN", "org-ngo", "country-ke"),
        Relationship("WORKS_FOR", "person-wambui", "org-micde"),
        Relationship("BASED_IN", "person-njeri", "country-ke"),
        Relationship("BASED_IN", "person-kofi", "country-gh"),
        Relationship("WORKS_FOR", "person-kofi", "org-micde", {"until": "2019-01-01"}),
    ]
    return to_networkx(nodes, rels)


def test_officials_are_found_by_title_organisation_and_country_not_only_by_name():
    G = officials_world()
    # Wambui's country is her ministry's; "minister" finds "ministry"; "of" and "the" are ignored
    assert find_stakeholders(G, "minister of ICT, Kenya") == ["org-micde", "person-wambui"]
    assert find_stakeholders(G, "ministry kenya") == ["org-micde", "person-wambui"]
    assert find_stakeholders(G, "MICDE adviser") == ["person-wambui"]
    assert find_stakeholders(G, "regulator") == ["org-ca"]


def test_officials_come_first_and_a_former_job_says_nothing():
    G = officials_world()
    # in Kenya: the government's first (a name that says Kenya before one that does not), then the others
    assert find_stakeholders(G, "kenya") == [
        "org-micde",
        "org-ca",
        "person-wambui",
        "org-ngo",
        "person-njeri",
    ]
    assert find_stakeholders(G, "officials kenya") == ["org-micde", "org-ca", "person-wambui"]
    assert find_stakeholders(G, "ngo") == ["org-ngo"]
    assert find_stakeholders(G, "librarians") == ["person-njeri"]
    assert "person-kofi" not in find_stakeholders(G, "ministry")  # he left it in 2019
    assert find_stakeholders(G, "the of") == [] and find_stakeholders(G, "") == []
