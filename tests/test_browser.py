"""End to end: the real app in a real (headless) Chromium draws the network on the Explore page.

Needs Debian's Chromium at /usr/bin/chromium (``scripts/install-browser``) and the ``playwright``
package; never ``playwright install``. Skipped when Chromium is missing, except under CI
(``CI`` set), where that is a failure. Screenshots go to out/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED, running_app

from graphkit.io.csv_folder import read_nodes, read_relationships

pytestmark = pytest.mark.slow  # a real app in Chromium

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "out" / "screenshots"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing under CI: run scripts/install-browser", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing; scripts/install-browser installs it", allow_module_level=True)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    store = f"sqlite:///{folder / 'seed.db'}"
    subprocess.run(
        [sys.executable, "-m", "graphkit.cli", "seed", str(SEED), "--store", store],
        check=True,
        capture_output=True,
    )
    with running_app(store, folder / "app.log") as (url, _):
        yield url


def test_the_explore_page_draws_the_network_finds_a_stakeholder_and_answers_a_click(app_url):
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1250}, accept_downloads=True)
            page.goto(f"{app_url}/explore?start=influential")
            frame = page.frame_locator("iframe[title^='Network picture']")
            expect(frame.locator("#network canvas")).to_be_visible(timeout=60_000)
            expect(frame.locator("body[data-nodes='250']")).to_have_count(1, timeout=30_000)
            seeded = sum(1 for _ in read_nodes(SEED))
            expect(page.get_by_text(f"250 shown, {seeded - 250} hidden")).to_be_visible()
            page.wait_for_timeout(500)
            page.screenshot(path=SCREENSHOTS / "explore.png", full_page=True)
            # The names drawn never overlap and none sticks out of the picture's frame.
            boxes = frame.locator("body").evaluate("() => window.labelBoxes")
            width, height = frame.locator("#network").evaluate("e => [e.clientWidth, e.clientHeight]")
            assert len(boxes) >= 10
            # the most influential are named, not the minor nodes at the picture's edge where there is room
            drawn = {b["text"] for b in boxes}
            assert {"IFLA", "Access and Diversity"} <= drawn, drawn
            # the coalition itself
            assert any("Public Access in Libraries" in t for t in drawn), sorted(drawn)
            for i, a in enumerate(boxes):
                assert (
                    min(a["left"], a["top"]) >= -1 and a["right"] <= width + 1 and a["bottom"] <= height + 1
                ), a
                for b in boxes[i + 1 :]:
                    apart = a["right"] <= b["left"] or b["right"] <= a["left"]
                    assert apart or a["bottom"] <= b["top"] or b["bottom"] <= a["top"], (a, b)

            page.get_by_label("Find a stakeholder").fill("Wambui")
            page.get_by_label("Find a stakeholder").press("Enter")
            expect(page.get_by_role("heading", name="Wambui Gichuru")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Jabari Kariuki (KICTANet, Kenya)")).to_be_visible()
            wambui = "person-wambui-gichuru"
            near = [r for r in read_relationships(SEED) if wambui in (r.source, r.target)]
            around = {r.target if r.source == wambui else r.source for r in near}
            expect(frame.locator(f"body[data-nodes='{len(around) + 1}']")).to_have_count(1, timeout=30_000)
            page.wait_for_timeout(500)
            page.screenshot(path=SCREENSHOTS / "explore-wambui.png", full_page=True)

            # Clicking a node in the picture selects it: the component sends its id to Python.
            canvas = frame.locator("#network canvas")
            spot = frame.locator("body").evaluate(
                "() => network.canvasToDOM(network.getPosition('person-jabari-kariuki'))"
            )
            canvas.click(position={"x": spot["x"], "y": spot["y"]})
            expect(page.get_by_role("heading", name="Jabari Kariuki")).to_be_visible(timeout=30_000)
            page.wait_for_timeout(500)
            page.screenshot(path=SCREENSHOTS / "explore-clicked.png", full_page=True)

            with page.expect_download() as download:
                frame.get_by_role("button", name="Download PNG").click()
            png = SCREENSHOTS / "network.png"
            download.value.save_as(png)
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        finally:
            browser.close()


def test_the_paths_page_finds_and_draws_a_warm_introduction(app_url):
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1250})
            page.goto(f"{app_url}/paths")
            expect(page.get_by_role("heading", name="Engagement paths")).to_be_visible(timeout=60_000)
            target = page.get_by_label("Whom to reach")
            target.click()
            target.fill("Wambui")
            page.keyboard.press("Enter")
            expect(page.get_by_text("best start: Njeri Chebet (KLA, Kenya)")).to_be_visible(timeout=30_000)
            expect(
                page.get_by_text(
                    "Njeri Chebet (KLA, Kenya) knows Jabari Kariuki (KICTANet, Kenya) well"
                ).first
            ).to_be_visible()
            frame = page.frame_locator("iframe[title^='Network picture']")
            expect(frame.locator("#network canvas")).to_be_visible(timeout=30_000)
            page.wait_for_timeout(1000)
            page.screenshot(path=SCREENSHOTS / "paths.png", full_page=True)
        finally:
            browser.close()


def test_a_coverage_link_opens_the_cell_it_was_copied_on_even_the_first_of_each_list(app_url):
    """Streamlit leaves a bound select's default out of the address: the first policy area and the
    first group were once lost from links, which then opened on another cell."""
    from playwright.sync_api import expect, sync_playwright

    def cell_said(page) -> str:
        said = page.get_by_test_id("stAlert").filter(has_text=re.compile(r": (a gap|weak|covered) — ")).first
        expect(said).to_be_visible(timeout=30_000)
        return said.inner_text()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{app_url}/coverage")
            expect(page.get_by_text("Who is there, and who could fill the gap")).to_be_visible(timeout=60_000)
            opened_on = cell_said(page)
            for label in ("Policy area", "Stakeholder group"):
                choices = page.get_by_role("combobox", name=label, exact=True)
                for _ in range(3):  # a rerun may redraw the select as it is clicked: click it again
                    choices.click()
                    if page.get_by_role("option").first.is_visible(timeout=5_000):
                        break
                page.get_by_role("option").first.click()
                page.wait_for_timeout(1500)
            chosen = cell_said(page)
            assert chosen != opened_on  # the first area in the first group, not the first gap
            # the first group, chosen, is in the address (the area, where the page chose it, is its default)
            assert "coverage_column=government" in page.url, page.url
            fresh = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
            fresh.goto(page.url)
            expect(fresh.get_by_text("Who is there, and who could fill the gap")).to_be_visible(
                timeout=60_000
            )
            assert cell_said(fresh) == chosen
        finally:
            browser.close()


def test_graphkit_serve_from_another_folder_has_the_apps_theme(tmp_path):
    """The theme (WCAG contrast) lives beside the app's script, so it holds wherever `graphkit serve` starts."""
    from playwright.sync_api import expect, sync_playwright
    from test_serve import free_port

    port = free_port()
    store = f"sqlite:///{tmp_path / 'serve.db'}"
    cmd = [sys.executable, "-m", "graphkit.cli", "serve", "--headless", "--port", str(port), "--store", store]
    server = subprocess.Popen(cmd, cwd=tmp_path, env={**os.environ, "HOME": str(tmp_path)})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1440, "height": 900}, color_scheme="light")
                for _ in range(60):
                    try:
                        page.goto(f"http://127.0.0.1:{port}/")
                        break
                    except Exception:
                        assert server.poll() is None, "graphkit serve stopped"
                        page.wait_for_timeout(1000)
                heading = page.get_by_role("heading", name="graphkit").first
                expect(heading).to_be_visible(timeout=60_000)
                # graphkit's text colour, #141312, not Streamlit's own (49, 51, 63)
                assert heading.evaluate("e => getComputedStyle(e).color") == "rgb(20, 19, 18)"
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.parametrize(
    ("path", "heading", "expected"),
    [
        ("", "graphkit", "Engagement paths"),
        ("coverage", "Coverage gaps", "Universal Access and Digital Rights"),
        ("influence", "Influence", "Brokers"),
        ("events", "Events", "introduces Njeri Chebet"),
        ("going-cold", "Going cold", "Overdue follow-ups"),
        ("data", "Data", "Log an interaction"),
    ],
)
def test_every_page_opens_in_the_browser_without_an_error(app_url, path, heading, expected):
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # Streamlit scrolls inside the page, not the document: a tall window shows it all.
            page = browser.new_page(viewport={"width": 1500, "height": 2600})
            page.goto(f"{app_url}/{path}")
            expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=60_000)
            expect(page.get_by_text(expected).first).to_be_visible(timeout=60_000)
            # Widgets are grey placeholders until their code arrives, charts draw after the text.
            expect(page.locator("[data-testid^='stSkeleton']")).to_have_count(0, timeout=30_000)
            page.wait_for_timeout(1500)
            expect(page.locator("[data-testid='stException']")).to_have_count(0)
            page.screenshot(path=SCREENSHOTS / f"{path or 'home'}.png", full_page=True)
        finally:
            browser.close()
