"""Counting events per grid cell, for windows with more events than a map can draw one by one.

Each cell is a square of ``cell_degrees`` on a grid anchored at the region's
south-west corner. A cell is shown at the mean position of its events (so a
cell of one village sits on the village), rounded to 4 decimals (about 10 m),
and carries its total and its count per event type. Counts are exact: the
totals of all cells add up to the number of events counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.validate import REGION_BOUNDS

COORD_DECIMALS = 4


@dataclass(frozen=True)
class EventCells:
    """Event counts per cell.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per cell with at least one event: ``lat``, ``lon``, ``total``,
        then one count column per event type, in the order given.
    cell_degrees : float
        The side of a cell actually used, in degrees.
    """

    table: pd.DataFrame
    cell_degrees: float

    @property
    def total(self) -> int:
        """Number of events counted (the sum over cells)."""
        return int(self.table["total"].sum())


def count_cells(
    lon: np.ndarray,
    lat: np.ndarray,
    type_codes: np.ndarray,
    type_names: tuple[str, ...],
    *,
    cell_degrees: float,
    max_cells: int,
) -> EventCells:
    """Count events per grid cell, coarsening the grid until there are at most ``max_cells`` cells.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        Event positions in degrees.
    type_codes : numpy.ndarray
        Each event's type as a position in ``type_names``.
    type_names : tuple of str
        Event types; they name the count columns.
    cell_degrees : float
        The side of a cell to start with.
    max_cells : int
        At most this many cells come back: the cell side doubles until the
        events fit, so the map's payload stays bounded however the events spread.

    Returns
    -------
    EventCells
        Cells in a stable order (by grid position).

    Raises
    ------
    ValueError
        If the arrays differ in length, a type code is out of range, or the
        sizes are not positive.
    """
    if not (len(lon) == len(lat) == len(type_codes)):
        raise ValueError("lon, lat and type_codes must have the same length")
    if cell_degrees <= 0 or max_cells < 1:
        raise ValueError("cell_degrees and max_cells must be positive")
    codes = np.asarray(type_codes, dtype=np.int64)
    if codes.size and (codes.min() < 0 or codes.max() >= len(type_names)):
        raise ValueError("a type code is outside type_names")
    west, south, east, north = REGION_BOUNDS
    span = max(east - west, north - south)
    while True:
        columns = np.floor((np.asarray(lon) - west) / cell_degrees).astype(np.int64)
        rows = np.floor((np.asarray(lat) - south) / cell_degrees).astype(np.int64)
        keys = columns * 1_000_003 + rows
        cells, position = np.unique(keys, return_inverse=True)
        if len(cells) <= max_cells or cell_degrees >= span:
            break
        cell_degrees *= 2
    count = len(cells)
    total = np.bincount(position, minlength=count)
    table = {
        "lat": np.round(np.bincount(position, weights=lat, minlength=count) / np.maximum(total, 1), COORD_DECIMALS),
        "lon": np.round(np.bincount(position, weights=lon, minlength=count) / np.maximum(total, 1), COORD_DECIMALS),
        "total": total,
    }
    by_type = np.bincount(position * len(type_names) + codes, minlength=count * len(type_names))
    by_type = by_type.reshape(count, len(type_names))
    for number, name in enumerate(type_names):
        table[name] = by_type[:, number]
    return EventCells(pd.DataFrame(table), cell_degrees)
