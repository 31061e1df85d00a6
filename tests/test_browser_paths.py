"""Engagement paths and Events as a person uses them in Chromium: the long path to Gunel Abbasova
reads left to right with every name legible, a copied address restores the answer in a fresh
browser, and a click on a node of either picture says who it is and leads on."""

from __future__ import annotations

import re

import pytest
from test_browser import SCREENSHOTS, app_url  # noqa: F401 (a fixture)
from test_browser_pages import browser  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow  # a real app in Chromium

PICTURE = "iframe[title^='Network picture']"


#: What Paths answers for Gunel Abbasova, the seed's official five hops away.
GUNEL_ANSWER = "best start: Agnieszka Kaczmarek"


def ask_paths_for_gunel(page, base: str) -> None:
    """Open Paths and ask for Gunel Abbasova by typing, as a person does; wait for the answer and
    for the address to hold the question."""
    from playwright.sync_api import expect

    page.goto(f"{base}/paths")
    target = page.get_by_role("combobox", name="Whom to reach")
    expect(target).to_be_visible(timeout=60_000)
    target.click()
    page.keyboard.type("Gunel")
    page.keyboard.press("Enter")
    expect(page.get_by_text(GUNEL_ANSWER)).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile(r"paths_target=Gunel\+Abbasova"))


def path_in(summary: str) -> list[str]:
    """The names of the path a picture's text alternative reads out, in order."""
    return re.search(r"The path, in red: (.*?)\.(?:\s|$)", summary).group(1).split(" → ")


def apart(a: dict, b: dict) -> bool:
    return (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


def test_a_long_path_reads_left_to_right_and_its_address_restores_it(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        ask_paths_for_gunel(page, app_url)
        address = page.url
    finally:
        page.close()

    fresh = browser.new_context(viewport={"width": 1440, "height": 900})  # no cookie, no session
    page = fresh.new_page()
    try:
        page.goto(address)
        expect(page.get_by_text(GUNEL_ANSWER)).to_be_visible(timeout=60_000)
        frame = page.frame_locator(PICTURE)
        summary = frame.locator("#summary")
        expect(summary).to_contain_text("The path, in red: Agnieszka Kaczmarek →", timeout=30_000)
        path = path_in(summary.inner_text())
        assert len(path) == 6 and path[-1] == "Gunel Abbasova"
        page.locator(PICTURE).scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=SCREENSHOTS / "paths-long.png")
        boxes = frame.locator("body").evaluate("() => window.labelBoxes")
        width, height = frame.locator("#network").evaluate("e => [e.clientWidth, e.clientHeight]")
        drawn = {b["text"]: b for b in boxes}
        on_path = [drawn.get(n) for n in path]
        assert None not in on_path, (path, sorted(drawn))  # every name on the path is drawn
        lefts = [b["left"] + b["right"] for b in on_path]
        assert lefts == sorted(lefts)  # in order, left to right
        for i, a in enumerate(boxes):
            assert min(a["left"], a["top"]) >= -1 and a["right"] <= width + 1 and a["bottom"] <= height + 1, a
            assert all(apart(a, b) for b in boxes[i + 1 :]), a

        # A click on a node of the path says who it is, under the picture, and leads on.
        spot = frame.locator("body").evaluate(
            "() => network.canvasToDOM(network.getPosition('person-victor-cojocaru'))"
        )
        frame.locator("#network canvas").click(position={"x": spot["x"], "y": spot["y"]})
        main = page.locator("[data-testid='stMain']")
        expect(main.get_by_role("heading", name="Victor Cojocaru", exact=True)).to_be_visible(timeout=30_000)
        expect(main.get_by_text("ANRCETI")).not_to_have_count(0)
        page.screenshot(path=SCREENSHOTS / "paths-clicked.png", full_page=True)
        main.get_by_role("link", name="All about Victor Cojocaru, on Explore").click()
        expect(page).to_have_url(re.compile(r"/explore\?focus=person-victor-cojocaru"), timeout=30_000)
        expect(main.get_by_role("heading", name="Victor Cojocaru", exact=True)).to_be_visible(timeout=60_000)
    finally:
        fresh.close()


def test_a_click_on_the_events_picture_says_who_it_is_and_finds_introductions(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{app_url}/events")
        frame = page.frame_locator(PICTURE)
        expect(frame.locator("#summary")).to_contain_text("The path, in red:", timeout=60_000)
        path = path_in(frame.locator("#summary").inner_text())
        whom = path[-1]
        page.locator(PICTURE).scroll_into_view_if_needed()
        node = frame.locator("body").evaluate("(_, name) => records.find((r) => r.label === name).id", whom)
        spot = frame.locator("body").evaluate("(_, id) => network.canvasToDOM(network.getPosition(id))", node)
        frame.locator("#network canvas").click(position={"x": spot["x"], "y": spot["y"]})
        main = page.locator("[data-testid='stMain']")
        expect(main.get_by_role("heading", name=whom, exact=True)).to_be_visible(timeout=30_000)
        page.screenshot(path=SCREENSHOTS / "events-clicked.png", full_page=True)
        main.get_by_role("link", name=f"Find warm introductions to {whom}").click()
        expect(page.get_by_role("heading", name="Engagement paths")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(f"to {whom}")).not_to_have_count(0, timeout=60_000)
    finally:
        page.close()
