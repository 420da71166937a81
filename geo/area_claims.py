"""What a tracker's dated areas showed at each settlement's point, as claims.

The DeepStateMap importer (:mod:`geo.deepstate_import`) derives settlement
claims from raw daily exports. This module derives the same claims from a file
of dated areas instead: either an areas file in the project's own format
(``data/README.md``, ``valid_from``/``valid_to`` as days) or a period file of
the same shape whose ``valid_from``/``valid_to`` are snapshot times
(``2024-08-08T20:52:16Z``), as archives of DeepStateMap's history publish them.

The rule, per settlement point:

- the status on a day is the status of the area that covers the point on that
  day (``contested`` wins over ``ua_control`` where both do, as in the
  importer); a point no area covers is ``not_marked``;
- an area is shown from the day of its ``valid_from`` up to, not including,
  the day of its ``valid_to``. When several snapshots fall on one day, the
  day's last one holds: a period that begins and ends on the same day is never
  shown;
- one claim is recorded on the first day the file covers and one on every day
  the status at the point changes.

The areas are read only to sample them at points: no polygon is copied into the
claims, and only ``status``, the two dates and ``snapshot_id`` are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo.areas import polygon_from_geojson, polygonal_part
from geo.deepstate import SOURCE_OUTLET, Snapshot
from geo.deepstate_claims import settlement_claims
from geo.equal_area import to_metric
from geo.errors import DataError, Problem
from geo.io import parse_feature_collection, read_file
from geo.validate import _kind, _Notes, _short

TRACKED_STATUSES = ("ua_control", "contested")
"""The statuses a period file may give; anything else is refused."""

_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)?)?$")


@dataclass(frozen=True)
class Period:
    """One area shown over a run of days.

    Attributes
    ----------
    status : str
        ``ua_control`` or ``contested``.
    start : date
        The first day shown.
    end : date or None
        The first day no longer shown; None while still shown at the end of the file.
    area : shapely geometry
        The area in :data:`geo.equal_area.EQUAL_AREA_CRS` metres.
    snapshot : int or None
        The snapshot id (Unix seconds) the period began with, when the file gives it.
    """

    status: str
    start: date
    end: date | None
    area: BaseGeometry
    snapshot: int | None


def read_periods(path: str | Path) -> list[Period]:
    """Read a file of dated areas into periods.

    Parameters
    ----------
    path : str or Path
        A GeoJSON FeatureCollection of Polygon/MultiPolygon features with
        ``status``, ``valid_from`` and (optionally) ``valid_to``, as days or UTC
        snapshot times; ``snapshot_id`` or ``snapshot`` (Unix seconds) optional.

    Returns
    -------
    list of Period
        In file order. Periods that begin and end on the same day are dropped.

    Raises
    ------
    DataError
        Listing every feature, field and reason when anything is malformed.
    """
    path = Path(path)
    parsed = parse_feature_collection(read_file(path), path.name)
    periods: list[Period] = []
    problems: list[Problem] = []
    for index, feature in enumerate(parsed.features):
        note = _Notes()
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            problems.append(Problem(path.name, f"properties: expected an object, got {_kind(props)}", index))
            continue
        status = props.get("status")
        if status not in TRACKED_STATUSES:
            note("status", f"{_short(status)} is not one of {', '.join(TRACKED_STATUSES)}")
        start = _day(props.get("valid_from"), "valid_from", note, required=True)
        end = _day(props.get("valid_to"), "valid_to", note, required=False)
        if start is not None and end is not None and end < start:
            note("valid_to", f"{end.isoformat()} is before valid_from {start.isoformat()}")
        snapshot = props.get("snapshot_id", props.get("snapshot"))
        if snapshot is not None and (isinstance(snapshot, bool) or not isinstance(snapshot, int)):
            snapshot = None  # a time or label: kept out of the claims' notes rather than trusted
        shape = polygon_from_geojson(feature.get("geometry"), note, repair=True)
        if note:
            feature_id = props.get("id") if isinstance(props.get("id"), str) else None
            problems.extend(Problem(path.name, reason, index, feature_id, name) for name, reason in note)
            continue
        if end is not None and end == start:
            continue
        periods.append(Period(status, start, end, to_metric(polygonal_part(shape)), snapshot))
    if problems:
        raise DataError(problems)
    return periods


def _day(value: Any, name: str, note: _Notes, *, required: bool) -> date | None:
    """Read a day or a UTC time as its UTC day, or note why not."""
    if value is None or value == "":
        if required:
            note(name, "is missing")
        return None
    match = _WHEN.match(value) if isinstance(value, str) else None
    if match is None:
        note(name, f"{_short(value)} is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)")
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        note(name, f"{_short(value)} is not a real calendar day")
        return None


def daily_views(periods: list[Period]) -> list[Snapshot]:
    """Turn periods into one view per day on which anything starts or ends.

    Parameters
    ----------
    periods : list of Period
        From :func:`read_periods`.

    Returns
    -------
    list of Snapshot
        Oldest first; each holds the union of the areas shown that day, per
        status, so that :func:`geo.deepstate_claims.settlement_claims` can sample it.
    """
    days = sorted({p.start for p in periods} | {p.end for p in periods if p.end is not None})
    views = []
    for day in days:
        shown = [p for p in periods if p.start <= day and (p.end is None or day < p.end)]
        areas = {}
        for status in TRACKED_STATUSES:
            parts = [p.area for p in shown if p.status == status]
            if parts:
                areas[status] = unary_union(parts)
        begun = [p.snapshot for p in shown if p.start == day and p.snapshot is not None]
        snapshot = max(begun) if begun else 0
        when = datetime.fromtimestamp(snapshot, UTC) if snapshot else datetime(day.year, day.month, day.day, tzinfo=UTC)
        views.append(Snapshot(snapshot, when, "", areas))
    for view in views:
        for area in view.areas.values():
            shapely.prepare(area)
    return views


def claims_from_areas(
    path: str | Path, points: list[tuple[str, str, float, float]], *, source: str = SOURCE_OUTLET
) -> list[dict[str, Any]]:
    """Derive claims at settlement points from a file of dated areas.

    Parameters
    ----------
    path : str or Path
        The areas or period file (see the module docstring).
    points : list of (id, name, lon, lat)
        From :func:`geo.deepstate_claims.settlement_points`.
    source : str
        The tracker named as ``source_outlet``; only DeepStateMap is worded for now.

    Returns
    -------
    list of dict
        Claim features by ``deepstate``, sorted by settlement and date, each
        with ``source_directness`` ``primary`` and a note naming the file.
    """
    views = daily_views(read_periods(path))
    by_day = {view.time.date(): view for view in views}
    claims = settlement_claims(views, points)
    name = Path(path).name
    for claim in claims:
        props = claim["properties"]
        view = by_day[date.fromisoformat(props["claim_date"])]
        began = f"the period began with snapshot {view.label}" if view.id else "the file gives no snapshot id"
        unmarked = props["note"].partition(" An unmarked point")[2]
        props["source_outlet"] = source
        props["source_directness"] = "primary"
        props["note"] = (
            f"Computed at the settlement's point by Contested (python -m geo area-claims) from the dated areas "
            f"in {name}; {began}." + (f" An unmarked point{unmarked}" if unmarked else "")
        )
    return claims
