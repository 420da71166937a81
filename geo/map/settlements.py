"""The settlements layer: one marker per settlement, coloured by whether the sides' claims agree on the day."""

from __future__ import annotations

import folium
import pandas as pd

from geo.escape import html_text, shown_text
from geo.map.assets import ContestedCall
from geo.map.popups import settlement_popup_html
from geo.map.stable import stable_ids

AGREEMENT_COLOURS: dict[str, str] = {
    "agree_ru": "#c62828",
    "agree_ua": "#1565c0",
    "agree_contested": "#6a1b9a",
    "disagree": "#ef6c00",
    "one_side": "#9e9e9e",
    "no_claims": "#ffffff",
}
"""Fill colour of a settlement marker per agreement class; the legend says each in words."""

COLOUR_MODES: dict[str, str] = {
    "agreement": "Do Russia's and Ukraine's claims agree?",
    "trackers": "Claims against DeepStateMap",
}
"""What the settlement markers can be coloured by (the map's "Colour by" control and its share link)."""

TRACKER_COLOURS: dict[str, str] = {
    "ahead": "#d84315",
    "matched": "#2e7d32",
    "behind": "#00838f",
    "never": "#212121",
    "none": "#ffffff",
}
"""Marker fill per verdict of the latest scored claim (:func:`geo.verify.verdicts_on`); ``none``: no scored claim."""

TRACKER_CLASSES: dict[str, str] = {
    "ahead": "Latest claim ran ahead of DeepStateMap",
    "matched": "Latest claim matched DeepStateMap (±3 days)",
    "behind": "DeepStateMap showed it before the latest claim",
    "never": "DeepStateMap never showed the latest claim",
    "none": "No scored claim yet",
}

SETTLEMENT_PANE = "settlements"
"""A map pane above Leaflet's marker pane, so event clusters never cover a settlement (the base map makes it)."""

SETTLEMENT_DETAIL_LIMIT = 300
"""Up to this many settlements, each marker carries its side-by-side popup; beyond it the markers are sent
as one compact array without popups (a popup each would cost about 1.5 KB per settlement per step), and the
panel beside the map shows a clicked settlement's claims."""


def _compact_dots(status_table: pd.DataFrame, key: str, colours: dict[str, str]) -> ContestedCall:
    """Settlement markers drawn in the browser from one compact array: position, class, precision, name.

    Names are data: they travel inside JSON made safe for a script element,
    and ``Contested.settlementDots`` escapes them for the tooltip, so they are
    always shown as text.
    """
    classes = list(colours)
    rows = [
        [round(float(lat), 5), round(float(lon), 5), classes.index(value), int(precision) >= 2, shown_text(name)]
        for lat, lon, value, precision, name in status_table[["lat", "lon", key, "geo_precision", "name"]].itertuples(
            index=False
        )
    ]
    return ContestedCall("settlementDots", {"pane": SETTLEMENT_PANE, "colours": list(colours.values()), "rows": rows})


def settlement_layer(
    status_table: pd.DataFrame,
    *,
    detail_limit: int = SETTLEMENT_DETAIL_LIMIT,
    key: str = "agreement",
    colours: dict[str, str] = AGREEMENT_COLOURS,
) -> folium.FeatureGroup:
    """One marker per settlement, coloured by the agreement class.

    Parameters
    ----------
    status_table : pandas.DataFrame
        Output of :func:`geo.agreement.status_on` for the chosen date.
    detail_limit : int, default SETTLEMENT_DETAIL_LIMIT
        Above this many settlements, markers come without popups, as one
        compact array (see :data:`SETTLEMENT_DETAIL_LIMIT`).
    key : str, default "agreement"
        The column whose value picks each marker's fill.
    colours : dict, default AGREEMENT_COLOURS
        Fill colour per value of ``key``; its order is the legend's.

    Returns
    -------
    folium.FeatureGroup
        Circle markers; approximate locations get a dashed ring. The tooltip is
        the escaped name, the popup the side-by-side claims. Settlements whose
        location is not checked (null geometry) get no marker.
    """
    group = folium.FeatureGroup(name="Settlements")
    status_table = status_table[status_table["lon"].notna()]  # no marker without a checked location
    if len(status_table) > detail_limit:
        _compact_dots(status_table, key, colours).add_to(group)
        return stable_ids(group, "st")
    for row in status_table.to_dict("records"):
        approximate = int(row["geo_precision"]) >= 2
        marker = folium.CircleMarker(
            location=(row["lat"], row["lon"]),
            radius=8,
            color="#212121",
            weight=2,
            dash_array="4 3" if approximate else None,
            fill=True,
            fill_color=colours[row[key]],
            fill_opacity=0.9,
            tooltip=folium.Tooltip(html_text(row["name"])),
            popup=folium.Popup(settlement_popup_html(row), max_width=560),
        )
        marker.options["pane"] = SETTLEMENT_PANE  # folium's path options drop `pane`
        marker.add_to(group)
    return stable_ids(group, "st")


def _as_shown(text: str) -> str:
    return " ".join(shown_text(text).split())


def settlement_for_click(settlements: pd.DataFrame, lat: float, lon: float, tooltip: str | None) -> str | None:
    """Work out which settlement marker the user clicked.

    streamlit-folium reports the click's position (not the marker's) and the
    clicked marker's tooltip text; the tooltip is the settlement's name, so a
    click on an event marker never selects a settlement.

    Parameters
    ----------
    settlements : pandas.DataFrame
        With ``settlement_id`` (or ``id``), ``name``, ``lat`` and ``lon``.
    lat, lon : float
        Where the click landed.
    tooltip : str or None
        The clicked marker's tooltip text.

    Returns
    -------
    str or None
        The id of the nearest settlement with that name, or None.
    """
    if not tooltip:
        return None
    id_column = "settlement_id" if "settlement_id" in settlements else "id"
    shown = settlements["name"].map(_as_shown)  # the tooltip holds the name as the browser showed it
    named = settlements[(shown == _as_shown(tooltip)) & settlements["lat"].notna()]
    if named.empty:
        return None
    distance = (named["lat"] - lat) ** 2 + (named["lon"] - lon) ** 2
    return str(named.loc[distance.idxmin(), id_column])
