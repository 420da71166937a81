"""End-to-end: the date controls keep every action of the reader, and Play never shows an exception."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.harness import offline_page, shipped_counts, wait_for_map, wait_until_idle
from tests.browser.map_actions import map_frame, zoom_level

pytestmark = pytest.mark.browser
SLIDER = "[data-testid=stSlider] input[type=range]"
GAPS_MS = (60, 100, 70, 90, 65, 95, 80, 60, 100, 75, 85, 70)
"""Pauses between key presses: 60-100 ms, fixed so that every run presses at the same pace."""


def _open(browser, url):
    page = offline_page(browser, [])
    page.goto(url)
    wait_for_map(page, markers=shipped_counts()[1])
    wait_until_idle(page)
    return page


def _slider_date(page):
    return page.locator(SLIDER).get_attribute("aria-valuetext")


def _link(page):
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def _settled(page, expected, timeout=20_000):
    """Wait until slider and link both show ``expected``, then make sure they stay there (no jump back)."""
    page.wait_for_function(
        "([s, d]) => { const e = document.querySelector(s); return e && e.getAttribute('aria-valuetext') === d"
        " && new URLSearchParams(location.search).get('date') === d; }",
        arg=[SLIDER, expected],
        timeout=timeout,
    )
    wait_until_idle(page)
    page.wait_for_timeout(1500)
    assert (_slider_date(page), _link(page)["date"]) == (expected, expected)


def test_every_arrow_key_press_counts_whatever_the_pace(server, browser):
    page = _open(browser, f"{server}/?date=2025-03-01&layers=settlements,events")
    thumb = page.locator(SLIDER)
    for start, end in (("2025-03-01", "2025-03-13"), ("2025-03-13", "2025-03-25"), ("2025-03-25", "2025-04-06")):
        assert _slider_date(page) == start
        thumb.focus()
        for gap in GAPS_MS:
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(gap)
        _settled(page, end)
    page.close()


def test_a_typed_date_is_applied_on_enter(server, browser):
    page = _open(browser, f"{server}/?date=2025-03-01")
    jump = page.get_by_role("textbox", name="Jump to date")
    jump.fill("2025-03-13")
    jump.press("Enter")
    _settled(page, "2025-03-13")
    assert not page.locator("[data-baseweb=calendar]").count(), "Enter must apply the date, not open a calendar"
    jump.fill("13.03.2025")
    jump.press("Enter")
    page.get_by_text("Type a date as YYYY-MM-DD").wait_for(timeout=10_000)
    assert _slider_date(page) == "2025-03-13"
    page.close()


def test_playing_ten_steps_never_shows_an_exception(server, browser):
    page = _open(browser, f"{server}/?date=2025-03-01&speed=4&layers=settlements")
    # Record every exception box that appears, even for a moment, not only the state at the end.
    page.evaluate(
        """() => {
            window.__exceptions = [];
            const seen = (node) => node.nodeType === 1 && (node.matches('[data-testid=stException]')
                || node.querySelector('[data-testid=stException]'));
            new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => {
                if (seen(n)) { window.__exceptions.push(n.innerText.slice(0, 300)); }
            }))).observe(document.body, {childList: true, subtree: true});
        }"""
    )
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function(
        "(s) => { const e = document.querySelector(s); return e && e.getAttribute('aria-valuetext') >= '2025-03-11'; }",
        arg=SLIDER,
        timeout=60_000,
    )
    page.get_by_role("button", name="⏸ Pause").click()
    wait_until_idle(page)
    assert page.evaluate("() => window.__exceptions") == []
    assert not page.locator("[data-testid=stException]").count()
    stopped = _slider_date(page)
    assert stopped >= "2025-03-11"
    page.wait_for_timeout(1500)
    assert _slider_date(page) == stopped, "Pause must stop the steps"
    assert _link(page)["speed"] == "4"
    page.close()


def test_a_share_link_restores_date_village_window_layers_centre_and_zoom(server, browser):
    page = _open(browser, f"{server}/?date=2025-03-01&layers=settlements")
    frame = map_frame(page)
    frame.evaluate("() => map_div.setView([51.2, 35.27], 11)")
    page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '11'", timeout=20_000)
    page.wait_for_function("() => new URLSearchParams(location.search).get('lat') === '51.20000'", timeout=20_000)
    link = page.url
    page.close()

    other = _open(browser, link)
    assert zoom_level(other) == 11
    centre = map_frame(other).evaluate("() => { const c = map_div.getCenter(); return [c.lat, c.lng]; }")
    assert centre == pytest.approx([51.2, 35.27], abs=1e-4)
    assert _slider_date(other) == "2025-03-01"
    assert re.search(r"layers=settlements(&|$)", other.url)
    other.close()
