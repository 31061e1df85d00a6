"""Circles (communities) on Explore's picture, in Chromium at 1440x900 and 390x844, light and dark:
each of the largest laid out together, outlined, and named on the picture after its most
influential member, with a legend that names it in full and fits the frame."""

from __future__ import annotations

import pytest
from test_browser import SCREENSHOTS, app_url  # noqa: F401 (a fixture)
from test_browser_pages import browser  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow  # a real app in Chromium

SIZES = {"wide": (1440, 900), "phone": (390, 844)}


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_circles_are_outlined_and_named_on_the_picture_with_a_legend(browser, app_url, size, theme):  # noqa: F811
    from playwright.sync_api import expect

    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{app_url}/explore?explore_colour=circle+%28community%29&start=influential")
        frame = page.frame_locator("iframe[title^='Network picture']")
        expect(frame.locator("body[data-nodes='250']")).to_have_count(1, timeout=60_000)
        page.wait_for_timeout(800)
        legend = frame.locator("#legend li").all_inner_texts()
        named = [row.strip().lstrip("●").strip() for row in legend if "'s circle" in row]
        assert len(named) >= 5, legend  # the largest circles, each in words
        assert all(": " in row for row in named), named  # with its group and policy area
        on_picture = frame.locator("body").evaluate("() => window.circleBoxes")
        nodes_named = frame.locator("body").evaluate("() => window.labelBoxes")
        frame_width, frame_height = frame.locator("#network").evaluate("e => [e.clientWidth, e.clientHeight]")
        assert len(on_picture) >= (5 if size == "wide" else 3), on_picture
        for i, box in enumerate(on_picture):
            assert any(row.startswith(box["text"]) for row in named), (box, named)  # as the legend names it
            assert box["left"] >= -1 and box["right"] <= frame_width + 1 and box["bottom"] <= frame_height + 1
            assert not any(overlap(box, other) for other in on_picture[i + 1 :] + nodes_named), box
        # The legend's rows wrap inside the frame rather than run out of it.
        body = frame.locator("body").evaluate("b => b.clientWidth")
        rights = frame.locator("#legend li").evaluate_all(
            "rows => rows.map((r) => r.getBoundingClientRect().right)"
        )
        assert max(rights) <= body + 1, (rights, body)
        frame.locator("#picture").screenshot(path=SCREENSHOTS / f"explore-circles-{size}-{theme}.png")
    finally:
        context.close()
