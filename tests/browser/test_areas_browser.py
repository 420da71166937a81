"""End-to-end: control areas under the settlements, their popups, a step that keeps the view, and an upload."""

from __future__ import annotations

import pytest

from tests.areas_fixture import data_with_areas
from tests.browser.harness import (
    MAP_IFRAME,
    PAGE_LINKS,
    offline_page,
    shipped_counts,
    streamlit_server,
    wait_for_map,
    wait_until_idle,
)
from tests.browser.map_actions import click_settlement, map_frame, zoom_level
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.browser
AREA_PATHS = ".leaflet-areas-pane path.leaflet-interactive"
INSIDE_UA_AREA = (51.15, 35.15)  # inside the synthetic Ukrainian-held box, away from every settlement
SLIDER = "[data-testid=stSlider] input[type=range]"


@pytest.fixture(scope="module")
def areas_server(tmp_path_factory):
    folder = data_with_areas(tmp_path_factory.mktemp("areas") / "data")
    env = {"CONTESTED_DATA": str(folder), "CONTESTED_CACHE": "off", "CONTESTED_TILES": "off"}
    with streamlit_server(env) as base:
        yield base


def _area_count(page):
    return map_frame(page).locator(AREA_PATHS).count()


def _area_shapes(page):
    return map_frame(page).evaluate(
        "(s) => Array.from(document.querySelectorAll(s)).map(p => p.getAttribute('d')).join('|')", AREA_PATHS
    )


def test_areas_draw_under_settlements_with_popups_and_keep_the_view(areas_server, browser):
    page = offline_page(browser, [])
    page.goto(f"{areas_server}/?date=2024-08-10&layers=settlements,areas")
    wait_for_map(page, markers=shipped_counts()[1])
    page.wait_for_function(
        "([f, s]) => document.querySelector(f).contentDocument.querySelectorAll(s).length >= 2",
        arg=[MAP_IFRAME, AREA_PATHS],
        timeout=30_000,
    )
    frame = map_frame(page)
    panes = frame.evaluate(
        "() => ['areas', 'settlements'].map(n => Number(getComputedStyle(map_div.getPane(n)).zIndex))"
    )
    assert panes[0] < panes[1], "areas lie under the settlements"
    assert "Control areas (tracker)" in frame.locator(".contested-legend").inner_text()
    click_settlement(page, *INSIDE_UA_AREA)  # a click on the map at that point
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Ukrainian control" in text and "DeepStateMap" in text and "2024-08-10 to 2024-08-12" in text
    frame.locator(".leaflet-popup-close-button").click()

    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(500)
    zoomed = zoom_level(page)
    before = _area_shapes(page)
    jump = page.get_by_role("textbox", name="Jump to date")
    jump.fill("2024-08-13")
    jump.press("Enter")
    page.wait_for_function(
        "([f, s, b]) => { const d = document.querySelector(f).contentDocument;"
        " const now = Array.from(d.querySelectorAll(s)).map(p => p.getAttribute('d')).join('|');"
        " return now.length > 0 && now !== b; }",
        arg=[MAP_IFRAME, AREA_PATHS, before],
        timeout=30_000,
    )
    assert zoom_level(page) == zoomed, "a date step keeps the user's zoom"
    assert page.locator("[data-testid=stVegaLiteChart]").count() == 1, "the area-over-time chart is shown"
    page.context.close()


def test_an_uploaded_deepstate_export_shows_as_control_areas(server, browser):
    page = offline_page(browser, [])
    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Use your own file").wait_for(timeout=30_000)
    export = TEST_DATA / "deepstate" / "exports" / "1723580100.geojson"
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(export))
    page.get_by_text("Read as a DeepStateMap export").wait_for(timeout=30_000)
    button = page.get_by_role("button", name="Use in this session (add to the loaded data)")
    button.click()
    page.get_by_text(f"{export.name}:").wait_for(timeout=30_000)
    page.locator(PAGE_LINKS).get_by_text("Map", exact=True).click()
    wait_for_map(page, markers=1, timeout=60_000)
    jump = page.get_by_role("textbox", name="Jump to date")
    jump.fill("2024-08-20")
    jump.press("Enter")
    wait_until_idle(page)
    page.wait_for_function(
        "([f, s]) => document.querySelector(f).contentDocument.querySelectorAll(s).length >= 1",
        arg=[MAP_IFRAME, AREA_PATHS],
        timeout=30_000,
    )
    assert _area_count(page) >= 1
    page.context.close()
