"""AppTest of the status page, on the tiny fixture and on broken data."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TEST_DATA

PAGE = str(ROOT / "pages" / "status.py")


@pytest.fixture
def tiny_env(monkeypatch):
    monkeypatch.setenv("CONTESTED_DATA", str(TEST_DATA / "tiny"))


def test_status_page_shows_one_row_per_settlement(tiny_env):
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["name"]) == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_changing_the_date_changes_the_claims(tiny_env):
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.date_input[0].set_value(date(2025, 3, 14)).run()
    row = at.dataframe[0].value.set_index("name").loc["Alpha"]
    assert row["russia"] == "Russian control"
    assert row["agreement_label"] == "The sides disagree"
    at.date_input[0].set_value(date(2024, 8, 15)).run()
    row = at.dataframe[0].value.set_index("name").loc["Alpha"]
    assert row["russia"] is None or row["russia"] != row["russia"]  # no Russian claim yet (missing)
    assert row["agreement_label"] == "Only one side has spoken"


def test_broken_data_shows_problems_and_keeps_running(monkeypatch, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(TEST_DATA / "tiny", folder)
    shutil.copy(TEST_DATA / "bad" / "five_problems.geojson", folder / "claims.geojson")
    monkeypatch.setenv("CONTESTED_DATA", str(folder))
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception
    assert "failed validation" in at.error[0].value
    assert "claims.geojson: feature 2 (id 'p-3'): field 'source_url'" in at.code[0].value
