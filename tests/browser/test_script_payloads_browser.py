"""End-to-end: a payload in every text field of every file, one kind at a time, never runs or hides a shape.

For each payload kind of :mod:`tests.payloads`, the shipped data is copied with the payload appended to
every text field (names, districts, statements, outlets, notes, aliases, URLs where it fits), the running
dashboard is pointed at it, and the map page is opened. Then: no payload ran in any frame, the page raised
no error, and every settlement and every event in the window is still on the map. The same again with the
payload in a file uploaded on the Data page.
"""

from __future__ import annotations

import contextlib
import json
import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.escape import shown_text
from tests.browser.harness import PAGE_LINKS, ROOT, offline_page, streamlit_server, wait_for_map, wait_until_idle
from tests.browser.map_actions import hover_settlement, map_frame
from tests.hostile_data import poison_folder
from tests.payloads import LONE_SURROGATE, SCRIPT_PAYLOADS

pytestmark = pytest.mark.browser
KINDS = {**SCRIPT_PAYLOADS, "lone-surrogate": LONE_SURROGATE}
DAY = "2025-04-26"
GORNAL = (51.066111, 35.2325)
COUNT_SHAPES = """() => {
    let settlements = 0, events = 0;
    map_div.eachLayer((layer) => {
        if (layer instanceof L.CircleMarker && layer.options.pane === 'settlements') { settlements += 1; }
        if (L.MarkerClusterGroup && layer instanceof L.MarkerClusterGroup) {
            // one marker per event, or (many events) one per cell carrying its count
            layer.getLayers().forEach((marker) => { events += marker.options.eventCount || 1; });
        }
    });
    return [settlements, events];
}"""


def _expected_counts():
    settlements = json.loads((ROOT / "data" / "settlements.geojson").read_text(encoding="utf-8"))["features"]
    events = json.loads((ROOT / "data" / "events.geojson").read_text(encoding="utf-8"))["features"]
    located = [f for f in settlements if f.get("geometry")]
    return len(located), sum(1 for f in events if f["properties"]["event_date"] <= DAY)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-data")
    for path in (ROOT / "data").glob("*.geojson"):
        shutil.copy(path, folder / path.name)
    env = {"CONTESTED_DATA": str(folder), "CONTESTED_CACHE": "off", "CONTESTED_TILES": "off"}
    with streamlit_server(env) as base:
        yield base, folder


def _watch(page):
    """Collect uncaught errors, console errors and dialogs from every frame.

    A refused network request (optional map tiles here, Streamlit's health probe under a deep link) is
    logged as a console error too; those are not script errors and are left out.
    """
    errors: list[str] = []

    def console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"console: {message.text} at {message.location.get('url')}")

    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", console)
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return errors


def _assert_nothing_ran(page, errors):
    for frame in page.frames:
        assert frame.evaluate("() => typeof window.__pwned === 'undefined'"), f"a payload ran in {frame.url}"
    assert page.evaluate("() => typeof window.top.__pwned === 'undefined'")
    assert errors == []


def _assert_whole_map(page, payload):
    settlements, events = _expected_counts()
    frame = map_frame(page)
    # Wait for the map to show this date and window (the last run may still be drawing), then count.
    with contextlib.suppress(PlaywrightTimeoutError):  # on a time-out, the assert below shows what was drawn
        frame.wait_for_function(
            f"(want) => {{ const got = ({COUNT_SHAPES})(); return got[0] === want[0] && got[1] === want[1]; }}",
            arg=[settlements, events],
            timeout=30_000,
        )
    assert frame.evaluate(COUNT_SHAPES) == [settlements, events]
    # The payload shows as text in the tooltip (unshowable characters as U+FFFD), not as markup or code.
    wait_until_idle(page)  # no run still re-adding the layers under the mouse
    hover_settlement(page, *GORNAL)
    tooltip = map_frame(page).locator(".leaflet-tooltip").last
    tooltip.wait_for(timeout=10_000)
    assert " ".join(shown_text(payload).split()) in " ".join(tooltip.text_content().split())


@pytest.mark.parametrize("kind", list(KINDS))
def test_payload_in_every_text_field_of_every_file(hostile_server, browser, kind):
    base, folder = hostile_server
    poison_folder(ROOT / "data", folder, KINDS[kind])  # new sizes and times: the server reloads the data
    page = offline_page(browser, [])
    errors = _watch(page)
    page.goto(f"{base}/?date={DAY}&window=all&layers=settlements,events")
    wait_for_map(page, markers=1, timeout=60_000)
    wait_until_idle(page)
    assert not page.locator("[data-testid=stException]").count()
    _assert_whole_map(page, KINDS[kind])
    _assert_nothing_ran(page, errors)
    page.context.close()


@pytest.mark.parametrize("kind", ["interpolation", "backtick", "script-close", "line-separators", "lone-surrogate"])
def test_payload_in_an_uploaded_file(server, browser, tmp_path, kind):
    poison_folder(ROOT / "data", tmp_path, KINDS[kind])
    page = offline_page(browser, [])
    errors = _watch(page)
    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Use your own file").wait_for(timeout=30_000)
    page.get_by_text("Replace that layer").click()
    wait_until_idle(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(tmp_path / "settlements.geojson"))
    button = page.get_by_role("button", name="Use in this session (replace that layer)")
    button.wait_for(timeout=30_000)
    button.click()
    page.get_by_text("settlements.geojson:").wait_for(timeout=30_000)
    page.locator(PAGE_LINKS).get_by_text("Map", exact=True).click()  # in-app: keeps the session
    wait_for_map(page, markers=1, timeout=60_000)
    page.get_by_role("textbox", name="Jump to date").fill(DAY)
    page.get_by_role("textbox", name="Jump to date").press("Enter")
    page.get_by_text("Events, layers and stale claims").click()  # the event window is folded away
    page.get_by_text("Everything up to the date").click()
    wait_until_idle(page)
    _assert_whole_map(page, KINDS[kind])
    _assert_nothing_ran(page, errors)
    page.context.close()
