"""Contested: the dashboard's entry point. Page config and routing only."""

import streamlit as st

from ui.routes import all_pages
from ui.settings import PAGE_CSS

st.set_page_config(page_title="Contested: Kursk and Belgorod claims", page_icon="⚖️", layout="wide")
st.html(PAGE_CSS)  # a real CSS file (Streamlit wraps it in a style element): less space above the map
pages = all_pages()  # new objects every run: see ui/routes.py
page = st.navigation(pages, position="top")  # links in the header: the map gets the sidebar's width
page.run()
