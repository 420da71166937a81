"""Reading one DeepStateMap export: the Ukrainian-held and grey areas it shows on Russian ground.

A DeepStateMap history export is a GeoJSON FeatureCollection in the style of a
KML conversion: each feature's ``name`` is bilingual text with a translation
key, "Ukrainian /// English /// key", often with stray non-breaking spaces and
line breaks, e.g. ``"Звільнено /// Liberated[NBSP]/// geoJSON.status.dismissed"``.

Status names (:func:`status_of_name`), judged on the key first, then the
English label, then the Ukrainian one:

- ``geoJSON.status.dismissed`` (also ``dismissed_at {{at:...}}``), "Liberated…",
  "Звільнено…": ground shown as held by Ukraine, here ``ua_control``;
- ``geoJSON.status.unknown``, "Unknown status", "Статус невідомий": the grey
  zone, here ``contested``.

Everything else (occupied areas, attack arrows, units, airfields) is ignored.

Russian ground: only polygons in Russia's oblasts are kept. A status polygon
(each part of a multi-polygon on its own) counts as Russian ground when at
least :data:`RUSSIAN_GROUND_SHARE` (20 %) of its area lies inside the Russian
oblasts of the outline file given (features whose ``country`` is ``Russia`` or
``RUS``); Ukrainian polygons that only graze the border reach about 5 %. What
is kept is clipped to those oblasts. The test is only as good as the outline:
with outlines a few kilometres off the border, small Ukrainian grey zones
along it can pass and small Russian ones fail (see ``docs/deepstate-import.md``).

Names are only compared with fixed strings: nothing in an export is ever
evaluated, and no name is copied into the output.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo.areas import polygon_from_geojson, polygonal_part
from geo.equal_area import to_metric
from geo.errors import DataError, Problem
from geo.io import parse_feature_collection, read_file
from geo.validate import MAX_TEXT, _kind, _Notes

SOURCE_OUTLET = "DeepStateMap"
"""The outlet named by areas and claims read from its exports."""

RUSSIAN_GROUND_SHARE = 0.20
"""Least share of a polygon's area inside Russia's oblasts for it to count as Russian ground."""

RUSSIA_NAMES = frozenset({"Russia", "RUS"})
"""Values of an outline's ``country`` property that mean Russia (our basemap; ISO 3166 alpha-3)."""

MAX_EXPORT_BYTES = 50 * 1024 * 1024  # a whole export is about 0.6 MB
MAX_EXPORT_FEATURES = 50_000
MAX_EXPORT_VERTICES = 500_000  # one feature; the largest real polygon (occupied Ukraine) has tens of thousands
WORLD = (-180.0, -90.0, 180.0, 90.0)
EARLIEST_SNAPSHOT = datetime(2014, 1, 1, tzinfo=UTC)

_STATUS_KEYS = (("geojson.status.dismissed", "ua_control"), ("geojson.status.unknown", "contested"))
_STATUS_LABELS = (
    ("liberated", "ua_control"),
    ("unknown status", "contested"),
    ("звільнено", "ua_control"),
    ("статус невідомий", "contested"),
)
_SPACE = re.compile(r"\s+")
_DATED_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
"""A day in a file's name; the snapshot is then taken as that day at noon UTC (one snapshot a day is kept)."""
_SNAPSHOT_NAME = re.compile(r"^\d{9,11}$")


@dataclass(frozen=True)
class Snapshot:
    """What one export shows on Russian ground.

    Attributes
    ----------
    id : int
        Snapshot id, Unix seconds (UTC).
    time : datetime
        The same, as an aware UTC datetime.
    file : str
        The file it was read from.
    areas : dict
        Status (``ua_control``, ``contested``) to its area on Russian ground,
        clipped to the oblasts, in :data:`geo.equal_area.EQUAL_AREA_CRS` metres,
        not simplified. A status with nothing shown is absent.
    """

    id: int
    time: datetime
    file: str
    areas: dict[str, BaseGeometry]

    @property
    def label(self) -> str:
        """The id and UTC time, for notes: ``1725654859 (2024-09-06 20:34 UTC)``."""
        return f"{self.id} ({self.time:%Y-%m-%d %H:%M} UTC)"


def status_of_name(name: str) -> str | None:
    """Map a DeepStateMap feature name to an area status.

    Parameters
    ----------
    name : str
        The ``name`` property, e.g. ``"Статус невідомий /// Unknown status /// geoJSON.status.unknown"``.

    Returns
    -------
    str or None
        ``ua_control`` for "Liberated", ``contested`` for "Unknown status",
        None for anything else.
    """
    parts = [_SPACE.sub(" ", part).strip().casefold() for part in name.replace("\xa0", " ").split("///")]
    key = parts[-1] if parts and parts[-1].startswith("geojson.") else None
    if key is not None:
        return next((status for prefix, status in _STATUS_KEYS if key.startswith(prefix)), None)
    english = parts[1] if len(parts) > 1 else ""
    for label in (english, parts[0]):
        for prefix, status in _STATUS_LABELS:
            if label.startswith(prefix):
                return status
    return None


def load_russian_oblasts(path: str | Path) -> BaseGeometry:
    """Read oblast outlines and return Russia's as one shape, in metres.

    Parameters
    ----------
    path : str or Path
        A GeoJSON FeatureCollection of oblast polygons with a ``country``
        property, such as our ``static/basemap/oblasts.geojson``.

    Returns
    -------
    shapely geometry
        The union of the features whose ``country`` is in
        :data:`RUSSIA_NAMES`, in :data:`geo.equal_area.EQUAL_AREA_CRS`.

    Raises
    ------
    DataError
        If the file cannot be read, is not GeoJSON, or has no Russian polygon.
    """
    path = Path(path)
    file = path.name
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DataError([Problem(file, f"cannot be read: {err.strerror or err}")]) from None
    parsed = parse_feature_collection(raw, file)
    problems: list[Problem] = []
    shapes = []
    for index, feature in enumerate(parsed.features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or props.get("country") not in RUSSIA_NAMES:
            continue
        note = _Notes()
        shape = polygon_from_geojson(feature.get("geometry"), note, bounds=WORLD, max_vertices=1_000_000, repair=True)
        problems.extend(Problem(file, reason, index, None, name) for name, reason in note)
        if shape is not None:
            shapes.append(shape)
    if problems:
        raise DataError(problems)
    if not shapes:
        raise DataError([Problem(file, "has no oblast polygon whose 'country' is 'Russia' or 'RUS'")])
    russia = to_metric(unary_union(shapes))
    shapely.prepare(russia)
    return russia


def read_export(raw: bytes, file: str, russia: BaseGeometry, *, snapshot_id: int | None = None) -> Snapshot:
    """Read one DeepStateMap export and keep what it shows on Russian ground.

    Parameters
    ----------
    raw : bytes
        The export's content.
    file : str
        Its file name. Without ``snapshot_id`` and without a snapshot id or
        time inside the file, the name must be the snapshot id
        (``1725654859.geojson``).
    russia : shapely geometry
        From :func:`load_russian_oblasts`.
    snapshot_id : int, optional
        The snapshot id, when the caller knows it.

    Returns
    -------
    Snapshot
        Its time and its areas on Russian ground.

    Raises
    ------
    DataError
        If the file is not a FeatureCollection, is too large, has a feature,
        name or status geometry of the wrong shape, or no snapshot time can be
        found. All problems are listed, each naming file, feature and field.
    """
    parsed = parse_feature_collection(raw, file, max_bytes=MAX_EXPORT_BYTES, max_features=MAX_EXPORT_FEATURES)
    moment = _snapshot_time(parsed.header, file, snapshot_id)
    problems: list[Problem] = []
    found: dict[str, list[BaseGeometry]] = {}
    for index, feature in enumerate(parsed.features):
        status, shape = _status_polygon(feature, index, file, problems)
        if shape is None:
            continue
        for part in shapely.get_parts(to_metric(shape)):
            kept = _on_russian_ground(part, russia)
            if kept is not None:
                found.setdefault(status, []).append(kept)
    if problems:
        raise DataError(problems)
    areas = {status: unary_union(parts) for status, parts in sorted(found.items())}
    areas = {status: shape for status, shape in areas.items() if not shape.is_empty}
    return Snapshot(int(moment.timestamp()), moment, file, areas)


def read_export_file(path: str | Path, russia: BaseGeometry) -> Snapshot:
    """Read a DeepStateMap export from disk; see :func:`read_export`.

    Parameters
    ----------
    path : str or Path
        The export file.
    russia : shapely geometry
        From :func:`load_russian_oblasts`.

    Returns
    -------
    Snapshot
        What it shows on Russian ground.

    Raises
    ------
    DataError
        If it cannot be read or breaks the rules of :func:`read_export`.
    """
    path = Path(path)
    return read_export(read_file(path), path.name, russia)


def _status_polygon(feature: Any, index: int, file: str, problems: list[Problem]) -> tuple[str, Any]:
    """Return (status, shape) of a status polygon, (status, None) for anything else; note problems."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(Problem(file, "is not a GeoJSON Feature object", index))
        return "", None
    props = feature.get("properties")
    if props is None:
        return "", None
    if not isinstance(props, dict):
        problems.append(Problem(file, f"expected an object, got {_kind(props)}", index, None, "properties"))
        return "", None
    name = props.get("name")
    if name is None:
        return "", None
    if not isinstance(name, str):
        problems.append(Problem(file, f"expected text, got {_kind(name)}", index, None, "name"))
        return "", None
    if len(name) > MAX_TEXT:
        problems.append(Problem(file, f"is {len(name)} characters long; the limit is {MAX_TEXT}", index, None, "name"))
        return "", None
    status = status_of_name(name)
    geometry = feature.get("geometry")
    if status is None or not (isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon")):
        if status is not None and not isinstance(geometry, dict):
            reason = f"a {status} area needs a polygon, got {_kind(geometry)}"
            problems.append(Problem(file, reason, index, None, "geometry"))
        return "", None
    note = _Notes()
    shape = polygon_from_geojson(geometry, note, bounds=WORLD, max_vertices=MAX_EXPORT_VERTICES, repair=True)
    problems.extend(Problem(file, reason, index, None, name) for name, reason in note)
    return status, shape


def _on_russian_ground(part: BaseGeometry, russia: BaseGeometry) -> BaseGeometry | None:
    """Clip one polygon (metres) to Russia's oblasts if enough of it lies there; else None."""
    if part.area <= 0 or not russia.intersects(part):
        return None
    inside = polygonal_part(part.intersection(russia))
    if inside.is_empty or inside.area < RUSSIAN_GROUND_SHARE * part.area:
        return None
    return inside


def _snapshot_time(header: dict[str, Any], file: str, snapshot_id: int | None) -> datetime:
    """Find when a snapshot was taken: the caller's id, a time in the file, or the file's name."""
    candidates: list[tuple[str, Any]] = []
    if snapshot_id is not None:
        candidates.append(("snapshot id", snapshot_id))
    for key in ("id", "datetime", "createdAt"):
        if key in header:
            candidates.append((key, header[key]))
    stem = Path(file).name.split(".")[0]
    dated = _DATED_NAME.search(stem)
    if _SNAPSHOT_NAME.match(stem):
        candidates.append(("file name", int(stem)))
    elif dated:  # a name such as deepstate_2024-08-12.geojson: the day is known, not the hour
        candidates.append(("file name", dated.group(1) + "T12:00:00+00:00"))
    if not candidates:
        reason = (
            "no snapshot time: the file holds no 'id' or 'datetime' and its name is neither a snapshot id "
            "(Unix seconds, e.g. 1725654859.geojson) nor holds a date (e.g. deepstate_2024-08-12.geojson)"
        )
        raise DataError([Problem(file, reason)])
    where, value = candidates[0]
    moment = _as_time(value)
    latest = datetime.now(UTC) + timedelta(days=1)
    if moment is None or not EARLIEST_SNAPSHOT <= moment <= latest:
        shown = json.dumps(value)[:60] if isinstance(value, (str, int, float)) else _kind(value)
        raise DataError([Problem(file, f"{where} {shown} is not a snapshot time between 2014 and today", field=where)])
    return moment


def _as_time(value: Any) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and len(value) <= 40:
        if value.isdigit():
            return _as_time(int(value))
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return None
