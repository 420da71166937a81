"""The rules of ``data/README.md``, applied to parsed GeoJSON features.

Nothing here reads files: :mod:`geo.io` parses them and hands the features
over. Every check records a :class:`~geo.errors.Problem` and moves on, so one
pass reports everything wrong with a file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from geo.errors import Problem
from geo.vocab import (
    CLAIM_SCOPES,
    CLAIM_STATUSES,
    CLAIMANTS,
    EVENT_TYPES,
    GEO_PRECISION,
    OBLASTS,
    SOURCE_DIRECTNESS,
    TRACKER_ONLY_STATUSES,
)

REGION_BOUNDS = (33.0, 49.5, 40.0, 53.0)
"""Longitude and latitude limits (west, south, east, north) of the area we map."""

EARLIEST_DATE = date(2024, 1, 1)
MAX_TEXT = 2000
MAX_LONG_TEXT = 1000
MAX_LIST_ITEMS = 50
CLAIM_OFFSET_LIMIT_KM = 1.0
"""How far a claim's point may lie from its settlement's point."""

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNPAIRED_SURROGATE = re.compile("[\ud800-\udfff]")


class _BadValueError(Exception):
    """Raised by a field checker; carries the reason."""


# --- field checkers: each takes the raw value and returns the clean one ------


def _text(limit: int = MAX_TEXT) -> Callable[[Any, date], str]:
    def check(value: Any, today: date) -> str:
        if not isinstance(value, str):
            raise _BadValueError(f"expected text, got {_kind(value)}")
        if not value.strip():
            raise _BadValueError("is empty")
        if len(value) > limit:
            raise _BadValueError(f"is {len(value)} characters long; the limit is {limit}")
        # A JSON file may hold unpaired UTF-16 surrogates ("\ud800"): not text, and nothing downstream
        # (Arrow, protobuf, UTF-8) can carry them. Keep the rest of the string; show U+FFFD in their place.
        return _UNPAIRED_SURROGATE.sub("\ufffd", value)

    return check


def _slug(value: Any, today: date) -> str:
    text = _text(200)(value, today)
    if not _SLUG.match(text):
        raise _BadValueError(f"{text!r} is not a slug (lower-case letters, digits and '-')")
    return text


def _date(value: Any, today: date) -> date:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise _BadValueError(f"{_short(value)} is not a date in YYYY-MM-DD form")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _BadValueError(f"{value!r} is not a real calendar day") from None
    if day < EARLIEST_DATE:
        raise _BadValueError(f"{value} is before {EARLIEST_DATE.isoformat()}, outside this dataset's period")
    if day > today:
        raise _BadValueError(f"{value} is in the future (today is {today.isoformat()})")
    return day


def _choice(allowed: Mapping[str, Any] | tuple[str, ...], what: str) -> Callable[[Any, date], str]:
    def check(value: Any, today: date) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise _BadValueError(f"unknown {what} {_short(value)}; allowed: {', '.join(sorted(allowed))}")
        return value

    return check


def _precision(value: Any, today: date) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in GEO_PRECISION:
        raise _BadValueError(f"{_short(value)} is not a precision code; allowed: 1, 2, 3")
    return value


def _text_list(value: Any, today: date) -> list[str]:
    if not isinstance(value, list):
        raise _BadValueError(f"expected a list of text, got {_kind(value)}")
    if len(value) > MAX_LIST_ITEMS:
        raise _BadValueError(f"has {len(value)} entries; the limit is {MAX_LIST_ITEMS}")
    check = _text(200)
    return [check(item, today) for item in value]


def _url(value: Any, today: date) -> str:
    text = _text()(value, today)
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise _BadValueError(f"{_short(text)} is not an http(s) URL")
    if any(ch.isspace() for ch in text.strip()) or any(ord(ch) < 32 for ch in text):
        raise _BadValueError(f"{_short(text)} contains spaces or control characters")
    return text.strip()


def _count(value: Any, today: date) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _BadValueError(f"{_short(value)} is not a whole number of 0 or more")
    return value


class _Notes(list):
    """The problems found in one feature, as (field, reason); called like a function to add one."""

    def __call__(self, field_name: str | None, reason: str) -> None:
        self.append((field_name, reason))


@dataclass(frozen=True)
class Field:
    """One property of a feature: its name, checker and whether it must be there."""

    name: str
    check: Callable[[Any, date], Any]
    required: bool | str = True
    """True, False, or ``"located"``: required unless the feature's geometry is null (location not checked)."""


@dataclass(frozen=True)
class Schema:
    """The rules for one kind of file."""

    kind: str
    fields: tuple[Field, ...]
    rules: tuple[Callable[[dict[str, Any]], list[tuple[str, str]]], ...] = field(default=())
    null_point: bool = False
    """Whether a feature may have a null geometry: a settlement whose location is not checked yet, and its claims."""


def _published_not_before_claim(props: dict[str, Any]) -> list[tuple[str, str]]:
    published, claimed = props.get("published"), props.get("claim_date")
    if published and claimed and published < claimed:
        return [("published", f"{published.isoformat()} is before claim_date {claimed.isoformat()}")]
    return []


def _tracker_status_only_for_trackers(props: dict[str, Any]) -> list[tuple[str, str]]:
    claimant, status = props.get("claimant"), props.get("status")
    if claimant and status in TRACKER_ONLY_STATUSES and CLAIMANTS[claimant].side != "independent":
        return [("status", f"{status!r} is only for independent trackers, not for {claimant!r}")]
    return []


def _unlocated_claims_no_precision(props: dict[str, Any]) -> list[tuple[str, str]]:
    """Refuse a precision on a settlement whose location is not checked (null geometry)."""
    if "lon" in props and props["lon"] is None and "geo_precision" in props:
        return [("geo_precision", "must be null or absent when the geometry is null (location not checked)")]
    return []


def _sub_event_belongs_to_type(props: dict[str, Any]) -> list[tuple[str, str]]:
    kind, sub = props.get("event_type"), props.get("sub_event_type")
    if kind and sub and sub not in EVENT_TYPES[kind]:
        return [("sub_event_type", f"{sub!r} is not a sub-event type of {kind!r}")]
    return []


_SOURCE_FIELDS = (
    Field("source_outlet", _text()),
    Field("source_title", _text(), required=False),
    Field("source_url", _url, required=False),
    Field("source_directness", _choice(SOURCE_DIRECTNESS, "source directness"), required=False),
)

SETTLEMENTS = Schema(
    "settlements",
    (
        Field("id", _slug),
        Field("name", _text(200)),
        Field("name_ru", _text(200)),
        Field("name_uk", _text(200), required=False),
        Field("oblast", _choice(OBLASTS, "oblast")),
        Field("district", _text(200)),
        Field("kind", _choice(("city", "town", "village"), "kind"), required=False),
        Field("aliases", _text_list, required=False),
        Field("geo_precision", _precision, required="located"),
        Field("gazetteer", _text(), required="located"),
        Field("coord_note", _text(MAX_LONG_TEXT), required=False),
    ),
    rules=(_unlocated_claims_no_precision,),
    null_point=True,
)

CLAIMS = Schema(
    "claims",
    (
        Field("id", _slug),
        Field("settlement_id", _slug),
        Field("claim_date", _date),
        Field("published", _date, required=False),
        Field("claimant", _choice(CLAIMANTS, "claimant")),
        Field("speaker", _text(200), required=False),
        Field("status", _choice(CLAIM_STATUSES, "status")),
        Field("scope", _choice(CLAIM_SCOPES, "scope"), required=False),
        Field("statement", _text(MAX_LONG_TEXT)),
        *_SOURCE_FIELDS,
        Field("note", _text(MAX_LONG_TEXT), required=False),
    ),
    rules=(_published_not_before_claim, _tracker_status_only_for_trackers),
    null_point=True,
)

EVENTS = Schema(
    "events",
    (
        Field("id", _slug),
        Field("event_date", _date),
        Field("event_type", _choice(EVENT_TYPES, "event type")),
        Field("sub_event_type", _text(200)),
        Field("actor1", _text(300)),
        Field("actor2", _text(300), required=False),
        Field("location", _text(300)),
        Field("admin1", _choice(OBLASTS, "oblast")),
        Field("settlement_id", _slug, required=False),
        Field("geo_precision", _precision),
        Field("notes", _text(MAX_LONG_TEXT)),
        Field("fatalities", _count, required=False),
        Field("reported_by", _choice(CLAIMANTS, "claimant")),
        *_SOURCE_FIELDS,
    ),
    rules=(_sub_event_belongs_to_type,),
)


@dataclass
class Checked:
    """The outcome of checking one file's features.

    Attributes
    ----------
    records : list of dict
        Clean properties of each feature that passed, with ``lon``, ``lat`` and
        ``_index`` (its position in the file) added.
    problems : list of Problem
        Everything found wrong.
    bad_indexes : set of int
        Positions of features with at least one problem.
    notes : list of str
        Things done to read the file that the user should know (not problems).
    """

    records: list[dict[str, Any]]
    problems: list[Problem]
    bad_indexes: set[int]
    notes: list[str] = field(default_factory=list)


def check_features(
    features: list[Any],
    schema: Schema,
    file: str,
    today: date,
    *,
    read_geometry: Callable[[Any, Callable[[str | None, str], None]], Any] | None = None,
) -> Checked:
    """Check every feature of a parsed FeatureCollection against a schema.

    Parameters
    ----------
    features : list
        The ``features`` member, exactly as parsed from JSON.
    schema : Schema
        The rules of the file's kind (:attr:`geo.layer_kinds.LayerKind.schema`).
    file : str
        The file's name, for messages.
    today : date
        Dates after this day are refused as "in the future".
    read_geometry : callable, optional
        For kinds whose features are not points: ``read_geometry(geometry, note)``
        checks a feature's geometry, notes what is wrong, and returns the shape
        (kept as the record's ``geometry``) or None. By default a Point is
        checked and kept as ``lon`` and ``lat``.

    Returns
    -------
    Checked
        The clean records and all problems found.
    """
    if read_geometry is not None:
        reader = read_geometry
    elif schema.null_point:
        reader = _check_point_or_null
    else:
        reader = _check_point
    records: list[dict[str, Any]] = []
    problems: list[Problem] = []
    bad: set[int] = set()
    first_use: dict[str, int] = {}

    for index, feature in enumerate(features):
        note = _Notes()
        raw_props = feature.get("properties") if isinstance(feature, dict) else None
        raw_id = raw_props.get("id") if isinstance(raw_props, dict) else None
        label = raw_id if isinstance(raw_id, str) and len(raw_id) <= 200 else None
        clean: dict[str, Any] = {}
        located = None
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            note(None, "is not a GeoJSON Feature object")
        else:
            located = reader(feature.get("geometry"), note)
            if not isinstance(raw_props, dict):
                note("properties", f"expected an object, got {_kind(raw_props)}")
            else:
                unlocated = located == (None, None)
                for spec in schema.fields:
                    value = raw_props.get(spec.name)
                    if value is None:
                        if spec.required is True or (spec.required == "located" and not unlocated):
                            note(spec.name, "is missing")
                        continue
                    try:
                        clean[spec.name] = spec.check(value, today)
                    except _BadValueError as bad_value:
                        note(spec.name, str(bad_value))
                if read_geometry is None and located is not None:
                    clean["lon"], clean["lat"] = located
                if schema is CLAIMS:
                    _check_side_field(raw_props, clean, note)
                for rule in schema.rules:
                    for field_name, reason in rule(clean):
                        note(field_name, reason)
            feature_id = clean.get("id", label)
            if feature_id is not None:
                if feature_id in first_use:
                    note("id", f"duplicate id {feature_id!r}, first used by feature {first_use[feature_id]}")
                else:
                    first_use[feature_id] = index

        if note or located is None:
            problems.extend(Problem(file, reason, index, label, field_name) for field_name, reason in note)
            bad.add(index)
            continue
        if read_geometry is not None:
            clean["geometry"] = located
        clean["_index"] = index
        records.append(clean)
    return Checked(records, problems, bad)


def _check_side_field(props: dict[str, Any], clean: dict[str, Any], note: Callable[[str | None, str], None]) -> None:
    """Refuse a ``side`` in a claims file that contradicts the claimant's side."""
    if "side" not in props or "claimant" not in clean:
        return
    expected = CLAIMANTS[clean["claimant"]].side
    if props["side"] != expected:
        note("side", f"{_short(props['side'])} contradicts claimant {clean['claimant']!r}, whose side is {expected!r}")


def _check_point_or_null(
    geometry: Any, note: Callable[[str | None, str], None]
) -> tuple[float, float] | tuple[None, None] | None:
    """Like :func:`_check_point`, but a null geometry (location not checked) is read as (None, None)."""
    if geometry is None:
        return None, None
    return _check_point(geometry, note)


def _check_point(geometry: Any, note: Callable[[str | None, str], None]) -> tuple[float, float] | None:
    """Check a Point geometry and return its (lon, lat), or None after noting why not."""
    if geometry is None:
        note("geometry", "is null; a Point is required")
        return None
    if not isinstance(geometry, dict):
        note("geometry", f"expected a GeoJSON geometry object, got {_kind(geometry)}")
        return None
    if geometry.get("type") != "Point":
        note("geometry", f"type is {_short(geometry.get('type'))}; a Point is required")
        return None
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or len(coords) not in (2, 3):
        note("geometry", "Point coordinates must be [longitude, latitude]")
        return None
    if not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords):
        note("geometry", "coordinates must be numbers")
        return None
    lon, lat = float(coords[0]), float(coords[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        note("geometry", "coordinates must be finite numbers (no NaN or Infinity)")
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        hint = " (lon/lat swapped?)" if in_region(lat, lon) else ""
        note("geometry", f"[{lon}, {lat}] is out of range for longitude, latitude{hint}")
        return None
    if not in_region(lon, lat):
        if in_region(lat, lon):
            note("geometry", f"[{lon}, {lat}] lies outside the region; it looks like lon/lat swapped")
        else:
            west, south, east, north = REGION_BOUNDS
            note(
                "geometry",
                f"[{lon}, {lat}] lies outside the region (longitude {west} to {east}, latitude {south} to {north})",
            )
        return None
    return lon, lat


def in_region(lon: float, lat: float) -> bool:
    """Tell whether a point lies in the mapped region.

    Parameters
    ----------
    lon, lat : float
        WGS84 degrees.

    Returns
    -------
    bool
        True inside :data:`REGION_BOUNDS`, edges included.
    """
    west, south, east, north = REGION_BOUNDS
    return west <= lon <= east and south <= lat <= north


def check_references(
    records: list[dict[str, Any]],
    settlements: Mapping[str, tuple[float, float] | None],
    file: str,
    *,
    check_distance: bool,
) -> list[Problem]:
    """Check that features point at settlements that exist, and lie near them.

    Parameters
    ----------
    records : list of dict
        Clean records from :func:`check_features` (claims or events).
    settlements : mapping
        Settlement id to its (lon, lat), or to None when its location is not
        checked (null geometry).
    file : str
        The file's name, for messages.
    check_distance : bool
        Also require each record's point within :data:`CLAIM_OFFSET_LIMIT_KM`
        of its settlement (claims must sit on their settlement's point). A
        record with a null geometry stands at its settlement's point: it is
        given that point here, or keeps none while the settlement has none, so
        locating a settlement is a one-line change to the settlements file.

    Returns
    -------
    list of Problem
        One per dangling reference or misplaced point.
    """
    problems = []
    for record in records:
        target = record.get("settlement_id")
        if target is None:
            continue
        where = (file, record["_index"], record.get("id"))
        if target not in settlements:
            problems.append(Problem(where[0], f"no settlement with id {target!r}", where[1], where[2], "settlement_id"))
            continue
        if check_distance:
            if record.get("lon") is None and settlements[target] is not None:
                record["lon"], record["lat"] = settlements[target]
            reason = _placement_problem((record.get("lon"), record.get("lat")), target, settlements[target])
            if reason:
                problems.append(Problem(where[0], reason, where[1], where[2], "geometry"))
    return problems


def _placement_problem(point: tuple[Any, Any], target: str, settlement: tuple[float, float] | None) -> str | None:
    """Why a claim's point does not sit on its settlement's, or None when it does."""
    if settlement is None:
        if point[0] is None:
            return None
        return f"settlement {target!r} has no checked location (null geometry); the claim's geometry must be null"
    km = haversine_km(point, settlement)
    if km > CLAIM_OFFSET_LIMIT_KM:
        return f"point is {km:.1f} km from settlement {target!r}; the limit is {CLAIM_OFFSET_LIMIT_KM:g} km"
    return None


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lon, lat) points.

    Parameters
    ----------
    a, b : tuple of float
        (longitude, latitude) in degrees.

    Returns
    -------
    float
        Distance on a sphere of radius 6371 km.
    """
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    """Quote a value for a message, cut to a readable length."""
    text = repr(value) if isinstance(value, str) else _kind(value)
    return text if len(text) <= 60 else text[:57] + "..."
