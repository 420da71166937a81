"""Uploads: checked against the session's data, merged without touching any file."""

from __future__ import annotations

import hashlib
import json

import pytest

from geo.export import layer_to_geojson
from geo.io import check_file, load_dataset
from geo.merge import MAX_UPLOAD_BYTES, apply_uploads, check_upload
from tests.conftest import FIXED_TODAY, TEST_DATA

TINY = TEST_DATA / "tiny"


@pytest.fixture(scope="module")
def base():
    return load_dataset(TINY, today=FIXED_TODAY)


def _collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _settlement(sid, lon=35.6, lat=51.0, **extra):
    props = {"id": sid, "name": sid.title(), "name_ru": sid, "oblast": "Kursk", "district": "Test", "geo_precision": 1,
             "gazetteer": "test", **extra}  # fmt: skip
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def test_extend_adds_new_settlements(base):
    upload = check_upload(_collection(_settlement("echo")), "mine.geojson", "settlements", base, today=FIXED_TODAY)
    assert not upload.rejected and upload.problems == []
    merged = apply_uploads(base, [upload])
    assert list(merged.settlements["id"]) == ["alpha", "bravo", "charlie", "delta", "echo"]
    assert len(base.settlements) == 4, "the base dataset is not changed"


def test_keep_valid_drops_bad_features_and_says_which(base):
    raw = _collection(_settlement("echo"), _settlement("foxtrot", lon=200.0), _settlement("alpha"))
    upload = check_upload(raw, "mine.geojson", "settlements", base, keep_valid=True, today=FIXED_TODAY)
    assert not upload.rejected
    assert [r["id"] for r in upload.records] == ["echo"]
    assert upload.dropped == [1, 2]
    assert "already in the loaded settlements" in str(upload.problems[-1])


def test_reject_whole_file_on_any_problem(base):
    raw = _collection(_settlement("echo"), _settlement("foxtrot", lon=200.0))
    upload = check_upload(raw, "mine.geojson", "settlements", base, keep_valid=False, today=FIXED_TODAY)
    assert upload.rejected and upload.records == []
    assert apply_uploads(base, [upload]).settlements.equals(base.settlements)


def test_replace_swaps_the_layer(base):
    upload = check_upload(
        _collection(_settlement("alpha")), "mine.geojson", "settlements", base, mode="replace", today=FIXED_TODAY
    )
    assert list(apply_uploads(base, [upload]).settlements["id"]) == ["alpha"]


def test_uploaded_claims_must_point_at_known_settlements(base):
    claim = json.loads((TINY / "claims.geojson").read_text(encoding="utf-8"))["features"][0]
    claim["properties"] = {**claim["properties"], "id": "new-claim", "settlement_id": "echo"}
    first = check_upload(_collection(claim), "c.geojson", "claims", base, today=FIXED_TODAY)
    assert first.rejected and "no settlement with id 'echo'" in str(first.problems[0])
    with_echo = apply_uploads(
        base,
        [
            check_upload(
                _collection(_settlement("echo", 35.25, 51.2)), "s.geojson", "settlements", base, today=FIXED_TODAY
            )
        ],
    )
    second = check_upload(_collection(claim), "c.geojson", "claims", with_echo, today=FIXED_TODAY)
    assert not second.rejected
    merged = apply_uploads(with_echo, [second])
    assert merged.claims.set_index("id").loc["new-claim", "side"] == "ua"


def test_upload_size_limit(base):
    raw = b" " * (MAX_UPLOAD_BYTES + 1)
    upload = check_upload(raw, "huge.geojson", "events", base, today=FIXED_TODAY)
    assert upload.rejected and "the limit is 10,485,760" in str(upload.problems[0])


def test_checking_never_changes_the_bytes(base):
    raw = (TEST_DATA / "crs" / "claims_web_mercator.geojson").read_bytes()
    before = hashlib.sha256(raw).hexdigest()
    check_upload(raw, "c.geojson", "claims", base, mode="replace", today=FIXED_TODAY)
    assert hashlib.sha256(raw).hexdigest() == before


def test_unknown_mode_is_a_programming_error(base):
    with pytest.raises(ValueError, match="unknown kind"):
        check_upload(b"{}", "x", "claims", base, mode="overwrite")


@pytest.mark.parametrize("kind", ["settlements", "claims", "events"])
def test_layers_round_trip_through_geojson(base, kind):
    frame = getattr(base, kind)
    again = check_file(layer_to_geojson(frame, kind), f"{kind}.geojson", kind, today=FIXED_TODAY)
    assert again.problems == []
    assert [r["id"] for r in again.records] == list(frame["id"])
