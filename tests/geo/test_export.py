"""CSV and GeoJSON exports of the status table."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from geo.agreement import status_on
from geo.export import to_csv, to_geojson
from geo.io import load_dataset
from tests.conftest import FIXED_TODAY, TEST_DATA

DAY = date(2025, 3, 14)


@pytest.fixture(scope="module")
def table():
    data = load_dataset(TEST_DATA / "tiny", today=FIXED_TODAY)
    return status_on(data.settlements, data.claims, DAY)


def test_csv_has_one_row_per_settlement_with_sources(table):
    rows = list(csv.DictReader(io.StringIO(to_csv(table, DAY).decode("utf-8"))))
    assert [r["settlement_id"] for r in rows] == ["alpha", "bravo", "charlie", "delta"]
    alpha = rows[0]
    assert alpha["as_of"] == "2025-03-14"
    assert alpha["ru_status"] == "ru_control" and alpha["ru_source_url"] == "https://example.org/a-ru-1"
    assert alpha["ru_claim_date"] == "2025-03-13"
    assert alpha["ua_status"] == "contested" and alpha["ua_source_outlet"] == "Fixture Times"
    assert alpha["agreement"] == "disagree"
    assert rows[3]["ru_status"] == "" and rows[3]["agreement"] == "no_claims"


def test_csv_defuses_spreadsheet_formulas(table):
    hostile = table.assign(name='=HYPERLINK("http://evil","x")')
    rows = list(csv.DictReader(io.StringIO(to_csv(hostile, DAY).decode("utf-8"))))
    assert rows[0]["name"].startswith("'=")


def test_geojson_is_a_feature_collection_of_points(table):
    data = json.loads(to_geojson(table, DAY))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 4
    alpha = data["features"][0]
    assert alpha["geometry"] == {"type": "Point", "coordinates": [35.25, 51.2]}
    assert alpha["properties"]["ru_statement"] == "Fixture statement a-ru-1."
    assert alpha["properties"]["independent_status"] == "not_marked"
    assert data["features"][3]["properties"]["ua_status"] is None
