"""The map: settlements coloured by whether the sides' claims agree, and events, on a chosen day."""

from __future__ import annotations

import time
from datetime import timedelta

import streamlit as st
from streamlit_folium import st_folium

from geo.agreement import status_on
from geo.escape import markdown_text
from geo.layer_kinds import LAYER_KINDS
from geo.map import (
    SETTLEMENT_DETAIL_LIMIT,
    base_map,
    event_layer,
    events_as_cells,
    settlement_for_click,
    settlement_layer,
)
from ui.claims_panel import show_claims
from ui.data import show_problems
from ui.routes import claims_page
from ui.session_data import session_dataset, session_events_index, session_ranked_claims
from ui.settings import missing_assets, tiles_allowed
from ui.share import LAYERS, WINDOWS, ViewState, parse_view, view_params
from ui.view import remember, remembered, sync_query_params

PLAY_SECONDS = 0.8
CENTRED_ZOOM = 11
WINDOW_LABELS = {"7d": "Last 7 days", "30d": "Last 30 days", "all": "Everything up to the date"}

data, problems = session_dataset()
if data is None:
    show_problems(problems)
    st.stop()

first = min(data.claims["claim_date"].min(), data.events["event_date"].min()).date()
last = max(data.claims["claim_date"].max(), data.events["event_date"].max()).date()
settlement_ids = list(data.settlements["id"])
names = dict(zip(data.settlements["id"], data.settlements["name"], strict=True))
state = st.session_state

# --- first run of a session: restore a shared view from the URL -------------------
if "as_of" not in state:  # entering the page: the link wins, then what another page last showed
    shared_day, shared_settlement = remembered(default_day=last)
    query = st.query_params.to_dict()
    view = parse_view(query, first=first, last=last, default=shared_day, settlements=set(settlement_ids))
    state.as_of = state.as_of_input = view.as_of
    state.settlement = view.settlement or (None if "settlement" in query else shared_settlement)
    # "Show on the map" links ask to centre on their settlement; st_folium applies a centre only when it changes.
    state.center = None
    if view.settlement and query.get("center") == "1":
        point = data.settlements.set_index("id").loc[view.settlement]
        state.center = (float(point["lat"]), float(point["lon"]))
    state.window = view.window
    for layer in LAYERS:
        state[f"layer_{layer}"] = layer in view.layers
    state.notices = view.notices
    state.playing = False
    state.last_click = None


def _from_slider() -> None:
    state.as_of_input = state.as_of


def _from_input() -> None:
    state.as_of = state.as_of_input


def _toggle_play() -> None:
    state.playing = not state.playing
    if state.playing and state.as_of >= last:
        state.as_of = state.as_of_input = first


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
slider_col, input_col, play_col = st.columns([6, 2, 1], vertical_alignment="bottom")
with slider_col:
    st.slider(
        "Date",
        min_value=first,
        max_value=last,
        step=timedelta(days=1),
        format="YYYY-MM-DD",
        key="as_of",
        on_change=_from_slider,
    )
with input_col:
    st.date_input("Jump to date", min_value=first, max_value=last, key="as_of_input", on_change=_from_input)
with play_col:
    st.button("⏸ Pause" if state.playing else "▶ Play", on_click=_toggle_play, use_container_width=True)

options_col, layers_col = st.columns([3, 4])
with options_col:
    st.radio(
        "Events shown",
        WINDOWS,
        format_func=WINDOW_LABELS.get,
        key="window",
        horizontal=True,
    )
with layers_col:
    drawn = [kind for kind in LAYER_KINDS if kind.share_key]
    toggles = st.columns(len(drawn) + 1)
    for toggle, kind in zip(toggles, drawn, strict=False):
        toggle.toggle(kind.label, key=f"layer_{kind.share_key}")
    toggles[-1].toggle("Map tiles (online)", key="layer_tiles", disabled=not tiles_allowed())

as_of = state.as_of
table = status_on(data.settlements, session_ranked_claims(data), as_of)
window_events = session_events_index(data).in_window(as_of, state.window)

groups = []
if state.layer_settlements and len(table) > SETTLEMENT_DETAIL_LIMIT:
    st.caption(
        f"{len(table):,} settlements: markers have no popups at this size; click one to see its claims beside the map."
    )
if state.layer_settlements:
    groups.append(settlement_layer(table))
if state.layer_events:
    groups.append(event_layer(window_events))

# --- map and the clicked settlement's claims ----------------------------------------
map_col, panel_col = st.columns([3, 2])
with map_col:
    result = st_folium(
        base_map(tiles=state.layer_tiles and tiles_allowed()),
        feature_group_to_add=groups,
        key="map",
        height=620,
        use_container_width=True,
        returned_objects=["last_object_clicked", "last_object_clicked_tooltip"],
        center=state.center,
        zoom=CENTRED_ZOOM if state.center else None,
    )
    shown = len(window_events) if state.layer_events else 0
    window_label = WINDOW_LABELS[state.window].lower()
    st.caption(
        f"{shown} event{'s' if shown != 1 else ''} shown ({window_label}, to {as_of.isoformat()})"
        + (", counted per area: the numbers on the map add up to this" if shown and events_as_cells(shown) else "")
        + ("" if state.layer_events else "; the events layer is off")
    )

clicked = (result or {}).get("last_object_clicked")
tooltip = (result or {}).get("last_object_clicked_tooltip")
if clicked and (clicked, tooltip) != state.last_click:  # act on a new click only, not on every rerun
    state.last_click = (clicked, tooltip)
    picked = settlement_for_click(table, clicked["lat"], clicked["lng"], tooltip)
    if picked:
        state.settlement = picked

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
        show_claims(row, as_of.isoformat())
        st.page_link(
            claims_page(),
            label="Full claim history and sources",
            icon=":material/timeline:",
            query_params={"date": as_of.isoformat(), "settlement": state.settlement},
        )
    else:
        counts = table["agreement_label"].value_counts()
        st.markdown("**On this date**")
        for label, count in counts.items():
            st.markdown(f"- {markdown_text(label)}: {int(count)}")

remember(as_of, state.settlement)
sync_query_params(
    view_params(
        ViewState(
            as_of=as_of,
            settlement=state.settlement,
            window=state.window,
            layers=tuple(layer for layer in LAYERS if state[f"layer_{layer}"]),
        )
    ),
    ("date", "settlement", "window", "layers"),
)


@st.fragment(run_every=PLAY_SECONDS if state.playing else None)
def _time_lapse() -> None:
    """While playing, step one day per tick and rerun the page; stop at the last day.

    The fragment also runs inside every full run; the time check keeps that
    run from stepping again straight after a step.
    """
    if not state.playing or time.monotonic() - state.get("last_step", 0.0) < PLAY_SECONDS * 0.9:
        return
    state.last_step = time.monotonic()
    if state.as_of >= last:
        state.playing = False
    else:
        state.as_of = state.as_of_input = state.as_of + timedelta(days=1)
    st.rerun()


_time_lapse()
