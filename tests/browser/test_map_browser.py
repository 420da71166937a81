"""End-to-end: the real dashboard in headless Debian Chromium, with every non-local request refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.harness import MAP_IFRAME, ROOT, offline_page, shipped_counts, wait_for_map, wait_until_idle
from tests.browser.map_actions import click_settlement, hover_settlement, map_frame, marker_fills, zoom_level

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
GORNAL = (51.066111, 35.2325)
# Streamlit 1.67 renders the slider thumb as a visually hidden <input type=range> (implicit role "slider").
SLIDER = "[data-testid=stSlider] input[type=range]"
SLIDER_AT = (
    f"(d) => {{ const s = document.querySelector('{SLIDER}'); return !!s && s.getAttribute('aria-valuetext') === d; }}"
)


def _open(browser, url, blocked, markers=None):
    page = offline_page(browser, blocked)
    page.goto(url)
    wait_for_map(page, markers=shipped_counts()[1] if markers is None else markers)
    return page


def _slider_date(page):
    return page.get_by_role("slider", name="Date").get_attribute("aria-valuetext")


def test_map_renders_offline_with_boundaries_and_markers(server, browser):
    blocked: list[str] = []
    page = _open(browser, f"{server}/?date=2025-03-01&layers=settlements,tiles", blocked)
    frame = map_frame(page)
    page.wait_for_function(
        "(s) => document.querySelector(s).contentDocument"
        ".querySelectorAll('.leaflet-boundaries-pane path').length >= 5",
        arg=MAP_IFRAME,
    )
    assert frame.locator(".leaflet-settlements-pane path.leaflet-interactive").count() == shipped_counts()[1]
    assert frame.locator(".contested-oblast-label").count() == 4
    assert frame.locator(".contested-legend").is_visible()
    assert frame.locator(".leaflet-control-scale").count() == 1
    assert frame.locator(".leaflet-control-zoom-fullscreen, .leaflet-control-fullscreen").count() >= 1
    outside = [url for url in blocked if "tile.openstreetmap.org" not in url]
    assert outside == [], "only tile requests may leave the machine"
    assert any("tile.openstreetmap.org" in url for url in blocked), "tiles are on, so the browser should have tried"
    page.close()


def test_zoom_survives_slider_steps_and_colours_change(server, browser):
    blocked: list[str] = []
    page = _open(browser, f"{server}/?date=2025-03-01&layers=settlements", blocked)
    colours_before = marker_fills(page)
    start_zoom = zoom_level(page)
    frame = map_frame(page)
    for _ in range(2):
        frame.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)
    zoomed = zoom_level(page)
    assert zoomed == start_zoom + 2

    jump = page.get_by_role("textbox", name="Jump to date")
    jump.fill("2025-03-15")
    jump.press("Enter")
    page.wait_for_function(SLIDER_AT, arg="2025-03-15")
    thumb = page.get_by_role("slider", name="Date")
    for step in range(1, 6):
        thumb.focus()
        page.keyboard.press("ArrowRight")
        expected = f"2025-03-{15 + step:02d}"
        page.wait_for_function(SLIDER_AT, arg=expected)
        page.wait_for_timeout(500)
    assert _slider_date(page) == "2025-03-20"
    page.wait_for_function(
        "(before) => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " const paths = f.contentDocument.querySelectorAll('path.leaflet-interactive');"
        " const now = Array.from(paths).map(p => p.getAttribute('fill'));"
        " return now.length === before.length && now.join() !== before.join(); }",
        arg=colours_before,
        timeout=20_000,
    )
    assert zoom_level(page) == zoomed, "a slider step must keep the user's zoom"
    assert marker_fills(page) != colours_before
    assert re.search(r"date=2025-03-20", page.url)
    page.close()


def test_clicking_gornal_shows_both_claims_side_by_side(server, browser):
    blocked: list[str] = []
    page = _open(browser, f"{server}/?date=2025-04-26&layers=settlements,events&window=7d", blocked)
    wait_until_idle(page)  # the first run's follow-up (the map reports its view) has finished
    # As a reader would: point at the village, see its name, then click. This also proves the pixel is the marker's.
    hover_settlement(page, *GORNAL)
    map_frame(page).locator(".leaflet-tooltip").filter(has_text="Gornal").wait_for(timeout=10_000)
    click_settlement(page, *GORNAL)
    page.wait_for_function("() => new URLSearchParams(location.search).get('settlement') === 'gornal'", timeout=20_000)
    page.get_by_role("heading", name="Gornal").wait_for(timeout=20_000)
    wait_until_idle(page)  # the run that drew the heading has finished: no element of the run before is left
    panel = page.locator("[data-testid=stColumn]").filter(has=page.get_by_role("heading", name="Gornal")).last
    text = panel.inner_text()
    assert "Russian control" in text and "Russian General Staff" in text
    assert "Contested" in text and "Ukrainian General Staff" in text
    assert "The sides disagree" in page.locator("body").inner_text()
    popup = map_frame(page).locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Russian General Staff" in popup.inner_text() and "Ukrainian General Staff" in popup.inner_text()
    assert "settlement=gornal" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(Path(ARTIFACTS) / "map-gornal-2025-04-26.png"), full_page=True)
    page.close()
