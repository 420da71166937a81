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
DEFAULT_WINDOW = "30d"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ViewState:
    """What a share link restores."""

    as_of: date
    settlement: str | None = None
    window: str = DEFAULT_WINDOW
    layers: tuple[str, ...] = LAYERS
    notices: list[str] = field(default_factory=list)


def parse_view(
    params: Mapping[str, str], *, first: date, last: date, default: date, settlements: set[str]
) -> ViewState:
    """Read a view from query parameters, dropping or clamping what is wrong.

    Parameters
    ----------
    params : mapping
        Query parameters (``date``, ``settlement``, ``window``, ``layers``).
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
    return ViewState(as_of, settlement, window, layers, notices)


def view_params(view: ViewState) -> dict[str, str]:
    """Turn a view into query parameters (ISO strings only).

    Parameters
    ----------
    view : ViewState
        The current view.

    Returns
    -------
    dict
        ``date``, ``window``, ``layers`` and, when one is selected, ``settlement``.
    """
    params = {"date": view.as_of.isoformat(), "window": view.window, "layers": ",".join(view.layers)}
    if view.settlement:
        params["settlement"] = view.settlement
    return params
