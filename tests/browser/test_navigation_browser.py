"""A share link is the first thing a fresh server sees: it must still get the app's navigation and layout."""

from __future__ import annotations

import pytest

from tests.browser.harness import offline_page, streamlit_server

pytestmark = pytest.mark.browser


def test_first_request_to_a_deep_link_is_routed_through_app_py(browser):
    with streamlit_server() as base:  # a new server: no session has run app.py yet
        blocked: list[str] = []
        page = offline_page(browser, blocked)
        page.goto(f"{base}/claims?settlement=gornal&date=2025-04-27")
        page.get_by_role("heading", name="Gornal").wait_for(timeout=30_000)
        sidebar = page.locator("[data-testid=stSidebar]")
        for title in ("Map", "Claims side by side", "Data and your files"):
            sidebar.get_by_text(title, exact=True).wait_for(timeout=10_000)
        assert page.title() == "Contested: Kursk and Belgorod claims"
        page.close()
