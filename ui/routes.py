"""The app's pages, defined once: app.py routes them, and pages link to each other through them."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_PAGES = Path(__file__).resolve().parent.parent / "pages"

MAP_PAGE = st.Page(_PAGES / "map.py", title="Map", icon=":material/map:", url_path="map", default=True)
CLAIMS_PAGE = st.Page(_PAGES / "claims.py", title="Claims side by side", icon=":material/compare:", url_path="claims")
DATA_PAGE = st.Page(_PAGES / "data.py", title="Data and your files", icon=":material/database:", url_path="data")
PAGES = [MAP_PAGE, CLAIMS_PAGE, DATA_PAGE]
