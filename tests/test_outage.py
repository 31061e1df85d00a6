"""Neo4j restarted while the app runs: the app says so during the outage and recovers by itself after.

The real app (``streamlit run app.py``) on the Neo4j test server, in Chromium. The server is stopped
and started again with scripts/neo4j-local, so this needs the server that script manages (as
scripts/test starts it); it is skipped otherwise, and fails under CI. The server is left running.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from conftest import SEED, open_backend, require_neo4j, running_app
from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
from test_neo4j import local_server

from graphkit.store import open_store
from graphkit.store.base import default_user

pytestmark = pytest.mark.slow  # restarts the Neo4j test server

PERSON, NAME = "person-joost-bakker", "Joost Bakker"
NO_SERVER = "no Neo4j server answers there"


@pytest.fixture
def app_on_neo4j(tmp_path):
    """The app on the seeded Neo4j test server; yields its address. The server runs again afterwards."""
    url = require_neo4j()
    if local_server("pid").returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("the Neo4j test server was not started by scripts/neo4j-local", pytrace=False)
        pytest.skip("the Neo4j test server was not started by scripts/neo4j-local, so it cannot be restarted")
    open_backend("neo4j", tmp_path).close()  # empties the test database
    seeded = subprocess.run(
        [sys.executable, "-m", "graphkit.cli", "seed", str(SEED), "--store", url],
        capture_output=True,
        text=True,
    )
    assert seeded.returncode == 0, seeded.stderr
    log = tmp_path / "app.log"
    try:
        with running_app(url, log) as (address, app):
            yield url, address, app
        assert "Traceback" not in log.read_text(), log.read_text()
    finally:
        if local_server("pid").returncode != 0:
            started = local_server("start")
            assert started.returncode == 0, started.stderr


def notes_field(page, find: bool = True):
    """The notes field of the person's form on the Data page (found by name first when ``find``)."""
    from playwright.sync_api import expect

    if find:
        box = page.get_by_label("Find a stakeholder, country, theme or event")
        box.fill(NAME)
        box.press("Enter")
    form = page.locator(".st-key-data-record").filter(
        has=page.get_by_role("heading", name=f"Edit {NAME}", exact=True)
    )
    # While the page reruns, the form of the record shown before stays below the new one, its elements
    # marked stale by Streamlit (the same heading when it was this record too): only fresh ones count.
    fresh = form.locator("[data-testid='stElementContainer']:not([data-stale='true'])")
    field = fresh.get_by_label("notes", exact=True)
    expect(field).to_have_count(1)
    expect(field).to_be_visible()
    return fresh, field


def save_notes(page, notes: str, find: bool = True) -> None:
    """On the Data page: put ``notes`` in the person's notes and press Save."""
    fresh, field = notes_field(page, find)
    field.fill(notes)
    fresh.get_by_role("button", name="Save", exact=True).click()


def test_the_app_says_neo4j_is_down_and_recovers_when_it_is_back_without_losing_a_write(app_on_neo4j):
    from playwright.sync_api import expect, sync_playwright

    url, base, app = app_on_neo4j
    run = uuid.uuid4().hex[:8]
    before, after = (f"{run}: {when} the outage" for when in ("before", "after"))
    saved = f"Saved the person {NAME}."
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.set_default_timeout(60_000)
            expect.set_options(timeout=60_000)
            errors = page.locator("[data-testid='stAlertContentError']")
            tracebacks = page.locator("[data-testid='stException']")
            warnings = page.locator("[data-testid='stAlertContentWarning']")
            page.goto(f"{base}/data")
            save_notes(page, before)
            expect(page.get_by_text(saved)).to_be_visible()
            expect(notes_field(page, find=False)[1]).to_have_value(before)  # the form, read again

            stopped = local_server("stop")
            assert stopped.returncode == 0, stopped.stderr
            try:
                # The open page notices by itself (it follows the store), and says why nothing can be saved.
                expect(warnings.filter(has_text=NO_SERVER)).to_be_visible()
                expect(errors.filter(has_text="Nothing was saved")).to_be_visible()
                expect(errors.filter(has_text=NO_SERVER)).to_be_visible()
                expect(page.get_by_text(saved)).to_have_count(0)
                expect(tracebacks).to_have_count(0)
                page.screenshot(path=SCREENSHOTS / "outage-save.png", full_page=True)
                # Other pages say the store cannot be read, and show the data as last read.
                page.get_by_role("link", name="Engagement paths", exact=True).click()
                expect(
                    warnings.filter(has_text=f"The store cannot be read now: {url}: {NO_SERVER}")
                ).to_be_visible()
                expect(page.get_by_label("Whom to reach")).to_be_visible()
                expect(tracebacks).to_have_count(0)
                page.screenshot(path=SCREENSHOTS / "outage-paths.png", full_page=True)
            finally:
                started = local_server("start")
                assert started.returncode == 0, started.stderr

            # Back: the same app process reads and writes again, without being restarted or told.
            expect(warnings).to_have_count(0)
            expect(page.get_by_label("Whom to reach")).to_be_visible()
            expect(errors).to_have_count(0)
            page.get_by_role("link", name="Data", exact=True).click()
            save_notes(page, after)
            expect(page.get_by_text(saved)).to_be_visible()
            expect(notes_field(page, find=False)[1]).to_have_value(after)
            expect(errors).to_have_count(0)
            expect(tracebacks).to_have_count(0)
            page.screenshot(path=SCREENSHOTS / "outage-recovered.png", full_page=True)
        finally:
            browser.close()
    assert app.poll() is None  # the app process ran throughout

    with open_store(url) as store:  # a fresh connection
        assert store.get_node(PERSON).props["notes"] == after
        written = [
            (c.user, c.before["props"].get("notes"), c.after["props"].get("notes"))
            for c in reversed(store.history(PERSON))
            if c.rel_type is None and c.action == "update"
        ]
    assert written == [(default_user(), None, before), (default_user(), before, after)]
