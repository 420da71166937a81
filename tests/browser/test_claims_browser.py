"""End-to-end on the Claims page: search a village by name, set a date, read the columns, download the CSV."""

from __future__ import annotations

import csv
import io

import pytest

from tests.browser.harness import offline_page, shipped_counts, wait_until_idle

pytestmark = pytest.mark.browser


def test_search_gornal_and_compare_the_sides(server, browser):
    blocked: list[str] = []
    page = offline_page(browser, blocked)
    page.goto(f"{server}/claims?date=2025-04-20")
    box = page.get_by_role("combobox").first
    box.wait_for(timeout=30_000)
    box.click()
    page.keyboard.type("Горналь")  # the Russian spelling finds it too
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Gornal").wait_for(timeout=20_000)

    page.get_by_role("spinbutton", name="day, As of").click()
    page.keyboard.type("27")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('date=2025-04-27')", timeout=20_000)
    page.get_by_text("On 2025-04-27").wait_for(timeout=20_000)

    columns = page.locator("[data-testid=stColumn]").filter(has=page.get_by_text("Russia", exact=True))
    russia = columns.first.inner_text()
    ukraine = page.locator("[data-testid=stColumn]").filter(has=page.get_by_text("Ukraine", exact=True)).first
    assert "Russian control" in russia
    ukrainian_text = ukraine.inner_text()
    assert "Russian control" not in ukrainian_text, "Ukraine does not concede Gornal on 27 April"
    assert "Contested" in ukrainian_text or "Ukrainian control" in ukrainian_text
    assert "The sides disagree" in page.locator("body").inner_text()

    wait_until_idle(page)
    page.get_by_role("tab", name="All settlements on this date").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV (with sources)").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == shipped_counts()[0]
    gornal = next(r for r in rows if r["settlement_id"] == "gornal")
    assert gornal["as_of"] == "2025-04-27"
    assert gornal["ru_status"] == "ru_control" and gornal["ru_source_url"].startswith("http")
    assert gornal["ua_status"] != "ru_control" and gornal["ua_source_outlet"]
    assert blocked == [] or all("tile.openstreetmap.org" in url for url in blocked)
    page.close()
