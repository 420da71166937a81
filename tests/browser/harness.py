"""Start `streamlit run` on a free port and drive Debian's chromium with Playwright.

Used by the browser tests and by ``python -m tests.browser.screenshot``. Only
loopback addresses are contacted; every other request is aborted.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, Route

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def shipped_counts() -> tuple[int, int]:
    """Return (settlements, settlements with a point) of the shipped data: only the located ones get markers."""
    features = json.loads((ROOT / "data" / "settlements.geojson").read_text(encoding="utf-8"))["features"]
    return len(features), sum(1 for f in features if f.get("geometry"))


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_LINKS = "[data-testid=stTopNav]"
"""The page links in the header (app.py puts Streamlit's navigation at the top)."""
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:")


def free_port() -> int:
    """Ask the OS for a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def run_streamlit(
    module_args: list[str], *, env: dict[str, str] | None = None, timeout: float = 60.0, log_dir: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start ``python <module_args>`` as a Streamlit server on a free loopback port; yield (base URL, process).

    ``module_args`` is e.g. ``["-m", "ui.serve"]`` or ``["-m", "streamlit", "run", script]``; the port,
    address and headless options are added here. The server is stopped on exit; its output goes to a log.
    """
    port = free_port()
    command = [sys.executable, *module_args, "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    log = (log_dir or ROOT / "artifacts") / f"streamlit-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=out)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log}")
                time.sleep(0.3)
            yield base, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@contextlib.contextmanager
def streamlit_server(env: dict[str, str] | None = None, timeout: float = 60.0) -> Iterator[str]:
    """Run the dashboard as ``make run`` does (``python -m ui.serve``) and yield its base URL."""
    with run_streamlit(["-m", "ui.serve"], env=env, timeout=timeout) as (base, _process):
        yield base


def launch(playwright: Playwright) -> Browser:
    """Launch Debian's chromium headless (never a downloaded browser build)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)


def offline_page(browser: Browser, blocked: list[str], width: int = 1500, height: int = 1000) -> Page:
    """Open a page where every non-loopback request is aborted and recorded in ``blocked``."""
    context = browser.new_context(viewport={"width": width, "height": height})

    def handle(route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)
    return context.new_page()


def wait_for_map(page: Page, markers: int = 1, timeout: float = 30_000) -> None:
    """Wait until the map iframe shows Leaflet and at least ``markers`` interactive paths."""
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator(".leaflet-container").wait_for(timeout=timeout)
    page.wait_for_function(
        """([selector, n]) => {
            const f = document.querySelector(selector);
            return f && f.contentDocument && f.contentDocument.querySelectorAll('path.leaflet-interactive').length >= n;
        }""",
        arg=[MAP_IFRAME, markers],
        timeout=timeout,
    )


def wait_until_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the current script run (its status widget is gone)."""
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid=stStatusWidget]", state="detached", timeout=timeout)
