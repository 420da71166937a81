"""Loading a data folder: each layer's file read, checked and turned into a frame.

Files are only ever read. Any problem at all makes a file fail with one
:class:`~geo.errors.DataError` listing every problem in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd

from geo.errors import DataError, Problem
from geo.io.check import check_file
from geo.io.frames import settlement_points, to_frame

FILE_NAMES = {"settlements": "settlements.geojson", "claims": "claims.geojson", "events": "events.geojson"}


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
        ``settlements``, ``claims`` or ``events``.
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
