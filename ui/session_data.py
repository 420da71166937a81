"""The data one browser session sees: the shipped dataset plus that session's own uploads.

Uploads live in ``st.session_state`` as checked records (plain values) and
are never written to disk; the shipped dataset comes from the shared cache in
:mod:`ui.data`, so sessions share it and only their uploads are per session.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.area_stats import area_series
from geo.claims import RankedClaims
from geo.errors import Problem
from geo.event_index import EventIndex
from geo.io import Dataset
from geo.merge import Upload, apply_uploads
from ui.data import area_series_table, dataset, events_index, ranked_claims, verified_by_id, verified_table

UPLOADS = "uploads"


def uploads() -> list[Upload]:
    """Return this session's applied uploads, oldest first."""
    return st.session_state.setdefault(UPLOADS, [])


def session_dataset() -> tuple[Dataset | None, list[Problem]]:
    """Return the shipped dataset with this session's uploads applied.

    Returns
    -------
    tuple
        ``(dataset, [])``, or ``(None, problems)`` when the shipped files are invalid.
    """
    base, problems = dataset()
    if base is None:
        return None, problems
    applied = uploads()
    return (apply_uploads(base, applied) if applied else base), []


_INDEXES = {"events": EventIndex.from_events, "claims": RankedClaims.from_claims, "areas": area_series}
"""What is derived once from a merged layer: the event date index, the claim ranking, the area series."""


@st.cache_resource(max_entries=16)
def _merged_index(key: tuple[str, ...], _frame: object) -> EventIndex | RankedClaims | pd.DataFrame:
    """Index a session's merged layer once per distinct set of uploads (keyed by their digests)."""
    return _INDEXES[key[0]](_frame)  # the rest of the key: the uploads' digests; the frame itself is not hashed


def _upload_key(kind: str) -> tuple[str, ...] | None:
    """Return the cache key of this session's uploads of one kind, or None when it has none."""
    applied = [u for u in uploads() if u.kind == kind and not u.rejected]
    return (kind, *(f"{u.digest}:{u.mode}" for u in applied)) if applied else None


def session_events_index(data: Dataset) -> EventIndex | None:
    """Return the date index of the events this session sees.

    Parameters
    ----------
    data : Dataset
        From :func:`session_dataset`.

    Returns
    -------
    EventIndex or None
        The shared index when the session has uploaded no events, else one
        built for its merged events.
    """
    key = _upload_key("events")
    return events_index() if key is None else _merged_index(key, data.events)


def session_ranked_claims(data: Dataset) -> RankedClaims | None:
    """Return the claims this session sees, ranked once for resolving any day.

    Parameters
    ----------
    data : Dataset
        From :func:`session_dataset`; its claims are ranked only if this
        session uploaded claims. Otherwise every session shares one ranking.

    Returns
    -------
    RankedClaims or None
        None when the shipped files failed validation.
    """
    key = _upload_key("claims")
    return ranked_claims() if key is None else _merged_index(key, data.claims)


def session_area_series(data: Dataset) -> pd.DataFrame | None:
    """Return km² by claimant and status on every change date of the control areas this session sees.

    Parameters
    ----------
    data : Dataset
        From :func:`session_dataset`.

    Returns
    -------
    pandas.DataFrame or None
        See :func:`geo.area_stats.area_series`; None when no areas are loaded.
    """
    if data.areas is None or data.areas.empty:
        return None
    key = _upload_key("areas")
    return area_series_table() if key is None else _merged_index(key, data.areas)


def session_verified(data: Dataset) -> pd.DataFrame:
    """Return this session's Russian and Ukrainian claims checked against the tracker.

    Parameters
    ----------
    data : Dataset
        From :func:`session_dataset`.

    Returns
    -------
    pandas.DataFrame
        :func:`geo.verify.verify_claims` of the claims, settlements and areas
        this session sees, indexed by ``claim_id``: shared when it has
        uploaded none of them.
    """
    keys = [_upload_key(kind) for kind in ("settlements", "claims", "areas")]
    if not any(keys):
        shared = verified_table()
        if shared is not None:
            return shared
    return _session_verified(tuple(k for key in keys if key for k in key), data)


@st.cache_resource(max_entries=16)
def _session_verified(key: tuple[str, ...], _data: Dataset) -> pd.DataFrame:
    """Verify a session's merged claims once per distinct set of uploads (keyed by their digests)."""
    return verified_by_id(_data)
