"""Uploads: checking a user's file and merging it into a dataset for one session.

Nothing here writes a file. An upload either replaces one layer or extends it;
the user chooses whether features with problems are dropped (keeping the valid
ones) or make the whole file rejected, and sees exactly which were dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import Problem
from geo.io import Dataset, check_file, settlement_points, to_frame
from geo.layer_kinds import KINDS_BY_NAME

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_FEATURES = 50_000
MODES = ("extend", "replace")


@dataclass
class Upload:
    """One checked upload, ready to apply (or not).

    Attributes
    ----------
    file, kind, mode : str
        File name, layer (a kind's name in :data:`~geo.layer_kinds.LAYER_KINDS`) and
        ``extend`` or ``replace``.
    records : list of dict
        Clean records of the features that will be applied.
    problems : list of Problem
        Everything wrong with the file.
    dropped : list of int
        Positions of features left out because of a problem.
    rejected : bool
        True when nothing is applied: the file could not be read, had no valid
        feature, or the user asked to reject a file with any problem.
    notes : list of str
        E.g. a reprojection that was applied.
    digest : str
        SHA-256 of the file's bytes, to tell uploads apart.
    """

    file: str
    kind: str
    mode: str
    records: list[dict[str, Any]]
    problems: list[Problem]
    dropped: list[int]
    rejected: bool
    notes: list[str] = field(default_factory=list)
    digest: str = ""


def check_upload(
    raw: bytes,
    file: str,
    kind: str,
    dataset: Dataset,
    *,
    mode: str = "extend",
    keep_valid: bool = True,
    today: date | None = None,
) -> Upload:
    """Check an uploaded file against the rules and against the session's dataset.

    Parameters
    ----------
    raw : bytes
        The file's bytes (never modified, never written anywhere).
    file : str
        Its name, for messages.
    kind : str
        A kind's name (:data:`geo.layer_kinds.LAYER_KINDS`).
    dataset : Dataset
        The session's current data: kinds that name a settlement must point at its
        settlements, and ``extend`` must not reuse its ids.
    mode : str, default "extend"
        ``extend`` adds features to the layer; ``replace`` swaps the layer.
    keep_valid : bool, default True
        Keep the valid features and drop the bad ones; otherwise any problem
        rejects the whole file.
    today : date, optional
        Reference for "in the future".

    Returns
    -------
    Upload
        What would be applied, and why anything was left out.

    Raises
    ------
    ValueError
        For an unknown ``kind`` or ``mode`` (a programming error, not bad data).
    """
    spec = KINDS_BY_NAME.get(kind)
    if mode not in MODES or spec is None:
        raise ValueError(f"unknown kind {kind!r} or mode {mode!r}")
    points = settlement_points(dataset.settlements) if spec.references_settlements else None
    checked = check_file(
        raw, file, kind, settlements=points, today=today, max_bytes=MAX_UPLOAD_BYTES, max_features=MAX_UPLOAD_FEATURES
    )
    problems = list(checked.problems)
    records = checked.records
    if mode == "extend":
        loaded = dataset.frames[kind]
        taken = set() if loaded is None else set(loaded["id"])
        clashes = [r for r in records if r["id"] in taken]
        problems += [
            Problem(
                file,
                f"id {r['id']!r} is already in the loaded {spec.plural}; use another id or 'replace'",
                r["_index"],
                r["id"],
                "id",
            )
            for r in clashes
        ]
        records = [r for r in records if r["id"] not in taken]
    problems.sort(key=lambda p: -1 if p.index is None else p.index)
    dropped = sorted({p.index for p in problems if p.index is not None})
    rejected = not records or (bool(problems) and not keep_valid)
    digest = hashlib.sha256(raw).hexdigest()
    return Upload(file, kind, mode, [] if rejected else records, problems, dropped, rejected, checked.notes, digest)


def apply_uploads(base: Dataset, uploads: list[Upload]) -> Dataset:
    """Return the dataset with the accepted uploads applied in order.

    Parameters
    ----------
    base : Dataset
        The shipped, validated data; it is not changed.
    uploads : list of Upload
        Checked uploads, oldest first.

    Returns
    -------
    Dataset
        A new dataset.
    """
    layers = base.frames
    for upload in uploads:
        if upload.rejected or not upload.records:
            continue
        added = to_frame(upload.records, upload.kind)
        if upload.mode == "replace" or layers[upload.kind] is None:
            layers[upload.kind] = added
        else:
            combined = pd.concat([layers[upload.kind], added], ignore_index=True)
            layers[upload.kind] = gpd.GeoDataFrame(combined, geometry="geometry", crs="EPSG:4326")
    return Dataset(**layers)
