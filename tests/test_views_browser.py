"""Saved views as a person uses them in Chromium: the route to Gunel Abbasova saved on Paths, and its
link (the view's id, no name in it), opened in a fresh browser, showing the same answer; a view's name
with Markdown in it shown as written."""

from __future__ import annotations

import pytest
from test_browser import SCREENSHOTS, app_url  # noqa: F401 (a fixture)
from test_browser_pages import browser  # noqa: F401 (a fixture)
from test_browser_paths import GUNEL_ANSWER, ask_paths_for_gunel

pytestmark = pytest.mark.slow  # a real app in Chromium

ANSWER = GUNEL_ANSWER
SIZES = {"wide": (1440, 900), "phone": (390, 844)}


def saved_views(page):
    """The sidebar's Saved views, opened (the sidebar too, on a phone)."""
    from playwright.sync_api import expect

    sidebar = page.locator("[data-testid='stSidebar']")
    if not sidebar.is_visible() or sidebar.get_attribute("aria-expanded") == "false":
        page.locator("[data-testid='stExpandSidebarButton']").click()
    box = sidebar.locator("[data-testid='stExpander']").filter(has_text="Saved views")
    expect(box).to_be_visible(timeout=30_000)
    if not box.get_by_text("Save this view as").is_visible():
        box.locator("summary").click()
    expect(box.get_by_text("Save this view as")).to_be_visible()
    return box


def test_a_view_saved_on_paths_opens_the_same_answer_in_a_fresh_browser(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.set_default_timeout(60_000)
    try:
        ask_paths_for_gunel(page, app_url)
        box = saved_views(page)
        box.get_by_label("Save this view as").fill("Route to Gunel")
        box.get_by_role("button", name="Save").click()
        link = page.get_by_role("link", name="Route to Gunel")
        expect(link).to_be_visible(timeout=30_000)
        href = link.get_attribute("href")
        assert href.endswith("paths?view=view-route-to-gunel") and "Gunel" not in href
        box.get_by_label("Save this view as").fill("![t](http://host/x.png) :red[x]")
        box.get_by_role("button", name="Save").click()
        marked = page.get_by_role("link", name="![t](http://host/x.png) :red[x]", exact=True)
        expect(marked).to_be_visible(timeout=30_000)  # as written: no image, no link, no colour
        assert marked.locator("img, a").count() == 0
    finally:
        page.close()

    for size, (width, height) in SIZES.items():
        for theme in ("light", "dark"):
            fresh = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
            page = fresh.new_page()  # no cookie, no session: only the link
            page.set_default_timeout(60_000)
            try:
                page.goto(href if href.startswith("http") else f"{app_url}/{href.lstrip('/')}")
                expect(page.get_by_text(ANSWER)).to_be_visible(timeout=60_000)
                page.reload()  # the address still names the view: a reload opens it again
                expect(page.get_by_text(ANSWER)).to_be_visible(timeout=60_000)
                box = saved_views(page)
                expect(box.get_by_role("link", name="Route to Gunel")).to_be_visible()
                page.wait_for_timeout(500)
                page.screenshot(path=SCREENSHOTS / f"saved-views-{size}-{theme}.png")
            finally:
                fresh.close()
