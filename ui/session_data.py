"""The data one browser session sees: the shipped dataset plus that session's own uploads.

Uploads live in ``st.session_state`` as checked records (plain values) and
are never written to disk; the shipped dataset comes from the shared cache in
:mod:`ui.data`, so sessions share it and only their uploads are per session.
"""

from __future__ import annotations

import streamlit as st

from geo.errors import Problem
from geo.io import Dataset
from geo.merge import Upload, apply_uploads
from ui.data import dataset

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
