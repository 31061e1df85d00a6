"""Home, Going cold and Data as a person sees them in Chromium, at 1440x900, at 390x844 and in the
dark theme: what they say, how long they are, and screenshots of each in out/screenshots/ (look at
them). Also Going cold's "Log a contact" done in the browser."""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, app_url  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow  # a real app in Chromium

VIEWS = {"wide": ((1440, 900), "light"), "phone": ((390, 844), "light"), "dark": ((1440, 900), "dark")}
MAIN = "[data-testid='stMain']"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def opened(browser, url: str, view: str, heading: str):
    from playwright.sync_api import expect

    (width, height), theme = VIEWS[view]
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=theme)
    page.set_default_timeout(60_000)
    page.goto(url)
    expect.set_options(timeout=30_000)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=60_000)
    expect(page.locator("[data-testid^='stSkeleton']")).to_have_count(0)
    return page


def whole(page, name: str) -> int:
    """Screenshot the whole page (the viewport grown to the main column's height); return that height."""
    tall = page.locator(MAIN).evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(tall, 8000)})
    page.wait_for_timeout(800)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")
    return tall


@pytest.mark.parametrize("view", list(VIEWS))
def test_home_counts_in_words(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, app_url, view, "graphkit")
    try:
        expect(page.locator(MAIN).get_by_role("table").first).to_contain_text("policy areas")
        text = page.locator(MAIN).inner_text()
        assert "policy areas" in text and "based in" in text
        for schema in ("PolicyArea", "BASED_IN", "WORKS_FOR", "Organization"):
            assert schema not in text
        # every page's description is there whole: wrapped on a phone, never cut mid-word
        for link in page.locator("[data-testid='stPageLink'] p").all():
            assert link.evaluate("e => e.scrollWidth <= e.clientWidth"), link.inner_text()
        assert "Deploy" not in page.locator("header").inner_text()  # readers see no developer menu
        whole(page, f"home-{view}")
    finally:
        page.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_going_cold_says_ages_in_words_and_offers_its_actions(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/going-cold", view, "Going cold")
    try:
        main = page.locator(MAIN)
        expect(main.get_by_text("untouched for 13 years").first).to_be_visible()
        assert "4945" not in main.inner_text()
        expect(main.get_by_role("button", name="Log a contact").first).to_be_visible()
        expect(main.get_by_role("button", name="Mark follow-up done").first).to_be_visible()
        whole(page, f"going-cold-{view}")
    finally:
        page.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_data_page_finds_as_you_type_and_is_short(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/data", view, "Data")
    try:
        box = page.get_by_label("Find a stakeholder, country, theme or event")
        box.click()
        page.keyboard.type("gunel", delay=60)  # no Enter: the record opens as the name is typed
        expect(page.get_by_role("heading", name="Edit Gunel Abbasova", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Relationships of Gunel Abbasova")).to_be_visible()
        tall = whole(page, f"data-{view}")
        if view == "wide":
            assert tall < 2600  # one tab's sections, not every section stacked (5,600 px before)
    finally:
        page.close()


def test_logging_a_contact_on_going_cold_takes_the_tie_off_the_list(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/going-cold", "wide", "Going cold")
    try:
        main = page.locator(MAIN)
        heading = main.get_by_role("heading", name=re.compile(r"^Ties going cold: \d+$"))
        before = int(heading.inner_text().split(": ")[1])
        main.get_by_role("button", name="Log a contact").first.click()
        popover = page.locator("[data-testid='stPopoverBody']")
        expect(popover.get_by_label("Kind")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "going-cold-log-a-contact.png")
        popover.get_by_role("button", name="Log the contact").click()
        expect(main.get_by_text("Logged a call of Marco Reyes with Rohan Thapa")).to_be_visible()
        expect(heading).to_have_text(f"Ties going cold: {before - 1}")
    finally:
        page.close()


@pytest.mark.parametrize("view", ["wide", "phone"])
def test_coverage_is_a_heatmap_on_a_wide_screen_and_a_list_on_a_phone(browser, app_url, view):  # noqa: F811
    """On a phone the heatmap's 7 group names collided over 35-pixel cells: the same matrix is a list there."""
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/coverage", view, "Coverage gaps")
    try:
        heatmap, listed = page.locator(".st-key-coverage-heatmap"), page.locator(".st-key-coverage-list")
        shown, hidden = (heatmap, listed) if view == "wide" else (listed, heatmap)
        expect(shown).to_be_visible()
        expect(hidden).to_be_hidden()
        if view == "phone":
            expect(listed.get_by_role("listitem").filter(has_text="Digital Cooperation")).to_contain_text(
                "gaps: civil society"
            )
            width = page.viewport_size["width"]
            assert listed.evaluate("e => e.getBoundingClientRect().right") <= width
        whole(page, f"coverage-{view}")
    finally:
        page.close()
