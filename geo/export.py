"""Exporting the per-settlement status table, with its sources, as CSV and GeoJSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd
from shapely.geometry import mapping

from geo.layer_kinds import layer_kind
from geo.vocab import SIDES

EXPORT_FIELDS = ("status", "claimant", "claimant_label", "speaker", "claim_date", "id", "statement", "source_outlet",
                 "source_url", "source_directness", "scope", "note", "age_days", "area", "stale")  # fmt: skip


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and pd.isna(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def export_rows(table: pd.DataFrame, as_of: date) -> list[dict[str, Any]]:
    """Flatten a :func:`geo.agreement.status_on` table into export records.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per settlement.
    as_of : date
        The day the table describes (written into every record).

    Returns
    -------
    list of dict
        ``as_of``, settlement fields, then ``<side>_<field>`` for each side and
        each of :data:`EXPORT_FIELDS` (``area`` and ``stale`` say why a claim is
        weaker), then the agreement class, whether it rests on a weaker claim,
        and its label.
    """
    records = []
    for row in table.to_dict("records"):
        record = {
            "as_of": as_of.isoformat(),
            "settlement_id": row["settlement_id"],
            "name": row["name"],
            "oblast": row["oblast"],
            "district": row["district"],
            "lon": _plain(row["lon"]),
            "lat": _plain(row["lat"]),
            "geo_precision": None if _plain(row["geo_precision"]) is None else int(row["geo_precision"]),
        }
        for side in SIDES:
            for field in EXPORT_FIELDS:
                record[f"{side}_{field}"] = _plain(row.get(f"{side}_{field}"))
        record["agreement"] = row["agreement"]
        record["agreement_weak"] = _plain(row.get("agreement_weak"))
        record["agreement_label"] = row["agreement_label"]
        records.append(record)
    return records


def to_csv(table: pd.DataFrame, as_of: date) -> bytes:
    """Return the table as UTF-8 CSV (with a header row), sources included.

    Spreadsheet programs run cells that start with ``= + - @`` as formulas,
    so such text cells are prefixed with an apostrophe.
    """
    return _csv_bytes(pd.DataFrame(export_rows(table, as_of)))


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    """Write a frame as UTF-8 CSV: missing values empty, dates as ``YYYY-MM-DD``, formula-like text defused."""
    frame = frame.copy()
    for column in frame.columns:  # non-text values pass through unchanged
        values = [_defuse_formula(_plain(value)) for value in frame[column]]
        frame[column] = pd.Series(values, index=frame.index, dtype=object)  # object: whole numbers stay whole
    return frame.to_csv(index=False).encode("utf-8")


def _defuse_formula(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_geojson(table: pd.DataFrame, as_of: date) -> bytes:
    """Return the table as a GeoJSON FeatureCollection of settlement points, sources included."""
    features = []
    for record in export_rows(table, as_of):
        lon, lat = record.pop("lon"), record.pop("lat")
        geometry = None if lon is None else {"type": "Point", "coordinates": [lon, lat]}  # null: location not checked
        features.append({"type": "Feature", "geometry": geometry, "properties": record})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def layer_to_geojson(frame: pd.DataFrame, kind: str) -> bytes:
    """Write a loaded layer back out as GeoJSON that passes validation again.

    Parameters
    ----------
    frame : pandas.DataFrame
        A layer from :func:`geo.io.load_layer` (or merged uploads).
    kind : str
        A kind's name (:data:`geo.layer_kinds.LAYER_KINDS`).

    Returns
    -------
    bytes
        UTF-8 GeoJSON; columns the loader derives (``side``, labels, ``lon``/``lat``)
        are left out, dates written as ``YYYY-MM-DD`` and missing values omitted.
    """
    spec = layer_kind(kind)
    fields = [field.name for field in spec.schema.fields]
    features = []
    for row in frame.to_dict("records"):
        properties = {}
        for name in fields:
            value = _plain(row.get(name))
            if isinstance(value, list) or value is not None:
                properties[name] = (
                    int(value) if name in {"geo_precision", "fatalities"} and value is not None else value
                )
        if not spec.points:
            geometry = mapping(row["geometry"])
        elif _plain(row["lon"]) is None:
            geometry = None  # a settlement (or its claim) whose location is not checked
        else:
            geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode("utf-8")


CLAIM_LIST_FIELDS = ("id", "settlement_id", "settlement_name", "claim_date", "published", "side", "claimant",
                     "claimant_label", "speaker", "status", "scope", "statement", "source_outlet", "source_title",
                     "source_url", "source_directness", "note")  # fmt: skip


def claims_to_csv(claims: pd.DataFrame, names: dict[str, str]) -> bytes:
    """Return a list of claims as UTF-8 CSV, one row per claim, with sources and formula cells defused.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims (any subset).
    names : dict
        Settlement id to its name, for the ``settlement_name`` column.

    Returns
    -------
    bytes
        CSV with the columns of :data:`CLAIM_LIST_FIELDS`; dates as ``YYYY-MM-DD``.
    """
    named = claims.assign(settlement_name=claims["settlement_id"].map(names))
    return _csv_bytes(named.reindex(columns=CLAIM_LIST_FIELDS))


def verified_to_csv(verified: pd.DataFrame) -> bytes:
    """Return claims checked against the tracker (:func:`geo.verify.verify_claims`) as UTF-8 CSV, sources included.

    Parameters
    ----------
    verified : pandas.DataFrame
        Any rows of :func:`geo.verify.verify_claims`.

    Returns
    -------
    bytes
        One row per claim, its columns as they are, dates as ``YYYY-MM-DD``, formula cells defused.
    """
    return _csv_bytes(verified)


def verified_to_geojson(verified: pd.DataFrame, settlements: pd.DataFrame) -> bytes:
    """Return claims checked against the tracker as GeoJSON points at their settlements, sources included.

    Parameters
    ----------
    verified : pandas.DataFrame
        Any rows of :func:`geo.verify.verify_claims`.
    settlements : pandas.DataFrame
        Loaded settlements, for the points (a settlement whose location is not checked gives a null geometry).

    Returns
    -------
    bytes
        A UTF-8 FeatureCollection, one feature per claim.
    """
    points = {sid: (lon, lat) for sid, lon, lat in settlements[["id", "lon", "lat"]].itertuples(index=False)}
    features = []
    for record in verified.to_dict("records"):
        properties = {name: _plain(value) for name, value in record.items()}
        if properties.get("lead_days") is not None:
            properties["lead_days"] = int(properties["lead_days"])
        lon, lat = points.get(record["settlement_id"], (None, None))
        geometry = None if _plain(lon) is None else {"type": "Point", "coordinates": [lon, lat]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
