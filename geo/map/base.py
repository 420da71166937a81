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

from geo.agreement import STALE_DAYS
from geo.map.areas import AREA_COLOURS, AREA_PANE
from geo.map.assets import BASEMAP_URL, ContestedCall, LocalFullscreen, OfflineMap
from geo.map.events import EVENT_COLOURS, EVENT_PANE, SHOWN_EVENT_TYPES
from geo.map.popups import render_html
from geo.map.settlements import COLOUR_MODES, SETTLEMENT_PANE, WEAK_WORDS
from geo.map.stable import stable_ids
from geo.vocab import CLAIM_STATUSES

CENTER = (51.05, 35.6)
"""The opening view's centre: the incursion's villages left of middle, Kursk and Belgorod in view."""
START_ZOOM = 8


DEEPSTATE_CAVEAT = (
    'DeepStateMap is a Ukrainian volunteer project: "independent" here means it is not a government, '
    "not that it is neutral."
)
"""How the map and the panel describe DeepStateMap (the README says the same)."""

BASEMAP_CREDIT = "Boundaries: Natural Earth"
"""The credit for our own basemap's sources (:mod:`geo.basemap`)."""

LEGEND_FOLDS_BELOW = 520
"""On a map narrower than this many pixels (a phone) the legend starts folded."""

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_PROBE = "https://tile.openstreetmap.org/8/154/84.png"
"""One tile over Kursk oblast: the browser adds the tile layer only if it can load this."""


def legend_html(*, areas: bool = False, mode: str = "agreement", stale_days: int = STALE_DAYS) -> str:
    """Return the map legend: every marker class of every colour mode and the rings, in words, and the events.

    Each colour mode has its own section; only ``mode``'s is shown, and
    ``Contested.legendMode`` (:func:`legend_state`) shows another when the
    reader changes mode, so the base map need not change. With ``areas``, the
    control-area fills are named too; ``stale_days`` is the threshold after
    which a claim is drawn weaker (also set by :func:`legend_state`).
    """
    before, after = WEAK_WORDS.split("{days}")
    sections = [
        {
            "code": code,
            "shown": code == mode,
            "heading": colour_mode.heading,
            "classes": [(colour_mode.colours[key], label) for key, label in colour_mode.classes.items()],
            "weak": code != "trackers",
            "caveat": code in ("independent", "trackers"),
        }
        for code, colour_mode in COLOUR_MODES.items()
    ]
    return render_html(
        "legend.html",
        modes=sections,
        weak_before=before,
        weak_after=after,
        stale_days=stale_days,
        caveat=DEEPSTATE_CAVEAT,
        events=[(colour, kind) for kind, colour in EVENT_COLOURS.items() if kind in SHOWN_EVENT_TYPES],
        areas=[(colour, CLAIM_STATUSES[status]) for status, colour in AREA_COLOURS.items()] if areas else [],
    )


def legend_state(mode: str, stale_days: int) -> folium.FeatureGroup:
    """Make a layer with no drawing that shows the legend of the colour mode and threshold in use.

    The base map's legend holds every mode (:func:`legend_html`); this small
    date-dependent layer tells it which to show, so changing the mode or the
    threshold never rebuilds the map (and the reader keeps their view).

    Parameters
    ----------
    mode : str
        A key of :data:`geo.map.settlements.COLOUR_MODES`.
    stale_days : int
        The stale-claim threshold shown in the legend.

    Returns
    -------
    folium.FeatureGroup
        One call of ``Contested.legendMode``.
    """
    group = folium.FeatureGroup(name="Legend")
    ContestedCall("legendMode", {"mode": mode, "staleDays": int(stale_days)}).add_to(group)
    return stable_ids(group, "lg")


def base_map(*, tiles: bool, areas: bool = False, mode: str = "agreement", stale_days: int = STALE_DAYS) -> folium.Map:
    """Build the map that stays the same on every rerun.

    Parameters
    ----------
    tiles : bool
        Offer OpenStreetMap tiles for context: the browser adds them (and their
        credit) only if it can load a probe tile, so offline nothing changes.
    areas : bool, default False
        Name the control-area fills in the legend (when an areas file is loaded).
        The pane the areas are drawn in is made either way.
    mode : str, default "agreement"
        The markers' colour mode, for the legend (:data:`geo.map.settlements.COLOUR_MODES`).
    stale_days : int, default STALE_DAYS
        The legend's threshold for claims drawn weaker.

    Returns
    -------
    folium.Map
        Boundaries (loaded by URL, credited), scale bar, fullscreen control and
        legend (a map control, so it stays in fullscreen); no date-dependent content.
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
        tile_options = {"url": TILE_URL, "probe": TILE_PROBE, "maxZoom": 16, "opacity": 0.55}
        ContestedCall("politeTiles", {**tile_options, "attribution": "&copy; OpenStreetMap contributors"}).add_to(fmap)
    boundaries = {
        "oblasts": f"{BASEMAP_URL}/oblasts.geojson",
        "border": f"{BASEMAP_URL}/border.geojson",
        "credit": BASEMAP_CREDIT,
    }
    ContestedCall("boundaries", boundaries).add_to(fmap)
    folium.map.CustomPane(AREA_PANE, z_index=380, pointer_events=True).add_to(fmap)  # over boundaries (350)
    folium.map.CustomPane(SETTLEMENT_PANE, z_index=620, pointer_events=True).add_to(fmap)
    folium.map.CustomPane(EVENT_PANE, z_index=640, pointer_events=True).add_to(fmap)  # small, over settlements
    LocalFullscreen(position="topleft").add_to(fmap)
    ContestedCall("focusWithoutScrolling").add_to(fmap)
    fmap.get_root().html.add_child(Element(legend_html(areas=areas, mode=mode, stale_days=stale_days)))
    ContestedCall("legend", {"foldBelow": LEGEND_FOLDS_BELOW}).add_to(fmap)
    return fmap
