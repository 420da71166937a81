"""Contested: the dashboard's entry point. Page config and routing only."""

import streamlit as st

from ui.routes import PAGES

st.set_page_config(page_title="Contested: Kursk and Belgorod claims", page_icon="⚖️", layout="wide")
page = st.navigation(PAGES, position="hidden")
# Our own sidebar links: Streamlit's built-in list sometimes shows the pages/ folder's file names instead.
with st.sidebar:
    st.markdown("**Contested**")
    for link in PAGES:
        st.page_link(link)
page.run()
