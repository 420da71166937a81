"""Cached access to the data folder: the I/O edge of the dashboard.

Loading is cached per file state (path, size, modification time), so editing a
file reloads it and nothing else ever re-reads the disk.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from geo.errors import DataError, Problem
from geo.io import FILE_NAMES, Dataset, load_dataset

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """Return the data folder: ``$CONTESTED_DATA`` if set, else the repository's ``data/``."""
    return Path(os.environ.get("CONTESTED_DATA", DEFAULT_DATA_DIR))


def _file_state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    state = []
    for name in FILE_NAMES.values():
        path = folder / name
        stat = path.stat() if path.exists() else None
        state.append((name, stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1))
    return tuple(state)


@st.cache_data(show_spinner="Loading and validating data…", max_entries=4)
def _load(folder: str, state: tuple[tuple[str, int, int], ...]) -> tuple[Dataset | None, list[Problem]]:
    del state  # part of the cache key only
    try:
        return load_dataset(folder), []
    except DataError as err:
        return None, err.problems


def dataset() -> tuple[Dataset | None, list[Problem]]:
    """Return the validated dataset, or None and the problems that stopped it.

    Returns
    -------
    tuple
        ``(dataset, [])`` when every file is valid, else ``(None, problems)``.
    """
    folder = data_dir()
    return _load(str(folder), _file_state(folder))


def show_problems(problems: list[Problem]) -> None:
    """Explain that the data failed validation, listing each problem as plain text."""
    st.error(f"The data in `{data_dir()}` failed validation ({len(problems)} problems). The app shows no data.")
    st.code("\n".join(str(p) for p in problems), language=None)
