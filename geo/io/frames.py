"""Turning checked records into GeoDataFrames, with the columns the dashboard derives from them."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from geo.io.gc_pause import without_cyclic_gc
from geo.validate import SCHEMAS
from geo.vocab import CLAIMANTS

_DATE_COLUMNS = {"claims": ("claim_date", "published"), "events": ("event_date",)}


@without_cyclic_gc
def to_frame(records: list[dict[str, Any]], kind: str) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame (EPSG:4326) from clean records.

    Parameters
    ----------
    records : list of dict
        From :func:`check_file`.
    kind : str
        ``settlements``, ``claims`` or ``events``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature, ``feature_index`` holding its position in the file.
        Claims gain ``side``, ``claimant_label`` and ``claimant_rank`` derived
        from the claimant, and ``scope`` defaults to ``settlement``.
    """
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


def settlement_points(settlements: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Map each settlement id to its (lon, lat)."""
    return {
        sid: (lon, lat) for sid, lon, lat in zip(settlements["id"], settlements["lon"], settlements["lat"], strict=True)
    }
