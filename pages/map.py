"""The map: settlements coloured by whether the sides' claims agree, and events, on a chosen day."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.agreement import status_on
from geo.escape import markdown_text
from geo.layer_kinds import LAYER_KINDS
from geo.map import (
    AGREEMENT_COLOURS,
    COLOUR_MODES,
    SETTLEMENT_DETAIL_LIMIT,
    TRACKER_CLASSES,
    TRACKER_COLOURS,
    area_layer,
    base_map,
    event_layer,
    events_as_cells,
    settlement_for_click,
    settlement_layer,
)
from geo.verify import verdicts_on
from ui.area_chart import area_chart
from ui.as_of import PlaySettings, as_of_control
from ui.claims_panel import show_claims
from ui.data import show_problems
from ui.not_drawn import show_not_drawn
from ui.routes import claims_page
from ui.session_data import (
    session_area_series,
    session_dataset,
    session_events_index,
    session_ranked_claims,
    session_verified,
)
from ui.settings import missing_assets, tiles_allowed
from ui.share import COLOURS, LAYERS, SHARED_KEYS, WINDOWS, ViewState, parse_view, view_params
from ui.view import remember, remembered, sync_query_params

CENTRED_ZOOM = 11
WINDOW_LABELS = {"7d": "Last 7 days", "30d": "Last 30 days", "all": "Everything up to the date"}

data, problems = session_dataset()
if data is None:
    show_problems(problems)
    st.stop()

first = min(data.claims["claim_date"].min(), data.events["event_date"].min()).date()
last = max(data.claims["claim_date"].max(), data.events["event_date"].max()).date()
settlement_ids = list(data.settlements["id"])
names = {
    sid: name if located else f"{name} (not on the map)"
    for sid, name, located in zip(
        data.settlements["id"], data.settlements["name"], data.settlements["lon"].notna(), strict=True
    )
}
state = st.session_state

# --- entering the page: restore a shared view from the URL ---------------------------
# Widget keys vanish when the reader leaves a page, so a missing one means the page is being entered.
if "window" not in state:  # the link wins, then what another page last showed
    shared_day, shared_settlement = remembered(default_day=last)
    query = st.query_params.to_dict()
    view = parse_view(query, first=first, last=last, default=shared_day, settlements=set(settlement_ids))
    state.entry_view = view
    state.settlement = view.settlement or (None if "settlement" in query else shared_settlement)
    # st_folium applies a centre and zoom only when they change: a link's view, or "Show on the map".
    state.map_target = (view.center, view.zoom) if view.center else None
    point = data.settlements.set_index("id").loc[view.settlement] if view.settlement else None
    if point is not None and query.get("center") == "1" and not pd.isna(point["lat"]):  # unlocated: no centre
        state.map_target = ((float(point["lat"]), float(point["lon"])), CENTRED_ZOOM)
    state.map_view = state.map_target
    state.window = view.window
    state.colour = view.colour
    for layer in LAYERS:
        state[f"layer_{layer}"] = layer in view.layers
    state.notices = view.notices
    state.last_click = None

st.title("The front as each side told it")
for notice in state.notices:  # shown once, on the run that read the link
    st.warning(markdown_text(notice), icon="🔗")
state.notices = []
missing = missing_assets()
if missing:
    st.error(
        "The map's set-up files are missing: "
        + markdown_text(", ".join(missing))
        + ". Run `make run` (or `make assets`)."
    )

# --- controls ----------------------------------------------------------------------
entry = state.entry_view
shown_day = as_of_control(first=first, last=last, start=entry.as_of, play=PlaySettings(entry.speed, entry.step))

colour_col, options_col = st.columns(2)
with colour_col:
    st.radio("Colour villages by", COLOURS, format_func=COLOUR_MODES.get, key="colour", horizontal=True)
with options_col:
    st.radio(
        "Events shown",
        WINDOWS,
        format_func=WINDOW_LABELS.get,
        key="window",
        horizontal=True,
    )
drawn = [kind for kind in LAYER_KINDS if kind.share_key]
toggles = st.columns(len(drawn) + 1)  # the layer toggles: one row, under the colour and event choices
for toggle, kind in zip(toggles, drawn, strict=False):
    missing_file = data.frames[kind.name] is None  # an optional kind without a file: nothing to draw
    help_text = f"No {kind.plural} are loaded (see the caption under the map)." if missing_file else None
    toggle.toggle(kind.label, key=f"layer_{kind.share_key}", disabled=missing_file, help=help_text)
toggles[-1].toggle("Map tiles (online)", key="layer_tiles", disabled=not tiles_allowed())

as_of = shown_day.day
table = status_on(data.settlements, session_ranked_claims(data), as_of)
window_events = session_events_index(data).in_window(as_of, state.window)

has_areas = data.areas is not None and not data.areas.empty
groups = []
if state.layer_areas and has_areas:
    groups.append(area_layer(data.areas, as_of))
if state.layer_settlements and len(table) > SETTLEMENT_DETAIL_LIMIT:
    st.caption(
        f"{len(table):,} settlements: markers have no popups at this size; click one to see its claims beside the map."
    )
if state.colour == "trackers":
    verdicts = verdicts_on(session_verified(data), as_of)
    table["tracker_verdict"] = table["settlement_id"].map(verdicts).fillna("none")
    markers = {"key": "tracker_verdict", "colours": TRACKER_COLOURS}
else:
    markers = {"key": "agreement", "colours": AGREEMENT_COLOURS}
if state.layer_settlements:
    groups.append(settlement_layer(table, **markers))
if state.layer_events:
    groups.append(event_layer(window_events))

# --- map and the clicked settlement's claims ----------------------------------------
map_col, panel_col = st.columns([3, 2])
with map_col:
    result = st_folium(
        base_map(tiles=state.layer_tiles and tiles_allowed(), areas=has_areas, mode=state.colour),
        feature_group_to_add=groups,
        key="map",
        height=620,
        use_container_width=True,
        returned_objects=["last_object_clicked", "last_object_clicked_tooltip", "zoom", "center"],
        center=state.map_target[0] if state.map_target else None,
        zoom=state.map_target[1] if state.map_target else None,
    )
    shown = len(window_events) if state.layer_events else 0
    window_label = WINDOW_LABELS[state.window].lower()
    st.caption(
        f"{shown} event{'s' if shown != 1 else ''} shown ({window_label}, to {as_of.isoformat()})"
        + (", counted per area: the numbers on the map add up to this" if shown and events_as_cells(shown) else "")
        + ("" if state.layer_events else "; the events layer is off")
    )
    show_not_drawn(table)
    if not has_areas:
        st.caption(
            "No control areas are loaded, so the map shows no front line. Import DeepStateMap's with "
            "`python -m geo import-deepstate` (see the README), or add an areas file on the Data page."
        )
    else:
        series = session_area_series(data)
        if series is not None and not series.empty:
            st.altair_chart(area_chart(series, as_of, last=last), width="stretch")

clicked = (result or {}).get("last_object_clicked")
tooltip = (result or {}).get("last_object_clicked_tooltip")
if clicked and (clicked, tooltip) != state.last_click:  # act on a new click only, not on every rerun
    state.last_click = (clicked, tooltip)
    picked = settlement_for_click(table, clicked["lat"], clicked["lng"], tooltip)
    if picked:
        state.settlement = picked
if result and result.get("zoom") and result.get("center"):
    state.map_view = ((float(result["center"]["lat"]), float(result["center"]["lng"])), int(result["zoom"]))

# The link is updated before the panel is drawn, so the page never shows a settlement the URL does not name.
remember(as_of, state.settlement)
sync_query_params(
    view_params(
        ViewState(
            as_of=as_of,
            settlement=state.settlement,
            window=state.window,
            layers=tuple(layer for layer in LAYERS if state[f"layer_{layer}"]),
            speed=shown_day.play.speed,
            step=shown_day.play.step,
            zoom=state.map_view[1] if state.map_view else None,
            center=state.map_view[0] if state.map_view else None,
            colour=state.colour,
        )
    ),
    SHARED_KEYS,
)

with panel_col:
    st.selectbox(
        "Settlement",
        settlement_ids,
        format_func=names.get,
        placeholder="Click a village on the map, or pick one",
        key="settlement",
    )
    if state.settlement:
        row = table[table["settlement_id"] == state.settlement].iloc[0].to_dict()
        show_claims(row, as_of.isoformat(), session_verified(data))
        st.page_link(
            claims_page(),
            label="Full claim history and sources",
            icon=":material/timeline:",
            query_params={"date": as_of.isoformat(), "settlement": state.settlement},
        )
    else:
        if state.colour == "trackers":
            counts = table.loc[table["lon"].notna(), "tracker_verdict"].map(TRACKER_CLASSES).value_counts()
        else:
            counts = table["agreement_label"].value_counts()
        st.markdown("**On this date**")
        for label, count in counts.items():
            st.markdown(f"- {markdown_text(label)}: {int(count)}")
