"""The events layer: events in a date window, one by one with popups when few, counted per cell when many."""

from __future__ import annotations

from datetime import date

import folium
import numpy as np
import pandas as pd

from geo.escape import html_text
from geo.event_cells import EventCells, count_cells
from geo.event_index import EVENT_TYPE_ORDER, EVENT_WINDOWS
from geo.map.assets import ContestedCall, LocalMarkerCluster
from geo.map.popups import event_popup_html
from geo.map.stable import stable_ids

EVENT_COLOURS: dict[str, str] = {
    "Battles": "#5d4037",
    "Explosions/Remote violence": "#fbc02d",
    "Violence against civilians": "#ec407a",
    "Strategic developments": "#827717",
    "Protests": "#c0ca33",
    "Riots": "#00bfa5",
}
"""Event dot colours: none is close to a colour a settlement marker uses in any mode (a test holds them apart)."""

SHOWN_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments")
"""Event types named in the legend (protests and riots are rare here; they still get a colour)."""

EVENT_PANE = "events"
"""A map pane over the settlements' (the base map makes it), so no event ever hides under a settlement marker.
Event dots are small (a settlement under one still shows, and takes clicks, around it) and counted squares
hang off their spot to the lower right (``badge`` in ``static/contested/map.js``)."""

EVENT_DETAIL_LIMIT = 100
"""Up to this many events in the window, each is its own marker with a popup; above it, cells with counts.

A detailed event costs about 1 ms of Python and 1.5 KB of payload on every
slider step (streamlit-folium renders each marker's template); 100 stay
within about 0.1 s and 150 KB.
"""

EVENT_CELL_DEGREES = 0.02
"""Side of an event cell to start with: about 2.2 km north-south, 1.4 km east-west here."""

EVENT_MAX_CELLS = 4000
"""At most this many cells per step (about 35 bytes each); the grid coarsens to stay under it."""


def events_in_window(events: pd.DataFrame, as_of: date, window: str) -> pd.DataFrame:
    """Events on or before a day, within a window ending on that day.

    Parameters
    ----------
    events : pandas.DataFrame
        Loaded events.
    as_of : date
        The last day shown (inclusive).
    window : str
        A key of :data:`EVENT_WINDOWS`: ``7d`` (the 7 days ending on
        ``as_of``), ``30d``, or ``all`` (everything up to ``as_of``).

    Returns
    -------
    pandas.DataFrame
        The matching events, oldest first.

    Raises
    ------
    KeyError
        For an unknown window.
    """
    days = EVENT_WINDOWS[window]
    end = pd.Timestamp(as_of)
    mask = events["event_date"] <= end
    if days is not None:
        mask &= events["event_date"] > end - pd.Timedelta(days=days)
    return events[mask].sort_values("event_date", kind="mergesort")


def events_as_cells(count: int) -> bool:
    """Tell whether a window of ``count`` events is drawn as cells with counts rather than one by one."""
    return count > EVENT_DETAIL_LIMIT


def event_layer(events: pd.DataFrame, *, detail_limit: int = EVENT_DETAIL_LIMIT) -> folium.FeatureGroup:
    """Events as small circles styled by event type, clustered when dense; as counted cells when many.

    Parameters
    ----------
    events : pandas.DataFrame
        The events to show (already filtered to the window).
    detail_limit : int, default EVENT_DETAIL_LIMIT
        Above this many events, they are counted per cell
        (:func:`event_cell_layer`) instead of drawn one by one.

    Returns
    -------
    folium.FeatureGroup
        Up to ``detail_limit`` events: a marker cluster of one circle per
        event, with an escaped tooltip and popup, that stops clustering from
        zoom 11. More: see :func:`event_cell_layer`.
    """
    if len(events) > detail_limit:
        return event_cell_layer(events)
    group = folium.FeatureGroup(name="Events")
    cluster = LocalMarkerCluster(
        options={
            "disableClusteringAtZoom": 11,
            "maxClusterRadius": 40,
            "spiderfyOnMaxZoom": True,
            "clusterPane": EVENT_PANE,
        },
        icon_create_function="Contested.clusterBadge",  # a numbered square: not a status colour, in the legend
    ).add_to(group)
    for row in events.to_dict("records"):
        day = pd.Timestamp(row["event_date"]).date().isoformat()
        marker = folium.CircleMarker(
            location=(row["lat"], row["lon"]),
            radius=4,
            color="#000000",
            weight=1,
            fill=True,
            fill_color=EVENT_COLOURS.get(row["event_type"], "#000000"),
            fill_opacity=0.95,
            tooltip=folium.Tooltip(html_text(f"{day}: {row['sub_event_type']} · {row['location']}")),
            popup=folium.Popup(event_popup_html(row), max_width=420, max_height=320),
        )
        marker.options["pane"] = EVENT_PANE  # folium's path options drop `pane`
        marker.add_to(cluster)
    return stable_ids(group, "ev")


def _type_codes(event_types: pd.Series) -> np.ndarray:
    """Each event's type as its position in :data:`geo.event_index.EVENT_TYPE_ORDER`."""
    if isinstance(event_types.dtype, pd.CategoricalDtype) and tuple(event_types.cat.categories) == EVENT_TYPE_ORDER:
        return event_types.cat.codes.to_numpy()  # already coded by EventIndex: no string work per step
    return pd.Categorical(event_types, categories=EVENT_TYPE_ORDER).codes


def event_cells(events: pd.DataFrame) -> EventCells:
    """Count events per cell of the map grid (:data:`EVENT_CELL_DEGREES`, at most :data:`EVENT_MAX_CELLS`).

    Parameters
    ----------
    events : pandas.DataFrame
        Events with ``lon``, ``lat`` and a valid ``event_type``.

    Returns
    -------
    EventCells
        Per-cell totals and counts per event type; they add up to ``len(events)``.
    """
    return count_cells(
        events["lon"].to_numpy(dtype=float),
        events["lat"].to_numpy(dtype=float),
        _type_codes(events["event_type"]),
        EVENT_TYPE_ORDER,
        cell_degrees=EVENT_CELL_DEGREES,
        max_cells=EVENT_MAX_CELLS,
    )


def event_cell_layer(events: pd.DataFrame) -> folium.FeatureGroup:
    """Events counted per cell (:func:`event_cells`), drawn as numbered badges.

    The cells travel as one compact JSON array of numbers, and the event type
    names once beside it; ``Contested.eventCells`` draws them, reusing
    MarkerCluster's look. A merged badge shows the sum of its cells' event
    counts (not the number of cells), so every number on the map is a count
    of events.

    Parameters
    ----------
    events : pandas.DataFrame
        The events to show (already filtered to the window).

    Returns
    -------
    folium.FeatureGroup
        One badge per cell with its event count and a tooltip of counts per
        event type; badges close together merge into one showing their summed
        count until zoom 11. All counts add up to ``len(events)``.
    """
    cells = event_cells(events)
    rows = cells.table[["lat", "lon", "total", *EVENT_TYPE_ORDER]]
    group = folium.FeatureGroup(name="Events")
    ContestedCall(
        "eventCells",
        {
            "typeNames": list(EVENT_TYPE_ORDER),
            "pane": EVENT_PANE,
            "cells": [[lat, lon, *map(int, counts)] for lat, lon, *counts in rows.itertuples(index=False)],
        },
    ).add_to(group)
    return stable_ids(group, "ev")
