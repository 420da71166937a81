"""Every validation rule, driven by the hand-made bad files in tests/data/bad/."""

from __future__ import annotations

import json
import re

import pytest

from geo.errors import DataError
from geo.io import check_file, load_layer, settlement_points
from tests.conftest import FIXED_TODAY, TEST_DATA

BAD = TEST_DATA / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tiny_points() -> dict[str, tuple[float, float]]:
    return settlement_points(load_layer(TEST_DATA / "tiny" / "settlements.geojson", "settlements", today=FIXED_TODAY))


def test_corpus_is_complete():
    on_disk = {p.name for p in BAD.glob("*.geojson")}
    assert on_disk == set(EXPECTED), "every bad file needs an expected outcome, and vice versa"
    assert len(on_disk) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_reports_exactly_its_problems(name, tiny_points):
    spec = EXPECTED[name]
    checked = check_file((BAD / name).read_bytes(), name, spec["kind"], settlements=tiny_points, today=FIXED_TODAY)
    got = checked.problems
    assert len(got) == len(spec["problems"]), [str(p) for p in got]
    for problem, want in zip(got, spec["problems"], strict=True):
        assert problem.file == name
        assert problem.index == want["index"], str(problem)
        assert problem.field == want["field"], str(problem)
        assert re.search(re.escape(want["match"]), problem.reason), str(problem)
    flagged = {want["index"] for want in spec["problems"] if want["index"] is not None}
    assert flagged <= checked.bad_indexes
    assert not flagged & {record["_index"] for record in checked.records}


@pytest.mark.parametrize("name", ["unknown_claimant.geojson", "duplicate_ids.geojson", "swapped_lonlat.geojson"])
def test_load_layer_raises_data_error_naming_file_feature_and_field(name, tiny_points):
    spec = EXPECTED[name]
    with pytest.raises(DataError) as info:
        load_layer(BAD / name, spec["kind"], settlements=tiny_points, today=FIXED_TODAY)
    want = spec["problems"][0]
    message = str(info.value)
    assert name in message
    assert f"feature {want['index']}" in message
    assert f"field '{want['field']}'" in message


def test_five_problems_are_all_reported_with_ids(tiny_points):
    with pytest.raises(DataError, match=r"5 problems in five_problems\.geojson") as info:
        load_layer(BAD / "five_problems.geojson", "claims", settlements=tiny_points, today=FIXED_TODAY)
    ids = [p.feature_id for p in info.value.problems]
    assert ids == ["p-1", "p-2", "p-3", "p-4", "p-5"]


def test_valid_features_survive_beside_bad_ones(tiny_points):
    checked = check_file((BAD / "mixed_geometry.geojson").read_bytes(), "m", "settlements", today=FIXED_TODAY)
    assert [r["id"] for r in checked.records] == ["alpha"]
    assert checked.bad_indexes == {1}


def test_wgs84_crs_declaration_is_accepted(tmp_path, tiny_points):
    good = json.loads((TEST_DATA / "tiny" / "claims.geojson").read_text(encoding="utf-8"))
    good["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    path = tmp_path / "claims.geojson"
    path.write_text(json.dumps(good), encoding="utf-8")
    frame = load_layer(path, "claims", settlements=tiny_points, today=FIXED_TODAY)
    assert len(frame) == len(good["features"])


def test_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.io.geojson.MAX_FILE_BYTES", 100)
    path = tmp_path / "big.geojson"
    path.write_bytes(b" " * 101)
    with pytest.raises(DataError, match=r"big\.geojson: is 101 bytes; the limit is 100"):
        load_layer(path, "claims")


def test_too_many_features_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.io.geojson.MAX_FEATURES", 1)
    source = (TEST_DATA / "tiny" / "settlements.geojson").read_bytes()
    path = tmp_path / "settlements.geojson"
    path.write_bytes(source)
    with pytest.raises(DataError, match="features; the limit is 1"):
        load_layer(path, "settlements")


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match=r"nothing\.geojson: cannot be read"):
        load_layer(tmp_path / "nothing.geojson", "claims")


def test_a_declared_projected_crs_is_reprojected(tiny_points):
    raw = (TEST_DATA / "crs" / "claims_web_mercator.geojson").read_bytes()
    checked = check_file(raw, "claims_web_mercator.geojson", "claims", settlements=tiny_points, today=FIXED_TODAY)
    assert checked.problems == []
    assert len(checked.records) == 13
    assert any("reprojected 13 point(s) from EPSG:3857" in note for note in checked.notes)
    alpha = next(r for r in checked.records if r["id"] == "a-ru-1")
    assert alpha["lon"] == pytest.approx(35.25, abs=1e-6) and alpha["lat"] == pytest.approx(51.2, abs=1e-6)
