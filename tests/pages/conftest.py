"""Helpers for AppTest: pages are run through app.py, as users reach them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def app_at(page: str, **params: str) -> AppTest:
    """An AppTest of app.py switched to ``page`` with query parameters set, not yet run.

    st.page_link needs the pages that app.py gives st.navigation, so pages are not run on their own.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    return at


def village_list(at: AppTest):
    """The map page's "Find a village" list (the page re-creates it under a new key to show a click)."""
    boxes = [box for box in at.selectbox if box.label.startswith("Find a village")]
    assert len(boxes) == 1, [box.label for box in at.selectbox]
    return boxes[0]
