"""What DeepStateMap showed at each settlement's point, as claims by the claimant ``deepstate``.

For each settlement point, the status the unsimplified Russian-ground areas
of each day's snapshot show there: ``ua_control``, ``contested``, or, where
nothing is marked, the tracker-only ``not_marked``. One claim is made on the
first day and one on every day the status changes, worded like the
``deepstate`` claims of ``data/claims.geojson``. ``not_marked`` after a marked
period says only that DeepStateMap no longer showed Ukrainian control or grey
there, never that Russia holds the settlement.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.deepstate import SOURCE_OUTLET, Snapshot
from geo.equal_area import to_metric
from geo.errors import DataError, Problem
from geo.io import parse_feature_collection, read_file
from geo.validate import _BadValueError, _slug, _text

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_SHOWN = {"ua_control": "as Ukrainian-held", "contested": "in the grey (unknown status) zone"}


def settlement_points(path: str | Path) -> list[tuple[str, str, float, float]]:
    """Read settlement points for :func:`settlement_claims`.

    Parameters
    ----------
    path : str or Path
        A settlements GeoJSON; only ``id``, ``name`` and Point geometry are read.

    Returns
    -------
    list of (id, name, lon, lat)
        Settlements with a null geometry are left out.

    Raises
    ------
    DataError
        If the file cannot be read, or an id, name or point is malformed.
    """
    path = Path(path)
    parsed = parse_feature_collection(read_file(path), path.name)
    points, problems = [], []
    for index, feature in enumerate(parsed.features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            problems.append(Problem(path.name, "has no properties object", index, None, "properties"))
            continue
        if geometry is None:
            continue
        found = {}
        for name, check in (("id", _slug), ("name", _text(200))):
            try:
                found[name] = check(props.get(name), date.max)
            except _BadValueError as bad:
                problems.append(Problem(path.name, str(bad), index, None, name))
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not (
            isinstance(geometry, dict)
            and geometry.get("type") == "Point"
            and isinstance(coords, list)
            and len(coords) in (2, 3)
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords)
        ):
            problems.append(
                Problem(path.name, "must be a Point [longitude, latitude] or null", index, None, "geometry")
            )
            continue
        if len(found) == 2:
            points.append((found["id"], found["name"], float(coords[0]), float(coords[1])))
    if problems:
        raise DataError(problems)
    return points


def settlement_claims(days: list[Snapshot], points: list[tuple[str, str, float, float]]) -> list[dict[str, Any]]:
    """Record what DeepStateMap showed at each settlement's point: the first day and every change.

    Parameters
    ----------
    days : list of Snapshot
        One per day, oldest first.
    points : list of (id, name, lon, lat)
        From :func:`settlement_points`.

    Returns
    -------
    list of dict
        Claims (``data/README.md``): claimant ``deepstate``, status
        ``ua_control``, ``contested`` or ``not_marked``, sorted by settlement and date.
    """
    claims = []
    for settlement_id, name, lon, lat in sorted(points):
        where = to_metric(shapely.Point(lon, lat))
        before: str | None = None
        for snapshot in days:
            status = next((s for s in ("contested", "ua_control") if _covers(snapshot.areas.get(s), where)), None)
            status = status or "not_marked"
            if status != before:
                claims.append(_claim(settlement_id, name, lon, lat, snapshot, status, before))
            before = status
    return claims


def _covers(area: BaseGeometry | None, point: BaseGeometry) -> bool:
    return area is not None and area.covers(point)


def _claim(
    settlement_id: str, name: str, lon: float, lat: float, snapshot: Snapshot, status: str, before: str | None
) -> dict[str, Any]:
    day = snapshot.time.date()
    shown_on = f"DeepStateMap's map of {day.day} {_MONTHS[day.month - 1]} {day.year}"
    note = (
        "Computed at the settlement's point by Contested's DeepStateMap importer; "
        f"the snapshot time is {snapshot.label}."
    )
    if status != "not_marked":
        statement = f"{shown_on} shows {name} {_SHOWN[status]}."
    elif before is None:
        statement = f"{shown_on} shows {name} with no Ukrainian control or grey zone marked."
    else:
        statement = (
            f"{shown_on} no longer shows {name} {_SHOWN[before]}; no Ukrainian control or grey zone is marked there."
        )
        note += (
            " An unmarked point means only that DeepStateMap no longer showed it as Ukrainian-held or grey; "
            "it is not a statement that Russia holds it."
        )
    props = {
        "id": f"{settlement_id}-{day.isoformat()}-deepstate",
        "settlement_id": settlement_id,
        "claim_date": day.isoformat(),
        "claimant": "deepstate",
        "status": status,
        "statement": statement,
        "source_outlet": SOURCE_OUTLET,
        "note": note,
    }
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}}
