"""End-to-end at 10,000 synthetic events: the numbers on the map add up to the count under it."""

from __future__ import annotations

import re

import pytest

from bench.synthetic import Sizes, write_dataset
from geo.io import load_dataset
from tests.browser.harness import MAP_IFRAME, offline_page, streamlit_server
from tests.browser.map_actions import click_settlement, hover_settlement, map_frame

pytestmark = pytest.mark.browser
SLIDER = "[data-testid=stSlider] input[type=range]"


@pytest.fixture(scope="module")
def scale_server(tmp_path_factory):
    folder = write_dataset(tmp_path_factory.mktemp("scale10k"), Sizes(events=10_000, settlements=200, claims=2_000))
    env = {"CONTESTED_DATA": str(folder), "CONTESTED_TILES": "off", "CONTESTED_CACHE": str(folder / "cache")}
    with streamlit_server(env, timeout=120) as base:
        yield base


def _caption_count(page, day):
    caption = page.get_by_text(re.compile(rf"events shown .*to {day}\)")).inner_text()
    return int(re.match(r"(\d+) events shown", caption).group(1))


def _badge_sum(page):
    frame = map_frame(page)
    frame.evaluate("() => map_div.setZoom(6, {animate: false})")  # the whole region in view
    page.wait_for_timeout(800)
    return frame.evaluate(
        "() => Array.from(document.querySelectorAll('.contested-event-count span'))"
        ".reduce((sum, s) => sum + Number(s.textContent), 0)"
    )


def test_badges_add_up_to_the_caption_and_zoom_survives(scale_server, browser):
    blocked: list[str] = []
    page = offline_page(browser, blocked)
    page.goto(f"{scale_server}/?date=2025-03-01&window=all&layers=events")
    page.frame_locator(MAP_IFRAME).locator(".contested-event-count").first.wait_for(timeout=60_000)
    total = _caption_count(page, "2025-03-01")
    assert total > 1000
    assert _badge_sum(page) == total
    page.locator(SLIDER).focus()
    page.keyboard.press("ArrowRight")
    page.get_by_text(re.compile(r"events shown .*to 2025-03-02\)")).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    assert map_frame(page).evaluate("() => map_div.getZoom()") == 6, "a slider step must keep the zoom"
    later = _caption_count(page, "2025-03-02")
    assert later >= total
    assert _badge_sum(page) == later
    assert blocked == []
    page.close()


@pytest.fixture(scope="module")
def many_settlements_server(tmp_path_factory):
    """400 synthetic settlements: above the detail limit, so they travel as one compact array."""
    folder = write_dataset(tmp_path_factory.mktemp("compact"), Sizes(events=300, settlements=400, claims=1_200))
    env = {"CONTESTED_DATA": str(folder), "CONTESTED_TILES": "off", "CONTESTED_CACHE": str(folder / "cache")}
    with streamlit_server(env, timeout=120) as base:
        yield base, load_dataset(folder).settlements


def _isolated(settlements, count):
    """The settlements farthest from their nearest neighbour: their markers overlap no other."""
    points = settlements[["lat", "lon"]].to_numpy()
    gaps = ((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
    gaps[range(len(points)), range(len(points))] = float("inf")
    order = gaps.min(axis=1).argsort()[::-1][:count]
    return settlements.iloc[order]


def test_clicking_a_compact_settlement_marker_selects_that_settlement(many_settlements_server, browser):
    """Hover shows the name and a click selects the settlement, with the map's lower edge below the window.

    That edge case once made Leaflet's focus scroll the page between mousedown and mouseup, so the click
    missed the marker (Contested.focusWithoutScrolling, static/contested/map.js).
    """
    base, settlements = many_settlements_server
    page = offline_page(browser, [], width=1500, height=760)
    page.goto(f"{base}/?date=2025-03-01&layers=settlements")
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator(".leaflet-container").wait_for(timeout=60_000)
    page.wait_for_function(
        f"""() => {{
            const d = document.querySelector('{MAP_IFRAME}').contentDocument;
            return d.querySelectorAll('path.leaflet-interactive').length >= 400;
        }}""",
        timeout=60_000,
    )
    assert not map_frame(page).locator(".leaflet-popup-pane *").count()  # compact: no popups were sent
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None and box["y"] + box["height"] > 760, "the map should reach below the window here"
    # Note the link at every moment a settlement heading appears: the two must never disagree.
    page.evaluate(
        """() => {
            window.__headings = [];
            new MutationObserver(() => {
                document.querySelectorAll('[data-testid=stMain] h3').forEach((h) => {
                    const seen = [h.innerText.trim(), new URLSearchParams(location.search).get('settlement')];
                    const last = window.__headings[window.__headings.length - 1];
                    if (!last || last[0] !== seen[0] || last[1] !== seen[1]) { window.__headings.push(seen); }
                });
            }).observe(document.body, {childList: true, subtree: true, characterData: true});
        }"""
    )
    names = dict(zip(settlements["id"], settlements["name"], strict=True))
    for row in _isolated(settlements, 2).itertuples():
        map_frame(page).evaluate(  # bring it into view, as a user panning there would
            "([lat, lon]) => map_div.setView([lat, lon], map_div.getZoom(), {animate: false})", [row.lat, row.lon]
        )
        page.wait_for_timeout(300)
        hover_settlement(page, row.lat, row.lon)
        frame.locator(".leaflet-tooltip").filter(has_text=row.name).wait_for(timeout=10_000)
        click_settlement(page, row.lat, row.lon)
        # The page writes the link before it draws the panel: wait for the link, then the heading.
        page.wait_for_function(
            "(id) => new URLSearchParams(location.search).get('settlement') === id", arg=row.id, timeout=30_000
        )
        page.get_by_role("heading", name=row.name).wait_for(timeout=30_000)
        assert f"settlement={row.id}" in page.url
    seen = page.evaluate("() => window.__headings")
    assert seen, "the observer saw no heading"
    assert [(heading, names.get(linked)) for heading, linked in seen if heading != names.get(linked)] == []
    page.context.close()
