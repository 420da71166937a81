"""Deployment settings read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
PAGE_CSS = STATIC / "contested" / "page.css"
RUSSIAN_GROUND = STATIC / "basemap" / "russian_ground.geojson"
"""Russia's land near the two oblasts, made at set-up; DeepStateMap uploads are cut to it."""
TABLE_BLANK = "—"
"""What every table shows for a missing value (Streamlit would write "None")."""


def tiles_allowed() -> bool:
    """Tell whether the OpenStreetMap tile layer may be offered.

    Set ``CONTESTED_TILES=off`` for air-gapped use: no tile layer is ever
    added, so the browser makes no request outside this server.
    """
    return os.environ.get("CONTESTED_TILES", "on").strip().lower() not in {"off", "0", "false", "no"}


def missing_assets() -> list[str]:
    """List the set-up files the map needs that are not installed."""
    needed = [
        STATIC / "vendor" / "leaflet" / "leaflet.js",
        STATIC / "vendor" / "jquery" / "jquery.min.js",
        STATIC / "vendor" / "leaflet.markercluster" / "leaflet.markercluster.js",
        STATIC / "vendor" / "leaflet.fullscreen" / "Control.FullScreen.js",
        STATIC / "basemap" / "oblasts.geojson",
        STATIC / "basemap" / "border.geojson",
        RUSSIAN_GROUND,
    ]
    return [str(path.relative_to(ROOT)) for path in needed if not path.exists()]
