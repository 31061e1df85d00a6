"""The Explore page, run headless with AppTest on a real store: filters, search, the detail panel."""

from __future__ import annotations

import json

from conftest import REPO, open_app, person, small_world
from streamlit.testing.v1 import AppTest

from graphkit.graph.describe import name_and_place, relationships
from graphkit.model import Node, Relationship
from graphkit.store import open_store
from graphkit.store.base import to_networkx

PAGE = "graphkit/app/explore.py"


def explore(url: str, monkeypatch, start: str = "whole") -> AppTest:
    """The page, starting with the whole network (most influential first) unless ``start="coalition"``."""
    at = open_app(url, monkeypatch, PAGE, timeout=30)
    if start == "whole" and at.sidebar.radio:
        at.sidebar.radio[0].set_value("The most influential of all").run()
    return at


def test_the_first_view_is_the_coalition_and_its_nearest_officials(world_url, monkeypatch):
    at = explore(world_url, monkeypatch, start="coalition")
    shown = drawn(at)
    assert "init-dc-pal" in shown and {"org-kla", "person-lucas"} <= shown
    assert not any(n.startswith(("country-", "area-", "event-")) for n in shown)


def component_args(at: AppTest) -> dict:
    """What the network component was asked to draw."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def drawn(at: AppTest) -> set[str]:
    """The ids of the nodes the network component was asked to draw."""
    return {n["id"] for n in component_args(at)["nodes"]}


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_the_page_draws_the_whole_small_world_with_a_legend(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    assert at.title[0].value == "Explore the network"
    assert len(drawn(at)) == 15
    assert "**All 15 shown.**" in captions(at)
    # The picture's legend (its words, for what is drawn) and its text alternative.
    legend = {row["what"]: row["letter"] for row in component_args(at)["legend"]}
    assert legend["library"] == "L" and legend["government"] == "G" and legend["policy area"] == ""
    assert component_args(at)["summary"].startswith("15 nodes shown (4 people, 3 countries,")


def test_colouring_by_circle_fills_each_community_with_its_colour_and_names_it_in_the_legend(
    world_url, monkeypatch
):
    from graphkit.analysis.influence import communities
    from graphkit.examples import small_world_graph

    at = explore(world_url, monkeypatch)
    at.sidebar.radio(key="explore_colour").set_value("circle (community)").run()
    args = component_args(at)
    fills = {n["id"]: n["color"]["background"] for n in args["nodes"]}
    legend = [row["what"] for row in args["legend"]]
    for circle in communities(small_world_graph()):
        drawn_members = [m for m in circle.members if m in fills]
        assert len({fills[m] for m in drawn_members}) == 1  # one colour per circle
    assert legend and all("circle" in what for what in legend)  # named circles, not groups
    assert {n["badge"] for n in args["nodes"] if "badge" in n} >= {"L", "G"}  # the group still reads


def test_a_filter_changes_what_is_drawn(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    at.sidebar.multiselect[1].select("government").run()  # stakeholder groups
    # Only the government stakeholders: not every place, theme and event besides (nobody asked for them).
    assert drawn(at) == {"person-lucas", "org-minicom-br"}
    at.sidebar.multiselect[0].select("Person").run()  # show: people only
    assert drawn(at) == {"person-lucas"}


def test_too_many_nodes_says_how_many_are_hidden_and_keeps_the_best_connected(tmp_path, monkeypatch):
    nodes, rels = small_world()
    for i in range(100):
        nodes.append(person(f"person-{i:03}", f"Member {i:03}", "civil_society"))
        rels.append(Relationship("KNOWS", f"person-{i:03}", "person-amara", {"strength": 3}))
    url = f"sqlite:///{tmp_path / 'big.db'}"
    with open_store(url) as s:
        s.upsert(nodes, rels)
    at = explore(url, monkeypatch)
    at.sidebar.select_slider[0].set_value(100).run()
    assert any(c.startswith("**100 shown, 15 hidden**") for c in captions(at))
    assert "person-amara" in drawn(at) and len(drawn(at)) == 100


def test_the_picture_follows_a_write_made_elsewhere_on_its_next_run(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    assert "person-nia" not in drawn(at)
    with open_store(world_url) as s:  # another process, the command line
        s.upsert([person("person-nia", "Nia Okafor")])
    at.run()  # a browser's page reruns by itself when the feed moves; here, one run
    assert "person-nia" in drawn(at)
    assert not [b for b in at.sidebar.button if b.label == "Reload the data"]


def test_the_teams_own_fields_are_found_once_per_change_not_on_every_run(world_url, monkeypatch):
    # Finding them reads every node (a quarter of a second per run at 10M). The page's script gets new
    # globals on every run, so what it keeps must live in a module it imports.
    from graphkit.app import widgets

    found = []
    find = widgets._own_fields
    monkeypatch.setattr(widgets, "_own_fields", lambda G: found.append(G) or find(G))
    at = explore(world_url, monkeypatch)
    assert found, "the page looked for the team's fields"
    at.run()
    at.run()
    assert len(found) == 1
    with open_store(world_url) as s:  # another process's write: the graph changed, so they are found again
        s.upsert([person("person-nia", "Nia Okafor")])
    at.run()
    assert len(found) == 2 and "person-nia" in drawn(at)


def test_a_search_asks_the_store_once_and_again_only_when_a_change_may_alter_what_it_found(
    world_url, monkeypatch
):
    # The store reads every name to answer (0.6 s a rerun at 10M relationships), and the page asks on
    # every rerun while its search box holds the text.
    from graphkit.edits import edit_record
    from graphkit.store.sqlite import SqliteStore

    asked = []
    search = SqliteStore.search

    def spied(store, text, limit=20, labels=()):
        if not labels:  # not the saved views' list
            asked.append(text)
        return search(store, text, limit, labels)

    monkeypatch.setattr(SqliteStore, "search", spied)
    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("amara").run()
    at.run()
    assert asked == ["amara"]
    with open_store(world_url) as s:  # another process: her title changes, not her name
        read = s.get_node("person-amara")
        s.apply(edit_record(read, Node(read.id, read.label, read.name, {**read.props, "title": "Chair"})))
    at.run()
    assert asked == ["amara"] and "**title**: Chair" in "\n".join(m.value for m in at.markdown)
    with open_store(world_url) as s:  # a second Amara: the search is asked again, and finds her
        s.upsert([person("person-amara-2", "Amara Okoye")])
    at.run()
    assert asked == ["amara", "amara"]
    assert at.selectbox(key="explore_focus").options[1].startswith("Amara Okoye")
    with open_store(world_url) as s:  # one found is renamed: asked again, and she is found no more
        read = s.get_node("person-amara-2")
        s.apply(edit_record(read, Node(read.id, read.label, "Ada Okoye", read.props)))
    at.run()
    assert len(asked) == 3 and len(at.selectbox(key="explore_focus").options) == 1


def test_past_the_most_options_the_events_filter_offers_the_latest_and_a_search(world_url, monkeypatch):
    from graphkit.app import widgets

    with open_store(world_url) as s:
        s.upsert(
            [
                Node("event-igf-2024", "Event", "IGF 2024 Riyadh", {"kind": "igf", "date": "2024-12-15"}),
                Node(
                    "event-wsis-2025", "Event", "WSIS+20 Forum", {"kind": "wsis_forum", "date": "2025-07-07"}
                ),
            ]
        )
    monkeypatch.setattr(widgets, "MAX_OPTIONS", 2)
    at = explore(world_url, monkeypatch)
    events = at.sidebar.multiselect(key="explore_events")
    assert events.options == ["WSIS+20 Forum", "IGF 2024 Riyadh"]
    at.sidebar.text_input(key="explore_events-search").input("bali").run()
    at.sidebar.multiselect(key="explore_events").select("event-igf-2013").run()
    assert drawn(at) >= {"event-igf-2013", "person-amara"} and "event-igf-2024" not in drawn(at)


def test_no_page_keeps_what_it_works_out_in_its_own_script():
    # Streamlit runs a page's file afresh on every run: a cache there is empty each time (Explore's
    # events by date were sorted again on every rerun, 0.17 s at 10M relationships).
    from graphkit.app import PAGES

    for file, *_ in PAGES:
        text = (REPO / "graphkit" / "app" / file).read_text()
        assert not any(cache in text for cache in ("PerGraph(", "WeakKeyDictionary(", "lru_cache")), file


def test_finding_a_person_focuses_on_them_and_lists_their_relationships_by_name(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("amara").run()
    assert not at.exception
    assert at.selectbox(key="explore_focus").value == "person-amara"
    # One hop around Amara: Kenya, her association, Lucas, DC-PAL, her theme and her event.
    assert drawn(at) == {
        "person-amara",
        "country-ke",
        "org-kla",
        "person-lucas",
        "init-dc-pal",
        "pa-access",
        "event-igf-2013",
    }
    assert at.subheader[0].value == "Amara Diallo"
    text = "\n".join(m.value for m in at.markdown)
    assert "#### Works for (1)\n- Kenya Library Association — role: Programme manager" in text
    assert "#### Knows (1)\n- Lucas Pereira (Ministry of Communications (Brazil)) — strength: 4" in text
    assert "#### Policy stances\n- Access and Diversity — stance: champion, influence: 3" in text
    assert "#### Events\n- 2013-10-22 IGF 2013 Bali" in text
    assert "person-" not in text  # names, not ids

    at.slider(key="explore_depth").set_value(2).run()
    assert {"person-ines", "org-minicom-br", "region-african"} <= drawn(at)


def test_a_new_search_shows_the_new_stakeholder_and_clearing_it_brings_back_everything(
    world_url, monkeypatch
):
    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("amara").run()
    at.text_input(key="explore_search").input("lucas").run()
    assert at.subheader[0].value == "Lucas Pereira"
    assert "person-ines" in drawn(at) and "org-kla" not in drawn(at)
    at.button(key="explore_clear").click().run()
    assert len(drawn(at)) == 15
    assert at.info[0].value.startswith("Click a node")


def test_searching_again_for_someone_after_leaving_the_page_opens_their_details_again(world_url, monkeypatch):
    """CI's load test: an advocate found Paulo Araujo, went to another page, came back and searched for
    him again, and his details did not open (the page remembered him as the last search's result)."""
    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("amara").run()
    assert at.subheader[0].value == "Amara Diallo"
    at.query_params.clear()  # away and back by the sidebar: a bare address, an empty search box
    at.text_input(key="explore_search").input("").run()
    assert not at.subheader and at.info[0].value.startswith("Click a node")
    at.text_input(key="explore_search").input("amara").run()
    assert at.subheader[0].value == "Amara Diallo"


def test_nothing_found_says_so_and_keeps_the_whole_picture(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("nobody like this").run()
    assert "Nothing called “nobody like this”." in [i.value for i in at.info]
    assert len(drawn(at)) == 15


def test_an_empty_store_says_how_to_load_the_seed(tmp_path, monkeypatch):
    at = explore(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert "graphkit seed" in at.warning[0].value


def test_relationships_read_from_both_ends():
    nodes, rels = small_world()
    rels.append(Relationship("KNOWS", "person-ines", "person-amara", {"strength": 1}))
    G = to_networkx(nodes, rels)
    assert relationships(G, "person-lucas")["knows"] == [("person-ines", "strength: 2")]
    assert relationships(G, "person-lucas")["known by"] == [
        ("person-amara", "strength: 4, last contact: 2013-10-24, context: met at IGF 2013 Bali")
    ]
    assert relationships(G, "org-kla") == {
        "based in": [("country-ke", "")],
        "member of": [("init-dc-pal", "")],
        "staff": [("person-amara", "role: Programme manager")],
    }


def test_who_does_not_repeat_a_country_the_name_already_says():
    G = to_networkx(*small_world())
    assert name_and_place(G, "org-minicom-br") == "Ministry of Communications (Brazil)"
    assert name_and_place(G, "org-kla") == "Kenya Library Association"
    assert name_and_place(G, "person-lucas") == "Lucas Pereira (Ministry of Communications (Brazil))"
    assert name_and_place(G, "person-ines") == "Inés Álvarez (Argentina)"


def test_someone_with_two_jobs_is_named_by_the_job_that_is_their_title_however_the_graph_was_read():
    nodes, rels = small_world()
    nodes = [*nodes, Node("org-knls", "Organization", "Kenya National Library Service", {"acronym": "KNLS"})]
    librarian = person("person-amani", "Amani Otieno", title="Digital Services Librarian")
    jobs = [
        Relationship("WORKS_FOR", "person-amani", "org-kla", {"role": "Board Member", "since": "2015-01-01"}),
        Relationship("WORKS_FOR", "person-amani", "org-knls", {"role": "Digital Services Librarian"}),
    ]
    for order in (jobs, jobs[::-1]):
        G = to_networkx([*nodes, librarian], [*rels, *order])
        assert name_and_place(G, "person-amani") == "Amani Otieno (KNLS)"
    # Neither job is the title: the longest held.
    for order in (jobs, jobs[::-1]):
        G = to_networkx([*nodes, person("person-amani", "Amani Otieno")], [*rels, *order])
        assert name_and_place(G, "person-amani").startswith("Amani Otieno (Kenya Library Association")


def test_the_detail_panel_leads_to_warm_introductions_to_the_stakeholder(world_url, monkeypatch):
    """A link to Engagement paths whose address asks for Lucas; that address answers with his paths
    (following a page link is the browser's part: tests/test_browser_paths.py does it from Events)."""
    from streamlit.testing.v1 import AppTest

    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("lucas").run()
    (link,) = [e.proto for e in at.get("page_link") if e.proto.label.startswith("Find warm introductions")]
    assert link.label == "Find warm introductions to Lucas Pereira"
    assert link.query_string == "paths_target=Lucas+Pereira+%28Ministry+of+Communications+%28Brazil%29%29"
    paths = AppTest.from_file(str(REPO / "graphkit" / "app" / "paths.py"), default_timeout=30)
    paths.query_params["paths_target"] = "Lucas Pereira (Ministry of Communications (Brazil))"
    paths.run()
    assert not paths.exception
    assert paths.selectbox(key="paths_target").value == "person-lucas"
    assert paths.success[0].value.startswith(
        "2 paths to Lucas Pereira (Ministry of Communications (Brazil)); best start: Amara Diallo "
        "(Kenya Library Association), 1 hop, "
    )


def test_the_search_finds_every_kind_of_node_not_only_stakeholders(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("Access and Diversity").run()
    focus = at.selectbox(key="explore_focus")
    assert focus.format_func(focus.value) == "Access and Diversity (policy area)"
    assert at.subheader[0].value == "Access and Diversity"
    assert "person-amara" in drawn(at)  # who engages on it
    at.text_input(key="explore_search").input("Bali").run()
    assert at.subheader[0].value == "IGF 2013 Bali"


def test_the_detail_panel_logs_a_meeting_with_the_stakeholder_and_undoes_it(world_url, monkeypatch):
    from datetime import date

    from graphkit.analysis.interactions import interactions

    at = explore(world_url, monkeypatch)
    at.text_input(key="explore_search").input("lucas").run()
    form = "explore-log-person-lucas"
    assert at.multiselect(key=f"{form}-with").options[0] == "Amara Diallo"  # the coalition's members first
    at.multiselect(key=f"{form}-with").select("person-amara")
    at.text_input(key=f"{form}-topic").input("library connectivity")
    at.button(key=f"FormSubmitter:{form}-Log the contact").click().run()
    assert not at.exception and not at.error
    assert (
        at.success[0].value
        == f"Logged a meeting of Lucas Pereira with Amara Diallo on {date.today():%-d %B %Y}."
    )
    with open_store(world_url) as s:
        [met] = interactions(s.export())
    assert (met.kind, met.name, met.participants) == (
        "meeting",
        "Meeting on library connectivity",
        ("person-amara", "person-lucas"),
    )
    assert at.subheader[0].value == "Lucas Pereira"  # still on his panel, whose timeline has it
    assert "Meeting on library connectivity" in "\n".join(m.value for m in at.markdown)
    (undo,) = [b for b in at.button if b.label == "Undo"]
    undo.click().run()
    assert at.success[0].value.startswith("Undone: logged a meeting of Lucas Pereira")
    with open_store(world_url) as s:
        assert interactions(s.export()) == []


def test_the_address_holds_the_node_opened_and_a_saved_view_or_reload_reopens_it(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    at.query_params["node"] = "person-lucas"  # as a link, a reload or a saved view gives it
    at.run()
    assert [s.value for s in at.subheader][:1] == ["Lucas Pereira"]
    assert component_args(at)["selected"] == "person-lucas"
    at.query_params["node"] = "person-gone"  # deleted since the link was made
    at.run()
    assert "no longer in the graph" in at.info[0].value


def test_the_warmest_path_between_two_chosen_nodes_is_drawn_and_said_hop_by_hop(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    at.query_params["node"] = "person-amara"
    at.run()
    at.button(key="explore_path_from").click().run()
    assert at.query_params["path_from"] in ("person-amara", ["person-amara"])
    assert "Now click another node" in at.info[0].value
    at.query_params["node"] = "person-ines"  # a click on Inês
    at.run()
    assert component_args(at)["path"] == ["person-amara", "person-lucas", "person-ines"]
    assert any(s.value == "Warmest path from Amara Diallo" for s in at.subheader)
    said = " ".join(m.value for m in at.markdown)
    assert "Amara Diallo" in said and "knows Lucas Pereira" in said
    at.button(key="explore_clear_path").click().run()
    assert "path_from" not in at.query_params and not component_args(at)["path"]


def test_neighbours_are_added_a_step_at_a_time_and_a_node_taken_off_comes_back(world_url, monkeypatch):
    at = explore(world_url, monkeypatch, start="coalition")
    first = drawn(at)
    assert "person-ines" not in first
    at.query_params["node"] = "person-lucas"
    at.run()
    at.button(key="explore_expand").click().run()
    assert {"person-ines", "org-minicom-br", "country-br"} <= drawn(at)
    at.query_params["node"] = "person-ines"
    at.run()
    at.button(key="explore_expand").click().run()
    assert {"pa-cir", "country-ar"} <= drawn(at)  # a step further
    assert at.query_params["expand"] == ["person-lucas", "person-ines"]
    at.button(key="explore_dismiss").click().run()  # Inês off the picture
    assert "person-ines" not in drawn(at) and "node" not in at.query_params
    at.button(key="explore_undo_dismiss").click().run()
    assert "person-ines" in drawn(at)
    at.button(key="explore_undo_expand").click().run()
    assert drawn(at) == first


def test_a_dragged_node_is_drawn_where_it_was_dropped_and_marked(world_url, monkeypatch):
    at = explore(world_url, monkeypatch)
    at.query_params["pins"] = ["person-lucas@123,-45", "person-nobody@1,1", "bad"]
    at.run()
    nodes = {n["id"]: n for n in component_args(at)["nodes"]}
    assert (nodes["person-lucas"]["x"], nodes["person-lucas"]["y"], nodes["person-lucas"]["pinned"]) == (
        123,
        -45,
        True,
    )
    assert not any(n.get("pinned") for k, n in nodes.items() if k != "person-lucas")
