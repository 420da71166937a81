"""Take the README's screenshot: the map on 2025-04-26 with Gornal selected, in a 1440×900 window.

Run ``python -m tests.browser.screenshot [OUT.png]`` (default ``docs/map.png``).
It starts the dashboard itself, with no internet, and clicks Gornal. The popup
is closed again: the panel beside the map shows the same claims, in full.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.harness import ROOT, launch, offline_page, shipped_counts, streamlit_server, wait_for_map
from tests.browser.map_actions import click_settlement, map_frame


def main(out: Path) -> None:
    """Start the app, open the seed view, click Gornal and save a PNG."""
    blocked: list[str] = []
    with streamlit_server({"CONTESTED_TILES": "off"}) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = offline_page(browser, blocked, width=1440, height=900)
        page.goto(f"{base}/?date=2025-04-26&window=30d&layers=settlements,events")
        wait_for_map(page, markers=shipped_counts()[1])
        click_settlement(page, 51.066111, 35.2325)
        page.get_by_role("heading", name="Gornal").wait_for()
        page.wait_for_timeout(1000)
        map_frame(page).evaluate("() => map_div.closePopup()")  # the panel shows the same claims
        page.mouse.move(5, 5)  # and no tooltip follows the mouse into the picture
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))  # the first screen, as a reader opening the link sees it
        browser.close()
    print(f"wrote {out}; blocked requests: {len(blocked)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "map.png")
