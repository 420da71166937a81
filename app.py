"""Contested: the dashboard's entry point. Page config and routing only."""

import streamlit as st

st.set_page_config(page_title="Contested: Kursk and Belgorod claims", page_icon="⚖️", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/map.py", title="Map", icon=":material/map:", url_path="map", default=True),
        st.Page("pages/claims.py", title="Claims side by side", icon=":material/compare:", url_path="claims"),
    ]
)
navigation.run()
