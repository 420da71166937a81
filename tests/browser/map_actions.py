"""Things a user does to the Leaflet map inside the st_folium iframe."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.harness import MAP_IFRAME


def map_frame(page: Page):
    """Return the Playwright Frame of the map iframe."""
    handle = page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return frame


def zoom_level(page: Page) -> float:
    """Read Leaflet's current zoom (streamlit-folium names the map `map_div`)."""
    return map_frame(page).evaluate("() => map_div.getZoom()")


def marker_fills(page: Page) -> list[str]:
    """Fill colours of all interactive circles, in DOM order."""
    return map_frame(page).evaluate(
        "() => Array.from(document.querySelectorAll('path.leaflet-interactive')).map(p => p.getAttribute('fill'))"
    )


def click_settlement(page: Page, lat: float, lon: float) -> None:
    """Click a settlement's marker with the mouse, as a user clicking there would.

    Markers are moved apart on screen where they would overlap (``settlementLayout`` in map.js), so the
    mouse goes to the marker drawn for the settlement at (lat, lon), at the exact pixel of its centre.
    (Clicking "the element found there" would let Playwright click the middle of that element's box
    instead, which for the pane's SVG is elsewhere.) The mouse aims 4 px up and left of the centre, on the
    marker's own ring, as a reader does when a small event dot sits on the village.
    """
    page.mouse.click(*_page_point(page, lat, lon))


def hover_settlement(page: Page, lat: float, lon: float) -> None:
    """Move the mouse over a settlement's marker (where it is drawn, see :func:`click_settlement`)."""
    page.mouse.move(1, 1)  # from outside the map, as a reader's mouse arrives: a fresh mouseover, always
    page.mouse.move(*_page_point(page, lat, lon))


def _page_point(page: Page, lat: float, lon: float) -> tuple[float, float]:
    frame = map_frame(page)
    # Leaflet gives the point inside the map's container, which sits a few pixels into the iframe.
    point = frame.evaluate(
        """([lat, lon]) => {
            let where = L.latLng(lat, lon), best = Infinity;
            map_div.eachLayer(layer => {  // a settlement marker drawn away from its home: go where it is drawn
                const home = layer._contestedHome;
                if (home && home.distanceTo([lat, lon]) < Math.min(best, 50)) {
                    best = home.distanceTo([lat, lon]);
                    where = layer.getLatLng();
                }
            });
            const p = map_div.latLngToContainerPoint(where).subtract([4, 4]);
            const r = map_div.getContainer().getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        [lat, lon],
    )
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    return box["x"] + point[0], box["y"] + point[1]
