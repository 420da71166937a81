"""The naive baseline: one folium CircleMarker per event, the way most folium maps start out.

It is what the benchmark compares the dashboard's event layer against. Each
marker gets an escaped tooltip but no popup, which makes the baseline cheaper
than the dashboard's own one-by-one layer: the ratios reported are, if
anything, on the low side.
"""

from __future__ import annotations

import folium
import pandas as pd

from geo.escape import html_text
from geo.map import EVENT_COLOURS, stable_ids


def naive_event_layer(events: pd.DataFrame) -> folium.FeatureGroup:
    """Draw every event as its own CircleMarker, with no clustering or aggregation.

    Parameters
    ----------
    events : pandas.DataFrame
        The events to show (already filtered to the window).

    Returns
    -------
    folium.FeatureGroup
        One CircleMarker per event.
    """
    group = folium.FeatureGroup(name="Events")
    for row in events[["lat", "lon", "event_type", "event_date", "location"]].itertuples(index=False):
        folium.CircleMarker(
            location=(row.lat, row.lon),
            radius=5,
            color="#000000",
            weight=1,
            fill=True,
            fill_color=EVENT_COLOURS.get(str(row.event_type), "#000000"),
            fill_opacity=0.95,
            tooltip=folium.Tooltip(html_text(f"{pd.Timestamp(row.event_date).date().isoformat()} · {row.location}")),
        ).add_to(group)
    return stable_ids(group, "nv")
