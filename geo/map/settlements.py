"""The settlements layer: one marker per settlement, coloured by the chosen mode (by default: do the sides agree?)."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd

from geo.agreement import AGREEMENT_CLASSES
from geo.escape import shown_text
from geo.map.assets import ContestedCall
from geo.map.popups import settlement_popup_html, settlement_tooltip_html
from geo.map.stable import stable_ids

AGREEMENT_COLOURS: dict[str, str] = {
    "agree_ru": "#c62828",
    "agree_ua": "#1565c0",
    "agree_contested": "#6a1b9a",
    "disagree": "#ef6c00",
    "only_ru": "#f4a6a6",
    "only_ua": "#9cc8f5",
    "no_claims": "#ffffff",
}
"""Fill colour of a settlement marker per agreement class; the legend says each in words.

Only one side having spoken is drawn in a pale tint of that side's colour, so a
village only Russia has spoken of never looks like one only Ukraine has."""

STATUS_COLOURS: dict[str, str] = {
    "ru_control": "#c62828",
    "ua_control": "#1565c0",
    "contested": "#6a1b9a",
    "not_marked": "#9e9e9e",
    "none": "#ffffff",
}
"""Fill per claimed status when the markers show one side's claim (``none``: that side has not spoken yet)."""

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


@dataclass(frozen=True)
class ColourMode:
    """One way of colouring the settlement markers (a choice of the map's "Colour villages by" control).

    Attributes
    ----------
    code : str
        The share link's ``colour`` value.
    label : str
        The control's words.
    heading : str
        The legend's line saying what the colour means.
    colours : dict
        Fill per class, in the legend's order.
    classes : dict
        The words per class, same keys as ``colours``.
    side : str or None
        ``ru``, ``ua`` or ``independent``: the markers show that side's standing claim.
    """

    code: str
    label: str
    heading: str
    colours: dict[str, str]
    classes: dict[str, str]
    side: str | None = None


def _side_classes(who: str, *, tracker: bool = False) -> dict[str, str]:
    if tracker:
        return {
            "ru_control": "Trackers: Russian control",
            "ua_control": "Trackers: Ukrainian control",
            "contested": "Trackers: contested",
            "not_marked": "DeepStateMap: not marked as Ukrainian-held",
            "none": "No tracker reading yet",
        }
    return {
        "ru_control": f"{who} says Russian control",
        "ua_control": f"{who} says Ukrainian control",
        "contested": f"{who} says fighting goes on",
        "none": f"{who} has said nothing yet",
    }


COLOUR_MODES: dict[str, ColourMode] = {
    mode.code: mode
    for mode in (
        ColourMode(
            "agreement",
            "Do the sides agree?",
            "Colour = Russia's claim against Ukraine's",
            AGREEMENT_COLOURS,
            AGREEMENT_CLASSES,
        ),
        ColourMode(
            "ru",
            "Russia's claim",
            "Colour = Russia's latest claim",
            {k: STATUS_COLOURS[k] for k in _side_classes("Russia")},
            _side_classes("Russia"),
            "ru",
        ),
        ColourMode(
            "ua",
            "Ukraine's claim",
            "Colour = Ukraine's latest claim",
            {k: STATUS_COLOURS[k] for k in _side_classes("Ukraine")},
            _side_classes("Ukraine"),
            "ua",
        ),
        ColourMode(
            "independent",
            "Independent trackers",
            "Colour = the latest tracker reading (DeepStateMap, a Ukrainian volunteer project; ISW; CIT)",
            STATUS_COLOURS,
            _side_classes("", tracker=True),
            "independent",
        ),
        ColourMode(
            "trackers",
            "Claims vs DeepStateMap",
            "Colour = the latest Russian or Ukrainian claim against DeepStateMap",
            TRACKER_COLOURS,
            TRACKER_CLASSES,
        ),
    )
}
"""What the settlement markers can be coloured by, declared once: the control, the legend and the markers
iterate over it. ``trackers`` reads a ``tracker_verdict`` column the page adds (:func:`geo.verify.verdicts_on`)."""

WEAK_WORDS = "Pale: an area-wide claim, or over {days} days old"
"""The legend's line for weaker markers (area-wide or stale claims, :mod:`geo.agreement`)."""

SETTLEMENT_PANE = "settlements"
"""A map pane above Leaflet's marker pane (the base map makes it)."""

SETTLEMENT_DETAIL_LIMIT = 300
"""Up to this many settlements, each marker carries its side-by-side popup, a label and room of its own (see
``settlementLayout`` in ``static/contested/map.js``); beyond it the markers are sent as one compact array
without popups or labels (a popup each would cost about 1.5 KB per settlement per step), and the panel
beside the map shows a clicked settlement's claims."""

MARKER_RADIUS = 8
"""Radius of a settlement marker in screen pixels; markers are moved apart until none overlaps another."""

TOOLTIP_SEPARATOR = " — "
"""Between the name and the class words in a marker's tooltip (:func:`settlement_for_click` splits on it)."""

_PRIORITY = {"city": 3, "town": 2}
"""Label priority by kind: cities and towns keep their names when labels collide; villages come after."""


def marker_classes(status_table: pd.DataFrame, mode: str) -> tuple[pd.Series, pd.Series]:
    """Each settlement's class in a colour mode, and whether it rests on a weak claim.

    Parameters
    ----------
    status_table : pandas.DataFrame
        From :func:`geo.agreement.status_on` (with ``tracker_verdict`` for the ``trackers`` mode).
    mode : str
        A key of :data:`COLOUR_MODES`.

    Returns
    -------
    classes, weak : pandas.Series
        A key of the mode's ``colours`` per row, and a boolean per row.
    """
    colour_mode = COLOUR_MODES[mode]
    index = status_table.index
    if colour_mode.side:
        side = colour_mode.side
        classes = status_table[f"{side}_status"].where(status_table[f"{side}_status"].isin(colour_mode.colours))
        return classes.fillna("none"), status_table[f"{side}_weak"].astype(bool)
    if mode == "trackers":
        return status_table["tracker_verdict"].fillna("none"), pd.Series(False, index=index)
    return status_table["agreement"], status_table["agreement_weak"].astype(bool)


def _compact_dots(status_table: pd.DataFrame, classes: pd.Series, weak: pd.Series, mode: ColourMode) -> ContestedCall:
    """Settlement markers drawn in the browser from one compact array: position, class, precision, name, weak.

    Names are data: they travel inside JSON made safe for a script element,
    and ``Contested.settlementDots`` escapes them for the tooltip, so they are
    always shown as text.
    """
    keys = list(mode.colours)
    rows = [
        [round(float(lat), 5), round(float(lon), 5), keys.index(value), int(precision) >= 2, shown_text(name), bool(w)]
        for lat, lon, value, precision, name, w in zip(
            status_table["lat"], status_table["lon"], classes, status_table["geo_precision"], status_table["name"],
            weak, strict=True,
        )
    ]  # fmt: skip
    return ContestedCall(
        "settlementDots",
        {"pane": SETTLEMENT_PANE, "colours": list(mode.colours.values()), "rows": rows, "radius": MARKER_RADIUS - 1},
    )


def settlement_layer(
    status_table: pd.DataFrame,
    *,
    detail_limit: int = SETTLEMENT_DETAIL_LIMIT,
    mode: str = "agreement",
) -> folium.FeatureGroup:
    """One marker per settlement, coloured by the chosen mode.

    Parameters
    ----------
    status_table : pandas.DataFrame
        Output of :func:`geo.agreement.status_on` for the chosen date.
    detail_limit : int, default SETTLEMENT_DETAIL_LIMIT
        Above this many settlements, markers come without popups, as one
        compact array (see :data:`SETTLEMENT_DETAIL_LIMIT`).
    mode : str, default "agreement"
        A key of :data:`COLOUR_MODES`.

    Returns
    -------
    folium.FeatureGroup
        Circle markers; approximate locations get a dashed ring, markers resting
        on an area-wide or stale claim a pale fill and a ring in their colour.
        The tooltip is the escaped name and class, the popup the side-by-side
        claims. Markers are moved apart on screen so none hides another, and
        labelled where labels fit (``Contested.settlementLayout``). Settlements
        whose location is not checked (null geometry) get no marker.
    """
    colour_mode = COLOUR_MODES[mode]
    group = folium.FeatureGroup(name="Settlements")
    status_table = status_table[status_table["lon"].notna()]  # no marker without a checked location
    classes, weak = marker_classes(status_table, mode)
    if len(status_table) > detail_limit:
        _compact_dots(status_table, classes, weak, colour_mode).add_to(group)
        return stable_ids(group, "st")
    names, priorities = [], []
    rows = status_table.to_dict("records")
    for number, (row, value, faint) in enumerate(zip(rows, classes, weak, strict=True)):
        colour = colour_mode.colours[value]
        words = colour_mode.classes[value] if mode != "agreement" else row["agreement_label"]
        if faint and mode != "agreement":
            words += " (an area-wide or old claim)"
        marker = folium.CircleMarker(
            location=(row["lat"], row["lon"]),
            radius=MARKER_RADIUS,
            color=colour if faint else "#212121",
            weight=2.5 if faint else 2,
            dash_array="4 3" if int(row["geo_precision"]) >= 2 else None,
            fill=True,
            fill_color=colour,
            fill_opacity=0.3 if faint else 0.9,
            tooltip=folium.Tooltip(settlement_tooltip_html(row["name"], words, TOOLTIP_SEPARATOR)),
            popup=folium.Popup(settlement_popup_html(row), max_width=520, max_height=360),
        )
        marker.options["pane"] = SETTLEMENT_PANE  # folium's path options drop `pane`
        marker.options["settlementIndex"] = number
        marker.add_to(group)
        names.append(shown_text(row["name"]))
        priorities.append(_PRIORITY.get(str(row.get("kind")), 1))
    layout = {"names": names, "priority": priorities, "radius": MARKER_RADIUS}
    ContestedCall("settlementLayout", layout).add_to(group)
    return stable_ids(group, "st")


def selection_layer(status_table: pd.DataFrame, selected: str | None, serial: int = 0) -> folium.FeatureGroup:
    """Ring the settlement picked from the list or a link in yellow, where its marker is drawn.

    A click on a marker rings it in the browser at once (``settlementLayout``),
    so this layer changes only when a village is picked some other way: the
    layers stay the same after a click on the map, and its popup stays open.

    Parameters
    ----------
    status_table : pandas.DataFrame
        With ``settlement_id``, ``lat`` and ``lon``.
    selected : str or None
        The picked settlement's id; None (or an unlocated one) takes the ring away.
    serial : int, default 0
        A new number for each pick from the list or a link; the browser applies
        each number once, so a village clicked since keeps its ring.

    Returns
    -------
    folium.FeatureGroup
        One call of ``Contested.selectedRing``.
    """
    group = folium.FeatureGroup(name="Selected")
    row = status_table[(status_table["settlement_id"] == selected) & status_table["lat"].notna()]
    lat, lon = (float(row["lat"].iloc[0]), float(row["lon"].iloc[0])) if selected and not row.empty else (None, None)
    ContestedCall("selectedRing", {"lat": lat, "lon": lon, "radius": MARKER_RADIUS, "serial": serial}).add_to(group)
    return stable_ids(group, "sel")


def _as_shown(text: str) -> str:
    return " ".join(shown_text(text).split())


def settlement_for_click(settlements: pd.DataFrame, lat: float, lon: float, tooltip: str | None) -> str | None:
    """Work out which settlement marker the user clicked.

    streamlit-folium reports the click's position (not the marker's) and the
    clicked marker's tooltip text; the tooltip starts with the settlement's
    name (then :data:`TOOLTIP_SEPARATOR` and the class in words), so a click
    on an event marker never selects a settlement. Markers are drawn moved
    apart on screen, so the name decides, and the position only between
    settlements of the same name.

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
    clicked = _as_shown(tooltip)
    shown = settlements["name"].map(_as_shown)  # the tooltip holds the name as the browser showed it
    matches = (shown == clicked) | pd.Series(
        [clicked.startswith(name + TOOLTIP_SEPARATOR) for name in shown], index=settlements.index
    )
    named = settlements[matches & settlements["lat"].notna()]
    if named.empty:
        return None
    longest = named["name"].map(_as_shown).str.len()
    named = named[longest == longest.max()]  # a name that itself holds the separator: the longest match wins
    distance = (named["lat"] - lat) ** 2 + (named["lon"] - lon) ** 2
    return str(named.loc[distance.idxmin(), id_column])
