"""End-to-end: upload files whose text holds script payloads; prove no payload runs and the text shows as text."""

from __future__ import annotations

import pytest

from tests.browser.harness import MAP_IFRAME, PAGE_LINKS, offline_page, wait_for_map, wait_until_idle
from tests.browser.map_actions import click_settlement, hover_settlement, map_frame
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.browser
HOSTILE = TEST_DATA / "hostile"
EVILOVKA = (51.45, 36.6)
NO_PAYLOAD_RAN = "() => typeof window.__xss === 'undefined'"


def _upload(page, path):
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))
    button = page.get_by_role("button", name="Use in this session (add to the loaded data)")
    button.wait_for(timeout=20_000)
    button.click()
    page.get_by_text(f"{path.name}:").wait_for(timeout=20_000)


def _assert_clean(page):
    assert page.evaluate(NO_PAYLOAD_RAN), "a payload ran in the page"
    frame = page.locator(MAP_IFRAME)
    if frame.count():
        assert map_frame(page).evaluate(NO_PAYLOAD_RAN), "a payload ran in the map"


def test_payloads_show_as_text_and_never_run(server, browser):
    blocked: list[str] = []
    page = offline_page(browser, blocked)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Use your own file").wait_for(timeout=30_000)

    _upload(page, HOSTILE / "settlements_xss.geojson")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(HOSTILE / "claims_xss.geojson"))
    report = page.locator("[data-testid=stDataFrame]").last
    report.wait_for(timeout=20_000)
    page.get_by_text("1 feature(s) can be used").wait_for(timeout=20_000)  # the javascript: URL feature is dropped
    page.get_by_role("button", name="Use in this session (add to the loaded data)").click()
    page.get_by_text("claims_xss.geojson:").wait_for(timeout=20_000)
    _assert_clean(page)

    page.locator(PAGE_LINKS).get_by_text("Map", exact=True).click()  # in-app: keeps the session
    wait_for_map(page, markers=29)
    jump = page.get_by_role("textbox", name="Jump to date")  # after both uploaded claims (20 and 21 April 2025)
    jump.fill("2025-04-26")
    jump.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2025-04-26'", timeout=20_000)
    wait_until_idle(page)
    frame = map_frame(page)
    page.wait_for_timeout(1000)
    # Evilovka lies in the map's north-east corner, where the legend sits: bring it to the middle, as a reader would.
    frame.evaluate("([lat, lon]) => map_div.setView([lat, lon], map_div.getZoom(), {animate: false})", list(EVILOVKA))
    page.wait_for_timeout(500)
    wait_until_idle(page)
    click_settlement(page, *EVILOVKA)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=20_000)
    popup_text = popup.inner_text()
    assert '<img src=x onerror="window.__xss=1">Evilovka' in popup_text
    assert "<script>window.__xss=2</script>" in popup_text
    assert "&lt;b onmouseover=window.__xss=8&gt;Outlet" in popup_text
    frame.locator(".leaflet-popup-close-button").dispatch_event("click")  # wherever the page has scrolled it
    page.wait_for_timeout(800)
    page.mouse.move(5, 5)  # off the marker first: the mouse never left it, so no new hover would fire
    hover_settlement(page, *EVILOVKA)
    frame.locator(".leaflet-tooltip").last.wait_for(timeout=10_000)
    assert '<img src=x onerror="window.__xss=1">Evilovka' in frame.locator(".leaflet-tooltip").last.inner_text()
    panel = page.get_by_role("heading", name='<img src=x onerror="window.__xss=1">Evilovka')
    panel.wait_for(timeout=20_000)
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "<script>window.__xss=2</script> [click](javascript:window.__xss=7)" in body
    assert not page.locator('a[href^="javascript"]').count()
    assert not frame.locator('a[href^="javascript"]').count()
    _assert_clean(page)

    page.get_by_role("link", name="Full claim history and sources").click()
    page.get_by_text("How each side's story moved").wait_for(timeout=20_000)
    page.wait_for_timeout(1000)
    _assert_clean(page)
    assert dialogs == []
    assert all("tile.openstreetmap.org" in url for url in blocked)
    page.close()
