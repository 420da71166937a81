"""Map layers: the fixed base map, and the date-dependent settlement and event layers.

The base map must be byte-for-byte the same on every rerun, so that
streamlit-folium keeps its iframe and the user's zoom and pan: it holds only
things that never change with the date (boundaries, controls, legend). Layers
that change with the date are separate ``FeatureGroup`` objects, handed to
``st_folium(feature_group_to_add=...)``.

Every string from data is escaped with :mod:`geo.escape` before it becomes
popup or tooltip HTML.

All JavaScript and CSS come from this server (``/app/static/vendor``), never
from a CDN: folium's defaults are replaced on the classes used here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import Fullscreen, MarkerCluster
from jinja2 import Template

from geo.agreement import AGREEMENT_CLASSES
from geo.escape import html_link, html_text, script_json, shown_text
from geo.event_cells import EventCells, count_cells
from geo.event_index import EVENT_TYPE_ORDER, EVENT_WINDOWS
from geo.vocab import CLAIM_STATUSES, GEO_PRECISION, SIDE_LABELS

ASSET_URL = "/app/static/vendor"
BASEMAP_URL = "/app/static/basemap"
CENTER = (51.05, 35.75)
START_ZOOM = 8

AGREEMENT_COLOURS: dict[str, str] = {
    "agree_ru": "#c62828",
    "agree_ua": "#1565c0",
    "agree_contested": "#6a1b9a",
    "disagree": "#ef6c00",
    "one_side": "#9e9e9e",
    "no_claims": "#ffffff",
}
"""Fill colour of a settlement marker per agreement class; the legend says each in words."""

EVENT_COLOURS: dict[str, str] = {
    "Battles": "#5d4037",
    "Explosions/Remote violence": "#fbc02d",
    "Violence against civilians": "#ad1457",
    "Strategic developments": "#00897b",
    "Protests": "#3949ab",
    "Riots": "#546e7a",
}

SHOWN_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments")
"""Event types named in the legend (protests and riots are rare here; they still get a colour)."""

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

STATEMENT_CHARS = 280
SETTLEMENT_PANE = "settlements"
"""A map pane above Leaflet's marker pane, so event clusters never cover a settlement."""


class OfflineMap(folium.Map):
    """A folium map whose scripts and styles all come from this server."""

    default_js = [
        ("leaflet", f"{ASSET_URL}/leaflet/leaflet.js"),
        ("jquery", f"{ASSET_URL}/jquery/jquery.min.js"),
        ("markercluster", f"{ASSET_URL}/leaflet.markercluster/leaflet.markercluster.js"),
        ("fullscreen", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.js"),
    ]
    default_css = [
        ("leaflet_css", f"{ASSET_URL}/leaflet/leaflet.css"),
        ("markercluster_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.css"),
        ("markercluster_default_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
        ("fullscreen_css", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.css"),
    ]


class LocalMarkerCluster(MarkerCluster):
    """MarkerCluster with its files served locally (they are also listed on :class:`OfflineMap`)."""

    default_js = [("markercluster", f"{ASSET_URL}/leaflet.markercluster/leaflet.markercluster.js")]
    default_css = [
        ("markercluster_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.css"),
        ("markercluster_default_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
    ]


class LocalFullscreen(Fullscreen):
    """The Fullscreen control with its files served locally."""

    default_js = [("fullscreen", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.js")]
    default_css = [("fullscreen_css", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.css")]


class _Boundaries(MacroElement):
    """Fetch our boundary GeoJSON files by URL and draw them under everything else.

    Loading by URL keeps about 60 KB of boundaries out of the payload that
    streamlit-folium re-sends on every rerun.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.createPane("boundaries");
            map.getPane("boundaries").style.zIndex = 350;
            map.getPane("boundaries").style.pointerEvents = "none";
            function text(value) {
                var span = document.createElement("span");
                span.textContent = value == null ? "" : String(value);
                return span.innerHTML;
            }
            fetch({{ this.oblasts_url|tojson }}).then(function (r) { return r.json(); }).then(function (data) {
                L.geoJSON(data, {
                    pane: "boundaries",
                    interactive: false,
                    style: function (f) {
                        var russia = f.properties.country === "Russia";
                        return {color: "#555", weight: 1.2, fillOpacity: 0.55,
                                fillColor: russia ? "#f3ece4" : "#e8eef3"};
                    }
                }).addTo(map);
                data.features.forEach(function (f) {
                    L.marker([f.properties.label_lat, f.properties.label_lon], {
                        pane: "boundaries",
                        interactive: false,
                        icon: L.divIcon({className: "contested-oblast-label", iconSize: null,
                                         html: text(f.properties.name)})
                    }).addTo(map);
                });
            }).catch(function () { console.warn("Contested: oblast boundaries not available"); });
            fetch({{ this.border_url|tojson }}).then(function (r) { return r.json(); }).then(function (data) {
                L.geoJSON(data, {pane: "boundaries", interactive: false,
                                 style: {color: "#222", weight: 2.5, dashArray: "8 4"}}).addTo(map);
            }).catch(function () { console.warn("Contested: border line not available"); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, oblasts_url: str, border_url: str) -> None:
        super().__init__()
        self._name = "Boundaries"
        self.oblasts_url = oblasts_url
        self.border_url = border_url


class _FocusWithoutScrolling(MacroElement):
    """Keep a press on the map from scrolling the dashboard under the mouse.

    Leaflet focuses the map's container on mousedown, for keyboard panning.
    When the map's lower edge is below the browser window, that focus scrolls
    the page (the map is in an iframe, out of Leaflet's reach) between
    mousedown and mouseup, so the click lands about 10 px from the marker that
    was pressed and selects nothing. Focusing with ``preventScroll`` keeps
    keyboard panning and stops the jump.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (container) {
            var focus = container.focus;
            container.focus = function () { return focus.call(container, {preventScroll: true}); };
        })({{ this._parent.get_name() }}.getContainer());
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FocusWithoutScrolling"


_STYLE = """
<style>
.contested-oblast-label { font: 600 13px/1.2 sans-serif; color: #6b5b4b; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; text-transform: uppercase; letter-spacing: .06em; }
.contested-legend { position: absolute; bottom: 24px; right: 10px; z-index: 800; background: rgba(255,255,255,.92);
  padding: 6px 9px; border-radius: 6px; font: 11px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.contested-legend i { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px;
  border: 1.5px solid #333; vertical-align: -2px; }
.contested-legend i.ring { background: transparent; border: 1.5px dashed #333; }
.contested-legend i.event { width: 9px; height: 9px; border-width: 1px; margin-left: 2px; }
.contested-popup { font: 12px/1.4 sans-serif; }
.contested-popup table { border-collapse: collapse; width: 100%; }
.contested-popup th, .contested-popup td { vertical-align: top; padding: 4px 6px; border-top: 1px solid #ddd;
  width: 33%; text-align: left; }
.contested-popup .status { font-weight: 700; }
.contested-popup .meta { color: #555; }
</style>
"""


def legend_html() -> str:
    """Return the map legend: every agreement class and the precision ring, in words."""
    rows = [
        f'<div><i style="background:{AGREEMENT_COLOURS[key]}"></i>{html_text(label)}</div>'
        for key, label in AGREEMENT_CLASSES.items()
    ]
    rows.append('<div><i class="ring"></i>Dashed ring: approximate location</div>')
    rows.append('<div style="margin-top:4px;color:#555">Colour = Russian vs Ukrainian claims on the date</div>')
    rows.append('<div style="margin-top:6px;font-weight:600">Events</div>')
    rows.extend(
        f'<div><i class="event" style="background:{colour}"></i>{html_text(kind)}</div>'
        for kind, colour in EVENT_COLOURS.items()
        if kind in SHOWN_EVENT_TYPES
    )
    return '<div class="contested-legend" role="note" aria-label="Map legend">' + "".join(rows) + "</div>"


def base_map(*, tiles: bool) -> folium.Map:
    """Build the map that stays the same on every rerun.

    Parameters
    ----------
    tiles : bool
        Add an OpenStreetMap tile layer for context. Offline it stays blank
        while the vector basemap carries the map.

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
    _Boundaries(f"{BASEMAP_URL}/oblasts.geojson", f"{BASEMAP_URL}/border.geojson").add_to(fmap)
    folium.map.CustomPane(SETTLEMENT_PANE, z_index=620, pointer_events=True).add_to(fmap)
    LocalFullscreen(position="topleft").add_to(fmap)
    _FocusWithoutScrolling().add_to(fmap)
    fmap.get_root().header.add_child(Element(_STYLE))
    fmap.get_root().html.add_child(Element(legend_html()))
    return fmap


def _claim_cell(row: dict[str, Any], side: str) -> str:
    status = row.get(f"{side}_status")
    if status is None or (isinstance(status, float) and pd.isna(status)):
        return '<td><span class="meta">No claim yet</span></td>'
    statement = str(row[f"{side}_statement"])
    if len(statement) > STATEMENT_CHARS:
        statement = statement[: STATEMENT_CHARS - 1].rstrip() + "…"
    day = pd.Timestamp(row[f"{side}_claim_date"]).date().isoformat()
    speaker = row.get(f"{side}_speaker")
    who = html_text(row[f"{side}_claimant_label"])
    if isinstance(speaker, str) and speaker:
        who += f" ({html_text(speaker)})"
    return (
        f'<td><div class="status">{html_text(CLAIM_STATUSES.get(status, status))}</div>'
        f'<div class="meta">{who}, {day}</div>'
        f"<div>{html_text(statement)}</div>"
        f'<div class="meta">Source: {html_link(row[f"{side}_source_url"], row[f"{side}_source_outlet"])}</div></td>'
    )


def settlement_popup_html(row: dict[str, Any]) -> str:
    """Build the popup for one settlement: the three sides' standing claims side by side.

    Parameters
    ----------
    row : dict
        One row of :func:`geo.agreement.status_on`.

    Returns
    -------
    str
        Escaped HTML.
    """
    heads = "".join(f"<th>{SIDE_LABELS[s]}</th>" for s in ("ru", "ua", "independent"))
    cells = "".join(_claim_cell(row, s) for s in ("ru", "ua", "independent"))
    precision = "" if row["geo_precision"] == 1 else f" · location {GEO_PRECISION[int(row['geo_precision'])]}"
    return (
        f'<div class="contested-popup"><b>{html_text(row["name"])}</b>'
        f' <span class="meta">({html_text(row["oblast"])} oblast{precision})</span>'
        f"<div>{html_text(row['agreement_label'])}</div>"
        f"<table><tr>{heads}</tr><tr>{cells}</tr></table></div>"
    )


def stable_ids(element: Any, prefix: str) -> Any:
    """Give an element and all its descendants ids that depend only on their order.

    folium names every object with a random id, so the same layers would
    produce different JavaScript on every rerun; streamlit-folium would then
    remove and re-add them (closing any open popup). Numbering them in order
    makes identical layers produce identical code.

    Parameters
    ----------
    element : branca Element
        Usually a FeatureGroup, after everything has been added to it.
    prefix : str
        Distinguishes layers from each other (letters only).

    Returns
    -------
    The same element, renumbered.
    """
    order: list[Any] = []
    pending = [element]
    while pending:
        current = pending.pop(0)
        order.append(current)
        pending.extend(current._children.values())
        inner = getattr(current, "html", None)  # a Popup keeps its content outside _children
        if isinstance(inner, Element):
            pending.append(inner)
    for number, current in enumerate(order):
        current._id = f"{prefix}{number}"
    for current in order:  # some templates name children by their key in _children: rekey them
        current._children = type(current._children)((child.get_name(), child) for child in current._children.values())
    return element


SETTLEMENT_DETAIL_LIMIT = 300
"""Up to this many settlements, each marker carries its side-by-side popup; beyond it the markers are sent
as one compact array without popups (a popup each would cost about 1.5 KB per settlement per step), and the
panel beside the map shows a clicked settlement's claims."""


class _SettlementDots(MacroElement):
    """Settlement markers drawn in the browser from one compact array: position, class, precision, name.

    Names are data: they travel inside a JSON string made safe for a script
    element (``tojson``), and reach the tooltip escaped by ``esc``, so they are
    always shown as text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            var colours = {{ this.colours|tojson }};
            var rows = {{ this.rows|tojson }};
            function esc(s) {
                return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
                    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
            }
            rows.forEach(function (r) {
                L.circleMarker([r[0], r[1]], {
                    pane: {{ this.pane|tojson }}, radius: 7, color: "#212121", weight: 2,
                    dashArray: r[3] ? "4 3" : null, fill: true, fillColor: colours[r[2]], fillOpacity: 0.9
                }).bindTooltip(esc(r[4])).addTo(group);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, status_table: pd.DataFrame) -> None:
        super().__init__()
        self._name = "SettlementDots"
        classes = list(AGREEMENT_COLOURS)
        self.colours = list(AGREEMENT_COLOURS.values())
        self.pane = SETTLEMENT_PANE
        self.rows = [
            [
                round(float(lat), 5),
                round(float(lon), 5),
                classes.index(agreement),
                int(precision) >= 2,
                shown_text(name),
            ]
            for lat, lon, agreement, precision, name in status_table[
                ["lat", "lon", "agreement", "geo_precision", "name"]
            ].itertuples(index=False)
        ]


def settlement_layer(status_table: pd.DataFrame, *, detail_limit: int = SETTLEMENT_DETAIL_LIMIT) -> folium.FeatureGroup:
    """One marker per settlement, coloured by the agreement class.

    Parameters
    ----------
    status_table : pandas.DataFrame
        Output of :func:`geo.agreement.status_on` for the chosen date.
    detail_limit : int, default SETTLEMENT_DETAIL_LIMIT
        Above this many settlements, markers come without popups, as one
        compact array (see :data:`SETTLEMENT_DETAIL_LIMIT`).

    Returns
    -------
    folium.FeatureGroup
        Circle markers; approximate locations get a dashed ring. The tooltip is
        the escaped name, the popup the side-by-side claims.
    """
    group = folium.FeatureGroup(name="Settlements")
    if len(status_table) > detail_limit:
        _SettlementDots(status_table).add_to(group)
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
            fill_color=AGREEMENT_COLOURS[row["agreement"]],
            fill_opacity=0.9,
            tooltip=folium.Tooltip(html_text(row["name"])),
            popup=folium.Popup(settlement_popup_html(row), max_width=560),
        )
        marker.options["pane"] = SETTLEMENT_PANE  # folium's path options drop `pane`
        marker.add_to(group)
    return stable_ids(group, "st")


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


def event_popup_html(row: dict[str, Any]) -> str:
    """Build the popup for one event: date, type, actors, notes and source (escaped)."""
    actors = html_text(row["actor1"])
    actor2 = row.get("actor2")
    if isinstance(actor2, str) and actor2:
        actors += f" vs {html_text(actor2)}"
    fatalities = row.get("fatalities")
    deaths = (
        "" if fatalities is None or pd.isna(fatalities) else f"<div>Fatalities (as reported): {int(fatalities)}</div>"
    )
    precision = GEO_PRECISION[int(row["geo_precision"])]
    return (
        f'<div class="contested-popup"><b>{html_text(row["location"])}</b>'
        f' <span class="meta">{pd.Timestamp(row["event_date"]).date().isoformat()}</span>'
        f"<div>{html_text(row['event_type'])}: {html_text(row['sub_event_type'])}</div>"
        f'<div class="meta">{actors}</div><div>{html_text(row["notes"])}</div>{deaths}'
        f'<div class="meta">Location: {html_text(precision)}. Reported by {html_text(row["reported_by"])}; '
        f"source: {html_link(row['source_url'], row['source_outlet'])}</div></div>"
    )


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
        options={"disableClusteringAtZoom": 11, "maxClusterRadius": 40, "spiderfyOnMaxZoom": True}
    ).add_to(group)
    for row in events.to_dict("records"):
        day = pd.Timestamp(row["event_date"]).date().isoformat()
        folium.CircleMarker(
            location=(row["lat"], row["lon"]),
            radius=5,
            color="#000000",
            weight=1,
            fill=True,
            fill_color=EVENT_COLOURS.get(row["event_type"], "#000000"),
            fill_opacity=0.95,
            tooltip=folium.Tooltip(html_text(f"{day}: {row['sub_event_type']} · {row['location']}")),
            popup=folium.Popup(event_popup_html(row), max_width=420),
        ).add_to(cluster)
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


class _EventCells(MacroElement):
    """Cells of counted events: one numbered badge per cell, merged into summed badges when zoomed out.

    The cells travel as one compact JSON array of numbers. Badges reuse
    MarkerCluster's look; a merged badge shows the sum of its cells' event
    counts (not the number of cells), so every number on the map is a count
    of events. Type names reach the tooltip already escaped.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            var names = {{ this.type_labels|tojson }};
            var cells = {{ this.cells_json }};
            function badge(count) {
                var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
                return L.divIcon({html: "<div><span>" + count + "</span></div>", iconSize: L.point(40, 40),
                                  className: "marker-cluster marker-cluster-" + size + " contested-event-cell"});
            }
            var cluster = L.markerClusterGroup({
                maxClusterRadius: 40, disableClusteringAtZoom: 11, showCoverageOnHover: false,
                iconCreateFunction: function (merged) {
                    var total = 0;
                    merged.getAllChildMarkers().forEach(function (m) { total += m.options.eventCount; });
                    return badge(total);
                }
            });
            cluster.addLayers(cells.map(function (cell) {
                var lines = ["<b>" + cell[2] + (cell[2] === 1 ? " event" : " events") + " here</b>"];
                for (var t = 0; t < names.length; t++) {
                    if (cell[3 + t]) { lines.push(names[t] + ": " + cell[3 + t]); }
                }
                return L.marker([cell[0], cell[1]], {icon: badge(cell[2]), eventCount: cell[2]})
                    .bindTooltip(lines.join("<br>"));
            }));
            group.addLayer(cluster);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, cells: EventCells) -> None:
        super().__init__()
        self._name = "EventCells"
        self.type_labels = [html_text(name) for name in EVENT_TYPE_ORDER]
        rows = cells.table[["lat", "lon", "total", *EVENT_TYPE_ORDER]]
        # Numbers only, so the JSON is safe to place in the script as is; ints stay ints, no spaces.
        self.cells_json = script_json(
            [[lat, lon, *map(int, counts)] for lat, lon, *counts in rows.itertuples(index=False)]
        )
        self.total = cells.total


def event_cell_layer(events: pd.DataFrame) -> folium.FeatureGroup:
    """Events counted per cell (:func:`event_cells`), drawn as numbered badges.

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
    group = folium.FeatureGroup(name="Events")
    _EventCells(event_cells(events)).add_to(group)
    return stable_ids(group, "ev")


def date_range(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last`` inclusive (the slider's steps)."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


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
    named = settlements[shown == _as_shown(tooltip)]
    if named.empty:
        return None
    distance = (named["lat"] - lat) ** 2 + (named["lon"] - lon) ** 2
    return str(named.loc[distance.idxmin(), id_column])
