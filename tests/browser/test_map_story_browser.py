"""End-to-end: the map tells its story at a glance, on a desktop screen and on a phone.

Layouts are checked by element boxes, never by pixels: where the map sits, what it holds, what folds away.
"""

from __future__ import annotations

import itertools

import pytest

from tests.browser.harness import MAP_IFRAME, offline_page, shipped_counts, wait_for_map, wait_until_idle
from tests.browser.map_actions import click_settlement, hover_settlement, map_frame

pytestmark = pytest.mark.browser
GORNAL = (51.066111, 35.2325)
DESKTOP, PHONE = (1440, 900), (390, 844)


def _open(browser, url, size=DESKTOP):
    blocked: list[str] = []
    page = offline_page(browser, blocked, width=size[0], height=size[1])
    page.goto(url)
    wait_for_map(page, markers=shipped_counts()[1])
    wait_until_idle(page)
    return page, blocked


def _marker_boxes(page):
    """Centre and radius, in page pixels, of every settlement marker drawn on the map."""
    return map_frame(page).evaluate(
        """() => Array.from(document.querySelectorAll('.leaflet-settlements-pane path.leaflet-interactive'))
            .map(p => { const r = p.getBoundingClientRect();
                        return [r.left + r.width / 2, r.top + r.height / 2, r.width / 2]; })"""
    )


def _label_boxes(page):
    return map_frame(page).evaluate(
        """() => Array.from(document.querySelectorAll('.contested-label'))
            .map(l => { const r = l.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom, l.textContent]; })"""
    )


def test_desktop_the_map_is_the_page(server, browser):
    page, blocked = _open(browser, f"{server}/")
    width, height = DESKTOP
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box["y"] < 0.25 * height, "the map starts near the top"
    assert box["height"] >= 0.65 * height and box["width"] >= 0.55 * width, "the map takes most of the window"
    assert box["y"] + box["height"] <= height, "the whole map is on the first screen"
    search = page.get_by_role("combobox").first.bounding_box()
    assert search["x"] >= box["x"] + box["width"] - 1, "the controls sit beside the map, not above it"
    frame = map_frame(page)
    legend = frame.locator(".contested-legend")
    assert legend.is_visible() and frame.locator(".leaflet-container .contested-legend").count() == 1
    legend_box = legend.bounding_box()  # inside the frame's own coordinates
    assert legend_box["width"] < 0.4 * box["width"] and legend_box["height"] < 0.75 * box["height"]
    assert [url for url in blocked if "tile.openstreetmap.org" not in url] == []  # at most the tile probe
    page.close()


def test_the_legend_stays_in_fullscreen(server, browser):
    page, _ = _open(browser, f"{server}/")
    frame = map_frame(page)
    frame.locator(".leaflet-control-zoom-fullscreen, .leaflet-control-fullscreen a").first.click()
    frame.wait_for_function(
        "() => document.fullscreenElement !== null || document.querySelector('.leaflet-pseudo-fullscreen') !== null"
    )
    full = frame.evaluate("() => document.fullscreenElement || document.querySelector('.leaflet-pseudo-fullscreen')")
    assert full is not None
    assert frame.evaluate(
        "() => (document.fullscreenElement || document.querySelector('.leaflet-pseudo-fullscreen'))"
        ".contains(document.querySelector('.contested-legend'))"
    ), "the legend is part of what goes fullscreen"
    assert frame.locator(".contested-legend").is_visible()
    page.close()


def test_phone_map_first_legend_folded_and_claims_one_scroll_away(server, browser):
    page, _ = _open(browser, f"{server}/?date=2025-04-26", size=PHONE)
    width, height = PHONE
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box["y"] < 0.5 * height, "the map comes up on the first screen"
    assert box["width"] >= 0.9 * width - 40
    frame = map_frame(page)
    assert frame.evaluate("() => document.querySelector('.contested-legend details').open") is False
    assert frame.locator(".contested-legend").bounding_box()["height"] < 40, "the legend is folded away"
    frame.locator(".contested-legend summary").click()
    assert frame.evaluate("() => document.querySelector('.contested-legend details').open") is True
    frame.locator(".contested-legend summary").click()  # fold it again, out of the way of the tap
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    click_settlement(page, *GORNAL)
    heading = page.get_by_role("heading", name="Gornal")
    heading.wait_for(timeout=20_000)
    wait_until_idle(page)
    map_box = page.locator(MAP_IFRAME).bounding_box()
    heading_box = heading.bounding_box()
    assert 0 < heading_box["y"] - (map_box["y"] + map_box["height"]) < height, "the claims are one scroll away"
    page.close()


def test_no_marker_hides_another_at_the_opening_zoom(server, browser):
    page, _ = _open(browser, f"{server}/?date=2025-03-13")
    markers = _marker_boxes(page)
    assert len(markers) == shipped_counts()[1]
    for (x1, y1, r1), (x2, y2, r2) in itertools.combinations(markers, 2):
        distance = ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5
        assert distance >= r1 + r2 - 1.5, "two settlement markers overlap"
    # Sudzha's marker, not Goncharovka's, is the one under the mouse at Sudzha's marker.
    hover_settlement(page, 51.191, 35.271)
    tooltip = map_frame(page).locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert tooltip.inner_text().startswith("Sudzha")
    page.close()


def test_labels_are_drawn_where_they_fit_and_more_when_zoomed_in(server, browser):
    page, _ = _open(browser, f"{server}/?date=2025-03-13")
    labels = _label_boxes(page)
    assert len(labels) >= 5
    for a, b in itertools.combinations(labels, 2):
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, f"labels {a[4]!r} and {b[4]!r} overlap"
    names = {label[4] for label in labels}
    assert {"Kursk", "Sudzha"} & names, "towns are labelled first"
    map_frame(page).evaluate("() => map_div.setZoom(10, {animate: false})")
    page.wait_for_timeout(800)
    assert len(_label_boxes(page)) > len(labels)
    page.close()


def test_search_in_cyrillic_picks_centres_and_rings_the_village(server, browser):
    page, _ = _open(browser, f"{server}/?date=2025-04-26")
    box = page.get_by_role("combobox").first
    box.click()
    page.keyboard.type("Горналь")
    page.get_by_role("option", name="Gornal (Горналь; Gornal'; Hornal)").click()
    page.get_by_role("heading", name="Gornal").wait_for(timeout=20_000)
    frame = map_frame(page)
    frame.locator("path.contested-selected").wait_for(timeout=20_000)
    page.wait_for_timeout(1000)
    ring = frame.locator("path.contested-selected").bounding_box()
    container = frame.locator(".leaflet-container").bounding_box()
    centre = (container["x"] + container["width"] / 2, container["y"] + container["height"] / 2)
    ring_centre = (ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2)
    assert abs(ring_centre[0] - centre[0]) < 60 and abs(ring_centre[1] - centre[1]) < 60, "centred on the village"
    assert frame.evaluate("() => map_div.getZoom()") >= 10
    page.close()


def test_area_wide_and_old_claims_are_pale_and_say_so(server, browser):
    page, _ = _open(browser, f"{server}/?date=2025-05-20")
    frame = map_frame(page)
    opacities = frame.evaluate(
        """() => Array.from(document.querySelectorAll('.leaflet-settlements-pane path.leaflet-interactive'))
            .map(p => p.getAttribute('fill-opacity'))"""
    )
    assert "0.3" in opacities and "0.9" in opacities
    hover_settlement(page, *GORNAL)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert "Gornal" in tooltip.inner_text() and "area-wide" in tooltip.inner_text()
    page.close()


@pytest.mark.parametrize(
    ("mode", "label", "words"),
    [
        ("ru", "Russia's claim", "Russia says Russian control"),
        ("ua", "Ukraine's claim", "Ukraine says fighting goes on"),
        ("independent", "Independent trackers", "volunteer project"),
        ("trackers", "Claims vs DeepStateMap", "ran ahead of DeepStateMap"),
    ],
)
def test_each_colour_mode_recolours_the_map_with_its_legend(server, browser, mode, label, words):
    page, _ = _open(browser, f"{server}/?date=2025-03-13")
    before = map_frame(page).evaluate(
        "() => Array.from(document.querySelectorAll('.leaflet-settlements-pane path.leaflet-interactive'))"
        ".map(p => p.getAttribute('fill'))"
    )
    page.get_by_role("combobox").nth(1).click()
    page.get_by_role("option", name=label).click()
    wait_until_idle(page)
    page.wait_for_function(
        "([s, w]) => document.querySelector(s).contentDocument.querySelector('.contested-legend')"
        "?.innerText.includes(w)",  # innerText: only the section shown
        arg=[MAP_IFRAME, words],
        timeout=20_000,
    )
    after = map_frame(page).evaluate(
        "() => Array.from(document.querySelectorAll('.leaflet-settlements-pane path.leaflet-interactive'))"
        ".map(p => p.getAttribute('fill'))"
    )
    assert len(after) == len(before) and after != before
    assert f"colour={mode}" in page.url
    page.close()


def test_a_popup_fits_the_map_and_the_legend_steps_aside_while_it_is_open(server, browser):
    page, _ = _open(browser, f"{server}/?date=2025-04-26")
    frame = map_frame(page)
    click_settlement(page, *GORNAL)
    popup = frame.locator(".leaflet-popup")
    popup.wait_for(timeout=20_000)
    page.wait_for_timeout(800)  # the map pans to fit the popup
    inside = frame.locator(".leaflet-container").bounding_box()
    box = popup.bounding_box()
    assert box["x"] >= inside["x"] - 1 and box["x"] + box["width"] <= inside["x"] + inside["width"] + 1
    assert box["y"] >= inside["y"] - 1 and box["y"] + box["height"] <= inside["y"] + inside["height"] + 1
    assert not frame.locator(".contested-legend").is_visible()
    frame.evaluate("() => map_div.closePopup()")
    frame.locator(".contested-legend").wait_for(state="visible", timeout=5_000)
    page.close()


def test_a_click_shows_in_the_list_keeps_its_popup_and_the_list_still_picks(server, browser):
    page, _ = _open(browser, f"{server}/?date=2025-04-26")
    frame = map_frame(page)
    village_list = page.get_by_role("combobox", name="Find a village (any spelling)")
    assert village_list.input_value() == ""  # nothing is picked on entry: the list shows its placeholder
    click_settlement(page, *GORNAL)
    frame.locator(".leaflet-popup").wait_for(timeout=20_000)
    page.get_by_role("heading", name="Gornal").wait_for(timeout=20_000)
    wait_until_idle(page)
    assert village_list.input_value().startswith("Gornal")  # the list mirrors the click
    page.wait_for_timeout(2000)  # the mirror must not count as a pick: no recentring, no re-drawn layers
    assert frame.locator(".leaflet-popup").is_visible()
    assert "settlement=gornal" in page.url
    village_list.click()
    page.keyboard.type("Sudzha")
    page.get_by_role("option", name="Sudzha", exact=False).first.click()
    page.get_by_role("heading", name="Sudzha").wait_for(timeout=20_000)
    frame.wait_for_function("() => map_div.getZoom() >= 10", timeout=20_000)
    assert "settlement=sudzha" in page.url
    page.close()
