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
    instead, which for the pane's SVG is elsewhere.) The mouse aims at a pixel of the marker that is on top
    (4 px up and left of the centre when free), as a reader does when an event sits on part of the village.
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
            let marker = null, best = Infinity;
            map_div.eachLayer(layer => {  // a settlement marker drawn away from its home: go where it is drawn
                const home = layer._contestedHome;
                if (home && home.distanceTo([lat, lon]) < Math.min(best, 50)) {
                    best = home.distanceTo([lat, lon]);
                    marker = layer;
                }
            });
            const r = map_div.getContainer().getBoundingClientRect();
            const centre = map_div.latLngToContainerPoint(marker ? marker.getLatLng() : L.latLng(lat, lon));
            // Aim at a pixel where the marker itself is on top (an event dot or count may cover part of it),
            // as a reader aims at the part of a marker they can see.
            const offsets = [[-4, -4], [0, 0], [4, -4], [-4, 4], [0, -5], [-5, 0], [5, 0], [0, 5], [4, 4]];
            for (const [dx, dy] of offsets) {
                const x = r.left + centre.x + dx, y = r.top + centre.y + dy;
                if (!marker || document.elementFromPoint(x, y) === marker._path) { return [x, y]; }
            }
            return [r.left + centre.x - 4, r.top + centre.y - 4];
        }""",
        [lat, lon],
    )
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    return box["x"] + point[0], box["y"] + point[1]
