"""Finding nodes by what a person types: one ranking rule, exact and prefix matches first, accents ignored."""

from __future__ import annotations

from conftest import small_world

from graphkit.graph.search import find, fold, rank
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
