"""GeoJSON: parsing a file's bytes into features, in WGS84, and telling which kind of layer they are.

Parsing refuses what is not UTF-8 GeoJSON, within limits of size and feature
count; a declared CRS other than WGS84 is read and the points reprojected.
Nothing here checks the features' properties: :mod:`geo.io.check` does, with
the rules of :mod:`geo.validate`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from geo.errors import DataError, Problem
from geo.layer_kinds import LAYER_KINDS

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
    """Guess which kind of layer features are.

    Parameters
    ----------
    features : list
        Parsed features.

    Returns
    -------
    str
        The last kind in :data:`~geo.layer_kinds.LAYER_KINDS` one of whose
        ``detected_by`` properties the first feature with properties has
        (``areas`` for ``valid_from``, ``events`` for ``event_date``,
        ``claims`` for ``claimant``...), else the first kind of the table
        (``settlements``). Later kinds are asked first because they are the
        more specific: an area names a claimant too, as a claim does.
    """
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict):
            for kind in reversed(LAYER_KINDS):
                if any(name in props for name in kind.detected_by):
                    return kind.name
            break
    return LAYER_KINDS[0].name
