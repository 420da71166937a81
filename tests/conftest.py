"""Shared fixtures: paths to test data and to the optional reference folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
REFERENCE = ROOT.parent / "shared" / "reference"
FIXED_TODAY = date(2026, 1, 1)


@pytest.fixture
def tiny_dir() -> Path:
    return TEST_DATA / "tiny"


@pytest.fixture
def reference_dir() -> Path:
    if not REFERENCE.is_dir():
        pytest.skip(f"reference data not found at {REFERENCE} (it lives in ../shared/reference beside the repo)")
    return REFERENCE
