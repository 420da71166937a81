"""The app's pages: app.py routes them, and pages link to each other through them.

Each script run gets new ``st.Page`` objects from these functions. A page
object remembers that it has been run (``st.navigation`` marks the chosen one
callable, ``run()`` unmarks it), so one object shared by every session lets two
sessions that start at the same moment trip over each other: the second
``run()`` fails with "This page cannot be called directly". The 20-session
benchmark found it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

_PAGES = Path(__file__).resolve().parent.parent / "pages"


def map_page() -> StreamlitPage:
    """Return the map page, the default one."""
    return st.Page(_PAGES / "map.py", title="Map", icon=":material/map:", url_path="map", default=True)


def claims_page() -> StreamlitPage:
    """Return the claims page: one settlement side by side, all settlements, two dates."""
    return st.Page(_PAGES / "claims.py", title="Claims side by side", icon=":material/compare:", url_path="claims")


def data_page() -> StreamlitPage:
    """Return the data page: what is loaded, and the user's own files."""
    return st.Page(_PAGES / "data.py", title="Data and your files", icon=":material/database:", url_path="data")


def all_pages() -> list[StreamlitPage]:
    """Return every page, in the order of the sidebar, as new objects for this script run."""
    return [map_page(), claims_page(), data_page()]
