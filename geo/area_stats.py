"""Questions asked of an areas frame: what was shown on a day, how large, and what held a point.

The frame is the one :func:`geo.io.load_layer` returns for the ``areas``
kind. A day ``d`` is shown by an area when ``valid_from <= d`` and either
``valid_to`` is empty or ``d < valid_to``. Areas are measured in
:data:`geo.equal_area.EQUAL_AREA_CRS`, a local Lambert azimuthal equal-area
projection; areas of one claimant and status are merged before measuring, so
an overlap is never counted twice.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import shapely
from shapely.ops import unary_union

from geo.equal_area import to_metric


def areas_on(frame: gpd.GeoDataFrame, day: date) -> gpd.GeoDataFrame:
    """Return the areas shown on a day.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        An areas frame.
    day : date
        The day asked about.

    Returns
    -------
    geopandas.GeoDataFrame
        The rows valid on ``day``, in their original order.
    """
    when = pd.Timestamp(day)
    shown = (frame["valid_from"] <= when) & (frame["valid_to"].isna() | (when < frame["valid_to"]))
    return frame[shown]


def area_km2_by_status(frame: gpd.GeoDataFrame, day: date | None = None) -> pd.DataFrame:
    """Measure the area each claimant gave each status.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        An areas frame.
    day : date, optional
        Only areas shown on this day; all rows of ``frame`` when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns ``claimant``, ``status``, ``km2`` (float), one row per pair
        present, sorted by claimant and status.
    """
    rows = frame if day is None else areas_on(frame, day)
    out = []
    for (claimant, status), group in rows.groupby(["claimant", "status"], sort=True):
        merged = unary_union([to_metric(shape) for shape in group.geometry])
        out.append({"claimant": claimant, "status": status, "km2": float(merged.area) / 1e6})
    return pd.DataFrame(out, columns=["claimant", "status", "km2"])


def area_series(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """Area by claimant and status on every day where something changes, for a chart.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        An areas frame.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime), ``claimant``, ``status``, ``km2``: for each
        day on which an area starts or stops being shown, the area of every
        (claimant, status) pair in the frame on that day, 0.0 when none is
        shown. Each value holds until the next date.
    """
    columns = ["date", "claimant", "status", "km2"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    days = sorted(set(frame["valid_from"]) | set(frame["valid_to"].dropna()))
    pairs = sorted(set(zip(frame["claimant"], frame["status"], strict=True)))
    rows = []
    for day in days:
        measured = area_km2_by_status(frame, day.date())
        found = {(c, s): k for c, s, k in zip(measured["claimant"], measured["status"], measured["km2"], strict=True)}
        rows.extend({"date": day, "claimant": c, "status": s, "km2": found.get((c, s), 0.0)} for c, s in pairs)
    return pd.DataFrame(rows, columns=columns)


def status_at_point(frame: gpd.GeoDataFrame, lon: float, lat: float, day: date) -> dict[str, tuple[str, ...]]:
    """Say what each claimant's areas showed at a point on a day.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        An areas frame.
    lon, lat : float
        The point, WGS84 degrees.
    day : date
        The day asked about.

    Returns
    -------
    dict
        Claimant code to the statuses of the areas that cover the point
        (edges included), sorted; usually one. A claimant with no area there
        is absent: its map shows nothing at the point, which is not a claim of
        any status.
    """
    shown = areas_on(frame, day)
    point = shapely.Point(lon, lat)
    hits = shown[shown.geometry.intersects(point)]
    found: dict[str, set[str]] = {}
    for claimant, status in zip(hits["claimant"], hits["status"], strict=True):
        found.setdefault(claimant, set()).add(status)
    return {claimant: tuple(sorted(statuses)) for claimant, statuses in sorted(found.items())}
