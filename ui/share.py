"""Share links: reading the map's state from URL query parameters, and writing it back.

Pure functions (no Streamlit import) so the parsing rules are unit-tested.
Every value is parsed, checked and clamped; a bad one is dropped with a notice
for the user, never an exception. Nothing from a URL is ever unpickled or
evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from geo.layer_kinds import LAYER_KINDS

LAYERS = (*(kind.share_key for kind in LAYER_KINDS if kind.share_key), "tiles")
"""Layers a link can turn on: each drawn kind's ``share_key``, then the map tiles."""
WINDOWS = ("7d", "30d", "all")
COLOURS = ("agreement", "ru", "ua", "independent", "trackers")
"""What the markers are coloured by (:data:`geo.map.settlements.COLOUR_MODES`); the first is the default."""
DEFAULT_WINDOW = "30d"
STALE_DAYS = (1, 3650)
"""The range a link's ``stale`` (days after which a claim is drawn weaker) is clamped to; the default is
:data:`geo.agreement.STALE_DAYS` (30), repeated here so parsing a link needn't import pandas (a test holds
them equal)."""
DEFAULT_STALE = 30
SPEEDS = (1, 2, 4)
STEPS = ("day", "week")
DEFAULT_SPEED, DEFAULT_STEP = 2, "day"
ZOOMS = (5, 16)
"""The map's zoom range; a link's zoom is clamped to it."""
VIEW_BOUNDS = (30.0, 46.0, 42.0, 56.0)
"""West, south, east, north: a link's map centre must lie in this box around the two oblasts."""
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{1,7})?$")


@dataclass
class ViewState:
    """What a share link restores."""

    as_of: date
    settlement: str | None = None
    window: str = DEFAULT_WINDOW
    layers: tuple[str, ...] = LAYERS
    notices: list[str] = field(default_factory=list)
    speed: int = DEFAULT_SPEED
    step: str = DEFAULT_STEP
    zoom: int | None = None
    center: tuple[float, float] | None = None
    """(lat, lon) of the map's centre, with ``zoom``; None: the map's own opening view."""
    colour: str = COLOURS[0]
    stale: int = DEFAULT_STALE
    """Days after which a claim counts as stale (drawn weaker)."""


def parse_view(
    params: Mapping[str, str], *, first: date, last: date, default: date, settlements: set[str]
) -> ViewState:
    """Read a view from query parameters, dropping or clamping what is wrong.

    Parameters
    ----------
    params : mapping
        Query parameters (``date``, ``settlement``, ``window``, ``layers``,
        ``speed``, ``step``, ``colour``, ``stale``, and ``zoom`` with ``lat`` and ``lon``).
    first, last : date
        The slider's range; dates outside it are clamped to it.
    default : date
        The date when none (or an unreadable one) is given.
    settlements : set of str
        Known settlement ids.

    Returns
    -------
    ViewState
        The view, with one notice per value that was ignored or clamped.
    """
    notices: list[str] = []
    as_of = default
    raw_date = params.get("date")
    if raw_date:
        try:
            if not _ISO_DAY.match(raw_date):
                raise ValueError(raw_date)
            as_of = date.fromisoformat(raw_date)
        except ValueError:
            notices.append(f"Ignored the date {raw_date[:40]!r} in the link: use YYYY-MM-DD.")
        else:
            if as_of < first or as_of > last:
                clamped = min(max(as_of, first), last)
                notices.append(
                    f"The date {as_of.isoformat()} is outside the data ({first.isoformat()} to {last.isoformat()}); "
                    f"showing {clamped.isoformat()}."
                )
                as_of = clamped

    settlement = params.get("settlement") or None
    if settlement is not None and settlement not in settlements:
        notices.append(f"Ignored the settlement {settlement[:40]!r} in the link: no such settlement.")
        settlement = None

    window = params.get("window") or DEFAULT_WINDOW
    if window not in WINDOWS:
        notices.append(f"Ignored the event window {window[:20]!r} in the link: use one of {', '.join(WINDOWS)}.")
        window = DEFAULT_WINDOW

    layers: tuple[str, ...] = LAYERS
    raw_layers = params.get("layers")
    if raw_layers is not None:
        asked = [name.strip() for name in raw_layers.split(",") if name.strip()]
        unknown = [name for name in asked if name not in LAYERS]
        if unknown:
            notices.append(f"Ignored unknown layers in the link: {', '.join(repr(u[:20]) for u in unknown[:5])}.")
        layers = tuple(name for name in LAYERS if name in asked)
    speed, step = _play(params, notices)
    zoom, center = _map_view(params, notices)
    colour = params.get("colour") or COLOURS[0]
    if colour not in COLOURS:
        notices.append(f"Ignored the colour mode {colour[:20]!r} in the link: use one of {', '.join(COLOURS)}.")
        colour = COLOURS[0]
    stale = DEFAULT_STALE
    raw_stale = params.get("stale")
    if raw_stale:
        if raw_stale.isdigit() and len(raw_stale) <= 5:
            stale = min(max(int(raw_stale), STALE_DAYS[0]), STALE_DAYS[1])
        else:
            notices.append(f"Ignored the stale-claim threshold {raw_stale[:10]!r} in the link: use a number of days.")
    return ViewState(as_of, settlement, window, layers, notices, speed, step, zoom, center, colour, stale)


def _play(params: Mapping[str, str], notices: list[str]) -> tuple[int, str]:
    speed, step = DEFAULT_SPEED, params.get("step") or DEFAULT_STEP
    raw_speed = params.get("speed")
    if raw_speed:
        if raw_speed.isdigit() and int(raw_speed) in SPEEDS:
            speed = int(raw_speed)
        else:
            notices.append(f"Ignored the play speed {raw_speed[:10]!r} in the link: use 1, 2 or 4.")
    if step not in STEPS:
        notices.append(f"Ignored the play step {step[:10]!r} in the link: use day or week.")
        step = DEFAULT_STEP
    return speed, step


def _map_view(params: Mapping[str, str], notices: list[str]) -> tuple[int | None, tuple[float, float] | None]:
    raw = [params.get(name) for name in ("zoom", "lat", "lon")]
    if not any(raw):
        return None, None
    zoom_text, lat_text, lon_text = (value or "" for value in raw)
    if not (zoom_text.isdigit() and _NUMBER.match(lat_text) and _NUMBER.match(lon_text)):
        notices.append("Ignored the map view in the link: it needs zoom, lat and lon as numbers.")
        return None, None
    lat, lon = float(lat_text), float(lon_text)
    west, south, east, north = VIEW_BOUNDS
    if not (south <= lat <= north and west <= lon <= east):
        notices.append(f"Ignored the map centre {lat}, {lon} in the link: it is far from Kursk and Belgorod.")
        return None, None
    zoom = min(max(int(zoom_text), ZOOMS[0]), ZOOMS[1])
    return zoom, (lat, lon)


def view_params(view: ViewState) -> dict[str, str]:
    """Turn a view into query parameters (ISO strings only).

    Parameters
    ----------
    view : ViewState
        The current view.

    Returns
    -------
    dict
        ``date``, ``window``, ``layers`` and, when they apply, ``settlement``,
        ``speed``, ``step``, ``colour`` and ``stale`` (when not the default), ``zoom``, ``lat`` and ``lon``.
    """
    params = {"date": view.as_of.isoformat(), "window": view.window, "layers": ",".join(view.layers)}
    if view.settlement:
        params["settlement"] = view.settlement
    if view.speed != DEFAULT_SPEED:
        params["speed"] = str(view.speed)
    if view.step != DEFAULT_STEP:
        params["step"] = view.step
    if view.colour != COLOURS[0]:
        params["colour"] = view.colour
    if view.stale != DEFAULT_STALE:
        params["stale"] = str(view.stale)
    if view.zoom is not None and view.center is not None:
        params["zoom"] = str(int(view.zoom))
        params["lat"], params["lon"] = (f"{value:.5f}" for value in view.center)
    return params


SHARED_KEYS = ("date", "settlement", "window", "layers", "speed", "step", "zoom", "lat", "lon", "colour", "stale")
"""Every query parameter the map page writes (and removes when it no longer applies)."""
