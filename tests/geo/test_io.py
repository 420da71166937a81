"""Loading a whole data folder into frames."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from geo.errors import DataError
from geo.io import detect_kind, load_dataset, parse_feature_collection
from tests.conftest import FIXED_TODAY, TEST_DATA


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_tiny_dataset_loads_with_derived_columns(tiny_dir):
    dataset = load_dataset(tiny_dir, today=FIXED_TODAY)
    assert list(dataset.settlements["id"]) == ["alpha", "bravo", "charlie", "delta"]
    assert dataset.settlements.crs.to_epsg() == 4326
    claims = dataset.claims.set_index("id")
    assert claims.loc["a-ru-1", "side"] == "ru"
    assert claims.loc["a-ind-1", "side"] == "independent"
    assert claims.loc["a-ua-1", "claimant_label"] == "Ukrainian President"
    assert claims.loc["b-ua-1", "scope"] == "area"
    assert claims.loc["a-ua-1", "scope"] == "settlement"
    assert str(claims["claim_date"].dtype).startswith("datetime64")
    assert dataset.events.set_index("id").loc["ev-2", "geo_precision"] == 3


def test_loading_never_changes_the_files(tiny_dir, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(tiny_dir, copy)
    before = _digests(copy)
    load_dataset(copy, today=FIXED_TODAY)
    assert _digests(copy) == before


def test_dataset_reports_problems_of_claims_and_events_together(tiny_dir, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(tiny_dir, copy)
    shutil.copy(TEST_DATA / "bad" / "unknown_status.geojson", copy / "claims.geojson")
    shutil.copy(TEST_DATA / "bad" / "event_wrong_subtype.geojson", copy / "events.geojson")
    with pytest.raises(DataError) as info:
        load_dataset(copy, today=FIXED_TODAY)
    files = {p.file for p in info.value.problems}
    assert files == {"claims.geojson", "events.geojson"}


@pytest.mark.parametrize(("name", "kind"), [("settlements", "settlements"), ("claims", "claims"), ("events", "events")])
def test_detect_kind(tiny_dir, name, kind):
    features = parse_feature_collection((tiny_dir / f"{name}.geojson").read_bytes(), name).features
    assert detect_kind(features) == kind
