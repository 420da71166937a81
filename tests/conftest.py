"""Shared fixtures: paths to test data and to the optional reference folder."""

from __future__ import annotations

import hashlib
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


def _digests(*folders: Path) -> dict[str, str]:
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(autouse=True)
def data_files_are_never_changed():
    """After every test, data/ and the test inputs (the files tests upload) are byte-identical."""
    folders = (ROOT / "data", TEST_DATA)
    before = _digests(*folders)
    yield
    assert _digests(*folders) == before, "a test changed files under data/ or tests/data/"
