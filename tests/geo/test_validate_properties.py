"""Property-based tests: whatever a file holds, the validator answers with problems, never a crash."""

from __future__ import annotations

import json
import math
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.errors import DataError
from geo.escape import REPLACEMENT, html_text, shown_text
from geo.io import check_file, load_layer
from tests.conftest import FIXED_TODAY, TEST_DATA
from tests.hostile_data import poison_features
from tests.payloads import LONE_SURROGATE, SCRIPT_PAYLOADS

TINY = TEST_DATA / "tiny"
KINDS = ("settlements", "claims", "events")
POINTS = {"alpha": (35.25, 51.2), "bravo": (35.3, 51.1)}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["2025-02-30", "2025-04-26", "ru_mod", "contested", "javascript:alert(1)", "https://x.org", "∞"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20,
)


def _features(kind):
    return json.loads((TINY / f"{kind}.geojson").read_text(encoding="utf-8"))["features"]


def _check(raw, kind):
    checked = check_file(raw, "fuzz.geojson", kind, settlements=POINTS, today=FIXED_TODAY)
    for problem in checked.problems:
        assert problem.file == "fuzz.geojson"
        assert problem.reason
    assert {r["_index"] for r in checked.records}.isdisjoint(checked.bad_indexes)
    return checked


@SETTINGS
@given(raw=st.binary(max_size=300), kind=st.sampled_from(KINDS))
def test_random_bytes(raw, kind):
    checked = _check(raw, kind)
    assert checked.records == [] or checked.problems == [] or checked.bad_indexes


@SETTINGS
@given(value=json_values, kind=st.sampled_from(KINDS))
def test_random_json_documents(value, kind):
    _check(json.dumps(value).encode(), kind)


@SETTINGS
@given(
    kind=st.sampled_from(KINDS),
    which=st.integers(min_value=0, max_value=1),
    field=st.text(min_size=1, max_size=20) | st.sampled_from(["id", "claim_date", "status", "claimant", "geo_precision",
                                                              "source_url", "event_type", "settlement_id", "aliases"]),
    value=json_values,
)  # fmt: skip
def test_one_mutated_property(kind, which, field, value):
    features = _features(kind)
    features[which]["properties"][field] = value
    checked = _check(json.dumps({"type": "FeatureCollection", "features": features}).encode(), kind)
    assert len(checked.records) + len(checked.bad_indexes) == len(features)


@SETTINGS
@given(kind=st.sampled_from(KINDS), geometry=json_values, lon=st.floats(), lat=st.floats())
def test_mutated_geometry(kind, geometry, lon, lat):
    features = _features(kind)
    features[0]["geometry"] = geometry
    features[-1]["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
    raw = json.dumps({"type": "FeatureCollection", "features": features}).encode()  # NaN/inf become NaN/Infinity
    checked = _check(raw, kind)
    if not (math.isfinite(lon) and math.isfinite(lat)):
        assert checked.problems


@SETTINGS
@given(kind=st.sampled_from(KINDS), cut=st.integers(min_value=0, max_value=2000))
def test_truncated_files_raise_only_data_error(tmp_path_factory, kind, cut):
    raw = (TINY / f"{kind}.geojson").read_bytes()[:cut]
    path = tmp_path_factory.mktemp("fuzz") / f"{kind}.geojson"
    path.write_bytes(raw)
    try:
        load_layer(path, kind, settlements=POINTS, today=FIXED_TODAY)
    except DataError as err:
        assert str(err).startswith(("1 problem", "2 problems")) or "problems in" in str(err)
    except Exception as err:
        pytest.fail(f"{type(err).__name__} escaped the validator: {err}")


# --- script-context payloads: accepted as text, kept, and never able to act as code ------------------------

payload_text = st.sampled_from([*SCRIPT_PAYLOADS.values(), LONE_SURROGATE]) | st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=30
)


@SETTINGS
@given(kind=st.sampled_from(KINDS), payload=payload_text)
def test_script_payloads_in_every_text_field_are_accepted_and_kept(kind, payload):
    features = poison_features(_features(kind), kind, payload)
    raw = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=True).encode()
    checked = check_file(raw, "poisoned.geojson", kind, today=FIXED_TODAY)
    assert checked.problems == [] and len(checked.records) == len(features)
    for record in checked.records:
        texts = [v for v in record.values() if isinstance(v, str)]
        assert any(re.sub("[\ud800-\udfff]", REPLACEMENT, payload) in text for text in texts) or not payload.strip()
        for text in texts:
            text.encode("utf-8")  # no unpaired surrogate survives loading
            assert not [ch for ch in "`${}\\" if ch in html_text(text)]


@SETTINGS
@given(payload=payload_text)
@example(payload="{%")  # found by this test: branca re-read the layer's script as a Jinja template
@example(payload="{{ 7*7 }}")
def test_settlement_and_event_layers_stay_whole_with_payloads(payload):
    from geo.agreement import status_on
    from geo.claims import RankedClaims
    from geo.io import to_frame
    from geo.map import event_layer, settlement_layer

    frames = {}
    for kind in KINDS:
        features = poison_features(_features(kind), kind, payload)
        raw = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=True).encode()
        frames[kind] = to_frame(check_file(raw, "poisoned.geojson", kind, today=FIXED_TODAY).records, kind)
    table = status_on(frames["settlements"], RankedClaims.from_claims(frames["claims"]), FIXED_TODAY)
    for group in (settlement_layer(table), event_layer(frames["events"])):
        script = _render(group)
        for literal in re.findall(r"`(?:[^`\\]|\\.)*`", script, flags=re.S):
            assert "${" not in literal
        for args in re.findall(r'Contested\["settlementLayout"\]\(\w+, (.*)\);', script):
            assert all(shown_text(payload).strip() in name for name in json.loads(args)["names"])  # as text


def _render(group):
    import folium

    fmap = folium.Map(tiles=None)
    group.add_to(fmap)
    return fmap.get_root().render()
