"""The areas data kind: dated control polygons, checked against the rules of ``data/README.md``.

An areas file (``data/areas.geojson``, optional) holds ``Polygon`` and
``MultiPolygon`` features in WGS84. Each is one claimant's assessment that one
status held over an area during a period of days: from ``valid_from`` (the
first day shown) up to, not including, ``valid_to`` (the first day no longer
shown; empty or absent while it is still shown).

Like :mod:`geo.validate`, nothing here reads files: the features come parsed,
every problem becomes a :class:`~geo.errors.Problem`, and one pass reports them
all. Overlaps are measured in :data:`geo.equal_area.EQUAL_AREA_CRS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.equal_area import to_metric
from geo.errors import Problem
from geo.validate import (
    MAX_LONG_TEXT,
    REGION_BOUNDS,
    Checked,
    Field,
    Schema,
    _BadValueError,
    _choice,
    _date,
    _kind,
    _short,
    _slug,
    _text,
    _url,
    check_features,
)
from geo.vocab import CLAIMANTS

FILE_NAME = "areas.geojson"
AREA_STATUSES = ("ua_control", "ru_control", "contested")
"""What an area may say: the statuses of claims, without the tracker-only ``not_marked``."""

MAX_VERTICES = 20_000
"""Most vertices one feature may have (all rings of all parts)."""

SLIVER_KM2 = 0.05
"""Largest overlap tolerated between two areas of one claimant and status valid on a common day.

Areas drawn from the same tracker's successive maps, or simplified to about
100 m, can share a thin strip along an edge; 0.05 km² is a 500 m × 100 m
strip, far below anything a control map means to show. More than that is two
assessments contradicting each other, or one drawn twice.
"""

# --- fields ------------------------------------------------------------------


def _end_date(value: Any, today: date) -> date | None:
    """``valid_to``: a date, or empty text for "still shown"."""
    if isinstance(value, str) and not value.strip():
        return None
    return _date(value, today)


def _snapshot(value: Any, today: date) -> str:
    """Accept a tracker's snapshot id (a whole number) or time (text), kept as text."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    if isinstance(value, str):
        return _text(200)(value, today)
    raise _BadValueError(f"expected a snapshot id (a whole number) or time (text), got {_kind(value)}")


def _ends_after_start(props: dict[str, Any]) -> list[tuple[str, str]]:
    start, end = props.get("valid_from"), props.get("valid_to")
    if start and end and end <= start:
        return [("valid_to", f"{end.isoformat()} is not after valid_from {start.isoformat()}")]
    return []


AREAS = Schema(
    "areas",
    (
        Field("id", _slug),
        Field("claimant", _choice(CLAIMANTS, "claimant")),
        Field("status", _choice(AREA_STATUSES, "area status")),
        Field("valid_from", _date),
        Field("valid_to", _end_date, required=False),
        Field("source_outlet", _text()),
        Field("source_url", _url, required=False),
        Field("snapshot", _snapshot, required=False),
        Field("note", _text(MAX_LONG_TEXT), required=False),
    ),
    rules=(_ends_after_start,),
)


# --- checking ----------------------------------------------------------------


def check_area_features(features: list[Any], file: str, today: date) -> Checked:
    """Check every feature of a parsed areas FeatureCollection.

    Parameters
    ----------
    features : list
        The ``features`` member, exactly as parsed from JSON.
    file : str
        The file's name, for messages.
    today : date
        Dates after this day are refused as "in the future".

    Returns
    -------
    Checked
        Records hold the clean properties (``valid_to`` None while still
        shown), ``geometry`` (a 2-D shapely Polygon or MultiPolygon in WGS84)
        and ``_index``. Problems name file, feature, field and reason: polygon
        structure, unclosed rings, invalid (self-intersecting) shapes, points
        outside :data:`~geo.validate.REGION_BOUNDS`, more than
        :data:`MAX_VERTICES` vertices, ``valid_to`` not after ``valid_from``,
        duplicate ids, and overlaps of more than :data:`SLIVER_KM2` between
        areas of one claimant and status valid on a common day.
    """
    checked = check_features(features, AREAS, file, today, read_geometry=polygon_from_geojson)
    records, problems, bad = checked.records, checked.problems, checked.bad_indexes
    for record in records:
        record.setdefault("valid_to", None)
    overlaps = _overlaps(records, file)
    problems.extend(overlaps)
    failed = {p.index for p in overlaps}
    bad |= failed
    records = [r for r in records if r["_index"] not in failed]
    problems.sort(key=lambda p: p.index if p.index is not None else -1)
    return Checked(records, problems, bad)


def polygon_from_geojson(
    geometry: Any,
    note: Callable[[str | None, str], None],
    *,
    bounds: tuple[float, float, float, float] = REGION_BOUNDS,
    max_vertices: int = MAX_VERTICES,
    repair: bool = False,
) -> BaseGeometry | None:
    """Check a GeoJSON Polygon or MultiPolygon and build it, or note why not.

    Parameters
    ----------
    geometry : Any
        The ``geometry`` member as parsed from JSON.
    note : callable
        Called as ``note("geometry", reason)`` for each problem.
    bounds : tuple of float
        (west, south, east, north) that every vertex must lie within.
    max_vertices : int
        Most vertices allowed in all rings together.
    repair : bool
        Mend an invalid shape (self-intersection, bow-tie) with
        :func:`shapely.make_valid` instead of refusing it; for trackers' own
        exports, whose drawings we take as they are.

    Returns
    -------
    shapely Polygon or MultiPolygon, or None
        The 2-D shape (a third coordinate is dropped), or None after noting
        at least one problem.
    """
    if not isinstance(geometry, dict):
        shown = "is null" if geometry is None else f"expected a GeoJSON geometry object, got {_kind(geometry)}"
        note("geometry", f"{shown}; a Polygon or MultiPolygon is required")
        return None
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon":
        parts = [coords]
    elif kind == "MultiPolygon":
        parts = coords if isinstance(coords, list) else None
    else:
        note("geometry", f"type is {_short(kind)}; a Polygon or MultiPolygon is required")
        return None
    if not isinstance(parts, list) or not parts:
        note("geometry", f"{kind} coordinates must be a non-empty list")
        return None
    rings_per_part: list[list[np.ndarray]] = []
    vertices = 0
    for part in parts:
        if not isinstance(part, list) or not part:
            note("geometry", "each polygon must be a non-empty list of rings")
            return None
        rings = []
        for ring in part:
            array = _ring_array(ring, note, bounds, max_vertices)
            if array is None:
                return None
            vertices += len(array)
            if vertices > max_vertices:
                note("geometry", f"has more than {max_vertices:,} vertices; simplify it")
                return None
            rings.append(array)
        rings_per_part.append(rings)
    polygons = [shapely.Polygon(rings[0], rings[1:]) for rings in rings_per_part]
    shape = polygons[0] if kind == "Polygon" else shapely.MultiPolygon(polygons)
    if not shape.is_valid:
        if not repair:
            note("geometry", f"is not a valid polygon: {shapely.is_valid_reason(shape)}")
            return None
        shape = polygonal_part(shapely.make_valid(shape))
    if shape.is_empty or shape.area == 0:
        note("geometry", "has no area")
        return None
    return shape


def polygonal_part(shape: BaseGeometry) -> BaseGeometry:
    """Keep only the polygons of a geometry (a repair can leave lines and points beside them).

    Parameters
    ----------
    shape : shapely geometry
        Any geometry.

    Returns
    -------
    shapely Polygon or MultiPolygon
        Its polygonal parts, possibly empty.
    """
    parts = [part for part in shapely.get_parts(shape) if isinstance(part, (shapely.Polygon, shapely.MultiPolygon))]
    polygons = [poly for part in parts for poly in shapely.get_parts(part)]
    if len(polygons) == 1:
        return polygons[0]
    return shapely.MultiPolygon(polygons)


def _ring_array(
    ring: Any, note: Callable[[str | None, str], None], bounds: tuple[float, float, float, float], max_vertices: int
) -> np.ndarray | None:
    """Check one linear ring and return its (lon, lat) array, or None after noting why not."""
    if not isinstance(ring, list) or len(ring) < 4:
        note("geometry", "each ring must be a list of at least 4 positions")
        return None
    if len(ring) > max_vertices:
        note("geometry", f"has more than {max_vertices:,} vertices; simplify it")
        return None
    pairs = []
    for position in ring:
        if not isinstance(position, list) or len(position) not in (2, 3):
            note("geometry", "each position must be [longitude, latitude]")
            return None
        if not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in position):
            note("geometry", "coordinates must be numbers")
            return None
        lon, lat = float(position[0]), float(position[1])
        if not (math.isfinite(lon) and math.isfinite(lat)):
            note("geometry", "coordinates must be finite numbers (no NaN or Infinity)")
            return None
        pairs.append((lon, lat))
    if pairs[0] != pairs[-1]:
        note("geometry", f"a ring is not closed: it starts at {list(pairs[0])} and ends at {list(pairs[-1])}")
        return None
    west, south, east, north = bounds
    for lon, lat in pairs:
        if not (west <= lon <= east and south <= lat <= north):
            note(
                "geometry",
                f"[{lon}, {lat}] lies outside the region (longitude {west} to {east}, latitude {south} to {north})",
            )
            return None
    return np.array(pairs)


def _overlaps(records: list[dict[str, Any]], file: str) -> list[Problem]:
    """One problem per area that overlaps an earlier one of its claimant and status in space and time."""
    if len(records) < 2:
        return []
    metric = [to_metric(r["geometry"]) for r in records]
    tree = shapely.STRtree(metric)
    left, right = tree.query(metric, predicate="intersects")
    problems: list[Problem] = []
    flagged: set[int] = set()
    for i, j in sorted(zip(left.tolist(), right.tolist(), strict=True)):
        if i >= j or j in flagged:
            continue
        a, b = records[i], records[j]
        if (a["claimant"], a["status"]) != (b["claimant"], b["status"]) or not _periods_meet(a, b):
            continue
        shared = metric[i].intersection(metric[j]).area / 1e6
        if shared > SLIVER_KM2:
            reason = (
                f"overlaps feature {a['_index']} (id {a['id']!r}), also {a['claimant']} {a['status']} "
                f"on a common day, by {shared:.2f} km²; the limit is {SLIVER_KM2} km²"
            )
            problems.append(Problem(file, reason, b["_index"], b["id"], "geometry"))
            flagged.add(j)
    return problems


def _periods_meet(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Tell whether two half-open periods [valid_from, valid_to) share a day."""
    a_end, b_end = a["valid_to"] or date.max, b["valid_to"] or date.max
    return a["valid_from"] < b_end and b["valid_from"] < a_end


# --- the frame ---------------------------------------------------------------


def areas_frame(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame (EPSG:4326) from clean area records.

    Parameters
    ----------
    records : list of dict
        From :func:`check_area_features`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per area: the schema's fields, ``valid_from`` and ``valid_to``
        as datetimes (``valid_to`` NaT while still shown), ``feature_index``,
        and ``side`` and ``claimant_label`` derived from the claimant.
    """
    columns = [spec.name for spec in AREAS.fields]
    frame = pd.DataFrame.from_records(
        [{k: v for k, v in r.items() if k != "geometry"} for r in records], columns=[*columns, "_index"]
    )
    frame = frame.rename(columns={"_index": "feature_index"})
    frame["valid_from"] = pd.to_datetime(frame["valid_from"])
    frame["valid_to"] = pd.to_datetime(frame["valid_to"])
    frame["side"] = frame["claimant"].map(lambda c: CLAIMANTS[c].side)
    frame["claimant_label"] = frame["claimant"].map(lambda c: CLAIMANTS[c].label)
    return gpd.GeoDataFrame(frame, geometry=[r["geometry"] for r in records], crs="EPSG:4326")
