"""Reading GeoJSON files into validated GeoDataFrames.

Files are only ever read. Parsing refuses what is not UTF-8 GeoJSON, the
rules of :mod:`geo.validate` check every feature, and any problem at all makes
the whole file fail with one :class:`~geo.errors.DataError` listing them all.
"""

from __future__ import annotations

import functools
import gc
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import geopandas as gpd
import pandas as pd
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from geo.areas import AREAS, areas_frame, check_area_features
from geo.errors import DataError, Problem
from geo.validate import SCHEMAS, Checked, check_features, check_references
from geo.vocab import CLAIMANTS

MAX_FILE_BYTES = 200 * 1024 * 1024  # a 100k-event ACLED export with full notes is over 50 MB
MAX_FEATURES = 250_000
WGS84_NAMES = frozenset(
    {
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "OGC:CRS84",
        "CRS84",
    }
)
FILE_NAMES = {"settlements": "settlements.geojson", "claims": "claims.geojson", "events": "events.geojson"}
OPTIONAL_FILE_NAMES = {AREAS.kind: "areas.geojson"}
"""Files a data folder may hold besides :data:`FILE_NAMES`."""
_DATE_COLUMNS = {"claims": ("claim_date", "published"), "events": ("event_date",)}

_P = ParamSpec("_P")
_R = TypeVar("_R")
_gc_lock = threading.Lock()
_gc_pause = {"holders": 0, "was_enabled": True}


def _without_cyclic_gc(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` with Python's cyclic garbage collector paused.

    Parsing and checking a large file allocates millions of dicts, lists and
    strings that all stay alive until the frame is built. The cyclic collector
    keeps walking them as they pile up, though none of it is garbage (parsed
    JSON has no reference cycles): at 100,000 events that was about a quarter
    of the load time. Reference counting still frees memory as usual. Nested
    and concurrent calls (several sessions at once) share one pause; the last
    to finish turns the collector back on, if it was on before the first.
    """

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _gc_lock:
            if _gc_pause["holders"] == 0:
                _gc_pause["was_enabled"] = gc.isenabled()
                gc.disable()
            _gc_pause["holders"] += 1
        try:
            return function(*args, **kwargs)
        finally:
            with _gc_lock:
                _gc_pause["holders"] -= 1
                if _gc_pause["holders"] == 0 and _gc_pause["was_enabled"]:
                    gc.enable()

    return paused


def today_utc() -> date:
    """Return today's date in UTC, the reference for "not in the future"."""
    return datetime.now(UTC).date()


@dataclass
class ParsedCollection:
    """A FeatureCollection's features, in WGS84, and notes on what was done to read them.

    ``header`` holds the collection's other top-level members (``name``,
    ``crs``, a tracker's snapshot id...), unchecked.
    """

    features: list[Any]
    notes: list[str] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)


def parse_feature_collection(
    raw: bytes, file: str, *, max_bytes: int | None = None, max_features: int | None = None
) -> ParsedCollection:
    """Parse bytes as a GeoJSON FeatureCollection, reprojecting points to WGS84 if needed.

    Parameters
    ----------
    raw : bytes
        The file's content.
    file : str
        The file's name, for messages.
    max_bytes, max_features : int, optional
        Limits; default :data:`MAX_FILE_BYTES` and :data:`MAX_FEATURES`.

    Returns
    -------
    ParsedCollection
        The ``features`` member, not yet checked, and notes (e.g. that points
        were reprojected from a declared CRS).

    Raises
    ------
    DataError
        If the bytes are not UTF-8 JSON, not a FeatureCollection, empty, too
        large, or declare a CRS that cannot be read.
    """
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    max_features = MAX_FEATURES if max_features is None else max_features

    def fail(reason: str) -> DataError:
        return DataError([Problem(file, reason)])

    if len(raw) > max_bytes:
        raise fail(f"is {len(raw):,} bytes; the limit is {max_bytes:,}")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise fail(f"is not UTF-8 text (bad byte at position {err.start})") from None
    try:
        parsed = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise fail(f"is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}") from None
    except ValueError as err:
        raise fail(str(err)) from None
    except RecursionError:
        raise fail("is nested too deeply to be GeoJSON") from None
    if not isinstance(parsed, dict) or parsed.get("type") != "FeatureCollection":
        raise fail('is JSON but not a GeoJSON FeatureCollection (need {"type": "FeatureCollection", ...})')
    source_crs = _declared_crs(parsed.get("crs"), file)
    features = parsed.get("features")
    if not isinstance(features, list):
        raise fail("has no 'features' list")
    if not features:
        raise fail("has no features (an empty FeatureCollection)")
    if len(features) > max_features:
        raise fail(f"has {len(features):,} features; the limit is {max_features:,}")
    notes = []
    if source_crs is not None:
        moved = _reproject_points(features, source_crs)
        notes.append(f"{file}: reprojected {moved} point(s) from {source_crs.to_string()} to WGS84 (EPSG:4326).")
    header = {key: value for key, value in parsed.items() if key != "features"}
    return ParsedCollection(features, notes, header)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"contains {name}, which is not valid JSON")


def _declared_crs(crs: Any, file: str) -> CRS | None:
    """Return the CRS a file declares, or None for WGS84 (or no declaration)."""
    if crs is None:
        return None
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if isinstance(name, str) and name in WGS84_NAMES:
        return None
    shown = repr(name)[:80] if isinstance(name, str) else "an unreadable value"
    if not isinstance(name, str) or len(name) > 200:
        raise DataError([Problem(file, f"declares CRS {shown}, which cannot be read", field="crs")])
    try:
        declared = CRS.from_user_input(name)
    except CRSError:
        raise DataError([Problem(file, f"declares CRS {shown}, which is not a known CRS", field="crs")]) from None
    if declared.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return None
    return declared


def _reproject_points(features: list[Any], source: CRS) -> int:
    """Transform Point coordinates in place to WGS84 longitude/latitude; return how many moved."""
    transformer = Transformer.from_crs(source, 4326, always_xy=True)
    moved = 0
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not (isinstance(geometry, dict) and geometry.get("type") == "Point" and isinstance(coords, list)):
            continue
        if len(coords) < 2 or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords[:2]):
            continue
        lon, lat = transformer.transform(coords[0], coords[1])
        geometry["coordinates"] = [lon, lat]
        moved += 1
    return moved


def detect_kind(features: list[Any]) -> str:
    """Guess whether features are settlements, claims, events or areas.

    Parameters
    ----------
    features : list
        Parsed features.

    Returns
    -------
    str
        ``areas`` if the first feature with properties has ``valid_from``,
        ``claims`` if it has ``claimant``, ``events`` if it has
        ``event_date``, else ``settlements``.
    """
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict):
            if "valid_from" in props:
                return AREAS.kind
            if "claimant" in props or "claim_date" in props:
                return "claims"
            if "event_date" in props or "event_type" in props:
                return "events"
            return "settlements"
    return "settlements"


@_without_cyclic_gc
def check_file(
    raw: bytes,
    file: str,
    kind: str,
    *,
    settlements: dict[str, tuple[float, float]] | None = None,
    today: date | None = None,
    max_bytes: int | None = None,
    max_features: int | None = None,
) -> Checked:
    """Parse and check one file, collecting every problem instead of raising.

    Parameters
    ----------
    raw : bytes
        The file's content.
    file : str
        Its name, for messages.
    kind : str
        ``settlements``, ``claims``, ``events`` or ``areas``.
    settlements : dict, optional
        Settlement id to (lon, lat), to check references from claims and events.
    today : date, optional
        Reference for "in the future"; defaults to today in UTC.
    max_bytes, max_features : int, optional
        Limits for this file (uploads use tighter ones than shipped data).

    Returns
    -------
    Checked
        Clean records and problems. A file that cannot be parsed at all comes
        back with no records and its parse problem.
    """
    try:
        parsed = parse_feature_collection(raw, file, max_bytes=max_bytes, max_features=max_features)
    except DataError as err:
        return Checked([], err.problems, set())
    if kind == AREAS.kind:
        return _check_areas(parsed, file, today or today_utc())
    checked = check_features(parsed.features, SCHEMAS[kind], file, today or today_utc())
    checked.notes.extend(parsed.notes)
    if settlements is not None and kind in ("claims", "events"):
        extra = check_references(checked.records, settlements, file, check_distance=kind == "claims")
        failed = {p.index for p in extra}
        checked.problems.extend(extra)
        checked.bad_indexes |= failed
        checked.records = [r for r in checked.records if r["_index"] not in failed]
    checked.problems.sort(key=lambda p: p.index if p.index is not None else -1)
    return checked


def _check_areas(parsed: ParsedCollection, file: str, today: date) -> Checked:
    """Check an areas file; its polygons are never reprojected, so a declared non-WGS84 CRS is refused."""
    checked = check_area_features(parsed.features, file, today)
    if parsed.notes:
        reason = "declares a CRS other than WGS84; areas files must be in WGS84 longitude/latitude"
        checked.problems.insert(0, Problem(file, reason, field="crs"))
        checked.records = []
    return checked


@_without_cyclic_gc
def to_frame(records: list[dict[str, Any]], kind: str) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame (EPSG:4326) from clean records.

    Parameters
    ----------
    records : list of dict
        From :func:`check_file`.
    kind : str
        ``settlements``, ``claims``, ``events`` or ``areas`` (see :func:`geo.areas.areas_frame`).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature, ``feature_index`` holding its position in the file.
        Claims gain ``side``, ``claimant_label`` and ``claimant_rank`` derived
        from the claimant, and ``scope`` defaults to ``settlement``.
    """
    if kind == AREAS.kind:
        return areas_frame(records)
    columns = [spec.name for spec in SCHEMAS[kind].fields]
    frame = pd.DataFrame.from_records(records, columns=[*columns, "lon", "lat", "_index"])
    frame = frame.rename(columns={"_index": "feature_index"})
    for column in _DATE_COLUMNS.get(kind, ()):
        frame[column] = pd.to_datetime(frame[column])
    if kind == "claims":
        frame["scope"] = [scope if isinstance(scope, str) else "settlement" for scope in frame["scope"]]
        frame["side"] = frame["claimant"].map(lambda c: CLAIMANTS[c].side)
        frame["claimant_label"] = frame["claimant"].map(lambda c: CLAIMANTS[c].label)
        frame["claimant_rank"] = frame["claimant"].map(lambda c: CLAIMANTS[c].rank)
    if kind == "settlements":
        frame["aliases"] = frame["aliases"].map(lambda a: a if isinstance(a, list) else [])
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def load_layer(
    path: str | Path,
    kind: str,
    *,
    settlements: dict[str, tuple[float, float]] | None = None,
    today: date | None = None,
) -> gpd.GeoDataFrame:
    """Read and validate one file.

    Parameters
    ----------
    path : str or Path
        The GeoJSON file.
    kind : str
        ``settlements``, ``claims``, ``events`` or ``areas``.
    settlements : dict, optional
        Settlement id to (lon, lat), to check references.
    today : date, optional
        Reference for "in the future".

    Returns
    -------
    geopandas.GeoDataFrame
        See :func:`to_frame`.

    Raises
    ------
    DataError
        If the file cannot be read or any feature breaks a rule.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DataError([Problem(path.name, f"cannot be read: {err.strerror or err}")]) from None
    checked = check_file(raw, path.name, kind, settlements=settlements, today=today)
    if checked.problems:
        raise DataError(checked.problems)
    return to_frame(checked.records, kind)


def settlement_points(settlements: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Map each settlement id to its (lon, lat)."""
    return {
        sid: (lon, lat) for sid, lon, lat in zip(settlements["id"], settlements["lon"], settlements["lat"], strict=True)
    }


@dataclass(frozen=True)
class Dataset:
    """The three validated layers of one data folder."""

    settlements: gpd.GeoDataFrame
    claims: gpd.GeoDataFrame
    events: gpd.GeoDataFrame


def load_dataset(folder: str | Path, *, today: date | None = None) -> Dataset:
    """Load and validate ``settlements``, ``claims`` and ``events`` from a folder.

    Parameters
    ----------
    folder : str or Path
        Holds ``settlements.geojson``, ``claims.geojson`` and ``events.geojson``.
    today : date, optional
        Reference for "in the future".

    Returns
    -------
    Dataset
        The three frames.

    Raises
    ------
    DataError
        Listing the problems of every file that failed (claims and events are
        still checked when settlements load).
    """
    folder = Path(folder)
    settlements = load_layer(folder / FILE_NAMES["settlements"], "settlements", today=today)
    points = settlement_points(settlements)
    problems: list[Problem] = []
    layers: dict[str, gpd.GeoDataFrame] = {}
    for kind in ("claims", "events"):
        try:
            layers[kind] = load_layer(folder / FILE_NAMES[kind], kind, settlements=points, today=today)
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return Dataset(settlements, layers["claims"], layers["events"])
