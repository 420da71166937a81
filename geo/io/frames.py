"""Turning checked records into GeoDataFrames, with the columns the dashboard derives from them."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from geo.io.gc_pause import without_cyclic_gc
from geo.layer_kinds import layer_kind


@without_cyclic_gc
def to_frame(records: list[dict[str, Any]], kind: str) -> gpd.GeoDataFrame:
    """Build a GeoDataFrame (EPSG:4326) from clean records.

    Parameters
    ----------
    records : list of dict
        From :func:`geo.io.check_file`.
    kind : str
        A kind's name (:data:`geo.layer_kinds.LAYER_KINDS`).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per feature: the schema's fields, its date fields as datetimes,
        ``lon``, ``lat``, ``feature_index`` holding its position in the file,
        and the columns the kind derives (claims gain ``side``,
        ``claimant_label`` and ``claimant_rank``, and ``scope`` defaults to
        ``settlement``).
    """
    spec = layer_kind(kind)
    if spec.build_frame is not None:
        return spec.build_frame(records)
    columns = [field.name for field in spec.schema.fields]
    frame = pd.DataFrame.from_records(records, columns=[*columns, "lon", "lat", "_index"])
    frame = frame.rename(columns={"_index": "feature_index"})
    for column in spec.date_fields:
        frame[column] = pd.to_datetime(frame[column])
    if spec.derive is not None:
        spec.derive(frame)
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce").astype(float)
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce").astype(float)
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    geometry[frame["lon"].isna().to_numpy()] = None  # a null geometry: location not checked
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def settlement_points(settlements: gpd.GeoDataFrame) -> dict[str, tuple[float, float] | None]:
    """Map each settlement id to its (lon, lat), or to None when its location is not checked."""
    return {
        sid: None if pd.isna(lon) else (lon, lat)
        for sid, lon, lat in zip(settlements["id"], settlements["lon"], settlements["lat"], strict=True)
    }
