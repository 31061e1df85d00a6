"""WCAG 2.1 AA in the real app, in a real (headless) Chromium: axe-core on every page in both themes
and inside every picture's frame, and the main tasks done with the keyboard alone.

axe-core comes from the npm registry into .cache/axe (scripts/install-browser, which scripts/test
runs); without it the tests are skipped, except under CI, where that is a failure. Screenshots go
to out/screenshots/ (git-ignored): look at them, a picture nobody can read passes no test here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import REPO, running_app
from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, app_url  # noqa: F401 (a fixture)

from graphkit.viz.colours import BACKGROUNDS, contrast

pytestmark = pytest.mark.slow  # a real app in Chromium

AXE = REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
#: The rules of WCAG 2.1 levels A and AA (axe-core's tags).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PICTURE = "iframe[title^='Network picture']"
#: The pages by url path, with text that shows the page has drawn what it draws.
PAGES = {
    "": "Engagement paths",
    "paths": "Path 1",
    "coverage": "Universal Access and Digital Rights",
    "influence": "Brokers",
    "events": "introduces Njeri Chebet",
    "going-cold": "Overdue follow-ups",
    "explore": "250 shown",
    "data": "Log an interaction",
}
#: What document.activeElement is, through frames: "frame title>TAG|id|accessible name|text".
ACTIVE = """() => {
  let e = document.activeElement, frames = [];
  while (e && e.tagName === "IFRAME" && e.contentDocument) { frames.push(e.title); e = e.contentDocument.activeElement; }
  if (!e) return "";
  const name = e.getAttribute("aria-label") || (e.labels && e.labels[0] ? e.labels[0].innerText : "");
  return `${frames.join(">")}>${e.tagName}|${e.id}|${name}|${(e.innerText || e.value || "").slice(0, 80)}`;
}"""

#: The option a focused select's list points at (its aria-activedescendant), as text.
OPTION = """() => {
  const e = document.activeElement, id = e && e.getAttribute("aria-activedescendant");
  const option = id ? document.getElementById(id) : null;
  return option ? option.innerText : "";
}"""

if not AXE.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{AXE} is missing under CI: run scripts/install-browser", pytrace=False)
    pytest.skip(f"{AXE} is missing; scripts/install-browser installs it", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def own_app_url(tmp_path):
    """The app on the seed, in a process of its own: the keyboard test starts from an app no page has
    used yet (on the app the other tests had used, Chromium stopped drawing the focus ring of the
    first Tab: not understood yet, and seen on this test's own branch too)."""
    store = f"sqlite:///{tmp_path / 'seed.db'}"
    subprocess.run(
        [sys.executable, "-m", "graphkit.cli", "seed", str(REPO / "seed"), "--store", store], check=True
    )
    with running_app(store, tmp_path / "app.log") as (url, _):
        yield url


def choose_target(page, name: str = "Wambui") -> None:
    """On Engagement paths, choose whom to reach by typing part of the name."""
    target = page.get_by_label("Whom to reach")
    target.click()
    target.fill(name)
    page.keyboard.press("Enter")


def open_page(browser, app_url, path: str, theme: str = "light", size=(1440, 900)):  # noqa: F811
    """A new browser page on the app's page ``path``, in ``theme``, drawn in full."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": size[0], "height": size[1]}, color_scheme=theme)
    page.goto(f"{app_url}/{path}" + ("?start=influential" if path == "explore" else ""))
    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    if path == "paths":
        choose_target(page)
    expect(page.get_by_text(PAGES[path]).first).to_be_visible(timeout=60_000)
    expect(page.locator("[data-testid^='stSkeleton']")).to_have_count(0, timeout=30_000)
    if path in ("paths", "events", "explore"):
        expect(page.frame_locator(PICTURE).locator("body[data-nodes]")).to_have_count(1, timeout=30_000)
    page.wait_for_timeout(1500)
    return page


def axe_violations(frame) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations in one frame, one line each with where they are."""
    frame.evaluate(AXE.read_text())
    found = frame.evaluate(
        """async (tags) => {
             const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
             return result.violations.map((v) => `${v.id}: ${v.help} at ` +
               v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " (" + (n.failureSummary || "").replace(/\\s+/g, " ") + ")").join("; "));
           }""",
        WCAG_21_AA,
    )
    return [f"{frame.url}: {v}" for v in found]


def hex_colour(css: str) -> str:
    """``"rgb(23, 22, 20)"`` -> ``"#171614"``."""
    r, g, b = (int(c) for c in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def tab_to(page, wanted: str, limit: int = 80) -> str:
    """Press Tab until the focused element's description (see ACTIVE) contains ``wanted``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        page.wait_for_timeout(60)
        active = page.evaluate(ACTIVE)
        if wanted in active:
            return active
    raise AssertionError(f"{limit} Tabs did not reach {wanted!r}; last: {active!r}")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", list(PAGES))
def test_axe_finds_no_wcag_21_aa_violation_on_the_page_or_in_its_picture(browser, app_url, path, theme):  # noqa: F811
    page = open_page(browser, app_url, path, theme)
    try:
        background = page.locator("[data-testid='stApp']").evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert hex_colour(background) == BACKGROUNDS[theme]  # the palette's test checks against these
        page.screenshot(path=SCREENSHOTS / f"a11y-{theme}-{path or 'home'}.png")
        frames = page.frames
        if path in ("paths", "events", "explore"):
            assert len(frames) == 2  # the page and its picture
            page.locator(PICTURE).screenshot(path=SCREENSHOTS / f"a11y-{theme}-{path}-picture.png")
        violations = [v for frame in frames for v in axe_violations(frame)]
        assert violations == []
        # axe leaves these out (white on a dark theme's primary colour once read 2.6:1): check them here.
        buttons = page.locator("[data-testid*='primary']")
        colours = buttons.evaluate_all(
            "bs => bs.map(b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor])"
        )
        for fg, bg in colours:
            if bg.endswith(", 0)"):  # see-through: nothing to measure
                continue
            assert contrast(hex_colour(fg), hex_colour(bg)) >= 4.5, (fg, bg)
    finally:
        page.close()


def arrow_to(page, wanted: str, key: str = "ArrowDown", limit: int = 40) -> str:
    """Press ``key`` in the focused list box (a select's) until the option it points at starts with ``wanted``."""
    for _ in range(limit):
        page.keyboard.press(key)
        page.wait_for_timeout(80)
        option = page.evaluate(OPTION)
        if option.startswith(wanted):
            return option
    raise AssertionError(f"{limit} presses of {key} did not reach {wanted!r}; last: {option!r}")


def test_engagement_paths_by_keyboard_alone(browser, own_app_url):
    """Tab, arrows and Enter only: no name is typed. The target is the fourth stakeholder in the list,
    where officials come first (Ana Dela Cruz, at the DICT in the Philippines), reached with the arrow keys."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{own_app_url}/paths")
        expect(page).to_have_title("Engagement paths · graphkit", timeout=60_000)
        expect(page.get_by_role("heading", name="Engagement paths")).to_be_visible(timeout=60_000)
        tab_to(page, "Skip to main content")
        assert (
            page.locator(":focus").evaluate("e => getComputedStyle(e).outline")
            == "rgb(31, 111, 209) solid 3px"
        )
        page.keyboard.press("Enter")
        tab_to(page, "|Whom to reach|")
        ring = "e => getComputedStyle(e.closest('[data-focus-visible=\"true\"]:not(input)')).outline"
        assert page.locator(":focus").evaluate(ring) == "rgb(31, 111, 209) solid 3px"  # the field shows focus
        arrow_to(page, "Ana Dela Cruz (DICT, Philippines)")
        page.keyboard.press("Enter")
        expect(page.get_by_text("best start: Marco Reyes (PLAI, Philippines)")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("heading", name="Path 1")).to_be_visible()
        hops = page.locator("[data-testid='stMain'] ol").first.locator("li")  # a numbered list
        expect(hops.first).to_contain_text(
            "Marco Reyes (PLAI, Philippines) knows Ana Dela Cruz (DICT, Philippines)"
        )
        picture = page.frame_locator(PICTURE)
        expect(picture.locator("#summary")).to_contain_text("The path, in red: Marco Reyes → Ana Dela Cruz.")
        tab_to(page, ">DIV|network|Network picture of path 1 to Ana Dela Cruz|")
        status = picture.locator("#status")
        expect(status).to_contain_text("Marco Reyes (person, library)")  # the path's start
        page.keyboard.press("ArrowRight")
        expect(status).not_to_contain_text("Marco Reyes (person")
        page.keyboard.press("+")
        page.wait_for_timeout(300)
        page.locator(PICTURE).screenshot(path=SCREENSHOTS / "keyboard-paths-picture.png")
    finally:
        page.close()


def test_explore_by_keyboard_alone_shows_the_policy_areas_and_opens_one_from_the_picture(browser, app_url):  # noqa: F811
    """Tab, arrows and Enter only: no name is typed. "Show" (the filters' first select) is set to
    policy areas with the arrows; in the picture the arrows move from one to the next, and Enter
    opens it."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{app_url}/explore?start=influential")
        expect(page).to_have_title("Explore · graphkit", timeout=60_000)
        picture = page.frame_locator(PICTURE)
        expect(picture.locator("body[data-nodes='250']")).to_have_count(1, timeout=60_000)
        tab_to(page, "|Show|")
        arrow_to(page, "policy areas")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        expect(picture.locator("body[data-nodes='250']")).to_have_count(0, timeout=30_000)
        tab_to(page, ">DIV|network|Network picture")
        status = picture.locator("#status")
        expect(status).to_contain_text("(policy area)")
        first = status.inner_text().split(" (")[0]
        page.keyboard.press("ArrowRight")
        expect(status).not_to_contain_text(f"{first} (")
        expect(status).to_contain_text("(policy area)")
        name = status.inner_text().split(" (")[0]
        page.wait_for_timeout(300)
        page.locator(PICTURE).screenshot(path=SCREENSHOTS / "keyboard-explore-picture.png")
        page.keyboard.press("Enter")
        main = page.locator("[data-testid='stMain']")
        expect(main.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=30_000)
        expect(main.get_by_text("policy area", exact=True)).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "keyboard-explore-opened.png")
    finally:
        page.close()


def test_the_list_of_nodes_beside_the_picture_opens_one(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = open_page(browser, app_url, "explore")
    try:
        picture = page.frame_locator(PICTURE)
        item = picture.locator("#items li").filter(has_text="Wambui Gichuru").first
        expect(item).to_contain_text("person, government")
        item.get_by_role("button").press("Enter")
        expect(page.get_by_role("heading", name="Wambui Gichuru", exact=True)).to_be_visible(timeout=30_000)
    finally:
        page.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", ["paths", "explore"])
def test_the_pages_read_on_a_phone(browser, app_url, path, theme):  # noqa: F811
    from playwright.sync_api import expect

    page = open_page(browser, app_url, path, theme, size=(390, 844))
    try:
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        page.screenshot(path=SCREENSHOTS / f"a11y-phone-{theme}-{path}.png")
        page.locator(PICTURE).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / f"a11y-phone-{theme}-{path}-picture.png")
    finally:
        page.close()
