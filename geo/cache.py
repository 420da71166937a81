"""A disk cache of validated datasets, so that a restart does not validate the same files again.

Validating 100,000 events takes seconds; reading them back from GeoParquet
takes a fraction of that. An entry is keyed by a hash of the source files'
bytes and of the code that validates them, so editing a data file or a rule
makes a new entry and an old one is never served for changed input.

The cache lives in a folder of its own, never in the data folder (data files
are only ever read). Only datasets that passed validation are written; a file
with problems is validated again on every load, so its problems are always
reported in full. Entries are written to a temporary folder and renamed into
place, so a reader never sees half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np

from geo.io import Dataset, load_dataset
from geo.layer_kinds import LAYER_KINDS

FORMAT_VERSION = "1"
"""Bump when the layout of an entry changes."""

KEEP_ENTRIES = 4
"""Entries kept on disk; older ones are removed when a new one is written."""

RULE_MODULES = ("io/**/*.py", "layer_kinds.py", "validate.py", "vocab.py", "cache.py")
"""Glob patterns, within the geo package, of the code that decides what a loaded dataset holds."""

_CHUNK = 1 << 20
_PACKAGE = Path(__file__).resolve().parent


def rule_sources(package: Path = _PACKAGE) -> list[Path]:
    """List the source files the cache key covers: every module matching :data:`RULE_MODULES`.

    Parameters
    ----------
    package : Path, optional
        The ``geo`` package folder (tests point it at a copy).

    Returns
    -------
    list of Path
        Sorted by their path within the package, so the key does not depend on the file system's order.
    """
    found = {path for pattern in RULE_MODULES for path in package.glob(pattern) if path.is_file()}
    return sorted(found, key=lambda path: path.relative_to(package).as_posix())


def code_digest(package: Path = _PACKAGE) -> bytes:
    """Hash the names and contents of :func:`rule_sources`.

    Parameters
    ----------
    package : Path, optional
        The ``geo`` package folder.

    Returns
    -------
    bytes
        A digest that changes when any of those modules is added, removed, renamed or edited.
    """
    digest = hashlib.blake2b(digest_size=20)
    for path in rule_sources(package):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


def dataset_key(folder: str | Path, *, today: date | None = None) -> str:
    """Hash the dataset files and the validation code into a cache key.

    Parameters
    ----------
    folder : str or Path
        Holds the files named in :data:`geo.layer_kinds.LAYER_KINDS`.
    today : date, optional
        The reference day for "not in the future", when the caller fixes one.
        Without it the key does not depend on the day: a dataset that passed
        once still passes later, as days only move forward.

    Returns
    -------
    str
        A hex digest.

    Raises
    ------
    OSError
        If a file cannot be read.
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"contested-cache {FORMAT_VERSION} today={today}".encode())
    digest.update(code_digest())
    for kind in LAYER_KINDS:
        path = Path(folder) / kind.file
        digest.update(kind.file.encode())
        if not kind.required and not path.exists():
            digest.update(b"\0absent")
            continue
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def _write_entry(entry: Path, dataset: Dataset) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=entry.parent))
    try:
        dtypes = {}
        for kind, frame in dataset.frames.items():
            if frame is None:  # an optional kind without a file: absent from dtypes.json too
                continue
            frame.to_parquet(staging / f"{kind}.parquet", index=False)
            dtypes[kind] = {column: str(dtype) for column, dtype in frame.dtypes.items() if column != "geometry"}
        (staging / "dtypes.json").write_text(json.dumps(dtypes), encoding="utf-8")
        try:
            staging.rename(entry)
        except OSError:  # another process wrote the same entry first; theirs is as good
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _read_entry(entry: Path) -> Dataset:
    dtypes = json.loads((entry / "dtypes.json").read_text(encoding="utf-8"))
    frames: dict[str, gpd.GeoDataFrame | None] = {}
    for kind in LAYER_KINDS:
        if kind.name not in dtypes:
            frames[kind.name] = None
            continue
        frame = gpd.read_parquet(entry / f"{kind.name}.parquet")
        # Parquet stores dates at millisecond precision and lists as arrays: restore what geo.io built.
        for column, dtype in dtypes[kind.name].items():
            if dtype == "object":
                frame[column] = frame[column].map(lambda v: v.tolist() if isinstance(v, np.ndarray) else v)
            elif str(frame[column].dtype) != dtype:
                frame[column] = frame[column].astype(dtype)
        frames[kind.name] = frame
    return Dataset(**frames)


def _prune(root: Path, keep: str) -> None:
    entries = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for stale in entries[KEEP_ENTRIES:]:
        if stale.name != keep:
            shutil.rmtree(stale, ignore_errors=True)


def load_dataset_cached(folder: str | Path, cache_dir: str | Path, *, today: date | None = None) -> Dataset:
    """Load a data folder through the disk cache.

    Parameters
    ----------
    folder : str or Path
        The data folder (see :func:`geo.io.load_dataset`).
    cache_dir : str or Path
        Where entries are kept; created if missing.
    today : date, optional
        Reference for "in the future"; see :func:`dataset_key`.

    Returns
    -------
    Dataset
        Equal to what :func:`geo.io.load_dataset` returns for the same files.

    Raises
    ------
    DataError
        If the files fail validation (nothing is cached then).
    """
    root = Path(cache_dir)
    try:
        key = dataset_key(folder, today=today)
    except OSError:
        return load_dataset(folder, today=today)  # let the loader report the unreadable file
    entry = root / key
    if (entry / "dtypes.json").is_file():
        os.utime(entry)  # mark as recently used, for pruning
        return _read_entry(entry)
    dataset = load_dataset(folder, today=today)
    try:
        _write_entry(entry, dataset)
        _prune(root, keep=key)
    except OSError:
        pass  # a read-only or full disk only costs speed, never the data
    return dataset
