"""App CPU spent on writes made elsewhere while a Data page has an upload pending, for this checkout
beside another (its own .venv), in one run:

    .venv/bin/python benchmarks/upload_cpu.py --against /work/main

For each version, with and without a pending upload: the real app (``streamlit run app.py``) on the
seed in SQLite, a Chromium page on its Data page (with a 4.4 MB Person.csv uploaded, its dry run
shown), then WRITES meetings logged on the command line, each given time to reach the page; the
app process's CPU seconds over the writes (user + system, from /proc) are printed. The cores are
shared: only figures of one run, side by side, mean anything.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
WRITES = 4


def cpu_seconds(pid: int) -> float:
    """User + system CPU of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def upload_file(folder: Path) -> Path:
    """A Person.csv in the seed's layout of 4.4 MB (60,000 new people)."""
    path = folder / "Person.csv"
    rows = [f"person-bench-{i},Bench Person {i},Officer for programme {i},library" for i in range(60_000)]
    path.write_text("id,name,title,stakeholder_group\n" + "\n".join(rows) + "\n")
    return path


def measure(root: Path, store: str, upload: Path | None, port: int, log: Path) -> float:
    from playwright.sync_api import expect, sync_playwright

    python = root / ".venv" / "bin" / "python"
    cmd = [str(python), "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    cmd += [
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    env = {k: v for k, v in os.environ.items() if k != "GRAPHKIT_USERS"} | {"GRAPHKIT_STORE": store}
    with log.open("w") as out:
        app = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and app.poll() is None, log.read_text()
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1200})
            expect.set_options(timeout=120_000)
            page.goto(f"http://127.0.0.1:{port}/data")
            page.get_by_role("tab", name="Import and download").click()
            if upload is not None:
                page.locator("input[type=file]").set_input_files(str(upload))
                expect(page.get_by_text("What importing").first).to_be_visible()
            time.sleep(10)  # settled
            before = cpu_seconds(app.pid)
            for i in range(WRITES):
                log_call = [
                    "log",
                    "--with",
                    "Joost Bakker",
                    "--with",
                    "Pieter Mulder",
                    "--title",
                    f"Benchmark call {i}",
                ]
                subprocess.run(
                    [sys.executable, "-m", "graphkit.cli", *log_call, "--store", store],
                    check=True,
                    capture_output=True,
                )
                time.sleep(8)  # the page follows the store every few seconds
            spent = cpu_seconds(app.pid) - before
            browser.close()
        return spent
    finally:
        app.terminate()
        app.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="another checkout, with its own .venv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        upload = upload_file(folder)
        print(f"upload: {upload.stat().st_size / 1e6:.1f} MB; {WRITES} meetings logged on the command line")
        print(f"{'version':<40} {'upload pending':>16} {'no upload':>10}")
        for root in (REPO, args.against.resolve()):
            figures = []
            for with_upload in (True, False):
                store = f"sqlite:///{folder / f'{root.name}-{with_upload}.db'}"
                subprocess.run(
                    [sys.executable, "-m", "graphkit.cli", "seed", str(REPO / "seed"), "--store", store],
                    check=True,
                    capture_output=True,
                )
                log = folder / f"{root.name}-{with_upload}.log"
                figures.append(measure(root, store, upload if with_upload else None, 8765, log))
            print(f"{root!s:<40} {figures[0]:>14.1f} s {figures[1]:>8.1f} s", flush=True)


if __name__ == "__main__":
    main()
