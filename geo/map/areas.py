"""The control-areas layer: the polygons valid on the day, as translucent fills under the settlements.

Each area is one claimant's assessment (DeepStateMap's, ISW's...) of one status
over a period (:mod:`geo.areas`). On a day, the areas valid then are sent as
GeoJSON with rounded coordinates; ``Contested.areas`` in
``static/contested/map.js`` draws them in the ``areas`` pane (made by the base
map, under the settlements and events) and builds each popup from escaped
text. Links are passed only when they are http(s) (:func:`geo.escape.safe_url`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from geo.area_stats import areas_on
from geo.escape import safe_url, shown_text
from geo.map.assets import ContestedCall
from geo.map.stable import stable_ids
from geo.vocab import CLAIM_STATUSES

AREA_PANE = "areas"
"""A map pane above the boundaries and below events and settlements (the base map makes it)."""

AREA_COLOURS: dict[str, str] = {"ua_control": "#1565c0", "ru_control": "#c62828", "contested": "#8d8d8d"}
"""Fill per status: the settlement colours for the sides, grey for contested (DeepStateMap's "unknown status")."""

COORDINATE_DIGITS = 5
"""Decimal places sent to the browser: about 1 m, far below the ~100 m the areas are simplified to."""


def _rounded(geometry: Any) -> Any:
    def walk(part: Any) -> Any:
        if isinstance(part, (list, tuple)):
            if part and isinstance(part[0], (int, float)):
                return [round(float(v), COORDINATE_DIGITS) for v in part]
            return [walk(p) for p in part]
        return part

    shape = mapping(geometry)
    return {"type": shape["type"], "coordinates": walk(shape["coordinates"])}


def _period(row: dict[str, Any]) -> str:
    start = pd.Timestamp(row["valid_from"]).date().isoformat()
    end = row.get("valid_to")
    if end is None or pd.isna(end):
        return f"from {start}, still shown at the end of the file"
    last = (pd.Timestamp(end) - pd.Timedelta(days=1)).date().isoformat()
    return f"{start} to {last}"


def area_features(areas: gpd.GeoDataFrame, as_of: date) -> list[dict[str, Any]]:
    """Return the areas valid on ``as_of`` as GeoJSON features with the text their popups show.

    Parameters
    ----------
    areas : geopandas.GeoDataFrame
        An areas frame (:func:`geo.io.load_layer` of kind ``areas``).
    as_of : date
        The day shown.

    Returns
    -------
    list of dict
        One feature per area, largest first (so smaller ones stay clickable on top), with properties
        ``status`` (code), ``status_label``, ``claimant_label``, ``period``, ``source_outlet``,
        ``source_url`` (http/https or None), ``snapshot`` and ``note``; text as data, escaped where shown.
    """
    shown = areas_on(areas, as_of)
    if shown.empty:
        return []
    # Largest first, so smaller areas lie on top and stay clickable (square degrees order them well enough here).
    order = np.argsort(-shapely.area(shown.geometry.to_numpy()), kind="stable")
    features = []
    for row in shown.iloc[order].to_dict("records"):
        features.append(
            {
                "type": "Feature",
                "geometry": _rounded(row["geometry"]),
                "properties": {
                    "status": row["status"],
                    "status_label": CLAIM_STATUSES.get(row["status"], row["status"]),
                    "claimant_label": shown_text(row["claimant_label"]),
                    "period": _period(row),
                    "source_outlet": shown_text(row["source_outlet"]),
                    "source_url": safe_url(row.get("source_url")),
                    "snapshot": shown_text(row.get("snapshot")),
                    "note": shown_text(row.get("note")),
                },
            }
        )
    return features


def area_layer(areas: gpd.GeoDataFrame, as_of: date) -> folium.FeatureGroup:
    """Return the control areas valid on a day, as one layer group.

    Parameters
    ----------
    areas : geopandas.GeoDataFrame
        An areas frame.
    as_of : date
        The day shown.

    Returns
    -------
    folium.FeatureGroup
        One ``Contested.areas`` call drawing translucent, outlined fills coloured by status in the
        ``areas`` pane, each with a popup naming claimant, status, period and source.
    """
    group = folium.FeatureGroup(name="Control areas")
    options = {"pane": AREA_PANE, "colours": AREA_COLOURS, "features": area_features(areas, as_of)}
    ContestedCall("areas", options).add_to(group)
    return stable_ids(group, "ar")
