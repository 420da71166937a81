"""Contested: the dashboard's entry point. Page config and routing only."""

import streamlit as st

from ui.routes import PAGES

st.set_page_config(page_title="Contested: Kursk and Belgorod claims", page_icon="⚖️", layout="wide")
st.navigation(PAGES).run()
