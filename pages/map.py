"""The map: settlements coloured by what each side claims (or whether the sides agree), and events, on a chosen day."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.agreement import status_on, story_day
from geo.escape import markdown_text
from geo.layer_kinds import LAYER_KINDS
from geo.map import (
    COLOUR_MODES,
    SETTLEMENT_DETAIL_LIMIT,
    area_layer,
    base_map,
    event_layer,
    events_as_cells,
    legend_state,
    marker_classes,
    selection_layer,
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
from ui.share import COLOURS, LAYERS, SHARED_KEYS, STALE_DAYS, WINDOWS, ViewState, parse_view, view_params
from ui.view import remember, remembered, settlement_label, sync_query_params

CENTRED_ZOOM = 11
PICKED_ZOOM = 10  # a village picked from the list is centred at this zoom, or the reader's own if closer
MAP_HEIGHT = 640
WINDOW_LABELS = {"7d": "Last 7 days", "30d": "Last 30 days", "all": "Everything up to the date"}

data, problems = session_dataset()
if data is None:
    show_problems(problems)
    st.stop()

first = min(data.claims["claim_date"].min(), data.events["event_date"].min()).date()
last = max(data.claims["claim_date"].max(), data.events["event_date"].max()).date()
settlement_ids = list(data.settlements["id"])
names = {  # every spelling, so the list's search finds Горналь, Hornal and Gornal' alike
    row.id: settlement_label(row.name, row.name_ru, row.aliases) + ("" if row.located else " (not on the map)")
    for row in data.settlements.assign(located=data.settlements["lon"].notna()).itertuples()
}
points = data.settlements.set_index("id")[["lat", "lon"]]
state = st.session_state


def _centred_on(settlement_id: str | None, zoom: int) -> tuple[tuple[float, float], int] | None:
    """Return a map view centred on a settlement, or None when it has no checked location (never a guess)."""
    if not settlement_id or pd.isna(points.loc[settlement_id, "lat"]):
        return None
    return (float(points.loc[settlement_id, "lat"]), float(points.loc[settlement_id, "lon"])), zoom


# --- entering the page: restore a shared view from the URL ---------------------------
# Widget keys vanish when the reader leaves a page, so a missing one means the page is being entered.
if "window" not in state:  # the link wins, then what another page last showed
    opening_day = story_day(data.claims) or last  # where the story starts (README); worked out on entry only
    shared_day, shared_settlement = remembered(default_day=opening_day)
    query = st.query_params.to_dict()
    view = parse_view(query, first=first, last=last, default=shared_day, settlements=set(settlement_ids))
    state.entry_view = view
    # The picked village is owned by `selected`, a plain value: the list box mirrors it. (A widget's own key,
    # set from a click, is overwritten by the browser's value if a map move interrupts that run.)
    state.selected = view.settlement or (None if "settlement" in query else shared_settlement)
    state.ring = (state.selected, state.get("ring", (None, 0))[1] + 1)  # the village the list or link picked
    # The "Find a village" list is never set by the page: to show another village the page creates it afresh,
    # under a new key. (Setting a widget's value races the browser, which may still send the old value with
    # its next rerun; a callback then sees a pick nobody made, recentres the map and closes the open popup.)
    state.list_serial = state.get("list_serial", 0) + 1
    state.list_shows = state.selected
    # st_folium applies a centre and zoom only when they change: a link's view, or "Show on the map".
    state.map_target = (view.center, view.zoom) if view.center else None
    if query.get("center") == "1":
        state.map_target = _centred_on(view.settlement, CENTRED_ZOOM) or state.map_target
    state.map_view = state.map_target
    state.window = view.window
    state.colour = view.colour
    state.stale = view.stale
    for layer in LAYERS:
        state[f"layer_{layer}"] = layer in view.layers
    state.notices = view.notices
    state.last_click = None

st.header("Kursk and Belgorod oblasts, 2024–25: who claims which village, day by day", anchor=False)
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

# --- controls: the date over the map; colour, search and the rest beside it ------------
entry = state.entry_view
shown_day = as_of_control(first=first, last=last, start=entry.as_of, play=PlaySettings(entry.speed, entry.step))
map_col, panel_col = st.columns([2, 1])


def _list_key() -> str:
    """Return the key under which the page last created the "Find a village" list."""
    return f"settlement_list_{state.list_serial}"


listed = state.get(_list_key(), state.list_shows)
if listed != state.list_shows:  # the reader picked from the list: ring the village and centre the map on it
    state.selected = state.list_shows = listed
    state.ring = (listed, state.ring[1] + 1)  # a map click rings its village in the browser; a pick, the page
    zoom = max(PICKED_ZOOM, state.map_view[1] if state.map_view else PICKED_ZOOM)
    state.map_target = _centred_on(listed, zoom) or state.map_target

controls = panel_col.container()  # filled after the map, once a click on it has picked a village

as_of = shown_day.day
table = status_on(data.settlements, session_ranked_claims(data), as_of, stale_days=int(state.stale))
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
if state.layer_settlements:
    groups.append(settlement_layer(table, mode=state.colour))
    groups.append(selection_layer(table, *state.ring))
if state.layer_events:
    groups.append(event_layer(window_events))
groups.append(legend_state(state.colour, int(state.stale)))  # the legend's section for this mode

# --- map and the clicked settlement's claims ----------------------------------------
with map_col:
    result = st_folium(
        base_map(tiles=state.layer_tiles and tiles_allowed(), areas=has_areas),
        feature_group_to_add=groups,
        key="map",
        height=MAP_HEIGHT,
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

clicked = (result or {}).get("last_object_clicked")
tooltip = (result or {}).get("last_object_clicked_tooltip")
if clicked and (clicked, tooltip) != state.last_click:  # act on a new click only, not on every rerun
    state.last_click = (clicked, tooltip)
    picked = settlement_for_click(table, clicked["lat"], clicked["lng"], tooltip)
    if picked and picked != state.selected:
        state.selected = picked  # the layers stay as they are (the browser rang it), so its popup stays open
if result and result.get("zoom") and result.get("center"):
    state.map_view = ((float(result["center"]["lat"]), float(result["center"]["lng"])), int(result["zoom"]))

with controls:
    if state.list_shows != state.selected:  # a click on the map picked another village: a new list shows it
        state.list_serial += 1
        state.list_shows = state.selected
    st.selectbox(
        "Find a village (any spelling)",
        settlement_ids,
        index=settlement_ids.index(state.list_shows) if state.list_shows else None,
        format_func=names.get,
        placeholder="Click a village on the map, or type its name",
        key=_list_key(),
    )
    st.selectbox("Colour villages by", COLOURS, format_func=lambda code: COLOUR_MODES[code].label, key="colour")
    with st.expander("Events, layers and stale claims"):
        st.radio("Events shown", WINDOWS, format_func=WINDOW_LABELS.get, key="window", horizontal=True)
        for kind in (kind for kind in LAYER_KINDS if kind.share_key):
            missing_file = data.frames[kind.name] is None  # an optional kind without a file: nothing to draw
            help_text = f"No {kind.plural} are loaded (see the caption under the map)." if missing_file else None
            st.toggle(kind.label, key=f"layer_{kind.share_key}", disabled=missing_file, help=help_text)
        st.toggle(
            "Map tiles (online, shown only if they can be reached)",
            key="layer_tiles",
            disabled=not tiles_allowed(),
        )
        st.number_input(
            "Claims older than this many days are drawn weaker",
            min_value=STALE_DAYS[0],
            max_value=STALE_DAYS[1],
            step=1,
            key="stale",
            help="A claim that does not name the village (area-wide) is always drawn weaker.",
        )

# The link is updated before the panel is drawn, so the page never shows a settlement the URL does not name.
remember(as_of, state.selected)
sync_query_params(
    view_params(
        ViewState(
            as_of=as_of,
            settlement=state.selected,
            window=state.window,
            layers=tuple(layer for layer in LAYERS if state[f"layer_{layer}"]),
            speed=shown_day.play.speed,
            step=shown_day.play.step,
            zoom=state.map_view[1] if state.map_view else None,
            center=state.map_view[0] if state.map_view else None,
            colour=state.colour,
            stale=int(state.stale),
        )
    ),
    SHARED_KEYS,
)

with panel_col:
    if state.selected:
        row = table[table["settlement_id"] == state.selected].iloc[0].to_dict()
        show_claims(row, as_of.isoformat(), session_verified(data), stacked=True, stale_days=int(state.stale))
        st.page_link(
            claims_page(),
            label="Full claim history and sources",
            icon=":material/timeline:",
            query_params={"date": as_of.isoformat(), "settlement": state.selected},
        )
    else:
        mode = COLOUR_MODES[state.colour]
        located = table[table["lon"].notna()]
        classes, weak = marker_classes(located, state.colour)
        st.markdown(f"**On {as_of.isoformat()}, {len(located)} villages on the map**")
        for key, count in classes.value_counts().reindex(list(mode.classes)).dropna().items():
            faint = int(weak[classes == key].sum())
            extra = f" ({faint} of them on area-wide or old claims)" if faint else ""
            st.markdown(f"- {markdown_text(mode.classes[key])}: {int(count)}{extra}")
        st.caption("Click a village, or find it in the list, to see each side's claim and its source.")

# --- under the map and the panel (on a phone, after the claims) -------------------------
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
