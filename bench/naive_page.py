"""A bare map page for the baseline: a date slider and every event as its own CircleMarker.

It loads data, builds the base map and hands the layer to ``st_folium`` the
same way ``pages/map.py`` does, so the only difference the browser
benchmark sees is the event layer. Run through ``bench.browser`` only.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st
from streamlit_folium import st_folium

from bench.naive import naive_event_layer
from geo.map import base_map, events_in_window
from ui.data import dataset

data, problems = dataset()
if data is None:
    st.error(f"{len(problems)} problems in the data")
    st.stop()
first = data.events["event_date"].min().date()
last = data.events["event_date"].max().date()
if "as_of" not in st.session_state:
    asked = st.query_params.get("date")
    st.session_state.as_of = min(max(date.fromisoformat(asked), first), last) if asked else last
st.slider("Date", min_value=first, max_value=last, step=timedelta(days=1), format="YYYY-MM-DD", key="as_of")
as_of = st.session_state.as_of
window_events = events_in_window(data.events, as_of, "all")
st_folium(
    base_map(tiles=False),
    feature_group_to_add=[naive_event_layer(window_events)],
    key="map",
    height=620,
    use_container_width=True,
    returned_objects=["last_object_clicked", "last_object_clicked_tooltip"],
)
st.caption(f"{len(window_events)} events shown (everything up to the date, to {as_of.isoformat()})")
