"""The advocate's flow as a person sees it in Chromium, at 1440x900, at 390x844 and in the dark theme:
Paths names the hop to check first and why, with a "Log a contact" on it (undone from its message);
Going cold marks who will attend the next event; Influence ranks rather than prints decimals; Explore's
detail panel logs a meeting; the Data page asks before logging the same meeting twice. Screenshots
go to out/screenshots/ (look at them)."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
from test_browser import SCREENSHOTS, app_url  # noqa: F401 (a fixture)
from test_browser_pages import MAIN, VIEWS, browser, opened, whole  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # a real app in Chromium

WAMBUI = quote_plus("Wambui Gichuru (MICDE, Kenya)")


@pytest.mark.parametrize("view", list(VIEWS))
def test_paths_names_the_hop_to_check_first_and_why(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/paths?paths_target={WAMBUI}", view, "Engagement paths")
    try:
        main = page.locator(MAIN)
        expect(main.get_by_text("2 hops, check hop 2 first").first).to_be_visible(timeout=60_000)
        expect(main.get_by_text("(check first: untouched for 10 years)").first).to_be_visible()
        expect(main.get_by_role("button", name="Log a contact").first).to_be_visible()
        assert not re.search(r"cost \d", main.inner_text())  # words, not a cost
        whole(page, f"paths-check-first-{view}")
    finally:
        page.close()


def test_a_contact_logged_on_a_hop_warms_the_path_and_undo_puts_it_back(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/paths?paths_target={WAMBUI}", "wide", "Engagement paths")
    try:
        main = page.locator(MAIN)
        expect(main.get_by_text("2 hops, check hop 2 first").first).to_be_visible(timeout=60_000)
        main.get_by_role("button", name="Log a contact").first.click()
        popover = page.locator("[data-testid='stPopoverBody']")
        popover.get_by_label("Topic (optional)").fill("the IGF 2027 introduction")
        page.screenshot(path=SCREENSHOTS / "paths-log-a-contact.png")
        popover.get_by_role("button", name="Log the contact").click()
        expect(main.get_by_text("Logged a call of Jabari Kariuki with Wambui Gichuru")).to_be_visible()
        expect(main.get_by_text("2 hops, all warm").first).to_be_visible()
        main.get_by_role("button", name="Undo").click()
        expect(main.get_by_text("Undone: logged a call of Jabari Kariuki")).to_be_visible()
        expect(main.get_by_text("2 hops, check hop 2 first").first).to_be_visible()
    finally:
        page.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_going_cold_marks_who_will_attend_the_next_event(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/going-cold", view, "Going cold")
    try:
        page.get_by_role("combobox", name="Ties held by").click()
        page.get_by_role("option", name="anyone").click()
        main = page.locator(MAIN)
        first = main.get_by_text("Sipho Molefe will attend IGF 2027").first
        expect(first).to_be_visible()
        expect(main.get_by_text("What can be acted on soonest first")).to_be_visible()
        popover = page.locator("[data-testid='stPopoverBody']")
        for _ in range(
            3
        ):  # a rerun (the choice above, the page's follow) may redraw the button as it is clicked
            page.get_by_role("button", name="Log a contact").first.click()
            try:
                expect(popover.get_by_label("Topic (optional)")).to_be_visible(timeout=10_000)
                break
            except AssertionError:
                page.keyboard.press("Escape")
        expect(popover.get_by_label("Topic (optional)")).to_be_visible()
        expect(popover.get_by_role("group", name="Follow up by (optional)")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"going-cold-ranked-{view}.png")
    finally:
        page.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_influence_says_ranks_not_decimals(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/influence", view, "Influence")
    try:
        main = page.locator(MAIN)
        expect(main.get_by_text("Ranks, 1 the highest.")).to_be_visible(timeout=60_000)
        expect(main.locator("[data-testid='stDataFrame']").last).to_be_visible()
        header = "Name" if view == "phone" else "Influence rank"
        expect(
            main.locator(f"[data-testid='stDataFrame'] [role='columnheader']:has-text('{header}')").first
        ).to_be_attached()
        # The tables draw on a canvas; their column headers are in the accessible tables beside it.
        headers = main.locator("[data-testid='stDataFrame'] [role='columnheader']").all_inner_texts()
        assert "PageRank" not in headers and "Betweenness" not in headers, headers
        if view != "phone":  # a phone draws the first columns only, until scrolled
            assert "Influence rank" in headers and "Broker rank" in headers, headers
        whole(page, f"influence-ranks-{view}")
    finally:
        page.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_explore_detail_panel_logs_a_meeting(browser, app_url, view):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/explore?focus=person-wambui-gichuru", view, "Explore the network")
    try:
        main = page.locator(MAIN)
        button = main.get_by_role("button", name="Log a meeting with Wambui Gichuru")
        expect(button).to_be_visible(timeout=60_000)
        button.click()
        popover = page.locator("[data-testid='stPopoverBody']")
        expect(popover.get_by_label("With")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"explore-log-a-meeting-{view}.png")
    finally:
        page.close()
