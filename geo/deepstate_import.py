"""Turning a series of DeepStateMap snapshots into dated areas (and, through geo.deepstate_claims, claims).

Days: a snapshot belongs to the UTC day of its time. When several snapshots
fall on one day, the last one of the day wins: it is what the map showed when
the day ended, and earlier ones of that day are dropped (the report says how
many). Snapshots before :data:`geo.validate.EARLIEST_DATE` are dropped too.

Areas: for each status, the Russian-ground area of each day's snapshot is
simplified to :data:`SIMPLIFY_M` (100 m) in :data:`geo.equal_area.EQUAL_AREA_CRS`,
parts under :data:`geo.areas.SLIVER_KM2` (0.05 km²) are dropped, and
coordinates are rounded to :data:`COORD_DECIMALS` (6, about 0.1 m). Consecutive
days whose rounded shape is identical become one feature, shown from the
first of them (``valid_from``) to the day of the next snapshot that differs
(``valid_to``); the last period stays open (empty ``valid_to``). The same
snapshots always give the same features, ids and coordinates.

Settlement claims come from :mod:`geo.deepstate_claims`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.areas import SLIVER_KM2, polygonal_part
from geo.deepstate import SOURCE_OUTLET, Snapshot, load_russian_oblasts, read_export, read_export_file, status_of_name
from geo.deepstate_claims import settlement_claims, settlement_points
from geo.equal_area import to_wgs84
from geo.errors import DataError, Problem
from geo.validate import EARLIEST_DATE

SIMPLIFY_M = 100.0
COORD_DECIMALS = 6
EXPORT_SUFFIXES = (".geojson", ".json")


@dataclass
class DeepStateImport:
    """The outcome of an import.

    Attributes
    ----------
    areas : dict
        A GeoJSON FeatureCollection of areas (``data/README.md``, areas kind).
    days : list of Snapshot
        The snapshot used for each day, oldest first.
    claims : dict or None
        A FeatureCollection of claims at settlements, when settlements were given.
    notes : list of str
        What was dropped or merged, for the user.
    """

    areas: dict[str, Any]
    days: list[Snapshot]
    claims: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def export_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the export files to read.

    Parameters
    ----------
    paths : iterable of str or Path
        Export files, or folders holding them (``*.geojson``, ``*.json``; not recursive).

    Returns
    -------
    list of Path
        Sorted, without duplicates.

    Raises
    ------
    DataError
        If a path does not exist or a folder holds no export.
    """
    found: set[Path] = set()
    problems = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES]
            if not inside:
                problems.append(Problem(str(path), "is a folder with no .geojson or .json file"))
            found.update(inside)
        elif path.is_file():
            found.add(path)
        else:
            problems.append(Problem(str(path), "does not exist"))
    if problems:
        raise DataError(problems)
    return sorted(found)


def import_deepstate(
    paths: Iterable[str | Path],
    oblasts: str | Path,
    *,
    settlements: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DeepStateImport:
    """Read DeepStateMap exports and build dated areas (and settlement claims).

    Parameters
    ----------
    paths : iterable of str or Path
        Export files or folders of them; see :func:`export_paths`.
    oblasts : str or Path
        Oblast outlines; see :func:`geo.deepstate.load_russian_oblasts`.
    settlements : str or Path, optional
        A settlements GeoJSON (``id``, ``name``, Point geometry); features with
        a null geometry are skipped.
    progress : callable, optional
        Called as ``progress(done, total)`` after each export is read.

    Returns
    -------
    DeepStateImport
        Areas, the day snapshots, claims (if asked) and notes.

    Raises
    ------
    DataError
        Listing every problem of every file that failed.
    """
    russia = load_russian_oblasts(oblasts)
    snapshots: list[Snapshot] = []
    problems: list[Problem] = []
    files = export_paths(paths)
    for done, path in enumerate(files, start=1):
        try:
            snapshots.append(read_export_file(path, russia))
        except DataError as err:
            problems.extend(err.problems)
        if progress is not None:
            progress(done, len(files))
    points = None
    if settlements is not None:
        try:
            points = settlement_points(settlements)
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    days, notes = daily_snapshots(snapshots)
    result = DeepStateImport(areas_collection(area_features(days)), days, notes=notes)
    if points is not None:
        result.claims = {"type": "FeatureCollection", "features": settlement_claims(days, points)}
    return result


def daily_snapshots(snapshots: Iterable[Snapshot]) -> tuple[list[Snapshot], list[str]]:
    """Keep the last snapshot of each UTC day, oldest day first.

    Parameters
    ----------
    snapshots : iterable of Snapshot
        In any order.

    Returns
    -------
    days : list of Snapshot
        One per day.
    notes : list of str
        What was dropped.
    """
    by_day: dict[date, Snapshot] = {}
    dropped = early = 0
    for snapshot in sorted(snapshots, key=lambda s: (s.time, s.file)):
        day = snapshot.time.date()
        if day < EARLIEST_DATE:
            early += 1
            continue
        dropped += day in by_day
        by_day[day] = snapshot
    notes = []
    if dropped:
        notes.append(f"{dropped} snapshot(s) dropped: a later snapshot of the same UTC day was used")
    if early:
        notes.append(f"{early} snapshot(s) dropped: before {EARLIEST_DATE.isoformat()}")
    return [by_day[day] for day in sorted(by_day)], notes


def area_features(days: list[Snapshot]) -> list[dict[str, Any]]:
    """Merge unchanged days into dated area features.

    Parameters
    ----------
    days : list of Snapshot
        One per day, oldest first (from :func:`daily_snapshots`).

    Returns
    -------
    list of dict
        GeoJSON features of the areas kind, claimant ``deepstate``, sorted by
        status and ``valid_from``.
    """
    features = []
    for status in ("contested", "ua_control"):
        period: list[Snapshot] = []
        shape: dict[str, Any] | None = None
        for snapshot in days:
            drawn = drawn_geometry(snapshot.areas.get(status))
            if drawn != shape:
                if shape is not None:
                    features.append(_area_feature(status, shape, period, snapshot.time.date()))
                shape, period = drawn, []
            period.append(snapshot)
        if shape is not None:
            features.append(_area_feature(status, shape, period, None))
    return features


def drawn_geometry(area: BaseGeometry | None) -> dict[str, Any] | None:
    """Simplify, drop specks, reproject and round one area; None when nothing is left."""
    if area is None:
        return None
    simple = polygonal_part(area.simplify(SIMPLIFY_M, preserve_topology=True))
    parts = [part for part in shapely.get_parts(simple) if part.area / 1e6 >= SLIVER_KM2]
    if not parts:
        return None
    degrees = to_wgs84(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0])
    snapped = polygonal_part(shapely.set_precision(degrees, 10.0**-COORD_DECIMALS))
    if snapped.is_empty:
        return None
    oriented = shapely.orient_polygons(shapely.normalize(snapped), exterior_cw=False)
    return _rounded(mapping(oriented))


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORD_DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value


def _area_feature(status: str, geometry: dict[str, Any], period: list[Snapshot], end: date | None) -> dict[str, Any]:
    first, last = period[0], period[-1]
    start = first.time.date()
    shown = (
        f"snapshot {first.label}"
        if len(period) == 1
        else f"{len(period)} daily snapshots, unchanged, from {first.label} to {last.label}"
    )
    note = (
        f"DeepStateMap's {'Liberated' if status == 'ua_control' else 'Unknown status'} area on Russian ground "
        f"(Kursk and Belgorod oblasts), as {shown} showed it; simplified to about {SIMPLIFY_M:.0f} m."
    )
    props: dict[str, Any] = {
        "id": f"deepstate-{status.replace('_', '-')}-{start.isoformat()}",
        "claimant": "deepstate",
        "status": status,
        "valid_from": start.isoformat(),
        "valid_to": end.isoformat() if end else "",
        "source_outlet": SOURCE_OUTLET,
        "snapshot": first.id,
        "note": note,
    }
    return {"type": "Feature", "properties": props, "geometry": geometry}


def areas_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    """Wrap area features in a FeatureCollection.

    Parameters
    ----------
    features : list of dict
        GeoJSON features.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}``.
    """
    return {"type": "FeatureCollection", "features": features}


def collection_text(collection: dict[str, Any]) -> str:
    """Serialise a FeatureCollection as JSON, one feature a line, byte-for-byte reproducible.

    Parameters
    ----------
    collection : dict
        A FeatureCollection.

    Returns
    -------
    str
        The JSON text, ending with a newline.
    """
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_collection(collection: dict[str, Any], path: str | Path) -> None:
    """Write a FeatureCollection as UTF-8 :func:`collection_text`.

    Parameters
    ----------
    collection : dict
        A FeatureCollection.
    path : str or Path
        Where to write; replaced if it exists.
    """
    Path(path).write_text(collection_text(collection), encoding="utf-8")


def is_deepstate_export(features: list[Any]) -> bool:
    """Tell whether parsed features look like a DeepStateMap export (names of the form "UA /// EN /// key").

    Parameters
    ----------
    features : list
        The ``features`` of a parsed FeatureCollection.

    Returns
    -------
    bool
        True when at least one feature's ``name`` has DeepStateMap's "///" form and names an area status.
    """
    for feature in features[:2000]:
        props = feature.get("properties") if isinstance(feature, dict) else None
        name = props.get("name") if isinstance(props, dict) else None
        if isinstance(name, str) and "///" in name and status_of_name(name) is not None:
            return True
    return False


def export_as_areas(raw: bytes, file: str, ground: str | Path) -> bytes:
    """Convert one DeepStateMap export into an areas file, as ``import-deepstate`` would.

    Parameters
    ----------
    raw : bytes
        The export's content (an upload).
    file : str
        Its name, for messages and for the snapshot time when the file holds none.
    ground : str or Path
        Russia's outline (:mod:`geo.russian_ground`).

    Returns
    -------
    bytes
        UTF-8 GeoJSON of the areas on Russian ground, valid from the snapshot's day and still shown.

    Raises
    ------
    DataError
        If the export cannot be read, or holds no time.
    """
    snapshot = read_export(raw, file, load_russian_oblasts(ground))
    days, _ = daily_snapshots([snapshot])
    return collection_text(areas_collection(area_features(days))).encode("utf-8")
