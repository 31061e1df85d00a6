"""Explore as a person uses it in Chromium, at 1440x900, at 390x844 and in the dark theme: a click
shows the node's details where the user looks (beside the picture, or scrolled to on a phone) and puts
it in the address; Paths' hover box keeps clear of the red path; the warmest path between two chosen
nodes; neighbours added step by step and nodes taken off (Bloom); a dragged node kept where it was
dropped, in the address and in a saved view (Kumu, Oligrapher). Screenshots go to out/screenshots/."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
from test_browser import SCREENSHOTS, app_url  # noqa: F401 (a fixture)
from test_browser_pages import MAIN, VIEWS, browser, opened  # noqa: F401 (fixtures)
from test_views_browser import saved_views

pytestmark = pytest.mark.slow  # a real app in Chromium

PICTURE = "iframe[title^='Network picture']"
WAMBUI, JABARI = "person-wambui-gichuru", "person-jabari-kariuki"


def drawn(page, count: int | None = None):
    """The picture's frame, once its canvas is drawn (with ``count`` nodes, when given)."""
    from playwright.sync_api import expect

    frame = page.frame_locator(PICTURE)
    expect(frame.locator("#network canvas")).to_be_visible(timeout=60_000)
    if count is not None:
        expect(frame.locator(f"body[data-nodes='{count}']")).to_have_count(1, timeout=30_000)
    return frame


def nodes_drawn(frame) -> int:
    return int(frame.locator("body").get_attribute("data-nodes"))


def spot(frame, node: str) -> dict:
    """Where ``node`` is, in the page's pixels (brought into the window first)."""
    frame.locator("#network").scroll_into_view_if_needed()
    at = frame.locator("body").evaluate(f"() => network.canvasToDOM(network.getPosition('{node}'))")
    box = frame.locator("#network").bounding_box()
    return {"x": box["x"] + at["x"], "y": box["y"] + at["y"]}


def click_node(page, frame, node: str, heading: str) -> None:
    """Click ``node`` on the picture until its details open (a rerun may redraw the picture as it is clicked)."""
    from playwright.sync_api import expect

    for _ in range(3):
        at = spot(frame, node)
        page.mouse.click(at["x"], at["y"])
        try:
            expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=15_000)
            return
        except AssertionError:
            page.wait_for_timeout(500)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def press(page, name: str, until) -> None:
    """Click the main column's button ``name`` until the address says it was taken (``until(url)``):
    a rerun (the page's follow) may redraw the button as it is clicked."""
    button = page.locator(MAIN).get_by_role("button", name=name)
    for _ in range(3):
        button.click()
        for _ in range(40):
            if until(page.url):
                return
            page.wait_for_timeout(250)
    raise AssertionError(f"{name} did nothing: {page.url}")


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_click_opens_the_details_where_the_user_looks_and_the_address_keeps_it(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/explore?focus={WAMBUI}", view, "Explore the network")
    try:
        frame = drawn(page)
        expect(page.get_by_role("heading", name="Wambui Gichuru")).to_be_visible()
        click_node(page, frame, JABARI, "Jabari Kariuki")
        heading = page.get_by_role("heading", name="Jabari Kariuki")
        expect(heading).to_be_in_viewport(timeout=10_000)  # scrolled to, where it is below the picture
        expect(page).to_have_url(re.compile(f"node={JABARI}"))
        top = heading.bounding_box()
        picture = page.locator(PICTURE).bounding_box()
        if view != "phone":  # beside the picture, above the fold
            assert top["x"] >= picture["x"] + picture["width"] and top["y"] < 900, (top, picture)
        page.wait_for_timeout(800)
        page.screenshot(path=SCREENSHOTS / f"explore-click-{view}.png")
        page.reload()  # the address holds the node
        expect(page.get_by_role("heading", name="Jabari Kariuki")).to_be_visible(timeout=60_000)
    finally:
        page.close()


WAMBUI_TARGET = quote_plus("Wambui Gichuru (MICDE, Kenya)")


@pytest.mark.parametrize("view", ["wide", "phone"])
def test_the_paths_hover_box_keeps_clear_of_the_red_path(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/paths?paths_target={WAMBUI_TARGET}", view, "Engagement paths")
    try:
        frame = drawn(page)
        path = frame.locator("body").evaluate("() => path")
        assert len(path) >= 3, path
        tip = frame.locator("#tip")
        for node in path:
            at = spot(frame, node)
            page.mouse.move(at["x"], at["y"])
            expect(tip).to_be_visible(timeout=10_000)
            covered = frame.locator("body").evaluate(
                """() => { const t = document.getElementById('tip'), n = document.getElementById('network');
                  const l = t.offsetLeft - n.offsetLeft, u = t.offsetTop - n.offsetTop;
                  return pathBoxes().filter((o) => o.left < l + t.offsetWidth && l < o.right
                    && o.top < u + t.offsetHeight && u < o.bottom).length; }"""
            )
            assert covered == 0, (node, covered)
        page.screenshot(path=SCREENSHOTS / f"paths-hover-{view}.png")
        page.mouse.move(1, 1)
        expect(tip).to_be_hidden()
    finally:
        page.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_warmest_path_between_two_chosen_nodes_is_drawn_and_explained(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/explore?focus={WAMBUI}", view, "Explore the network")
    try:
        frame = drawn(page)
        expect(page.get_by_role("heading", name="Wambui Gichuru")).to_be_visible()
        press(page, "Path from here", lambda url: "path_from=" in url)
        expect(page.get_by_text("Now click another node, or find one")).to_be_visible()
        search = page.get_by_label("Find a stakeholder")
        search.fill("Gunel")
        search.press("Enter")
        main = page.locator(MAIN)
        expect(main.get_by_role("heading", name="Warmest path from Wambui Gichuru")).to_be_visible(
            timeout=60_000
        )
        expect(main.get_by_text("check first").first).to_be_visible()  # each hop's reason, as on Paths
        expect(page).to_have_url(re.compile(f"path_from={WAMBUI}"))
        summary = frame.locator("#summary")
        expect(summary).to_contain_text("The path, in red: Wambui Gichuru →")
        expect(summary).to_contain_text("→ Gunel Abbasova.")
        page.wait_for_timeout(800)
        page.screenshot(path=SCREENSHOTS / f"explore-path-between-{view}.png")
        press(page, "Clear the path", lambda url: "path_from=" not in url)
        expect(summary).not_to_contain_text("The path, in red")
    finally:
        page.close()


@pytest.mark.parametrize("view", ["wide", "phone"])
def test_neighbours_are_added_step_by_step_and_nodes_taken_off(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/explore?focus={WAMBUI}&node={JABARI}", view, "Explore the network")
    try:
        frame = drawn(page)
        expect(page.get_by_role("heading", name="Jabari Kariuki")).to_be_visible()
        before = nodes_drawn(frame)
        press(page, "Add their neighbours", lambda url: "expand=" in url)
        expect(page).to_have_url(re.compile(f"expand={JABARI}"))
        expect(frame.locator(f"body[data-nodes='{before}']")).to_have_count(0, timeout=30_000)
        grown = nodes_drawn(frame)
        assert grown > before
        page.screenshot(path=SCREENSHOTS / f"explore-expanded-{view}.png")
        press(page, "Take off the picture", lambda url: "dismiss=" in url)
        expect(page).to_have_url(re.compile(f"dismiss={JABARI}"))
        expect(frame.locator(f"body[data-nodes='{grown}']")).to_have_count(0, timeout=30_000)
        assert frame.locator("body").evaluate(f"() => nodes.get('{JABARI}')") is None
        press(page, "Put back 1 taken off", lambda url: "dismiss=" not in url)
        expect(frame.locator(f"body[data-nodes='{before}']")).to_have_count(1, timeout=30_000)
    finally:
        page.close()


def test_a_dragged_node_stays_where_it_was_dropped_in_the_address_and_a_saved_view(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/explore?focus={WAMBUI}", "wide", "Explore the network")
    try:
        frame = drawn(page)
        at = spot(frame, JABARI)
        page.mouse.move(at["x"], at["y"])
        page.mouse.down()
        for step in range(1, 11):
            page.mouse.move(at["x"] + 8 * step, at["y"] + 6 * step)
        page.mouse.up()
        expect(page).to_have_url(re.compile(f"pins={JABARI}%40"), timeout=30_000)
        dropped = frame.locator("body").evaluate(f"() => network.getPosition('{JABARI}')")
        expect(page.locator(MAIN).get_by_role("button", name="Let 1 moved nodes go back")).to_be_visible()
        box = saved_views(page)
        box.get_by_label("Save this view as").fill("Jabari moved")
        box.get_by_role("button", name="Save").click()
        link = page.get_by_role("link", name="Jabari moved")
        expect(link).to_be_visible(timeout=30_000)
        href = link.get_attribute("href")
        page.screenshot(path=SCREENSHOTS / "explore-pinned.png")
    finally:
        page.close()
    for view in ("wide", "phone"):
        fresh = browser.new_context(viewport=dict(zip(("width", "height"), VIEWS[view][0], strict=True)))
        page = fresh.new_page()
        try:
            page.goto(href if href.startswith("http") else f"{app_url}/{href.lstrip('/')}")
            frame = drawn(page)
            expect(page).to_have_url(re.compile(f"pins={JABARI}%40"), timeout=30_000)
            again = frame.locator("body").evaluate(f"() => network.getPosition('{JABARI}')")
            assert abs(again["x"] - dropped["x"]) <= 1 and abs(again["y"] - dropped["y"]) <= 1, (
                again,
                dropped,
            )
        finally:
            fresh.close()
