"""The Coverage gaps page, run headless with AppTest on a real store: the heatmap, its cells, candidates."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pyarrow as pa
import pytest
from click.testing import CliRunner
from conftest import SEED, open_app, person, small_world
from streamlit.testing.v1 import AppTest

from graphkit.analysis.coverage import gap_candidates
from graphkit.cli import main
from graphkit.model import Node, Relationship
from graphkit.store import open_store
from graphkit.store.base import to_networkx

PAGE = "graphkit/app/coverage.py"


def world():
    """The small world, with more library people on Access and Diversity:

    Nia (Kenya) knows Amara, a coalition member: a reachable ally. Tom (Brazil) is opposed.
    Farah (no country) supports it but nobody knows her: an ally out of reach. Nobody is based in France.
    """
    nodes, rels = small_world()
    nodes.append(Node("country-fr", "Country", "France", {"iso": "FR"}))
    nodes += [
        person("person-nia", "Nia Okafor"),
        person("person-tom", "Tom Berg"),
        person("person-farah", "Farah Haddad"),
    ]
    rels += [
        Relationship("BASED_IN", "person-nia", "country-ke"),
        Relationship("BASED_IN", "person-tom", "country-br"),
        Relationship("KNOWS", "person-nia", "person-amara", {"strength": 5}),
        Relationship("ENGAGES_ON", "person-nia", "pa-access", {"stance": "supportive"}),
        Relationship("ENGAGES_ON", "person-tom", "pa-access", {"stance": "opposed"}),
        Relationship("ENGAGES_ON", "person-farah", "pa-access", {"stance": "champion"}),
    ]
    return nodes, rels


@pytest.fixture
def world_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'coverage.db'}"
    with open_store(url) as s:
        s.upsert(*world())
    return url


def coverage(url: str, monkeypatch, rows: str | None = "igf_theme") -> AppTest:
    """The page; by default on the IGF themes of every year (None: as it opens, on the latest meeting)."""
    at = open_app(url, monkeypatch, PAGE, timeout=60)
    if rows:
        at.selectbox(key="coverage_rows").select(rows).run()
        assert not at.exception
    return at


def choose(at: AppTest, row: str, column: str) -> AppTest:
    at.selectbox(key="coverage_row").select(row)
    at.selectbox(key="coverage_column").select(column).run()
    assert not at.exception
    return at


def listed(at: AppTest, title: str) -> list[str]:
    """The names under one of the cell's headings ("Neutral", "Opposed", ...), each a link to its
    stakeholder on Explore (checked here)."""
    (block,) = [m.value for m in at.markdown if m.value.startswith(f"##### {title} (")]
    names = []
    for line in block.splitlines()[1:]:
        if line != "- nobody":
            found = re.fullmatch(r"- \[(.*)\]\(explore\?focus=[^)]+\)(.*)", line)
            assert found, line
            names.append(found.group(1) + found.group(2))
    return names


def chart_rows(at: AppTest) -> list[dict]:
    """The heatmap's cells as the chart receives them."""
    (chart,) = at.get("vega_lite_chart")
    (dataset,) = chart.proto.datasets
    return pa.ipc.open_stream(io.BytesIO(dataset.data.data)).read_all().to_pylist()


def test_a_cell_lists_exactly_who_engages_there(world_url, monkeypatch):
    at = choose(coverage(world_url, monkeypatch), "pa-access", "library")
    assert listed(at, "Allies the coalition reaches") == [
        "Amara Diallo (Kenya Library Association)",
        "Nia Okafor (Kenya)",
    ]
    assert listed(at, "Allies out of reach") == ["Farah Haddad"]
    assert listed(at, "Neutral") == []
    assert listed(at, "Opposed") == ["Tom Berg (Brazil)"]
    assert at.warning[0].value.startswith(
        "**Access and Diversity** in **library**: weak — 2 reachable allies"
    )

    at = choose(at, "pa-access", "government")
    assert listed(at, "Neutral") == ["Lucas Pereira (Ministry of Communications (Brazil))"]
    assert listed(at, "Allies the coalition reaches") == listed(at, "Opposed") == []


def test_the_heatmap_marks_gaps_and_weak_cells_and_says_what_they_mean(world_url, monkeypatch):
    at = coverage(world_url, monkeypatch)
    cells = {(c["row"], c["column"]): c for c in chart_rows(at)}
    assert len(cells) == 2 * 7  # two IGF themes x seven stakeholder groups
    assert cells["pa-access", "library"]["text"] == "weak · 2"
    assert cells["pa-cir", "technical_community"]["text"] == "weak · 1"  # Inés, two hops from Amara
    assert cells["pa-access", "government"]["text"] == "gap"
    (chart,) = at.get("vega_lite_chart")
    spec = json.dumps(json.loads(chart.proto.spec))
    assert "gap: no ally the coalition reaches within 3 hops" in spec  # the legend
    assert "weak: fewer than 3 reachable allies" in spec


def test_switching_columns_to_regions_and_filtering_by_region(world_url, monkeypatch):
    at = coverage(world_url, monkeypatch)
    at.selectbox(key="coverage_columns").select("region").run()
    assert {c["Region"] for c in chart_rows(at)} == {"African Group", "Latin American and Caribbean Group"}
    at = choose(at, "pa-access", "region-african")
    # Farah has no country, so no region: only the Kenyans count here.
    assert listed(at, "Allies the coalition reaches") == [
        "Amara Diallo (Kenya Library Association)",
        "Nia Okafor (Kenya)",
    ]
    assert listed(at, "Allies out of reach") == []
    at = choose(at, "pa-access", "region-grulac")
    assert listed(at, "Neutral") == ["Lucas Pereira (Ministry of Communications (Brazil))"]
    assert listed(at, "Opposed") == ["Tom Berg (Brazil)"]

    at.selectbox(key="coverage_columns").select("stakeholder_group")
    at.selectbox(key="coverage_region").select("region-grulac").run()
    at = choose(at, "pa-access", "library")
    assert listed(at, "Allies the coalition reaches") == []
    assert listed(at, "Opposed") == ["Tom Berg (Brazil)"]


def test_country_columns_leave_out_countries_where_nobody_engages(world_url, monkeypatch):
    at = coverage(world_url, monkeypatch)
    at.selectbox(key="coverage_columns").select("country").run()
    assert {c["Country"] for c in chart_rows(at)} == {"Argentina", "Brazil", "Kenya"}
    assert "Left out: 1 country where nobody engages" in at.caption[0].value
    assert at.selectbox(key="coverage_column").options == ["Argentina", "Brazil", "Kenya"]


def test_a_gap_cell_shows_candidates_with_the_introductions_that_reach_them(world_url, monkeypatch):
    at = choose(coverage(world_url, monkeypatch), "pa-access", "government")
    assert at.error[0].value.startswith("**Access and Diversity** in **government**: a gap")
    text = "\n".join(m.value for m in at.markdown)
    assert (
        "**1. [Lucas Pereira (Ministry of Communications (Brazil))](explore?focus=person-lucas)** — neutral on this policy area"
        in text
    )
    assert re.search(r"Reach them in 1 hop, (warm|to check first):", text)  # warmth in words, not a cost
    assert (
        "1. Amara Diallo (Kenya Library Association) knows Lucas Pereira (Ministry of Communications (Brazil)) well"
        in text
    )


def test_counting_related_areas_adds_the_action_line_allies_to_an_sdg(tmp_path, monkeypatch):
    """SDG 4 rows: Amara champions SDG 4 itself; Nia (Kenya, known to Amara) only supports WSIS C3,
    which RELATES_TO SDG 4, and Tom opposes C3 but is neutral on SDG 4 itself."""
    nodes, rels = world()
    nodes += [
        Node("pa-sdg-4", "PolicyArea", "SDG 4 Quality education", {"kind": "sdg", "code": "SDG 4"}),
        Node("pa-c3", "PolicyArea", "WSIS C3", {"kind": "wsis_action_line", "code": "C3"}),
    ]
    rels += [
        Relationship("RELATES_TO", "pa-c3", "pa-sdg-4"),
        Relationship("ENGAGES_ON", "person-amara", "pa-sdg-4", {"stance": "champion"}),
        Relationship("ENGAGES_ON", "person-nia", "pa-c3", {"stance": "supportive"}),
        Relationship("ENGAGES_ON", "person-tom", "pa-c3", {"stance": "opposed"}),
        Relationship("ENGAGES_ON", "person-tom", "pa-sdg-4", {"stance": "neutral"}),
    ]
    url = f"sqlite:///{tmp_path / 'sdg.db'}"
    with open_store(url) as s:
        s.upsert(nodes, rels)
    at = coverage(url, monkeypatch)
    at.selectbox(key="coverage_rows").select("sdg").run()
    at = choose(at, "pa-sdg-4", "library")
    assert listed(at, "Allies the coalition reaches") == ["Amara Diallo (Kenya Library Association)"]
    assert listed(at, "Neutral") == ["Tom Berg (Brazil)"]
    assert {(c["row"], c["column"]): c["text"] for c in chart_rows(at)}["pa-sdg-4", "library"] == "weak · 1"
    assert "Stances on related areas count too" not in at.caption[0].value

    at.checkbox(key="coverage_via_related").check().run()
    assert not at.exception
    assert listed(at, "Allies the coalition reaches") == [
        "Amara Diallo (Kenya Library Association)",
        "Nia Okafor (Kenya) · via a related area",
    ]
    assert listed(at, "Neutral") == ["Tom Berg (Brazil)"], "his own stance on SDG 4 wins over C3"
    assert listed(at, "Opposed") == []
    assert {(c["row"], c["column"]): c["text"] for c in chart_rows(at)}["pa-sdg-4", "library"] == "weak · 2"
    assert "Stances on related areas count too; a direct stance wins." in at.caption[0].value


def test_candidates_for_a_region_are_based_there():
    G = to_networkx(*world())
    anywhere = gap_candidates(G, "init-dc-pal", "pa-access", None)
    assert {c.stakeholder for c in anywhere} == {
        "person-amara",
        "person-nia",
        "person-farah",
        "person-lucas",
        "person-ines",
    }
    in_kenya = gap_candidates(G, "init-dc-pal", "pa-access", None, region="region-african")
    assert {c.stakeholder for c in in_kenya} == {"person-amara", "person-nia"}
    assert gap_candidates(G, "init-dc-pal", "pa-access", "library", country="country-br") == []


def test_an_empty_store_says_how_to_load_the_seed(tmp_path, monkeypatch):
    at = coverage(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch, rows=None)
    assert "graphkit seed" in at.warning[0].value


def test_the_page_opens_on_the_themes_of_the_latest_meeting_and_says_which(world_url, monkeypatch):
    at = coverage(world_url, monkeypatch, rows=None)
    assert at.selectbox(key="coverage_rows").value == "meeting"
    assert at.selectbox(key="coverage_event").options == ["IGF 2013 Bali (2013)"]
    assert at.caption[0].value.startswith("The themes of **IGF 2013 Bali (2013)**: 1 by 7 stakeholder groups")
    assert {c["row"] for c in chart_rows(at)} == {"pa-access"}


def test_the_seed_opens_on_igf_2025_where_libraries_have_no_voice_on_digital_cooperation(
    tmp_path, monkeypatch
):
    if date.today() >= date(2027, 6, 15):
        pytest.skip("the seed's hypothetical IGF 2027 (dated 2027-06-15) is then the latest meeting held")
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    assert CliRunner().invoke(main, ["seed", str(SEED), "--store", url]).exit_code == 0
    at = coverage(url, monkeypatch, rows=None)
    assert at.caption[0].value.startswith("The themes of **IGF 2025 Lillestrøm (2025)**: 4 by 7")
    assert at.selectbox(key="coverage_event").options[:3] == [
        "IGF 2025 Lillestrøm (2025)",  # the latest held; the hypothetical IGF 2027 comes after it
        "IGF 2027 (2027)",
        "IGF 2024 Riyadh (2024)",
    ]
    assert "Digital Cooperation" in at.info[0].value
    cells = {(c["row"], c["column"]): c["text"] for c in chart_rows(at)}
    assert cells["pa-igf-2025-cooperation", "library"] == "gap"
    at.selectbox(key="coverage_event").select("event-igf-2012-baku").run()
    assert at.caption[0].value.startswith("The themes of **IGF 2012 Baku (2012)**: 5 by 7")

    at = coverage(url, monkeypatch)
    assert "Managing Critical Internet Resources; Emerging Issues" in at.info[0].value
    at = choose(at, "pa-igf-critical-internet-resources", "library")
    assert at.error[0].value.startswith("**Managing Critical Internet Resources** in **library**: a gap")
    for title in ("Allies the coalition reaches", "Allies out of reach", "Neutral", "Opposed"):
        assert listed(at, title) == []
    cells = {(c["row"], c["column"]): c["text"] for c in chart_rows(at)}
    assert cells["pa-igf-critical-internet-resources", "library"] == "gap"
    assert cells["pa-igf-access-diversity", "library"] == "77"
