"""Cached access to the data folder: the I/O edge of the dashboard.

Loading is cached per file state (path, size, modification time), so editing a
file reloads it and nothing else ever re-reads the disk.

The validated dataset, its event index and its ranked claims are held once per server process
(``st.cache_resource``) and shared by every session: ``st.cache_data`` would
unpickle a fresh copy of 100,000 events on every rerun of every session.
Callers must treat them as read-only. Behind that, validated data is kept on
disk as GeoParquet (:mod:`geo.cache`), keyed by the files' hash, so a restart
does not validate the same files again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.area_stats import area_series
from geo.cache import load_dataset_cached
from geo.claims import RankedClaims
from geo.errors import DataError, Problem
from geo.event_index import EventIndex
from geo.io import Dataset, load_dataset
from geo.layer_kinds import LAYER_KINDS
from geo.verify import verify_claims

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "datasets"


def data_dir() -> Path:
    """Return the data folder: ``$CONTESTED_DATA`` if set, else the repository's ``data/``."""
    return Path(os.environ.get("CONTESTED_DATA", DEFAULT_DATA_DIR))


def _file_state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    state = []
    for kind in LAYER_KINDS:
        path = folder / kind.file
        stat = path.stat() if path.exists() else None
        state.append((kind.file, stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1))
    return tuple(state)


def cache_dir() -> Path | None:
    """Return the disk cache folder: ``$CONTESTED_CACHE`` if set (``off`` for none), else ``.cache/datasets``."""
    setting = os.environ.get("CONTESTED_CACHE", "").strip()
    if setting.lower() in {"off", "0", "false", "no"}:
        return None
    return Path(setting) if setting else DEFAULT_CACHE_DIR


@st.cache_resource(show_spinner="Loading and validating data…", max_entries=2)
def _load(folder: str, state: tuple[tuple[str, int, int], ...]) -> tuple[Dataset | None, list[Problem]]:
    del state  # part of the cache key only
    disk = cache_dir()
    try:
        return (load_dataset(folder) if disk is None else load_dataset_cached(folder, disk)), []
    except DataError as err:
        return None, err.problems


@st.cache_resource(max_entries=2)
def _indexes(folder: str, state: tuple[tuple[str, int, int], ...]) -> tuple[EventIndex, RankedClaims] | None:
    """Index the events by date and rank the claims, once per loaded dataset."""
    data, _ = _load(folder, state)
    return None if data is None else (EventIndex.from_events(data.events), RankedClaims.from_claims(data.claims))


def _key() -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """Return the cache key of the data folder as it is on disk now."""
    folder = data_dir()
    return str(folder), _file_state(folder)


@st.cache_resource(max_entries=2)
def _area_series(folder: str, state: tuple[tuple[str, int, int], ...]) -> pd.DataFrame | None:
    """Measure the loaded control areas on every date they change, once per loaded dataset."""
    data, _ = _load(folder, state)
    return None if data is None or data.areas is None or data.areas.empty else area_series(data.areas)


@st.cache_resource(max_entries=2)
def _verified(folder: str, state: tuple[tuple[str, int, int], ...]) -> pd.DataFrame | None:
    """Check every Russian and Ukrainian claim against the tracker, once per loaded dataset."""
    data, _ = _load(folder, state)
    return None if data is None else verified_by_id(data)


def verified_by_id(data: Dataset) -> pd.DataFrame:
    """Check a dataset's claims against the tracker, indexed by ``claim_id`` (kept as a column too) for lookups."""
    table = verify_claims(data.settlements, data.claims, data.areas)
    return table.set_index("claim_id", drop=False).rename_axis(index=None)  # unnamed: "claim_id" stays unambiguous


def verified_table() -> pd.DataFrame | None:
    """Return the shipped claims against the tracker (:func:`verified_by_id`, shared), or None."""
    return _verified(*_key())


def area_series_table() -> pd.DataFrame | None:
    """Return km² by claimant and status on every change date of the shipped areas (shared), or None."""
    return _area_series(*_key())


def dataset() -> tuple[Dataset | None, list[Problem]]:
    """Return the validated dataset, or None and the problems that stopped it.

    Returns
    -------
    tuple
        ``(dataset, [])`` when every file is valid, else ``(None, problems)``.
    """
    return _load(*_key())


def events_index() -> EventIndex | None:
    """Return the events of the validated dataset indexed by date (shared, read-only), or None if it is invalid."""
    indexes = _indexes(*_key())
    return None if indexes is None else indexes[0]


def ranked_claims() -> RankedClaims | None:
    """Return the claims of the validated dataset in resolution order (shared, read-only), or None if invalid."""
    indexes = _indexes(*_key())
    return None if indexes is None else indexes[1]


def show_problems(problems: list[Problem]) -> None:
    """Explain that the data failed validation, listing each problem as plain text."""
    st.error(f"The data in `{data_dir()}` failed validation ({len(problems)} problems). The app shows no data.")
    st.code("\n".join(str(p) for p in problems), language=None)
