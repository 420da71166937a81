"""The base map: everything that stays the same on every rerun.

streamlit-folium keeps its frame, and with it the user's zoom and pan, only
while the base map's script is byte-for-byte the same on every rerun. So the
base map holds only what never changes with the date: boundaries (loaded by
URL), the settlements' pane, controls and the legend. Layers that change with
the date are separate ``FeatureGroup`` objects with stable ids, handed to
``st_folium(feature_group_to_add=...)``.
"""

from __future__ import annotations

import folium
from branca.element import Element

from geo.agreement import AGREEMENT_CLASSES
from geo.map.areas import AREA_COLOURS, AREA_PANE
from geo.map.assets import BASEMAP_URL, ContestedCall, LocalFullscreen, OfflineMap
from geo.map.events import EVENT_COLOURS, SHOWN_EVENT_TYPES
from geo.map.popups import render_html
from geo.map.settlements import AGREEMENT_COLOURS, SETTLEMENT_PANE, TRACKER_CLASSES, TRACKER_COLOURS
from geo.vocab import CLAIM_STATUSES

CENTER = (51.05, 35.75)
START_ZOOM = 8


def legend_html(*, areas: bool = False, mode: str = "agreement") -> str:
    """Return the map legend: every marker class of the colour mode and the precision ring, in words, and the events.

    With ``areas``, the control-area fills are named too. ``mode`` is a key of
    :data:`geo.map.settlements.COLOUR_MODES`.
    """
    if mode == "trackers":
        classes = [(TRACKER_COLOURS[key], label) for key, label in TRACKER_CLASSES.items()]
        heading = "Colour = the latest Russian or Ukrainian claim against DeepStateMap"
    else:
        classes = [(AGREEMENT_COLOURS[key], label) for key, label in AGREEMENT_CLASSES.items()]
        heading = "Colour = Russian vs Ukrainian claims on the date"
    return render_html(
        "legend.html",
        agreement=classes,
        heading=heading,
        events=[(colour, kind) for kind, colour in EVENT_COLOURS.items() if kind in SHOWN_EVENT_TYPES],
        areas=[(colour, CLAIM_STATUSES[status]) for status, colour in AREA_COLOURS.items()] if areas else [],
    )


def base_map(*, tiles: bool, areas: bool = False, mode: str = "agreement") -> folium.Map:
    """Build the map that stays the same on every rerun.

    Parameters
    ----------
    tiles : bool
        Add an OpenStreetMap tile layer for context. Offline it stays blank
        while the vector basemap carries the map.
    areas : bool, default False
        Name the control-area fills in the legend (when an areas file is loaded).
        The pane the areas are drawn in is made either way.
    mode : str, default "agreement"
        The markers' colour mode, for the legend (:data:`geo.map.settlements.COLOUR_MODES`).

    Returns
    -------
    folium.Map
        Boundaries (loaded by URL), scale bar, fullscreen control and legend;
        no date-dependent content.
    """
    fmap = OfflineMap(
        location=CENTER,
        zoom_start=START_ZOOM,
        tiles=None,
        control_scale=True,
        minZoom=5,
        maxZoom=16,
    )
    if tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap", max_zoom=16, attr="&copy; OpenStreetMap contributors", opacity=0.55
        ).add_to(fmap)
    boundaries = {"oblasts": f"{BASEMAP_URL}/oblasts.geojson", "border": f"{BASEMAP_URL}/border.geojson"}
    ContestedCall("boundaries", boundaries).add_to(fmap)
    folium.map.CustomPane(AREA_PANE, z_index=380, pointer_events=True).add_to(fmap)  # over boundaries (350)
    folium.map.CustomPane(SETTLEMENT_PANE, z_index=620, pointer_events=True).add_to(fmap)
    LocalFullscreen(position="topleft").add_to(fmap)
    ContestedCall("focusWithoutScrolling").add_to(fmap)
    fmap.get_root().html.add_child(Element(legend_html(areas=areas, mode=mode)))
    return fmap
