"""A team's own field in Chromium (issue 35): declared on the Data page's Fields tab, filled in for two
people with the record form, then Explore filtered by it, and the filter's link opened again.
Screenshots go to out/screenshots/."""

from __future__ import annotations

import pytest
from test_browser import SCREENSHOTS, app_url  # noqa: F401 (a fixture)
from test_browser_explore import drawn
from test_browser_pages import MAIN, browser, opened  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # a real app in Chromium

PEOPLE = {"Wambui Gichuru": "person-wambui-gichuru", "Jabari Kariuki": "person-jabari-kariuki"}


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box called ``label``: typed in, then Enter, as a person does."""
    box = page.locator(MAIN).get_by_label(label, exact=True)
    box.click()
    box.fill(option)
    page.keyboard.press("Enter")


def test_a_field_is_declared_filled_for_two_people_and_filters_explore_by_its_link(browser, app_url):  # noqa: F811
    from playwright.sync_api import expect

    page = opened(browser, f"{app_url}/data", "wide", "Data")
    try:
        page.get_by_role("tab", name="Fields").click()
        main = page.locator(MAIN)
        main.get_by_label("Name", exact=True).fill("committee")
        choose(page, "Type", "choice")
        main.get_by_label("Choices", exact=True).fill("steering, policy")
        main.get_by_label("Choices", exact=True).press("Enter")
        main.get_by_role("button", name="Declare the field").click()
        expect(page.get_by_text("Declared committee for person records.")).to_be_visible()
        page.get_by_role("tab", name="Fields").click()
        expect(main.get_by_text("choice (one of a list)").first).to_be_visible()
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / "data-fields.png", full_page=True)

        page.get_by_role("tab", name="Stakeholders").click()
        for who in PEOPLE:
            search = main.get_by_label("Find a stakeholder, country, theme or event")
            search.fill(who)
            search.press("Enter")
            expect(page.get_by_role("heading", name=f"Edit {who}")).to_be_visible()
            expect(main.get_by_label("committee", exact=True)).to_have_count(1)  # the last form gone
            choose(page, "committee", "steering")
            main.get_by_role("button", name="Save", exact=True).click()
            expect(page.get_by_text(f"Saved the person {who}.")).to_be_visible()
        page.close()

        page = opened(browser, f"{app_url}/explore?start=influential", "wide", "Explore the network")
        sidebar = page.locator("[data-testid='stSidebar']")
        box = sidebar.get_by_label("Your own field", exact=True)
        box.click()
        box.fill("committee")
        page.keyboard.press("Enter")
        values = sidebar.get_by_label("committee is", exact=True)
        values.click()
        values.fill("steering")
        page.keyboard.press("Enter")
        for _ in range(40):
            if "explore_field_is=steering" in page.url:
                break
            page.wait_for_timeout(250)
        assert "explore_field=committee" in page.url and "explore_field_is=steering" in page.url
        drawn(page, 2)
        page.keyboard.press("Escape")  # close the list of values
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / "explore-field-filter.png", full_page=True)
        link = page.url
        page.close()

        page = opened(browser, link, "wide", "Explore the network")  # the link reopens the filter
        expect(page.locator("[data-testid='stSidebar']").get_by_text("steering")).to_be_visible()
        drawn(page, 2)
    finally:
        page.close()
