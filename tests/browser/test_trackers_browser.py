"""End-to-end: the leads chart of "Against the trackers" shows a claim's statement and source on hover."""

from __future__ import annotations

import contextlib
import csv
import io

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.harness import offline_page, wait_until_idle

pytestmark = pytest.mark.browser
GERASIMOV = '[aria-label*="Gornal"][aria-label*="Russian General Staff"][aria-label*="2025-04-26"]'


def _open_trackers_tab(page) -> None:
    """Select the tab, again if a rerun that was still drawing the page swallowed the click."""
    tab = page.get_by_role("tab", name="Against the trackers")
    for _ in range(3):
        tab.click()
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(
                "() => [...document.querySelectorAll('[role=tab]')].some("
                "t => t.innerText.includes('Against the trackers') && t.getAttribute('aria-selected') === 'true')",
                timeout=5_000,
            )
            break
    wait_until_idle(page)


def test_hovering_a_point_shows_its_statement_and_source(server, browser):
    blocked: list[str] = []
    page = offline_page(browser, blocked)
    page.goto(f"{server}/claims?date=2025-04-27&settlement=gornal")
    wait_until_idle(page)
    _open_trackers_tab(page)
    # The hidden "One settlement" tab's timeline has a point with the same words: only the visible one counts.
    point = page.locator(f"[data-testid=stVegaLiteChart] svg .mark-symbol path{GERASIMOV}:visible").first
    point.wait_for(timeout=30_000)
    point.evaluate("(el) => el.scrollIntoView({block: 'center'})")  # not under Streamlit's header at the top
    page.wait_for_timeout(300)
    text = ""
    for _ in range(3):  # Vega fills its tooltip on the pointer's move: come from outside each try
        box = point.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x - 30, y - 30)
        page.mouse.move(x, y, steps=5)
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(
                "() => (document.querySelector('#vg-tooltip-element')?.innerText || '').includes('Gerasimov')",
                timeout=5_000,
            )
        tooltip = page.locator("#vg-tooltip-element")
        text = " ".join(tooltip.inner_text().split()) if tooltip.count() else ""
        if "Gerasimov" in text:
            break
    assert "Gerasimov" in text  # the statement
    assert "Source" in text and "A News" in text  # and its outlet
    assert "ran ahead of DeepStateMap by 34 days" in text
    assert blocked == []


def test_the_csv_is_built_on_click_and_holds_the_verdicts(server, browser):
    page = offline_page(browser, [])
    page.goto(f"{server}/claims?date=2025-04-27&settlement=gornal")
    wait_until_idle(page)
    _open_trackers_tab(page)
    button = page.locator("[data-testid=stDownloadButton] button:visible", has_text="Download CSV")
    with page.expect_download(timeout=30_000) as download_info:
        button.click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    gornal = next(r for r in rows if r["claim_id"] == "gornal-2025-04-26-ru-general-staff")
    assert (gornal["lead_days"], gornal["verdict"]) == ("34", "ahead") and gornal["source_outlet"] == "A News"
