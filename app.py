"""Contested: the dashboard's entry point. Page config and routing only."""

import streamlit as st

from ui.routes import all_pages

st.set_page_config(page_title="Contested: Kursk and Belgorod claims", page_icon="⚖️", layout="wide")
pages = all_pages()  # new objects every run: see ui/routes.py
page = st.navigation(pages, position="hidden")
# Our own sidebar links: Streamlit's built-in list sometimes shows the pages/ folder's file names instead.
with st.sidebar:
    st.markdown("**Contested**")
    for link in pages:
        st.page_link(link)
page.run()
