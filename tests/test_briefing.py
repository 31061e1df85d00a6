"""Briefing packs: the analysis on a small hand-built world and on the seed, its Markdown and HTML,
the ``graphkit brief`` command, and the Explore page's download buttons."""

from __future__ import annotations

import html
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import open_app, person, small_world

from graphkit.analysis.briefing import (
    EVENTS,
    FOLLOW_UPS,
    INTERACTIONS,
    KNOWN_BY,
    PATHS,
    SECTIONS,
    STANCES,
    WHO,
    Briefing,
    briefing,
)
from graphkit.analysis.paths import engagement_paths
from graphkit.analysis.ties import TieCosts
from graphkit.app.briefing import INCLUDE_PRIVATE
from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.graph import shareable
from graphkit.model import Node, Relationship
from graphkit.store.base import to_networkx
from graphkit.viz.briefing import PRIVATE_WARNING, to_html, to_markdown, to_pdf

AS_OF = date(2014, 6, 1)
LUNCH_NOTES = "Lucas is unhappy with the minister"


def world():
    """The small world, with Lucas (a Brazilian official) as the one to brief on: an internal
    stance, a private tie to a coalition member, a logged call and a private lunch, an IGF ahead."""
    nodes, rels = small_world()
    nodes += [
        person("person-beto", "Beto Souza"),
        Node(
            "event-igf-2014",
            "Event",
            "IGF 2014 Istanbul",
            {"kind": "igf", "date": "2014-09-02", "place": "Istanbul, Turkey"},
        ),
        Node(
            "ix-call",
            "Interaction",
            "Call about library connectivity",
            {
                "kind": "call",
                "date": "2014-02-01",
                "outcome": "Agreed <b>next steps</b> & a visit",
                "follow_up": "2014-03-01",
                "source": "Amara's call log",
            },
        ),
        Node(
            "ix-lunch",
            "Interaction",
            "Lunch in Brasília",
            {"kind": "meeting", "date": "2014-03-10", "notes": LUNCH_NOTES, "sensitivity": "private"},
        ),
    ]
    rels += [
        Relationship("BASED_IN", "person-beto", "country-br"),
        Relationship("MEMBER_OF", "person-beto", "init-dc-pal"),
        Relationship(
            "KNOWS",
            "person-beto",
            "person-lucas",
            {"strength": 5, "last_contact": "2014-03-10", "context": "old friends", "sensitivity": "private"},
        ),
        Relationship("ENGAGES_ON", "person-lucas", "pa-cir", {"stance": "opposed"}),  # no member's area
        Relationship("ATTENDS", "person-lucas", "event-igf-2014", {"role": "speaker"}),
        Relationship("PARTICIPATED_IN", "person-amara", "ix-call"),
        Relationship("PARTICIPATED_IN", "person-lucas", "ix-call"),
        Relationship("DISCUSSED", "ix-call", "pa-access"),
        Relationship("PARTICIPATED_IN", "person-beto", "ix-lunch"),
        Relationship("PARTICIPATED_IN", "person-lucas", "ix-lunch"),
    ]
    G = to_networkx(nodes, rels)
    G.nodes["pa-access"].update(
        talking_points="Libraries connect everyone.", source="https://example.org/points"
    )
    G.edges["person-amara", "person-lucas", "KNOWS"]["source"] = "Amara's notes"
    G.edges["person-lucas", "pa-access", "ENGAGES_ON"].update(
        sensitivity="internal", source="IGF 2013 corridor talk"
    )
    return G


def texts(b: Briefing, title: str) -> list[str]:
    return [f.text for f in b.section(title).facts]


AMARA_KNOWS_LUCAS = (
    "Amara Diallo (Kenya Library Association) knows Lucas Pereira (Ministry of Communications (Brazil)) well: "
    "strength 4, last contact 2013-10-24, met at IGF 2013 Bali"
)


def test_a_shared_pack_has_every_section_each_fact_cited_and_no_private_fact():
    b = briefing(world(), "person-lucas", "init-dc-pal", AS_OF)
    assert [s.title for s in b.sections] == list(SECTIONS)
    assert (b.name, b.headline, b.coalition, b.as_of, b.private) == (
        "Lucas Pereira",
        "Lucas Pereira (Ministry of Communications (Brazil))",
        "init-dc-pal",
        "2014-06-01",
        False,
    )
    assert texts(b, WHO) == [
        "Adviser to the minister",
        "Works for Ministry of Communications (Brazil), since 2011-01-01",
        "Based in Brazil",
        "Stakeholder group: government",
    ]
    (stance,) = b.section(STANCES).facts  # pa-cir matters to no member: left out
    assert (stance.text, stance.sensitivity) == ("Access and Diversity: neutral", "internal")
    assert [d.text for d in stance.details] == ["Talking points: Libraries connect everyone."]
    paths = b.section(PATHS)
    assert paths.note.startswith("2 paths to Lucas Pereira")
    assert [f.text for f in paths.facts] == [
        "Path 1: 1 hop from Amara Diallo (Kenya Library Association), cost 1.63",
        "Path 2: 2 hops from Amara Diallo (Kenya Library Association), cost 5.00",
    ]
    assert [d.text for d in paths.facts[0].details] == [AMARA_KNOWS_LUCAS]
    assert [d.text for d in paths.facts[1].details] == [
        "Amara Diallo (Kenya Library Association) attended IGF 2013 Bali (speaker)",
        "Lucas Pereira (Ministry of Communications (Brazil)) also attended IGF 2013 Bali",
    ]
    assert texts(b, KNOWN_BY) == [
        "Amara Diallo (Kenya Library Association): strength 4, last contact 2013-10-24, met at IGF 2013 Bali"
    ]
    assert texts(b, INTERACTIONS) == [
        "2014-02-01, call: Call about library connectivity, with Amara Diallo, on Access and Diversity. "
        "Outcome: Agreed <b>next steps</b> & a visit"
    ]
    assert texts(b, FOLLOW_UPS) == [
        "Due 2014-03-01 (overdue): after the call of 2014-02-01, Call about library connectivity"
    ]
    assert texts(b, EVENTS) == ["2014-09-02, IGF 2014 Istanbul, Istanbul, Turkey (speaker)"]
    # Sources are numbered in reading order, each citation once: a record's source, else the record
    # in words (never an id).
    assert b.sources == (
        "graphkit record: Lucas Pereira",
        "graphkit record: Lucas Pereira works for Ministry of Communications (Brazil)",
        "graphkit record: Lucas Pereira based in Brazil",
        "IGF 2013 corridor talk",
        "https://example.org/points",
        "Amara's notes",
        "graphkit record: Amara Diallo attended IGF 2013 Bali",
        "graphkit record: Lucas Pereira attended IGF 2013 Bali",
        "Amara's call log",
        "graphkit record: Lucas Pereira attended IGF 2014 Istanbul",
    )
    assert [f.sources for f in b.section(WHO).facts] == [(1,), (2,), (3,), (1,)]
    assert (stance.sources, stance.details[0].sources) == ((4,), (5,))
    assert [d.sources for f in paths.facts for d in f.details] == [(6,), (7,), (8,)]
    assert [f.sources for s in b.sections[3:] for f in s.facts] == [(6,), (9,), (9,), (10,)]


def test_a_shared_pack_in_markdown_cites_marks_internal_facts_and_leaves_out_private_ones():
    text = to_markdown(briefing(world(), "person-lucas", "init-dc-pal", AS_OF))
    assert text.startswith("# Briefing pack: Lucas Pereira (Ministry of Communications (Brazil))\n\nFor ")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        *(f"## {t}" for t in SECTIONS),
        "## Sources",
    ]
    assert (
        "- Access and Diversity: neutral (internal) [4]\n  - Talking points: Libraries connect everyone. [5]\n"
        in text
    )
    assert f"  - {AMARA_KNOWS_LUCAS} [6]\n" in text
    assert "Outcome: Agreed \\<b\\>next steps\\</b\\> & a visit [9]" in text  # no HTML of its own
    assert text.endswith(
        "## Sources\n\n1. graphkit record: Lucas Pereira\n"
        "2. graphkit record: Lucas Pereira works for Ministry of Communications (Brazil)\n"
        "3. graphkit record: Lucas Pereira based in Brazil\n4. IGF 2013 corridor talk\n"
        "5. <https://example.org/points>\n6. Amara's notes\n"
        "7. graphkit record: Amara Diallo attended IGF 2013 Bali\n"
        "8. graphkit record: Lucas Pereira attended IGF 2013 Bali\n9. Amara's call log\n"
        "10. graphkit record: Lucas Pereira attended IGF 2014 Istanbul\n"
    )
    for private in ("Beto", "old friends", "Lunch", LUNCH_NOTES, "(private)", PRIVATE_WARNING):
        assert private not in text


def test_a_pack_with_private_facts_says_so_at_the_top_and_marks_them():
    b = briefing(world(), "person-lucas", "init-dc-pal", AS_OF, include_private=True)
    assert b.private
    beto = "Beto Souza (Brazil)"
    assert texts(b, KNOWN_BY) == [
        f"{beto}: strength 5, last contact 2014-03-10, old friends",
        "Amara Diallo (Kenya Library Association): strength 4, last contact 2013-10-24, met at IGF 2013 Bali",
    ]
    assert [f.sensitivity for f in b.section(KNOWN_BY).facts] == ["private", "public"]
    assert texts(b, PATHS)[0] == "Path 1: 1 hop from Beto Souza (Brazil), cost 1.05"
    assert (
        texts(b, INTERACTIONS)[0]
        == f"2014-03-10, meeting: Lunch in Brasília, with Beto Souza. Notes: {LUNCH_NOTES}"
    )
    assert "graphkit record: Lunch in Brasília" in b.sources
    text = to_markdown(b)
    assert text.startswith(
        f"# Briefing pack: Lucas Pereira (Ministry of Communications (Brazil))\n\n**{PRIVATE_WARNING}.**\n"
    )
    assert f"{beto}: strength 5, last contact 2014-03-10, old friends (private) [" in text
    page = to_html(b)
    assert f'<p class="warning" role="alert">{PRIVATE_WARNING}</p>' in page
    assert page.index(PRIVATE_WARNING) < page.index("<h2>")


def test_the_html_page_is_self_contained_printable_and_escaped():
    page = to_html(briefing(world(), "person-lucas", "init-dc-pal", AS_OF))
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "@page { size: A4;" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert "<title>Briefing pack: Lucas Pereira</title>" in page
    assert "Agreed &lt;b&gt;next steps&lt;/b&gt; &amp; a visit" in page
    assert "<b>next" not in page
    assert [f"<h2>{html.escape(t)}</h2>" in page for t in (*SECTIONS, "Sources")] == [True] * (
        len(SECTIONS) + 1
    )
    assert '<sup><a href="#source-4">4</a></sup>' in page
    assert (
        '<li id="source-5"><a href="https://example.org/points">https://example.org/points</a></li>' in page
    )
    assert '<li id="source-6">Amara&#x27;s notes</li>' in page
    assert '<span class="mark internal">(internal)</span>' in page
    for private in ("Beto", "Lunch", LUNCH_NOTES, PRIVATE_WARNING):
        assert private not in page


def test_only_stakeholders_get_a_pack_and_a_shared_pack_refuses_a_private_one():
    G = world()
    with pytest.raises(GraphkitError, match="'Access and Diversity' is not a person or organisation"):
        briefing(G, "pa-access", "init-dc-pal", AS_OF)
    with pytest.raises(GraphkitError, match="not a coalition"):
        briefing(G, "person-lucas", "org-kla", AS_OF)
    G.nodes["person-lucas"]["sensitivity"] = "private"
    with pytest.raises(GraphkitError, match="'person-lucas' is private"):
        briefing(G, "person-lucas", "init-dc-pal", AS_OF)
    assert briefing(G, "person-lucas", "init-dc-pal", AS_OF, include_private=True).private


def test_a_pack_on_an_organisation_lists_its_staff_and_who_knows_them():
    b = briefing(world(), "org-minicom-br", "init-dc-pal", AS_OF)
    assert texts(b, WHO) == [
        "Ministry, stakeholder group: government",
        "Based in Brazil",
        "Staff: Lucas Pereira",
    ]
    assert texts(b, KNOWN_BY) == [
        "Amara Diallo (Kenya Library Association) knows Lucas Pereira: strength 4, last contact 2013-10-24, "
        "met at IGF 2013 Bali"
    ]
    assert b.section(EVENTS).note == "No upcoming event on record."


# The shipped seed: Wambui Gichuru, two warm hops from DC-PAL, with a private dinner logged.

WAMBUI = "person-wambui-gichuru"
SEED_DAY = date(2026, 12, 1)
DINNER = "Dinner after the Nairobi ICT week"
DINNER_NOTES = "Wambui said in confidence that she may leave the ministry in 2027"


def seed_paths(G):
    return engagement_paths(shareable(G), "init-dc-pal", WAMBUI, k=3, costs=TieCosts(as_of=SEED_DAY))


def test_the_seed_pack_on_wambui_has_her_warm_paths_her_next_igf_and_no_private_fact(seed_graph):
    b = briefing(seed_graph, WAMBUI, "init-dc-pal", SEED_DAY)
    answer = seed_paths(seed_graph)
    assert answer.paths[0].nodes == ("person-njeri-chebet", "person-jabari-kariuki", WAMBUI)
    assert [len(p.hops) for p in answer.paths] == [2, 2, 2]
    assert [d.text for f in b.section(PATHS).facts for d in f.details] == [
        h.explanation for p in answer.paths for h in p.hops
    ]
    assert texts(b, EVENTS) == ["2027-06-15, IGF 2027 (attendee)"]  # hypothetical: no place yet
    assert texts(b, KNOWN_BY) == []
    assert all(f.sources for s in b.sections if s.title != PATHS for f in s.facts)
    assert all(f.sensitivity != "private" for s in b.sections for f in s.facts for f in (f, *f.details))
    md, page = to_markdown(b), to_html(b)
    for text in (md, page):
        assert "Njeri Chebet" in text and "Jabari Kariuki" in text
        for private in (DINNER, DINNER_NOTES, "confidence", PRIVATE_WARNING, "(private)"):
            assert private not in text
    assert md.count("\n1. ") == 1 and f"\n{len(b.sources)}. " in md.split("## Sources")[1]
    # The private pack has the dinner, and says it is not for sharing.
    mine = to_markdown(briefing(seed_graph, WAMBUI, "init-dc-pal", SEED_DAY, include_private=True))
    assert f"**{PRIVATE_WARNING}.**" in mine
    assert f"{DINNER}, with Amani Njoroge" in mine and DINNER_NOTES in mine


def test_the_seed_pack_says_which_of_its_sources_are_illustrative_and_which_were_checked(seed_graph):
    njeri = "person-njeri-chebet"
    sources = briefing(seed_graph, njeri, "init-dc-pal", SEED_DAY).sources
    assert "graphkit record: Njeri Chebet (illustrative)" in sources  # she is invented
    assert not [s for s in sources if "person-" in s or "org-" in s]  # sources in words, not ids
    checked = {
        f"{d['source']} (retrieved {d['retrieved_on']})"
        for _, d in seed_graph.nodes(data=True)
        if d.get("status") == "real"
    }
    real = [s for s in sources if " (retrieved " in s]  # the action lines she works on, say
    assert real and set(real) <= checked, sources


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, as a reader would copy it."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_title(data: bytes) -> str:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data)).metadata.title


@pytest.mark.slow
def test_the_pdf_pack_has_every_section_and_lists_its_sources_in_words():
    b = briefing(world(), "person-lucas", "init-dc-pal", AS_OF)
    data = to_pdf(b)
    assert data.startswith(b"%PDF-")
    text = " ".join(pdf_text(data).split())
    for title in (*SECTIONS, "Sources"):
        assert title in text
    assert pdf_title(data) == "Briefing pack: Lucas Pereira"
    for n, source in enumerate(b.sources, 1):
        assert f"{n}. {source}" in text
    assert "2. graphkit record: Lucas Pereira works for Ministry of Communications (Brazil)" in text
    assert "person-lucas" not in text and "WORKS_FOR" not in text
    assert "Beto" not in text and PRIVATE_WARNING.upper() not in text


def test_a_pdf_pack_with_private_facts_says_so_at_the_top():
    text = pdf_text(to_pdf(briefing(world(), "person-lucas", "init-dc-pal", AS_OF, include_private=True)))
    assert text.index(PRIVATE_WARNING.upper()) < text.index(WHO)
    assert "old friends (private)" in " ".join(text.split())


def test_without_a_unicode_font_the_pdf_folds_what_helvetica_cannot_write(monkeypatch):
    monkeypatch.setattr("graphkit.viz.briefing._unicode_font", lambda: None)
    G = world()
    G.nodes["person-lucas"]["name"] = "Łukasz Pereira"
    text = pdf_text(to_pdf(briefing(G, "person-lucas", "init-dc-pal", AS_OF)))
    assert "Lukasz Pereira" in text and "Sources" in text


def test_graphkit_brief_writes_a_pdf(seed_url, tmp_path: Path):
    out = tmp_path / "wambui.pdf"
    code, said = brief(
        WAMBUI, "--as-of", "2026-12-01", "--format", "pdf", "--out", str(out), "--store", seed_url
    )
    assert code == 0, said
    text = pdf_text(out.read_bytes())
    assert "Wambui Gichuru (MICDE, Kenya)" in text and "IGF 2027" in text and DINNER not in text
    code, said = brief(WAMBUI, "--format", "pdf", "--store", seed_url)
    assert code == 2 and "a PDF goes to a file: give --out" in said


def brief(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["brief", *args])
    return result.exit_code, result.output


def test_graphkit_brief_prints_the_pack_for_the_default_coalition(seed_url, seed_graph):
    code, out = brief("Wambui Gichuru", "--as-of", "2026-12-01", "--store", seed_url)
    assert code == 0, out
    assert out == to_markdown(briefing(seed_graph, WAMBUI, "init-dc-pal", SEED_DAY))
    assert out.startswith("# Briefing pack: Wambui Gichuru (MICDE, Kenya)\n")
    assert "For Dynamic Coalition on Public Access in Libraries, as of 2026-12-01." in out
    assert DINNER not in out and DINNER_NOTES not in out
    code, mine = brief("Wambui Gichuru", "--as-of", "2026-12-01", "--include-private", "--store", seed_url)
    assert code == 0 and PRIVATE_WARNING in mine and DINNER_NOTES in mine


def test_graphkit_brief_writes_an_html_page(seed_url, tmp_path: Path):
    out = tmp_path / "wambui.html"
    code, said = brief(
        WAMBUI, "--as-of", "2026-12-01", "--format", "html", "--out", str(out), "--store", seed_url
    )
    assert code == 0, said
    assert said == f"Wrote the briefing pack on Wambui Gichuru (MICDE, Kenya) to {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h1>Wambui Gichuru (MICDE, Kenya)</h1>" in page
    assert "IGF 2027" in page and DINNER not in page


def test_graphkit_brief_refuses_what_is_not_a_stakeholder_in_one_line(seed_url):
    code, out = brief("Access and Diversity", "--store", seed_url)
    assert code == 1
    assert (
        out
        == "Error: no Person or Organization called 'Access and Diversity'; search with part of a name, or give an id\n"
    )


def test_the_explore_panel_downloads_her_pack_without_private_facts(
    seed_url, seed_graph, monkeypatch, deferred_downloads
):
    made = deferred_downloads
    at = open_app(seed_url, monkeypatch, "graphkit/app/explore.py")
    at.text_input(key="explore_search").input("Wambui").run()
    assert at.selectbox(key="explore_focus").value == WAMBUI
    assert [b.proto.label for b in at.get("download_button")] == [
        "Briefing pack (Markdown)",
        "Briefing pack (HTML, to print)",
        "Briefing pack (PDF)",
    ]
    md = made[f"briefing-{WAMBUI}.md"]()
    assert md == to_markdown(briefing(seed_graph, WAMBUI, "init-dc-pal", date.today()))
    assert "Njeri Chebet (KLA, Kenya) knows Jabari Kariuki (KICTANet, Kenya) well" in md
    assert "Jabari Kariuki (KICTANet, Kenya) knows Wambui Gichuru (MICDE, Kenya) well" in md
    page = made[f"briefing-{WAMBUI}.html"]()
    pdf = pdf_text(made[f"briefing-{WAMBUI}.pdf"]())
    assert "Wambui Gichuru (MICDE, Kenya)" in pdf and "Sources" in pdf
    for text in (md, page, pdf):
        assert DINNER not in text and DINNER_NOTES not in text and PRIVATE_WARNING not in text
    at.checkbox(key=INCLUDE_PRIVATE).check().run()
    mine = made[f"briefing-{WAMBUI}-private.md"]()
    assert PRIVATE_WARNING in mine and DINNER_NOTES in mine
