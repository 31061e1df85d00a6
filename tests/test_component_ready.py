"""The network component's handshake with the page around it, in Chromium: Streamlit listens to a
component's frame only once the frame is mounted, so a "ready" the frame says before then is lost.
The frame says it again until the page answers; else its picture stays hidden and empty for good
(CI's load test found such a page: its run complete, its picture never drawn)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS

from graphkit.app.embed import THEMES, picture_args
from graphkit.examples import small_world_graph
from graphkit.viz.component import HERE, legend_rows
from graphkit.viz.network import network_view

pytestmark = pytest.mark.slow  # Chromium

#: A page that, like a busy Streamlit page, starts listening to its frame LATE_MS after it loads,
#: then answers each "ready" with the picture to draw.
PAGE = """<!doctype html><html><body>
<iframe id="picture" src="component/index.html" title="graphkit_network" width="900" height="600"></iframe>
<script>
window.readies = 0;
setTimeout(() => addEventListener("message", (event) => {
  if (event.data.type !== "streamlit:componentReady") return;
  window.readies += 1;
  document.getElementById("picture").contentWindow.postMessage(
    {type: "streamlit:render", args: ARGS, theme: THEME}, "*");
}), LATE_MS);
</script></body></html>"""


def test_the_picture_is_drawn_when_the_page_listens_after_the_frame_said_ready(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    view = network_view(small_world_graph())
    args = picture_args("Network picture of the small world", view, legend_rows(view))  # as an embed draws it
    shutil.copytree(HERE, tmp_path / "component")
    page_text = PAGE.replace("ARGS", json.dumps(args)).replace("THEME", json.dumps(THEMES["light"]))
    (tmp_path / "index.html").write_text(page_text.replace("LATE_MS", "1500"))
    quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(quiet, directory=tmp_path))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
                frame = page.frame_locator("#picture")
                expect(frame.locator("#network canvas")).to_be_visible(timeout=20_000)
                expect(page.locator("#picture")).to_have_attribute("title", args["title"])
                assert page.evaluate("window.readies") == 1  # said again until answered, then no more
                page.wait_for_timeout(1500)
                assert page.evaluate("window.readies") == 1
            finally:
                browser.close()
    finally:
        server.shutdown()
