"""Fixtures for the browser tests: one dashboard server and one Chromium per module."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.harness import launch, streamlit_server


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
