"""The data one browser session sees: the shipped dataset plus that session's own uploads.

Uploads live in ``st.session_state`` as checked records (plain values) and
are never written to disk; the shipped dataset comes from the shared cache in
:mod:`ui.data`, so sessions share it and only their uploads are per session.
"""

from __future__ import annotations

import streamlit as st

from geo.errors import Problem
from geo.event_index import EventIndex
from geo.io import Dataset
from geo.merge import Upload, apply_uploads
from ui.data import dataset, events_index

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


@st.cache_resource(max_entries=16)
def _merged_index(key: tuple[str, ...], _events: object) -> EventIndex:
    """Index a session's merged events once per distinct set of uploads (keyed by their digests)."""
    del key  # the cache key; the frame itself is not hashed
    return EventIndex.from_events(_events)


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
    event_uploads = [u for u in uploads() if u.kind == "events" and not u.rejected]
    if not event_uploads:
        return events_index()
    key = tuple(f"{u.digest}:{u.mode}" for u in event_uploads)
    return _merged_index(key, data.events)
