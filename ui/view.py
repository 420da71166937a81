"""What the pages share within a browser session: the selected date and settlement.

Each page owns its widgets; when the user moves between pages, the new page
starts from the share link if there is one, else from what the other page
last showed. Only plain values are kept in ``st.session_state``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import streamlit as st

_DAY, _SETTLEMENT = "shared_as_of", "shared_settlement"


def remember(as_of: date, settlement: str | None) -> None:
    """Record the date and settlement the current page shows."""
    st.session_state[_DAY] = as_of
    st.session_state[_SETTLEMENT] = settlement


def remembered(default_day: date) -> tuple[date, str | None]:
    """Return the date and settlement last shown on any page, or ``default_day`` and None."""
    return st.session_state.get(_DAY, default_day), st.session_state.get(_SETTLEMENT)


def settlement_label(name: str, name_ru: str, aliases: Iterable[str]) -> str:
    """Label a settlement with its other spellings, so the select box's search finds any of them.

    Parameters
    ----------
    name, name_ru : str
        English and Russian names.
    aliases : iterable of str
        Other spellings.

    Returns
    -------
    str
        e.g. ``"Gornal (Горналь; Gornal', Hornal)"``.
    """
    others = [a for a in dict.fromkeys([name_ru, *aliases]) if a and a != name]
    return f"{name} ({'; '.join(others)})" if others else name


def sync_query_params(params: dict[str, str], owned: Iterable[str]) -> None:
    """Mirror the page's state into the URL, touching only keys that changed.

    Parameters
    ----------
    params : dict
        The values to show, as ISO strings.
    owned : iterable of str
        Every key this page manages; owned keys absent from ``params`` are removed.
    """
    current = st.query_params
    for key in owned:
        if key in params:
            if current.get(key) != params[key]:
                current[key] = params[key]
        elif key in current:
            del current[key]
