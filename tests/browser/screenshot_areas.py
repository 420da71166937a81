"""Screenshots of the map with control areas imported from DeepStateMap exports you have.

Run ``python -m tests.browser.screenshot_areas EXPORTS/ OUT/ [YYYY-MM-DD ...]``. It copies ``data/`` into
a scratch folder, imports the exports there with ``geo.deepstate_import`` (nothing is written into the
project), starts the dashboard on that folder with no internet, and saves ``OUT/map-areas-DATE.png`` for
each date (default: 2024-09-06, the incursion's peak, and 2025-04-26, the day Gornal was claimed).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from geo.deepstate_import import import_deepstate, write_collection
from tests.browser.harness import (
    MAP_IFRAME,
    ROOT,
    launch,
    offline_page,
    streamlit_server,
    wait_for_map,
    wait_until_idle,
)

DEFAULT_DATES = ("2024-09-06", "2025-04-26")


def main(exports: Path, out: Path, dates: list[str]) -> None:
    """Import, start the app on the scratch data, and save one PNG per date."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        folder.mkdir()
        for path in (ROOT / "data").glob("*.geojson"):
            shutil.copy(path, folder / path.name)
        result = import_deepstate([exports], ROOT / "static" / "basemap" / "russian_ground.geojson")
        write_collection(result.areas, folder / "areas.geojson")
        env = {"CONTESTED_DATA": str(folder), "CONTESTED_TILES": "off", "CONTESTED_CACHE": "off"}
        out.mkdir(parents=True, exist_ok=True)
        with streamlit_server(env) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for day in dates:
                page = offline_page(browser, [], width=1500, height=1300)
                page.goto(f"{base}/?date={day}&window=30d&layers=settlements,events,areas&zoom=9&lat=51.2&lon=35.4")
                wait_for_map(page, markers=1)
                page.wait_for_function(
                    "(f) => document.querySelector(f).contentDocument"
                    ".querySelectorAll('.leaflet-areas-pane path').length > 0",
                    arg=MAP_IFRAME,
                    timeout=30_000,
                )
                wait_until_idle(page)
                page.wait_for_timeout(1500)
                target = out / f"map-areas-{day}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"wrote {target}")
                page.close()
            browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:] or list(DEFAULT_DATES))
