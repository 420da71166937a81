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
from geo.layer_kinds import LAYER_KINDS, layer_kind


def read_file(path: str | Path) -> bytes:
    """Read a data file's bytes, or raise a :class:`DataError` naming the file and why it cannot be read.

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    bytes
        Its content.
    """
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as err:
        raise DataError([Problem(path.name, f"cannot be read: {err.strerror or err}")]) from None


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
        A kind's name (:data:`geo.layer_kinds.LAYER_KINDS`).
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
    raw = read_file(path)
    checked = check_file(raw, path.name, kind, settlements=settlements, today=today)
    if checked.problems:
        raise DataError(checked.problems)
    return to_frame(checked.records, kind)


@dataclass(frozen=True)
class Dataset:
    """The validated layers of one data folder: one frame per kind of :data:`~geo.layer_kinds.LAYER_KINDS`.

    A kind that is not required and whose file is absent has None.
    """

    settlements: gpd.GeoDataFrame
    claims: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    areas: gpd.GeoDataFrame | None = None

    @property
    def frames(self) -> dict[str, gpd.GeoDataFrame | None]:
        """Each kind's name and frame, in the order of :data:`~geo.layer_kinds.LAYER_KINDS`."""
        return {kind.name: getattr(self, kind.name) for kind in LAYER_KINDS}


def load_dataset(folder: str | Path, *, today: date | None = None) -> Dataset:
    """Load and validate every kind of :data:`~geo.layer_kinds.LAYER_KINDS` from a folder.

    Parameters
    ----------
    folder : str or Path
        Holds each kind's file (``settlements.geojson``, ``claims.geojson``,
        ``events.geojson``); a kind that is not required may be absent.
    today : date, optional
        Reference for "in the future".

    Returns
    -------
    Dataset
        A frame per kind.

    Raises
    ------
    DataError
        Listing the problems of every file that failed (the other kinds are
        still checked when settlements load).
    """
    folder = Path(folder)
    settlements = load_layer(folder / layer_kind("settlements").file, "settlements", today=today)
    points = settlement_points(settlements)
    problems: list[Problem] = []
    frames: dict[str, gpd.GeoDataFrame | None] = {"settlements": settlements}
    for kind in LAYER_KINDS:
        if kind.name in frames:
            continue
        path = folder / kind.file
        if not kind.required and not path.exists():
            frames[kind.name] = None
            continue
        references = points if kind.references_settlements else None
        try:
            frames[kind.name] = load_layer(path, kind.name, settlements=references, today=today)
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return Dataset(**frames)
