"""The map: a fixed base map, and the date-dependent layers drawn on it, one module per job.

- :mod:`geo.map.assets`: the scripts and styles, all served locally; the
  element that calls ``static/contested/map.js``.
- :mod:`geo.map.base`: the base map (boundaries, controls, legend).
- :mod:`geo.map.settlements`, :mod:`geo.map.events`, :mod:`geo.map.areas`: one layer kind each.
- :mod:`geo.map.popups`: popup and legend HTML from auto-escaping templates.
- :mod:`geo.map.stable`: ids that keep the same layer's script the same.

Every string from data is encoded for its context: HTML through the
templates' environment or :func:`geo.escape.html_text`, script arguments as
JSON for a script element.
"""

from geo.event_index import EVENT_WINDOWS
from geo.map.areas import AREA_COLOURS, AREA_PANE, area_features, area_layer
from geo.map.assets import (
    ASSET_URL,
    BASEMAP_URL,
    CONTESTED_URL,
    ContestedCall,
    LocalFullscreen,
    LocalMarkerCluster,
    OfflineMap,
)
from geo.map.base import BASEMAP_CREDIT, CENTER, DEEPSTATE_CAVEAT, START_ZOOM, base_map, legend_html, legend_state
from geo.map.events import (
    EVENT_CELL_DEGREES,
    EVENT_COLOURS,
    EVENT_DETAIL_LIMIT,
    EVENT_MAX_CELLS,
    EVENT_PANE,
    SHOWN_EVENT_TYPES,
    event_cell_layer,
    event_cells,
    event_layer,
    events_as_cells,
    events_in_window,
)
from geo.map.popups import STATEMENT_CHARS, event_popup_html, render_html, settlement_popup_html
from geo.map.settlements import (
    AGREEMENT_COLOURS,
    COLOUR_MODES,
    MARKER_RADIUS,
    SETTLEMENT_DETAIL_LIMIT,
    SETTLEMENT_PANE,
    STATUS_COLOURS,
    TOOLTIP_SEPARATOR,
    TRACKER_CLASSES,
    TRACKER_COLOURS,
    ColourMode,
    marker_classes,
    selection_layer,
    settlement_for_click,
    settlement_layer,
)
from geo.map.stable import stable_ids

__all__ = [
    "AGREEMENT_COLOURS",
    "AREA_COLOURS",
    "AREA_PANE",
    "ASSET_URL",
    "BASEMAP_CREDIT",
    "BASEMAP_URL",
    "CENTER",
    "COLOUR_MODES",
    "CONTESTED_URL",
    "DEEPSTATE_CAVEAT",
    "EVENT_CELL_DEGREES",
    "EVENT_COLOURS",
    "EVENT_DETAIL_LIMIT",
    "EVENT_MAX_CELLS",
    "EVENT_PANE",
    "EVENT_WINDOWS",
    "MARKER_RADIUS",
    "SETTLEMENT_DETAIL_LIMIT",
    "SETTLEMENT_PANE",
    "SHOWN_EVENT_TYPES",
    "START_ZOOM",
    "STATEMENT_CHARS",
    "STATUS_COLOURS",
    "TOOLTIP_SEPARATOR",
    "TRACKER_CLASSES",
    "TRACKER_COLOURS",
    "ColourMode",
    "ContestedCall",
    "LocalFullscreen",
    "LocalMarkerCluster",
    "OfflineMap",
    "area_features",
    "area_layer",
    "base_map",
    "event_cell_layer",
    "event_cells",
    "event_layer",
    "event_popup_html",
    "events_as_cells",
    "events_in_window",
    "legend_html",
    "legend_state",
    "marker_classes",
    "render_html",
    "selection_layer",
    "settlement_for_click",
    "settlement_layer",
    "settlement_popup_html",
    "stable_ids",
]
