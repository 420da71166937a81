"""End-to-end at 10,000 synthetic events: the numbers on the map add up to the count under it."""

from __future__ import annotations

import re

import pytest

from bench.synthetic import Sizes, write_dataset
from tests.browser.harness import MAP_IFRAME, offline_page, streamlit_server
from tests.browser.map_actions import map_frame

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
        "() => Array.from(document.querySelectorAll('.contested-event-cell span'))"
        ".reduce((sum, s) => sum + Number(s.textContent), 0)"
    )


def test_badges_add_up_to_the_caption_and_zoom_survives(scale_server, browser):
    blocked: list[str] = []
    page = offline_page(browser, blocked)
    page.goto(f"{scale_server}/?date=2025-03-01&window=all&layers=events")
    page.frame_locator(MAP_IFRAME).locator(".contested-event-cell").first.wait_for(timeout=60_000)
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
