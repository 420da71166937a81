"""Screenshots of the map on three dates in every colour mode, to look the dashboard over.

Run ``python -m tests.browser.screenshots [OUTDIR]`` (default ``artifacts/screens/``). It starts the dashboard
itself, with no internet, and for each date of :data:`DATES` and each mode of :data:`ui.share.COLOURS` opens
``/?date=DATE&colour=MODE&window=30d`` in a 1440×900 window, waits for the map and for Streamlit to finish,
and saves ``DATE-MODE.png`` (the window) and ``DATE-MODE-full.png`` (the whole page). One server and one
browser serve every shot.

Streamlit scrolls its main block itself (``stMain``), not the document, so Playwright's ``full_page`` would
capture the window only; for the full-page shot the window is made as tall as that block's content for a
moment instead.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.browser.harness import (
    ROOT,
    launch,
    offline_page,
    shipped_counts,
    streamlit_server,
    wait_for_map,
    wait_until_idle,
)
from ui.share import COLOURS

DATES = ("2024-09-06", "2025-03-13", "2025-04-26")
"""The salient at its largest, the day Russia claimed Sudzha, the day Russia claimed Gornal."""

WIDTH, HEIGHT = 1440, 900
SETTLE_MS = 1000
"""Time given to the map after the run has finished, for Leaflet to draw the boundaries and markers."""
MAIN_HEIGHT = "() => document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0"
"""The height of Streamlit's scrolling main block's content, in CSS pixels."""


def save_full_page(page: Page, path: Path) -> None:
    """Save the whole of Streamlit's page: the window made as tall as its main block's content, then restored.

    Parameters
    ----------
    page : playwright Page
        A page showing the dashboard, idle.
    path : Path
        The PNG to write.
    """
    height = page.evaluate(MAIN_HEIGHT)
    page.set_viewport_size({"width": WIDTH, "height": max(HEIGHT, height)})
    wait_until_idle(page)
    page.wait_for_timeout(SETTLE_MS // 2)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})


def main(out: Path) -> list[Path]:
    """Start the app once and save a window and a full-page PNG per date and colour mode.

    Parameters
    ----------
    out : Path
        The folder to write into (made if missing).

    Returns
    -------
    list of Path
        The files written, in the order taken.
    """
    started = time.monotonic()
    blocked: list[str] = []
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    markers = shipped_counts()[1]
    with streamlit_server({"CONTESTED_TILES": "off"}) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = offline_page(browser, blocked, width=WIDTH, height=HEIGHT)
        for day in DATES:
            for mode in COLOURS:
                page.goto(f"{base}/?date={day}&colour={mode}&window=30d")
                wait_for_map(page, markers=markers)
                wait_until_idle(page)
                page.wait_for_timeout(SETTLE_MS)
                window, full = out / f"{day}-{mode}.png", out / f"{day}-{mode}-full.png"
                page.screenshot(path=str(window))
                save_full_page(page, full)
                written += [window, full]
        browser.close()
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} files in {time.monotonic() - started:.0f} s; blocked requests: {len(blocked)}")
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "artifacts" / "screens")
